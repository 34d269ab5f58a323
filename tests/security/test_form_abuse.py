"""Property-based abuse of every public and staff form (hypothesis).

Each form is read from its page as a browser would submit it, and posted with generated values:
very long, control characters, NUL, lone surrogates, mixed scripts, HTML, SQL metacharacters,
numbers where text is expected and text where a number or a choice is. Whatever is sent:

- the answer is never a server error (5xx);
- a page that refuses the answers shows every one of them back, as sent, to be corrected;
- no page, the answer or any page that shows what was stored, carries the HTML unescaped.

The examples are fixed (derandomize) and few per form, so the file runs in well under a minute.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

import pytest
from django.test import Client, override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from submissions.models import Outcome, Risk, Submission
from tests.accounts.otp import totp_device_for
from tests.factories import GRADING, SubmissionFactory
from tests.security.html_forms import Form, FormField, forms_on, parse
from tests.submissions.journey import (
    CHECK_URL,
    ELIGIBILITY_URLS,
    answer_everything,
    item_add_url,
    step_url,
    submit,
)
from triage import services as triage_services

pytestmark = pytest.mark.django_db

EXAMPLES = settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)

MARKER = "cpi-xss"
HOSTILE = [
    f"<{MARKER}>",
    f'"><{MARKER}>',
    f"'><{MARKER}>",
    f'" {MARKER}="1',
    f"' {MARKER}='1",
    f"</textarea><{MARKER}>",
    f"</title><{MARKER}>",
    f"<script>{MARKER}()</script>",
    "<!--",
    "{{ 7|add:7 }}{% debug %}",
    "' OR '1'='1",
    '"; DROP TABLE submissions_submission; --',
    "1' UNION SELECT NULL,NULL--",
    "%_\\",
    "\x00",
    "\ud800",
    "\udfff",
    "\r\n",
    "\x1b[31m",
    "\u202e",
    "\u2028",
    "\ufeff",
    "-1",
    "0",
    "1e309",
    "NaN",
    "99999999999999999999999",
    "0x10",
    "\u0661\u0662\u0663",  # Arabic-Indic digits
    "\uff11\uff12\uff13",  # full-width digits
    "\u00b2\u00b2\u00b2\u00b2\u00b2\u00b2",  # six superscript twos: isdigit() but not int()
    "\u00bd",
    "3.5",
    "",
    " ",
    "Zo\u00eb \u00d1\u00fa\u00f1ez",
    "\u0418\u0432\u0430\u043d\u0430",
    "\u0645\u062d\u0645\u062f",
    "\u674e\u5c0f\u9f99",
    "\U0001f600\U0001f469\u200d\U0001f467",
]
_piece = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=12),
    st.text(st.characters(categories=["Cc", "Cf", "Cs", "Zl", "Zp"]), max_size=4),
    st.integers().map(str),
)
_long = st.builds(
    lambda unit, count: unit * count,
    st.sampled_from(["A", "\u00e9", f"<{MARKER}>", "\x00", "\u6f22", "' OR 1=1 -- "]),
    st.integers(min_value=300, max_value=6000),
)
hostile = st.one_of(st.lists(_piece, min_size=1, max_size=5).map("".join), _long)

# Typed by a person, so shown back on a refusal. Passwords are never shown back, on purpose.
TYPED = {"text", "textarea", "email", "number", "search", "tel", "url", "date"}
NOT_SENT = {"submit", "reset", "image", "file"}


def received(value: str) -> str:
    """What Django reads back from the bytes a value is sent as (invalid UTF-8 replaced)."""
    return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


@st.composite
def answers(draw, form: Form) -> list[tuple[str, str]]:
    """Generated values for every field of the form, as a browser would send them."""
    pairs: list[tuple[str, str]] = []
    for item in form.fields.values():
        if item.name == "csrfmiddlewaretoken" or item.kind in NOT_SENT:
            continue
        choice = st.one_of(st.sampled_from(item.options), hostile) if item.options else hostile
        if item.kind == "checkbox":
            pairs += [(item.name, value) for value in draw(st.lists(choice, max_size=3))]
        elif item.kind in {"radio", "select", "button"}:
            if draw(st.booleans()):
                pairs.append((item.name, draw(choice)))
        elif item.kind == "hidden":
            pairs.append((item.name, draw(st.one_of(st.just(item.value), hostile))))
        else:
            pairs.append((item.name, draw(hostile)))
    if draw(st.booleans()):
        pairs.append(("unexpected_field", draw(hostile)))
    return pairs


def encoded(pairs: list[tuple[str, str]]) -> str:
    return urlencode(pairs, encoding="utf-8", errors="surrogatepass")


def assert_nothing_unescaped(response, where: str) -> None:
    if "html" not in response.get("Content-Type", ""):
        return
    html = response.content.decode("utf-8")
    for tag, attributes in parse(html).start_tags:
        assert tag != MARKER, f"a tag was injected into {where}"
        assert all(name != MARKER for name, _ in attributes), f"an attribute injected in {where}"
    assert f"<script>{MARKER}" not in html, where


def assert_kept(response, sent: list[tuple[str, str]], form: Form, where: str) -> None:
    """A refused form shows back what was typed (fields the same page asks again)."""
    shown = next(
        (f for f in forms_on(response.content.decode("utf-8")) if set(f.fields) & set(form.fields)),
        None,
    )
    assert shown is not None, f"the form is not shown again on {where}"
    typed: dict[str, list[str]] = {}
    for name, value in sent:
        typed.setdefault(name, []).append(received(value))
    for name, values in typed.items():
        field: FormField | None = shown.fields.get(name)
        if field is None or name == "csrfmiddlewaretoken":
            continue
        if field.kind in TYPED:
            # An HTML minifier leaves a whitespace-only text node as one space: a textarea sent
            # only spaces or new lines shows one space, which is the same blank answer.
            if not values[-1].strip():
                assert not field.value.strip(), f"{name} not kept on {where}"
            else:
                assert field.value == values[-1], f"{name} not kept on {where}"
        elif field.kind in {"radio", "checkbox", "select"}:
            valid = [value for value in values if value in field.options]
            if field.kind != "checkbox":
                valid = valid[-1:] if values[-1] in field.options else []
            assert set(valid) <= set(field.checked), f"{name} not kept on {where}"


def refused(response) -> bool:
    """The page again with its errors (some views answer it with 400, some with 200)."""
    return response.status_code in (200, 400) and b"govuk-error-summary" in response.content


@dataclass
class Case:
    """A form: the page it is on, which of its forms, and the pages that show what it stores."""

    page: str
    action: str = ""  # the form's action; "" for the page itself
    shows: tuple[str, ...] = ()


def find_form(client: Client, page: str, action: str) -> Form:
    response = client.get(page)
    assert response.status_code == 200, (page, response.status_code)
    for form in forms_on(response.content.decode("utf-8")):
        ours = form.action == action or (not action and form.action in ("", page))
        if ours and form.action != "/accounts/sign-out/":
            return form
    raise AssertionError(f"no form posting to {action or page} on {page}")


def abuse(client: Client, case: Case, prepare=None, examples=EXAMPLES) -> None:
    """Post generated answers to the case's form; check every answer and the pages that show it."""
    first = prepare() if prepare else ""
    template = find_form(client, case.page.format(ref=first), case.action.format(ref=first))

    @examples
    @given(st.data())
    def run(data):
        reference = prepare() if prepare else ""
        page = case.page.format(ref=reference)
        target = (case.action or page).format(ref=reference)
        sent = data.draw(answers(template))
        if template.method == "get":
            response = client.get(f"{target}?{encoded(sent)}")
        else:
            response = client.generic(
                "POST", target, encoded(sent), content_type="application/x-www-form-urlencoded"
            )
        where = f"{template.method.upper()} {target}"
        assert response.status_code < 500, f"{where} answered {response.status_code}"
        assert_nothing_unescaped(response, where)
        if refused(response) or (template.method == "get" and response.status_code == 200):
            assert_kept(response, sent, template, where)
        for shown_on in case.shows:
            url = shown_on.format(ref=reference)
            shown = client.get(url)
            assert shown.status_code < 500, f"{url} answered {shown.status_code} after {where}"
            assert_nothing_unescaped(shown, url)

    run()


