"""Every line the app logs is one line of printable text, and a refused Host is one line without it.

gunicorn's own logs are covered by test_gunicorn_config.py and, served for real, test_web_server.py.
"""

import logging
import subprocess
import sys

import pytest
from django.conf import settings

from cpi.security_logging import EscapingFormatter, escape_controls
from tests.security.production import production_env

pytestmark = pytest.mark.django_db

FORGED_PATH = "/form/information/%0d%0aINJECTED-PATH-LINE%1b[31m/"
EVIL_HOST = "evil-host.example"
# Headers a page carries whatever it is; the 400 for a refused Host must carry the same values.
SECURITY_HEADERS = (
    "Cache-Control",
    "Pragma",
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
)


def logged_lines(stream) -> list[str]:
    return stream.getvalue().splitlines()


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a\r\nb", "a\\r\\nb"),
        ("colour\x1b[31m", "colour\\x1b[31m"),
        ("nul\x00", "nul\\x00"),
        ("tab\there", "tab\\there"),
        ("next-line\x85", "next-line\\x85"),
        ("sep\u2028arator", "sep\\u2028arator"),
        ("rtl\u202eoverride", "rtl\\u202eoverride"),
        ("surrogate\ud800", "surrogate\\ud800"),
        ("Jade Kemp, Mill Lane, ĀĒ 漢字 😀", "Jade Kemp, Mill Lane, ĀĒ 漢字 😀"),
    ],
)
def test_control_characters_are_escaped_and_other_text_is_left_as_it_is(text, shown):
    assert escape_controls(text) == shown


def test_a_forged_line_in_the_path_is_escaped_in_the_apps_log(client, log_output):
    # The body-cap middleware names the path it refused; the path is decoded by then.
    response = client.generic("POST", FORGED_PATH, b"x", CONTENT_LENGTH="not-a-number")
    assert response.status_code == 400
    lines = logged_lines(log_output)
    refused = [line for line in lines if "unreadable Content-Length" in line]
    assert len(refused) == 1, lines
    assert "/form/information/\\r\\nINJECTED-PATH-LINE\\x1b[31m/" in refused[0]
    assert not any(line.startswith("INJECTED") for line in lines)
    assert "\x1b" not in log_output.getvalue() and "\r" not in log_output.getvalue()


def test_the_formatter_escapes_arguments_and_keeps_the_tracebacks_own_lines():
    formatter = EscapingFormatter("%(levelname)s %(message)s")
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        record = logging.LogRecord(
            "cpi", logging.ERROR, __file__, 1, "Failed on %s", ("/a\nFORGED",), sys.exc_info()
        )
    shown = formatter.format(record)
    first, *rest = shown.split("\n")
    assert first == "ERROR Failed on /a\\nFORGED"
    assert rest[0] == "Traceback (most recent call last):"


def test_a_refused_host_gets_the_400_page_with_every_header_a_page_has(client):
    page = client.get("/")
    refused = client.get("/", HTTP_HOST=EVIL_HOST)
    assert refused.status_code == 400
    assert b"govuk-header" in refused.content  # the service's own page
    for name in SECURITY_HEADERS:
        assert refused.get(name) == page.get(name), name
    assert "no-store" in refused["Cache-Control"]
    assert refused["X-Frame-Options"] == "DENY"


def test_a_refused_host_is_logged_as_one_line_without_its_value(client, log_output):
    client.get("/staff/?q=1", HTTP_HOST=EVIL_HOST)
    logged = log_output.getvalue()
    assert logged.count("\n") == 1, logged
    assert "Request refused (400): its Host header is not one this service answers to" in logged
    assert EVIL_HOST not in logged
    assert "Traceback" not in logged
    assert " WARNING django.security.DisallowedHost " in logged


def test_other_refused_requests_are_one_line_too(client, log_output):
    logging.getLogger("django.security.SuspiciousOperation").error(
        "Attempted access to '%s' denied.", "/etc/passwd\nFORGED", exc_info=ValueError("x")
    )
    logged = log_output.getvalue()
    assert logged.count("\n") == 1
    assert "Request refused (400): SuspiciousOperation" in logged
    assert "passwd" not in logged


def test_the_celery_worker_logs_through_the_same_escaping_handler(tmp_path):
    # What a worker does at start (celery.app.log.Logging.setup): without our receiver of
    # setup_logging, Celery puts its own handler on the root logger, unescaped and unredacted.
    code = (
        "import django; django.setup()\n"
        "from cpi.celery import app\n"
        "app.log.setup(loglevel='INFO')\n"
        "import logging\n"
        "logging.getLogger('celery.worker.strategy').warning('Task %s', 'x\\r\\nFORGED\\x1b')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Task x\\r\\nFORGED\\x1b" in result.stderr
    assert "\x1b" not in result.stderr
    assert not any(line.startswith("FORGED") for line in result.stderr.splitlines())
