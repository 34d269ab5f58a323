"""Linked submissions in Chromium: two professionals share information about the same car and
(nearly the same) child; the handler sees the link with its reasons on both submissions and
confirms it; the supervisor finds the combination in the audit trail. axe on every page."""

import os
import time
from pathlib import Path

import pytest

from links.models import IndexState, Link
from submissions.models import Submission

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("LINKS_SHOTS_DIR", "/tmp/w14l_shots"))


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _continue(page):
    page.click("#continue")
    page.wait_for_load_state()


def _answer(page, label: str):
    page.get_by_label(label, exact=True).check()
    _continue(page)


def _share(page, *, child: str, registration: str, information: str, source: dict) -> str:
    """The whole public form, as a professional fills it in; returns the reference."""
    page.goto("/")
    page.get_by_role("button", name="Start now").click()
    for _ in range(4):
        _answer(page, "No")
    page.get_by_label("Criminal exploitation").check()
    _continue(page)
    page.fill("#id_name", child)
    page.fill("#id_date_of_birth_0", "14")
    page.fill("#id_date_of_birth_1", "2")
    page.fill("#id_date_of_birth_2", "2011")
    _continue(page)
    _answer(page, "No")  # another person at risk
    _answer(page, "No")  # persons of concern
    _answer(page, "No")  # places
    _answer(page, "Yes")  # vehicles
    page.fill("#id_registration", registration)
    page.fill("#id_make", "Audi")
    page.fill("#id_colour", "Grey")
    _continue(page)
    _answer(page, "No")  # another vehicle
    page.fill("#id_when_description", "Friday evenings")
    _continue(page)
    page.fill("#id_information", information)
    _continue(page)
    page.get_by_label("I saw or heard it directly").check()
    _continue(page)
    page.get_by_label("UK GDPR Article 6(1)(e): public task").check()
    page.get_by_label("No special category data is included").check()
    page.get_by_label("Not sure").check()
    _continue(page)
    for field, value in source.items():
        page.fill(f"#id_{field}", value)
    _continue(page)
    page.click("#send")
    page.wait_for_load_state()
    return page.inner_text("#reference")


def _indexed(*references: str) -> None:
    """The index is built by a task after commit (in-process here); wait until it has run."""
    for _ in range(50):
        if IndexState.objects.filter(submission__reference__in=references).count() == len(
            references
        ):
            return
        time.sleep(0.1)
    pytest.fail("the links index was not built after the submissions committed")


@pytest.fixture
def new_page(browser, live_server):
    """A page in a browser of its own: each professional and each member of staff."""
    contexts = []

    def make():
        context = browser.new_context(base_url=live_server.url)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def test_two_professionals_link_and_the_handler_confirms_and_the_supervisor_sees_it(
    new_page, handler_user, supervisor_user, staff_sign_in, axe
):
    teacher = new_page()
    school = _share(
        teacher,
        child="Kyle Mendes",
        registration="AB12 CDE",
        information="Kyle is collected from school by a grey Audi, AB12 CDE, most Fridays.",
        source={
            "name": "Sarah Hughes",
            "role": "Head of Year 9",
            "organisation": "Kingsweston Academy",
            "email": "s.hughes@kwa.example.sch.uk",
            "phone": "0117 496 0123",
        },
    )
    driver = new_page()
    taxi = _share(
        driver,
        child="Kyle Mendez",
        registration="ab12cde",
        information="A boy called Kyle Mendez, about 14, gets out of a grey Audi at the rank "
        "and the driver hands him parcels. Call me on 0117 496 0123 if needed.",
        source={
            "name": "Tom Driver",
            "role": "Taxi driver",
            "organisation": "Star Cabs",
            "email": "tom@starcabs.example",
            "phone": "07700 900111",
        },
    )
    _indexed(school, taxi)

    handler = new_page()
    staff_sign_in(handler, handler_user)
    handler.goto(f"/staff/?linked={'AB12 CDE'}")
    rows = handler.locator("table.cpi-queue tbody tr")
    assert rows.count() == 2
    assert handler.locator(f"tr[data-reference='{school}'] td[data-linked='1']").count() == 1
    _shot(handler, "01-queue-everything-linked-to-plate")
    axe(handler)

    handler.goto(f"/staff/submissions/{school}/")
    panel = handler.locator("#links-table")
    row = panel.locator(f"tr[data-link='{taxi}']")
    assert "same registration AB12CDE" in row.inner_text()
    assert "Possible person: Kyle Mendez, born 2011 (one letter different from Kyle Mendes)" in (
        row.inner_text()
    )
    # The teacher's phone in the driver's text links nothing: it is the teacher's, not a subject's.
    assert "0117" not in panel.inner_text()
    handler.locator("#linked-submissions").scroll_into_view_if_needed()
    _shot(handler, "02-school-panel-possible")
    axe(handler)

    handler.goto(f"/staff/submissions/{taxi}/")
    row = handler.locator(f"#links-table tr[data-link='{school}']")
    assert "same registration AB12CDE" in row.inner_text()
    assert "(one letter different from Kyle Mendez)" in row.inner_text()
    row.get_by_role("button", name="Same person").click()
    handler.wait_for_load_state()
    assert f"Confirmed: {school} is about the same person." in handler.content()
    row = handler.locator(f"#links-table tr[data-link='{school}']")
    assert "Confirmed person: Kyle Mendes, born 2011" in row.inner_text()
    assert row.get_by_role("button", name="Same person").count() == 0
    _shot(handler, "03-taxi-panel-confirmed")
    axe(handler)
    assert set(Link.objects.values_list("decision", flat=True)) == {"confirmed"}

    supervisor = new_page()
    staff_sign_in(supervisor, supervisor_user)
    supervisor.goto(f"/staff/audit/?action=links_viewed&reference={school}")
    trail = supervisor.locator("table.cpi-audit-table")
    assert "Linked submissions viewed (combination)" in trail.inner_text()
    assert taxi in trail.inner_text()
    assert handler_user.username in trail.inner_text()
    _shot(supervisor, "04-audit-trail-combination")
    axe(supervisor)
    supervisor.goto(f"/staff/audit/?action=link_confirmed&reference={taxi}")
    assert "Possible link confirmed" in supervisor.locator("table.cpi-audit-table").inner_text()
    _shot(supervisor, "05-audit-trail-confirmed")
    assert Submission.objects.count() == 2
