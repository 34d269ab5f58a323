"""One queue page and one public form: what a careful Django developer would write, no more."""

import base64
import json
import uuid
from datetime import datetime, time, timedelta

from django import forms
from django.contrib.auth.decorators import login_not_required
from django.db.models import Exists, OuterRef, Prefetch
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import require_GET, require_http_methods

from bench.reference.models import (
    CATEGORIES,
    PRIORITIES,
    RISKS,
    STATUSES,
    Report,
    Subject,
    Submission,
    SubmissionCategory,
)

PAGE_SIZE = 50


def _blank(choices):
    return [("", "Any"), *choices]


class QueueFilterForm(forms.Form):
    q = forms.CharField(required=False)
    status = forms.ChoiceField(choices=_blank(STATUSES), required=False)
    category = forms.ChoiceField(choices=_blank(CATEGORIES), required=False)
    risk = forms.ChoiceField(choices=_blank(RISKS), required=False)
    priority = forms.TypedChoiceField(
        choices=_blank(PRIORITIES), coerce=int, required=False, empty_value=None
    )
    assigned = forms.ChoiceField(
        choices=[("", "Anyone"), ("me", "Assigned to me"), ("unassigned", "Unassigned")],
        required=False,
    )
    received_from = forms.DateField(required=False)
    received_to = forms.DateField(required=False)


def _day_start(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _filtered(queryset, data: dict, user):
    if data["q"]:
        value = data["q"].strip().upper()
        if value.startswith("CPI-"):
            queryset = queryset.filter(reference=value)
        else:
            names = Subject.objects.filter(name__icontains=data["q"].strip())
            queryset = queryset.filter(id__in=names.values("submission_id"))
    if data["status"]:
        queryset = queryset.filter(status=data["status"])
    if data["category"]:
        links = SubmissionCategory.objects.filter(
            submission=OuterRef("pk"), category=data["category"]
        )
        queryset = queryset.filter(Exists(links))
    if data["risk"]:
        queryset = queryset.filter(risk=data["risk"])
    if data["priority"] is not None:
        queryset = queryset.filter(priority=data["priority"])
    if data["assigned"] == "me":
        queryset = queryset.filter(assigned_to=user)
    elif data["assigned"] == "unassigned":
        queryset = queryset.filter(assigned_to__isnull=True)
    if data["received_from"]:
        queryset = queryset.filter(created_at__gte=_day_start(data["received_from"]))
    if data["received_to"]:
        queryset = queryset.filter(
            created_at__lt=_day_start(data["received_to"] + timedelta(days=1))
        )
    return queryset


def _cursor(row: Submission) -> str:
    values = [row.priority, row.created_at.isoformat(), str(row.id)]
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode()


def _after(queryset, cursor: str):
    try:
        priority, created, pk = json.loads(base64.urlsafe_b64decode(cursor))
        values = (int(priority), parse_datetime(created), uuid.UUID(pk))
    except (ValueError, TypeError):
        return queryset
    # (priority, created_at, id) > cursor as one row comparison: a range scan of the index.
    columns = Tuple("priority", "created_at", "id")
    return queryset.filter(TupleGreaterThan(columns, values))


@require_GET
def queue(request):
    form = QueueFilterForm(request.GET)
    queryset = Submission.objects.none()
    if form.is_valid():
        queryset = _filtered(Submission.objects.all(), form.cleaned_data, request.user)
    if request.GET.get("after"):
        queryset = _after(queryset, request.GET["after"])
    rows = list(
        queryset.select_related("assigned_to")
        .prefetch_related(
            Prefetch("categories", queryset=SubmissionCategory.objects.order_by("category"))
        )
        .order_by("priority", "created_at", "id")[: PAGE_SIZE + 1]
    )
    params = request.GET.copy()
    next_url = ""
    if len(rows) > PAGE_SIZE:
        rows = rows[:PAGE_SIZE]
        params["after"] = _cursor(rows[-1])
        next_url = f"?{params.urlencode()}"
    return render(request, "reference/queue.html", {"form": form, "rows": rows, "next": next_url})


@require_GET
def detail(request, reference):
    raise Http404  # linked from the queue; not part of the measure


class ReportForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = ["category", "name", "information"]


@login_not_required
@require_http_methods(["GET", "POST"])
def report(request):
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect("report_done")
    return render(request, "reference/report.html", {"form": form})


@login_not_required
@require_GET
def report_done(request):
    return render(request, "reference/report.html", {"done": True})
