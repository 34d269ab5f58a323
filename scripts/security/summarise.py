"""Summarise `make security` reports and decide.

Exit 0: clean. Exit 1: any high or medium finding, a published vulnerability, or a staff scan that
was not signed in throughout (so the staff area was not really scanned). Exit 3 (NOT_AUDITED):
nothing else wrong, but no advisory service answered, so the dependencies were not audited; this
is neither a pass nor a finding, and is said loudly.

Reads, from the report directory: bandit.json, pip-audit.json (or pip-audit.unreachable),
wapiti-<scan>.json for the public pages and each staff role, session-<role>.txt (the staff
session's status on /staff/ before and after the scans), sqlmap/ and sqlmap.log. Prints a short
Markdown summary (also written to summary.md) fit for the README.
"""

import json
import sys
from pathlib import Path

NOT_AUDITED = 3
STAFF_ROLES = ("handler", "supervisor")
# A signed-in crawl of the staff area reaches dozens of pages; one or two means it was sent to
# the sign-in page.
STAFF_PAGES_AT_LEAST = 10

# wapiti's levels (wapitiCore.net.definitions): 4 critical, 3 high, 2 medium, 1 low, 0 info.
WAPITI_LEVELS = {4: "critical", 3: "high", 2: "medium", 1: "low", 0: "info"}
FAILING = {"critical", "high", "medium"}


# ruff's flake8-bandit rules are bandit's own checks under S-numbers. A line the team has reviewed
# carries a ruff noqa comment for the same S-rule (and a reason); bandit cannot read that, so it is
# honoured here, and listed in the summary so the reviews stay visible.
RUFF_EQUIVALENT = {"B703": "S308"}


def _reviewed(issue: dict) -> bool:
    code = RUFF_EQUIVALENT.get(issue["test_id"], "S" + issue["test_id"][1:])
    try:
        source = Path(issue["filename"]).read_text().splitlines()
    except OSError:
        return False
    lines = issue.get("line_range") or [issue["line_number"]]
    return any(
        f"noqa: {code}" in source[n - 1]
        for n in range(min(lines), max(lines) + 1)
        if n <= len(source)
    )


def bandit(out: Path) -> tuple[list[str], list[str]]:
    data = json.loads((out / "bandit.json").read_text())
    failing, other = [], []
    for issue in data.get("results", []):
        reviewed = _reviewed(issue)
        line = (
            f"bandit {issue['test_id']} {issue['issue_severity'].lower()}/"
            f"{issue['issue_confidence'].lower()}: {issue['filename']}:{issue['line_number']} "
            f"{issue['issue_text']}{' (reviewed: ruff noqa)' if reviewed else ''}"
        )
        serious = issue["issue_severity"].lower() in FAILING and not reviewed
        (failing if serious else other).append(line)
    scanned = data.get("metrics", {}).get("_totals", {}).get("loc", "?")
    other.insert(0, f"bandit scanned {scanned} lines of code")
    return failing, other


def pip_audit(out: Path) -> tuple[list[str], list[str]]:
    """Published vulnerabilities fail the run; packages it could not look up are not_audited()."""
    path = out / "pip-audit.json"
    if not path.exists():
        return [], []
    failing, other = [], []
    dependencies = json.loads(path.read_text()).get("dependencies", [])
    for dependency in dependencies:
        for vuln in dependency.get("vulns", []):
            fixes = ", ".join(vuln.get("fix_versions") or []) or "no fix yet"
            # pip-audit gives no severity: every published advisory counts as a failure.
            failing.append(
                f"pip-audit {dependency['name']} {dependency['version']}: {vuln['id']} "
                f"(fixed in {fixes})"
            )
    skipped = sum(1 for d in dependencies if d.get("skip_reason"))
    other.insert(
        0, f"pip-audit audited {len(dependencies) - skipped} of {len(dependencies)} packages"
    )
    return failing, other


def not_audited(out: Path) -> str | None:
    """Why some or all dependencies were not audited, or None if every one was.

    Either no advisory service answered at all (pip-audit.unreachable), or the service did not
    know some packages: from a machine that reaches only a PyPI mirror, every per-version look-up
    answers "not found", and pip-audit reports all of them as skipped rather than failing.
    """
    marker = out / "pip-audit.unreachable"
    if marker.exists():
        reason = " ".join(marker.read_text(errors="replace").split())[-300:]
        return (
            "NOT AUDITED: no advisory service reachable: pip-audit could not reach PyPI's or OSV's "
            f"vulnerability data, so no dependency was checked ({reason})"
        )
    path = out / "pip-audit.json"
    dependencies = json.loads(path.read_text()).get("dependencies", []) if path.exists() else []
    skipped = [d for d in dependencies if d.get("skip_reason")]
    if not skipped:
        return None
    examples = ", ".join(d["name"] for d in skipped[:5])
    lead = (
        "NOT AUDITED: no advisory service reachable"
        if len(skipped) == len(dependencies)
        else "NOT AUDITED (in part)"
    )
    return (
        f"{lead}: pip-audit could not look up {len(skipped)} of {len(dependencies)} installed "
        f"packages ({examples}, ...): {skipped[0]['skip_reason']}"
    )


