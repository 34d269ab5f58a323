"""The audit trail pages: supervisors only, filters, keyset pages, per submission and per person."""

import csv
import io
import re
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import Action, AuditEvent
from audit.services import audit_event_record
from tests.factories import SubmissionFactory, UserFactory

TRAIL_PAGES = [
    ("supervision:trail", {}),
    ("supervision:trail_export", {}),
    ("supervision:dashboard", {}),
]


@pytest.fixture
def submission(db):
    return SubmissionFactory()


def _pages(submission, user):
    return [
        reverse("supervision:trail"),
        reverse("supervision:trail_export"),
        reverse("supervision:dashboard"),
        reverse("supervision:submission", args=[submission.reference]),
        reverse("supervision:user", args=[user.pk]),
    ]


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_sign_in(client, submission, handler_user):
    for url in _pages(submission, handler_user):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_staff_in_no_group_are_refused(outsider_client, submission, handler_user):
    for url in _pages(submission, handler_user):
        assert outsider_client.get(url).status_code == 403, url


@pytest.mark.django_db
def test_handlers_are_refused(handler_client, submission, handler_user):
    for url in _pages(submission, handler_user):
        assert handler_client.get(url).status_code == 403, url


@pytest.mark.django_db
def test_supervisors_see_every_page(supervisor_client, submission, handler_user):
    for url in _pages(submission, handler_user):
        response = supervisor_client.get(url)
        assert response.status_code == 200, url


@pytest.mark.django_db
def test_a_refused_handler_leaves_a_permission_denied_entry(handler_client, handler_user):
    handler_client.get(reverse("supervision:trail") + "?reference=secret-search")
    event = AuditEvent.objects.filter(action=Action.PERMISSION_DENIED).get()
    assert event.actor_id == handler_user.pk
    assert event.details["path"] == reverse("supervision:trail")
    assert "secret-search" not in str(event.details)  # the query string is never kept
    assert event.ip_address == "127.0.0.1"


@pytest.mark.django_db
def test_the_trail_filters_by_person_reference_action_and_date(
    supervisor_client, handler_user, other_handler_user
):
    first, second = SubmissionFactory(), SubmissionFactory()
    audit_event_record(action=Action.SUBMISSION_VIEWED, actor=handler_user, submission=first)
    audit_event_record(action=Action.SUBMISSION_VIEWED, actor=other_handler_user, submission=second)
    audit_event_record(action=Action.SOURCE_REVEALED, actor=handler_user, submission=second)

    def shown(query: str) -> set:
        response = supervisor_client.get(reverse("supervision:trail") + "?" + query)
        assert response.status_code == 200
        return {
            (e.actor_username, e.action, e.submission_reference)
            for e in response.context["page"].events
        }

    by_user = shown(f"user={handler_user.pk}")
    assert by_user == {
        ("hannah.handler", "submission_viewed", first.reference),
        ("hannah.handler", "source_revealed", second.reference),
    } | {e for e in by_user if e[1] not in ("submission_viewed", "source_revealed")}
    assert ("harry.handler", "submission_viewed", second.reference) not in by_user

    by_reference = shown(f"reference={second.reference.lower()}")
    assert {e[1] for e in by_reference} >= {"submission_viewed", "source_revealed"}
    assert all(e[2] == second.reference for e in by_reference)

    by_action = shown("action=source_revealed")
    assert by_action == {("hannah.handler", "source_revealed", second.reference)}

    assert shown(_dates(date_from="1-1-2000", date_to="2-1-2000")) == set()
    today = timezone.localdate()
    assert shown(_dates(date_from=f"{today:%d-%m-%Y}", date_to=f"{today:%d-%m-%Y}")) == shown("")
    # refused: ends before it starts
    assert shown(_dates(date_from="2-1-2000", date_to="1-1-2000")) == set()


def _dates(**dates: str) -> str:
    """Dates as the GOV.UK date input sends them: date_from_0=day, _1=month, _2=year."""
    parts = {}
    for name, value in dates.items():
        day, month, year = value.split("-")
        parts.update({f"{name}_0": day, f"{name}_1": month, f"{name}_2": year})
    return urlencode(parts)


@pytest.mark.django_db
def test_the_trail_dates_are_gov_uk_date_inputs_with_errors_in_gov_uk_voice(supervisor_client):
    page = supervisor_client.get(reverse("supervision:trail")).content.decode()
    assert 'type="date"' not in page
    for name in ("date_from", "date_to"):
        for part in ("0", "1", "2"):
            assert f'name="{name}_{part}"' in page
    assert page.index('for="id_date_from_0">Day') < page.index('for="id_date_from_1">Month')
    # Who, Submission reference and What read alike, as bold as the From and To legends.
    for name in ("user", "reference", "action"):
        assert re.search(rf'<label for="id_{name}" class="govuk-label govuk-label--s"', page), name

    query = "date_from_0=31&date_from_1=2&date_from_2=2026&date_to_0=1&date_to_2=2026"
    response = supervisor_client.get(reverse("supervision:trail") + "?" + query)
    form = response.context["filter"].form
    assert form.has_error("date_from", code="invalid_date")
    assert form.has_error("date_to", code="incomplete")
    body = response.content.decode()
    assert "<title>Error: Audit trail" in body
    assert body.index("govuk-error-summary") < body.index('<h1 class="govuk-heading-l">Audit trail')
    assert '<a href="#id_date_from_0">Date from must be a real date</a>' in body
    assert '<a href="#id_date_to_0">Date to must include a month</a>' in body

    backwards = supervisor_client.get(
        reverse("supervision:trail") + "?" + _dates(date_from="2-1-2000", date_to="1-1-2000")
    )
    assert backwards.context["filter"].form.has_error("date_to", code="date_order")
    assert "Date to must be the same as or after date from" in backwards.content.decode()


