"""A value no key can read fails closed: a generic error, nothing shown, nothing saved."""

import pytest
from cryptography.fernet import Fernet
from django.db.models import TextField, Value
from django.db.models.functions import Cast
from django.utils import timezone

from cpi.crypto import DecryptionError, decrypt_str, encrypt_str
from submissions.models import Source, Submission
from tests.factories import SubmissionFactory


def raw(model, pk, column: str) -> str:
    """The stored token, read without decrypting it."""
    return (
        model.objects.filter(pk=pk)
        .annotate(raw=Cast(column, output_field=TextField()))
        .values_list("raw", flat=True)
        .get()
    )


def corrupt(token: str) -> str:
    middle = len(token) // 2
    return token[:middle] + ("A" if token[middle] != "A" else "B") + token[middle + 1 :]


def test_a_token_from_another_key_does_not_decrypt(settings):
    token = encrypt_str("Sarah Hughes")
    settings.ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(DecryptionError):
        decrypt_str(token)


def test_a_corrupted_token_does_not_decrypt():
    with pytest.raises(DecryptionError):
        decrypt_str(corrupt(encrypt_str("Sarah Hughes")))


def test_the_error_never_carries_the_token_or_plaintext():
    token = corrupt(encrypt_str("Sarah Hughes"))
    with pytest.raises(DecryptionError) as caught:
        decrypt_str(token)
    assert token not in str(caught.value)
    assert "Sarah" not in str(caught.value)


@pytest.fixture
def claimed(handler_user):
    submission = SubmissionFactory()
    submission.assigned_to = handler_user
    submission.claimed_at = timezone.now()
    submission.status = "in_progress"
    submission.save()
    return submission


@pytest.mark.django_db
def test_revealing_a_corrupted_source_shows_a_generic_error_and_changes_nothing(
    handler_client, claimed, caplog
):
    source = claimed.source
    bad = corrupt(raw(Source, source.pk, "name"))
    Source.objects.filter(pk=source.pk).update(name=Value(bad, output_field=TextField()))
    before = {c: raw(Source, source.pk, c) for c in ("name", "role", "organisation", "email")}

    response = handler_client.post(
        f"/staff/submissions/{claimed.reference}/reveal/", {"reason": "Need to call them back"}
    )

    assert response.status_code == 500
    assert b"Sorry, there is a problem with the service" in response.content
    for secret in (b"Kingsweston", b"s.hughes", b"Head of Year 9", bad.encode()):
        assert secret not in response.content
    after = {c: raw(Source, source.pk, c) for c in before}
    assert after == before
    assert "could not be decrypted" in caplog.text
    assert bad not in caplog.text


@pytest.mark.django_db
def test_a_submission_under_a_retired_key_shows_a_generic_error_not_a_trace(
    handler_user, claimed, settings
):
    from tests.conftest import _signed_in_client

    stored = raw(Submission, claimed.pk, "provenance")
    # The key the row was written with has been removed without rotating first (sessions made
    # under it are unreadable too, so the handler signs in again).
    settings.ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    response = _signed_in_client(handler_user).get(f"/staff/submissions/{claimed.reference}/")
    assert response.status_code == 500
    assert b"Traceback" not in response.content
    assert b"Sorry, there is a problem with the service" in response.content
    assert raw(Submission, claimed.pk, "provenance") == stored
