"""The monthly partner report: a supervisor's page and its CSV. Producing either is audited."""

import csv
from datetime import date

from django.http import HttpResponse
from django.utils import timezone

from accounts.access import supervisor_required
from audit.models import Action
from audit.services import audit_event_record
from cpi.downloads import PROTECTIVE_MARKING, mark_download, spreadsheet_safe
from supervision.forms import ReportMonthForm
from supervision.partner_report import last_complete_month, monthly_report, report_csv_rows
from supervision.views import _render


def _month(request) -> tuple[ReportMonthForm, date]:
    """The month asked for (?month=YYYY-MM), or the last complete one."""
    default = last_complete_month(timezone.localdate())
    form = ReportMonthForm(request.GET or None, initial={"month": default.strftime("%Y-%m")})
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["month"]
    return form, default


def _produced(month: date, output: str) -> None:
    audit_event_record(
        action=Action.PARTNER_REPORT_PRODUCED,
        object_type="partner_report",
        object_id=month.strftime("%Y-%m"),
        details={"month": month.strftime("%Y-%m"), "format": output},
    )


@supervisor_required
def partner_report(request):
    form, month = _month(request)
    report = monthly_report(month)
    _produced(month, "page")
    return _render(
        request,
        "supervision/partner_report.html",
        {"section": "report", "form": form, "report": report},
    )


@supervisor_required
def partner_report_csv(request):
    _form, month = _month(request)
    report = monthly_report(month)
    _produced(month, "csv")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"{PROTECTIVE_MARKING}-partner-report-{month.strftime('%Y-%m')}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response)
    # Marked like every file that leaves the staff area, until someone decides to publish it.
    writer.writerow([PROTECTIVE_MARKING])
    for row in report_csv_rows(report):
        writer.writerow([spreadsheet_safe(value) for value in row])
    mark_download(response)
    return response
