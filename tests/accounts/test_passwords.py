"""Password rules: 12 to 128 characters, common passwords refused, Argon2 in production."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from tests.security.production import production_settings


def error_codes(password: str) -> set[str]:
    try:
        validate_password(password)
    except ValidationError as error:
        return {e.code for e in error.error_list}
    return set()


def test_eleven_characters_is_too_short():
    assert "password_too_short" in error_codes("Tr0mbone-ok")


def test_twelve_characters_is_enough():
    assert error_codes("Tr0mbone-ok!") == set()


def test_128_characters_is_allowed_and_129_is_not():
    assert error_codes("ab-3" * 32) == set()
    assert "password_too_long" in error_codes("ab-3" * 32 + "x")


def test_a_common_password_is_refused_even_when_long_enough():
    assert "password_too_common" in error_codes("qwerty123456")


def test_a_password_like_the_username_or_email_is_refused():
    user = get_user_model()(username="hannah.handler", email="hannah.handler@police.example")
    try:
        validate_password("hannah.handler!", user)
    except ValidationError as error:
        codes = {e.code for e in error.error_list}
    else:
        codes = set()
    assert "password_too_similar" in codes


def test_a_long_password_of_digits_only_is_refused():
    assert "password_entirely_numeric" in error_codes("739184620573")


def test_production_hashes_new_passwords_with_argon2(tmp_path):
    (hashers,) = production_settings(tmp_path, "PASSWORD_HASHERS")
    assert hashers[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert "django.contrib.auth.hashers.MD5PasswordHasher" not in hashers


@pytest.mark.django_db
def test_create_staff_user_refuses_a_short_password(tmp_path):
    password_file = tmp_path / "pw"
    password_file.write_text("short-one")
    with pytest.raises(CommandError, match="too short"):
        call_command(
            "create_staff_user", "new.handler", role="handler", password_file=str(password_file)
        )
