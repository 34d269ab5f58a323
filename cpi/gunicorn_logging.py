"""gunicorn's own error log, kept free of client addresses and anything a client sent.

gunicorn logs "Invalid request from ip=<address>: <error>" for a malformed request (a request line
or headers too long, bad TLS) and the request URI when an error escapes the application. Either
can be a professional's: the address is withheld, and so is any query string and exception
message (they can quote what was typed). Set as `logger_class` in cpi/gunicorn.conf.py.
"""

import logging
import re

from gunicorn.glogging import Logger

from cpi.security_logging import RedactExceptionDetails

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
        withheld = _QUERY_STRING.sub(f"?{WITHHELD}", withheld)
        if withheld != message:
            record.msg, record.args = withheld, ()
        return self._exceptions.filter(record)


class RedactingLogger(Logger):
    def setup(self, cfg):
        super().setup(cfg)
        # On the logger, not its handlers: setup() runs again on reload and replaces handlers.
        if not any(isinstance(f, WithholdClientDetails) for f in self.error_log.filters):
            self.error_log.addFilter(WithholdClientDetails())
