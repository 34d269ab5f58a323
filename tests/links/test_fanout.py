"""How many links one submission makes: the strongest LINKS_KEPT are written and the rest counted
(both ends marked capped, the queue's count shown as "N+"); an identifier held by more than
COMMON_AT others links nobody and the panel names it; a handler's decision is never undone."""

from datetime import date

import pytest

from links import matching
from links.models import Decision, IndexState, Link
from links.selectors import link_counts, links_panel
from links.services import link_decide, submission_links_index
from tests.factories import (
    PersonOfConcernFactory,
    SourceFactory,
    SubjectFactory,
    SubmissionFactory,
    VehicleFactory,
)

pytestmark = pytest.mark.django_db
QUEUE = "/staff/"


def _submission(**source):
    submission = SubmissionFactory(with_people=False, information="Nothing more to add.")
    SourceFactory(submission=submission, **source)
    return submission


def _indexed(*submissions):
    for submission in submissions:
        submission_links_index(submission_id=submission.pk)


def _others(submission) -> set:
    return set(Link.objects.filter(submission=submission).values_list("other_id", flat=True))


def _phone(submission, number):
    PersonOfConcernFactory(
        submission=submission, name="", nicknames="", phone_numbers=number, social_media=""
    )


def _fan(weak: int = 3):
    """`weak` submissions sharing only a plate with the new one; two sharing it and a phone."""
    weaker = []
    for _ in range(weak):
        other = _submission(name="Tom Driver")
        VehicleFactory(submission=other, registration="AB12CDE")
        weaker.append(other)
    stronger = []
    for _ in range(2):
        other = _submission(name="Ann Other")
        VehicleFactory(submission=other, registration="AB12CDE")
        _phone(other, "07700 900871")
        stronger.append(other)
    _indexed(*weaker, *stronger)
    new = _submission()
    VehicleFactory(submission=new, registration="AB12CDE")
    _phone(new, "07700 900871")
    return new, weaker, stronger


def test_a_submission_linked_to_more_than_the_cap_keeps_only_its_strongest(monkeypatch):
    new, _weaker, stronger = _fan()
    monkeypatch.setattr(matching, "LINKS_KEPT", 3)

    found = submission_links_index(submission_id=new.pk)

    assert found == 5  # everything it shares details with is counted
    kept = _others(new)
    assert len(kept) == 3
    assert {s.pk for s in stronger} <= kept  # plate and phone beat the plate alone
    assert Link.objects.filter(other=new).count() == 3  # both ways, nothing more


def test_both_ends_of_a_link_not_kept_are_marked_capped_and_the_queue_says_so(
    monkeypatch, handler_client
):
    new, weaker, stronger = _fan()
    monkeypatch.setattr(matching, "LINKS_KEPT", 3)
    _indexed(new)
    dropped = [s for s in weaker if s.pk not in _others(new)]
    assert len(dropped) == 2
    capped = set(IndexState.objects.filter(capped=True).values_list("submission_id", flat=True))
    assert capped == {new.pk, *(s.pk for s in dropped)}
    assert link_counts([new.pk])[new.pk] == (3, 0, True)
    assert link_counts([stronger[0].pk])[stronger[0].pk] == (5, 0, False)

    rows = {row.reference: row for row in handler_client.get(QUEUE).context["page"].rows}
    html = handler_client.get(QUEUE).content.decode()
    assert rows[new.reference].linked_capped
    assert '#linked-submissions">3+<span' in html
    assert '#linked-submissions">4+<span' in html  # a dropped one: linked to the other four
    assert '#linked-submissions">5<span' in html  # a submission that was never capped


def test_the_panel_of_a_capped_submission_says_not_every_link_is_listed(
    monkeypatch, handler_client
):
    new, weaker, _stronger = _fan()
    monkeypatch.setattr(matching, "LINKS_KEPT", 3)
    _indexed(new)
    dropped = next(s for s in weaker if s.pk not in _others(new))
    for submission in (new, dropped):
        html = handler_client.get(f"/staff/submissions/{submission.reference}/").content
        assert b'id="links-capped"' in html
        assert b"No other submission shares" not in html


