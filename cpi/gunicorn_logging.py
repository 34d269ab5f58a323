"""gunicorn's own logs, kept free of client addresses and anything a client sent, and unforgeable.

gunicorn logs "Invalid request from ip=<address>: <error>" for a malformed request (a request line
or headers too long, bad TLS) and the request URI when an error escapes the application. Either
can be a professional's: the address is withheld, and so is any query string and exception
message (they can quote what was typed). Set as `logger_class` in cpi/gunicorn.conf.py.

The access log writes the decoded path, so "%0d%0a" in an address would start a forged line: every
field of both logs has its control characters escaped, and in the access log a quote and a
backslash too (as Apache does; gunicorn escapes the quote), so a path cannot close its field.
"""

import logging
import re

from gunicorn.glogging import Logger

from cpi.security_logging import RedactExceptionDetails, escape_controls

WITHHELD = "[withheld]"
# "ip=192.0.2.1: ..." or "ip=2001:db8::1: ...": everything up to the ": " that ends the address.
_CLIENT_ADDRESS = re.compile(r"ip=\S*?(?=:\s|\s|$)")
_QUERY_STRING = re.compile(r"\?[^\s'\"]*")


class WithholdClientDetails(logging.Filter):
    def __init__(self):
        super().__init__()
        self._exceptions = RedactExceptionDetails()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        withheld = _CLIENT_ADDRESS.sub(f"ip={WITHHELD}", message)
        withheld = escape_controls(_QUERY_STRING.sub(f"?{WITHHELD}", withheld))
        if withheld != message:
            record.msg, record.args = withheld, ()
        return self._exceptions.filter(record)


def _access_field(value):
    # A backslash is doubled so an escape cannot be forged; gunicorn's SafeAtoms then escapes '"'.
    if not isinstance(value, str):
        return value
    return escape_controls(value.replace("\\", "\\\\"))


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        """Every field the access log format can name (path, query, headers, environ), escaped."""
        atoms = super().atoms(resp, req, environ, request_time)
        return {name: _access_field(value) for name, value in atoms.items()}

    def setup(self, cfg):
        super().setup(cfg)
        # On the logger, not its handlers: setup() runs again on reload and replaces handlers.
        if not any(isinstance(f, WithholdClientDetails) for f in self.error_log.filters):
            self.error_log.addFilter(WithholdClientDetails())
