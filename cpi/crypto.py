"""Encryption at rest for the most sensitive fields (the source and the provenance answer).

Keys come from settings.ENCRYPTION_KEYS, newest first: new values are encrypted with the newest
key, and any listed key may decrypt, so keys can be rotated without downtime
(`manage.py rotate_encryption_keys` re-encrypts every row to the newest key).
"""

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models


class DecryptionError(Exception):
    """A stored value could not be decrypted with any configured key. Fail closed."""


@lru_cache(maxsize=8)
def _fernets(keys: tuple[str, ...]) -> tuple[MultiFernet, Fernet]:
    if not keys:
        raise DecryptionError("No encryption keys are configured.")
    fernets = [Fernet(key.encode()) for key in keys]
    return MultiFernet(fernets), fernets[0]


def current_keys() -> tuple[str, ...]:
    return tuple(settings.ENCRYPTION_KEYS)


def encrypt_str(plaintext: str) -> str:
    multi, _ = _fernets(current_keys())
    return multi.encrypt(plaintext.encode("utf-8")).decode("ascii")


def decrypt_str(token: str) -> str:
    multi, _ = _fernets(current_keys())
    try:
        return multi.decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError, ValueError) as exc:
        raise DecryptionError("A stored value could not be decrypted.") from exc


def is_encrypted_with_newest_key(token: str) -> bool:
    _, newest = _fernets(current_keys())
    try:
        newest.decrypt(token.encode("ascii"))
    except (InvalidToken, ValueError):
        return False
    return True


def rotate_token(token: str) -> str:
    """Re-encrypt a token to the newest key (raises DecryptionError if no key can read it)."""
    multi, _ = _fernets(current_keys())
    try:
        return multi.rotate(token.encode("ascii")).decode("ascii")
    except (InvalidToken, ValueError) as exc:
        raise DecryptionError("A stored value could not be decrypted.") from exc


class EncryptedTextField(models.TextField):
    """A text field stored as a Fernet token. Empty strings stay empty (nothing to hide).

    It cannot be filtered or ordered on in the database, by design.
    """

    description = "Text encrypted at rest"

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt_str(str(value))

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt_str(value)

    def to_python(self, value):
        return value
