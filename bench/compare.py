"""make bench-compare: the handler's queue beside a minimal reference app, on the same table.

1. The bench database (DATABASE_URL / REDIS_URL, as make bench), seeded up to BENCH_SUBMISSIONS.
2. Both served by gunicorn, 5 sync workers each, production settings, on 127.0.0.1: the app
   (cpi/gunicorn.conf.py) and the reference (bench/reference: one queue page, one form).
3. For every filter the queue offers, both sides under the same closed-loop load (bench/loadgen,
   16 clients, COMPARE_SECONDS each), in alternation, twice; then one client alone for the
   single-handler latency. Server CPU a page from the workers' /proc times, PostgreSQL CPU a page
   from its processes'.
4. Take-next with 8 handlers at once (the service, one process each, as make bench measures it).
5. The public submit step: the app's whole journey and the reference's one-form POST, each under
   locust with 16 users.
6. One table of ratios; the figures in bench/results/compare.json.
"""

from __future__ import annotations

import csv
import json
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import environment, loadgen
from bench.environment import BASE_DIR, LOOPBACK, RESULTS_DIR, VAR_DIR

WORKERS = int(os.environ.get("COMPARE_WORKERS", "5"))  # a side; the same on both
CLIENTS = 16
HANDLERS = 8
SECONDS = float(os.environ.get("COMPARE_SECONDS", "10"))
SINGLE_SECONDS = float(os.environ.get("COMPARE_SINGLE_SECONDS", "4"))
SUBMIT_SECONDS = int(os.environ.get("COMPARE_SUBMIT_SECONDS", "30"))
# Only the filters whose label holds one of these words (comma-separated), for a quick rerun.
ONLY = [word for word in os.environ.get("COMPARE_FILTERS", "").split(",") if word]
# Which parts to run (comma-separated: queue, submit, take-next), for a quick rerun of one.
PARTS = [p for p in os.environ.get("COMPARE_PARTS", "queue,submit,take-next").split(",") if p]
ROUNDS = 2
BIN = Path(sys.executable).parent
CATEGORY = "criminal_exploitation"
# Targets from issue 17.
QUEUE_RATIO_TARGET = 0.5
SINGLE_P95_TARGET_MS = 15
SERVER_CPU_TARGET_MS = 8
TAKE_NEXT_P95_TARGET_MS = 20
SUBMIT_P99_TARGET_MS = 200


def _date_params(prefix: str, day, *, govuk: bool) -> dict[str, str]:
    if govuk:  # the app's GOV.UK date input: day, month, year
        parts = (day.day, day.month, day.year)
        return {f"{prefix}_{index}": str(part) for index, part in enumerate(parts)}
    return {prefix: day.isoformat()}


def filters(names: list[str]) -> dict[str, tuple[list[dict], list[dict]]]:
    """Each filter the queue page offers: (the app's query strings, the reference's)."""
    from urllib.parse import urlencode

    today = datetime.now(UTC).date()
    since, until = today - timedelta(days=60), today - timedelta(days=30)
    same = {
        "default (priority order)": {},
        "status = new": {"status": "new"},
        "category": {"category": CATEGORY},
        "status = new + category": {"status": "new", "category": CATEGORY},
        "risk = high": {"risk": "high"},
        "priority = P1": {"priority": "1"},
        "assigned to me": {"assigned": "me"},
        "unassigned": {"assigned": "unassigned"},
    }
    table: dict[str, tuple[list[dict], list[dict]]] = {
        label: ([{"sort": "priority", **params}], [params]) for label, params in same.items()
    }
    table["date range (30 days)"] = (
        [{**_date_params("received_from", since, govuk=True),
          **_date_params("received_to", until, govuk=True)}],
        [{**_date_params("received_from", since, govuk=False),
          **_date_params("received_to", until, govuk=False)}],
    )  # fmt: skip
    table[f"search ({len(names)} names)"] = (
        [{"q": name} for name in names],
        [{"q": name} for name in names],
    )
    return {
        label: (
            [f"/staff/?{urlencode(p)}" for p in app],
            [f"/?{urlencode(p)}" if p else "/" for p in reference],
        )
        for label, (app, reference) in table.items()
    }


