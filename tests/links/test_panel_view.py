"""The Linked submissions panel on the submission page, and its record as combination."""

import pytest

from audit.models import AuditEvent
from links.models import Link

pytestmark = pytest.mark.django_db


def _page(client, submission):
    return client.get(f"/staff/submissions/{submission.reference}/")


def test_the_panel_lists_each_linked_submission_with_its_reasons_strongest_first(
    handler_client, linked_pair
):
    school, taxi, hotel = linked_pair
    response = _page(handler_client, school)
    assert response.status_code == 200
    links = response.context["links"]
    assert [link.other.reference for link in links] == [taxi.reference, hotel.reference]
    year = school.created_at.year - 14
    assert links[0].reasons == [
        f"person: Kyle Mendes, born about {year}",
        "same registration AB12CDE",
    ]
    assert links[1].unsure
    html = response.content.decode()
    assert "Linked submissions" in html
    assert "same registration AB12CDE" in html
    assert "Possible" in html
    assert "person: Kyle Mendez, born about" in html
    assert "(one letter different from Kyle Mendes)" in html
    assert "None yet" in html  # the other's outcome
    assert "New" in html  # the other's status


def test_a_submission_with_no_links_says_so_and_records_no_combination(handler_client):
    from tests.factories import SubmissionFactory

    alone = SubmissionFactory()
    response = _page(handler_client, alone)
    assert "No other submission shares" in response.content.decode()
    assert not AuditEvent.objects.filter(action="links_viewed").exists()


def test_viewing_the_panel_is_recorded_as_combination_with_what_was_combined(
    handler_client, handler_user, linked_pair
):
    school, taxi, hotel = linked_pair
    _page(handler_client, school)
    event = AuditEvent.objects.get(action="links_viewed")
    assert event.actor_id == handler_user.pk
    assert event.submission_reference == school.reference
    assert event.details == {"linked": [taxi.reference, hotel.reference]}
    assert event.ip_address  # a staff view: the address is kept


def test_a_link_marked_not_the_same_is_hidden_from_both_panels(handler_client, linked_pair):
    school, _taxi, hotel = linked_pair
    Link.objects.filter(possible=True).update(decision="not_same")
    assert hotel.reference not in _page(handler_client, school).content.decode()
    assert school.reference not in _page(handler_client, hotel).content.decode()


def test_the_panel_costs_one_query(handler_user, linked_pair, django_assert_num_queries):
    from links.selectors import linked_submissions

    school, _taxi, _hotel = linked_pair
    with django_assert_num_queries(1):
        links = linked_submissions(school)
        _ = [(link.other.reference, link.other.status, link.other.outcome) for link in links]


def test_outsiders_never_see_the_panel(outsider_client, client, linked_pair):
    school, _taxi, _hotel = linked_pair
    assert _page(outsider_client, school).status_code in (403, 404)
    assert _page(client, school).status_code == 302
    assert not AuditEvent.objects.filter(action="links_viewed").exists()


def test_each_identifier_in_a_reason_leads_to_everything_linked_to_it(handler_client, linked_pair):
    school, taxi, hotel = linked_pair
    html = handler_client.get(f"/staff/submissions/{school.reference}/").content.decode()
    assert 'href="/staff/?linked=AB12CDE">everything linked to AB12CDE</a>' in html
    assert 'href="/staff/?linked=Kyle%20Mendez">everything linked to Kyle Mendez</a>' in html
    found = handler_client.get("/staff/", {"linked": "Kyle Mendez"}).context["page"].rows
    assert {row.reference for row in found} == {hotel.reference}
    found = handler_client.get("/staff/", {"linked": "AB12CDE"}).context["page"].rows
    assert {row.reference for row in found} == {school.reference, taxi.reference}