def _star(points: int = 5):
    """A new submission holding `points` plates, and `points` others holding one each: each
    other's only link is to the new one."""
    plates = [f"AB{10 + n}CDE" for n in range(points)]
    others = []
    for plate in plates:
        other = _submission(name="Tom Driver")
        VehicleFactory(submission=other, registration=plate)
        others.append(other)
    _indexed(*others)
    new = _submission()
    for plate in plates:
        VehicleFactory(submission=new, registration=plate)
    return new, others


def test_a_submission_whose_only_link_was_not_kept_shows_0_plus(monkeypatch, handler_client):
    new, others = _star()
    monkeypatch.setattr(matching, "LINKS_KEPT", 3)
    _indexed(new)
    dropped = [s for s in others if s.pk not in _others(new)]
    assert len(dropped) == 2
    assert link_counts([dropped[0].pk])[dropped[0].pk] == (0, 0, True)
    html = handler_client.get(QUEUE).content.decode()
    assert html.count('#linked-submissions">0+<span') == 2
    page = handler_client.get(f"/staff/submissions/{dropped[0].reference}/").content.decode()
    assert 'id="links-capped"' in page and "No other submission shares" not in page


def test_indexing_again_keeps_a_link_the_other_side_kept(monkeypatch):
    new, others = _star()
    monkeypatch.setattr(matching, "LINKS_KEPT", 3)
    _indexed(new)
    dropped = next(s for s in others if s.pk not in _others(new))
    # The dropped one, indexed again, finds only the new one: it keeps it, and is complete.
    _indexed(dropped)
    assert _others(dropped) == {new.pk}
    assert dropped.pk in _others(new)
    assert not IndexState.objects.get(submission=dropped).capped
    # The new one indexed again still finds it (the link holds), so does not remove it.
    _indexed(new)
    assert _others(dropped) == {new.pk}
    assert dropped.pk in _others(new)
    assert len(_others(new)) == 4
    assert IndexState.objects.get(submission=new).capped


def test_a_confirmed_link_is_never_dropped_by_the_cap(monkeypatch, handler_user):
    first = _submission()
    SubjectFactory(submission=first, name="Kyle Mendes", date_of_birth=date(2011, 5, 1))
    close = _submission(name="Tom Driver")
    SubjectFactory(submission=close, name="Kyle Mendez", date_of_birth=date(2011, 5, 1))
    _indexed(first, close)
    possible = Link.objects.get(submission=first, other=close)
    link_decide(link_id=possible.pk, user=handler_user, decision=Decision.CONFIRMED)

    # Stronger links arrive and the cap leaves room for one: the confirmed one is kept all the same.
    monkeypatch.setattr(matching, "LINKS_KEPT", 1)
    for _ in range(2):
        car = _submission(name="Ann Other")
        VehicleFactory(submission=car, registration="AB12CDE")
        _indexed(car)
    VehicleFactory(submission=first, registration="AB12CDE")
    _indexed(first, close)

    confirmed = Link.objects.get(submission=first, other=close)
    assert confirmed.decision == Decision.CONFIRMED
    assert close.pk in {link.other_id for link in links_panel(first).links}


def test_a_not_the_same_link_stays_hidden_after_the_cap_applies(monkeypatch, handler_user):
    first = _submission()
    SubjectFactory(submission=first, name="Kyle Mendes", date_of_birth=date(2011, 5, 1))
    close = _submission(name="Tom Driver")
    SubjectFactory(submission=close, name="Kyle Mendez", date_of_birth=date(2011, 5, 1))
    _indexed(first, close)
    possible = Link.objects.get(submission=first, other=close)
    link_decide(link_id=possible.pk, user=handler_user, decision=Decision.NOT_SAME)
    monkeypatch.setattr(matching, "LINKS_KEPT", 1)
    _indexed(first, close)
    assert close.pk not in {link.other_id for link in links_panel(first).links}
    assert Link.objects.get(submission=first, other=close).decision == Decision.NOT_SAME


