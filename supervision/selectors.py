"""Reads for the supervisor's pages that reach past the trail: staff members, logs awaiting
approval, and the exports that carried a submission's log."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import Http404

from audit.models import Action, AuditEvent
from audit.selectors import events_summarise
from intelligence.models import ExportedLog, IntelligenceLog, LogStatus


@dataclass
class StaffMember:
    id: int
    username: str
    user: object | None  # None when the account was deleted but its entries remain


def staff_member_or_404(user_id: int) -> StaffMember:
    """A user by id, or what the trail remembers of a deleted account; 404 if neither."""
    user = get_user_model()._base_manager.filter(pk=user_id).prefetch_related("groups").first()
    if user is not None:
        return StaffMember(id=user.pk, username=user.get_username(), user=user)
    last = AuditEvent.objects.filter(actor_id=user_id).order_by("-id").first()
    if last is None:
        raise Http404
    return StaffMember(id=user_id, username=last.actor_username, user=None)


# --- Sanitised logs awaiting a supervisor's approval -----------------------------------------
APPROVAL_LIST_LIMIT = 200


def approvals_shown() -> bool:
    """Whether supervisors are offered the approvals page: when approval is on, and also when it
    is off but logs written while it was on still wait (no other way leads to them)."""
    return (
        settings.LOG_APPROVAL_REQUIRED
        or IntelligenceLog.objects.filter(status=LogStatus.AWAITING_APPROVAL).exists()
    )


def logs_awaiting_approval() -> list:
    return list(
        IntelligenceLog.objects.filter(status=LogStatus.AWAITING_APPROVAL)
        .select_related("submission", "created_by")
        .only(
            "reference",
            "created_at",
            "evaluation",
            "assessment",
            "handling_code",
            "status",
            "submission__reference",
            "submission__priority",
            "created_by__username",
        )
        .order_by("created_at")[:APPROVAL_LIST_LIMIT]
    )


def log_awaiting_approval_or_404(reference: str):
    """The log of submission `reference`, if it awaits approval; 404 otherwise."""
    log = (
        IntelligenceLog.objects.filter(
            submission__reference=reference, status=LogStatus.AWAITING_APPROVAL
        )
        .select_related("submission", "created_by")
        .first()
    )
    if log is None:
        raise Http404
    return log


DISCLOSURE_ACTIONS = [Action.EXPORT_REQUESTED, Action.EXPORT_COMPLETED, Action.EXPORT_DOWNLOADED]


def disclosures_for(reference: str) -> list[AuditEvent]:
    """Exports that carried this submission's log: requested, completed and downloaded.

    An export covers many logs, so its entries carry no submission reference; the export's list
    of logs (ExportedLog, whose digest is in the chained EXPORT_COMPLETED entry) links them.
    """
    export_ids = [
        str(pk)
        for pk in ExportedLog.objects.filter(log__submission__reference=reference)
        .values_list("export_id", flat=True)
        .distinct()
    ]
    if not export_ids:
        return []
    events = list(
        AuditEvent.objects.filter(
            object_type="export", object_id__in=export_ids, action__in=DISCLOSURE_ACTIONS
        ).order_by("id")
    )
    events_summarise(events)
    return events
