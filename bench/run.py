"""make bench: prove the system stays fast at a force's full volume, with numbers anyone can rerun.

1. PostgreSQL and Redis (DATABASE_URL / REDIS_URL, else the local defaults if they answer).
2. Migrate the bench database; seed it up to 1,000,000 submissions (a rerun reuses them).
3. Serve the app with gunicorn as in production (DEBUG off) on 127.0.0.1:<free port>.
4. Measure: the public journey under load (locust, 16 users), the queue page, subject search,
   take-next with 8 handlers, the sanitiser, an export of 100,000 logs.
5. Print one table and write the same figures to bench/results/latest.json.

Every load loop is bounded in count and time and talks to 127.0.0.1 only.
"""

from __future__ import annotations

import csv
import json
import os
import platform
import subprocess
import sys
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import environment
from bench.environment import BASE_DIR, LOOPBACK, RESULTS_DIR, SECRETS_FILE, VAR_DIR
from bench.report import Report

SUBMISSIONS = int(os.environ.get("BENCH_SUBMISSIONS", "1000000"))
EXPORT_LOGS = int(os.environ.get("BENCH_EXPORT_LOGS", "100000"))
USERS = int(os.environ.get("BENCH_USERS", "16"))
LOAD_SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "60"))
HANDLERS = 8
BIN = Path(sys.executable).parent
QUEUE_PAGES = {
    # The default filters spelled out: a bare /staff/ goes back to the session's last filters.
    "queue, default filters": "/staff/?sort=priority",
    "queue, status = new": "/staff/?status=new",
    "queue, category": "/staff/?category=criminal_exploitation",
    "queue, category + status": "/staff/?category=criminal_exploitation&status=in_progress",
}


def manage(env: dict, *args: str, timeout: float) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args], env=env, cwd=BASE_DIR, check=True, timeout=timeout
    )


def seed(env: dict, report: Report) -> None:
    """Top the bench database up to SUBMISSIONS; a rerun on a full database seeds nothing."""
    import psycopg

    with psycopg.connect(env["DATABASE_URL"], autocommit=True) as connection:
        have = connection.execute("SELECT count(*) FROM submissions_submission").fetchone()[0]
        missing = SUBMISSIONS - have
        if missing > 0:
            print(f"Seeding {missing:,} submissions (the database has {have:,})", flush=True)
            began = time.monotonic()
            # The links index of a million rows is hours of extraction on one worker: it has its
            # own benchmark (bench/links_bench.py); these figures do not depend on it.
            manage(
                env,
                "seed_demo",
                "--submissions",
                str(missing),
                "--force",
                "--no-links",
                timeout=3600,
            )
            seconds = time.monotonic() - began
            report.info("seed_demo (this run)", f"{missing:,} submissions in {seconds:.0f} s")
            report.data["seed"] = {"submissions": missing, "seconds": seconds}
            # Steady state: what autovacuum would have done to a table that grew over years.
            connection.execute("VACUUM (ANALYZE)")
        else:
            report.info("seeded database reused", f"{have:,} submissions")


def keys_check() -> None:
    """A reused database must have been seeded with this bench's keys (SECRETS_FILE)."""
    from cpi.crypto import DecryptionError
    from submissions.models import Source

    try:
        Source.objects.order_by().first()
    except DecryptionError:
        raise SystemExit(
            "The bench database holds sources encrypted with other keys than "
            f"{SECRETS_FILE}: drop it (dropdb cpi_bench) and run make bench again."
        ) from None


def gunicorn_start(env: dict, base_url: str) -> subprocess.Popen:
    log = (VAR_DIR / "gunicorn.log").open("w")
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", "cpi/gunicorn.conf.py", "cpi.wsgi:application"],
        env=env,
        cwd=BASE_DIR,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    import requests

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited; see {VAR_DIR / 'gunicorn.log'}")
        try:
            if requests.get(base_url + "/healthz", timeout=2).status_code == 200:
                return process
        except requests.RequestException:
            time.sleep(0.5)
    process.terminate()
    raise RuntimeError("gunicorn did not answer /healthz within 60 s")


def gunicorn_stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


