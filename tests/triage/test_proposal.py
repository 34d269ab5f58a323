"""The sanitiser's proposal, highlighted for the handler, with submitted text always escaped."""

import pytest

from sanitiser import SourceIdentity
from tests.factories import SubjectFactory, SubmissionFactory
from tests.intelligence.conftest import assert_no_source_identifier
from triage.proposal import (
    UNKNOWN_KIND_LABELS,
    Mark,
    log_text_propose,
    render_marked,
    subject_details_copy,
)

pytestmark = pytest.mark.django_db


def test_the_proposal_removes_the_source_and_keeps_the_subject(cpi_submission):
    proposal = log_text_propose(cpi_submission)
    assert_no_source_identifier(proposal.text)
    for kept in ("Jade Smith", "Ford Focus", "AB12 CDE", "Canal Street", "Dean Marsh"):
        assert kept in proposal.text
    assert "[source removed]" in proposal.text


def test_the_preview_marks_each_removal_and_each_provenance_flag(cpi_submission):
    proposal = log_text_propose(cpi_submission)
    assert proposal.original_html.count('class="cpi-removed"') >= len(proposal.result.removed)
    assert '<mark class="cpi-removed" title="Removed: ' in proposal.original_html
    # Before any reveal the panel shows what kind of identifier went, never the source's value.
    assert "Hughes" not in proposal.original_html
    assert "[source name]</mark>" in proposal.original_html
    # "in my Year 9 class" says where the source works: taken out, or flagged for rewording.
    assert "my Year 9 class" not in proposal.text or "cpi-flagged" in proposal.proposed_html
    assert "cpi-marker" in proposal.proposed_html


def test_submitted_html_is_escaped_never_trusted():
    text = '<script>alert("x")</script> Mrs Hughes'
    html = render_marked(text, [Mark(text.index("Mrs"), len(text), "cpi-removed", "")])
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert html.endswith('<mark class="cpi-removed" title="">Mrs Hughes</mark>')


def test_overlapping_marks_never_leave_an_element_half_open():
    html = render_marked("abcdef", [Mark(0, 4, "cpi-flagged", "a"), Mark(2, 6, "cpi-removed", "b")])
    assert html.count("<mark") == html.count("</mark>") == 3
    assert '<mark class="cpi-flagged cpi-removed" title="a; b">cd</mark>' in html


def test_a_title_cannot_break_out_of_its_attribute():
    html = render_marked("abc", [Mark(0, 3, "cpi-removed", '"><img src=x>')])
    assert "<img" not in html


@pytest.mark.parametrize(
    ("kind", "label"),
    [
        ("self-description", "About the writer"),
        ("premises", "Premises"),
        ("initials", "Initials"),
        ("colleague", "Colleague"),
        ("setting-word", "Workplace word"),
    ],
)
def test_every_kind_the_sanitiser_lists_has_a_label_people_read(kind, label):
    # Without an entry the page fell back to kind.title(): "Self-Description".
    assert UNKNOWN_KIND_LABELS[kind] == label


def test_a_subjects_setting_as_entered_leaves_whole_and_the_sources_own_words_do_not():
    # Read alone, a one-line setting looked like a signature and left as "[source removed]".
    submission = SubmissionFactory(with_people=False)
    SubjectFactory(submission=submission, name="Jade Smith", setting="Riverside Community College")
    SubjectFactory(submission=submission, name="Kai Rowe", setting="Kirkgate Leisure Centre club")
    identity = SourceIdentity(name="Sian Pryce", organisation="Kirkgate Leisure Centre")
    settings = [s["setting"] for s in subject_details_copy(submission, identity)["subjects"]]
    assert "Riverside Community College" in settings
    assert not any("Kirkgate" in setting for setting in settings)
