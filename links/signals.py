"""A new submission is indexed after its transaction commits, in a task: the professional's
request never waits for it, and a broker outage only delays it (`manage.py links_index`)."""

import logging

from django.db import transaction

from links.tasks import links_index

logger = logging.getLogger(__name__)


def links_index_enqueue(*, submission_id) -> bool:
    """Hand the submission to Celery; never raise into the request that saved it."""
    try:
        links_index.delay(str(submission_id))
    except Exception as exc:  # the broker's errors vary by transport; none may fail the submit
        logger.warning(
            "Links of %s not queued (%s); `manage.py links_index` will build them",
            submission_id,
            type(exc).__name__,
        )
        return False
    return True


def submission_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        submission_id = instance.pk
        transaction.on_commit(lambda: links_index_enqueue(submission_id=submission_id))