# --- The two servers ----------------------------------------------------------------------------
class Server:
    def __init__(self, name: str, command: list[str], env: dict, port: int, probe: str):
        self.name = name
        self.base_url = f"http://{LOOPBACK}:{port}"
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        self.log = (VAR_DIR / f"compare-{name}.log").open("w")
        self.process = subprocess.Popen(
            command, env=env, cwd=BASE_DIR, stdout=self.log, stderr=subprocess.STDOUT
        )
        self._wait(probe)

    def _wait(self, probe: str) -> None:
        import requests

        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"The {self.name} exited; see {self.log.name}")
            try:
                requests.get(self.base_url + probe, timeout=2, allow_redirects=False)
                return
            except requests.RequestException:
                time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"The {self.name} did not answer within 60 s")

    @property
    def pid(self) -> int:
        return self.process.pid

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def app_start(env: dict) -> Server:
    port = environment.free_port()
    env = {**env, "GUNICORN_BIND": f"{LOOPBACK}:{port}", "GUNICORN_WORKERS": str(WORKERS),
           "GUNICORN_THREADS": "1"}  # fmt: skip
    command = [str(BIN / "gunicorn"), "-c", "cpi/gunicorn.conf.py", "cpi.wsgi:application"]
    return Server("app", command, env, port, "/healthz")


def reference_env(env: dict) -> dict:
    return {
        "PATH": env.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "bench.reference.settings",
        "SECRET_KEY": env["SECRET_KEY"],
        "DATABASE_URL": env["DATABASE_URL"],
    }


def reference_start(env: dict) -> Server:
    port = environment.free_port()
    command = [
        str(BIN / "gunicorn"), "--workers", str(WORKERS), "--worker-class", "sync",
        "--bind", f"{LOOPBACK}:{port}", "--access-logfile", "-", "bench.reference.wsgi:application",
    ]  # fmt: skip
    return Server("reference", command, reference_env(env), port, "/login/")


def _cookie_header(session) -> str:
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in session.cookies)


def reference_sign_in(base_url: str, username: str, password: str) -> str:
    import requests

    from bench.staff import CSRF

    session = requests.Session()
    page = session.get(base_url + "/login/", timeout=30)
    token = CSRF.search(page.text).group(1)
    answer = session.post(
        base_url + "/login/",
        data={"csrfmiddlewaretoken": token, "username": username, "password": password},
        allow_redirects=False,
        timeout=30,
    )
    if answer.status_code != 302:
        raise RuntimeError(f"Signing in to the reference failed (HTTP {answer.status_code}).")
    return _cookie_header(session)


def next_page(base_url: str, path: str, cookie: str) -> str | None:
    import re

    import requests

    page = requests.get(base_url + path, headers={"Cookie": cookie}, timeout=30).text
    match = re.search(r'href="([^"]*after=[^"]+)" rel="next"', page)
    if match is None:
        return None
    link = match.group(1).replace("&amp;", "&")
    return link if link.startswith("/") else path.split("?")[0] + link


# --- Measures -----------------------------------------------------------------------------------
def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def warm_up(server: Server, paths: list[str], cookie: str) -> None:
    """Every path once per worker, untimed: the first request a worker answers loads templates
    and opens its database connection."""
    loadgen.run(server.base_url, paths, cookie=cookie, concurrency=WORKERS, seconds=2)


