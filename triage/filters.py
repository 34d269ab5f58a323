"""The queue's filters (GET), each written so PostgreSQL can answer it from an index."""

import re
from datetime import datetime, time, timedelta

import django_filters
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Div, Field, Layout, Size
from django import forms
from django.db import connection
from django.db.models import Exists, F, OuterRef, QuerySet
from django.utils import timezone
from django.utils.functional import cached_property

from cpi.forms import DATE_FILTER_CONTEXT, GovUKDateFilter, date_order_check
from links.selectors import submissions_linked_to
from submissions.models import (
    CATEGORY_BITS,
    Category,
    Priority,
    Risk,
    Status,
    Subject,
    Submission,
    SubmissionCategory,
)
from triage.clocks import Rag, rag_condition

REFERENCE_SEARCH = re.compile(r"^(?:CPI-?)?([2-9A-Z]{4})-?([2-9A-Z]{4})$")


class AssignedChoice:
    ME = "me"
    UNASSIGNED = "unassigned"
    CHOICES = [(ME, "Assigned to me"), (UNASSIGNED, "Unassigned")]


def _start_of_day(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


class QueueFilterForm(forms.Form):
    @cached_property
    def helper(self) -> FormHelper:
        """Built when the form is rendered: most queue pages take the form's HTML from
        queue_filter_fields' cache and never read it (issue 17: building the layout on every
        page was ~1 ms of CPU)."""
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        quarter = "govuk-grid-column-one-quarter"
        half = "govuk-grid-column-one-half"
        # Every filter's label the same weight as the text boxes' (a select's size goes in the
        # context), as on the audit trail.
        small = {"label_size": Size.for_label(Size.SMALL)}
        helper.layout = Layout(
            Div(
                Div(Field.text("q", label_size=Size.SMALL), css_class="govuk-grid-column-one-half"),
                Div(Field("status", context=small), css_class=quarter),
                Div(Field("due", context=small), css_class=quarter),
                css_class="govuk-grid-row",
            ),
            Div(
                Div(Field("risk", context=small), css_class=quarter),
                Div(Field("priority", context=small), css_class=quarter),
                Div(Field("assigned", context=small), css_class=quarter),
                Div(Field("sort", context=small), css_class=quarter),
                css_class="govuk-grid-row",
            ),
            Div(
                Div(Field("category", context=small), css_class=half),
                css_class="govuk-grid-row",
            ),
            Div(
                Div(Field("received_from", context=DATE_FILTER_CONTEXT), css_class=half),
                Div(Field("received_to", context=DATE_FILTER_CONTEXT), css_class=half),
                css_class="govuk-grid-row",
            ),
            Div(
                Div(Field.text("linked", label_size=Size.SMALL), css_class=half),
                css_class="govuk-grid-row",
            ),
        )
        return helper

    def clean(self):
        cleaned = super().clean()
        date_order_check(self, "received_from", "received_to")
        return cleaned


class QueueFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_search",
        label="Search by reference or name of person at risk",
    )
    status = django_filters.ChoiceFilter(choices=Status.choices, empty_label="Any status")
    category = django_filters.ChoiceFilter(
        choices=Category.choices,
        method="filter_category",
        empty_label="Any category",
        # A filter with a method and no label is named after a model field; there is none.
        label="Category",
    )
    risk = django_filters.ChoiceFilter(choices=Risk.choices, empty_label="Any risk")
    priority = django_filters.ChoiceFilter(choices=Priority.choices, empty_label="Any priority")
    assigned = django_filters.ChoiceFilter(
        choices=AssignedChoice.CHOICES,
        method="filter_assigned",
        empty_label="Anyone",
        label="Assigned to",
    )
    due = django_filters.ChoiceFilter(
        choices=Rag.choices, method="filter_due", empty_label="Any target state", label="Target"
    )
    linked = django_filters.CharFilter(
        method="filter_linked",
        label="Everything linked to",
        help_text="A registration, phone number, social media handle (with @) or name",
    )
    received_from = GovUKDateFilter(method="filter_received_from", label="Received from")
    received_to = GovUKDateFilter(method="filter_received_to", label="Received to")
    # Not a filter: the sort order travels with the filters so links keep both.
    sort = django_filters.ChoiceFilter(
        choices=[
            ("priority", "Priority, then overdue first"),
            ("due", "Due soonest first"),
            ("oldest", "Oldest first"),
            ("newest", "Newest first"),
        ],
        method="filter_nothing",
        empty_label=None,
        label="Sort by",
    )

    class Meta:
        model = Submission
        fields: list[str] = []
        form = QueueFilterForm

    def get_form_class(self):
        # The filters and their choices are the same on every request: build the form class
        # once, not per page (django-filter builds it per instance; the form still copies its
        # fields per instance, as every Django form does).
        form_class = type(self).__dict__.get("_form_class")
        if form_class is None:
            form_class = super().get_form_class()
            type(self)._form_class = form_class
        return form_class

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = " ".join(value.split())
        if not value:
            return queryset
        match = REFERENCE_SEARCH.match(value.upper())
        if match:
            # A reference: exact match on the unique index, however it was typed.
            return queryset.filter(reference=f"CPI-{match.group(1)}-{match.group(2)}")
        # A name: on PostgreSQL UPPER(name) LIKE '%...%' is answered by the trigram GIN index
        # (migration 0002); an IN (subquery) lets the planner start from the matching subjects.
        return queryset.filter(
            id__in=Subject.objects.filter(name__icontains=value).values("submission_id")
        )

    def filter_linked(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # Every submission holding the identifier, entered or mentioned (links app's index).
        return queryset.filter(id__in=submissions_linked_to(value)) if value.strip() else queryset

    def filter_category(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if connection.vendor == "postgresql":
            # A test on the row being read (category_mask, kept by triggers): walking the queue
            # order no longer probes the link table for every row until 50 match.
            bit = CATEGORY_BITS[value]
            return queryset.alias(category_bit=F("category_mask").bitand(bit)).filter(
                category_bit__gt=0
            )
        return queryset.filter(
            Exists(SubmissionCategory.objects.filter(submission=OuterRef("pk"), category=value))
        )

    def filter_assigned(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == AssignedChoice.ME:
            return queryset.filter(assigned_to=self.request.user)
        if value == AssignedChoice.UNASSIGNED:
            return queryset.filter(assigned_to__isnull=True)
        return queryset

    def filter_received_from(self, queryset: QuerySet, name: str, value) -> QuerySet:
        # A range on the column itself (not created_at::date) so the index can be used.
        return queryset.filter(created_at__gte=_start_of_day(value))

    def filter_received_to(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.filter(created_at__lt=_start_of_day(value + timedelta(days=1)))

    def filter_due(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(rag_condition(value, timezone.now()))

    def filter_nothing(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset
