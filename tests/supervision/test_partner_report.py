"""The monthly partner report: small-number suppression (a property), the page, the CSV, audit."""

import csv
import io
import itertools
from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.models import Action, AuditEvent
from submissions.models import Category, Outcome, PartnerSector, Status, Submission
from supervision.partner_report import (
    PRIMARY,
    SECONDARY,
    SMALL_NUMBER,
    Cell,
    monthly_report,
    suppress,
)
from tests.factories import SubmissionFactory

PAGE = reverse("supervision:partner_report")
CSV = reverse("supervision:partner_report_csv")
MONTH = date(2026, 10, 1)


# --- Suppression, checked by brute force: every value a reader could believe ---------------
def _possible_values(cells: list[Cell], total: Cell, *, at_least: bool) -> list[set[int]]:
    """For each hidden cell, every value it can take in some table consistent with what is
    shown: published numbers, "<5" = 0..4, "[c]" = 5 or more, no count above the total, and
    the cells adding up to the total (at least the total when `at_least`)."""
    hidden = [i for i, cell in enumerate(cells) if cell.shown in (PRIMARY, SECONDARY)]
    published = sum(cell.value for cell in cells if cell.shown not in (PRIMARY, SECONDARY))
    ranges = []
    for i in hidden:
        if cells[i].shown == PRIMARY:
            ranges.append(range(0, min(SMALL_NUMBER - 1, total.value) + 1))
        else:
            ranges.append(range(SMALL_NUMBER, total.value + 1))
    seen: list[set[int]] = [set() for _ in hidden]
    for guess in itertools.product(*ranges):
        added = published + sum(guess)
        if added == total.value or (at_least and added > total.value):
            for slot, value in enumerate(guess):
                seen[slot].add(value)
    return seen


counts = st.lists(st.one_of(st.integers(0, 6), st.integers(0, 25)), min_size=2, max_size=6)


@settings(max_examples=300, deadline=None)
@given(values=counts, extra=st.integers(0, 6), at_least=st.booleans())
def test_no_suppressed_count_can_be_worked_out_from_the_others(values, extra, at_least):
    cells = [Cell(label=str(i), value=v) for i, v in enumerate(values)]
    # An "at least" total (overlapping categories) is at most the sum of the cells.
    total_value = max(0, sum(values) - extra) if at_least else sum(values)
    total = Cell(label="Total", value=total_value)
    suppress(cells, total, at_least=at_least)

    for cell in cells:
        if cell.value < SMALL_NUMBER:
            assert cell.shown == PRIMARY  # every small number is hidden
        elif cell.shown != SECONDARY:
            assert cell.shown == str(cell.value)  # and nothing published is wrong
    if total.shown in (PRIMARY, SECONDARY):
        return  # no total to work from: each hidden cell is only known to its own range
    for possible in _possible_values(cells, total, at_least=at_least):
        assert len(possible) > 1, (values, [c.shown for c in cells], total.shown)


def test_one_small_cell_beside_a_total_hides_a_second_cell():
    cells = [Cell("a", 3), Cell("b", 12), Cell("c", 20)]
    total = Cell("Total", 35)
    suppress(cells, total)
    assert [c.shown for c in cells] == [PRIMARY, SECONDARY, "20"]
    assert total.shown == "35"


def test_a_table_without_small_numbers_is_published_whole():
    cells = [Cell("a", 5), Cell("b", 12)]
    total = Cell("Total", 17)
    suppress(cells, total)
    assert [c.shown for c in cells] + [total.shown] == ["5", "12", "17"]


# --- The report's figures ---------------------------------------------------------------------
def _in_month(day: int, **fields) -> Submission:
    submission = SubmissionFactory(**fields)
    received = timezone.make_aware(datetime(2026, 10, day, 12))
    changes = {"created_at": received}
    if fields.get("status") == Status.CLOSED:
        changes["closed_at"] = received + timedelta(days=3)
    Submission.objects.filter(pk=submission.pk).update(**changes)
    return submission


@pytest.fixture
def october():
    for day in range(1, 8):
        _in_month(
            day,
            partner_sector=PartnerSector.EDUCATION,
            categories=[Category.CRIMINAL_EXPLOITATION],
            status=Status.CLOSED,
            outcome=Outcome.NO_ACTION,
        )
    for day in (10, 11):
        _in_month(day, partner_sector=PartnerSector.HEALTH, categories=[Category.MODERN_SLAVERY])
    # Received in September: not in October's report.
    Submission.objects.filter(pk=SubmissionFactory().pk).update(
        created_at=timezone.make_aware(datetime(2026, 9, 30, 12))
    )


@pytest.mark.django_db
def test_the_report_counts_a_month_with_small_numbers_suppressed(october):
    report = monthly_report(MONTH)
    tables = {table.key: table for table in report.tables}
    sectors = {cell.label: cell.shown for cell in tables["sector"].cells}
    assert tables["sector"].total.shown == "9"
    assert sectors["Education"] == "7"
    assert sectors["Health"] == PRIMARY
    # Health (2) is hidden and the total is 9: a second cell is hidden so 2 cannot be worked out.
    assert SECONDARY in sectors.values() or list(sectors.values()).count(PRIMARY) > 1
    categories = {cell.label: cell.shown for cell in tables["category"].cells}
    assert categories["Criminal exploitation"] == "7"
    assert categories["Modern slavery"] == PRIMARY
    outcomes = {cell.label: cell.shown for cell in tables["outcome"].cells}
    # Seven closed, all "no action": showing the 7 beside the total would show the three "<5"
    # are all 0, so the 7 is hidden too.
    assert outcomes["No action"] == SECONDARY
    assert tables["outcome"].total.shown == "7"
    assert dict(report.time_to_outcome)["No action"] == "3"
    assert dict(report.time_to_outcome)["Crime desk tasking"] == "Not shown"


@pytest.mark.django_db
def test_handlers_and_outsiders_cannot_see_the_report(handler_client, outsider_client, client):
    assert handler_client.get(PAGE).status_code == 403
    assert outsider_client.get(PAGE).status_code == 403
    assert handler_client.get(CSV).status_code == 403
    assert client.get(PAGE).status_code == 302


@pytest.mark.django_db
def test_a_supervisor_sees_the_month_and_producing_it_is_audited(supervisor_client, october):
    response = supervisor_client.get(PAGE, {"month": "2026-10"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "October 2026" in body and 'id="report-sector"' in body
    event = AuditEvent.objects.get(action=Action.PARTNER_REPORT_PRODUCED)
    assert event.details == {"month": "2026-10", "format": "page"}
    assert event.submission_reference == ""  # about a month, never about one submission


@pytest.mark.django_db
def test_the_csv_holds_the_same_suppressed_cells_and_no_reference(supervisor_client, october):
    response = supervisor_client.get(CSV, {"month": "2026-10"})
    assert response.status_code == 200
    assert "partner-report-2026-10.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert ["Health", PRIMARY] in rows
    assert ["Submissions received", "9"] in rows
    text = response.content.decode()
    assert "CPI-" not in text
    for submission in Submission.objects.all():
        assert submission.reference not in text
    event = AuditEvent.objects.get(action=Action.PARTNER_REPORT_PRODUCED)
    assert event.details["format"] == "csv"


@pytest.mark.django_db
def test_a_month_not_offered_falls_back_to_the_last_complete_one(supervisor_client):
    response = supervisor_client.get(PAGE, {"month": "1999-01"})
    assert response.status_code == 200
    assert response.context["form"].errors["month"]
