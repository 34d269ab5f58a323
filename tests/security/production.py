"""Run Django with production settings (DEBUG off, real secrets) in a subprocess.

The test process itself runs with development defaults, so production behaviour is only
observable in a fresh interpreter with the environment a deployment would give it.
"""

import ast
import os
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet
from django.conf import settings

# Variables that would make the subprocess take development defaults or share our services.
_DROPPED = (
    "DEBUG",
    "CPI_TESTING",
    "DATABASE_URL",
    "REDIS_URL",
    "PYTEST_CURRENT_TEST",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the test suite for Playwright; never in production
)


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


def production_settings(tmp_path: Path, *names: str, **extra: str) -> tuple:
    """The values of these settings as production sees them (Python literals only)."""
    values = ", ".join(f"settings.{name}" for name in names)
    result = run_python(
        "import django; django.setup(); from django.conf import settings; "
        f"print(repr(({values},)))",
        production_env(tmp_path, **extra),
    )
    assert result.returncode == 0, result.stderr
    return ast.literal_eval(result.stdout.strip().splitlines()[-1])