# --- Measures -----------------------------------------------------------------------------------
def public_journey(env: dict, base_url: str, report: Report) -> None:
    prefix = VAR_DIR / "locust"
    command = [
        str(BIN / "locust"), "-f", str(BASE_DIR / "bench" / "locustfile.py"), "--headless",
        "-u", str(USERS), "-r", str(USERS), "-t", f"{LOAD_SECONDS}s", "--host", base_url,
        "--csv", str(prefix), "--only-summary", "--stop-timeout", "10", "--loglevel", "WARNING",
        "--exit-code-on-error", "0",
    ]  # fmt: skip
    subprocess.run(
        command, env=env, cwd=BASE_DIR, check=True, timeout=LOAD_SECONDS + 120,
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    with open(f"{prefix}_stats.csv", newline="") as handle:
        rows = {row["Name"]: row for row in csv.DictReader(handle)}
    pages = {}
    for name, row in rows.items():
        if name == "Aggregated":
            continue
        pages[name] = {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "p50": float(row["50%"]),
            "p99": float(row["99%"]),
        }
    confirmations = pages.get("GET confirmation", {"requests": 0, "failures": 0})
    completed = confirmations["requests"] - confirmations["failures"]
    failures = sum(page["failures"] for page in pages.values())
    report.data["public_journey"] = {
        "users": USERS,
        "seconds": LOAD_SECONDS,
        "completed": completed,
        "per_second": completed / LOAD_SECONDS,
        "failures": failures,
        "pages": pages,
    }
    report.info(
        f"public journey, {USERS} professionals, {LOAD_SECONDS} s",
        f"{completed / LOAD_SECONDS:.1f} submissions/s ({completed} completed, "
        f"{failures} failed requests)",
    )
    submit = pages.get("POST check your answers (submit)")
    report.check(
        "public submit step p99",
        submit["p99"] if submit else None,
        "ms",
        target=200,
        detail=f"p50 {submit['p50']:.0f} ms" if submit else "not measured",
    )
    for name, page in sorted(pages.items(), key=lambda item: item[0].split(" ", 1)[1]):
        report.page(name, page)


def queue_and_search(base_url: str, report: Report) -> None:
    from bench import measure, staff

    session = staff.http_sign_in(base_url, staff.http_handler_ensure())
    paths = dict(QUEUE_PAGES)
    page_two = measure.next_page_path(session, base_url, QUEUE_PAGES["queue, default filters"])
    if page_two:
        paths["queue, page 2 (keyset)"] = page_two
    from django.conf import settings

    session_key = session.cookies.get(settings.SESSION_COOKIE_NAME)
    queries = measure.queries_per_page(session_key, list(paths.values()))
    report.data["queue"] = {}
    for label, path in paths.items():
        figures = measure.percentiles(
            measure.timed_gets(session, [base_url + path], count=200, time_limit=60)
        )
        figures["queries"] = queries[path]
        report.data["queue"][label] = {"path": path, **figures}
        report.check(
            f"{label}: p95",
            figures["p95"],
            "ms",
            target=50,
            detail=f"p50 {figures['p50']:.0f} / p99 {figures['p99']:.0f} ms, "
            f"{queries[path]} queries",
        )
    counts = set(queries.values())
    report.check_flag(
        "queue: queries per page constant",
        ok=len(counts) == 1,
        figure=" / ".join(str(queries[p]) for p in paths.values()),
        target="same on every page",
    )

    names = measure.subject_names(50)
    urls = [f"{base_url}/staff/?q={name.replace(' ', '+')}" for name in names]
    figures = measure.percentiles(measure.timed_gets(session, urls, count=200, time_limit=90))
    report.data["search"] = {"names": len(names), **figures}
    report.check(
        "subject-name search p95",
        figures["p95"],
        "ms",
        target=100,
        detail=f"p50 {figures['p50']:.0f} / p99 {figures['p99']:.0f} ms, {len(names)} names",
    )


def take_next(report: Report) -> None:
    from bench import measure, staff

    users = [bench_user.user for bench_user in staff.handlers_ensure(HANDLERS)]
    figures = measure.take_next(users, per_handler=50, time_limit=60)
    report.data["take_next"] = figures
    report.check(
        f"take-next p95, {HANDLERS} handlers at once",
        figures["p95"],
        "ms",
        target=20,
        detail=f"p50 {figures['p50']:.1f} ms, {figures['claims']} claims, one process each",
    )
    report.check_flag(
        "take-next double claims",
        ok=figures["double_claims"] == 0,
        figure=str(figures["double_claims"]),
        target="0",
    )


def sanitiser(report: Report) -> None:
    from bench.sanitiser_bench import run

    figures = run(2000)
    report.data["sanitiser"] = figures
    report.check(
        "sanitiser, records/s (single thread)",
        figures["records_per_second"],
        "rec/s",
        target=1000,
        higher_is_better=True,
        detail=f"{figures['records']} records of {figures['words_per_text']} words",
    )


def export(env: dict, report: Report) -> None:
    from bench import measure
    from intelligence.gate import sanitiser_fingerprint

    # A clearance is keyed to the sanitiser's code: if that changes mid-run, say so.
    fingerprint = sanitiser_fingerprint.__wrapped__()
    date_from, date_to, _count = measure.export_window(EXPORT_LOGS)
    prepared = measure.export_prepare(date_from, processes=os.cpu_count() or 2, time_limit=1800)
    report.data["export_prepare"] = prepared
    if prepared["seconds"] > 5:
        report.info(
            "first gate check of seeded logs",
            f"{prepared['logs']:,} logs in {prepared['seconds']:.0f} s over "
            f"{os.cpu_count()} processes (as each log's creation would do it)",
        )
    figures = measure.export_run(env, date_from=date_from, date_to=date_to, time_limit=900)
    report.data["export"] = {"date_from": date_from, "date_to": date_to, **figures}
    if sanitiser_fingerprint.__wrapped__() != fingerprint:
        report.info(
            "note: the sanitiser's code changed during the run",
            "every clearance went stale, so the export below re-checked every log in full",
        )
    report.check(
        f"export of {figures['exported']:,} logs (CSV)",
        figures["seconds"],
        "s",
        target=30,
        detail=f"{figures['refused']} refused by the gate, {figures['file_mb']:.0f} MB file",
    )
    report.check(
        "export worker peak memory", figures["peak_rss_mb"], "MB", target=250, detail="peak RSS"
    )


# --- Running it -------------------------------------------------------------------------------
def main() -> int:
    try:
        services = environment.services_find()
    except environment.ServiceMissing as exc:
        print(exc, file=sys.stderr)
        return 2
    port = environment.free_port()
    base_url = f"http://{LOOPBACK}:{port}"
    env = environment.app_environment(services, port=port)
    os.environ.update(env)
    report = Report(
        machine={
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "load_average_at_start": os.getloadavg(),
            "gunicorn_workers": int(env["GUNICORN_WORKERS"]),
            "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
    )
    print(f"Bench database {services.database_url}, Redis {services.redis_url}", flush=True)
    manage(env, "migrate", "--noinput", "-v0", timeout=600)
    manage(env, "collectstatic", "--noinput", "-v0", timeout=600)
    seed(env, report)

    import django

    django.setup()
    from bench import staff

    keys_check()
    staff.http_handler_ensure()
    server = gunicorn_start(env, base_url)
    failed = False
    try:
        for title, step in (
            ("public journey", lambda: public_journey(env, base_url, report)),
            ("queue and search", lambda: queue_and_search(base_url, report)),
        ):
            failed |= _attempt(title, step, report)
    finally:
        gunicorn_stop(server)
    for title, step in (
        ("take-next", lambda: take_next(report)),
        ("sanitiser", lambda: sanitiser(report)),
        ("export", lambda: export(env, report)),
    ):
        failed |= _attempt(title, step, report)

    print()
    print(report.table())
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "latest.json").write_text(json.dumps(report.as_json(), indent=2, default=str))
    print(f"\nFigures written to {RESULTS_DIR / 'latest.json'}")
    return 1 if failed else 0


def _attempt(title: str, step, report: Report) -> bool:
    """Run one measure; a failure is reported in the table, and the others still run."""
    print(f"Measuring: {title}", flush=True)
    try:
        step()
    except Exception as exc:
        traceback.print_exc()
        report.error(title, f"{type(exc).__name__}: {exc}")
        return True
    return False


if __name__ == "__main__":
    sys.exit(main())
