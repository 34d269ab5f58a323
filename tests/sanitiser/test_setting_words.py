"""The writer's kind of workplace told by its own words (`sanitiser.setting_words`)."""

from __future__ import annotations

import csv

import pytest

from sanitiser import SourceIdentity, SubjectDetails, sanitise
from sanitiser.setting_words import _SECTOR_CUES, _TABLE, KIND, sectors_of, setting_words


def _rows() -> list[dict[str, str]]:
    with _TABLE.open(encoding="utf-8") as table:
        return list(csv.DictReader(table, delimiter="\t"))


ROWS = _rows()
# A phrase that holds a sector cue or a word of the templates would test something else.
STRONG = [
    row
    for row in ROWS
    if row["strength"] == "strong"
    and not sectors_of(row["phrase"], "")
    and not set(row["phrase"].split()) & {"he", "she", "him", "her", "told", "came", "was"}
]
TEMPLATES = (
    "Jayden told us about it {phrase} and he was quiet after.",
    "he came in {phrase} again on tuesday with the older lad",
    "Seen by staff ({phrase}) with Jayden. Nothing else to add.",
)


def _identity_for(sector: str) -> SourceIdentity:
    cue = next(c for c in _SECTOR_CUES[sector].split("|") if not c.endswith("*"))
    return SourceIdentity(name="Morwenna Achterberg", organisation=f"Eastgate {cue.title()}")


def _words(text: str) -> list[str]:
    return [w for w in text.casefold().replace("-", " ").split() if w]


def test_the_table_has_every_sector_the_cues_name_and_only_those():
    sectors = {row["sector"] for row in ROWS}
    assert sectors == set(_SECTOR_CUES)
    assert {row["strength"] for row in ROWS} == {"strong", "weak"}


def test_the_sector_is_read_from_the_organisation_and_the_role():
    assert "swimming_leisure" in sectors_of("Kirkgate Leisure Centre", "")
    assert "pharmacy" in sectors_of("Hollins Healthcare", "dispenser")
    assert "taxi_private_hire" in sectors_of("A1 Cars", "private hire driver")
    # A cue inside another word is no cue: "Barnaby" is no bar, "Cabot" no cab.
    assert sectors_of("Barnaby Cabot Associates", "") == frozenset()


def test_a_word_of_the_sources_own_workplace_is_an_unknown_the_machine_removes():
    text = "Jayden was at poolside on Saturday with an older man, 40s, grey hoodie."
    identity = SourceIdentity(name="Sian Pryce", organisation="Kirkgate Leisure Centre")
    result = sanitise(text, identity)
    (finding,) = [f for f in result.unknowns if f.kind == KIND]
    assert (finding.text, finding.removed, finding.machine_removed) == ("poolside", True, True)
    assert "poolside" not in result.text
    assert "Saturday" in result.text and "grey hoodie" in result.text


def test_a_strong_word_of_another_workplace_is_listed_and_kept():
    # A teacher telling where the boy gets his methadone: the pharmacy's word is the subject's
    # routine here, not the writer's workplace.
    text = "His mum says he gets his supervised dose every morning before he comes in."
    identity = SourceIdentity(name="Sian Pryce", organisation="Brambleford Academy")
    result = sanitise(text, identity)
    (finding,) = [f for f in result.unknowns if f.kind == KIND]
    assert finding.text == "supervised dose"
    assert not finding.removed
    assert "supervised dose" in result.text


def test_a_word_many_kinds_of_workplace_use_for_their_running_is_the_writers():
    # "handover" is listed for wards, care homes and security, not for pharmacies: a word of
    # any workplace's running, so of the writer's, who writes from work.
    text = "As discussed at handover, Dean came back twice on Friday asking for Callum."
    identity = SourceIdentity(name="Sian Pryce", organisation="Hollins Pharmacy")
    result = sanitise(text, identity)
    (finding,) = [f for f in result.unknowns if f.kind == KIND]
    assert (finding.text, finding.removed) == ("handover", True)
    assert "came back twice on Friday" in result.text


