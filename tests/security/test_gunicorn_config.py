"""cpi/gunicorn.conf.py as gunicorn itself reads it: who is trusted, and what its logs may hold."""

import datetime
import logging
from types import SimpleNamespace

import pytest
from django.conf import settings
from gunicorn.app.base import Application

from cpi.gunicorn_logging import RedactingLogger

CONFIG = str(settings.BASE_DIR / "cpi" / "gunicorn.conf.py")


class _ConfigOnly(Application):
    """gunicorn's own loader over our config file, without a command line or an app to serve."""

    def load_config(self):
        self.load_config_from_file(CONFIG)

    def load(self):  # pragma: no cover - never served
        raise NotImplementedError


def gunicorn_config(monkeypatch, **env: str):
    for name in ("PROXY_DEPTH", "FORWARDED_ALLOW_IPS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return _ConfigOnly().cfg


def test_without_a_proxy_no_peer_may_claim_https_not_even_loopback(monkeypatch):
    cfg = gunicorn_config(monkeypatch)
    assert cfg.forwarded_allow_ips == []
    # No scheme header is read at all: a Unix-socket peer is trusted whatever the list says.
    assert cfg.secure_scheme_headers == {}
    assert cfg.forwarder_headers == []


def test_gunicorns_forwarded_allow_ips_variable_cannot_widen_the_trust(monkeypatch):
    cfg = gunicorn_config(monkeypatch, FORWARDED_ALLOW_IPS="127.0.0.1,::1", PROXY_DEPTH="0")
    assert cfg.forwarded_allow_ips == []
    assert cfg.secure_scheme_headers == {}


@pytest.mark.parametrize("depth", ["1", "2"])
def test_behind_a_proxy_only_x_forwarded_proto_is_read_from_it(monkeypatch, depth):
    cfg = gunicorn_config(monkeypatch, PROXY_DEPTH=depth, FORWARDED_ALLOW_IPS="192.0.2.1")
    # Only the proxy reaches gunicorn then; Django trusts the same header (SECURE_PROXY_SSL_HEADER).
    assert cfg.forwarded_allow_ips == ["*"]
    assert cfg.secure_scheme_headers == {"X-FORWARDED-PROTO": "https"}
    assert cfg.forwarder_headers == []


# --- The access log: every field escaped -------------------------------------------------------
def access_line(monkeypatch, *, path: str, method: str = "GET", headers=()) -> str:
    cfg = gunicorn_config(monkeypatch)
    logger = RedactingLogger(cfg)
    written: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            written.append(self.format(record))

    logger.access_log.handlers = [Collect()]
    logger.access_log.propagate = False
    response = SimpleNamespace(status="200 OK", sent=12, headers=[("Content-Type", "text/html")])
    environ = {
        "REQUEST_METHOD": method,
        "RAW_URI": path,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
    }
    logger.access(response, list(headers), environ, datetime.timedelta(milliseconds=3))
    assert len(written) == 1
    return written[0]


def test_the_access_log_escapes_a_decoded_carriage_return_new_line_and_escape_byte(monkeypatch):
    line = access_line(monkeypatch, path="/form/information/\r\nINJECTED-PATH-LINE\x1b[31m/")
    assert "\r" not in line and "\n" not in line and "\x1b" not in line
    assert "/form/information/\\r\\nINJECTED-PATH-LINE\\x1b[31m/" in line


def test_the_access_log_escapes_quotes_so_a_path_cannot_close_its_field(monkeypatch):
    line = access_line(monkeypatch, path='/a" 200 0 1ms\\')
    assert '"GET /a\\" 200 0 1ms\\\\"' in line


@pytest.mark.parametrize(
    "character", ["\x00", "\x07", "\x7f", "\x85", "\u2028", "\u2029", "\u202e", "\u2066"]
)
def test_the_access_log_escapes_every_control_and_line_or_direction_breaking_character(
    monkeypatch, character
):
    line = access_line(monkeypatch, path=f"/x{character}y/")
    assert character not in line
    assert "/x\\" in line


def test_every_access_log_atom_is_escaped_whatever_field_it_comes_from(monkeypatch):
    # Not in today's format, but a format change must not reopen the hole: headers are atoms too.
    cfg = gunicorn_config(monkeypatch)
    logger = RedactingLogger(cfg)
    response = SimpleNamespace(status="200 OK", sent=1, headers=[])
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/?q=\r\n",
        "PATH_INFO": "/",
        "QUERY_STRING": "q=\r\n",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": "x\ny",
    }
    atoms = logger.atoms(
        response,
        [("X-FORGED", "a\r\nb"), ("USER-AGENT", "u\x1b")],
        environ,
        datetime.timedelta(0),
    )
    for value in atoms.values():
        if isinstance(value, str):
            assert not any(c in value for c in "\r\n\x1b"), value
    assert atoms["{x-forged}i"] == "a\\r\\nb"
    assert atoms["q"] == "q=\\r\\n"
