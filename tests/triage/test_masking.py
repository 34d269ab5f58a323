"""triage.masking: masks say what was there, never the value; one decision per request."""

import pytest
from django.db.models import TextField, Value
from django.test import RequestFactory
from django.urls import reverse

from sanitiser import SourceIdentity
from submissions.models import Source
from tests.factories import PersonOfConcernFactory, SourceFactory, SubmissionFactory
from tests.security.test_decryption_failures import corrupt, raw
from triage import services
from triage.masking import (
    UNREADABLE,
    mask_source,
    mask_source_html,
    source_mask_for,
    source_masks_for,
    source_reveal_remember,
)

IDENTITY = SourceIdentity(
    name="Sarah Hughes",
    role="Head of Year 9",
    organisation="Kingsweston Academy",
    email="s.hughes@kwa.example.sch.uk",
    phone="+441174960123",
)


def test_each_identifier_becomes_a_mask_saying_what_was_there():
    text = (
        "I am Sarah Hughes at Kingsweston Academy. Call 0117 496 0123 or "
        "s.hughes@kwa.example.sch.uk. Jade Smith gets into a black Ford Focus."
    )
    assert mask_source(text, IDENTITY) == (
        "I am [source name] at [source organisation]. Call [source phone] or "
        "[source email]. Jade Smith gets into a black Ford Focus."
    )


def test_full_width_letters_and_a_first_name_alone_are_masked():
    full_width = "".join(chr(ord(c) + 0xFEE0) if c.isalpha() else c for c in "Sarah Hughes")
    assert mask_source(f"Ask {full_width} first", IDENTITY) == "Ask [source name] first"
    assert "Sarah" not in mask_source("Jade told Sarah on Monday.", IDENTITY)


def test_a_subjects_name_as_entered_is_kept():
    identity = SourceIdentity(name="Sarah Hughes", organisation="Kingsweston Academy")
    # A person of concern who shares the source's first name keeps it.
    text = "Sarah Marsh waits by the gate."
    assert mask_source(text, identity, allowed=("Sarah Marsh",)) == text
    assert mask_source(text, identity) == "[source name] Marsh waits by the gate."


def test_nothing_to_mask_leaves_the_text_alone():
    assert mask_source("Nothing about anyone.", IDENTITY) == "Nothing about anyone."
    assert mask_source("Sarah Hughes", SourceIdentity()) == "Sarah Hughes"
    assert mask_source("", IDENTITY) == ""


def test_an_unreadable_source_hides_the_whole_text():
    assert mask_source("Anything at all", None) == UNREADABLE


def test_the_html_variant_escapes_the_text_and_marks_each_mask():
    html = mask_source_html("<b>Sarah Hughes</b> & co", IDENTITY)
    assert html == ('&lt;b&gt;<span class="cpi-masked">[source name]</span>&lt;/b&gt; &amp; co')


def test_a_text_seen_before_is_not_read_again(monkeypatch):
    from triage import masking

    calls = []
    detector = masking.find_source_identifiers
    monkeypatch.setattr(
        masking,
        "find_source_identifiers",
        lambda text, identity: calls.append(text) or detector(text, identity),
    )
    text = "Sarah Hughes rang on Tuesday about the girl at the bus stop."
    first = mask_source(text, IDENTITY)
    assert (
        mask_source(text, IDENTITY)
        == first
        == "[source name] rang on Tuesday about the girl at the bus stop."
    )
    assert calls == [text]
    # Another source, or other names to keep, is another reading.
    mask_source(text, SourceIdentity(name="Sarah Hughes"))
    mask_source(text, IDENTITY, allowed=("Sarah Hughes",))
    assert len(calls) == 3


# --- The decision, per request -----------------------------------------------------------------
def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    request.session = {}
    return request


def test_the_source_is_read_once_per_request(handler_user, django_assert_num_queries):
    submission = SubmissionFactory()
    request = _request(handler_user)
    with django_assert_num_queries(3):  # the source, the people at risk, persons of concern
        first = source_mask_for(request, submission)
    with django_assert_num_queries(0):
        assert source_mask_for(request, submission) is first
    assert first.text("Sarah Hughes said") == "[source name] said"


def test_a_reveal_unmasks_that_submission_for_that_session_only(handler_user):
    revealed, other = SubmissionFactory(), SubmissionFactory()
    request = _request(handler_user)
    assert source_mask_for(request, revealed).text("Sarah Hughes") == "[source name]"
    source_reveal_remember(request, revealed)
    assert source_mask_for(request, revealed).text("Sarah Hughes") == "Sarah Hughes"
    assert source_mask_for(request, other).text("Sarah Hughes") == "[source name]"
    assert source_mask_for(_request(handler_user), revealed).text("Sarah Hughes") == (
        "[source name]"
    )


def test_many_submissions_are_read_in_three_queries(handler_user, django_assert_num_queries):
    submissions = [SubmissionFactory() for _ in range(4)]
    PersonOfConcernFactory(submission=submissions[0], name="Sarah Marsh")
    request = _request(handler_user)
    with django_assert_num_queries(4):  # references, sources, people at risk, persons of concern
        masks = source_masks_for(request, [s.reference for s in submissions])
    assert set(masks) == {s.reference for s in submissions}
    text = "Jade was seen with Sarah Marsh on Friday; Mrs Hughes saw them."
    assert masks[submissions[0].reference].text(text) == (
        "Jade was seen with Sarah Marsh on Friday; [source name] saw them."
    )
    assert masks[submissions[1].reference].text(text) == (
        "Jade was seen with [source name] Marsh on Friday; [source name] saw them."
    )


def test_a_purged_source_masks_nothing(handler_user):
    submission = SubmissionFactory(with_people=False)
    SourceFactory(submission=submission, name="", email="", role="", organisation="", phone="")
    Source.objects.filter(submission=submission).update(purged_at="2024-01-01T00:00:00Z")
    assert source_mask_for(_request(handler_user), submission).text("Sarah") == "Sarah"


@pytest.mark.django_db
def test_a_source_no_key_can_read_hides_every_text_on_the_page(handler_client, handler_user):
    submission = services.submission_claim(
        submission=SubmissionFactory(information="Sarah Hughes saw it."), user=handler_user
    )
    source = submission.source
    bad = corrupt(raw(Source, source.pk, "name"))
    Source.objects.filter(pk=source.pk).update(name=Value(bad, output_field=TextField()))

    response = handler_client.get(reverse("triage:detail", args=[submission.reference]))

    assert response.status_code == 200
    body = response.content.decode()
    assert UNREADABLE in body
    assert "Sarah" not in body
    assert "school gate" not in body  # the provenance detail is hidden too