# --- The public form ----------------------------------------------------------------------------
PUBLIC = {
    "eligibility": Case(ELIGIBILITY_URLS[0]),
    "categories": Case(step_url("categories"), shows=(CHECK_URL,)),
    "people at risk": Case(item_add_url("subjects"), shows=(step_url("subjects"), CHECK_URL)),
    "a person at risk changed": Case(
        step_url("subjects", "0/change/"), shows=(step_url("subjects"), CHECK_URL)
    ),
    "add another": Case(step_url("persons")),
    "persons of concern": Case(item_add_url("persons"), shows=(step_url("persons"), CHECK_URL)),
    "places": Case(item_add_url("places"), shows=(CHECK_URL,)),
    "vehicles": Case(item_add_url("vehicles"), shows=(CHECK_URL,)),
    "when": Case(step_url("when"), shows=(CHECK_URL,)),
    "information": Case(step_url("information"), shows=(CHECK_URL,)),
    "how you know": Case(step_url("provenance"), shows=(CHECK_URL,)),
    "lawful basis": Case(step_url("lawful_basis"), shows=(CHECK_URL,)),
    "about you": Case(step_url("source"), shows=(CHECK_URL,)),
    "check your answers": Case(CHECK_URL),
    "start again": Case(step_url("information"), action="/form/start-again/"),
}


