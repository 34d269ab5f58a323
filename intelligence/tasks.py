"""Celery tasks for intelligence logs. Thin: ids in, a service call, idempotent."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from intelligence.exports import export_produce


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    max_retries=3,
)
def export_run(export_id: str) -> None:
    """Produce one export's file. A redelivery (worker killed mid-run) writes the same one file;
    a delivery after completion does nothing."""
    export_produce(export_id=export_id)
