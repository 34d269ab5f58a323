"""Run Django with production settings (DEBUG off, real secrets) in a subprocess.

The test process itself runs with development defaults, so production behaviour is only
observable in a fresh interpreter with the environment a deployment would give it.
"""

import os
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet
from django.conf import settings

# Variables that would make the subprocess take development defaults or share our services.
_DROPPED = ("DEBUG", "CPI_TESTING", "DATABASE_URL", "REDIS_URL", "PYTEST_CURRENT_TEST")


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED}
    env.update(
        DEBUG="0",
        SECRET_KEY="prod-test-" + Fernet.generate_key().decode(),
        ALLOWED_HOSTS="cpi.police.example",
        ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        VAR_DIR=str(tmp_path / "var"),
        DJANGO_SETTINGS_MODULE="cpi.settings",
    )
    env.update(extra)
    return env


def run_python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_setting(name: str, tmp_path: Path, **extra: str):
    """The repr of one setting as production would see it."""
    result = run_python(
        "import django; django.setup(); from django.conf import settings; "
        f"print(repr(settings.{name}))",
        production_env(tmp_path, **extra),
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()
