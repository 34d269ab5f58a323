"""Reads shared by the intelligence views."""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from cpi.crypto import DecryptionError
from intelligence.masking import mask_source
from intelligence.models import Export, IntelligenceLog
from intelligence.preview import (
    details_for_submission,
    exported_field_rows,
    identity_for_submission,
    structured_answers,
)
from intelligence.services import subject_details_copy


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


def exported_fields_for(submission) -> list:
    """The structured fields that will leave with the submission's log, as the handler reviews
    them before recording: entered values beside what the sanitiser makes of them."""
    try:
        identity = identity_for_submission(submission)
    except DecryptionError:
        return []
    exported = subject_details_copy(submission, identity)
    entered = structured_answers(submission)
    # approximate_age is a number on the log; compare it as text.
    for item in exported["subjects"]:
        item["approximate_age"] = item.get("approximate_age") or ""
    # What was entered is shown beside a changed field: masked where it names the source.
    allowed = details_for_submission(submission).protected_names
    for items in entered.values():
        for item in items:
            for name, value in item.items():
                if isinstance(value, str):
                    item[name] = mask_source(value, identity, allowed=allowed)
    return exported_field_rows(entered, exported)
