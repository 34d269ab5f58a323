"""The admin shows the audit tables but nobody, not even a superuser, can add, change or delete."""

import pytest
from auditlog.models import LogEntry
from django.contrib.admin.sites import site
from django.test import RequestFactory

from audit.models import Action, AuditEvent
from audit.services import audit_event_record
from tests.factories import UserFactory


@pytest.fixture
def superuser(db):
    user = UserFactory(username="root.admin")
    user.is_superuser = user.is_staff = True
    user.save()
    return user


@pytest.mark.parametrize("model", [AuditEvent, LogEntry])
def test_even_a_superuser_cannot_add_change_or_delete_audit_entries(superuser, model):
    request = RequestFactory().get("/admin/")
    request.user = superuser
    model_admin = site._registry[model]
    entry = model.objects.first()
    assert entry is not None
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, entry)
    assert not model_admin.has_delete_permission(request, entry)
    assert not model_admin.get_actions(request)


def test_the_admin_pages_refuse_edits(superuser):
    from django.test import Client

    from tests.accounts.otp import session_verify, totp_device_for

    audit_event_record(action=Action.SIGN_IN, actor=superuser)
    event = AuditEvent.objects.filter(action=Action.SIGN_IN).first()
    client = Client()
    client.force_login(superuser)
    session = client.session
    session_verify(session, totp_device_for(superuser))
    session.save()
    change_url = f"/admin/audit/auditevent/{event.pk}/change/"
    assert client.get("/admin/audit/auditevent/").status_code == 200
    assert client.get(change_url).status_code == 200  # read-only view
    client.post(change_url, {"actor_username": "someone.else"})
    client.post(f"/admin/audit/auditevent/{event.pk}/delete/", {"post": "yes"})
    event.refresh_from_db()
    assert event.actor_username == "root.admin"
