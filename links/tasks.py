"""Background work for linked submissions. Tasks take ids, call a service, and may run twice."""

from celery import shared_task

from links import services


@shared_task(bind=True, name="links.index", max_retries=5)
def links_index(self, submission_id: str) -> int:
    """Extract one submission's identifiers and link it to the others."""
    try:
        return services.submission_links_index(submission_id=submission_id)
    except Exception as exc:
        if self.request.is_eager:
            # In-process (no broker): the caller logs it; `manage.py links_index` builds it later.
            raise
        raise self.retry(exc=exc, countdown=30 * 2**self.request.retries) from exc
