"""The compose file and Dockerfile agree with the Makefile: the services, commands and checks."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_runs_web_worker_beat_postgres_and_redis():
    services = _compose()["services"]
    assert set(services) == {"web", "worker", "beat", "postgres", "redis"}


def test_every_compose_service_has_a_health_check():
    for name, service in _compose()["services"].items():
        assert "healthcheck" in service, name
        assert service["healthcheck"]["test"], name


def test_web_serves_with_gunicorn_after_migrating():
    command = _compose()["services"]["web"]["command"]
    assert "manage.py migrate" in command
    assert "gunicorn cpi.wsgi:application" in command
    assert (ROOT / "cpi" / "gunicorn.conf.py").exists()


def test_worker_and_beat_run_the_project_celery_app():
    services = _compose()["services"]
    assert services["worker"]["command"].startswith("celery -A cpi worker")
    assert services["beat"]["command"].startswith("celery -A cpi beat")


def test_app_services_wait_for_healthy_postgres_and_redis():
    for name in ("web", "worker", "beat"):
        depends = _compose()["services"][name]["depends_on"]
        assert depends["postgres"]["condition"] == "service_healthy"
        assert depends["redis"]["condition"] == "service_healthy"


def test_data_lives_in_named_volumes():
    compose = _compose()
    assert {"postgres-data", "redis-data", "exports"} <= set(compose["volumes"])
    assert "postgres-data:/var/lib/postgresql/data" in compose["services"]["postgres"]["volumes"]


def test_app_gets_database_and_redis_from_the_environment():
    environment = _compose()["services"]["web"]["environment"]
    assert environment["DATABASE_URL"].startswith("postgres://")
    assert environment["REDIS_URL"].startswith("redis://redis:6379")


def test_dockerfile_builds_assets_from_npm_and_collects_static():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "npm ci" in dockerfile
    assert "npm run --silent build" in dockerfile
    assert "collectstatic" in dockerfile
    assert "USER cpi" in dockerfile


def test_frontend_assets_are_not_committed():
    ignored = (ROOT / ".gitignore").read_text().splitlines()
    assert "static/build/" in ignored
    assert "node_modules/" in ignored


def test_postgres_runs_with_the_settings_the_benchmark_measured():
    """README: Performance, "PostgreSQL settings": the server in compose has them, and the bench
    database carries the same ones a database can carry."""
    from bench.environment import POSTGRES_DATABASE_SETTINGS

    command = _compose()["services"]["postgres"]["command"]
    settings = dict(item.split("=", 1) for item in command if "=" in item)
    assert settings["shared_buffers"] == "1GB"
    for name, value in POSTGRES_DATABASE_SETTINGS.items():
        assert settings[name] == value, name
