"""Re-contacting a source, from a revealed source: record a contact, or send the service's
short email. Both need the source revealed in this session (with its recorded reason); without
that, they lead to the reveal page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from accounts.access import handler_required
from cpi.errors import DOMAIN_ERRORS, domain_error_show
from submissions.models import Submission
from triage import services
from triage.forms import RecontactForm, SourceEmailForm
from triage.masking import source_revealed
from triage.selectors import submission_for_staff_or_404


def _submission_for_recontact(request: HttpRequest, reference: str) -> Submission:
    """The submission, if this user may see its source (403 otherwise). Whether this session
    revealed the source is for the caller: contacting someone starts from seeing who they are,
    for a recorded reason."""
    submission = submission_for_staff_or_404(request.user, reference)
    if not services.can_reveal(request.user, submission):
        raise PermissionDenied
    return submission


def _reveal_first(request: HttpRequest, submission: Submission) -> HttpResponse | None:
    if source_revealed(request, submission.pk):
        return None
    messages.info(
        request, "Reveal the source's details, with your reason, before you contact them."
    )
    return redirect("triage:reveal", submission.reference)


def _recontacts_url(submission: Submission) -> str:
    return f"{reverse('triage:detail', args=[submission.reference])}#recontacts"


def _form_errors_from(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@require_http_methods(["GET", "POST"])
@handler_required
def recontact(request: HttpRequest, reference: str) -> HttpResponse:
    submission = _submission_for_recontact(request, reference)
    if (elsewhere := _reveal_first(request, submission)) is not None:
        return elsewhere
    form = RecontactForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.recontact_record(submission=submission, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_errors_from(form, error)
        except DOMAIN_ERRORS as error:
            domain_error_show(request, error)
            return redirect(_recontacts_url(submission))
        else:
            messages.success(request, "Re-contact recorded.")
            return redirect(_recontacts_url(submission))
    status = 400 if form.errors else 200
    context = {"submission": submission, "form": form}
    return render(request, "triage/recontact.html", context, status=status)


@require_http_methods(["GET", "POST"])
@handler_required
def source_email(request: HttpRequest, reference: str) -> HttpResponse:
    submission = _submission_for_recontact(request, reference)
    if (elsewhere := _reveal_first(request, submission)) is not None:
        return elsewhere
    template = services.source_email_template()
    form = SourceEmailForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.source_email_send(
                submission=submission, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _form_errors_from(form, error)
        except DOMAIN_ERRORS as error:
            domain_error_show(request, error)
            return redirect(_recontacts_url(submission))
        else:
            messages.success(request, "The email to the source is on its way.")
            return redirect(_recontacts_url(submission))
    preview = (
        services.source_email_render(template, reference=submission.reference) if template else None
    )
    context = {"submission": submission, "form": form, "preview": preview}
    return render(request, "triage/source_email.html", context, status=400 if form.errors else 200)
