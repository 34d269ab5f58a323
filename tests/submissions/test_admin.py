"""The Django admin shows system administrators metadata only, and changes nothing."""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from submissions.models import PersonOfConcern, Source, Subject, Submission
from tests.factories import SubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sysadmin_client():
    from tests.accounts.otp import session_verify, totp_device_for

    user = UserFactory(username="sian.sysadmin", role=None, is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session_verify(session, totp_device_for(user))
    session.save()
    return client


def test_source_and_people_are_not_in_the_admin_at_all():
    for model in (Source, Subject, PersonOfConcern):
        assert not admin.site.is_registered(model)
    assert admin.site.is_registered(Submission)


def test_a_system_administrator_sees_metadata_and_never_the_source(sysadmin_client):
    submission = SubmissionFactory(information="Picked up by older men")
    changelist = sysadmin_client.get(reverse("admin:submissions_submission_changelist"))
    assert changelist.status_code == 200
    assert submission.reference in changelist.content.decode()
    change = sysadmin_client.get(
        reverse("admin:submissions_submission_change", args=[submission.pk])
    )
    html = change.content.decode()
    assert change.status_code == 200
    assert submission.reference in html
    for hidden in ("Sarah Hughes", "Kingsweston", "kwa.example", "Picked up", "school gate"):
        assert hidden not in html
    assert "seen_directly" not in html and "I saw or heard it directly" not in html


def test_nothing_can_be_added_changed_or_deleted_in_the_admin(sysadmin_client):
    submission = SubmissionFactory()
    assert sysadmin_client.get(reverse("admin:submissions_submission_add")).status_code == 403
    url = reverse("admin:submissions_submission_delete", args=[submission.pk])
    assert sysadmin_client.post(url, {"post": "yes"}).status_code == 403
    assert Submission.objects.filter(pk=submission.pk).exists()


def test_a_handler_cannot_use_the_submissions_admin(handler_user):
    from tests.accounts.otp import session_verify, totp_device_for

    handler_user.is_staff = True
    handler_user.save()
    client = Client()
    client.force_login(handler_user)
    session = client.session
    session_verify(session, totp_device_for(handler_user))
    session.save()
    response = client.get(reverse("admin:submissions_submission_changelist"))
    assert response.status_code == 403
