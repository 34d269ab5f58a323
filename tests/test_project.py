"""The project's foundations: migrations, settings that fail fast, encryption at rest."""

import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from tests.factories import SourceFactory, SubmissionFactory


@pytest.mark.django_db
def test_models_and_migrations_agree():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)


def _settings_import(env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    clean.update(env)
    clean.pop("PYTEST_CURRENT_TEST", None)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**clean, "DJANGO_SETTINGS_MODULE": "cpi.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_its_secrets():
    result = _settings_import({"DEBUG": "0", "ALLOWED_HOSTS": "", "ENCRYPTION_KEYS": ""})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    assert "ENCRYPTION_KEYS" in result.stderr


def test_production_starts_when_its_secrets_are_given(tmp_path):
    from cryptography.fernet import Fernet

    secret_file = tmp_path / "secret"
    secret_file.write_text("a-real-secret-key-" + "x" * 40)
    result = _settings_import(
        {
            "DEBUG": "0",
            "SECRET_KEY_FILE": str(secret_file),
            "ALLOWED_HOSTS": "cpi.police.example",
            "ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        }
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_source_fields_are_not_stored_in_plain_text():
    submission = SubmissionFactory(with_people=False, provenance="told_by_subject")
    SourceFactory(
        submission=submission,
        name="Bethany Quennell",
        organisation="Larkfield Surgery",
        email="b.quennell@larkfield.example",
        phone="+447700900999",
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, organisation, email, phone FROM submissions_source")
        raw_source = cursor.fetchall()
        cursor.execute("SELECT provenance FROM submissions_submission")
        raw_provenance = cursor.fetchall()
    dump = repr(raw_source + raw_provenance)
    for plaintext in ("Bethany", "Quennell", "Larkfield", "larkfield.example", "900999"):
        assert plaintext not in dump
    assert "told_by_subject" not in dump
    submission.refresh_from_db()
    assert submission.source.name == "Bethany Quennell"


# Read by the test suite and CI only, not a deployment's business.
_TEST_ONLY_SETTINGS = {"CPI_TESTING", "TEST_DATABASE_NAME"}


def test_every_environment_setting_is_in_the_readmes_configuration_table():
    """An operator learns what can be set from the README: a setting added without a row there
    would be invisible to the force deploying it."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    settings_source = (root / "cpi" / "settings.py").read_text(encoding="utf-8")
    readme = (root / "README.md").read_text(encoding="utf-8")
    read = set(re.findall(r'env_[a-z]+\(\s*"([A-Z0-9_]+)"', settings_source))
    first_cells = re.findall(r"^\|([^|\n]*`[A-Z0-9_]+`[^|\n]*)\|", readme, flags=re.MULTILINE)
    documented = {name for cell in first_cells for name in re.findall(r"`([A-Z0-9_]+)`", cell)}
    assert len(read) > 30  # the pattern still finds them
    assert sorted(read - _TEST_ONLY_SETTINGS - documented) == []
