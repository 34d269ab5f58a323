"""The app as production serves it: gunicorn with cpi/gunicorn.conf.py and DEBUG off, on loopback.

What only the real server shows: its Server header, its own logs, whom it believes about HTTPS,
and what happens to an upload the app refuses before reading it.
"""

import contextlib
import http.client
import logging
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from cpi.gunicorn_logging import WithholdClientDetails
from tests.security.production import production_env, run_manage
from tests.security.test_log_lines import EVIL_HOST, FORGED_PATH, SECURITY_HEADERS

CANARY_AGENT = "CanaryBrowser/9.1 (CPI-WEB-CANARY)"
CANARY_FORWARDED = "198.51.100.77"
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def serving(tmp_path_factory, name: str, **extra: str):
    """gunicorn with cpi/gunicorn.conf.py and production settings, on a free loopback port."""
    tmp_path = tmp_path_factory.mktemp(name)
    port = free_port()
    env = production_env(
        tmp_path,
        ALLOWED_HOSTS="127.0.0.1",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="1",
        **extra,
    )
    collected = run_manage("collectstatic", "--noinput", "-v0", env=env)
    assert collected.returncode == 0, collected.stderr
    log_path = tmp_path / "gunicorn.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [str(GUNICORN), "-c", "cpi/gunicorn.conf.py", "cpi.wsgi:application"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, log_path.read_text()
            try:
                if request(port, "GET", "/healthz").status in (200, 301):
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "gunicorn did not answer within 60 s"
            time.sleep(0.3)
        yield port, log_path
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """gunicorn behind one (pretend) proxy, so X-Forwarded-Proto says the request was HTTPS."""
    with serving(tmp_path_factory, "web", PROXY_DEPTH="1") as served:
        yield served


@pytest.fixture(scope="module")
def direct_server(tmp_path_factory):
    """gunicorn with no proxy in front (PROXY_DEPTH=0), answering plain HTTP on loopback."""
    with serving(tmp_path_factory, "direct", PROXY_DEPTH="0") as served:
        yield served