def test_an_identifier_held_by_more_than_common_at_others_links_nobody(monkeypatch, handler_client):
    monkeypatch.setattr(matching, "COMMON_AT", 2)
    holders = []
    for _ in range(3):
        holder = _submission(name="Tom Driver")
        _phone(holder, "07700 900123")
        holders.append(holder)
    _indexed(*holders)
    # The first three link pairwise (each had at most two others when it was indexed).
    assert len(_others(holders[2])) == 2
    new = _submission()
    _phone(new, "07700 900123")
    VehicleFactory(submission=new, registration="ZZ99ZZZ")
    car = _submission(name="Ann Other")
    VehicleFactory(submission=car, registration="ZZ99ZZZ")
    _indexed(car, new)

    assert _others(new) == {car.pk}  # the plate links them; the common phone links nobody

    panel = links_panel(new)
    assert [c.label for c in panel.common] == ["phone +447700900123"]
    html = handler_client.get(f"/staff/submissions/{new.reference}/").content.decode()
    assert 'id="links-common"' in html
    assert "more than 2 others each" in html
    assert "everything linked to +447700900123" in html
    # The search reads the index, not the links: every holder is found.
    found = handler_client.get(QUEUE, {"linked": "+447700900123"}).context["page"].rows
    assert {row.reference for row in found} == {s.reference for s in (*holders, new)}
    # An earlier holder's panel learns it became common too.
    assert [c.label for c in links_panel(holders[0]).common] == ["phone +447700900123"]


def test_a_common_name_with_its_year_links_nobody_but_a_namesake_of_another_year_does(
    monkeypatch,
):
    monkeypatch.setattr(matching, "COMMON_AT", 2)
    same_year = []
    for _ in range(3):
        other = _submission(name="Tom Driver")
        SubjectFactory(submission=other, name="Jack Smith", date_of_birth=date(2011, 1, 1))
        same_year.append(other)
    older = _submission(name="Ann Other")
    SubjectFactory(submission=older, name="Jack Smith", date_of_birth=date(1990, 1, 1))
    other_older = _submission(name="Ann Other")
    SubjectFactory(submission=other_older, name="Jack Smith", date_of_birth=date(1990, 1, 1))
    _indexed(*same_year, older)
    new = _submission()
    SubjectFactory(submission=new, name="Jack Smith", date_of_birth=date(2011, 1, 1))
    _indexed(new, other_older)

    assert _others(new) == set()
    assert [c.label for c in links_panel(new).common] == ["person: Jack Smith, born 2011"]
    assert _others(other_older) == {older.pk}
    assert links_panel(other_older).common == []


def test_the_panel_says_when_more_are_linked_than_it_shows(monkeypatch, handler_client):
    from links import selectors

    monkeypatch.setattr(selectors, "PANEL_LIMIT", 2)
    new, _weaker, stronger = _fan()
    _indexed(new)
    panel = links_panel(new)
    assert panel.more and not panel.capped
    assert [link.other_id for link in panel.links] == sorted(
        (s.pk for s in stronger), key=lambda pk: next(s.created_at for s in stronger if s.pk == pk)
    )
    html = handler_client.get(f"/staff/submissions/{new.reference}/").content.decode()
    assert "The 2 most strongly linked of more submissions" in html


def test_the_panel_costs_two_queries(linked_pair, django_assert_num_queries):
    school, _taxi, _hotel = linked_pair
    with django_assert_num_queries(2):
        panel = links_panel(school)
        _ = [(link.other.reference, link.other.status) for link in panel.links]
    assert len(panel.links) == 2 and not panel.more and not panel.capped and not panel.common
