"""Supervisor pages: the audit trail (filtered, per submission, per person), its CSV export, and
the supervision dashboard. Every view is for supervisors only; handlers get 403.
"""

import csv
import json
import re

from django.conf import settings
from django.contrib import messages
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.access import supervisor_required
from accounts.reauth import recent_auth_required
from audit.models import Action, AuditEvent
from audit.selectors import TrailPage, trail_page
from audit.services import audit_event_record
from cpi.downloads import PROTECTIVE_MARKING, mark_download, spreadsheet_safe
from cpi.errors import DOMAIN_ERRORS, domain_error_show
from submissions.models import Submission
from submissions.references import REFERENCE_PATTERN
from supervision import charts, figures, timings
from supervision.filters import TrailFilter, reference_normalise
from supervision.forms import ApprovalForm
from supervision.selectors import (
    APPROVAL_LIST_LIMIT,
    approvals_shown,
    disclosures_for,
    log_awaiting_approval_or_404,
    logs_awaiting_approval,
    staff_member_or_404,
)
from triage.masking import event_summaries_mask, source_mask_for
from triage.services import submission_review

# The marking is the first column of every row (not a line above the header), so the file
# opens in a spreadsheet as a table and any part copied out of it still carries the marking.
CSV_COLUMNS = [
    "marking",
    "id",
    "time",
    "who",
    "action",
    "submission reference",
    "record type",
    "record id",
    "ip address",
    "request id",
    "details",
    "chain position",
    "previous hash",
    "hash",
]


def _query_without(request, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def _render(request, template: str, context: dict, status: int = 200):
    context["approval_enabled"] = settings.LOG_APPROVAL_REQUIRED
    context["approvals_shown"] = approvals_shown()
    return render(request, template, context, status=status)


@supervisor_required
def trail(request):
    filterset = TrailFilter(request.GET or None, queryset=AuditEvent.objects.all())
    queryset = filterset.qs if filterset.is_bound else AuditEvent.objects.all()
    if filterset.is_bound and not filterset.is_valid():
        queryset = AuditEvent.objects.none()
    page = trail_page(queryset, cursor=request.GET.get("before"))
    event_summaries_mask(request, page.events)
    return _render(
        request,
        "supervision/trail.html",
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


def _csv_rows(queryset):
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_COLUMNS)
    for event in queryset.order_by("id").iterator(chunk_size=2000):
        yield writer.writerow(
            [PROTECTIVE_MARKING]
            + [
                spreadsheet_safe(v)
                for v in (
                    event.id,
                    event.created_at.isoformat(),
                    event.actor_username,
                    event.action,
                    event.submission_reference,
                    event.object_type,
                    event.object_id,
                    event.ip_address or "",
                    event.request_id,
                    json.dumps(event.details, sort_keys=True),
                    event.chain_position or "",  # empty for the moment between commit and seal
                    event.previous_hash,
                    event.hash or "",
                )
            ]
        )


@supervisor_required
@recent_auth_required  # a file of who did what, staff addresses included, leaves the building
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
    # The reference filter is free text: only a real reference names a submission in the trail
    # (anything else, "https://x/e.php", broke every trail page's link to it). It stays in details.
    reference = filters.get("reference", "")
    audit_event_record(
        action=Action.AUDIT_EXPORTED,
        submission_reference=reference if re.fullmatch(REFERENCE_PATTERN, reference) else "",
        details={"filters": filters},
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(_csv_rows(queryset), content_type="text/csv; charset=utf-8")
    name = f"{PROTECTIVE_MARKING}-audit-trail-{stamp}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    mark_download(response)
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
    disclosures = TrailPage(events=disclosures_for(reference), next_cursor=None, newest_first=False)
    event_summaries_mask(request, [*page.events, *disclosures.events])
    return _render(
        request,
        "supervision/timeline.html",
        {
            "reference": reference,
            "submission": submission,
            "page": page,
            "disclosures": disclosures,
        },
    )


@supervisor_required
def user_trail(request, user_id: int):
    member = staff_member_or_404(user_id)
    page = trail_page(
        AuditEvent.objects.filter(actor_id=member.id), cursor=request.GET.get("before")
    )
    event_summaries_mask(request, page.events)
    return _render(request, "supervision/user.html", {"member": member, "page": page})


@supervisor_required
def dashboard(request):
    now = timezone.now()
    by_status = figures.queue_by_status()
    by_category = figures.open_by_category()
    overdue = figures.overdue_by_priority(now)
    weeks = figures.outcomes_by_week(timezone.localdate())
    series = figures.outcome_series()
    reveals = figures.reveals_by_handler(now)
    exports = figures.exports_by_handler(now)
    oldest = figures.oldest_unassigned()
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
        "overdue_items": figures.overdue_items(now),
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
        "exports_chart": charts.stacked_bar_chart(
            [(p["username"], p) for p in exports], figures.EXPORT_SERIES
        ),
        "activity_days": figures.ACTIVITY_DAYS,
        **_recontact_context(now),
        "targets": figures.targets(),
        **_timing_context(now),
    }
    return _render(request, "supervision/dashboard.html", context)


def _recontact_context(now) -> dict:
    recontacts = figures.recontacts_by_handler(now)
    return {
        "recontacts": recontacts,
        "recontacts_chart": charts.bar_chart(recontacts, colour=charts.PALETTE[5]),
    }


def _timing_context(now) -> dict:
    rows = timings.timings_by_priority(now)
    return {
        "timings": rows,
        "timing_days": timings.WINDOW_DAYS,
        "claim_chart": charts.bar_chart(timings.timing_chart_rows(rows, measure="claim")),
        "outcome_time_chart": charts.bar_chart(
            timings.timing_chart_rows(rows, measure="outcome"), colour=charts.PALETTE[1]
        ),
    }


# --- Approval of sanitised logs ---------------------------------------------------------------
@supervisor_required
def approvals(request):
    return _render(
        request,
        "supervision/approvals.html",
        {"section": "approvals", "logs": logs_awaiting_approval(), "limit": APPROVAL_LIST_LIMIT},
    )


@supervisor_required
def approval(request, reference: str):
    """The original and the sanitised text side by side, and the decision.

    Showing the original discloses what the professional wrote, so opening the page is recorded
    as a view of the submission.
    """
    log = log_awaiting_approval_or_404(reference_normalise(reference))
    submission = log.submission
    form = ApprovalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        approve = form.cleaned_data["decision"] == ApprovalForm.APPROVE
        try:
            submission_review(
                submission=submission,
                supervisor=request.user,
                approve=approve,
                comment=form.cleaned_data["comment"],
            )
        except DOMAIN_ERRORS as error:
            domain_error_show(request, error)
        else:
            messages.success(
                request,
                f"Log {log.reference} approved."
                if approve
                else f"Log {log.reference} returned to {log.created_by or 'the handler'}.",
            )
            return redirect("supervision:approvals")
        return redirect("supervision:approval", reference=submission.reference)
    if request.method == "GET":
        audit_event_record(
            action=Action.SUBMISSION_VIEWED,
            submission=submission,
            object_type="intelligence_log",
            object_id=log.pk,
            details={"page": "log approval"},
        )
    status = 400 if request.method == "POST" else 200
    # The original and the log, with the source's identifiers masked unless revealed to this
    # session.
    mask = source_mask_for(request, submission)
    return _render(
        request,
        "supervision/approval.html",
        {
            "section": "approvals",
            "log": mask.instance(log),
            "submission": mask.instance(submission),
            "kept_phrases": [mask.text(phrase) for phrase in log.kept_phrases or []],
            "form": form,
        },
        status=status,
    )
