"""The supervision dashboard: queue health, outcomes per week, reveals and exports per person."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import Action
from audit.services import audit_event_record
from submissions.models import Category, Outcome, Status, Submission
from supervision import figures, timings
from tests.factories import SubmissionFactory
from triage.clocks import due_at_for

URL = reverse("supervision:dashboard")


def _aged(days: float, **fields) -> Submission:
    """A submission received `days` ago (created_at is auto_now_add, so set it after)."""
    submission = SubmissionFactory(
        **{k: v for k, v in fields.items() if k != "categories"},
        categories=fields.get("categories"),
    )
    received = timezone.now() - timedelta(days=days)
    Submission.objects.filter(pk=submission.pk).update(
        created_at=received,
        due_at=due_at_for(priority=submission.priority, received=received),
    )
    submission.refresh_from_db()
    return submission


@pytest.mark.django_db
def test_queue_counts_by_status_and_open_ones_by_category():
    _aged(0, categories=[Category.CRIMINAL_EXPLOITATION, Category.DRUG_RELATED_HARM])
    _aged(0, status=Status.IN_PROGRESS, categories=[Category.DRUG_RELATED_HARM])
    _aged(0, status=Status.CLOSED, outcome=Outcome.NO_ACTION, categories=[Category.MODERN_SLAVERY])
    by_status = dict(figures.queue_by_status())
    assert by_status == {"New": 1, "In progress": 1, "Awaiting review": 0, "Closed": 1}
    by_category = dict(figures.open_by_category())
    assert by_category["Drug-related harm"] == 2
    assert by_category["Criminal exploitation"] == 1
    assert by_category["Modern slavery"] == 0  # closed ones are not in the queue


@pytest.mark.django_db
def test_the_oldest_unassigned_item_is_found(handler_user):
    _aged(2)
    oldest = _aged(5)
    _aged(9, assigned_to=handler_user, status=Status.IN_PROGRESS)
    assert figures.oldest_unassigned() == oldest.created_at


@pytest.mark.django_db
def test_items_past_their_target_follow_their_due_times(settings):
    settings.TARGET_HOURS = {1: 24, 2: 72, 3: 168, 4: 336}
    late_p1 = _aged(2, priority=1)
    _aged(0.5, priority=1)  # within a day
    _aged(5, priority=3)  # within a week
    late_p3 = _aged(8, priority=3)
    _aged(30, priority=4, status=Status.CLOSED, outcome=Outcome.NO_ACTION)  # closed: never late
    now = timezone.now()
    assert dict(figures.overdue_by_priority(now)) == {
        "P1 (target 1 day)": 1,
        "P2 (target 3 days)": 0,
        "P3 (target 7 days)": 1,
        "P4 (target 14 days)": 0,
    }
    items = figures.overdue_items(now)
    # Longest past its due time first: the P1 was due a day ago, the P3 a day ago less a bit.
    assert {i.reference for i in items} == {late_p3.reference, late_p1.reference}
    assert items[0].over_by.startswith("1\xa0day")


@pytest.mark.django_db
def test_the_items_listed_are_the_longest_past_target_not_the_oldest(settings):
    settings.TARGET_HOURS = {1: 24, 2: 72, 3: 168, 4: 336}
    p4 = _aged(20, priority=4)  # 6 days over
    p1 = _aged(10, priority=1)  # 9 days over
    p2 = _aged(4.5, priority=2)  # 1 day over
    now = timezone.now()
    assert [i.reference for i in figures.overdue_items(now)] == [
        p1.reference,
        p4.reference,
        p2.reference,
    ]
    assert [i.reference for i in figures.overdue_items(now, limit=1)] == [p1.reference]


@pytest.mark.django_db
def test_outcomes_are_counted_per_week_for_eight_weeks():
    now = timezone.now()
    for days_ago, outcome in [
        (0, Outcome.NO_ACTION),
        (0, Outcome.CRIME_DESK),
        (7, Outcome.NO_ACTION),
        (80, Outcome.NO_ACTION),
    ]:
        submission = SubmissionFactory(status=Status.CLOSED, outcome=outcome)
        Submission.objects.filter(pk=submission.pk).update(closed_at=now - timedelta(days=days_ago))
    weeks = figures.outcomes_by_week(timezone.localdate())
    assert len(weeks) == 8
    assert weeks[-1][1] == {Outcome.NO_ACTION: 1, Outcome.CRIME_DESK: 1}
    assert weeks[-2][1] == {Outcome.NO_ACTION: 1}
    assert sum(sum(values.values()) for _, values in weeks) == 3  # 80 days ago is out of range


@pytest.mark.django_db
def test_reveals_and_exports_are_counted_per_person(handler_user, other_handler_user):
    for _ in range(3):
        audit_event_record(action=Action.SOURCE_REVEALED, actor=handler_user)
    audit_event_record(action=Action.SOURCE_REVEALED, actor=other_handler_user)
    audit_event_record(action=Action.EXPORT_REQUESTED, actor=other_handler_user)
    audit_event_record(action=Action.EXPORT_DOWNLOADED, actor=other_handler_user)
    now = timezone.now()
    assert figures.reveals_by_handler(now) == [
        ("hannah.handler", 3, handler_user.pk),
        ("harry.handler", 1, other_handler_user.pk),
    ]
    exports = figures.exports_by_handler(now)
    assert exports == [
        {
            "username": "harry.handler",
            "total": 2,
            "export_requested": 1,
            "export_downloaded": 1,
        }
    ]


@pytest.mark.django_db
def test_the_dashboard_draws_charts_and_tables_in_a_fixed_number_of_queries(
    supervisor_client, handler_user, django_assert_max_num_queries
):
    def load(n: int) -> int:
        for _ in range(n):
            _aged(10, priority=2)
            audit_event_record(action=Action.SOURCE_REVEALED, actor=handler_user)
        supervisor_client.get(URL)
        with django_assert_max_num_queries(20) as captured:
            response = supervisor_client.get(URL)
        assert response.status_code == 200
        return len(captured)

    assert load(1) == load(12)


@pytest.mark.django_db
def test_the_charts_are_svg_with_names_and_no_inline_styles(supervisor_client, handler_user):
    _aged(3)
    audit_event_record(action=Action.SOURCE_REVEALED, actor=handler_user)
    body = supervisor_client.get(URL).content.decode()
    assert body.count("<svg") >= 5
    assert body.count('role="img"') == body.count("<svg")
    assert "style=" not in body
    assert "<script>" not in body
    assert "<table" in body  # the text alternative


@pytest.mark.django_db
def test_the_exports_chart_and_its_table_show_the_same_figures(supervisor_client, handler_user):
    for _ in range(4):
        audit_event_record(action=Action.EXPORT_REQUESTED, actor=handler_user)
        audit_event_record(action=Action.EXPORT_DOWNLOADED, actor=handler_user)
    body = supervisor_client.get(URL).content.decode()
    chart = body[body.index('aria-labelledby="chart-exports-title"') :]
    chart = chart[: chart.index("</svg>")]
    table = body[body.index('<table class="govuk-table" id="exports">') :]
    table = table[: table.index("</table>")]
    # Each part of the bar is a column of the table, and the bar's total is the table's total.
    segments = dict(re.findall(r"<title>hannah\.handler: ([^<]+?) (\d+)</title>", chart))
    assert segments == {"Exports requested": "4", "Downloads": "4"}
    headers = re.findall(r'<th scope="col"[^>]*>([^<]+)</th>', table)[1:]
    cells = re.findall(r"<td[^>]*>(\d+)</td>", table)
    by_column = dict(zip(headers, cells, strict=True))
    assert by_column == {
        "Exports requested": "4",
        "Downloads": "4",
        "Logs printed": "0",
        "Total": "8",
    }
    assert re.findall(r'data-total="(\d+)"', chart) == [by_column["Total"]]


def test_percentiles_are_nearest_rank_values_that_occurred():
    assert timings.percentile([], 50) is None
    assert timings.percentile([5.0], 90) == 5.0
    values = [float(n) for n in range(1, 11)]
    assert timings.percentile(values, 50) == 5.0
    assert timings.percentile(values, 90) == 9.0


@pytest.mark.django_db
def test_time_to_first_claim_and_to_outcome_per_priority(supervisor_client):
    now = timezone.now()
    for hours_to_claim, hours_to_close in ((1, 10), (2, 20), (3, 30), (40, 50)):
        submission = SubmissionFactory(priority=1)
        claim = audit_event_record(
            action=Action.SUBMISSION_CLAIMED,
            submission=submission,
            object_type="submission",
            object_id=submission.pk,
        )
        # Audit entries are append-only: the claim stays put and the arrival moves back.
        received = claim.created_at - timedelta(hours=hours_to_claim)
        Submission.objects.filter(pk=submission.pk).update(
            created_at=received,
            status=Status.CLOSED,
            outcome=Outcome.NO_ACTION,
            closed_at=received + timedelta(hours=hours_to_close),
        )
    old = _aged(40, priority=1)  # received before the four weeks: not counted
    Submission.objects.filter(pk=old.pk).update(
        status=Status.CLOSED, outcome=Outcome.NO_ACTION, closed_at=now - timedelta(days=35)
    )
    rows = {t.priority: t for t in timings.timings_by_priority(now)}
    p1 = rows["P1"]
    assert (p1.claimed, p1.claim_median, p1.claim_p90) == (4, 2.0, 40.0)
    assert (p1.closed, p1.outcome_median, p1.outcome_p90) == (4, 20.0, 50.0)
    assert rows["P2"].claimed == 0 and rows["P2"].claim_median is None

    body = supervisor_client.get(URL).content.decode()
    assert 'id="timings"' in body
    assert "Hours to first claim by priority, median and 90th percentile" in body
