"""The index is built for seeded submissions, and for every new one after its commit."""

from io import StringIO

import pytest
from django.core.management import call_command

from links.models import Identifier, IndexState
from submissions.models import Submission
from tests.factories import SourceFactory, SubmissionFactory, VehicleFactory

pytestmark = pytest.mark.django_db


def test_seeding_builds_the_index_for_every_seeded_submission(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--submissions", "12", "--seed", "3", stdout=StringIO())
    assert IndexState.objects.count() == Submission.objects.count() == 12
    assert Identifier.objects.exists()


def test_seeding_can_leave_the_index_to_the_command(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--submissions", "5", "--no-links", stdout=StringIO())
    assert not IndexState.objects.exists()
    out = StringIO()
    call_command("links_index", stdout=out)
    assert IndexState.objects.count() == 5
    assert "Indexed 5" in out.getvalue()


def test_a_new_submission_is_indexed_once_its_transaction_commits(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        submission = SubmissionFactory(with_people=False)
        SourceFactory(submission=submission)
        VehicleFactory(submission=submission, registration="AB12CDE")
    assert IndexState.objects.filter(submission=submission).exists()
    assert Identifier.objects.filter(submission=submission, value="AB12CDE").exists()


def test_a_broker_that_refuses_the_task_never_fails_the_save(
    django_capture_on_commit_callbacks, monkeypatch
):
    from links import tasks

    def refuse(*args, **kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr(tasks.links_index, "delay", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        submission = SubmissionFactory(with_people=False)
    assert not IndexState.objects.filter(submission=submission).exists()


def test_indexing_everything_again_keeps_entries_links_and_decisions():
    from links.models import Link
    from links.services import submission_links_index

    pair = []
    for name in ("Sarah Hughes", "Tom Driver"):
        submission = SubmissionFactory(with_people=False)
        SourceFactory(submission=submission, name=name)
        VehicleFactory(submission=submission, registration="AB12CDE")
        submission_links_index(submission_id=submission.pk)
        pair.append(submission)
    Link.objects.update(decision="confirmed")
    entries = Identifier.objects.count()
    call_command("links_index", "--all", stdout=StringIO())
    assert Identifier.objects.count() == entries
    assert list(Link.objects.values_list("decision", flat=True)) == ["confirmed", "confirmed"]
