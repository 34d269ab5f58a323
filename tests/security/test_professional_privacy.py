"""No professional's IP address or user agent is kept anywhere: tables, logs, queued tasks."""

import base64
import contextlib
import json
import logging
import runpy

import pytest
import redis
from django.apps import apps
from django.conf import settings
from django.db import connection

from cpi.crypto import DecryptionError, decrypt_str
from submissions.models import Submission
from tests.submissions.journey import CONFIRMATION_URL, answer_everything, submit

CANARY_IP = "192.0.2.213"
CANARY_FORWARDED = "198.51.100.213"
CANARY_AGENT = "CanaryBrowser/7.31 (CPI-UA-CANARY; professional-device)"
CANARIES = (CANARY_IP, CANARY_FORWARDED, CANARY_AGENT, "CPI-UA-CANARY")


def professional():
    from django.test import Client

    return Client(
        REMOTE_ADDR=CANARY_IP,
        HTTP_USER_AGENT=CANARY_AGENT,
        HTTP_X_FORWARDED_FOR=CANARY_FORWARDED,
    )


def readable(value) -> str:
    """A stored value as text, decrypted when it is one of our encrypted tokens."""
    if isinstance(value, memoryview | bytes):
        value = bytes(value).decode("utf-8", "replace")
    text = str(value)
    if text.startswith("gAAAAA"):
        with contextlib.suppress(DecryptionError):
            text += " " + decrypt_str(text)
    return text


def every_stored_value() -> str:
    """Every column of every row of every table, read with raw SQL (and decrypted)."""
    chunks = []
    tables = connection.introspection.table_names()
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT * FROM {quote(table)}")
            for row in cursor.fetchall():
                chunks.extend(readable(value) for value in row if value is not None)
    return "\n".join(chunks)


def assert_no_canary(text: str, where: str):
    for canary in CANARIES:
        assert canary not in text, f"{canary!r} found in {where}"


@pytest.mark.django_db
def test_the_whole_journey_stores_and_logs_no_ip_address_or_user_agent(
    caplog, django_capture_on_commit_callbacks, mailoutbox
):
    caplog.set_level(logging.DEBUG)
    client = professional()
    answer_everything(client)
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client)
    assert response.url == CONFIRMATION_URL
    assert client.get(CONFIRMATION_URL).status_code == 200
    submission = Submission.objects.get()

    stored = every_stored_value()
    assert submission.reference in stored  # the search really covers the data
    assert "Bethany Quennell" in stored  # ... including what is encrypted
    assert_no_canary(stored, "the database")
    assert_no_canary(caplog.text, "the logs")
    assert_no_canary(json.dumps([r.__dict__ for r in caplog.records], default=str), "log records")
    assert_no_canary(str([m.message() for m in mailoutbox]), "the notification email")
    covered = {m._meta.db_table for m in apps.get_models()}
    assert {"audit_auditevent", "auditlog_logentry", "django_session"} <= covered


@pytest.mark.redis
@pytest.mark.django_db
def test_queued_tasks_carry_ids_and_nothing_of_the_professional(
    celery_broker, django_capture_on_commit_callbacks
):
    queue = redis.Redis.from_url(settings.REDIS_URL)
    queue.delete("celery")
    client = professional()
    answer_everything(client)
    with django_capture_on_commit_callbacks(execute=True):
        submit(client)
    messages = [json.loads(raw) for raw in queue.lrange("celery", 0, -1)]
    queue.delete("celery")
    assert messages, "the notification task was not queued"
    for message in messages:
        body = base64.b64decode(message["body"]).decode()
        args, kwargs, _ = json.loads(body)
        # Ids only: one UUID string, no answers.
        assert kwargs == {}
        assert all(isinstance(arg, str) and len(arg) == 36 for arg in args)
        everything = body + json.dumps(message["headers"]) + json.dumps(message["properties"])
        assert_no_canary(everything, "the queued task")
        assert "Jade Kemp" not in everything and "Quennell" not in everything


def test_the_web_server_access_log_records_no_address_or_user_agent():
    config = runpy.run_path(str(settings.BASE_DIR / "cpi" / "gunicorn.conf.py"))
    log_format = config["access_log_format"]
    for atom in ("%(h)s", "%(a)s", "%(r)s", "%(q)s", "%(f)s", "{x-forwarded-for}i"):
        assert atom not in log_format.lower(), atom
