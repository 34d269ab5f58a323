"""Reads shared by the intelligence views."""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from intelligence.models import Export, IntelligenceLog


def export_for_requester_or_404(*, user, export_id) -> Export:
    """An export is its requester's alone: anyone else, supervisors included, gets a 404."""
    export = Export.objects.filter(pk=export_id, requester=user).first()
    if export is None:
        raise Http404
    return export


def exports_of(user) -> QuerySet[Export]:
    return Export.objects.filter(requester=user).order_by("-created_at")


def log_or_404(log_id) -> IntelligenceLog:
    return get_object_or_404(IntelligenceLog.objects.select_related("submission"), pk=log_id)


def logs_list() -> QuerySet[IntelligenceLog]:
    # The list never shows log text: a log is read on its own printable page, through the gate.
    return IntelligenceLog.objects.only(
        "id", "reference", "status", "created_at", "evaluation", "assessment", "handling_code"
    ).order_by("-created_at", "-id")
