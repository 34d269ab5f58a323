"""Revealing a source (and exporting) needs a password or TOTP code from the last 15 minutes."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import sessions
from audit.models import Action, AuditEvent
from tests.accounts.otp import totp_code, totp_device_for
from tests.factories import STAFF_PASSWORD, SubmissionFactory

pytestmark = pytest.mark.django_db
CONFIRM = "/accounts/confirm/"
REASON = "Need to call the source back about the address"


@pytest.fixture
def claimed(handler_user):
    submission = SubmissionFactory()
    submission.assigned_to = handler_user
    submission.claimed_at = timezone.now()
    submission.status = "in_progress"
    submission.save()
    return submission


def reveal_url(submission) -> str:
    return f"/staff/submissions/{submission.reference}/reveal/"


def make_stale(client, minutes=16):
    session = client.session
    session[sessions.AUTHENTICATED_AT] = sessions.now() - minutes * 60
    session.save()


def test_a_recent_sign_in_reveals_without_asking_again(handler_client, claimed):
    response = handler_client.post(reveal_url(claimed), {"reason": REASON})
    assert response.status_code == 200
    assert b"Sarah Hughes" in response.content


def test_after_15_minutes_the_reveal_form_asks_who_you_are_first(handler_client, claimed):
    make_stale(handler_client)
    response = handler_client.get(reveal_url(claimed))
    assert response.status_code == 302
    assert response["Location"].startswith(CONFIRM)
    page = handler_client.get(response["Location"])
    assert b"Confirm it is you" in page.content
    assert b"Anything you typed has been kept" not in page.content  # a link, nothing typed
    response = handler_client.post(
        response["Location"], {"secret": STAFF_PASSWORD, "next": reveal_url(claimed)}
    )
    assert response.status_code == 302
    assert response["Location"] == reveal_url(claimed)
    assert handler_client.get(reveal_url(claimed)).status_code == 200


def test_a_stale_reveal_post_keeps_the_reason_and_reveals_after_a_code(handler_client, claimed):
    make_stale(handler_client)
    response = handler_client.post(reveal_url(claimed), {"reason": REASON})
    assert response.status_code == 302
    assert response["Location"].startswith(CONFIRM)
    assert not AuditEvent.objects.filter(action=Action.SOURCE_REVEALED).exists()
    assert b"Anything you typed has been kept" in handler_client.get(response["Location"]).content
    code = totp_code(totp_device_for(claimed.assigned_to))
    response = handler_client.post(response["Location"], {"secret": code})
    # The reason they typed comes back, ready to send with one press of "Continue".
    assert response.status_code == 200
    html = response.content.decode()
    assert f'action="{reveal_url(claimed)}"' in html
    assert f'name="reason" value="{REASON}"' in html
    assert "Sarah Hughes" not in html
    response = handler_client.post(reveal_url(claimed), {"reason": REASON})
    assert b"Sarah Hughes" in response.content
    assert AuditEvent.objects.filter(action=Action.SOURCE_REVEALED).count() == 1


def test_a_wrong_password_on_the_confirm_page_is_refused(handler_client, claimed):
    make_stale(handler_client)
    url = f"{CONFIRM}?next={reveal_url(claimed)}"
    response = handler_client.post(url, {"secret": "not-my-password-at-all"})
    assert response.status_code == 200
    assert b"The password or code is not correct" in response.content
    assert b"<title>Error: Confirm it is you" in response.content
    assert handler_client.get(reveal_url(claimed))["Location"].startswith(CONFIRM)


def test_a_used_code_does_not_confirm(handler_client, claimed):
    device = totp_device_for(claimed.assigned_to)
    code = totp_code(device)
    assert device.verify_token(code)
    make_stale(handler_client)
    response = handler_client.post(f"{CONFIRM}?next=/staff/", {"secret": code})
    assert response.status_code == 200
    assert b"The password or code is not correct" in response.content


def test_confirm_never_redirects_off_site(handler_client):
    make_stale(handler_client)
    response = handler_client.post(
        f"{CONFIRM}?next=https://evil.example/", {"secret": STAFF_PASSWORD}
    )
    assert response["Location"] == "/staff/"


def test_outsiders_are_refused_before_being_asked_to_confirm(outsider_client, claimed):
    make_stale(outsider_client)
    assert outsider_client.get(reveal_url(claimed)).status_code == 403


def test_the_password_is_never_carried_to_the_continue_page(handler_client, claimed):
    make_stale(handler_client)
    handler_client.post(reveal_url(claimed), {"reason": REASON, "password": "oops-typed-here"})
    response = handler_client.post(
        f"{CONFIRM}?next={reveal_url(claimed)}", {"secret": STAFF_PASSWORD}
    )
    assert b"oops-typed-here" not in response.content


def test_exporting_the_audit_trail_asks_who_you_are_after_15_minutes(supervisor_client):
    url = reverse("supervision:trail_export")
    assert supervisor_client.get(url).status_code == 200
    make_stale(supervisor_client)
    exported = AuditEvent.objects.filter(action=Action.AUDIT_EXPORTED).count()
    response = supervisor_client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(CONFIRM)
    # Nothing left the building, so nothing was recorded as exported.
    assert AuditEvent.objects.filter(action=Action.AUDIT_EXPORTED).count() == exported
