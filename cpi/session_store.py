"""Database sessions whose contents are encrypted at rest.

A professional's answers wait in the session between pages, source details included, so the
session table must not hold them in plain text.
"""

from django.contrib.sessions.backends.db import SessionStore as DbSessionStore

from cpi.crypto import DecryptionError, decrypt_str, encrypt_str


class SessionStore(DbSessionStore):
    def encode(self, session_dict):
        return encrypt_str(super().encode(session_dict))

    def decode(self, session_data):
        try:
            return super().decode(decrypt_str(session_data))
        except DecryptionError:
            # An unreadable session (e.g. a retired key) starts afresh rather than erroring.
            return {}
