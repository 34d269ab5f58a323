"""The source email's template: a supervisor writes what a handler may send a source."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from accounts.access import supervisor_required
from supervision.views import _render
from triage import services
from triage.forms import SourceEmailTemplateForm
from triage.services.recontact import DEFAULT_BODY, DEFAULT_SUBJECT


@require_http_methods(["GET", "POST"])
@supervisor_required
def source_email_template(request):
    current = services.source_email_template()
    initial = (
        {"subject": current.subject, "body": current.body, "unit_phone": current.unit_phone}
        if current
        else {"subject": DEFAULT_SUBJECT, "body": DEFAULT_BODY}
    )
    form = SourceEmailTemplateForm(
        request.POST if request.method == "POST" else None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.source_email_template_save(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.error_dict.items():
                form.add_error(field, errors)
        else:
            messages.success(request, "The source email is saved.")
            return redirect("supervision:source_email_template")
    context = {"section": "source_email", "form": form, "current": current}
    return _render(
        request, "supervision/source_email_template.html", context, 400 if form.errors else 200
    )
