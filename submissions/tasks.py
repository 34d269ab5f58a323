"""Background work for the public form. Tasks take ids, call a service, and may run twice."""

from celery import shared_task

from submissions import services

RETRY_BASE_SECONDS = 30
RETRY_MAX_SECONDS = 30 * 60


def retry_countdown(retries: int) -> int:
    """Exponential backoff: 30 s, 1 min, 2 min ... capped at 30 min."""
    return min(RETRY_BASE_SECONDS * 2**retries, RETRY_MAX_SECONDS)


@shared_task(bind=True, name="submissions.notification_send", max_retries=8)
def notification_send(self, outbox_id: str) -> bool:
    """Tell the intelligence unit a submission arrived (reference only)."""
    try:
        return services.notification_deliver(outbox_id=outbox_id)
    except Exception as exc:
        if self.request.is_eager:
            # Run in-process (no broker): Celery would retry at once, inside the professional's
            # request, ignoring the countdown. The outbox row stays pending for the drain instead.
            raise
        raise self.retry(exc=exc, countdown=retry_countdown(self.request.retries)) from exc


@shared_task(name="submissions.outbox_drain")
def outbox_drain() -> int:
    """Periodic sweep: whatever the broker never carried (it was down) is sent now."""
    sent, _failed = services.outbox_drain()
    return sent