@pytest.mark.parametrize(
    ("organisation", "text", "gone"),
    [
        ("Eastgate Amateur Boxing Club", "Two lads waited outside the club for Jayden.", "club"),
        ("Mill Road Stores", "He comes in the shop most nights with older lads.", "shop"),
        ("Acorns Nursery Ltd", "Dad was drunk at the nursery gate on Monday.", "nursery"),
    ],
)
def test_the_kind_of_place_the_organisation_is_goes_as_a_noun_phrase(organisation, text, gone):
    identity = SourceIdentity(name="Sian Pryce", organisation=organisation)
    result = sanitise(text, identity)
    assert gone not in result.text.casefold()
    assert [f for f in result.unknowns if f.kind == KIND and f.text.casefold() == gone]


def test_the_kind_of_place_is_not_taken_outside_a_noun_phrase():
    # "club" after a name is someone's club, not the writer's "the club".
    identity = SourceIdentity(name="Sian Pryce", organisation="Eastgate Amateur Boxing Club")
    result = sanitise("He drinks at Kirkby Social Club every Friday.", identity)
    assert not [f for f in result.findings if f.kind == KIND]


def test_where_the_writers_kind_of_workplace_is_goes_with_it():
    text = "He waits by the depot on Tannery Lane most mornings for the lads."
    identity = SourceIdentity(name="Sian Pryce", organisation="Eastgate Waste Services")
    result = sanitise(text, identity)
    assert "Tannery Lane" not in result.text
    assert "most mornings" in result.text


def test_when_the_identity_names_no_sector_the_texts_strong_words_do():
    text = "He came in for his supervised dose and was shaking. Asked at the counter for Dean."
    identity = SourceIdentity(name="Sian Pryce", organisation="Hollins Ltd")
    found = setting_words(text, "Hollins Ltd", "")
    assert any(w.text == "supervised dose" and w.own_sector for w in found)
    assert "supervised dose" not in sanitise(text, identity).text


def test_a_place_or_setting_entered_as_a_subjects_keeps_its_words():
    text = "Kyle goes to the swim club at Kirkgate on Thursdays, collected by a man in a Golf."
    identity = SourceIdentity(name="Sian Pryce", organisation="Kirkgate Leisure Centre")
    details = SubjectDetails.from_form(
        {"subjects": [{"name": "Kyle", "address": "", "setting": "Kirkgate swim club"}]}
    )
    result = sanitise(text, identity, details)
    assert "swim club" in result.text
    assert not [f for f in result.findings if f.kind == KIND and f.removed]


def test_the_handler_can_keep_a_workplace_word():
    text = "Jayden was at poolside on Saturday with an older man."
    identity = SourceIdentity(name="Sian Pryce", organisation="Kirkgate Leisure Centre")
    (finding,) = [f for f in sanitise(text, identity).unknowns if f.kind == KIND]
    again = sanitise(text, identity, decisions={finding.key: "keep"})
    assert "at poolside" in again.text
    (kept,) = [f for f in again.unknowns if f.kind == KIND]
    assert not kept.removed and kept.machine_removed


def test_the_last_word_is_found_in_its_plural():
    found = setting_words("two defect sheets went missing", "Eastgate Buses", "driver")
    assert [w.text for w in found if w.own_sector] == ["defect sheets"]


def test_every_strong_word_of_the_sources_sector_leaves_no_trace():
    # Every row of the table, each in one of three registers: a phrase the reading misses (a
    # spelling it splits differently, a length it drops) fails here, not in a corpus.
    missed = []
    for number, row in enumerate(STRONG):
        text = TEMPLATES[number % len(TEMPLATES)].format(phrase=row["phrase"])
        result = sanitise(text, _identity_for(row["sector"]))
        at = text.index(row["phrase"])
        end = at + len(row["phrase"])
        # Listed as a workplace word, or taken by another reading (a role, a self-description).
        taken = [f for f in result.findings if f.removed and f.start < end and at < f.end]
        left = " ".join(_words(result.text))
        if not taken or f" {' '.join(_words(row['phrase']))} " in f" {left} ":
            missed.append((row["sector"], row["phrase"]))
    assert not missed


@pytest.mark.parametrize("sector", sorted(_SECTOR_CUES))
def test_each_sector_has_enough_words_to_matter(sector):
    strong = [row for row in ROWS if row["sector"] == sector and row["strength"] == "strong"]
    assert len(strong) >= 5, sector
