"""accounts.backends.ModelBackendOneQuery: the same answers as Django's ModelBackend, in one
query a request instead of two (issue 17)."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

from accounts.backends import ModelBackendOneQuery
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

WORK_QUEUE = "submissions.work_queue"
SUPERVISE = "submissions.supervise"


def _fresh(user):
    """The user as a new request loads it: no permissions cached yet."""
    return type(user).objects.get(pk=user.pk)


def _both(user) -> tuple[set, set]:
    return (
        ModelBackendOneQuery().get_all_permissions(_fresh(user)),
        ModelBackend().get_all_permissions(_fresh(user)),
    )


def test_a_handler_works_the_queue_and_does_not_supervise(handler_user):
    ours, django = _both(handler_user)
    assert ours == django
    assert WORK_QUEUE in ours and SUPERVISE not in ours


def test_a_supervisor_has_both_staff_permissions(supervisor_user):
    ours, django = _both(supervisor_user)
    assert ours == django
    assert {WORK_QUEUE, SUPERVISE} <= ours


def test_a_permission_given_to_the_user_alone_counts_beside_the_groups(handler_user):
    handler_user.user_permissions.add(
        Permission.objects.get(codename="supervise", content_type__app_label="submissions")
    )
    ours, django = _both(handler_user)
    assert ours == django
    assert SUPERVISE in ours


def test_an_outsider_has_no_staff_permission(outsider_user):
    ours, django = _both(outsider_user)
    assert ours == django
    assert WORK_QUEUE not in ours


def test_an_inactive_user_has_none():
    user = UserFactory(username="ina.inactive", role="supervisor", is_active=False)
    assert _both(user) == (set(), set())


def test_a_superuser_has_every_permission():
    user = UserFactory(username="sue.super", role=None, is_superuser=True)
    ours, django = _both(user)
    assert ours == django
    assert len(ours) == Permission.objects.count()


def test_both_staff_questions_cost_one_query_a_request(supervisor_user, django_assert_num_queries):
    user = _fresh(supervisor_user)
    with django_assert_num_queries(1):
        assert user.has_perm(WORK_QUEUE)
        assert user.has_perm(SUPERVISE)
        assert not user.has_perm("submissions.delete_submission")
