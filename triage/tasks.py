"""Background work for triage. Tasks take ids (or nothing), call a service, and may run twice."""

from celery import shared_task

from triage.services.clocks import clock_notices_send


@shared_task(name="triage.clock_notices")
def clock_notices() -> int:
    """Periodic: notices for submissions that became due soon or overdue since the last run."""
    return clock_notices_send()
