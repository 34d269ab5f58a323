"""Two submissions sharing a plate, indexed at the same moment by two workers, still link: the
second waits on the plate's advisory lock until the first has committed, then sees it."""

import threading

import pytest
from django.db import connection, transaction

from links.models import Link
from links.services import submission_links_index
from tests.factories import SourceFactory, SubmissionFactory, VehicleFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_workers_indexing_at_once_still_link_the_pair():
    pair = []
    for name in ("Sarah Hughes", "Tom Driver"):
        submission = SubmissionFactory(with_people=False)
        SourceFactory(submission=submission, name=name)
        VehicleFactory(submission=submission, registration="AB12CDE")
        pair.append(submission)
    first_holds = threading.Event()
    release = threading.Event()
    errors: list = []

    def first_worker():
        try:
            with transaction.atomic():
                submission_links_index(submission_id=pair[0].pk)
                first_holds.set()  # indexed, locks held, not yet committed
                release.wait(10)
        except Exception as error:  # surfaced below
            errors.append(error)
        finally:
            connection.close()

    def second_worker():
        try:
            submission_links_index(submission_id=pair[1].pk)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    one = threading.Thread(target=first_worker)
    one.start()
    assert first_holds.wait(10)
    two = threading.Thread(target=second_worker)
    two.start()
    two.join(0.5)
    assert two.is_alive()  # waiting on the plate's lock, not reading around the first
    release.set()
    one.join(10)
    two.join(10)
    assert errors == []
    assert Link.objects.filter(submission=pair[1], other=pair[0]).exists()
    assert Link.objects.filter(submission=pair[0], other=pair[1]).exists()