@pytest.mark.parametrize("name", list(PUBLIC))
def test_a_public_form_survives_generated_abuse(client, name):
    answer_everything(client)
    abuse(client, PUBLIC[name])


def test_the_sign_in_form_survives_generated_abuse(client):
    abuse(client, Case("/accounts/sign-in/"))


def test_the_two_factor_form_survives_generated_abuse(handler_user):
    totp_device_for(handler_user)
    half_signed_in = Client()
    half_signed_in.force_login(handler_user)  # the password step passed, the code not yet
    abuse(half_signed_in, Case("/accounts/two-factor/"))


# --- Staff forms --------------------------------------------------------------------------------
DETAIL = "/staff/submissions/{ref}/"
TIMELINE = "/staff/audit/submissions/{ref}/"


def _new() -> str:
    return SubmissionFactory().reference


def _claimed_by(user):
    def prepare() -> str:
        return triage_services.submission_claim(submission=SubmissionFactory(), user=user).reference

    return prepare


def _awaiting_review(user, outcome: str):
    """A high-risk outcome recorded by the handler: it waits for a supervisor's review."""

    def prepare() -> str:
        submission = triage_services.submission_claim(submission=SubmissionFactory(), user=user)
        details = {
            Outcome.INTELLIGENCE_LOG: {"log_text": "Jade is picked up after school."},
            Outcome.NO_ACTION: {"no_action_rationale": "Already known to the MASH."},
        }[outcome]
        return triage_services.outcome_record(
            submission=submission,
            user=user,
            version=submission.version,
            data={**GRADING, "risk": Risk.HIGH, "outcome": outcome, **details},
        ).reference

    return prepare


def test_the_queue_filters_survive_generated_abuse(handler_client):
    SubmissionFactory.create_batch(2)
    abuse(handler_client, Case("/staff/", action="/staff/"))


def test_take_next_and_the_bulk_actions_survive_generated_abuse(handler_client):
    SubmissionFactory.create_batch(3)
    abuse(handler_client, Case("/staff/", action="/staff/take-next/"))
    abuse(handler_client, Case("/staff/", action="/staff/bulk/", shows=("/staff/",)))


def test_claim_and_release_survive_generated_abuse(handler_client, handler_user):
    abuse(handler_client, Case(DETAIL, action=DETAIL + "claim/"), prepare=_new)
    abuse(
        handler_client,
        Case(DETAIL, action=DETAIL + "release/", shows=(DETAIL,)),
        prepare=_claimed_by(handler_user),
    )


def test_a_note_survives_generated_abuse_and_shows_escaped(handler_client, supervisor_client):
    reference = _new()
    abuse(
        handler_client,
        Case(
            DETAIL.format(ref=reference),
            action=DETAIL.format(ref=reference) + "notes/",
            shows=(DETAIL.format(ref=reference),),
        ),
    )
    assert_nothing_unescaped(supervisor_client.get(TIMELINE.format(ref=reference)), "timeline")