def database_backends() -> list[int]:
    """The PostgreSQL backends connected to the bench database, other than this one."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        )
        return [row[0] for row in cursor.fetchall()]


def queue_compare(app: Server, reference: Server, cookies: dict, paths: dict) -> dict:
    warm_up(app, [p for app_paths, _ in paths.values() for p in app_paths], cookies["app"])
    warm_up(reference, [p for _, ref in paths.values() for p in ref], cookies["reference"])
    results = {}
    for label, (app_paths, reference_paths) in paths.items():
        sides = {"app": (app, app_paths), "reference": (reference, reference_paths)}
        runs: dict[str, list[dict]] = {"app": [], "reference": []}
        for round_number in range(ROUNDS):
            # Alternate which side goes first, so neither always runs on a warmer cache.
            order = ("reference", "app") if round_number % 2 == 0 else ("app", "reference")
            for side in order:
                server, side_paths = sides[side]
                outcome = loadgen.run(
                    server.base_url, side_paths, cookie=cookies[side], concurrency=CLIENTS,
                    seconds=SECONDS, server_pid=server.pid, database_pids=database_backends,
                )  # fmt: skip
                runs[side].append(outcome.summary())
        single = {}
        for side, (server, side_paths) in sides.items():
            alone = loadgen.run(
                server.base_url, side_paths, cookie=cookies[side], concurrency=1,
                seconds=SINGLE_SECONDS, server_pid=server.pid, database_pids=database_backends,
            )  # fmt: skip
            single[side] = alone.summary()
        for side, side_runs in runs.items():
            for run in (*side_runs, single[side]):
                if run["errors"]:
                    print(f"    {side}: {run['errors']} errors, statuses {run['statuses']}")
        results[label] = {"runs": runs, "single": single}
        app_rate = _mean([r["per_second"] for r in runs["app"]])
        reference_rate = _mean([r["per_second"] for r in runs["reference"]])
        print(
            f"  {label:<28} app {app_rate:6.1f}/s  reference {reference_rate:6.1f}/s  "
            f"ratio {app_rate / max(reference_rate, 1e-9):5.2f}  "
            f"single p95 {single['app']['p95']:.0f} ms",
            flush=True,
        )
    return results


def _locust(locustfile: Path, base_url: str, env: dict, prefix: Path) -> dict[str, dict]:
    command = [
        str(BIN / "locust"), "-f", str(locustfile), "--headless", "-u", str(CLIENTS),
        "-r", str(CLIENTS), "-t", f"{SUBMIT_SECONDS}s", "--host", base_url, "--csv", str(prefix),
        "--only-summary", "--stop-timeout", "10", "--loglevel", "WARNING",
        "--exit-code-on-error", "0",
    ]  # fmt: skip
    with open(f"{prefix}.log", "w") as log:
        subprocess.run(
            command, env=env, cwd=BASE_DIR, check=True, timeout=SUBMIT_SECONDS + 120,
            stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    with open(f"{prefix}_stats.csv", newline="") as handle:
        return {row["Name"]: row for row in csv.DictReader(handle) if row["Name"] != "Aggregated"}


def submit_compare(app: Server, reference: Server, env: dict) -> dict:
    app_rows = _locust(BASE_DIR / "bench" / "locustfile.py", app.base_url, env, VAR_DIR / "cmp-app")
    reference_rows = _locust(
        BASE_DIR / "bench" / "compare_locustfile.py", reference.base_url, reference_env(env) | {
            "PATH": env["PATH"]}, VAR_DIR / "cmp-reference",
    )  # fmt: skip
    none = {"Request Count": "0", "Failure Count": "0", "50%": "nan", "99%": "nan"}
    submit = app_rows.get("POST check your answers (submit)", none)
    confirmation = app_rows.get("GET confirmation", none)
    post = reference_rows.get("POST report (submit)", none)
    completed = int(confirmation["Request Count"]) - int(confirmation["Failure Count"])
    written = int(post["Request Count"]) - int(post["Failure Count"])
    return {
        "app": {
            "submit_p50": float(submit["50%"]),
            "submit_p99": float(submit["99%"]),
            "completed_per_second": completed / SUBMIT_SECONDS,
            "failures": sum(int(row["Failure Count"]) for row in app_rows.values()),
        },
        "reference": {
            "post_p50": float(post["50%"]),
            "post_p99": float(post["99%"]),
            "rows_per_second": written / SUBMIT_SECONDS,
            "failures": sum(int(row["Failure Count"]) for row in reference_rows.values()),
        },
    }


def take_next() -> dict:
    from bench import measure, staff

    users = [bench_user.user for bench_user in staff.handlers_ensure(HANDLERS)]
    return measure.take_next(users, per_handler=50, time_limit=60)


# --- The table ----------------------------------------------------------------------------------
def table(results: dict) -> str:
    lines = [
        "| queue filter | reference pages/s | app pages/s | ratio | app p95 alone | app p99 loaded "
        "| server CPU a page app / ref | PostgreSQL CPU a page app / ref | verdict |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for label, figures in results.get("queue", {}).items():
        runs, single = figures["runs"], figures["single"]
        app_rate = _mean([r["per_second"] for r in runs["app"]])
        reference_rate = _mean([r["per_second"] for r in runs["reference"]])
        ratio = app_rate / reference_rate if reference_rate else float("nan")
        cpu = _mean([r["server_cpu_ms"] for r in runs["app"]])
        cpu_reference = _mean([r["server_cpu_ms"] for r in runs["reference"]])
        pg = _mean([r["postgres_cpu_ms"] for r in runs["app"]])
        pg_reference = _mean([r["postgres_cpu_ms"] for r in runs["reference"]])
        p99 = max(r["p99"] for r in runs["app"])
        ok = (
            ratio >= QUEUE_RATIO_TARGET
            and single["app"]["p95"] <= SINGLE_P95_TARGET_MS
            and cpu <= SERVER_CPU_TARGET_MS
        )
        lines.append(
            f"| {label} | {reference_rate:.0f} | {app_rate:.0f} | **{ratio:.2f}x** | "
            f"{single['app']['p95']:.1f} ms | {p99:.0f} ms | {cpu:.1f} / {cpu_reference:.1f} ms | "
            f"{pg:.1f} / {pg_reference:.1f} ms | {'pass' if ok else 'MISS'} |"
        )
    take = results.get("take_next")
    if take:
        ok = take["p95"] <= TAKE_NEXT_P95_TARGET_MS and take["double_claims"] == 0
        lines.append(
            f"| take-next, {HANDLERS} handlers | | p95 {take['p95']:.1f} ms (p50 "
            f"{take['p50']:.1f}), {take['claims']} claims, {take['double_claims']} double | | | | "
            f"| | {'pass' if ok else 'MISS'} |"
        )
    submit = results.get("submit")
    if submit:
        app, reference = submit["app"], submit["reference"]
        ok = app["submit_p99"] <= SUBMIT_P99_TARGET_MS
        lines.append(
            f"| public submit, {CLIENTS} users | {reference['rows_per_second']:.1f} POST rows/s "
            f"(p99 {reference['post_p99']:.0f} ms) | {app['completed_per_second']:.1f} completed "
            f"journeys/s, submit p99 {app['submit_p99']:.0f} ms (p50 {app['submit_p50']:.0f}) "
            f"| | | | | | {'pass' if ok else 'MISS'} |"
        )
    lines.append(
        f"\nTargets: queue ≥ {QUEUE_RATIO_TARGET}x the reference's pages/s, alone p95 ≤ "
        f"{SINGLE_P95_TARGET_MS} ms, server CPU ≤ {SERVER_CPU_TARGET_MS} ms a page; "
        f"take-next p95 ≤ {TAKE_NEXT_P95_TARGET_MS} ms, no double claims; "
        f"submit p99 ≤ {SUBMIT_P99_TARGET_MS} ms."
    )
    return "\n".join(lines)


def main() -> int:
    from bench.report import Report
    from bench.run import keys_check, manage, seed

    try:
        services = environment.services_find()
    except environment.ServiceMissing as exc:
        print(exc, file=sys.stderr)
        return 2
    env = environment.app_environment(services, port=environment.free_port())
    os.environ.update(env)
    print(f"Bench database {services.database_url}, Redis {services.redis_url}", flush=True)
    manage(env, "migrate", "--noinput", "-v0", timeout=600)
    manage(env, "collectstatic", "--noinput", "-v0", timeout=600)
    seed_report = Report(machine={})
    seed(env, seed_report)
    subprocess.run(
        [sys.executable, "-m", "django", "migrate", "reference", "--noinput", "-v0"],
        env=reference_env(env) | {"PATH": env["PATH"]}, cwd=BASE_DIR, check=True, timeout=600,
    )  # fmt: skip

    import django

    django.setup()
    from bench import measure, staff

    keys_check()
    bench_user = staff.http_handler_ensure()
    names = measure.subject_names(20)
    results: dict = {
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "workers_each": WORKERS,
            "clients": CLIENTS,
            "seconds_a_run": SECONDS,
        }
    }
    app = app_start(env)
    reference = reference_start(env)
    try:
        cookies = {
            "app": _cookie_header(staff.http_sign_in(app.base_url, bench_user)),
            "reference": reference_sign_in(
                reference.base_url, bench_user.user.username, bench_user.password
            ),
        }
        paths = filters(names)
        default_app, default_reference = paths["default (priority order)"]
        page_two = (
            next_page(app.base_url, default_app[0], cookies["app"]),
            next_page(reference.base_url, default_reference[0], cookies["reference"]),
        )
        if all(page_two):
            paths["page 2 (keyset)"] = ([page_two[0]], [page_two[1]])
        if ONLY:
            paths = {label: p for label, p in paths.items() if any(w in label for w in ONLY)}
        if "queue" in PARTS:
            print(f"Queue: {CLIENTS} clients, {SECONDS:.0f} s a run, {ROUNDS} runs a side")
            results["queue"] = queue_compare(app, reference, cookies, paths)
        # COMPARE_SUBMIT_SECONDS=0 leaves the submit step out, as COMPARE_PARTS without it does.
        if SUBMIT_SECONDS > 0 and "submit" in PARTS:
            print(f"Public submit: locust, {CLIENTS} users, {SUBMIT_SECONDS} s a side", flush=True)
            results["submit"] = submit_compare(app, reference, env)
    finally:
        app.stop()
        reference.stop()
    if "take-next" in PARTS:
        print(f"Take-next: {HANDLERS} handlers", flush=True)
        results["take_next"] = take_next()

    print()
    print(table(results))
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "compare.json").write_text(json.dumps(results, indent=2, default=str))
    print(f"\nFigures written to {RESULTS_DIR / 'compare.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
