"""Logs must never carry what a professional typed.

An exception's message can quote submitted data: PostgreSQL puts the failing row in the DETAIL of
a constraint error ("Failing row contains (...)"), and a ValueError may repeat its input. Tracebacks
themselves (file, line, function) are what an operator needs, so the filter keeps those and drops
every exception message, in the chain of causes too.
"""

import logging
import traceback

REDACTED = "[message withheld: it may contain submitted data]"


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
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = _redacted_exception(record.exc_info[1])
            record.exc_info = None
        # Django attaches the request for its mail handler; nothing here should format it.
        if hasattr(record, "request"):
            record.request = None
        return True
