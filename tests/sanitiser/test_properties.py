"""Property-based tests: for generated sources written into generated texts in many ways, no
identifier survives; and a text that does not mention the source comes out unchanged."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sanitiser import MARKER, SourceIdentity, find_source_identifiers
from sanitiser import sanitise_source as sanitise

from .corpus_scoring import normalised

# Source names start with A-M, subject surnames with N-Z, so a subject is never within the
# edit distance of a misspelt source surname.
SOURCE_FIRST_NAMES = ["Sarah", "Daniel", "Helen", "Imran", "Fiona", "Gareth", "Amara", "Joanne"]
SOURCE_SURNAMES = ["Hughes", "Kowalski", "Adeyemi", "Littlewood", "McAllister", "Fairbrother"]
SUBJECT_FIRST_NAMES = ["Kyle", "Tyler", "Jade", "Ruby", "Leon", "Maisie", "Zane", "Poppy"]
SUBJECT_SURNAMES = ["Nolan", "Price", "Turner", "Walsh", "Shaw", "Reid", "Parry", "Osei"]
TITLES = ["Mrs", "Ms", "Miss", "Mr", "Dr"]
ORG_WORDS = ["Kingsweston", "Brookfield", "Ashcombe", "Greenway", "Harbourside", "Elmhurst"]
ORG_KINDS = ["Academy", "Primary School", "Medical Centre", "Pharmacy", "Surgery", "Youth Project"]
FILLER = [
    "was seen near the shops on a weekday evening",
    "got into a silver Ford Focus, registration WU68 KXD",
    "has been missing lessons since the half term",
    "was given a new phone and cash by an older male",
    "said the man uses snapchat @kb_bristol99",
    "was collected at 15:20 on Tuesday 12 March",
    "has a friend who calls him on 07700 900456",
    "came home late with a bag that was not hers",
]


@st.composite
def identities(draw: st.DrawFn) -> SourceIdentity:
    first = draw(st.sampled_from(SOURCE_FIRST_NAMES))
    last = draw(st.sampled_from(SOURCE_SURNAMES))
    org_word = draw(st.sampled_from(ORG_WORDS))
    org = f"{org_word} {draw(st.sampled_from(ORG_KINDS))}"
    domain = f"{org_word.lower()}.example"
    local = draw(st.sampled_from([f"{first[0]}.{last}", f"{first}.{last}", f"{first}{last[0]}"]))
    area, block = draw(st.sampled_from([("0117", "496"), ("0161", "496"), ("07700", "900")]))
    # Never the number a filler sentence gives a subject (07700 900456).
    digits = draw(st.integers(min_value=100, max_value=999).filter(lambda d: d != 456))
    phone = f"{area} {block} {digits:04d}" if area != "07700" else f"{area} {block}{digits:03d}"
    title_name = draw(st.sampled_from(["", f"{draw(st.sampled_from(TITLES))} "]))
    return SourceIdentity(
        name=f"{title_name}{first} {last}",
        role=draw(st.sampled_from(["Head of Year 9", "School Nurse", "Pharmacist", ""])),
        organisation=org,
        email=f"{local.lower()}@{domain}",
        phone=phone,
    )


def phone_renderings(phone: str) -> list[str]:
    digits = re.sub(r"\D", "", phone)
    national = digits[1:]
    if digits.startswith("07"):
        return [
            phone,
            digits,
            f"+44 {national[:4]} {national[4:]}",
            f"+44 (0){national[:4]} {national[4:]}",
            f"{digits[:5]}-{digits[5:8]}-{digits[8:]}",
        ]
    return [
        phone,
        digits,
        f"+44 {national[:3]} {national[3:6]} {national[6:]}",
        f"+44 (0){national[:3]} {national[3:6]} {national[6:]} ext. 204",
        f"({digits[:4]}) {digits[4:7]}-{digits[7:]}",
        f"{digits[:4]}-{digits[4:7]}-{digits[7:]}",
    ]


@st.composite
def mentions(draw: st.DrawFn, identity: SourceIdentity) -> tuple[str, list[str]]:
    """A way of writing the source into a text, and the raw forms that must not survive."""
    first, last = identity.name.split()[-2:]
    title = draw(st.sampled_from(TITLES))
    phone = draw(st.sampled_from(phone_renderings(identity.phone)))
    choices = [
        (f"This is from {first} {last}.", [f"{first} {last}"]),
        (f"{title} {last} noticed it.", [f"{title} {last}"]),
        (f"{title} {last}'s tutor group raised it.", [f"{title} {last}"]),
        (f"{first[0]}.{last[0]}. passed this on.", [f"{first[0]}.{last[0]}."]),
        (f"{first[0]} {last} passed this on.", [f"{first[0]} {last}"]),
        (f"{first.upper()} {last.upper()} reporting.", [f"{first} {last}"]),
        (f"{first.lower()} {last.lower()} reporting.", [f"{first} {last}"]),
        (f"From {first}   {last}, {identity.organisation}.", [last, identity.organisation]),
        (f"Call me on {phone}.", [phone]),
        (f"Email {identity.email} for more.", [identity.email]),
        (f"\n\nkind regards, {first.lower()}", [f"regards, {first}"]),
        (f"\n\nThanks,\n{first}", [f"Thanks, {first}"]),
        (f"\n\nBest wishes\n{first} {last}\n{identity.organisation}\n{phone}", [last, phone]),
    ]
    return draw(st.sampled_from(choices))


@st.composite
def filler_sentences(draw: st.DrawFn, subject: str) -> list[str]:
    picked = draw(st.lists(st.sampled_from(FILLER), min_size=1, max_size=4))
    return [f"{subject} {sentence}." for sentence in picked]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_no_identifier_of_a_generated_source_survives(data: st.DataObject) -> None:
    identity = data.draw(identities())
    subject = data.draw(st.sampled_from(SUBJECT_FIRST_NAMES))
    sentences = data.draw(filler_sentences(subject))
    written = data.draw(st.lists(mentions(identity), min_size=1, max_size=3))
    parts = list(sentences)
    for mention, _ in written:
        position = data.draw(st.integers(min_value=0, max_value=len(parts)))
        if mention.startswith("\n"):
            parts.append(mention)
        else:
            parts.insert(position, mention)
    text = " ".join(parts)

    result = sanitise(text, identity)

    assert find_source_identifiers(result.text, identity) == []
    output = normalised(result.text)
    for _, forms in written:
        for form in forms:
            assert normalised(form) not in output, (form, result.text)
    for sentence in sentences:
        assert sentence in result.text


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_text_that_does_not_mention_the_source_is_unchanged(data: st.DataObject) -> None:
    identity = data.draw(identities())
    source_first = identity.name.split()[-2]
    # A subject may share the source's first name: that alone must not be removed.
    first = data.draw(st.sampled_from([*SUBJECT_FIRST_NAMES, source_first]))
    surname = data.draw(st.sampled_from(SUBJECT_SURNAMES))
    sentences = data.draw(filler_sentences(f"{first} {surname}"))
    sentences += data.draw(filler_sentences(first))
    suspect = data.draw(st.sampled_from(["07700 900456", "07700 900789", "0117 496 0999"]))
    assume(re.sub(r"\D", "", suspect) != re.sub(r"\D", "", identity.phone))
    text = " ".join([*sentences, f"The suspect's number is {suspect}."])

    result = sanitise(text, identity)

    assert result.text == text
    assert result.removed == []
    assert MARKER not in result.text
