from typing import Any

from django.db import transaction
from django.utils import timezone

from audit.models import Action, AuditChainHead, AuditEvent
from cpi.net import client_ip


def audit_event_record(
    *,
    action: Action | str,
    actor=None,
    request=None,
    submission=None,
    object_type: str = "",
    object_id: Any = "",
    details: dict | None = None,
) -> AuditEvent:
    """Append one entry to the audit chain.

    `actor` defaults to request.user when signed in. An IP address is kept only for staff: a
    professional's address is never recorded. `details` must never hold source data.
    """
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            actor = user
    ip_address = client_ip(request) if (request is not None and actor is not None) else None
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(id=1)
        event = AuditEvent(
            created_at=timezone.now(),
            action=str(action),
            actor_id=actor.pk if actor is not None else None,
            actor_username=actor.get_username() if actor is not None else "",
            submission_reference=getattr(submission, "reference", "") or "",
            object_type=object_type,
            object_id=str(object_id or ""),
            ip_address=ip_address,
            details=details or {},
            previous_hash=head.last_hash,
        )
        event.hash = event.compute_hash()
        event.save()
        head.last_hash = event.hash
        head.save(update_fields=["last_hash"])
    return event
