"""Whose phone number, whose words (2026-12-06, third sitting).

A phone number nobody entered is the machine's to judge. A pronoun ("his number") tied it to
someone else before; these tests add the other ways a text gives a number to someone else:
a name's number without a possessive, a number on someone's record, a number that called or
texted, a number someone gave. The writer's own stays removed wherever the clause says so.
Then: a first-person word inside someone's quoted words is the speaker's, not the writer's.
Each "kept" test fails without its rule; the "removed" ones guard what must not change."""

from __future__ import annotations

import pytest

from sanitiser import SourceIdentity, SubjectDetails, sanitise

SOURCE = SourceIdentity(
    name="Joanne Pike",
    role="Receptionist",
    organisation="Harbour Lodge Hotel",
    email="reception@harbourlodge.example",
    phone="01632 960120",
)


def _phone(text: str, number: str):
    result = sanitise(
        text, SOURCE, SubjectDetails.from_form({"persons_of_concern": [{"nicknames": "Taz"}]})
    )
    [finding] = [f for f in result.findings if f.text == number]
    return result, finding


@pytest.mark.parametrize(
    "text",
    [
        "Taz phone 07700 900455, he drives a black Golf.",
        "The phone number on the booking is 07700 900455.",
        "Kev's number is on a post-it by the kettle: 07700 900455.",
        "Tobi showed me a text from 07700 900455 telling him to come out.",
        "The man gave 07700 900455 as a contact when he paid cash.",
        "Male paid cash, customer phone 07700 900455.",
    ],
)
def test_a_number_the_text_gives_someone_else_is_kept_and_listed(text: str) -> None:
    result, finding = _phone(text, "07700 900455")
    assert "07700 900455" in result.text
    assert finding.cls == "unknown" and not finding.removed
    assert finding.reason == "the text ties it to someone else"


@pytest.mark.parametrize(
    "text",
    [
        "If you need more, my other number is 07700 900455.",
        "Please contact Sam, not me, on 07700 900455.",
        "Ring me on 07700 900455 after six.",
        "Our office number 07700 900455 is staffed till ten.",
        "I have seen him three times this month. 07700 900455",
        "Joanne phone 07700 900455 if anything comes of it.",
    ],
)
def test_the_writers_own_number_or_a_number_said_of_nobody_still_goes(text: str) -> None:
    result, finding = _phone(text, "07700 900455")
    assert "07700 900455" not in result.text
    assert finding.removed


def test_a_first_person_word_inside_someones_quoted_words_is_theirs() -> None:
    text = (
        "A girl of about 14 came to the desk crying and said \"please don't tell my mum "
        'where I am". An older man took her outside.'
    )
    result = sanitise(text, SOURCE)
    assert "my mum" in result.text
    [finding] = [f for f in result.findings if f.text == "my mum"]
    assert not finding.removed and finding.reason == "inside someone's quoted words"


def test_the_writers_own_words_outside_quotes_still_go() -> None:
    text = 'A girl of about 14 said "he is my uncle". My manager Dave saw them leave at 10pm.'
    output = sanitise(text, SOURCE).text
    assert "my uncle" in output
    assert "Dave" not in output
