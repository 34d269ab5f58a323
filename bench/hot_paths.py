"""Issue 17's three hot paths measured alone, in one process, with a profile on request.

    python -m bench.hot_paths claim [-n 200] [--profile]     one handler claiming, in-process
    python -m bench.hot_paths take-next [--rounds 3]          8 handlers at once (as make bench)
    python -m bench.hot_paths submit [-n 100] [--profile]     the submit step through the view
    python -m bench.hot_paths queue [-n 200] [--profile] [--path /staff/?sort=priority]

Same bench database and production settings as `make bench` (it must have been seeded by
`make bench` or `make bench-compare` first). Each prints wall and CPU milliseconds per call
(p50/p95), queries per call, and with --profile the functions that took the most time. No
server and no network: what is left is the Python and SQL cost of one call, which is what the
loaded figures multiply.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import environment
from bench.environment import VAR_DIR
from bench.journey import journey_steps
from bench.measure import percentiles


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0
        self.seconds = 0.0
        self.last: list[tuple[float, str]] = []  # the statements of the latest call

    def __call__(self, execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            elapsed = time.perf_counter() - began
            self.seconds += elapsed
            self.count += 1
            self.last.append((elapsed * 1000, sql))


def _timed(call, n: int, *, profile: bool, warmup: int = 5) -> None:
    from django.db import connection

    for _ in range(warmup):
        call()
    from bench.loadgen import _cpu_seconds

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    backend_before = _cpu_seconds(backend)
    counter = QueryCounter()
    walls, cpus = [], []
    profiler = cProfile.Profile() if profile else None
    with connection.execute_wrapper(counter):
        for _ in range(n):
            wall, cpu = time.perf_counter(), time.process_time()
            if profiler:
                profiler.enable()
            counter.last = []
            call()
            if profiler:
                profiler.disable()
            cpus.append((time.process_time() - cpu) * 1000)
            walls.append((time.perf_counter() - wall) * 1000)
    backend_ms = (_cpu_seconds(backend) - backend_before) * 1000 / n
    wall, cpu = percentiles(walls), percentiles(cpus)
    print(
        f"{n} calls: wall p50 {wall['p50']:.2f} p95 {wall['p95']:.2f} ms; "
        f"CPU (this process) p50 {cpu['p50']:.2f} p95 {cpu['p95']:.2f} ms; "
        f"{counter.count / n:.1f} queries a call, {1000 * counter.seconds / n:.2f} ms in them, "
        f"PostgreSQL backend CPU {backend_ms:.2f} ms a call; "
        f"load {os.getloadavg()[0]:.1f}"
    )
    if os.environ.get("HOT_PATHS_SQL"):  # the last call's statements, with their times
        for elapsed, sql in counter.last:
            print(f"  {elapsed:6.2f} ms  {' '.join(sql.split())[:160]}")
    if profiler:
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
        stats.print_stats(45)
        stats.sort_stats("tottime").print_stats(25)
        print(out.getvalue())
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        profiler.dump_stats(VAR_DIR / "hot_paths.prof")  # for pstats, to look further


# --- Claims ------------------------------------------------------------------------------------
def claim(n: int, profile: bool) -> None:
    from bench import staff
    from submissions.models import Status, Submission
    from triage.services import submission_take_next

    user = staff.handlers_ensure(1)[0].user
    user.has_perm("submissions.work_queue")
    taken: list = []

    def call() -> None:
        taken.append(submission_take_next(user=user).pk)

    try:
        _timed(call, n, profile=profile)
    finally:
        Submission.objects.filter(pk__in=taken).update(
            status=Status.NEW, assigned_to=None, claimed_at=None
        )


def take_next(rounds: int) -> None:
    from bench import measure, staff

    users = [bench_user.user for bench_user in staff.handlers_ensure(8)]
    for _ in range(rounds):
        result = measure.take_next(users, per_handler=50, time_limit=60)
        print(
            f"take-next, 8 handlers: p50 {result['p50']:.1f} p95 {result['p95']:.1f} "
            f"p99 {result['p99']:.1f} ms, {result['claims']} claims, "
            f"{result['double_claims']} double; load {os.getloadavg()[0]:.1f}",
            flush=True,
        )


# --- The submit step ---------------------------------------------------------------------------


def _journey_client():
    """A test client that has walked the public form up to "check your answers"."""
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")

    def post(path: str, data: dict) -> None:
        response = client.post(path, data)
        if response.status_code not in (301, 302, 303):
            raise RuntimeError(f"POST {path} answered {response.status_code}")

    client.get("/")
    steps = journey_steps(
        name="Demi Nowak", first="Demi", age=15, categories=["criminal_exploitation"]
    )
    for path, _label, answers in steps:
        post(path, answers)
    return client


def submit(n: int, profile: bool) -> None:
    import re

    token_pattern = re.compile(r'name="submission_token" value="([^"]+)"')
    clients = []
    for _ in range(n + 5):
        client = _journey_client()
        page = client.get("/form/check-your-answers/").content.decode()
        clients.append((client, token_pattern.search(page).group(1)))
    print(f"{len(clients)} journeys walked to 'check your answers'", flush=True)
    queue = iter(clients)

    def call() -> None:
        client, token = next(queue)
        response = client.post("/form/check-your-answers/", {"submission_token": token})
        if response.status_code != 302:
            raise RuntimeError(f"submit answered {response.status_code}")

    _timed(call, n, profile=profile)


# --- The queue page ----------------------------------------------------------------------------
def queue(n: int, profile: bool, path: str, dump: str = "") -> None:
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY

    from accounts.sessions import session_signed_in_mark
    from bench import staff

    bench_user = staff.http_handler_ensure()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(bench_user.user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = bench_user.device.persistent_id
    session_signed_in_mark(session)
    session.save()

    def call() -> None:
        response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"GET {path} answered {response.status_code}")

    if dump:  # the page as served, to compare before and after a change to its rendering
        Path(dump).write_bytes(client.get(path).content)
    _timed(call, n, profile=profile)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path_name", choices=["claim", "take-next", "submit", "queue"])
    parser.add_argument("-n", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--path", default="/staff/?sort=priority")
    parser.add_argument("--dump", default="", help="queue: write the page's HTML to this file")
    options = parser.parse_args()

    services = environment.services_find()
    os.environ.update(environment.app_environment(services, port=environment.free_port()))
    import django

    django.setup()
    from bench.run import keys_check

    keys_check()
    if options.path_name == "claim":
        claim(options.n, options.profile)
    elif options.path_name == "take-next":
        take_next(options.rounds)
    elif options.path_name == "submit":
        submit(options.n, options.profile)
    else:
        queue(options.n, options.profile, options.path, options.dump)
    return 0


if __name__ == "__main__":
    sys.exit(main())