@pytest.mark.django_db
def test_the_trail_pages_by_keyset(supervisor_client, handler_user):
    for _ in range(55):
        audit_event_record(action=Action.SUBMISSION_VIEWED, actor=handler_user)
    first = supervisor_client.get(reverse("supervision:trail") + "?action=submission_viewed")
    page = first.context["page"]
    assert len(page.events) == 50
    assert page.next_cursor == page.events[-1].id
    assert f"before={page.next_cursor}" in first.content.decode()
    second = supervisor_client.get(
        reverse("supervision:trail") + f"?action=submission_viewed&before={page.next_cursor}"
    )
    rest = second.context["page"]
    assert len(rest.events) == 5
    assert rest.next_cursor is None
    assert max(e.id for e in rest.events) < min(e.id for e in page.events)


@pytest.mark.django_db
def test_the_trail_runs_a_constant_number_of_queries(
    supervisor_client, handler_user, django_assert_num_queries
):
    def load(n: int):
        for _ in range(n):
            audit_event_record(action=Action.SUBMISSION_VIEWED, actor=handler_user)
        supervisor_client.get(reverse("supervision:trail"))  # warm the session
        # 7 with the one that asks whether any log waits for approval (the approvals link); the
        # permissions are one query (accounts.backends).
        with django_assert_num_queries(7) as captured:
            response = supervisor_client.get(reverse("supervision:trail"))
        assert response.status_code == 200
        return len(captured)

    assert load(3) == load(60)


@pytest.mark.django_db
def test_the_timeline_tells_the_life_of_one_submission_oldest_first(
    supervisor_client, handler_user
):
    submission = SubmissionFactory()
    other = SubmissionFactory()
    audit_event_record(action=Action.SUBMISSION_VIEWED, actor=handler_user, submission=submission)
    audit_event_record(action=Action.SUBMISSION_VIEWED, actor=handler_user, submission=other)
    submission.status = "in_progress"
    submission.save()

    response = supervisor_client.get(reverse("supervision:submission", args=[submission.reference]))
    events = response.context["page"].events
    assert [e.id for e in events] == sorted(e.id for e in events)
    assert {e.submission_reference for e in events} == {submission.reference}
    actions = [e.action for e in events]
    assert actions[0] == "record_created"  # collection comes first
    assert "submission_viewed" in actions
    assert "record_changed" in actions
    assert "Status: New → In progress" in response.content.decode()


@pytest.mark.django_db
def test_an_unknown_reference_is_not_found(supervisor_client):
    response = supervisor_client.get(reverse("supervision:submission", args=["CPI-ZZZZ-ZZZZ"]))
    assert response.status_code == 404


@pytest.mark.django_db
def test_a_person_page_lists_what_they_did(supervisor_client, handler_user, other_handler_user):
    audit_event_record(action=Action.SOURCE_REVEALED, actor=handler_user)
    audit_event_record(action=Action.SOURCE_REVEALED, actor=other_handler_user)
    response = supervisor_client.get(reverse("supervision:user", args=[handler_user.pk]))
    assert response.status_code == 200
    assert {e.actor_id for e in response.context["page"].events} == {handler_user.pk}
    assert "Intelligence handler" in response.content.decode()
    assert supervisor_client.get(reverse("supervision:user", args=[999_999])).status_code == 404


