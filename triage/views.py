"""The triage queue and the assessment of one submission. Thin: access -> form -> service."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import handler_required, is_supervisor, supervisor_required
from accounts.reauth import recent_auth_required
from audit.models import Action
from audit.services import audit_event_record
from cpi.errors import DOMAIN_ERRORS, DomainError, domain_error_show, error_messages
from links.selectors import links_count_attach, links_panel
from links.services import links_view_record
from submissions.models import Priority, Status, Submission, Urgency
from triage import queue_memory, services
from triage.filters import QueueFilter
from triage.forms import (
    AssessmentForm,
    AssignForm,
    BulkActionForm,
    NoteForm,
    RevealForm,
    ReviewForm,
    UrgencyDecisionForm,
)
from triage.masking import source_mask_for, source_reveal_remember, submission_shown
from triage.proposal import (
    decisions_from,
    exported_fields_for,
    log_text_propose,
    proposal_input,
    unknown_rows,
)
from triage.queue_counters import queue_counters
from triage.queue_rows import age, held_rows, queue_rows, urgent_rows
from triage.selectors import (
    handlers_for_assignment,
    queue_lists,
    queue_page,
    submission_detail,
    submission_for_staff_or_404,
)
from triage.state import StaleVersion

NOTHING_TO_TAKE = (
    "There are no new submissions left to take: every one has been claimed. "
    "Anything you hold is listed under “Your submissions”."
)


def _detail_url(submission: Submission) -> str:
    return reverse("triage:detail", args=[submission.reference])


def _attempt(request: HttpRequest, action, **kwargs):
    """Run a service; a refused move becomes a message, a forbidden one a 403."""
    try:
        return action(**kwargs), True
    except DOMAIN_ERRORS as error:
        domain_error_show(request, error)
    return None, False


# --- The queue -----------------------------------------------------------------------------------
def _page_link(request: HttpRequest, **cursor: str) -> str:
    params = request.GET.copy()
    params.pop("after", None)
    params.pop("before", None)
    for key, value in cursor.items():
        params[key] = value
    return f"?{params.urlencode()}"


def _filters_active(request: HttpRequest, filterset: QueueFilter) -> bool:
    """Whether a filter narrows the queue (or has an error): the filter panel is shown open."""
    if not filterset.is_bound:
        return False
    if filterset.form.errors:
        return True
    unfiltering = ("sort", "size", *queue_memory.NOT_REMEMBERED)
    return any(value for name, value in request.GET.items() if name not in unfiltering)


@require_GET
@handler_required
def queue(request: HttpRequest) -> HttpResponse:
    if "clear" in request.GET:
        queue_memory.filters_forget(request.session)
        return redirect("triage:queue")
    remembered = queue_memory.filters_remembered(request.session)
    if not request.GET and remembered:
        # Back to the queue as they left it (the header link, after "Take next", a bulk action).
        return redirect(f"{reverse('triage:queue')}?{remembered}")
    filterset = QueueFilter(request.GET or None, queryset=Submission.objects.all(), request=request)
    queryset = filterset.qs if (not filterset.is_bound or filterset.is_valid()) else None
    if filterset.is_bound and queryset is not None:
        queue_memory.filters_remember(request.session, request.GET)
    try:
        page_size = int(request.GET.get("size", ""))
    except ValueError:
        page_size = 50
    page = queue_page(
        queryset=queryset if queryset is not None else Submission.objects.none(),
        sort=request.GET.get("sort", ""),
        after=request.GET.get("after"),
        before=request.GET.get("before"),
        page_size=page_size,
    )
    links_count_attach(page.rows)  # how many linked submissions each row has: one query
    supervisor = is_supervisor(request.user)
    now = timezone.now()
    counters = queue_counters()
    held, possibly_urgent = queue_lists(request.user)  # "Your submissions", "Possible urgency"
    context = {
        "filter": filterset,
        "page": page,
        "rows": queue_rows(page.rows, categories=page.categories, now=now),
        "counters": counters,
        "oldest_new_age": age(counters["oldest_new"], now),
        "held": held_rows(held, now=now),
        "possibly_urgent": urgent_rows(possibly_urgent, now=now),
        "filters_active": _filters_active(request, filterset),
        "next_url": _page_link(request, after=page.next_cursor) if page.next_cursor else "",
        "previous_url": (
            _page_link(request, before=page.previous_cursor) if page.previous_cursor else ""
        ),
        "is_supervisor": supervisor,
        "handlers": handlers_for_assignment() if supervisor else [],
    }
    return render(request, "triage/queue.html", context)


@require_POST
@handler_required
def take_next(request: HttpRequest) -> HttpResponse:
    submission, taken = _attempt(request, services.submission_take_next, user=request.user)
    if submission is None:
        if taken:  # no error: simply nothing left (an error has already said what went wrong)
            messages.info(request, NOTHING_TO_TAKE)
        return redirect("triage:queue")
    messages.success(request, f"You have claimed {submission.reference}.")
    return redirect(_detail_url(submission))


@require_POST
@handler_required
def bulk(request: HttpRequest) -> HttpResponse:
    form = BulkActionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("triage:queue")
    action = form.cleaned_data["action"]
    assignee = None
    if action == BulkActionForm.ASSIGN:
        if not is_supervisor(request.user):
            raise PermissionDenied
        assignee = next(
            (u for u in handlers_for_assignment() if u.pk == form.cleaned_data["assignee"]), None
        )
        if assignee is None:
            messages.error(request, "Select a handler")
            return redirect("triage:queue")
    done = []
    for submission in Submission.objects.filter(reference__in=form.cleaned_data["references"]):
        try:
            if action == BulkActionForm.ASSIGN:
                services.submission_assign(
                    submission=submission, assignee=assignee, by=request.user
                )
            else:
                services.submission_release(submission=submission, user=request.user)
            done.append(submission.reference)
        except DOMAIN_ERRORS as error:
            for message in error_messages(error):
                messages.error(request, f"{submission.reference}: {message}")
    if done:
        verb = f"assigned to {assignee.get_username()}" if assignee else "released"
        noun = "submission" if len(done) == 1 else "submissions"
        messages.success(request, f"{len(done)} {noun} {verb}: {', '.join(sorted(done))}.")
    return redirect("triage:queue")


# --- One submission ------------------------------------------------------------------------------
def _detail_context(request: HttpRequest, submission: Submission, **extra) -> dict:
    user = request.user
    supervisor = is_supervisor(user)
    details = submission_detail(submission)
    context = {
        **details,
        "can_edit": services.can_edit(user, submission),
        "can_release": services.can_release(user, submission),
        "can_reveal": services.can_reveal(user, submission),
        "can_review": services.can_review(user, submission),
        "can_claim": submission.status == Status.NEW,
        "is_supervisor": supervisor,
        "note_form": NoteForm(),
        "review_form": ReviewForm(),
        "urgency_form": UrgencyDecisionForm(),
        "source": None,
    }
    if supervisor and submission.status in (Status.NEW, Status.IN_PROGRESS):
        context["assign_form"] = AssignForm(handlers=handlers_for_assignment())
    # What was shared, with the source's identifiers masked unless this session revealed them.
    context.update(submission_shown(request, submission, details))
    # Shown beside its linked submissions: combination, recorded each time it is shown.
    panel = links_panel(submission)
    context["links"], context["links_panel"] = panel.links, panel
    links_view_record(submission=submission, links=panel.links, user=user)
    context.update(extra)
    return context


@require_GET
@handler_required
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    submission = submission_for_staff_or_404(request.user, reference)
    audit_event_record(
        action=Action.SUBMISSION_VIEWED,
        submission=submission,
        object_type="submission",
        object_id=submission.pk,
    )
    return render(request, "triage/detail.html", _detail_context(request, submission))


@require_http_methods(["GET", "POST"])
@handler_required
@recent_auth_required
def reveal(request: HttpRequest, reference: str) -> HttpResponse:
    """Ask why; then show the source's details on this response only (never stored in a page)."""
    submission = submission_for_staff_or_404(request.user, reference)
    if not services.can_reveal(request.user, submission):
        raise PermissionDenied
    form = RevealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            source = services.source_reveal(
                submission=submission,
                user=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:  # about the reason typed: shown on the form
            form.add_error(None, error)
        except DomainError as error:  # forbidden: a 403; otherwise a message on the detail page
            domain_error_show(request, error)
            return redirect(_detail_url(submission))
        else:
            # From now on this session sees the submission's texts as written.
            source_reveal_remember(request, submission)
            context = _detail_context(request, submission, source=source)
            return render(request, "triage/detail.html", context)
    return render(request, "triage/reveal.html", {"submission": submission, "form": form})


def _assessment_initial(submission: Submission, assessment, proposal=None) -> dict:
    initial = {"version": submission.version, "risk": submission.risk}
    # Priority has a default on the submission; only show it once someone has chosen it.
    if submission.risk or assessment is not None:
        initial["priority"] = submission.priority
    elif submission.urgency in (Urgency.FLAGGED, Urgency.CONFIRMED):
        initial["priority"] = Priority.P1  # suggested by the possible urgency, not yet chosen
    if assessment is not None:
        for field in services.ASSESSMENT_FIELDS:
            initial[field] = getattr(assessment, field)
    if not initial.get("log_text") and proposal is not None:
        # The sanitiser's proposal: the handler edits it rather than starting from nothing.
        initial["log_text"] = proposal.text
    return initial


@require_http_methods(["GET", "POST"])
@handler_required
def assess(request: HttpRequest, reference: str) -> HttpResponse:
    submission = submission_for_staff_or_404(request.user, reference)
    if not services.can_edit(request.user, submission):
        raise PermissionDenied
    details = submission_detail(submission)
    recording = request.POST.get("action") == "record"
    if request.method == "GET":
        proposal = log_text_propose(submission)
        initial = _assessment_initial(submission, details["assessment"], proposal)
        form = AssessmentForm(initial=initial)
        return _assess_render(request, submission, form, details, proposal=proposal)

    decisions = decisions_from(request.POST)
    proposal = log_text_propose(submission, decisions)
    if request.POST.get("action") == "apply":
        # The handler's keep/remove choices applied: a new proposal in the log box, nothing saved.
        initial = {key: request.POST.get(key) for key in request.POST if key != "log_text"}
        initial["log_text"] = proposal.text if proposal else request.POST.get("log_text", "")
        form = AssessmentForm(initial=initial)
        return _assess_render(request, submission, form, details, proposal=proposal)
    form = AssessmentForm(request.POST, recording=recording)
    if not form.is_valid():
        return _assess_render(request, submission, form, details, proposal=proposal)
    service = services.outcome_record if recording else services.assessment_save
    data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
    data["identifier_decisions"] = services.identifier_decisions(
        proposal=proposal, decisions=decisions
    )
    try:
        saved = service(
            submission=submission,
            user=request.user,
            version=form.cleaned_data["version"],
            data=data,
        )
    except StaleVersion as error:
        return _assess_stale(request, submission, form, details, error)
    except ValidationError as error:  # about what was typed: shown by the fields it names
        form.add_error(None, error)
        return _assess_render(request, submission, form, details, proposal=proposal)
    except DomainError as error:
        if error.forbidden:
            domain_error_show(request, error)  # raises: a 403
        form.add_error(None, error_messages(error))
        return _assess_render(request, submission, form, details, proposal=proposal)

    if not recording:
        messages.success(request, "Assessment saved.")
    elif saved.status == Status.AWAITING_REVIEW:
        messages.success(
            request,
            f"Outcome recorded. {saved.reference} is waiting for a supervisor to review it.",
        )
    else:
        messages.success(request, f"Outcome recorded. {saved.reference} is closed.")
    return redirect(_detail_url(saved))


def _assess_stale(request, submission, form, details, error: StaleVersion) -> HttpResponse:
    """Keep every word the handler typed; give the form the current version to save again."""
    current = Submission.objects.select_related("assigned_to").get(pk=submission.pk)
    data = request.POST.copy()
    data["version"] = str(current.version)
    fresh = AssessmentForm(data, recording=request.POST.get("action") == "record")
    fresh.is_valid()
    fresh.add_error(None, error.message)
    details = submission_detail(current)
    return _assess_render(request, current, fresh, details, stale=True, status=409)


def _assess_render(request, submission, form, details, *, stale=False, status=200, proposal=None):
    audit_event_record(
        action=Action.SUBMISSION_VIEWED,
        submission=submission,
        object_type="submission",
        object_id=submission.pk,
        details={"page": "assessment"},
    )
    context = {"submission": submission, "form": form, "stale": stale, **details}
    proposal = proposal or log_text_propose(submission)
    mask = source_mask_for(request, submission, details=details)
    context["log_proposal"] = proposal
    context["unknown_rows"] = unknown_rows(proposal, proposal_input(submission), mask.text)
    context["exported_fields"] = exported_fields_for(submission)
    # What was shared, masked where it names the source unless this session revealed them.
    context.update(submission_shown(request, submission, details))
    if not form.is_bound and form.initial.get("log_text"):
        # A draft saved before the gate's rule held, or typed after a reveal: shown masked too.
        form.initial["log_text"] = mask.text(form.initial["log_text"])
    return render(request, "triage/assessment.html", context, status=status)


@require_POST
@handler_required
def claim(request: HttpRequest, reference: str) -> HttpResponse:
    submission = submission_for_staff_or_404(request.user, reference)
    _, ok = _attempt(request, services.submission_claim, submission=submission, user=request.user)
    if ok:
        messages.success(request, f"You have claimed {submission.reference}.")
    return redirect(_detail_url(submission))


@require_POST
@handler_required
def release(request: HttpRequest, reference: str) -> HttpResponse:
    submission = submission_for_staff_or_404(request.user, reference)
    _, ok = _attempt(request, services.submission_release, submission=submission, user=request.user)
    if ok:
        messages.success(request, f"{submission.reference} is back in the queue.")
        return redirect("triage:queue")
    return redirect(_detail_url(submission))


@require_POST
@supervisor_required
def assign(request: HttpRequest, reference: str) -> HttpResponse:
    submission = submission_for_staff_or_404(request.user, reference)
    form = AssignForm(request.POST, handlers=handlers_for_assignment())
    if not form.is_valid():
        messages.error(request, "Select a handler")
        return redirect(_detail_url(submission))
    assignee = form.cleaned_data["assignee"]
    _, ok = _attempt(
        request,
        services.submission_assign,
        submission=submission,
        assignee=assignee,
        by=request.user,
    )
    if ok:
        messages.success(request, f"{submission.reference} is assigned to {assignee.username}.")
    return redirect(_detail_url(submission))


@require_POST
@handler_required
def note(request: HttpRequest, reference: str) -> HttpResponse:
    submission = submission_for_staff_or_404(request.user, reference)
    form = NoteForm(request.POST)
    if not form.is_valid():
        context = _detail_context(request, submission, note_form=form)
        return render(request, "triage/detail.html", context, status=400)
    _, ok = _attempt(
        request, services.note_add, submission=submission, user=request.user, **form.cleaned_data
    )
    if ok:
        messages.success(request, "Note added.")
    return redirect(f"{_detail_url(submission)}#notes")


@require_POST
@supervisor_required
def review(request: HttpRequest, reference: str) -> HttpResponse:
    submission = submission_for_staff_or_404(request.user, reference)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        context = _detail_context(request, submission, review_form=form)
        return render(request, "triage/detail.html", context, status=400)
    approve = form.cleaned_data["decision"] == ReviewForm.APPROVE
    _, ok = _attempt(
        request,
        services.submission_review,
        submission=submission,
        supervisor=request.user,
        approve=approve,
        comment=form.cleaned_data["comment"],
    )
    if ok:
        messages.success(
            request,
            f"{submission.reference} is closed." if approve else "Returned to the handler.",
        )
    return redirect(_detail_url(submission))


@require_POST
@handler_required
def urgency_decide(request: HttpRequest, reference: str) -> HttpResponse:
    """Any handler's decision on a "possible urgency" flag: urgent (passed on) or not."""
    submission = submission_for_staff_or_404(request.user, reference)
    form = UrgencyDecisionForm(request.POST)
    if not form.is_valid():
        context = _detail_context(request, submission, urgency_form=form)
        return render(request, "triage/detail.html", context, status=400)
    saved, ok = _attempt(
        request,
        services.urgency_decide,
        submission=submission,
        user=request.user,
        decision=form.cleaned_data["decision"],
    )
    if ok:
        messages.success(request, f"Decision recorded: {saved.get_urgency_display().lower()}.")
    return redirect(_detail_url(submission))
