"""make bench itself: it says which service is missing, and reads latencies the usual way."""

import os
import subprocess
import sys

import pytest

from bench.environment import BASE_DIR
from bench.measure import percentiles
from bench.report import Report

CLOSED_PORT_SERVICES = {
    "DATABASE_URL": "postgres://postgres@127.0.0.1:1/cpi_nowhere",
    "REDIS_URL": "redis://127.0.0.1:1/9",
}


def test_make_bench_says_which_services_are_missing_and_fails():
    result = subprocess.run(
        [sys.executable, "-m", "bench.run"],
        cwd=BASE_DIR,
        env={**os.environ, **CLOSED_PORT_SERVICES},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "PostgreSQL is not answering at 127.0.0.1:1" in result.stderr
    assert "Redis is not answering at redis://127.0.0.1:1/9" in result.stderr


def test_percentiles_are_nearest_rank_in_milliseconds():
    figures = percentiles([float(n) for n in range(1, 101)])
    assert (figures["p50"], figures["p95"], figures["p99"], figures["n"]) == (50, 95, 99, 100)


def test_a_missed_target_is_marked_in_the_table():
    report = Report(machine={"cores": 2, "load_average_at_start": (1.0, 1.0, 1.0)})
    report.check("queue p95", 61.0, "ms", target=50)
    report.check("sanitiser", 1500.0, "rec/s", target=1000, higher_is_better=True)
    table = report.table()
    assert "queue p95" in table and "MISS" in table.splitlines()[2]
    assert "pass" in table.splitlines()[3]


@pytest.mark.django_db
def test_the_benchmarks_journey_reaches_check_your_answers(client):
    # Both load drivers (locustfile.py, hot_paths.py) walk these steps: a wrong answer or path
    # would stop every simulated professional short of submitting.
    from bench.journey import journey_steps

    client.get("/")
    steps = journey_steps(
        name="Demi Nowak", first="Demi", age=15, categories=["criminal_exploitation"]
    )
    for path, label, answers in steps:
        response = client.post(path, answers)
        assert response.status_code in (301, 302, 303), (label, response.status_code)
    check = client.get("/form/check-your-answers/")
    assert 'name="submission_token"' in check.content.decode()
    assert "Demi Nowak" in check.content.decode()


@pytest.mark.parametrize("locustfile", ["locustfile.py", "compare_locustfile.py"])
def test_each_locustfile_loads(locustfile):
    """locust imports them itself, in its own process: a name moved out from under one (the
    reference's file imported INFORMATION from locustfile.py after it moved to journey.py) only
    showed as make bench-compare failing half-way."""
    path = BASE_DIR / "bench" / locustfile
    # In a process of its own, as locust runs it (locust patches the standard library on import).
    loaded = subprocess.run(
        [sys.executable, "-c", f"import runpy; runpy.run_path({str(path)!r})"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert loaded.returncode == 0, loaded.stderr[-2000:]
