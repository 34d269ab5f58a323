"""Logs must never carry what a professional typed, nor let anyone forge a line.

An exception's message can quote submitted data: PostgreSQL puts the failing row in the DETAIL of
a constraint error ("Failing row contains (...)"), and a ValueError may repeat its input. Tracebacks
themselves (file, line, function) are what an operator needs, so the filter keeps those and drops
every exception message, in the chain of causes too.

A message can still name what a client chose (a path, a header): every control character in it is
written escaped (a carriage return as \\r, an escape byte as \\x1b), so a request cannot start a
forged line or recolour a terminal. A refused request (Django's "django.security.*" loggers: a bad
Host header, an unsafe redirect) is one line naming the kind of refusal, never the value or a
traceback.
"""

import logging
import re
import traceback

REDACTED = "[message withheld: it may contain submitted data]"

# C0 and C1 controls and DEL; line and paragraph separators; the bidirectional controls that can
# make a line read differently from what it holds; lone surrogates (a stream cannot encode them).
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\r": "\\r", "\n": "\\n", "\t": "\\t"}


def _escaped(match: re.Match) -> str:
    character = match.group()
    if character in _NAMED:
        return _NAMED[character]
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """The text with every control, line-breaking and direction-changing character escaped."""
    return _UNSAFE.sub(_escaped, text)


class EscapingFormatter(logging.Formatter):
    """A formatter whose message part is always one line of printable text.

    The traceback (our own file names, lines and functions, messages already withheld) keeps its
    line breaks: those are the formatter's, not a client's.
    """

    def formatMessage(self, record: logging.LogRecord) -> str:
        record.message = escape_controls(record.message)
        return super().formatMessage(record)

    def formatException(self, ei) -> str:
        return "\n".join(escape_controls(line) for line in super().formatException(ei).split("\n"))


def _refusal_line(record: logging.LogRecord) -> None:
    """A SuspiciousOperation Django logged ("Invalid HTTP_HOST header: 'evil.example'...", with a
    traceback): one line saying what kind of request was refused, without the value."""
    kind = record.name.removeprefix("django.security.")
    if kind == "DisallowedHost":
        record.msg = "Request refused (400): its Host header is not one this service answers to"
    else:
        record.msg = f"Request refused (400): {kind}"
    record.args = ()
    record.exc_info = None
    record.exc_text = None
    record.stack_info = None
    # A probe refused is the service working, not failing: a warning, as other refusals are.
    record.levelno, record.levelname = logging.WARNING, "WARNING"


def _redacted_exception(exc: BaseException | None) -> str:
    lines: list[str] = []
    seen: set[int] = set()
    chain: list[BaseException] = []
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        chain.append(exc)
        exc = exc.__cause__ or exc.__context__
    for position, item in enumerate(reversed(chain)):
        if position:
            lines.append("\nDuring handling of the above exception, another exception occurred:\n")
        lines.append("Traceback (most recent call last):")
        for frame in traceback.extract_tb(item.__traceback__):
            lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
        lines.append(f"{type(item).__module__}.{type(item).__qualname__}: {REDACTED}")
    return "\n".join(lines)


class RedactExceptionDetails(logging.Filter):
    """Attached to the log handlers: applies to every record, whichever logger it came from."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith("django.security."):
            _refusal_line(record)
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = _redacted_exception(record.exc_info[1])
            record.exc_info = None
        # Django attaches the request for its mail handler; nothing here should format it.
        if hasattr(record, "request"):
            record.request = None
        return True
