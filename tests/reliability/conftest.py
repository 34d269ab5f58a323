import pytest
from django.db import connection

from tests.conftest import celery_broker_switch
from tests.reliability.harness import CeleryWorker, PrivateRedis


@pytest.fixture
def private_redis():
    server = PrivateRedis().start()
    yield server
    server.stop()


@pytest.fixture
def private_broker(private_redis, celery_broker):
    """This process's Celery sends to our own redis-server (not the shared one)."""
    celery_broker_switch(celery_broker, private_redis.url)
    yield private_redis
    # The celery_broker fixture puts the settings' broker back, with fresh pools.


@pytest.fixture
def start_worker(private_redis, tmp_path, settings):
    """start_worker() runs a real Celery worker against the private Redis and the test database.

    Needs a transaction=True test on PostgreSQL, so what the test writes is committed and visible
    to the worker's own connection.
    """
    settings.EXPORT_DIR = tmp_path / "exports"
    workers = []
    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/"
    database_url += db["NAME"]

    def start(log_name: str = "worker.log", **extra_env: str) -> CeleryWorker:
        worker = CeleryWorker(
            broker_url=private_redis.url,
            database_url=database_url,
            export_dir=settings.EXPORT_DIR,
            log=tmp_path / log_name,
            extra_env=extra_env,
        ).start()
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()
