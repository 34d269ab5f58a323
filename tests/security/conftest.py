"""Fixtures for the security tests."""

import io
import logging

import pytest


@pytest.fixture
def log_output():
    """What the configured log handlers really write (not pytest's capture of the records)."""
    stream = io.StringIO()
    handlers = {
        handler
        for name in ("", "django.request", "django.security", "cpi", "submissions")
        for handler in logging.getLogger(name).handlers
        if isinstance(handler, logging.StreamHandler) and handler.filters
    }
    assert handlers, "no configured console handler found"
    previous = {handler: handler.setStream(stream) for handler in handlers}
    yield stream
    for handler, old in previous.items():
        handler.setStream(old)
