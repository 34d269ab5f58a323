"""Supervisor pages: the audit trail (filtered, per submission, per person), its CSV export, and
the supervision dashboard. Every view is for supervisors only; handlers get 403.
"""

import csv
import json

from django.conf import settings
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.access import supervisor_required
from audit import charts, supervision
from audit.filters import TrailFilter, reference_normalise
from audit.models import Action, AuditEvent
from audit.selectors import staff_member_or_404, trail_page
from audit.services import audit_event_record
from submissions.models import Submission

CSV_COLUMNS = [
    "id",
    "time",
    "who",
    "action",
    "submission reference",
    "record type",
    "record id",
    "ip address",
    "details",
    "previous hash",
    "hash",
]


def _query_without(request, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def _render(request, template: str, context: dict):
    context["approval_enabled"] = settings.LOG_APPROVAL_REQUIRED
    return render(request, template, context)


@supervisor_required
def trail(request):
    filterset = TrailFilter(request.GET or None, queryset=AuditEvent.objects.all())
    queryset = filterset.qs if filterset.is_bound else AuditEvent.objects.all()
    if filterset.is_bound and not filterset.is_valid():
        queryset = AuditEvent.objects.none()
    page = trail_page(queryset, cursor=request.GET.get("before"))
    return _render(
        request,
        "audit/trail.html",
        {
            "filter": filterset,
            "page": page,
            "filters_query": _query_without(request, "before"),
        },
    )


class _Echo:
    """A file-like object whose write returns the line, so csv.writer can feed a stream."""

    def write(self, value):
        return value


def _csv_safe(value) -> str:
    # A cell starting with = + - @ is a formula in a spreadsheet: defuse it.
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv_rows(queryset):
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_COLUMNS)
    for event in queryset.order_by("id").iterator(chunk_size=2000):
        yield writer.writerow(
            [
                _csv_safe(v)
                for v in (
                    event.id,
                    event.created_at.isoformat(),
                    event.actor_username,
                    event.action,
                    event.submission_reference,
                    event.object_type,
                    event.object_id,
                    event.ip_address or "",
                    json.dumps(event.details, sort_keys=True),
                    event.previous_hash,
                    event.hash,
                )
            ]
        )


@supervisor_required
def trail_export(request):
    """The filtered trail as CSV, streamed so memory stays flat; the export is itself audited."""
    filterset = TrailFilter(request.GET or None, queryset=AuditEvent.objects.all())
    if filterset.is_bound and not filterset.is_valid():
        raise Http404
    queryset = filterset.qs if filterset.is_bound else AuditEvent.objects.all()
    filters = {
        k: str(v)
        for k, v in (filterset.form.cleaned_data if filterset.is_bound else {}).items()
        if v
    }
    audit_event_record(
        action=Action.AUDIT_EXPORTED,
        request=request,
        submission_reference=filters.get("reference", "")[:13],
        details={"filters": filters},
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(_csv_rows(queryset), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-trail-{stamp}.csv"'
    return response


@supervisor_required
def submission_timeline(request, reference: str):
    """The life of one submission, oldest first, from the trail alone."""
    reference = reference_normalise(reference)
    events = AuditEvent.objects.filter(submission_reference=reference)
    submission = Submission.objects.filter(reference=reference).only("reference", "status").first()
    if submission is None and not events.exists():
        raise Http404
    page = trail_page(events, cursor=request.GET.get("after"), newest_first=False)
    return _render(
        request,
        "audit/timeline.html",
        {"reference": reference, "submission": submission, "page": page},
    )


@supervisor_required
def user_trail(request, user_id: int):
    member = staff_member_or_404(user_id)
    page = trail_page(
        AuditEvent.objects.filter(actor_id=member.id), cursor=request.GET.get("before")
    )
    return _render(request, "audit/user.html", {"member": member, "page": page})


@supervisor_required
def dashboard(request):
    now = timezone.now()
    by_status = supervision.queue_by_status()
    by_category = supervision.open_by_category()
    overdue = supervision.overdue_by_priority(now)
    weeks = supervision.outcomes_by_week(timezone.localdate())
    series = supervision.outcome_series()
    reveals = supervision.reveals_by_handler(now)
    exports = supervision.exports_by_handler(now)
    oldest = supervision.oldest_unassigned()
    week_columns = [(start.strftime("%-d %b"), values) for start, values in weeks]
    context = {
        "by_status": by_status,
        "status_chart": charts.bar_chart(by_status),
        "by_category": by_category,
        "category_chart": charts.bar_chart(by_category, colour=charts.PALETTE[3]),
        "oldest_unassigned": oldest,
        "oldest_unassigned_age": (now - oldest) if oldest else None,
        "overdue": overdue,
        "overdue_total": sum(n for _, n in overdue),
        "overdue_chart": charts.bar_chart(overdue, colour=charts.PALETTE[2]),
        "overdue_items": supervision.overdue_items(now),
        "weeks": [
            (label, [values.get(key, 0) for key, _ in series], sum(values.values()))
            for label, values in week_columns
        ],
        "series": series,
        "outcome_chart": charts.stacked_chart(week_columns, series),
        "reveals": reveals,
        "reveals_chart": charts.bar_chart(
            [(username, n) for username, n, _ in reveals], colour=charts.PALETTE[4]
        ),
        "exports": exports,
        "exports_chart": charts.bar_chart(
            [(p["username"], p["total"]) for p in exports], colour=charts.PALETTE[1]
        ),
        "activity_days": supervision.ACTIVITY_DAYS,
        "targets": sorted(supervision.target_days().items()),
    }
    return _render(request, "audit/dashboard.html", context)
