"""manage.py rotate_encryption_keys: every encrypted value and session moves to the newest key."""

from io import StringIO
from unittest import mock

import pytest
from cryptography.fernet import Fernet
from django.contrib.sessions.backends.db import SessionStore as PlainSessionStore
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from audit.models import Action, AuditEvent
from cpi import crypto
from cpi.session_store import SessionStore
from submissions.models import Source, Submission
from tests.factories import SubmissionFactory

pytestmark = pytest.mark.django_db

OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()
LOST_KEY = Fernet.generate_key().decode()


def _raw(sql: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def _raw_tokens() -> list[str]:
    rows = _raw("SELECT name, role, organisation, email, phone FROM submissions_source")
    rows += _raw("SELECT provenance, provenance_detail FROM submissions_submission")
    rows += _raw("SELECT session_data FROM django_session")
    return [value for row in rows for value in row if value]


def _rotate(*args) -> str:
    out = StringIO()
    call_command("rotate_encryption_keys", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def data_under_the_old_key():
    with override_settings(ENCRYPTION_KEYS=[OLD_KEY]):
        submissions = SubmissionFactory.create_batch(3)
        session = SessionStore()
        session["cpi_form"] = {"steps": {"source": {"name": "Bethany Quennell"}}}
        session.save()
    return submissions, session.session_key


@override_settings(ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY])
def test_every_value_and_session_is_re_encrypted_to_the_newest_key(data_under_the_old_key):
    submissions, session_key = data_under_the_old_key
    assert not any(crypto.is_encrypted_with_newest_key(t) for t in _raw_tokens())

    output = _rotate("--batch-size", "2")

    assert all(crypto.is_encrypted_with_newest_key(t) for t in _raw_tokens())
    assert "7 rows changed" in output  # 3 sources + 3 submissions + 1 session
    with override_settings(ENCRYPTION_KEYS=[NEW_KEY]):
        assert Source.objects.get(submission=submissions[0]).name == "Sarah Hughes"
        assert Submission.objects.get(pk=submissions[0].pk).provenance == "seen_directly"
        session = SessionStore(session_key=session_key)
        assert session["cpi_form"]["steps"]["source"]["name"] == "Bethany Quennell"


@override_settings(ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY])
def test_a_second_run_changes_nothing(data_under_the_old_key):
    _rotate()
    before = _raw_tokens()
    assert "0 rows changed" in _rotate()
    assert _raw_tokens() == before


@override_settings(ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY])
def test_the_rotation_is_audited_with_counts(data_under_the_old_key):
    _rotate()
    event = AuditEvent.objects.filter(action=Action.KEY_ROTATION).latest("id")
    assert event.actor_id is None
    assert event.details["rows_changed"] == 7
    assert event.details["rows_failed"] == 0
    assert event.details["tables"]["submissions.Source"] == 3


@override_settings(ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY])
def test_an_interrupted_run_leaves_everything_readable_and_a_rerun_finishes(
    data_under_the_old_key,
):
    real_rotate = crypto.rotate_token
    calls = {"n": 0}

    def rotate_then_stop(token):
        calls["n"] += 1
        if calls["n"] > 4:
            raise KeyboardInterrupt
        return real_rotate(token)

    with (
        mock.patch(
            "submissions.management.commands.rotate_encryption_keys.rotate_token",
            side_effect=rotate_then_stop,
        ),
        pytest.raises(KeyboardInterrupt),
    ):
        _rotate("--batch-size", "1")

    tokens = _raw_tokens()
    newest = [t for t in tokens if crypto.is_encrypted_with_newest_key(t)]
    assert 0 < len(newest) < len(tokens)
    for token in tokens:
        crypto.decrypt_str(token)  # every value readable mid-rotation

    _rotate()
    assert all(crypto.is_encrypted_with_newest_key(t) for t in _raw_tokens())


@override_settings(ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY])
def test_a_row_no_key_can_read_fails_closed_and_is_reported_by_id(data_under_the_old_key):
    lost = Fernet(LOST_KEY.encode()).encrypt(b"Unreadable Name").decode()
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM submissions_source ORDER BY id")
        unreadable_id = cursor.fetchall()[1][0]
        cursor.execute(
            "UPDATE submissions_source SET name = %s WHERE id = %s", [lost, unreadable_id]
        )

    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="could not be decrypted"):
        call_command("rotate_encryption_keys", stdout=out, stderr=err)

    assert str(unreadable_id).replace("-", "") in err.getvalue().replace("-", "")
    assert "Unreadable" not in out.getvalue() + err.getvalue()
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM submissions_source WHERE id = %s", [unreadable_id])
        assert cursor.fetchone()[0] == lost  # never overwritten
    event = AuditEvent.objects.filter(action=Action.KEY_ROTATION).latest("id")
    assert event.details["rows_failed"] == 1


def test_plain_sessions_module_is_not_what_stores_answers():
    # The rotation relies on sessions being encrypted by cpi.session_store.
    assert SessionStore is not PlainSessionStore
    from django.conf import settings

    assert settings.SESSION_ENGINE == "cpi.session_store"
