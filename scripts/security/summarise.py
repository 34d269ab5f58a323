"""Summarise `make security` reports and decide: exit 1 on any high or medium finding.

Reads, from the report directory: bandit.json, pip-audit.json, wapiti.json, sqlmap/ (and
sqlmap.log). Prints a short Markdown summary (also written to summary.md) fit for the README.
"""

import json
import sys
from pathlib import Path

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
    data = json.loads((out / "pip-audit.json").read_text())
    failing, other = [], []
    dependencies = data.get("dependencies", [])
    for dependency in dependencies:
        for vuln in dependency.get("vulns", []):
            fixes = ", ".join(vuln.get("fix_versions") or []) or "no fix yet"
            # pip-audit gives no severity: every published advisory counts as a failure.
            failing.append(
                f"pip-audit {dependency['name']} {dependency['version']}: {vuln['id']} "
                f"(fixed in {fixes})"
            )
    skipped = [d for d in dependencies if d.get("skip_reason")]
    if skipped:
        # Not audited is not clean: say so and fail (typically the vulnerability service does not
        # know these versions, e.g. wheels from a private mirror).
        examples = ", ".join(f"{d['name']} {d.get('version', '')}".strip() for d in skipped[:6])
        failing.append(
            f"pip-audit could NOT audit {len(skipped)} of {len(dependencies)} installed packages "
            f"({examples}, ...): {skipped[0]['skip_reason']}"
        )
    audited = len(dependencies) - len(skipped)
    other.insert(0, f"pip-audit audited {audited} of {len(dependencies)} installed packages")
    return failing, other


def wapiti(out: Path) -> tuple[list[str], list[str]]:
    path = out / "wapiti.json"
    if not path.exists():
        return ["wapiti produced no report (see wapiti.log)"], []
    data = json.loads(path.read_text())
    failing, other = [], []
    for section in ("vulnerabilities", "anomalies", "additionals"):
        for category, findings in (data.get(section) or {}).items():
            for finding in findings:
                level = WAPITI_LEVELS.get(finding.get("level"), str(finding.get("level")))
                line = (
                    f"wapiti {section[:-1]} [{level}] {category}: {finding.get('method', '')} "
                    f"{finding.get('path', '')} {finding.get('info', '')}".strip()
                )
                # An anomaly (a 500, a timeout) is a defect whatever level wapiti gives it.
                if level in FAILING or section == "anomalies":
                    failing.append(line)
                else:
                    other.append(line)
    infos = data.get("infos", {})
    crawled = infos.get("crawled_pages_nbr", len(infos.get("crawled_pages", []) or []))
    other.insert(0, f"wapiti crawled {crawled} pages of {infos.get('target', '?')}")
    return failing, other


def sqlmap(out: Path) -> tuple[list[str], list[str]]:
    log = out / "sqlmap.log"
    text = log.read_text(errors="replace") if log.exists() else ""
    failing = []
    for target_log in (out / "sqlmap").glob("*/log"):
        if target_log.read_text(errors="replace").strip():
            failing.append(f"sqlmap found an injection point: see {target_log}")
    if "identified the following injection point" in text:
        failing.append("sqlmap identified an injection point (see sqlmap.log)")
    targets = text.count("\n-- ") + text.startswith("-- ")
    tested = text.count("testing '")
    other = [f"sqlmap ran {tested} injection tests against {targets} pages"]
    if tested == 0:
        failing.append("sqlmap ran no tests at all (see sqlmap.log)")
    return failing, other


def main(out: Path) -> int:
    failing, other = [], []
    for check in (bandit, pip_audit, wapiti, sqlmap):
        bad, notes = check(out)
        failing += bad
        other += notes
    lines = ["## Security checks", ""]
    lines += [f"- FAIL {line}" for line in failing] or ["- No high or medium findings."]
    lines += ["", "Also noted (low or informational):", ""] + [f"- {line}" for line in other]
    summary = "\n".join(lines) + "\n"
    (out / "summary.md").write_text(summary)
    print(summary)
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "var/security/report")))
