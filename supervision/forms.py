from datetime import date

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.utils import timezone

from supervision.partner_report import last_complete_month
from triage.forms import ReviewForm


class ApprovalForm(ReviewForm):
    """A supervisor's decision on a sanitised log awaiting approval: triage's review, worded
    for logs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        decision = self.fields["decision"]
        decision.choices = [
            (self.APPROVE, "Approve the log"),
            (self.RETURN, "Return it to the handler"),
        ]
        decision.error_messages["required"] = "Select whether to approve or return the log"
        self.fields["comment"].widget.attrs["rows"] = 4
        self.helper.layout[0] = Field.radios("decision", legend_size=Size.MEDIUM)


REPORT_MONTHS = 24


def _report_months() -> list[tuple[str, str]]:
    """The last REPORT_MONTHS complete months, newest first, as ("2026-11", "November 2026")."""
    month = last_complete_month(timezone.localdate())
    months = []
    for _ in range(REPORT_MONTHS):
        months.append((month.strftime("%Y-%m"), month.strftime("%B %Y")))
        month = last_complete_month(month)
    return months


class ReportMonthForm(forms.Form):
    """Which month the partner report covers (GET)."""

    month = forms.ChoiceField(
        label="Month",
        choices=_report_months,
        error_messages={"invalid_choice": "Select a month from the list"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(Field.select("month", label_size=Size.SMALL))

    def clean_month(self) -> date:
        year, month = self.cleaned_data["month"].split("-")
        return date(int(year), int(month), 1)
