"""seed_demo: fictional submissions at volume, with every relationship a real one has."""

import os
import re
import subprocess
import sys
from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count

from cpi.crypto import decrypt_str
from demo import seeding
from links.models import Link
from submissions.models import (
    Source,
    Status,
    Subject,
    Submission,
    SubmissionCategory,
)
from submissions.references import REFERENCE_PATTERN


def _seed(count: int, *extra: str) -> str:
    out = StringIO()
    call_command("seed_demo", "--submissions", str(count), *extra, stdout=out)
    return out.getvalue()


def _assert_realistic(count: int) -> None:
    submissions = Submission.objects.all()
    assert submissions.count() == count
    # Every submission has 1-3 categories, 1-3 subjects and exactly one source.
    per_submission = submissions.annotate(
        categories=Count("category_links", distinct=True), people=Count("subjects", distinct=True)
    )
    assert {s.categories for s in per_submission} <= {1, 2, 3}
    assert {s.people for s in per_submission} <= {1, 2, 3}
    assert Source.objects.count() == count
    references = list(submissions.values_list("reference", flat=True))
    assert len(set(references)) == count
    assert all(re.fullmatch(REFERENCE_PATTERN, reference) for reference in references)
    # Closed ones have an outcome; claimed ones a handler; ages spread over years.
    assert not submissions.filter(status=Status.CLOSED, outcome="").exists()
    assert not submissions.exclude(status=Status.NEW).filter(assigned_to__isnull=True).exists()
    oldest = submissions.order_by("created_at").first().created_at
    newest = submissions.order_by("-created_at").first().created_at
    assert newest - oldest > timedelta(days=180)


@pytest.mark.django_db
def test_seed_demo_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        _seed(5)
    assert Submission.objects.count() == 0


@pytest.mark.django_db
def test_seed_demo_runs_with_debug_off_when_forced(settings):
    settings.DEBUG = False
    _seed(5, "--force")
    assert Submission.objects.count() == 5


@pytest.mark.django_db
def test_seed_demo_creates_realistic_submissions_with_their_relationships(settings):
    settings.DEBUG = True
    output = _seed(50, "--seed", "3")
    _assert_realistic(50)
    assert "50 / 50 submissions" in output
    # Sources are encrypted at rest with a token that decrypts, and names are fictional lists'.
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, email FROM submissions_source")
        for name, email in cursor.fetchall():
            assert decrypt_str(name).split()[-1] in seeding.SURNAMES
            assert ".example." in decrypt_str(email)  # reserved for examples: never real
    subject = Subject.objects.first()
    assert subject.name.split()[0] in seeding.FIRST_NAMES


@pytest.mark.django_db
def test_seed_demo_adds_to_existing_data_without_clashing_references(settings):
    settings.DEBUG = True
    _seed(30, "--seed", "1")
    _seed(30, "--seed", "1")  # the same content again: keys and references stay unique
    assert Submission.objects.count() == 60
    assert Submission.objects.values("reference").distinct().count() == 60
    assert SubmissionCategory.objects.values("submission").distinct().count() == 60


@pytest.mark.django_db
def test_seed_demo_fills_assessments_and_sanitised_logs_for_the_outcomes(settings):
    from intelligence.models import IntelligenceLog, LogStatus
    from triage.models import Assessment

    settings.DEBUG = True
    _seed(200, "--seed", "5")
    recorded = Submission.objects.exclude(outcome="")
    assert Assessment.objects.count() == recorded.count()
    logs = IntelligenceLog.objects.select_related("submission")
    assert logs.count() == recorded.filter(outcome="intelligence_log").count() > 0
    for log in logs:
        assert log.status == (
            LogStatus.APPROVED
            if log.submission.status == Status.CLOSED
            else LogStatus.AWAITING_APPROVAL
        )
        assert log.subjects and log.subjects[0]["name"]
        # The log is the information without the professional's own words about themselves.
        assert log.submission.information.startswith(log.text)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_seed_demo_copies_in_parallel_workers_on_postgresql():
    # As it is really run: a fresh process that forks its workers. Forking the test process
    # itself would hand the workers sockets of connections held by other threads (the session's
    # live server), which no close_all() in this thread can close.
    db = connection.settings_dict
    database_url = (
        f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": database_url}
    env.pop("REDIS_URL", None)
    command = ["manage.py", "seed_demo", "--submissions", "600", "--seed", "2"]
    command += ["--batch-size", "100", "--workers", "2"]
    result = subprocess.run(
        [sys.executable, *command],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "2 workers" in result.stdout
    _assert_realistic(600)


def test_references_of_one_run_never_repeat():
    references = {seeding.reference_for(index, 12345) for index in range(200_000)}
    assert len(references) == 200_000
    assert all(re.fullmatch(REFERENCE_PATTERN, r) for r in list(references)[:1000])


@pytest.mark.django_db
def test_a_newcomers_demo_has_open_work_of_every_kind_some_held_by_the_demo_handler(settings):
    from django.contrib.auth import get_user_model

    settings.DEBUG = True
    call_command("create_demo_users", stdout=StringIO())
    _seed(40, "--newcomer", "--seed", "7")
    submissions = Submission.objects.all()
    assert submissions.count() == 40
    counts = dict(submissions.values_list("status").annotate(n=Count("id")))
    assert set(counts) == set(Status.values), counts
    assert counts[Status.NEW] >= 8  # a newcomer's queue has plenty to take
    handler = get_user_model().objects.get(username="handler")
    assert submissions.filter(status=Status.IN_PROGRESS, assigned_to=handler).exists()
    assert set(submissions.exclude(outcome="").values_list("outcome", flat=True)) >= {
        "intelligence_log",
        "no_action",
    }
    # Closed work is recent, so the dashboard's weeks and charts have something to show.
    oldest = submissions.order_by("created_at").first().created_at
    assert oldest > seeding.datetime.now(seeding.UTC) - timedelta(days=60)
    # Some share a plate or a phone, so the linked-submissions panel has something to show.
    assert Link.objects.filter(sure=True).count() >= 4


@pytest.mark.django_db
def test_a_newcomers_demo_is_added_once_and_never_over_real_work(settings):
    settings.DEBUG = True
    _seed(30, "--newcomer")
    out = _seed(30, "--newcomer")
    assert Submission.objects.count() == 30
    assert "no demo submissions added" in out
