"""A small closed-loop load generator, the same for the app and the reference.

`concurrency` threads each send one request, wait for the answer, and send the next, for a fixed
time; a connection is kept open for as long as the server keeps it (gunicorn's sync workers close
it after each answer, so each request then opens a new one, as a browser behind no proxy would).
Every latency is kept, so the percentiles are exact. Alongside, the CPU time the server's worker
processes and PostgreSQL's backends spent during the run, read from /proc, gives the cost of one
page on each side: the load generator's own CPU is not in either figure.
"""

from __future__ import annotations

import http.client
import math
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

TICKS = os.sysconf("SC_CLK_TCK")
TIMEOUT_SECONDS = 30


@dataclass
class LoadResult:
    seconds: float
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    body_bytes: int = 0
    server_cpu_seconds: float = 0.0
    postgres_cpu_seconds: float = 0.0

    @property
    def ok(self) -> int:
        return len(self.latencies_ms)

    @property
    def per_second(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        """Nearest rank, in milliseconds."""
        if not self.latencies_ms:
            return math.nan
        ordered = sorted(self.latencies_ms)
        return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]

    @property
    def server_cpu_ms(self) -> float:
        """Server CPU (the app's or the reference's workers) per successful request."""
        return 1000 * self.server_cpu_seconds / self.ok if self.ok else math.nan

    @property
    def postgres_cpu_ms(self) -> float:
        return 1000 * self.postgres_cpu_seconds / self.ok if self.ok else math.nan

    def summary(self) -> dict:
        return {
            "per_second": self.per_second,
            "requests": self.ok,
            "errors": self.errors,
            "p50": self.percentile(50),
            "p95": self.percentile(95),
            "p99": self.percentile(99),
            "server_cpu_ms": self.server_cpu_ms,
            "postgres_cpu_ms": self.postgres_cpu_ms,
            "kb_per_page": self.body_bytes / self.ok / 1024 if self.ok else math.nan,
            "statuses": self.statuses,
        }


# --- CPU from /proc ---------------------------------------------------------------------------
def _cpu_seconds(pid: int) -> float:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:  # the process has gone
        return 0.0
    # The command name is in parentheses and may hold spaces: split after it.
    fields = text[text.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def _processes() -> list[tuple[int, int, str]]:
    """(pid, parent pid, command name) of every process we can see."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            text = (entry / "stat").read_text()
        except OSError:
            continue
        name = text[text.index("(") + 1 : text.rindex(")")]
        parent = int(text[text.rindex(")") + 2 :].split()[1])
        found.append((int(entry.name), parent, name))
    return found


def children_cpu(parent_pid: int) -> float:
    """CPU seconds used so far by the direct children of a process (gunicorn's workers)."""
    return sum(_cpu_seconds(pid) for pid, ppid, _ in _processes() if ppid == parent_pid)


def postgres_cpu(pids: list[int]) -> float:
    """CPU seconds used so far by these PostgreSQL backends (the servers' own connections).

    Only the bench database's backends: other databases' clients come and go, and a backend
    that exits takes its seconds with it. Both servers keep their connections (CONN_MAX_AGE).
    """
    return sum(_cpu_seconds(pid) for pid in pids)


# --- The load -------------------------------------------------------------------------------------
def run(
    base_url: str,
    paths: list[str],
    *,
    cookie: str = "",
    concurrency: int = 16,
    seconds: float = 10.0,
    server_pid: int | None = None,
    database_pids=None,
    expect: int = 200,
) -> LoadResult:
    """GET the paths round-robin from `concurrency` threads for `seconds`; 127.0.0.1 only.

    `database_pids`, if given, is called before and after the run for the PostgreSQL backends
    serving the bench database; the CPU of those present at both ends is counted.
    """
    parts = urlsplit(base_url)
    if parts.hostname != "127.0.0.1":
        raise RuntimeError("The load generator only ever talks to 127.0.0.1.")
    headers = {"Host": parts.netloc, "Accept": "text/html"}
    if cookie:
        headers["Cookie"] = cookie
    lock = threading.Lock()
    start = threading.Barrier(concurrency + 1)
    result = LoadResult(seconds=seconds)
    deadline = [0.0]

    def worker(offset: int) -> None:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=TIMEOUT_SECONDS)
        latencies, statuses, errors, size = [], {}, 0, 0
        index = offset
        start.wait()
        while time.perf_counter() < deadline[0]:
            path = paths[index % len(paths)]
            index += 1
            began = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                body = response.read()
                if response.will_close:
                    connection.close()
            except (OSError, http.client.HTTPException):
                connection.close()
                errors += 1
                continue
            elapsed = (time.perf_counter() - began) * 1000
            statuses[response.status] = statuses.get(response.status, 0) + 1
            if response.status == expect:
                latencies.append(elapsed)
                size += len(body)
            else:
                errors += 1
        connection.close()
        with lock:
            result.latencies_ms.extend(latencies)
            result.errors += errors
            result.body_bytes += size
            for status, n in statuses.items():
                result.statuses[status] = result.statuses.get(status, 0) + n

    threads = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(concurrency)]
    for thread in threads:
        thread.start()
    server_before = children_cpu(server_pid) if server_pid else 0.0
    backends_before = set(database_pids()) if database_pids else set()
    postgres_before = {pid: _cpu_seconds(pid) for pid in backends_before}
    began = time.perf_counter()
    deadline[0] = began + seconds
    start.wait()
    for thread in threads:
        thread.join(seconds + TIMEOUT_SECONDS + 5)
    result.seconds = time.perf_counter() - began
    if server_pid:
        result.server_cpu_seconds = children_cpu(server_pid) - server_before
    if database_pids:
        kept = backends_before & set(database_pids())
        result.postgres_cpu_seconds = postgres_cpu(list(kept)) - sum(
            postgres_before[pid] for pid in kept
        )
    return result
