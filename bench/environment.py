"""Where the benchmark runs: its services, its secrets and the production-like environment.

The bench runs the app as production does (DEBUG off, real keys), so it needs its own
SECRET_KEY and ENCRYPTION_KEYS. They are generated once and kept per machine, outside the
checkout (BENCH_SECRETS_FILE, default ~/.config/cpi-bench/secrets.json): the seeded sources are
encrypted with them and the export gate's clearances are keyed with the SECRET_KEY, so every
clone on the machine reuses the seeded million rows instead of seeding again.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var" / "bench"
SECRETS_FILE = Path(
    os.environ.get("BENCH_SECRETS_FILE", Path.home() / ".config" / "cpi-bench" / "secrets.json")
)
RESULTS_DIR = BASE_DIR / "bench" / "results"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/cpi_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/9"
LOOPBACK = "127.0.0.1"


class ServiceMissing(RuntimeError):
    """PostgreSQL or Redis is not there; the message says which and how to provide it."""


@dataclass(frozen=True)
class Services:
    database_url: str
    redis_url: str


# The PostgreSQL settings a deployment should use (docker-compose.yml sets them on the server;
# README: Performance). Those a database may carry are set on the bench database, so both the
# app and the reference run under them; shared_buffers needs a server restart and is not.
POSTGRES_DATABASE_SETTINGS = {
    "jit": "off",
    "random_page_cost": "1.1",
    "effective_io_concurrency": "200",
    "work_mem": "16MB",
    "effective_cache_size": "3GB",
}


def postgres_tune(connection, name: str) -> None:
    for setting, value in POSTGRES_DATABASE_SETTINGS.items():
        # Names and values are the constants above; the database name is the bench's own.
        connection.execute(f"ALTER DATABASE \"{name}\" SET {setting} = '{value}'")


def _postgres_check(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ServiceMissing(f"DATABASE_URL must point at PostgreSQL, not {parts.scheme!r}.")
    name = parts.path.lstrip("/")
    maintenance = parts._replace(path="/postgres").geturl()
    try:
        with psycopg.connect(maintenance, connect_timeout=3, autocommit=True) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [name]
            ).fetchone()
            if not exists:
                # The name comes from DATABASE_URL, typed by whoever runs the bench.
                connection.execute(f'CREATE DATABASE "{name}"')
            postgres_tune(connection, name)
    except psycopg.OperationalError as exc:
        raise ServiceMissing(
            f"PostgreSQL is not answering at {parts.hostname}:{parts.port or 5432} ({exc}). "
            "Start it, or set DATABASE_URL to a PostgreSQL database the bench may fill."
        ) from exc


def _redis_check(url: str) -> None:
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=3, socket_timeout=3).ping()
    except redis.RedisError as exc:
        raise ServiceMissing(
            f"Redis is not answering at {url} ({exc}). Start it, or set REDIS_URL."
        ) from exc


def services_find() -> Services:
    """DATABASE_URL and REDIS_URL from the environment, else the local defaults if they answer."""
    database_url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    redis_url = os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL
    problems = []
    for check, url in ((_postgres_check, database_url), (_redis_check, redis_url)):
        try:
            check(url)
        except ServiceMissing as exc:
            problems.append(str(exc))
    if problems:
        raise ServiceMissing(
            "make bench needs PostgreSQL and Redis.\n  - " + "\n  - ".join(problems)
        )
    return Services(database_url=database_url, redis_url=redis_url)


def secrets_load() -> dict[str, str]:
    """The bench's own production-style secrets, created on first use (never the dev keys)."""
    from cryptography.fernet import Fernet

    path = SECRETS_FILE
    if path.exists():
        return json.loads(path.read_text())
    path.parent.mkdir(parents=True, exist_ok=True)
    values = {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ENCRYPTION_KEYS": Fernet.generate_key().decode(),
    }
    path.write_text(json.dumps(values))
    path.chmod(0o600)
    return values


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def app_environment(services: Services, *, port: int) -> dict[str, str]:
    """The environment for the app under test, for gunicorn and for the in-process measures.

    Production settings (DEBUG off), except for two things a loopback benchmark needs:
    SECURE_SSL_REDIRECT=0 (there is no TLS on 127.0.0.1; every request would be a redirect)
    and the public form's rate limits raised out of the way (16 simulated professionals share
    one address, where a real force's users do not).
    """
    values = secrets_load()
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "cpi.settings",
            "DEBUG": "0",
            "SECRET_KEY": values["SECRET_KEY"],
            "ENCRYPTION_KEYS": values["ENCRYPTION_KEYS"],
            "ALLOWED_HOSTS": f"{LOOPBACK},localhost",
            "DATABASE_URL": services.database_url,
            "REDIS_URL": services.redis_url,
            "SECURE_SSL_REDIRECT": "0",
            "VAR_DIR": str(VAR_DIR),
            "EXPORT_DIR": str(VAR_DIR / "exports"),
            "LOG_LEVEL": "WARNING",
            "GUNICORN_BIND": f"{LOOPBACK}:{port}",
            "GUNICORN_WORKERS": os.environ.get("BENCH_GUNICORN_WORKERS", "3"),
        }
    )
    env.update(RATE_LIMIT_OFF)
    env.pop("CPI_TESTING", None)
    return env


# The public form's flood limits (cpi/security.py, per client address per hour). Set high rather
# than off (0), so each POST still pays for counting in Redis as it does in production.
RATE_LIMIT_OFF = {"SUBMISSION_RATE_LIMIT": "100000000", "PUBLIC_POST_RATE_LIMIT": "100000000"}
