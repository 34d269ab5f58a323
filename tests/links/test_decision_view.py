"""A handler marks a possible link confirmed or not the same: POST only, audited, kept."""

import pytest
from django.db.models import Q

from audit.models import AuditEvent
from links.models import Link
from links.services import LinkError, link_decide

pytestmark = pytest.mark.django_db


def _possible(school, hotel) -> Link:
    return Link.objects.get(submission=school, other=hotel)


def _pair(one, two):
    """Both rows of one link (the taxi's Kyle is a possible match for the hotel's too)."""
    return Link.objects.filter(Q(submission=one, other=two) | Q(submission=two, other=one))


def _decide(client, link, decision):
    return client.post(f"/staff/links/{link.pk}/decision/", {"decision": decision})


def test_a_handler_confirms_a_possible_link_on_both_sides_and_it_is_audited(
    handler_client, handler_user, linked_pair
):
    school, _taxi, hotel = linked_pair
    link = _possible(school, hotel)
    response = _decide(handler_client, link, "confirmed")
    assert response.status_code == 302
    assert response["Location"].endswith(
        f"/staff/submissions/{school.reference}/#linked-submissions"
    )
    both = _pair(school, hotel)
    assert set(both.values_list("decision", "decided_by")) == {("confirmed", handler_user.pk)}
    events = AuditEvent.objects.filter(action="link_confirmed")
    assert {(e.submission_reference, e.details["linked"]) for e in events} == {
        (school.reference, hotel.reference),
        (hotel.reference, school.reference),
    }
    page = handler_client.get(f"/staff/submissions/{school.reference}/")
    confirmed = next(link for link in page.context["links"] if link.other_id == hotel.pk)
    assert not confirmed.unsure
    assert "Confirmed" in page.content.decode()


def test_not_the_same_is_kept_and_hidden_after(handler_client, linked_pair):
    school, _taxi, hotel = linked_pair
    _decide(handler_client, _possible(school, hotel), "not_same")
    assert AuditEvent.objects.filter(action="link_rejected").count() == 2
    page = handler_client.get(f"/staff/submissions/{hotel.reference}/")
    assert school.pk not in [link.other_id for link in page.context["links"]]
    assert _pair(school, hotel).filter(decision="not_same").count() == 2


def test_a_sure_link_cannot_be_decided(handler_user, linked_pair):
    school, taxi, _hotel = linked_pair
    sure = Link.objects.get(submission=school, other=taxi)
    with pytest.raises(LinkError):
        link_decide(link_id=sure.pk, user=handler_user, decision="not_same")


def test_a_decided_link_cannot_be_decided_again(handler_client, linked_pair):
    school, _taxi, hotel = linked_pair
    link = _possible(school, hotel)
    _decide(handler_client, link, "confirmed")
    response = _decide(handler_client, link, "not_same")
    assert response.status_code == 302
    assert set(_pair(school, hotel).values_list("decision", flat=True)) == {"confirmed"}


def test_an_unknown_decision_changes_nothing(handler_client, linked_pair):
    school, _taxi, hotel = linked_pair
    _decide(handler_client, _possible(school, hotel), "maybe")
    assert set(Link.objects.values_list("decision", flat=True)) == {""}
    assert not AuditEvent.objects.filter(action__startswith="link_").exists()


def test_get_is_refused_and_outsiders_cannot_decide(
    handler_client, outsider_client, client, linked_pair
):
    school, _taxi, hotel = linked_pair
    link = _possible(school, hotel)
    assert handler_client.get(f"/staff/links/{link.pk}/decision/").status_code == 405
    assert _decide(outsider_client, link, "confirmed").status_code == 403
    assert _decide(client, link, "confirmed").status_code == 302  # to sign in
    assert set(Link.objects.values_list("decision", flat=True)) == {""}


def test_a_supervisor_may_decide_too(supervisor_client, linked_pair):
    school, _taxi, hotel = linked_pair
    assert _decide(supervisor_client, _possible(school, hotel), "not_same").status_code == 302
    assert Link.objects.filter(decision="not_same").count() == 2


def test_a_close_name_beside_a_shared_vehicle_can_be_decided_and_the_vehicle_stays(
    handler_client,
):
    from links.services import submission_links_index
    from tests.factories import SourceFactory, SubjectFactory, SubmissionFactory, VehicleFactory

    one = SubmissionFactory(with_people=False)
    SourceFactory(submission=one)
    SubjectFactory(submission=one, name="Kyle Mendes", approximate_age=14)
    VehicleFactory(submission=one, registration="AB12CDE")
    two = SubmissionFactory(with_people=False)
    SourceFactory(submission=two, name="Tom Driver", organisation="Star Cabs")
    SubjectFactory(submission=two, name="Kyle Mendez", approximate_age=14)
    VehicleFactory(submission=two, registration="AB12CDE")
    for submission in (one, two):
        submission_links_index(submission_id=submission.pk)
    link = Link.objects.get(submission=one, other=two)
    assert (link.sure, link.possible) == (True, True)
    page = handler_client.get(f"/staff/submissions/{one.reference}/").content.decode()
    assert "Same person" in page

    _decide(handler_client, link, "not_same")

    page = handler_client.get(f"/staff/submissions/{one.reference}/")
    shown = next(item for item in page.context["links"] if item.other_id == two.pk)
    assert shown.reasons_shown == [("", "same registration AB12CDE", "AB12CDE")]
    assert "Same person" not in page.content.decode()


def test_a_confirmed_close_name_reads_as_the_same_person(handler_client, linked_pair):
    school, _taxi, hotel = linked_pair
    _decide(handler_client, _possible(school, hotel), "confirmed")
    page = handler_client.get(f"/staff/submissions/{school.reference}/")
    shown = next(item for item in page.context["links"] if item.other_id == hotel.pk)
    tag, words, term = shown.reasons_shown[0]
    assert term == "Kyle Mendez"
    assert (tag, words.split(",")[0]) == ("confirmed", "person: Kyle Mendez")