def request(port: int, method: str, path: str, body: bytes | None = None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request(
        method,
        path,
        body=body,
        headers={
            "Host": "127.0.0.1",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": CANARY_FORWARDED,
            "User-Agent": CANARY_AGENT,
            **(headers or {}),
        },
    )
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


def test_no_response_names_the_web_server_software(server):
    port, _ = server
    for path in ("/", "/healthz", "/no-such-page/"):
        response = request(port, "GET", path)
        assert not response.getheader("Server"), (path, response.getheader("Server"))
        assert response.getheader("X-Powered-By") is None


def test_an_upload_far_over_the_cap_gets_the_413_page_not_a_reset(server):
    # Refused before it is read; unless the app reads and drops it, the connection is reset and
    # the browser shows a network error instead of the page.
    port, _ = server
    body = b"information=" + b"x" * (20 * 1024 * 1024)
    response = request(
        port,
        "POST",
        "/eligibility/immediate-danger/",
        body=body,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status == 413
    assert b"What you sent was too long" in response.body
    assert response.getheader("Content-Security-Policy")
    assert response.getheader("Strict-Transport-Security", "").startswith("max-age=31536000")


def test_the_error_log_withholds_the_address_of_a_malformed_request(server):
    port, log_path = server
    # A request line over gunicorn's limit: gunicorn answers it and logs it itself.
    query = "?name=Jade-Kemp-" + "a" * 9000
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
        raw.sendall(f"GET /{query} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        assert raw.recv(100).startswith(b"HTTP/1.1 414")
    time.sleep(0.5)
    logged = log_path.read_text()
    refusals = [line for line in logged.splitlines() if "Invalid request" in line]
    assert refusals, logged[-2000:]
    for line in refusals:
        assert "127.0.0.1" not in line
        assert "ip=[withheld]" in line
    assert "Jade-Kemp" not in logged


def test_the_logs_hold_no_forwarded_address_or_user_agent(server):
    port, log_path = server
    request(port, "GET", "/")
    time.sleep(0.5)
    logged = log_path.read_text()
    assert '"GET /"' in logged  # the access log is really written here
    assert CANARY_FORWARDED not in logged
    assert "CPI-WEB-CANARY" not in logged


@pytest.mark.parametrize(
    "message",
    [
        "Invalid request from ip=192.0.2.14: Invalid HTTP Version",
        "Invalid request from ip=2001:db8::7: Invalid HTTP Version",
        "Invalid request from ip=::ffff:192.0.2.14: limit request headers fields",
    ],
)
def test_the_error_log_filter_withholds_ipv4_and_ipv6_addresses(message):
    record = logging.LogRecord("gunicorn.error", logging.WARNING, __file__, 1, message, (), None)
    assert WithholdClientDetails().filter(record)
    shown = record.getMessage()
    assert shown.startswith("Invalid request from ip=[withheld]: ")
    assert "192.0.2.14" not in shown and "db8" not in shown


def test_the_error_log_filter_withholds_query_strings():
    record = logging.LogRecord(
        "gunicorn.error",
        logging.ERROR,
        __file__,
        1,
        "Error handling request %s %s",
        ("GET", "/form/information/?information=Jade+Kemp"),
        None,
    )
    WithholdClientDetails().filter(record)
    assert record.getMessage() == "Error handling request GET /form/information/?[withheld]"


def raw_request(port: int, head: str) -> bytes:
    """Bytes on the wire as a client chose them (http.client would refuse a control character)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
        raw.sendall(head.encode("latin-1"))
        answer = b""
        while chunk := raw.recv(65536):
            answer += chunk
    return answer


def logged_after(log_path: Path, action) -> str:
    before = log_path.stat().st_size
    action()
    time.sleep(0.5)
    with log_path.open("rb") as log:
        log.seek(before)
        return log.read().decode("utf-8", "replace")


def test_a_forged_line_in_the_path_is_escaped_in_the_access_log(server):
    port, log_path = server
    head = (
        f"GET {FORGED_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-Proto: https\r\n"
        "Connection: close\r\n\r\n"
    )
    logged = logged_after(log_path, lambda: raw_request(port, head))
    assert "/form/information/\\r\\nINJECTED-PATH-LINE\\x1b[31m/" in logged, logged
    assert "\x1b" not in logged and "\r" not in logged
    assert not any(line.startswith("INJECTED") for line in logged.splitlines())


def test_a_refused_host_gets_the_400_page_with_every_header_and_one_log_line(server):
    port, log_path = server
    page = request(port, "GET", "/")
    refused = None

    def ask():
        nonlocal refused
        refused = request(port, "GET", "/staff/", headers={"Host": EVIL_HOST})

    logged = logged_after(log_path, ask)
    assert refused.status == 400
    for name in (*SECURITY_HEADERS, "Strict-Transport-Security"):
        assert refused.getheader(name) == page.getheader(name), name
    assert "no-store" in refused.getheader("Cache-Control")
    assert EVIL_HOST not in logged
    assert "Traceback" not in logged
    refusals = [line for line in logged.splitlines() if "Request refused (400)" in line]
    assert len(refusals) == 1, logged


def test_without_a_proxy_a_loopback_client_cannot_claim_https(direct_server):
    # gunicorn's default trusts X-Forwarded-Proto from 127.0.0.1: the request would pass as HTTPS
    # (no redirect, Secure cookies sent over plain HTTP). With PROXY_DEPTH=0 nobody is trusted.
    port, _ = direct_server
    response = request(port, "GET", "/", headers={"X-Forwarded-Proto": "https"})
    assert response.status == 301
    assert response.getheader("Location") == "https://127.0.0.1/"


def test_without_a_proxy_a_refused_host_over_http_still_gets_every_header(direct_server):
    # Refused in the outermost of Django's middleware (the redirect to HTTPS reads the Host).
    port, log_path = direct_server
    page = request(port, "GET", "/")
    refused = None

    def ask():
        nonlocal refused
        refused = request(port, "GET", "/", headers={"Host": EVIL_HOST})

    logged = logged_after(log_path, ask)
    assert page.status == 301  # X-Forwarded-Proto is not believed: this is plain HTTP
    assert refused.status == 400
    for name in SECURITY_HEADERS:
        assert refused.getheader(name) == page.getheader(name), name
    assert EVIL_HOST not in logged and "Traceback" not in logged