@pytest.mark.django_db
def test_the_csv_export_holds_the_filtered_trail_and_is_itself_audited(
    supervisor_client, supervisor_user, handler_user
):
    submission = SubmissionFactory()
    audit_event_record(action=Action.SOURCE_REVEALED, actor=handler_user, submission=submission)
    audit_event_record(action=Action.SUBMISSION_VIEWED, actor=handler_user)

    response = supervisor_client.get(
        reverse("supervision:trail_export") + "?action=source_revealed"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    # The header is the first row, as a spreadsheet expects; the marking starts every row.
    assert rows[0][:5] == ["marking", "id", "time", "who", "action"]
    assert response["X-Protective-Marking"] == "OFFICIAL-SENSITIVE"
    assert 'filename="OFFICIAL-SENSITIVE-audit-trail-' in response["Content-Disposition"]
    assert [(r[0], r[3], r[4], r[5]) for r in rows[1:]] == [
        ("OFFICIAL-SENSITIVE", "hannah.handler", "source_revealed", submission.reference)
    ]
    exported = AuditEvent.objects.filter(action=Action.AUDIT_EXPORTED).get()
    assert exported.actor_id == supervisor_user.pk
    assert exported.details == {"filters": {"action": "source_revealed"}}


@pytest.mark.django_db
def test_the_csv_export_defuses_spreadsheet_formulas(supervisor_client, handler_user):
    evil = UserFactory(username="=HYPERLINK(1)", role="handler")
    audit_event_record(action=Action.SUBMISSION_VIEWED, actor=evil)
    response = supervisor_client.get(reverse("supervision:trail_export") + f"?user={evil.pk}")
    body = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK(1)" in body
    assert "\n=HYPERLINK" not in body and ",=HYPERLINK" not in body


@pytest.mark.django_db
def test_the_csv_export_carries_each_entrys_place_in_the_chain(supervisor_client, handler_user):
    from audit.services import audit_chain_seal

    audit_event_record(action=Action.SOURCE_REVEALED, actor=handler_user)
    audit_chain_seal()
    response = supervisor_client.get(
        reverse("supervision:trail_export") + "?action=source_revealed"
    )
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    header, (row,) = rows[0], rows[1:]
    entry = AuditEvent.objects.get(action=Action.SOURCE_REVEALED)
    exported = dict(zip(header, row, strict=True))
    assert exported["chain position"] == str(entry.chain_position)
    assert exported["previous hash"] == entry.previous_hash
    assert exported["hash"] == entry.hash == entry.compute_hash()


@pytest.mark.django_db
def test_the_timeline_shows_labels_people_read_and_leaves_out_tokens(
    supervisor_client, handler_user
):
    import uuid

    from submissions.services import submission_create
    from tests.submissions.journey import session_answers
    from triage import services

    token = uuid.uuid4()
    submission = submission_create(answers=session_answers(), submission_token=token)
    services.submission_take_next(user=handler_user)

    response = supervisor_client.get(reverse("supervision:submission", args=[submission.reference]))
    lines = [line for event in response.context["page"].events for line in event.summary]
    page = response.content.decode()
    assert "Lawful basis: UK GDPR Article 6(1)(e): public task" in lines
    assert "Status: New" in lines
    assert "Categories: Criminal exploitation" in lines
    assert "From: New" in lines and "To: In progress" in lines
    assert "How: Take next" in lines
    for internal in ("public_task", "in_progress", "criminal_exploitation", "take_next"):
        assert internal not in page, internal
    assert str(token) not in page
    assert not any("token" in line.lower() for line in lines)
    assert str(submission.pk) not in page


@pytest.mark.django_db
def test_the_timeline_names_people_and_shows_dates_not_numbers(supervisor_client, handler_user):
    from datetime import UTC, date, datetime

    from tests.factories import IntelligenceLogFactory

    submission = SubmissionFactory()
    submission.assigned_to = handler_user
    submission.claimed_at = datetime(2026, 3, 3, 14, 5, 9, 463348, tzinfo=UTC)
    submission.save()
    IntelligenceLogFactory(
        submission=submission, created_by=handler_user, review_date=date(2032, 12, 3)
    )

    response = supervisor_client.get(reverse("supervision:submission", args=[submission.reference]))
    lines = [line for event in response.context["page"].events for line in event.summary]
    assert f"Assigned to: {handler_user.username}" in lines
    assert f"Created by: {handler_user.username}" in lines
    assert "Claimed at: 3 Mar 2026 14:05:09" in lines
    assert "Review date: 3 Dec 2032" in lines
    for internal in ("463348", "2026-03-03", "2032-12-03"):
        assert not any(internal in line for line in lines), (internal, lines)
    assert not any(line.endswith(f": {handler_user.pk}") for line in lines), lines


@pytest.mark.django_db
def test_the_trail_says_yes_or_no_and_leaves_out_empty_filters(supervisor_client, handler_user):
    audit_event_record(
        action=Action.EXPORT_COMPLETED,
        actor=handler_user,
        object_type="export",
        details={
            "format": "json",
            "filters": {"date_from": "", "category": "", "approval": "Every releasable log"},
            "refused_references": [],
            "complete": True,
        },
    )
    audit_event_record(
        action=Action.SIGN_IN,
        actor=handler_user,
        details={"second_factor": "totp", "enrolled_now": False},
    )

    response = supervisor_client.get(reverse("supervision:trail"))
    lines = [line for event in response.context["page"].events for line in event.summary]
    assert "Format: JSON" in lines
    assert "Filters: approval: Every releasable log" in lines
    assert "Refused references: none" in lines
    assert "Complete: yes" in lines
    assert "Enrolled now: no" in lines
    assert "Second factor: Code from an authenticator app" in lines
    for internal in ("True", "False", "date_from", "totp"):
        assert not any(internal in line for line in lines), internal