def test_the_reveal_reason_survives_generated_abuse(handler_client, handler_user):
    abuse(
        handler_client,
        Case(DETAIL + "reveal/", shows=(DETAIL,)),
        prepare=_claimed_by(handler_user),
    )


def test_the_assessment_survives_generated_abuse_and_shows_escaped(handler_client, handler_user):
    abuse(
        handler_client,
        Case(DETAIL + "assessment/", shows=(DETAIL, DETAIL + "assessment/")),
        prepare=_claimed_by(handler_user),
    )


def test_assigning_survives_generated_abuse(supervisor_client, handler_user):
    abuse(
        supervisor_client,
        Case(DETAIL, action=DETAIL + "assign/", shows=(DETAIL,)),
        prepare=_claimed_by(handler_user),
    )


def test_a_review_survives_generated_abuse(supervisor_client, handler_user):
    abuse(
        supervisor_client,
        Case(DETAIL, action=DETAIL + "review/", shows=(DETAIL, TIMELINE)),
        prepare=_awaiting_review(handler_user, Outcome.NO_ACTION),
    )


@override_settings(LOG_APPROVAL_REQUIRED=True)
def test_an_approval_survives_generated_abuse(supervisor_client, handler_user):
    abuse(
        supervisor_client,
        Case("/staff/audit/approvals/{ref}/", shows=("/staff/audit/approvals/", TIMELINE)),
        prepare=_awaiting_review(handler_user, Outcome.INTELLIGENCE_LOG),
    )


def test_an_export_request_survives_generated_abuse_and_shows_escaped(supervisor_client):
    abuse(
        supervisor_client,
        Case("/staff/intelligence/exports/new/", shows=("/staff/intelligence/exports/",)),
    )


def test_the_audit_trail_filters_survive_generated_abuse(supervisor_client):
    abuse(supervisor_client, Case("/staff/audit/", action="/staff/audit/"))


def test_re_authentication_survives_generated_abuse(handler_client):
    abuse(handler_client, Case("/accounts/confirm/"))


# --- What was stored, shown to staff -----------------------------------------------------------
@EXAMPLES
@given(payload=st.sampled_from(HOSTILE[:10]), suffix=st.text(max_size=8))
def test_hostile_answers_stored_by_the_public_form_are_shown_escaped_to_staff(
    handler_client, payload, suffix
):
    text_value = f"Jade {payload}{suffix}".replace("\x00", "")
    professional = Client()
    overrides = {
        item_add_url("subjects"): {"description": text_value, "setting": text_value},
        item_add_url("persons"): {"nicknames": text_value, "social_media": text_value},
        item_add_url("places"): {"description": text_value},
        step_url("when"): {"when_description": text_value},
        step_url("information"): {"information": text_value},
        step_url("provenance"): {"provenance_detail": text_value},
        step_url("source"): {"role": text_value, "contact_times": text_value},
    }
    answer_everything(professional, **overrides)
    assert_nothing_unescaped(professional.get(CHECK_URL), "check your answers")
    assert submit(professional).status_code == 302

    assert_nothing_unescaped(handler_client.get("/staff/"), "the queue")
    reference = Submission.objects.order_by("-created_at").first().reference
    handler_client.post(DETAIL.format(ref=reference) + "claim/")
    for url in (DETAIL, DETAIL + "reveal/", DETAIL + "assessment/"):
        page = url.format(ref=reference)
        response = handler_client.get(page)
        assert response.status_code == 200, page
        assert_nothing_unescaped(response, page)


# --- Found by the signed-in scan (make security) ------------------------------------------------
def test_a_reference_filter_that_is_not_a_reference_cannot_break_the_audit_trail(supervisor_client):
    # wapiti put a URL in the trail's reference filter and exported: the export's own audit entry
    # named "https://wapit" as its submission, and every trail page then failed to link to it (500).
    exported = supervisor_client.get(
        "/staff/audit/export.csv", {"reference": "https://x.example/e"}
    )
    assert exported.status_code == 200
    b"".join(exported.streaming_content)
    for page in ("/staff/audit/", "/staff/audit/?before=https%3A%2F%2Fx.example%2Fe"):
        response = supervisor_client.get(page)
        assert response.status_code == 200, page