def _wapiti_report(path: Path, scan: str) -> tuple[list[str], list[str], int]:
    data = json.loads(path.read_text())
    failing, other = [], []
    for section in ("vulnerabilities", "anomalies", "additionals"):
        for category, findings in (data.get(section) or {}).items():
            for finding in findings:
                level = WAPITI_LEVELS.get(finding.get("level"), str(finding.get("level")))
                line = (
                    f"wapiti ({scan}) {section[:-1]} [{level}] {category}: "
                    f"{finding.get('method', '')} {finding.get('path', '')} "
                    f"{finding.get('info', '')}".strip()
                )
                # An anomaly (a 500, a timeout) is a defect whatever level wapiti gives it.
                if level in FAILING or section == "anomalies":
                    failing.append(line)
                else:
                    other.append(line)
    infos = data.get("infos", {})
    crawled = infos.get("crawled_pages_nbr", len(infos.get("crawled_pages", []) or []))
    other.insert(0, f"wapiti ({scan}) crawled {crawled} pages of {infos.get('target', '?')}")
    return failing, other, int(crawled or 0)


def wapiti(out: Path) -> tuple[list[str], list[str]]:
    failing, other = [], []
    for scan in ("public", *STAFF_ROLES):
        path = out / f"wapiti-{scan}.json"
        if not path.exists():
            failing.append(f"wapiti ({scan}) produced no report (see wapiti-{scan}.log)")
            continue
        bad, notes, crawled = _wapiti_report(path, scan)
        failing += bad
        other += notes
        if scan in STAFF_ROLES and crawled < STAFF_PAGES_AT_LEAST:
            failing.append(
                f"wapiti ({scan}) crawled only {crawled} pages: it was not signed in, so the "
                "staff area was not scanned"
            )
    return failing, other


def sessions(out: Path) -> tuple[list[str], list[str]]:
    """Each staff session answered /staff/ with 200 before and after every scan."""
    failing, other = [], []
    for role in STAFF_ROLES:
        path = out / f"session-{role}.txt"
        lines = path.read_text().splitlines() if path.exists() else []
        checks = [[*line.split(maxsplit=1), "?"][:2] for line in lines if line.strip()]
        lost = [f"{moment} {status}" for moment, status in checks if status != "200"]
        if not checks or lost:
            failing.append(
                f"the {role}'s scan session was not signed in throughout "
                f"({', '.join(lost) or 'never checked'}): the scans did not cover the staff area"
            )
        else:
            other.append(
                f"the {role}'s session stayed signed in ({', '.join(c[0] for c in checks)})"
            )
    return failing, other


def sqlmap(out: Path) -> tuple[list[str], list[str]]:
    """sqlmap.log holds one section per target, opened by "-- <scan> <url> ..."."""
    log = out / "sqlmap.log"
    text = log.read_text(errors="replace") if log.exists() else ""
    failing = []
    for target_log in (out / "sqlmap").glob("*/log"):
        if target_log.read_text(errors="replace").strip():
            failing.append(f"sqlmap found an injection point: see {target_log}")
    if "identified the following injection point" in text:
        failing.append("sqlmap identified an injection point (see sqlmap.log)")
    pages: dict[str, int] = {}
    tests: dict[str, int] = {}
    scan = "public"
    for line in text.splitlines():
        if line.startswith("-- "):
            scan = line.split()[1]
            pages[scan] = pages.get(scan, 0) + 1
        elif "testing '" in line:
            tests[scan] = tests.get(scan, 0) + 1
    other = [
        f"sqlmap ({scan}) ran {tests.get(scan, 0)} injection tests against {count} pages"
        for scan, count in pages.items()
    ]
    for scan in ("public", *STAFF_ROLES):
        if not tests.get(scan):
            failing.append(f"sqlmap ({scan}) ran no tests at all (see sqlmap.log)")
    return failing, other


def main(out: Path) -> int:
    failing, other = [], []
    for check in (bandit, pip_audit, wapiti, sessions, sqlmap):
        bad, notes = check(out)
        failing += bad
        other += notes
    unaudited = not_audited(out)
    lines = ["## Security checks", ""]
    lines += [f"- FAIL {line}" for line in failing] or ["- No high or medium findings."]
    if unaudited:
        lines += ["", f"**{unaudited}**"]
    lines += ["", "Also noted (low or informational):", ""] + [f"- {line}" for line in other]
    summary = "\n".join(lines) + "\n"
    (out / "summary.md").write_text(summary)
    print(summary)
    if failing:
        return 1
    if unaudited:
        # Loud, and last, so it is the line a reader sees: everything else was clean.
        print(f"!!! {unaudited}", file=sys.stderr)
        print(f"!!! {unaudited}")
        return NOT_AUDITED
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "var/security/report")))
