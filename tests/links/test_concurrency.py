"""Indexing at the same moment by two workers: two submissions sharing a plate still link (the
second waits on the plate's advisory lock until the first has committed, then sees it), and a
submission indexed twice at once (a task delivered twice) ends with one set of entries."""

import threading

import pytest
from django.db import connection, transaction

from links.models import Identifier, IndexState, Link
from links.services import submission_links_index
from tests.factories import (
    PersonOfConcernFactory,
    SourceFactory,
    SubmissionFactory,
    VehicleFactory,
)

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


def _at_once(first_id, second_id) -> tuple[bool, list]:
    """Index `first_id` and hold its transaction open while `second_id` is indexed; return
    whether the second was still waiting half a second later, and any errors."""
    first_holds = threading.Event()
    release = threading.Event()
    errors: list = []

    def first_worker():
        try:
            with transaction.atomic():
                submission_links_index(submission_id=first_id)
                first_holds.set()
                release.wait(10)
        except Exception as error:  # surfaced by the caller
            errors.append(error)
        finally:
            connection.close()

    def second_worker():
        try:
            submission_links_index(submission_id=second_id)
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
    waited = two.is_alive()
    release.set()
    one.join(10)
    two.join(10)
    assert not one.is_alive() and not two.is_alive()
    return waited, errors


def test_one_submission_indexed_twice_at_once_keeps_one_set_of_entries_and_links():
    earlier = SubmissionFactory(with_people=False)
    SourceFactory(submission=earlier, name="Tom Driver")
    VehicleFactory(submission=earlier, registration="AB12CDE")
    submission_links_index(submission_id=earlier.pk)
    twice = SubmissionFactory(with_people=False)
    SourceFactory(submission=twice, name="Sarah Hughes")
    VehicleFactory(submission=twice, registration="AB12 CDE")
    PersonOfConcernFactory(submission=twice, name="Kyle Mendes", phone_numbers="07700 900871")

    waited, errors = _at_once(twice.pk, twice.pk)

    assert waited  # the second run waited for the first to commit, not wrote beside it
    assert errors == []
    entries = list(Identifier.objects.filter(submission=twice).values_list("kind", "value"))
    assert sorted(entries) == sorted(set(entries))
    assert ("registration", "AB12CDE") in entries
    assert IndexState.objects.filter(submission=twice).count() == 1
    assert Link.objects.filter(submission=twice, other=earlier).count() == 1
    assert Link.objects.filter(submission=earlier, other=twice).count() == 1


def test_two_submissions_sharing_only_a_name_indexed_at_once_still_link():
    pair = []
    for source in ("Sarah Hughes", "Tom Driver"):
        submission = SubmissionFactory(with_people=False)
        SourceFactory(submission=submission, name=source)
        PersonOfConcernFactory(submission=submission, name="Kyle Mendes", phone_numbers="")
        pair.append(submission)

    waited, errors = _at_once(pair[0].pk, pair[1].pk)

    assert waited  # the name's block is locked like a plate
    assert errors == []
    assert Link.objects.filter(submission=pair[1], other=pair[0]).exists()
    assert Link.objects.filter(submission=pair[0], other=pair[1]).exists()
