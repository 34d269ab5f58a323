"""A handler's decision on a possible link. Thin: access -> form -> service -> back."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.access import handler_required
from cpi.errors import DOMAIN_ERRORS, domain_error_show
from links.forms import LinkDecisionForm
from links.models import Decision, Link
from links.services import link_decide


@require_POST
@handler_required
def decide(request: HttpRequest, link_id) -> HttpResponse:
    link = get_object_or_404(Link.objects.select_related("submission", "other"), pk=link_id)
    back = reverse("triage:detail", args=[link.submission.reference]) + "#linked-submissions"
    form = LinkDecisionForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("decision", []):
            messages.error(request, error)
        return redirect(back)
    try:
        link_decide(link_id=link.pk, user=request.user, decision=form.cleaned_data["decision"])
    except DOMAIN_ERRORS as error:
        domain_error_show(request, error)
        return redirect(back)
    if form.cleaned_data["decision"] == Decision.CONFIRMED:
        messages.success(request, f"Confirmed: {link.other.reference} is about the same person.")
    else:
        messages.success(
            request, f"Marked not the same: the link to {link.other.reference} is hidden."
        )
    return redirect(back)
