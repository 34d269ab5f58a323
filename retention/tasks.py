from celery import shared_task

from retention.services import retention_purge_run


@shared_task(name="retention.purge", acks_late=True)
def retention_purge() -> dict[str, int]:
    """Daily (CELERY_BEAT_SCHEDULE). Takes no arguments: nothing personal ever sits in the queue."""
    return retention_purge_run().as_dict()
