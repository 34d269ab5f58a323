"""Intelligence logs and their exports. Thin: access -> form -> service -> redirect.

Every view that lets a log leave (the printable page, the download) is a plain function so a
decorator (recent re-authentication) can be added in one line.
"""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts.access import handler_required
from accounts.reauth import recent_auth_required
from cpi.downloads import mark_download
from intelligence import services
from intelligence.exports import download_file_name, export_path
from intelligence.forms import ExportRequestForm
from intelligence.models import ExportFormat
from intelligence.selectors import (
    export_for_requester_or_404,
    exports_of,
    log_or_404,
    logs_list,
)
from triage.masking import source_mask_for

LOGS_PER_PAGE = 50
EXPORTS_PER_PAGE = 50
CONTENT_TYPES = {ExportFormat.CSV: "text/csv", ExportFormat.JSON: "application/json"}


@require_GET
@handler_required
def log_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(logs_list(), LOGS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "intelligence/log_list.html", {"page": page})


@require_GET
@handler_required
@recent_auth_required
def log_print(request: HttpRequest, pk) -> HttpResponse:
    log = log_or_404(pk)
    result = services.log_print_check(log=log, user=request.user)
    if not result.allowed:
        return render(
            request, "intelligence/log_refused.html", {"log": log, "result": result}, status=409
        )
    # The gate passed it; a stretch the masks still take for the source is hidden on the page too.
    mask = source_mask_for(request, log.submission)
    context = {"log": log, "record": mask.record(result.record)}
    return render(request, "intelligence/log_print.html", context)


@require_GET
@handler_required
def export_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(exports_of(request.user), EXPORTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "intelligence/export_list.html", {"page": page})


@require_http_methods(["GET", "POST"])
@handler_required
@recent_auth_required
def export_new(request: HttpRequest) -> HttpResponse:
    form = ExportRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        export = services.export_request(requester=request.user, **form.cleaned_data)
        messages.success(request, "Your export has been requested. It will be ready here soon.")
        return redirect("intelligence:export_detail", pk=export.pk)
    return render(request, "intelligence/export_new.html", {"form": form})


@require_GET
@handler_required
def export_detail(request: HttpRequest, pk) -> HttpResponse:
    export = export_for_requester_or_404(user=request.user, export_id=pk)
    return render(
        request,
        "intelligence/export_detail.html",
        {"export": export, "retention_days": settings.RETENTION_EXPORT_FILE_DAYS},
    )


def _export_expired(request: HttpRequest, export) -> HttpResponse:
    """410 Gone: the export is real and the requester's, but its file has been deleted."""
    context = {"export": export, "retention_days": settings.RETENTION_EXPORT_FILE_DAYS}
    return render(request, "intelligence/export_expired.html", context, status=410)


@require_GET
@handler_required
@recent_auth_required
def export_download(request: HttpRequest, pk) -> HttpResponse:
    export = export_for_requester_or_404(user=request.user, export_id=pk)
    if not export.is_complete or not export.file_name:
        raise Http404
    if export.file_expired:
        return _export_expired(request, export)
    try:
        # Opened before anything is recorded: retention may delete the file at any moment.
        handle = export_path(export).open("rb")
    except FileNotFoundError:
        return _export_expired(request, export)
    services.export_download_record(export=export, user=request.user)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=download_file_name(export),
        content_type=CONTENT_TYPES[export.format],
    )
    mark_download(response)
    return response
