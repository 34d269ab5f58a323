"""The sanitiser's shortcuts give exactly what the plain way would: re-reading only around the
markers, trying patterns only where a match can begin, looking words up by key."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.sanitiser_bench import make_records
from sanitiser import SourceIdentity, find_source_identifiers
from sanitiser import sanitise_source as sanitise
from sanitiser.compiled import PHONE_CANDIDATE, phone_candidates
from sanitiser.contacts import _LABELLED_SWITCHBOARD, _SWITCHBOARD_STARTS
from sanitiser.context import _COLLEAGUE_INTRO, cue_matches
from sanitiser.core import _apply, _detect
from sanitiser.matching import compile_identity
from sanitiser.provenance import _BOUNDARY
from sanitiser.tokens import WORD, TextIndex, matches_at, offsets_of, spliced_index

CORPUS = [
    json.loads(line)
    for line in Path(__file__).with_name("corpus.jsonl").read_text(encoding="utf-8").splitlines()
    if line.strip()
]
# Words, the characters words are joined or split by, markers, and the characters whose lower
# case differs in length or in how a case-insensitive pattern matches them.
PIECES = st.sampled_from(
    [
        "Sarah", "hughes", "O'Brien", "Ellie-Mae", "Hughes's", "Hughes'", "Zoë", "x", "_", "-",
        "'", "\u2019", " ", "\t", "\n", ".", "@", "[source removed]", "\u0130", "\u0131",
        "\u017f", "0117 496 0123", "+44 (0)7700 900123", "ext. 12", "my colleague Tom Reid",
        "switchboard", "RECEPTION", "Main office", "here", "!", "?",
    ]
)  # fmt: skip
TEXTS = st.lists(PIECES, max_size=40).map("".join)


def index_fields(index: TextIndex) -> tuple:
    return (index.starts, index.ends, index.raws, index.keys, index.key_set, index.lowered)


def replace(text: str, cuts: list[int], inserts: list[str]) -> tuple[str, list]:
    """Replace the stretches between pairs of cuts, as sanitise() puts markers in."""
    cuts = sorted(min(cut, len(text)) for cut in cuts)
    pieces: list[str] = []
    segments: list[tuple[int, int, int, int]] = []
    cursor = length = 0
    for number, (start, end) in enumerate(zip(cuts[::2], cuts[1::2], strict=False)):
        pieces.append(text[cursor:start])
        length += start - cursor
        new = inserts[number % len(inserts)] if inserts else ""
        pieces.append(new)
        segments.append((start, end, length, length + len(new)))
        length += len(new)
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces), segments


@settings(max_examples=300, deadline=None)
@given(
    text=TEXTS,
    cuts=st.lists(st.integers(min_value=0, max_value=400), max_size=12),
    inserts=st.lists(PIECES, max_size=4),
)
def test_an_index_spliced_around_replacements_is_the_index_of_the_new_text(
    text: str, cuts: list[int], inserts: list[str]
) -> None:
    new, segments = replace(text, cuts, inserts)

    spliced = spliced_index(TextIndex(text), new, segments)

    assert index_fields(spliced) == index_fields(TextIndex(new))


def test_the_index_of_every_sanitised_corpus_text_matches_a_fresh_one() -> None:
    for item in CORPUS:
        identity = SourceIdentity(**item["source"])
        index = TextIndex(item["text"])
        output, segments = _apply(item["text"], _detect(item["text"], compile_identity(identity)))

        assert index_fields(spliced_index(index, output, segments)) == index_fields(
            TextIndex(output)
        ), item["id"]


def test_words_are_split_as_the_plain_pattern_splits_them() -> None:
    plain = re.compile(r"\w+(?:['\u2019\-]\w+)*['\u2019]?")
    for item in CORPUS:
        assert WORD.findall(item["text"]) == plain.findall(item["text"])
        assert TextIndex(item["text"]).starts == [m.start() for m in plain.finditer(item["text"])]


@settings(max_examples=300, deadline=None)
@given(text=TEXTS)
def test_patterns_tried_only_where_a_match_can_begin_find_what_a_full_scan_finds(
    text: str,
) -> None:
    def spans(matches) -> list[tuple[int, int]]:
        return [match.span() for match in matches]

    index = TextIndex(text)
    assert spans(phone_candidates(text)) == spans(PHONE_CANDIDATE.finditer(text))
    assert spans(matches_at(_BOUNDARY, text, offsets_of(text, ".!?\n"))) == spans(
        _BOUNDARY.finditer(text)
    )
    assert spans(cue_matches(_LABELLED_SWITCHBOARD, index, _SWITCHBOARD_STARTS)) == spans(
        _LABELLED_SWITCHBOARD.finditer(text)
    )
    assert spans(cue_matches(_COLLEAGUE_INTRO, index, ("my", "our"))) == spans(
        _COLLEAGUE_INTRO.finditer(text)
    )


def test_corpus_texts_and_their_patterns_agree_with_a_full_scan() -> None:
    for item in CORPUS:
        text = item["text"]
        index = TextIndex(text)
        assert [m.span() for m in phone_candidates(text)] == [
            m.span() for m in PHONE_CANDIDATE.finditer(text)
        ]
        assert [
            m.span() for m in cue_matches(_LABELLED_SWITCHBOARD, index, _SWITCHBOARD_STARTS)
        ] == [m.span() for m in _LABELLED_SWITCHBOARD.finditer(text)]


def test_a_long_s_or_dotless_i_still_finds_a_labelled_switchboard() -> None:
    # A case-insensitive pattern matches "\u017f" as "s" and "\u0131" as "i" though their lower
    # case is neither: the shortcut must fall back to reading the whole text.
    for text in (
        "Call the \u017fwitchboard on 0117 496 0000 today.",
        "Ring recept\u0131on on 0117 496 0001 today.",
    ):
        found = cue_matches(_LABELLED_SWITCHBOARD, TextIndex(text), _SWITCHBOARD_STARTS)

        assert [m.span() for m in found] == [m.span() for m in _LABELLED_SWITCHBOARD.finditer(text)]
        assert len(found) == 1


def test_the_gate_finds_nothing_in_the_benchmark_records_once_sanitised() -> None:
    for text, identity, _details in make_records(40):
        result = sanitise(text, identity)

        assert find_source_identifiers(result.text, identity) == []
        assert identity.name not in result.text
        assert identity.phone not in result.text
        assert "Sarah Jones" in result.text


@pytest.mark.parametrize(
    "line",
    [
        "Front  desk: 0117 496 0999",
        "main\tline 0117 496 0999",
        "Surgery\tline: 0117 496 0999",
        "practice  number 0117 496 0999",
    ],
)
def test_an_oddly_spaced_switchboard_label_still_removes_the_number(line):
    identity = SourceIdentity(name="Sarah Hughes", organisation="Larkfield Surgery")
    text = f"Concerns about Kyle Brown, seen near the canal.\n{line}\n"
    result = sanitise(text, identity)
    assert "0117 496 0999" not in result.text


@pytest.mark.parametrize("header", ["From  : s.hughes@kwa.example.sch.uk", "Sent\tby: Sarah H"])
def test_an_oddly_spaced_mail_header_is_still_removed(header):
    identity = SourceIdentity(name="Sarah Hughes", email="s.hughes@kwa.example.sch.uk")
    text = f"{header}\nKyle Brown was picked up by a grey Audi again on Friday."
    result = sanitise(text, identity)
    assert header.split(":", 1)[1].strip() not in result.text
    assert "Kyle Brown" in result.text


def test_a_message_opening_with_cheers_keeps_its_intelligence():
    identity = SourceIdentity(
        name="Tom Price",
        organisation="Blue Line Cabs Ltd",
        email="tom@bluelinecabs.example",
        phone="+44 7700 900321",
    )
    text = (
        "cheers, this is tom from blue line. picked up two girls (about 14) from Price Street "
        "outside the Spar at 2am, dropped at 14 Mill Lane. the man who paid goes by 'Kez' on "
        "snapchat kez_1999. call tom price on 07700900321 if needed."
    )
    result = sanitise(text, identity)
    for kept in ("two girls (about 14)", "Price Street", "14 Mill Lane", "kez_1999", "'Kez'"):
        assert kept in result.text
    for gone in ("tom price", "blue line", "07700900321"):
        assert gone not in result.text.lower()
    assert find_source_identifiers(result.text, identity) == []


def test_a_first_name_signing_off_a_long_line_is_removed():
    identity = SourceIdentity(name="Sarah Hughes", organisation="Kingsweston Academy")
    text = (
        "kind regards, sarah. Kyle Brown was collected from Kingsweston Academy by a man in a "
        "grey Audi A3 (WX21 KLM) three times this week, always just after the last bell."
    )
    result = sanitise(text, identity)
    assert "sarah" not in result.text.lower()
    assert "Kyle Brown" in result.text and "WX21 KLM" in result.text


def test_a_source_introducing_themselves_with_their_role_in_brackets_is_removed():
    identity = SourceIdentity(name="Priya Shah", role="Pharmacist", phone="0117 496 0555")
    text = (
        "Priya (pharmacist) here. A woman I believe is called Priya Kaur, 17, comes in with a man "
        "who pays for her pills and answers for her."
    )
    result = sanitise(text, identity)
    assert not result.text.startswith("Priya")
    assert "pharmacist" not in result.text.lower()
    assert "Priya Kaur, 17" in result.text


@pytest.mark.parametrize(
    "typed", ["(01632) 960123 x45", "01632 960123x45", "01632-960-123 ext.45", "01632 960 123 X 7"]
)
def test_the_source_phone_with_an_extension_written_x45_is_removed(typed):
    identity = SourceIdentity(name="Helen Fairweather", phone="01632 960 123")
    text = f"Jordan Miles carries bags for an older boy (07700 900 765). Tel {typed}. Thanks."
    result = sanitise(text, identity)
    assert "960" not in result.text.replace("900 765", "")
    assert "07700 900 765" in result.text
    assert find_source_identifiers(result.text, identity) == []


def test_a_first_name_signing_with_a_word_before_the_organisation_is_removed():
    identity = SourceIdentity(
        name="Anna Kowalska", role="Receptionist", organisation="Hilltop Dental Practice"
    )
    text = (
        "A patient, Mia Roberts (16), came in with a much older man who paid. "
        "Anna - reception, Hilltop Dental."
    )
    result = sanitise(text, identity)
    assert "Anna" not in result.text
    assert "Mia Roberts (16)" in result.text


@pytest.mark.parametrize("initials", ["D.O'B", "D. O'B.", "DO'B", "D O\u2019B"])
def test_initials_of_a_surname_with_an_apostrophe_are_removed(initials):
    identity = SourceIdentity(name="David O'Brien", organisation="Westfield Shopping Centre")
    text = f"Ryan Clarke deals by the bins most evenings; Dominic O'Brady drives him. {initials}"
    result = sanitise(text, identity)
    assert initials not in result.text
    assert "Ryan Clarke" in result.text and "Dominic O'Brady" in result.text


def test_a_short_form_of_the_first_name_with_a_surname_initial_is_removed():
    identity = SourceIdentity(name="Joanne Whitfield", organisation="St Margaret's Academy")
    text = "Leah Fox (Yr 8) is absent every Monday; Jo Harris (14) is with her. Jo W. Attendance"
    result = sanitise(text, identity)
    assert "Jo W." not in result.text
    assert "Jo Harris (14)" in result.text and "Leah Fox" in result.text


def test_a_first_name_signing_off_with_a_bracketed_role_is_removed():
    identity = SourceIdentity(name="Mark Stevens", role="Car Park Attendant", phone="07700 900101")
    text = "A man in a silver Audi A4 (BD51 SMR) meets girls on level 3. Mark (attendant)"
    result = sanitise(text, identity)
    assert "Mark" not in result.text
    assert "BD51 SMR" in result.text


def test_a_bleep_number_after_the_source_switchboard_is_removed():
    identity = SourceIdentity(name="Li Wei Chen", phone="0113 496 0500")
    text = "Amelia Stone, 13, was seen in A&E. Reach the doctor on 0113 496 0500 bleep 4432."
    result = sanitise(text, identity)
    assert "4432" not in result.text and "0500" not in result.text
    assert "Amelia Stone, 13" in result.text
