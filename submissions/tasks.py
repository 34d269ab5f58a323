"""Background work for the public form. Tasks take ids, call a service, and may run twice."""

from celery import shared_task

from submissions import services


@shared_task(
    name="submissions.notification_send",
    autoretry_for=(Exception,),
    retry_backoff=30,
    retry_backoff_max=30 * 60,
    retry_jitter=True,
    max_retries=8,
)
def notification_send(outbox_id: str) -> bool:
    """Tell the intelligence unit a submission arrived (reference only)."""
    return services.notification_deliver(outbox_id=outbox_id)


@shared_task(name="submissions.outbox_drain")
def outbox_drain() -> int:
    """Periodic sweep: whatever the broker never carried (it was down) is sent now."""
    sent, _failed = services.outbox_drain()
    return sent
