"""Access events are first-class audit entries: who, when, what, and from where (staff only)."""

import json

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from accounts.access import SUPERVISOR_GROUP
from audit.models import Action, AuditEvent
from tests.accounts.otp import totp_code, totp_device_for
from tests.conftest import STAFF_PASSWORD
from tests.factories import UserFactory


def _only(action: str) -> AuditEvent:
    return AuditEvent.objects.filter(action=action).get()


@pytest.mark.django_db
def test_signing_in_is_recorded_only_once_the_code_is_verified(handler_user):
    device = totp_device_for(handler_user)
    client = Client()
    client.post(
        reverse("accounts:login"), {"username": handler_user.username, "password": STAFF_PASSWORD}
    )
    password_step = _only(Action.PASSWORD_ACCEPTED)
    assert password_step.actor_id == handler_user.pk
    assert not AuditEvent.objects.filter(action=Action.SIGN_IN).exists()

    client.post(reverse("accounts:two_factor"), {"otp_token": totp_code(device)})
    event = _only(Action.SIGN_IN)
    assert event.actor_id == handler_user.pk
    assert event.actor_username == "hannah.handler"
    assert event.ip_address == "127.0.0.1"
    assert event.details["second_factor"] == "totp"


@pytest.mark.django_db
def test_a_failed_sign_in_records_the_username_tried_but_never_the_password(handler_user):
    Client().post(
        reverse("accounts:login"),
        {"username": "hannah.handler", "password": "not-the-password-Tr0ub4dor"},
    )
    event = _only(Action.SIGN_IN_FAILED)
    assert event.actor_id is None
    assert event.details == {"username": "hannah.handler"}
    # The sign-in page is for staff, so the address is kept, to spot guessing.
    assert event.ip_address == "127.0.0.1"
    everything = json.dumps(list(AuditEvent.objects.values()), default=str)
    assert "Tr0ub4dor" not in everything


@pytest.mark.django_db
def test_signing_out_is_recorded(handler_user):
    client = Client()
    client.force_login(handler_user)
    client.post(reverse("accounts:logout"))
    event = _only(Action.SIGN_OUT)
    assert event.actor_id == handler_user.pk


@pytest.mark.django_db
def test_a_handler_refused_a_supervisor_page_is_recorded(handler_client, handler_user):
    assert handler_client.get(reverse("supervision:dashboard")).status_code == 403
    event = _only(Action.PERMISSION_DENIED)
    assert event.actor_id == handler_user.pk
    assert event.details["path"] == reverse("supervision:dashboard")


@pytest.mark.django_db
def test_someone_in_no_group_refused_a_staff_page_is_recorded(outsider_client, outsider_user):
    assert outsider_client.get(reverse("triage:queue")).status_code == 403
    event = _only(Action.PERMISSION_DENIED)
    assert event.actor_id == outsider_user.pk
    assert event.details["path"] == reverse("triage:queue")


@pytest.mark.django_db
def test_a_new_account_is_recorded(supervisor_user):
    UserFactory(username="nina.new", role=None)
    created = AuditEvent.objects.filter(action=Action.USER_CHANGED, details__operation="created")
    assert created.filter(details__username="nina.new").exists()


@pytest.mark.django_db
def test_account_changes_name_the_fields_but_never_the_values(handler_user):
    handler_user.set_password("a-brand-new-password-9876")
    handler_user.is_active = False
    handler_user.save()
    event = AuditEvent.objects.filter(action=Action.USER_CHANGED).order_by("-id").first()
    assert event.details == {
        "operation": "changed",
        "username": "hannah.handler",
        "fields": ["password", "is_active"],
    }
    # Not bare digits: those can turn up inside a hex hash by chance.
    assert "brand-new-password" not in json.dumps(list(AuditEvent.objects.values()), default=str)


@pytest.mark.django_db
def test_signing_in_alone_is_not_an_account_change(handler_user):
    before = AuditEvent.objects.filter(action=Action.USER_CHANGED).count()
    Client().post(
        reverse("accounts:login"), {"username": handler_user.username, "password": STAFF_PASSWORD}
    )
    assert AuditEvent.objects.filter(action=Action.USER_CHANGED).count() == before


@pytest.mark.django_db
def test_group_membership_changes_are_recorded_from_either_side(handler_user, supervisor_user):
    supervisors = Group.objects.get(name=SUPERVISOR_GROUP)
    handler_user.groups.add(supervisors)
    supervisors.user_set.remove(handler_user)
    events = AuditEvent.objects.filter(
        action=Action.GROUP_CHANGED,
        details__username="hannah.handler",
        details__group=SUPERVISOR_GROUP,
    ).order_by("id")
    assert [e.details["operation"] for e in events] == ["added", "removed"]


@pytest.mark.django_db
def test_group_changes_made_by_a_signed_in_person_name_them(supervisor_user, handler_user):
    """Changes made through a request (the admin, say) carry the actor and their address."""
    from django.test import RequestFactory

    from audit.context import request_bind, request_unbind

    request = RequestFactory().post("/admin/auth/user/")
    request.user = supervisor_user
    token = request_bind(request)
    try:
        handler_user.groups.add(Group.objects.get(name=SUPERVISOR_GROUP))
    finally:
        request_unbind(token)
    event = AuditEvent.objects.filter(action=Action.GROUP_CHANGED).order_by("-id").first()
    assert event.actor_id == supervisor_user.pk
    assert event.details["username"] == "hannah.handler"
    assert event.ip_address == "127.0.0.1"


@pytest.mark.django_db
def test_a_professional_submitting_the_public_form_leaves_no_address():
    """Changes made in a request by someone not signed in carry neither a person nor an address."""
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    from audit.context import request_bind, request_unbind
    from tests.factories import SubmissionFactory

    request = RequestFactory().post("/check-your-answers/", REMOTE_ADDR="203.0.113.7")
    request.user = AnonymousUser()
    token = request_bind(request)
    try:
        submission = SubmissionFactory()
    finally:
        request_unbind(token)
    events = AuditEvent.objects.filter(submission_reference=submission.reference)
    assert events.exists()
    assert not events.exclude(ip_address=None).exists()
    assert not events.exclude(actor_id=None).exists()
    assert "203.0.113.7" not in json.dumps(list(AuditEvent.objects.values()), default=str)
