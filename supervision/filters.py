"""The audit trail's filters (GET): who, which record, what, when, which request."""

import re
from datetime import datetime, time, timedelta

import django_filters
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Div, Field, Layout, Size
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone

from audit.models import Action, AuditEvent
from cpi.forms import DATE_FILTER_CONTEXT, GovUKDateFilter, date_order_check

REFERENCE_PATTERN = re.compile(r"^(?:CPI-?)?([0-9A-Z]{4})-?([0-9A-Z]{4})$")


def reference_normalise(value: str) -> str:
    """ "cpi-abcd-efgh", "ABCDEFGH" and "CPI-ABCD-EFGH" are the same reference."""
    value = "".join((value or "").split()).upper()
    match = REFERENCE_PATTERN.match(value)
    return f"CPI-{match.group(1)}-{match.group(2)}" if match else value


def _start_of_day(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


class TrailFilterForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        third = "govuk-grid-column-one-third"
        # Every filter's label the same weight (a select's label size goes in the context).
        small_label = {"label_size": Size.for_label(Size.SMALL)}
        self.helper.layout = Layout(
            Div(
                Div(Field("user", context=small_label), css_class=third),
                Div(Field.text("reference", label_size=Size.SMALL), css_class=third),
                Div(Field("action", context=small_label), css_class=third),
                css_class="govuk-grid-row",
            ),
            Div(
                Div(Field("date_from", context=DATE_FILTER_CONTEXT), css_class=third),
                Div(Field("date_to", context=DATE_FILTER_CONTEXT), css_class=third),
                Div(Field.text("request", label_size=Size.SMALL), css_class=third),
                css_class="govuk-grid-row",
            ),
        )

    def clean(self):
        cleaned = super().clean()
        date_order_check(self, "date_from", "date_to")
        return cleaned


def _user_choices():
    # Every account that could appear in the trail, including deactivated ones.
    users = get_user_model()._base_manager.order_by("username").values_list("pk", "username")
    return [(str(pk), username) for pk, username in users]


class TrailFilter(django_filters.FilterSet):
    user = django_filters.ChoiceFilter(
        choices=_user_choices, method="filter_user", empty_label="Anyone", label="Who"
    )
    reference = django_filters.CharFilter(method="filter_reference", label="Submission reference")
    action = django_filters.ChoiceFilter(
        choices=Action.choices, empty_label="Any action", label="What"
    )
    date_from = GovUKDateFilter(method="filter_date_from", label="From", noun="Date from")
    date_to = GovUKDateFilter(method="filter_date_to", label="To", noun="Date to")
    # Everything one request wrote: an action and the change-log entries it caused, side by side.
    request = django_filters.CharFilter(
        field_name="request_id", label="Request id", max_length=64, strip=True
    )

    class Meta:
        model = AuditEvent
        fields: list[str] = []
        form = TrailFilterForm

    def filter_user(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(actor_id=int(value))

    def filter_reference(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = reference_normalise(value)
        return queryset.filter(submission_reference=value) if value else queryset

    # Whole local days, as bounds on created_at so the index on it is used.
    def filter_date_from(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.filter(created_at__gte=_start_of_day(value))

    def filter_date_to(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.filter(created_at__lt=_start_of_day(value + timedelta(days=1)))
