"""`make security`'s own parts: the signed-in scan session, and the verdict on the reports.

The scans themselves run in `make security` (scripts/security/run); these tests keep the pieces
that decide whether the staff area was really scanned, and what counts as a failure, honest.
"""

import importlib.util
import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import SubmissionFactory
from triage import services as triage_services

SCRIPTS = Path(settings.BASE_DIR) / "scripts" / "security"


def _script(name: str):
    spec = importlib.util.spec_from_file_location(f"security_{name}", SCRIPTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


scan_session = _script("scan_session")
summarise = _script("summarise")


# --- The scan session --------------------------------------------------------------------------
def test_the_scan_sessions_totp_codes_are_the_ones_django_otp_accepts():
    device = TOTPDevice(key="3132333435363738393031323334353637383930")
    key = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # the same 20 bytes, as create_demo_users shows them
    for moment in (59, 1111111109, 1234567890, 2000000000):
        totp = TOTP(device.bin_key, 30, 0, 6, 0)
        totp.time = moment
        assert scan_session.totp_now(key, at=moment) == f"{totp.token():06d}"


def test_the_scan_session_refuses_anything_but_loopback():
    with pytest.raises(scan_session.SignInFailed):
        scan_session.Browser("https://192.0.2.10:8443/")


@pytest.mark.parametrize("holding", [True, False], ids=["holding work", "taking the next"])
@pytest.mark.django_db(transaction=True)
def test_the_scan_session_signs_the_demo_handler_in_with_a_totp_code(
    live_server, tmp_path, holding
):
    printed = io.StringIO()
    call_command("create_demo_users", force=True, stdout=printed)
    users = tmp_path / "demo-users.txt"
    users.write_text(printed.getvalue())
    handler = get_user_model().objects.get(username="handler")
    held = SubmissionFactory()
    if holding:
        held = triage_services.submission_claim(submission=held, user=handler)

    status = scan_session.main([live_server.url, str(users), "handler", str(tmp_path)])

    assert status == 0
    browser = Client()
    for part in (tmp_path / "handler.cookie").read_text().strip().split("; "):
        name, value = part.split("=", 1)
        browser.cookies[name] = value
    staff_page = browser.get("/staff/", follow=True)  # the queue reopens with its last filters
    assert staff_page.status_code == 200  # signed in, second factor passed: no sign-in page
    assert staff_page.wsgi_request.user.username == "handler"
    assert staff_page.wsgi_request.user.is_verified()
    targets = (tmp_path / "handler.targets").read_text().splitlines()
    assert any(f"/staff/submissions/{held.reference}/assessment/|version=" in t for t in targets)
    assert all("sign-out" not in target for target in targets)


def test_the_scan_session_reads_the_demo_users_output():
    printed = (
        "Demo staff users (development only):\n"
        "  handler     demo-abc   (Intelligence handlers)\n"
        "              authenticator key: KEYONE\n"
        "  supervisor  demo-def   (Supervisors)\n"
        "              authenticator key: KEYTWO\n"
    )
    assert scan_session.demo_credentials(printed, "supervisor") == (
        "supervisor",
        "demo-def",
        "KEYTWO",
    )


# --- The verdict -------------------------------------------------------------------------------
def clean_reports(out: Path) -> Path:
    """Reports as a clean run leaves them: public and both staff scans signed in throughout."""
    (out / "bandit.json").write_text(json.dumps({"results": [], "metrics": {}}))
    (out / "pip-audit.json").write_text(
        json.dumps({"dependencies": [{"name": "django", "version": "5.2", "vulns": []}]})
    )
    for scan, pages in (("public", 20), ("handler", 40), ("supervisor", 45)):
        (out / f"wapiti-{scan}.json").write_text(
            json.dumps(
                {"vulnerabilities": {}, "anomalies": {}, "infos": {"crawled_pages_nbr": pages}}
            )
        )
    for role in ("handler", "supervisor"):
        (out / f"session-{role}.txt").write_text("before 200\nafter-wapiti 200\nafter-sqlmap 200\n")
    (out / "sqlmap.log").write_text(
        "-- public https://127.0.0.1/form/\ntesting 'AND boolean-based blind'\n"
        "-- handler https://127.0.0.1/staff/\ntesting 'AND boolean-based blind'\n"
        "-- supervisor https://127.0.0.1/staff/audit/\ntesting 'AND boolean-based blind'\n"
    )
    return out


def test_a_clean_run_passes(tmp_path):
    assert summarise.main(clean_reports(tmp_path)) == 0


def test_a_medium_finding_in_the_staff_area_fails_the_run(tmp_path):
    out = clean_reports(tmp_path)
    finding = {"level": 2, "method": "POST", "path": "/staff/submissions/X/notes/", "info": "x"}
    (out / "wapiti-handler.json").write_text(
        json.dumps(
            {
                "vulnerabilities": {"Cross Site Request Forgery": [finding]},
                "infos": {"crawled_pages_nbr": 40},
            }
        )
    )
    assert summarise.main(out) == 1
    assert "handler" in (out / "summary.md").read_text()


def test_a_staff_scan_that_lost_its_session_fails_the_run(tmp_path):
    out = clean_reports(tmp_path)
    (out / "session-supervisor.txt").write_text("before 200\nafter-wapiti 302\n")
    assert summarise.main(out) == 1
    assert "signed in" in (out / "summary.md").read_text()


def test_a_staff_scan_that_never_got_past_the_sign_in_page_fails_the_run(tmp_path):
    out = clean_reports(tmp_path)
    (out / "wapiti-handler.json").write_text(json.dumps({"infos": {"crawled_pages_nbr": 1}}))
    assert summarise.main(out) == 1


def test_a_missing_staff_scan_fails_the_run(tmp_path):
    out = clean_reports(tmp_path)
    (out / "wapiti-supervisor.json").unlink()
    assert summarise.main(out) == 1


def test_no_advisory_service_is_its_own_outcome_not_a_pass_and_not_a_finding(tmp_path, capsys):
    out = clean_reports(tmp_path)
    (out / "pip-audit.json").unlink()
    (out / "pip-audit.unreachable").write_text("Connection refused")
    assert summarise.main(out) == summarise.NOT_AUDITED
    assert "NOT AUDITED: no advisory service reachable" in capsys.readouterr().out


def test_packages_the_advisory_service_does_not_know_are_not_audited_not_clean(tmp_path, capsys):
    # What a machine that reaches only a PyPI mirror gets: every look-up "not found", exit 0.
    out = clean_reports(tmp_path)
    unknown = {
        "name": "django",
        "skip_reason": "Dependency not found on PyPI and could not be audited",
    }
    (out / "pip-audit.json").write_text(json.dumps({"dependencies": [unknown]}))
    assert summarise.main(out) == summarise.NOT_AUDITED
    assert "NOT AUDITED: no advisory service reachable" in capsys.readouterr().out


def test_a_finding_outranks_the_missing_audit(tmp_path):
    out = clean_reports(tmp_path)
    (out / "pip-audit.json").unlink()
    (out / "pip-audit.unreachable").write_text("Connection refused")
    (out / "session-handler.txt").write_text("before 200\nafter-wapiti 302\n")
    assert summarise.main(out) == 1


def test_a_published_vulnerability_fails_the_run(tmp_path):
    out = clean_reports(tmp_path)
    vulnerable = {
        "name": "django",
        "version": "5.2",
        "vulns": [{"id": "PYSEC-1", "fix_versions": []}],
    }
    (out / "pip-audit.json").write_text(json.dumps({"dependencies": [vulnerable]}))
    assert summarise.main(out) == 1
