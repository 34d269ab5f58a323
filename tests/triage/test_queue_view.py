"""The queue page: access, columns, filters, search, keyset pages, counters, query counts."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from submissions.models import Category, Outcome, Risk, Status, Submission
from tests.factories import SubjectFactory, SubmissionFactory

QUEUE = reverse("triage:queue")


def _references(response) -> list[str]:
    return [row.reference for row in response.context["page"].rows]


def _date(name: str, day) -> dict[str, str]:
    """A date as the GOV.UK date input sends it: name_0=day, name_1=month, name_2=year."""
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def _aged(submission: Submission, **delta) -> Submission:
    """Received `delta` ago: its target clock moves back with it."""
    Submission.objects.filter(pk=submission.pk).update(
        created_at=timezone.now() - timedelta(**delta), due_at=F("due_at") - timedelta(**delta)
    )
    submission.refresh_from_db()
    return submission


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(QUEUE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_signed_in_user_in_no_staff_group_is_refused(outsider_client):
    assert outsider_client.get(QUEUE).status_code == 403


def test_handler_sees_the_queue_with_each_column(handler_client, handler_user):
    submission = SubmissionFactory(categories=[Category.MODERN_SLAVERY], risk=Risk.HIGH)
    _aged(submission, days=3)
    Submission.objects.filter(pk=submission.pk).update(
        status=Status.IN_PROGRESS, assigned_to=handler_user
    )
    response = handler_client.get(QUEUE)
    assert response.status_code == 200
    body = response.content.decode()
    assert submission.reference in body
    assert "3\xa0days ago" in body
    assert "Modern slavery" in body
    assert "In progress" in body
    assert "High" in body
    assert "P3" in body
    assert "hannah.handler" in body


def test_supervisor_sees_the_queue_and_can_bulk_assign(supervisor_client, handler_user):
    SubmissionFactory()
    response = supervisor_client.get(QUEUE)
    assert response.status_code == 200
    assert b'value="assign"' in response.content
    assert handler_user.username.encode() in response.content


def test_handler_is_not_offered_bulk_assign(handler_client):
    SubmissionFactory()
    assert b'value="assign"' not in handler_client.get(QUEUE).content


def test_queue_is_sorted_by_priority_then_oldest_first(handler_client):
    low_old = _aged(SubmissionFactory(priority=4), days=10)
    urgent_new = _aged(SubmissionFactory(priority=1), hours=1)
    urgent_old = _aged(SubmissionFactory(priority=1), days=2)
    middle = _aged(SubmissionFactory(priority=2), days=20)
    response = handler_client.get(QUEUE)
    assert _references(response) == [
        urgent_old.reference,
        urgent_new.reference,
        middle.reference,
        low_old.reference,
    ]


def test_queue_can_be_sorted_newest_first(handler_client):
    old = _aged(SubmissionFactory(priority=1), days=2)
    new = _aged(SubmissionFactory(priority=4), hours=1)
    assert _references(handler_client.get(QUEUE, {"sort": "newest"})) == [
        new.reference,
        old.reference,
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "closed"}, {"closed"}),
        ({"risk": "high"}, {"high"}),
        ({"priority": "1"}, {"urgent"}),
        ({"category": Category.DRUG_RELATED_HARM}, {"drugs"}),
        ({"assigned": "me"}, {"mine"}),
        ({"assigned": "unassigned"}, {"closed", "high", "urgent", "drugs"}),
    ],
)
def test_each_filter_narrows_the_queue(handler_client, handler_user, params, expected):
    made = {
        "closed": SubmissionFactory(status=Status.CLOSED, outcome="no_action"),
        "high": SubmissionFactory(risk=Risk.HIGH),
        "urgent": SubmissionFactory(priority=1),
        "drugs": SubmissionFactory(categories=[Category.DRUG_RELATED_HARM]),
        "mine": SubmissionFactory(status=Status.IN_PROGRESS, assigned_to=handler_user),
    }
    response = handler_client.get(QUEUE, params)
    by_reference = {s.reference: name for name, s in made.items()}
    assert {by_reference[ref] for ref in _references(response)} == expected


def test_received_date_range_includes_both_ends(handler_client):
    today = timezone.localdate()
    inside = _aged(SubmissionFactory(), days=2)
    before = _aged(SubmissionFactory(), days=9)
    response = handler_client.get(
        QUEUE, {**_date("received_from", today - timedelta(days=3)), **_date("received_to", today)}
    )
    assert _references(response) == [inside.reference]
    assert before.reference not in _references(response)


def test_search_finds_a_submission_by_part_of_a_subjects_name(handler_client):
    wanted = SubmissionFactory(with_people=False)
    SubjectFactory(submission=wanted, name="Kayleigh Pemberton")
    other = SubmissionFactory(with_people=False)
    SubjectFactory(submission=other, name="Tom Smith")
    assert _references(handler_client.get(QUEUE, {"q": "pembert"})) == [wanted.reference]


@pytest.mark.parametrize("typed", ["{ref}", "{ref_lower}", "{ref_no_dashes}", " {ref} "])
def test_search_finds_a_submission_by_reference_however_typed(handler_client, typed):
    wanted = SubmissionFactory()
    SubmissionFactory()
    ref = wanted.reference
    query = typed.format(
        ref=ref, ref_lower=ref.lower(), ref_no_dashes=ref.replace("-", "").replace("CPI", "")
    )
    assert _references(handler_client.get(QUEUE, {"q": query})) == [wanted.reference]


def test_keyset_pages_walk_the_whole_queue_forwards_and_back(handler_client):
    made = [_aged(SubmissionFactory(priority=1 + i % 4), minutes=i) for i in range(7)]
    expected = [s.reference for s in sorted(made, key=lambda s: (s.priority, s.created_at, s.id))]
    seen: list[str] = []
    response = handler_client.get(QUEUE, {"size": 3})
    pages = [response]
    seen += _references(response)
    while response.context["next_url"]:
        response = handler_client.get(QUEUE + response.context["next_url"])
        pages.append(response)
        seen += _references(response)
    assert seen == expected
    assert len(pages) == 3
    back = handler_client.get(QUEUE + pages[-1].context["previous_url"])
    assert _references(back) == expected[3:6]
    assert back.context["next_url"]


def test_a_tampered_cursor_shows_the_first_page(handler_client):
    first = SubmissionFactory()
    assert _references(handler_client.get(QUEUE, {"after": "not-a-cursor"})) == [first.reference]


def test_counters_show_each_status_and_the_oldest_new_item(handler_client, handler_user):
    _aged(SubmissionFactory(), days=5)
    SubmissionFactory()
    SubmissionFactory(status=Status.IN_PROGRESS, assigned_to=handler_user)
    SubmissionFactory(status=Status.AWAITING_REVIEW, outcome="intelligence_log")
    for _ in range(3):
        SubmissionFactory(status=Status.CLOSED, outcome="no_action")
    response = handler_client.get(QUEUE)
    counters = response.context["counters"]
    assert (counters["new"], counters["in_progress"]) == (2, 1)
    assert (counters["awaiting_review"], counters["closed"]) == (1, 3)
    assert "received 5\xa0days ago" in response.content.decode()


# The page's own queries: bounded count, rows with their assignee (and, on PostgreSQL, their
# category bits), their categories (SQLite only), open and closed counts and oldest new item
# (when the counters are not cached), the submissions the user holds and those flagged
# "possible urgency" and not yet decided (one query on PostgreSQL: triage.selectors.queue_lists),
# (supervisors) the handlers for the bulk-assign list, and how many linked submissions each row
# has.
CATEGORY_QUERIES = 0 if connection.vendor == "postgresql" else 1
LISTS_QUERIES = 1 if connection.vendor == "postgresql" else 2
COUNTER_QUERIES = 3
QUEUE_OWN_QUERIES = 7 + CATEGORY_QUERIES + LISTS_QUERIES
# Signing in costs the same on every staff page: session, user, the user's two-factor devices,
# and the user's and groups' permissions (one query: accounts.backends).
SIGNED_IN_QUERIES = 4


def _queue_rows(handler_user, rows: int) -> None:
    for i in range(rows):
        SubmissionFactory(
            categories=[Category.MODERN_SLAVERY, Category.ORGANISED_CRIME],
            status=Status.IN_PROGRESS if i % 2 else Status.NEW,
            assigned_to=handler_user if i % 2 else None,
        )


@pytest.mark.parametrize("rows", [5, 50])
def test_queue_page_takes_the_same_number_of_queries_whatever_its_size(
    supervisor_client, handler_user, django_assert_num_queries, rows
):
    from triage.queue_counters import queue_counters_forget

    _queue_rows(handler_user, rows)
    # The first visit with these filters remembers them in the session (a one-off write).
    supervisor_client.get(QUEUE, {"size": rows})
    queue_counters_forget()  # and the counters are counted, as when cold
    with django_assert_num_queries(SIGNED_IN_QUERIES + QUEUE_OWN_QUERIES):
        response = supervisor_client.get(QUEUE, {"size": rows})
    assert len(response.context["page"].rows) == rows


@pytest.mark.parametrize("params", [{}, {"status": "new", "category": Category.MODERN_SLAVERY}])
def test_with_the_counters_cached_the_page_runs_none_of_their_queries(
    supervisor_client, handler_user, django_assert_num_queries, params
):
    _queue_rows(handler_user, 20)
    supervisor_client.get(QUEUE, {"size": 20, **params})  # counts, and keeps the figures
    with django_assert_num_queries(SIGNED_IN_QUERIES + QUEUE_OWN_QUERIES - COUNTER_QUERIES):
        response = supervisor_client.get(QUEUE, {"size": 20, **params})
    assert response.context["counters"]["new"] == 10


def test_queue_page_queries_touch_submissions_a_fixed_number_of_times(
    supervisor_client, handler_user
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _queue_rows(handler_user, 12)
    with CaptureQueriesContext(connection) as captured:
        supervisor_client.get(QUEUE, {"size": 12})
    on_submissions = [q for q in captured.captured_queries if '"submissions_' in q["sql"]]
    # Count, rows, (SQLite: categories), open counts, oldest new, closed, and held with flagged
    # "possible urgency" not yet decided (two on SQLite).
    assert len(on_submissions) == 5 + CATEGORY_QUERIES + LISTS_QUERIES


@pytest.mark.django_db
def test_the_closed_total_is_cached_for_a_minute_and_counted_when_the_cache_is_cold():
    from django.core.cache import cache

    from triage.queue_counters import closed_count, closed_count_key

    SubmissionFactory(status=Status.CLOSED, outcome=Outcome.NO_ACTION)
    assert closed_count() == 1
    SubmissionFactory(status=Status.CLOSED, outcome=Outcome.NO_ACTION)
    assert closed_count() == 1  # a minute-old figure, from the cache
    cache.delete(closed_count_key())
    assert closed_count() == 2


@pytest.mark.django_db
def test_each_status_has_its_own_tag_colour(handler_client):
    for status in (Status.NEW, Status.IN_PROGRESS, Status.AWAITING_REVIEW):
        SubmissionFactory(status=status)
    SubmissionFactory(status=Status.CLOSED, outcome=Outcome.NO_ACTION)
    page = handler_client.get(QUEUE + "?status=").content.decode()
    for colour in ("blue", "yellow", "orange", "grey"):
        assert f'class="govuk-tag govuk-tag--{colour}"' in page, colour


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "",
        "?status=new",
        "?q=Tyler&risk=high&sort=oldest",
        "?received_from_0=2&received_from_1=1&received_from_2=2026",
    ],
)
def test_the_filter_form_built_once_is_the_same_as_built_afresh(handler_client, query):
    from crispy_forms.utils import render_crispy_form

    from triage.templatetags import triage_tags

    triage_tags._FILTER_FORM_CACHE.clear()
    first = handler_client.get(QUEUE + query)
    again = handler_client.get(QUEUE + query)  # from the cache
    fresh = render_crispy_form(first.context["filter"].form)
    for response in (first, again):
        assert fresh in response.content.decode()
    assert len(triage_tags._FILTER_FORM_CACHE) == 1


@pytest.mark.django_db
def test_a_filter_form_with_errors_is_never_kept(handler_client):
    from triage.templatetags import triage_tags

    triage_tags._FILTER_FORM_CACHE.clear()
    response = handler_client.get(QUEUE + "?status=made-up")
    assert response.context["filter"].form.errors
    assert triage_tags._FILTER_FORM_CACHE == {}


@pytest.mark.django_db
def test_the_queue_never_loads_what_was_shared(handler_client):
    """What the professional wrote and how they know it are not shown in the queue: they are not
    read, sent over the wire or decrypted for each row."""
    SubmissionFactory()
    (row,) = handler_client.get(QUEUE).context["page"].rows
    assert {"information", "provenance", "provenance_detail"} <= row.get_deferred_fields()


@pytest.mark.django_db
def test_every_filter_has_a_label_people_read(handler_client):
    response = handler_client.get(QUEUE)
    labels = {
        name: str(field.label) for name, field in response.context["filter"].form.fields.items()
    }
    assert labels["category"] == "Category"
    page = response.content.decode()
    assert "[invalid name]" not in page
    assert re.search(r'<label[^>]*for="id_category"[^>]*>\s*Category\s*</label>', page)
    # Every filter's label as bold as the search box's (they were a mix of bold and plain).
    for name in (
        "q",
        "status",
        "due",
        "risk",
        "priority",
        "assigned",
        "sort",
        "category",
        "linked",
    ):
        assert re.search(rf'<label for="id_{name}" class="govuk-label govuk-label--s"', page), name


@pytest.mark.django_db
def test_the_received_dates_are_gov_uk_date_inputs_with_errors_in_gov_uk_voice(handler_client):
    page = handler_client.get(QUEUE).content.decode()
    assert 'type="date"' not in page
    for name in ("received_from", "received_to"):
        for part in ("0", "1", "2"):
            assert f'name="{name}_{part}"' in page
    assert page.index('for="id_received_from_0">Day') < page.index('for="id_received_from_2">Year')

    response = handler_client.get(
        QUEUE, {"received_from_0": "31", "received_from_1": "2", "received_from_2": "2026"}
    )
    assert response.context["filter"].form.has_error("received_from", code="invalid_date")
    body = response.content.decode()
    assert "<title>Error: Queue" in body
    assert '<a href="#id_received_from_0">Received from must be a real date</a>' in body

    response = handler_client.get(QUEUE, {"received_to_0": "3", "received_to_2": "2026"})
    assert response.context["filter"].form.has_error("received_to", code="incomplete")
    assert "Received to must include a month" in response.content.decode()
    response = handler_client.get(QUEUE, {"received_to_1": "3"})
    assert "Received to must include a day and year" in response.content.decode()

    today = timezone.localdate()
    backwards = handler_client.get(
        QUEUE, {**_date("received_from", today), **_date("received_to", today - timedelta(days=1))}
    )
    assert backwards.context["filter"].form.has_error("received_to", code="date_order")
    assert "Received to must be the same as or after received from" in backwards.content.decode()


@pytest.mark.django_db
def test_the_filter_form_kept_for_one_date_is_not_shown_for_another(handler_client):
    from triage.templatetags import triage_tags

    triage_tags._FILTER_FORM_CACHE.clear()
    first = handler_client.get(QUEUE, _date("received_from", timezone.localdate()))
    other = timezone.localdate() - timedelta(days=40)
    second = handler_client.get(QUEUE, _date("received_from", other))
    assert f'name="received_from_2" value="{other.year}"' in second.content.decode()
    assert f'name="received_from_0" value="{other.day}"' in second.content.decode()
    assert first.content != second.content


# --- Long days in the queue --------------------------------------------------------------------
@pytest.mark.django_db
def test_the_queue_remembers_a_handlers_last_filters_for_the_session(handler_client):
    wanted = SubmissionFactory(risk=Risk.HIGH)
    SubmissionFactory(risk=Risk.LOW)
    handler_client.get(QUEUE, {"risk": "high", "sort": "oldest"})
    # Back from a submission by the header link: the same filters, in the address too.
    back = handler_client.get(QUEUE)
    assert back.status_code == 302
    assert back["Location"] == f"{QUEUE}?risk=high&sort=oldest"
    page = handler_client.get(back["Location"])
    assert _references(page) == [wanted.reference]
    assert '<details class="govuk-details" open>' in page.content.decode()
    # A page cursor is not a filter: it is not kept.
    handler_client.get(QUEUE, {"risk": "high", "sort": "oldest", "after": "x"})
    assert handler_client.get(QUEUE)["Location"] == f"{QUEUE}?risk=high&sort=oldest"
    # Clear filters forgets them.
    cleared = handler_client.get(QUEUE, {"clear": "1"})
    assert cleared["Location"] == QUEUE
    assert handler_client.get(QUEUE).status_code == 200


@pytest.mark.django_db
def test_filters_with_errors_are_not_remembered(handler_client):
    handler_client.get(QUEUE, {"status": "made-up"})
    assert handler_client.get(QUEUE).status_code == 200


@pytest.mark.django_db
def test_another_handlers_filters_are_their_own(handler_client, other_handler_client):
    handler_client.get(QUEUE, {"risk": "high"})
    assert other_handler_client.get(QUEUE).status_code == 200


@pytest.mark.django_db
def test_the_queue_lists_what_the_handler_holds_at_the_top(
    handler_client, handler_user, other_handler_user
):
    mine = _aged(
        SubmissionFactory(status=Status.IN_PROGRESS, assigned_to=handler_user, priority=3), days=1
    )
    waiting = SubmissionFactory(
        status=Status.AWAITING_REVIEW, assigned_to=handler_user, outcome="no_action", priority=1
    )
    theirs = SubmissionFactory(status=Status.IN_PROGRESS, assigned_to=other_handler_user)
    closed = SubmissionFactory(status=Status.CLOSED, assigned_to=handler_user, outcome="no_action")
    response = handler_client.get(QUEUE)
    held = [s.reference for s in response.context["held"]]
    assert held == [waiting.reference, mine.reference]
    assert theirs.reference not in held and closed.reference not in held
    page = response.content.decode()
    # Above the queue health counters and the queue itself.
    assert page.index('id="held"') < page.index('id="queue-counters"')
    assert page.index(f'data-held="{waiting.reference}"') < page.index('id="queue-counters"')


@pytest.mark.django_db
def test_a_handler_holding_nothing_is_told_how_to_get_work(handler_client):
    page = handler_client.get(QUEUE).content.decode()
    assert "You hold no submissions" in page


@pytest.mark.django_db
def test_take_next_says_clearly_when_nothing_is_left(handler_client, other_handler_user):
    SubmissionFactory(status=Status.IN_PROGRESS, assigned_to=other_handler_user)
    page = handler_client.get(QUEUE).content.decode()
    assert "No new submissions are waiting to be taken." in page
    response = handler_client.post(reverse("triage:take_next"), follow=True)
    body = response.content.decode()
    assert "There are no new submissions left to take: every one has been claimed." in body
    assert body.count("govuk-notification-banner__heading") == 1


@pytest.mark.django_db
def test_take_next_does_not_say_nothing_is_waiting_while_something_is(handler_client):
    SubmissionFactory()
    assert "No new submissions are waiting" not in handler_client.get(QUEUE).content.decode()


@pytest.mark.django_db
def test_the_queue_reverses_no_url_per_row(handler_client, handler_user):
    """Rows are prepared once per page (triage.queue_rows): the detail address is reversed once
    and filled in, so a page of 40 rows reverses as many URLs as a page of 4."""
    from unittest import mock

    from django.urls.resolvers import URLResolver

    _queue_rows(handler_user, 40)
    reversed_per_page = []
    for size in (4, 40):
        handler_client.get(QUEUE, {"size": size})  # remembers the filters once
        with mock.patch.object(
            URLResolver, "_reverse_with_prefix", autospec=True,
            side_effect=URLResolver._reverse_with_prefix,
        ) as reverse:  # fmt: skip
            response = handler_client.get(QUEUE, {"size": size})
        assert len(response.context["rows"]) == size
        reversed_per_page.append(reverse.call_count)
    assert reversed_per_page[0] == reversed_per_page[1]
