"""Generated development cases (issue 11, item 7): source identities in many formats, written in
many disguises into texts of many registers, beside subjects who share no word with the source.

Each case is built from parts: what the source wrote about the subjects (kept, and checked to the
letter afterwards), and the source's own identifiers in one disguise (a first name in a sign-off,
"Mrs <Surname>", initials, the name in capitals, the organisation's short form, first distinctive
word or acronym, the phone in another format, the email), with colleagues named beside them (in
Cc: headers, chat speaker labels, "Reviewed by:" labels, "my manager <Name>"). A register (a
forwarded email, a chat export, a case-system print, a letter, dictation in lower case without
punctuation, a text message) places those parts where such a text puts them.

Two properties, each a test per disguise or register so that a gap is marked where it lies:
1. nothing of the source is left: no token of their name, their email, their phone's digits,
   their organisation's distinctive words or acronym, nor any colleague's name (case-insensitive,
   accents aside, on word boundaries);
2. every subject name, person of concern's name and nickname, phone, handle and registration the
   text holds is still there exactly.

Where the sanitiser fails, the failing part is carved out: GAPS_FOUND holds each failure shrunk
by hand to a minimal example, the main generator avoids its trigger (a comment names the gap
where it does), and the gap gets its own generated property and minimal-example test. While a
gap is open (KNOWN_GAPS) both are xfail(strict=False), so a fix shows as XPASS; a fixed gap is
marked ``fixed`` and both run as ordinary tests. The rest stays a strict property. The generator
is narrowed without a gap only where a case is genuinely ambiguous: initials that spell a word,
a common abbreviation or a police rank ("TO", "AM", "DS") are written dotted.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import pytest
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

from sanitiser import SourceIdentity, SubjectDetails, sanitise

# --- Pools ---------------------------------------------------------------------------------------
# Each pool shares no word with any other, so a word of the source is never also a subject's. The
# generator checks it for every case (`Case.check`): the text without the source's parts holds no
# token of theirs.

# (given names, female?)
SOURCE_GIVEN = [
    ("Priya", True),
    ("Siobhan", True),
    ("Oluwaseun", True),
    ("Aoife", True),
    ("Giulia", True),
    ("Nkechi", True),
    ("Zelphina", True),
    ("Rhiannon", True),
    ("Eilidh", True),
    ("Małgorzata", True),
    ("Xiao Wen", True),
    ("Thandiwe", True),
    ("Kwabena", False),
    ("Dafydd", False),
    ("Hamza", False),
    ("Leszek", False),
    ("Haruto", False),
    ("Cathal", False),
    ("Rajinder", False),
    ("Emeka", False),
    ("Joaquín", False),
    ("Søren", False),
]
# (particles, surname)
SOURCE_SURNAMES = [
    ("", "Nair"),
    ("", "Adeyemi"),
    ("", "O'Donnell"),
    ("", "Pritchard-Jones"),
    ("de", "Souza"),
    ("van der", "Berg"),
    ("", "MacLeod"),
    ("", "Al-Sayed"),
    ("", "Quorrington"),
    ("", "Okonkwo"),
    ("", "Kowalczyk"),
    ("Di", "Stefano"),
    ("ap", "Gruffydd"),
    ("", "Fitzgerald-Hale"),
    ("", "Abernethy"),
    ("", "Szymańska"),
    ("", "Lindqvist"),
    ("", "Yilmaz"),
    ("", "Venkataraman"),
    ("", "Nakamura"),
    ("bin", "Yusof"),
]
SOURCE_MIDDLES = ["", "", "", "Jane", "Ayodele", "Maria", "K."]
COLLEAGUE_GIVEN = ["Dave", "Funmi", "Bogdan", "Harpreet", "Ines", "Mehmet", "Ruairi", "Gwenllian"]
COLLEAGUE_SURNAMES = [
    "Hollis",
    "Pellow",
    "Balogun",
    "Ilie",
    "Sandhu",
    "Carvalho",
    "Aksoy",
    "Threlfall",
]
SUBJECT_GIVEN = [
    "Kyle",
    "Tyler",
    "Jade",
    "Maisie",
    "Kacper",
    "Shanice",
    "Aaliyah",
    "Yusuf",
    "Ionut",
]
SUBJECT_SURNAMES = ["Turner", "Walsh", "Osei", "Kamara", "Novak", "Doherty", "Mahmood", "Popescu"]
POC_GIVEN = ["Jordan", "Aaron", "Dylan", "Marcus", "Kieran", "Tariq", "Reece", "Jamal"]
POC_SURNAMES = ["Harding", "Mensah", "Dobrev", "Rossi", "Ahmed", "Boateng", "Lynch", "Clarke"]
NICKNAMES = ["Jonno", "Bazza", "Smudge", "K-Dog", "Mazza", "Deano", "Yungz", "Lil Rick"]
# Nicknames that end in a single letter: their own known gap (KNOWN_GAPS, "nickname-initial").
INITIAL_NICKNAMES = ["Big T", "Lil J", "Mr K"]
HANDLES = ["@kb_bristol99", "@tz.money", "@yungz_official", "@dino_77", "@m4zza", "@lilrick.x"]
PLACES = ["Dean Street car park", "the Co-op on Fishponds Road", "Sandyhill Park", "Castle Mall"]
VEHICLES = [
    ("Ford", "Focus"),
    ("Vauxhall", "Corsa"),
    ("Audi", "A3"),
    ("Toyota", "Prius"),
    ("Nissan", "Qashqai"),
    ("Kia", "Ceed"),
]
COLOURS = ["silver", "black", "white", "grey", "red", "blue"]
REG_LETTERS = "ABCDEFGHJKLMNOPRSTUVWXY"
# Staff roles' abbreviations a registration's letters may spell: their own known gap
# ("registration-role-letters").
ROLE_LETTERS = set(re.findall(r"\w+", "HCA SLT SMT SGL DSL TAS LSA EWO FSW CPN HOY HOD AHT DHT"))

ORG_BRANDS = [
    "Brightlock",
    "Quikmart",
    "Fernside",
    "Kingsweston",
    "Larkmoor",
    "Thistlewood",
    "Calderbrook",
    "Penhallow",
    "Sallowfield",
    "Wyvernmere",
    "Glenmoray",
    "Ravensholt",
    "Bramblecote",
    "Northvale",
    "Tregarrow",
]
# (kind, the short form writers use for it)
ORG_KINDS = [
    ("Security Services", "Security"),
    ("Academy", "Academy"),
    ("Primary School", "Primary"),
    ("Medical Centre", "Medical"),
    ("Pharmacy", "Pharmacy"),
    ("Counselling CIC", "CIC"),
    ("Housing Association", "Housing"),
    ("Youth Project", "Youth"),
    ("Private Hire", "Cars"),
    ("Hotel", "Hotel"),
    ("Veterinary Practice", "Vets"),
    ("NHS Foundation Trust", "NHS Trust"),
    ("Leisure Centre", "Leisure"),
]
BRANCHES = ["Westgate", "Southmead", "Eastfield", "Redcliffe", "Hartcliffe", "Kingswood"]
ROLES = ["School Nurse", "Door Supervisor", "Pharmacist", "Housing Officer", "Youth Worker", ""]
PARTICLES = {"de", "van", "der", "di", "ap", "al", "bin"}
# Two letters that are also a word, a common abbreviation, a police rank or a car make: initials
# that spell one are genuinely ambiguous ("AM" is kept even in "Entry by AM", "DS" in "Entry by
# DS"; "MG" is kept for Maria ap Gruffydd, though removed for Mary Green).
SHORT_WORDS = set(re.findall(r"\w+", "am an as at be by do go he id if in is it me my no of oh"))
SHORT_WORDS |= set(re.findall(r"\w+", "ok on or pm re so to up us we ds dc di pc mg"))


def fold(value: str) -> str:
    """Case-folded, accents dropped: "Szymańska" and "SZYMANSKA" compare equal."""
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def plain(value: str) -> str:
    """An email's local part from a name: letters only."""
    return re.sub(r"[^a-z]", "", fold(value))


# --- People, organisations, numbers --------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    given: str
    last: str
    particles: str = ""
    middle: str = ""
    female: bool = True

    @property
    def full(self) -> str:
        return " ".join(p for p in (self.given, self.middle, self.particles, self.last) if p)

    @property
    def short(self) -> str:
        """Given name and surname, as most texts write them."""
        return " ".join(p for p in (self.given, self.particles, self.last) if p)

    @property
    def surname(self) -> str:
        return " ".join(p for p in (self.particles, self.last) if p)

    @property
    def first(self) -> str:
        return self.given.split()[0]

    @property
    def tokens(self) -> list[str]:
        """Every word of the name of two letters or more, particles aside ("de" is not theirs)."""
        words = re.findall(r"[^\W\d_]+", f"{self.given} {self.middle} {self.last}")
        return [w for w in words if len(w) >= 2 and w.lower() not in PARTICLES]

    @property
    def initials(self) -> str:
        words = [*self.given.split(), *self.middle.split(), self.last.split("-")[0]]
        return "".join(w[0] for w in words if w).upper()


@dataclass(frozen=True)
class Organisation:
    brand: str
    kind: str
    short_kind: str
    branch: str
    entered_as: str  # "plain", "bracket", "dash", "acronym"

    @property
    def name(self) -> str:
        return f"{self.brand} {self.kind}"

    @property
    def acronym(self) -> str:
        return "".join(w[0] for w in self.name.split() if w[0].isupper() and w != "NHS").upper()

    @property
    def entered(self) -> str:
        return {
            "plain": self.name,
            "bracket": f"{self.name} ({self.branch})",
            "dash": f"{self.name} - {self.branch}",
            "acronym": f"{self.name} ({self.acronym})",
        }[self.entered_as]

    @property
    def tokens(self) -> list[str]:
        """Its distinctive words: the brand, the branch when the form names it, the acronym."""
        words = [self.brand]
        if self.entered_as in ("bracket", "dash"):
            words.append(self.branch)
        if len(self.acronym) >= 3:
            words.append(self.acronym)
        return words


def phone_formats(digits: str) -> list[str]:
    """A UK number (national, with its 0) in the ways people write it."""
    n = digits[1:]
    if digits.startswith("07"):
        a, b, c = digits[:5], digits[5:8], digits[8:]
        return [
            f"{a} {b}{c}",
            digits,
            f"{a} {b} {c}",
            f"+44 {n[:4]} {n[4:]}",
            f"+44 (0){n[:4]} {n[4:7]} {n[7:]}",
            f"+44{n}",
            f"{a}-{b}-{c}",
            f"{a}.{b}.{c}",
            f"({a}) {b}{c}",
            f"0044 {n[:4]} {n[4:]}",
        ]
    if digits.startswith("020"):
        return [
            f"020 {n[2:6]} {n[6:]}",
            digits,
            f"+44-20-{n[2:6]}-{n[6:]}",
            f"(020) {n[2:6]} {n[6:]}",
            f"+44 (0)20 {n[2:6]} {n[6:]}",
            f"020.{n[2:6]}.{n[6:]}",
        ]
    return [
        f"{digits[:4]} {digits[4:7]} {digits[7:]}",
        digits,
        f"({digits[:4]}) {digits[4:]}",
        f"+44 {n[:3]} {n[3:6]} {n[6:]}",
        f"+44 (0){n[:3]} {n[3:6]} {n[6:]}",
        f"{digits[:4]}-{digits[4:7]}-{digits[7:]}",
        f"{digits[:4]}.{digits[4:7]}.{digits[7:]}",
    ]


# --- Text parts ----------------------------------------------------------------------------------


class Src(str):
    """A part of the text that is the source's (or a colleague's)."""


class Keep(str):
    """A subject detail that must be in the output to the letter."""


Part = str
Line = list[Part]


@dataclass(repr=False)
class Case:
    register: str
    disguise: str
    identity: SourceIdentity
    source: Person
    org: Organisation
    email: str
    phone_digits: str
    colleagues: list[Person]
    form: dict
    parts: list[Part] = field(default_factory=list)
    extra_forbidden: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def __repr__(self) -> str:
        return f"Case({self.register!r}, {self.disguise!r}, {self.identity.name!r}, {self.text!r})"

    def _repr_pretty_(self, printer: object, cycle: bool) -> None:
        printer.text(repr(self))  # how hypothesis shows a failing case: short

    @property
    def without_source(self) -> str:
        return "".join("\u25c6" if isinstance(p, Src) else p for p in self.parts)

    @property
    def kept(self) -> list[str]:
        return list(dict.fromkeys(p for p in self.parts if isinstance(p, Keep)))

    @property
    def forbidden_words(self) -> list[str]:
        words = [*self.source.tokens, *self.org.tokens, *self.extra_forbidden]
        for colleague in self.colleagues:
            words += colleague.tokens
        local = self.email.split("@")[0]
        words.append(local)
        return list(dict.fromkeys(words))

    def leaks(self, output: str) -> list[str]:
        folded = fold(output)
        left = [w for w in self.forbidden_words if _word_in(fold(w), folded)]
        if fold(self.email) in folded:
            left.append(self.email)
        if self.phone_digits[-7:] in _digit_runs(output):
            left.append(f"phone ...{self.phone_digits[-7:]}")
        return left

    def initials_clash(self) -> bool:
        """The initials written spell a word the rest of the text holds ("HAS" for Hamza
        Ayodele Souza beside "has been seen", "LL" beside "I'll"): genuinely ambiguous."""
        clean = fold(self.without_source)
        return any(_word_in(fold(word), clean) for word in self.extra_forbidden)

    def check(self) -> None:
        """The generator's own promise: only the source's parts hold the source's words."""
        clean = self.without_source
        assert not self.leaks(clean), (self.leaks(clean), clean)
        for detail in self.kept:
            assert detail in self.text


def spellings(case: Case) -> set[str]:
    """Every word of the source's, folded, and each way their initials may be run together
    (with or without the middle name and the particles: "PBY" for Priya bin Yusof)."""
    p = case.source
    heads = ["".join(w[0] for w in p.given.split())]
    middles = ["", "".join(w[0] for w in p.middle.split())]
    particles = ["", "".join(w[0] for w in p.particles.split())]
    lasts = [p.last[0], "".join(part[0] for part in p.last.split("-"))]
    found = {
        fold(h + m + pt + t) for h in heads for m in middles for pt in particles for t in lasts
    }
    return found | {fold(word) for word in case.forbidden_words}


def _word_in(word: str, folded_text: str) -> bool:
    return re.search(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", folded_text) is not None


def _digit_runs(text: str) -> str:
    """Every run of digits with the spaces, dashes, dots and brackets inside it taken out."""
    runs = re.findall(r"\+?\d[\d\s().\-]*\d", text)
    return " ".join(re.sub(r"\D", "", run) for run in runs)


# --- Identities and subjects ---------------------------------------------------------------------


@st.composite
def people(draw: st.DrawFn, given: list[str], surnames: list[str]) -> Person:
    return Person(given=draw(st.sampled_from(given)), last=draw(st.sampled_from(surnames)))


@st.composite
def source_people(draw: st.DrawFn) -> Person:
    given, female = draw(st.sampled_from(SOURCE_GIVEN))
    particles, last = draw(st.sampled_from(SOURCE_SURNAMES))
    middle = draw(st.sampled_from(SOURCE_MIDDLES))
    return Person(given=given, last=last, particles=particles, middle=middle, female=female)


def title_of(person: Person, draw: st.DrawFn) -> str:
    return draw(st.sampled_from(["Mrs", "Ms", "Miss", "Dr"] if person.female else ["Mr", "Dr"]))


def name_as_entered(person: Person, title: str, form: str) -> str:
    return {
        "plain": person.short,
        "full": person.full,
        "titled": f"{title} {person.short}",
        "surname first": f"{person.surname}, {person.given}",
        "caps surname first": f"{person.last.upper()}, {person.given}",
        "lower": person.short.lower(),
    }[form]


REGISTERS = ["email", "chat", "case", "letter", "dictation", "sms"]
TONE = {
    "email": "formal",
    "letter": "formal",
    "case": "formal",
    "chat": "informal",
    "sms": "informal",
    "dictation": "dictation",
}


@dataclass
class Slots:
    """Where a register puts the source's parts: header lines or labels, the body's sentences,
    the sign-off, a chat's speaker label for the source, and other speakers' chat lines."""

    head: list[Line] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)
    end: list[Line] = field(default_factory=list)
    label: Line | None = None
    others: list[tuple[Line, Line]] = field(default_factory=list)

    def add(self, other: Slots) -> None:
        self.head += other.head
        self.body += other.body
        self.end += other.end
        self.label = other.label or self.label
        self.others += other.others


@st.composite
def base_cases(draw: st.DrawFn, register: str, disguise: str) -> Case:
    source = draw(source_people())
    title = title_of(source, draw)
    name_form = draw(
        st.sampled_from(["plain", "full", "titled", "surname first", "caps surname first", "lower"])
    )
    brand = draw(st.sampled_from(ORG_BRANDS))
    kind, short_kind = draw(st.sampled_from(ORG_KINDS))
    branch = draw(st.sampled_from(BRANCHES))
    entered_as = draw(st.sampled_from(["plain", "bracket", "dash", "acronym"]))
    if disguise == "org_branch":
        entered_as = draw(st.sampled_from(["bracket", "dash"]))
    org = Organisation(brand, kind, short_kind, branch, entered_as)
    first, last = plain(source.first), plain(source.last)
    domain = draw(
        st.sampled_from(
            [f"{brand.lower()}.org.uk", f"{brand.lower()}.co.uk", "nhs.net", "gmail.com"]
        )
    )
    local = draw(
        st.sampled_from([f"{first}.{last}", f"{first[0]}.{last}", f"{first}{last[0]}", last])
    )
    if domain in ("nhs.net", "gmail.com"):
        local += str(draw(st.integers(min_value=1, max_value=99)))
    email = f"{local}@{domain}"
    phone_digits = draw(
        st.sampled_from(["07700900{:03d}", "01174960{:03d}", "02079460{:03d}"])
    ).format(draw(st.integers(min_value=0, max_value=499)))
    phone = draw(st.sampled_from(phone_formats(phone_digits)))
    count = draw(st.integers(min_value=1 if disguise.startswith("colleague") else 0, max_value=2))
    colleagues = draw(
        st.lists(
            people(COLLEAGUE_GIVEN, COLLEAGUE_SURNAMES),
            min_size=count,
            max_size=count,
            unique_by=(lambda p: p.given, lambda p: p.last),
        )
    )
    identity = SourceIdentity(
        name=name_as_entered(source, title, name_form),
        role=draw(st.sampled_from(ROLES)),
        organisation=org.entered,
        email=email,
        phone=phone,
    )
    return Case(register, disguise, identity, source, org, email, phone_digits, colleagues, {})


@dataclass(frozen=True)
class Subjects:
    subject: Person
    poc: Person
    nickname: str
    poc_phone_entered: str
    poc_phone: str
    handle: str
    place: str
    make: str
    model: str
    colour: str
    registration: str

    @property
    def form(self) -> dict:
        return {
            "subjects": [{"name": self.subject.short, "address": "", "setting": ""}],
            "persons_of_concern": [
                {
                    "name": self.poc.short,
                    "nicknames": self.nickname,
                    "phone_numbers": self.poc_phone_entered,
                    "social_media": self.handle,
                }
            ],
            "places": [{"name": self.place, "address": ""}],
            "vehicles": [
                {
                    "make": self.make,
                    "model": self.model,
                    "colour": self.colour,
                    "registration": self.registration,
                }
            ],
        }


@st.composite
def subjects(draw: st.DrawFn) -> Subjects:
    letters = st.sampled_from(REG_LETTERS)
    area = draw(letters) + draw(letters)
    age = draw(st.integers(min_value=2, max_value=74))
    registration = f"{area}{age:02d} {draw(letters)}{draw(letters)}{draw(letters)}"
    poc_digits = f"07700900{draw(st.integers(min_value=500, max_value=999)):03d}"
    formats = phone_formats(poc_digits)
    make, model = draw(st.sampled_from(VEHICLES))
    return Subjects(
        subject=draw(people(SUBJECT_GIVEN, SUBJECT_SURNAMES)),
        poc=draw(people(POC_GIVEN, POC_SURNAMES)),
        nickname=draw(st.sampled_from(NICKNAMES)),
        poc_phone_entered=draw(st.sampled_from(formats)),
        poc_phone=draw(st.sampled_from(formats)),
        handle=draw(st.sampled_from(HANDLES)),
        place=draw(st.sampled_from(PLACES)),
        make=make,
        model=model,
        colour=draw(st.sampled_from(COLOURS)),
        registration=registration,
    )


def facts(s: Subjects, tone: str) -> list[Line]:
    """What the source wrote about the subjects, in the register's tone."""
    subject, poc, nick, reg = s.subject, s.poc, s.nickname, Keep(s.registration)
    if tone == "dictation":
        car = f"{s.colour} {s.make} {s.model}".lower()
        return [
            [
                Keep(subject.short.lower()),
                f" was seen getting into a {car} registration ",
                reg,
                f" near {s.place.lower()}",
            ],
            [
                Keep(subject.first.lower()),
                " says ",
                Keep(poc.short.lower()),
                " who goes by ",
                Keep(nick.lower()),
                " gives her money",
            ],
            # The handle mid-sentence: last, the words after it run into it ("handle-then-writer").
            ["he messages her on ", Keep(s.handle), " and rings her on ", Keep(s.poc_phone)],
        ]
    if tone == "informal":
        return [
            [Keep(subject.first), f" got in that {s.colour} {s.make} again ", reg],
            ["its ", Keep(poc.short), " again, they call him ", Keep(nick)],
            ["his number is ", Keep(s.poc_phone), " and snap is ", Keep(s.handle)],
            [Keep(subject.short), " was with ", Keep(nick), f" at {s.place} last night"],
        ]
    car = f"{s.colour} {s.make} {s.model}"
    return [
        [
            Keep(subject.short),
            f" has been seen getting into a {car}, registration ",
            reg,
            f", near {s.place}.",
        ],
        [
            Keep(subject.first),
            " said that ",
            Keep(poc.short),
            " (known as ",
            Keep(nick),
            ") gives them cash and bought them a new phone.",
        ],
        [
            Keep(poc.first),
            " contacts ",
            Keep(subject.first),
            " on ",
            Keep(s.poc_phone),
            " and through ",
            Keep(s.handle),
            ".",
        ],
        ["The driver of ", reg, " is believed to be ", Keep(nick), "."],
    ]


# --- Disguises: the source's identifiers as writers put them -------------------------------------
S = Src


def _lower(line: Line) -> Line:
    return [type(p)(p.lower()) if isinstance(p, (Src, Keep)) else p.lower() for p in line]


def _pick(draw: st.DrawFn, options: list[Slots]) -> Slots:
    return options[draw(st.integers(min_value=0, max_value=len(options) - 1))]


def _name_full(draw: st.DrawFn, c: Case) -> Slots:
    name = draw(st.sampled_from([c.source.short, c.source.full]))
    if c.register == "dictation":
        name = c.source.short  # a middle name in lower case: the "lowercase-middle-name" gap
    return {
        "email": _pick(
            draw,
            [
                Slots(head=[["From: ", S(name)]]),
                Slots(end=[["Kind regards,"], [S(name)]]),
                Slots(body=[["My name is ", S(name), " and I am writing about a young person."]]),
            ],
        ),
        "letter": Slots(end=[[S(name)]]),
        "case": Slots(head=[[draw(st.sampled_from(["Recorded by: ", "Author: "])), S(name)]]),
        "chat": Slots(label=[S(name)]),
        "dictation": Slots(body=[["this is ", S(name.lower()), " calling about a young person"]]),
        "sms": Slots(body=[["hi its ", S(name), " here"]]),
    }[c.register]


def _name_caps(draw: st.DrawFn, c: Case) -> Slots:
    name = c.source.short.upper()
    return {
        "email": _pick(
            draw,
            [Slots(end=[["Regards"], [S(name)]]), Slots(body=[[S(name), " spoke to her today."]])],
        ),
        "letter": Slots(end=[[S(name)]]),
        "case": Slots(head=[["RECORDED BY: ", S(name)]]),
        "chat": Slots(label=[S(name)]),
        "sms": Slots(body=[[S(name), " here"]]),
    }[c.register]


def _name_first_signoff(draw: st.DrawFn, c: Case) -> Slots:
    first = c.source.given
    formal = _pick(
        draw,
        [
            Slots(end=[["Thanks,"], [S(first)]]),
            Slots(end=[["Many thanks"], [S(first)]]),
            Slots(end=[["Kind regards,"], [S(first)]]),
            Slots(end=[["Diolch, ", S(first)]]),
            Slots(end=[["Merci, ", S(first)]]),
            Slots(end=[["Best wishes,"], [S(first)]]),
        ],
    )
    informal = _pick(
        draw,
        [
            Slots(end=[["cheers ", S(first.lower()), " x"]]),
            Slots(end=[[S(first), " x"]]),
            Slots(end=[["ta ", S(first)]]),
        ],
    )
    return {
        "email": formal,
        "letter": Slots(end=[[S(first)]]),
        "case": Slots(end=[["- ", S(first)]]),
        "chat": Slots(end=[["[18:52] ", S(first), ": thanks, that's all I know"]]),
        "dictation": Slots(end=[["thanks ", S(first.lower()), " bye"]]),
        "sms": informal,
    }[c.register]


def _name_first_mid(draw: st.DrawFn, c: Case) -> Slots:
    first = c.source.given
    line = _pick(
        draw,
        [
            Slots(body=[["He told ", S(first), " he would be back on Friday."]]),
            Slots(body=[["Ask for ", S(first), " at reception if you need more."]]),
            Slots(body=[["The girls only talk to ", S(first), " about it."]]),
        ],
    )
    if c.register == "dictation":
        line.body = [_lower(line.body[0])]
    return line


def _title_surname(draw: st.DrawFn, c: Case) -> str:
    title = title_of(c.source, draw)
    return f"{title}{draw(st.sampled_from(['', '.']))} {c.source.surname}"


def _name_title_surname(draw: st.DrawFn, c: Case) -> Slots:
    named = _title_surname(draw, c)
    body = _pick(
        draw,
        [
            Slots(body=[["The kids call me ", S(named), "."]]),
            Slots(body=[["She told ", S(named), " that she was scared."]]),
            Slots(body=[["Please ask for ", S(named), "."]]),
        ],
    )
    if c.register == "dictation":
        body.body = [_lower(line) for line in body.body]
    if c.register == "case":
        return _pick(draw, [body, Slots(head=[["Staff member: ", S(named)]])])
    if c.register == "letter":
        return _pick(draw, [body, Slots(end=[[S(named)]])])
    return body


def _name_initials(draw: st.DrawFn, c: Case) -> Slots:
    initials = c.source.initials
    dotted = "".join(f"{letter}." for letter in initials)
    if initials.lower() in SHORT_WORDS:
        # "TO" for Thandiwe Okonkwo is the word "to", "AM" for Aoife MacLeod the morning, "DS"
        # for Dafydd Souza a sergeant: genuinely ambiguous, so only the dotted form is written.
        initials = dotted
    c.extra_forbidden += [initials, dotted]
    return {
        "email": _pick(draw, [Slots(end=[[S(dotted)]]), Slots(end=[["- ", S(initials)]])]),
        "case": _pick(
            draw,
            [
                Slots(body=[[S(initials), ": spoke with her at lunch."]]),
                Slots(end=[["Entry by ", S(initials)]]),
            ],
        ),
        "chat": Slots(body=[["noted - ", S(initials)]]),
        "letter": Slots(head=[["Our ref: ", S(initials), "/2024/031"]]),
        "sms": Slots(end=[["- ", S(initials)]]),
    }[c.register]


def _name_surname_first(draw: st.DrawFn, c: Case) -> Slots:
    surname = draw(st.sampled_from([c.source.surname, c.source.last.upper()]))
    named = f"{surname}, {c.source.given}"
    return {
        "email": Slots(head=[["From: ", S(named)]]),
        "case": Slots(head=[["Recorded by: ", S(named)]]),
        "chat": Slots(label=[S(named)]),
    }[c.register]


def _name_entered(draw: st.DrawFn, c: Case) -> Slots:
    name = c.identity.name
    return {
        "email": Slots(end=[["Regards,"], [S(name)]]),
        "letter": Slots(end=[[S(name)]]),
        "case": Slots(head=[["Recorded by: ", S(name)]]),
        "chat": Slots(label=[S(name)]),
        "dictation": Slots(body=[["this is ", S(name.lower()), " calling about a young person"]]),
        "sms": Slots(body=[["hi its ", S(name), " here"]]),
    }[c.register]


def _org_full(draw: st.DrawFn, c: Case) -> Slots:
    name = draw(st.sampled_from([c.org.name, c.org.entered]))
    return {
        "email": Slots(end=[[S(name)]]),
        "letter": Slots(head=[[S(draw(st.sampled_from([name, name.upper()])))]]),
        "case": Slots(head=[["Organisation: ", S(name)]]),
        "chat": Slots(body=[["we had her in at ", S(name), " again today"]]),
        "dictation": Slots(body=[["i work at ", S(name.lower())]]),
        "sms": Slots(body=[["at ", S(name), " today"]]),
    }[c.register]


def _org_short(draw: st.DrawFn, c: Case) -> Slots:
    short = f"{c.org.brand} {c.org.short_kind}"
    if c.register == "dictation":
        return Slots(body=[["i work at ", S(short.lower())]])
    options = [
        Slots(body=[["I work at ", S(short), "."]]),
        Slots(body=[["Here at ", S(short), " we have seen her most evenings."]]),
    ]
    if c.register == "email":
        options.append(Slots(end=[["Thanks"], [S(short)]]))
    if c.register == "case":
        options.append(Slots(head=[["Team: ", S(short)]]))
    return _pick(draw, options)


def _org_word(draw: st.DrawFn, c: Case) -> Slots:
    brand = c.org.brand
    line = _pick(
        draw,
        [
            Slots(body=[["I'm at ", S(brand), " most days."]]),
            Slots(body=[["The ", S(brand), " staff know her."]]),
            Slots(body=[["She comes into the ", S(brand), " in town most nights."]]),
        ],
    )
    if c.register == "dictation":
        line.body = [_lower(line.body[0])]
    return line


def _org_acronym(draw: st.DrawFn, c: Case) -> Slots:
    acronym = c.org.acronym
    options = [
        Slots(body=[["The ", S(acronym), " team have seen her."]]),
        Slots(body=[["She is known to us (", S(acronym), ")."]]),
    ]
    if c.register == "email":
        options.append(Slots(end=[["Regards"], [S(acronym)]]))
    if c.register == "case":
        options.append(Slots(head=[["Org: ", S(acronym)]]))
    return _pick(draw, options)


def _org_branch(draw: st.DrawFn, c: Case) -> Slots:
    brand, branch = c.org.brand, c.org.branch
    line = _pick(
        draw,
        [
            Slots(body=[["I'm based at our ", S(branch), " branch."]]),
            Slots(body=[["I work at ", S(brand), " ", S(branch), "."]]),
            Slots(body=[["She waits outside the ", S(branch), " site."]]),
        ],
    )
    if c.register == "dictation":
        line.body = [_lower(line.body[0])]
    return line


def _phone_other_format(draw: st.DrawFn, c: Case) -> Slots:
    formats = [f for f in phone_formats(c.phone_digits) if f != c.identity.phone]
    phone = draw(st.sampled_from(formats))
    options = [
        Slots(body=[["Call me on ", S(phone), "."]]),
        Slots(body=[["You can reach me on ", S(phone), " after 4pm."]]),
    ]
    if c.register in ("email", "letter"):
        options += [Slots(end=[["Tel: ", S(phone)]]), Slots(end=[["Mob ", S(phone)]])]
    if c.register == "case":
        options.append(Slots(head=[["Contact: ", S(phone)]]))
    if c.register == "dictation":
        options = [Slots(body=[["my number is ", S(phone)]])]
    if c.register == "sms":
        options = [Slots(body=[["ring me on ", S(phone)]])]
    return _pick(draw, options)


def _email(draw: st.DrawFn, c: Case) -> Slots:
    email = draw(st.sampled_from([c.email, c.email.upper()]))
    options = [Slots(body=[["Email me at ", S(email), " if you need more."]])]
    if c.register in ("email", "letter"):
        options.append(Slots(end=[[S(email)]]))
    if c.register == "email":
        options.append(Slots(head=[["From: <", S(email), ">"]]))
    if c.register == "case":
        options.append(Slots(head=[["Email: ", S(email)]]))
    if c.register == "dictation":
        options = [Slots(body=[["my email is ", S(email.lower())]])]
    return _pick(draw, options)


def _colleague_email(c: Case, colleague: Person) -> str:
    return f"{plain(colleague.given)}.{plain(colleague.last)}@{c.email.split('@')[1]}"


def _colleague_cc(draw: st.DrawFn, c: Case) -> Slots:
    field_name = draw(st.sampled_from(["Cc: ", "To: "]))
    line: Line = [field_name]
    for number, colleague in enumerate(c.colleagues):
        if number:
            line.append("; ")
        line.append(S(colleague.short))
        if draw(st.booleans()):
            line += [" <", S(_colleague_email(c, colleague)), ">"]
    return Slots(head=[line])


def _colleague_chat_label(draw: st.DrawFn, c: Case) -> Slots:
    said = ["yeah I saw her too", "I'll let the office know", "she was upset earlier"]
    return Slots(
        others=[([S(colleague.short)], [draw(st.sampled_from(said))]) for colleague in c.colleagues]
    )


def _colleague_manager(draw: st.DrawFn, c: Case) -> Slots:
    colleague = c.colleagues[0]
    name = colleague.short
    line = _pick(
        draw,
        [
            Slots(body=[["I have told my manager ", S(name), "."]]),
            Slots(body=[["my line manager ", S(name.lower()), " knows about this"]]),
            Slots(body=[["I spoke to my manager, ", S(name), ", who agreed I should share this."]]),
            Slots(body=[["Our DSL ", S(name), " is aware."]]),
        ],
    )
    if c.register == "dictation":
        line.body = [_lower(line.body[0])]
    return line


def _colleague_label(draw: st.DrawFn, c: Case) -> Slots:
    name = c.colleagues[0].short
    return {
        "case": _pick(
            draw,
            [
                Slots(head=[["Reviewed by: ", S(name), " (Shift Lead)"]]),
                Slots(head=[["Supervisor: ", S(name)]]),
            ],
        ),
        "email": Slots(end=[["Line manager: ", S(name)]]),
        "letter": Slots(end=[["cc: ", S(name), ", Shift Lead"]]),
    }[c.register]


def _colleague_title(draw: st.DrawFn, c: Case) -> Slots:
    named = f"{draw(st.sampled_from(['Mr', 'Mrs', 'Ms']))} {c.colleagues[0].last}"
    line = _pick(
        draw,
        [
            Slots(body=[["Our head ", S(named), " is aware."]]),
            Slots(body=[["I've let ", S(named), " (DSL) know."]]),
        ],
    )
    if c.register == "dictation":
        line.body = [_lower(line.body[0])]
    return line


ALL = tuple(REGISTERS)
# disguise -> (how it is written, the registers it is written in)
DISGUISES: dict[str, tuple[Callable[[st.DrawFn, Case], Slots], tuple[str, ...]]] = {
    "name_full": (_name_full, ALL),
    "name_caps": (_name_caps, ("email", "letter", "case", "chat", "sms")),
    "name_first_signoff": (_name_first_signoff, ALL),
    "name_first_mid": (_name_first_mid, ALL),
    "name_title_surname": (_name_title_surname, ALL),
    "name_initials": (_name_initials, ("email", "case", "chat", "letter", "sms")),
    "name_surname_first": (_name_surname_first, ("email", "case", "chat")),
    "name_entered": (_name_entered, ALL),
    "org_full": (_org_full, ALL),
    "org_short": (_org_short, ALL),
    "org_word": (_org_word, ALL),
    "org_acronym": (_org_acronym, ("email", "letter", "case", "chat", "sms")),
    "org_branch": (_org_branch, ALL),
    "phone_other_format": (_phone_other_format, ALL),
    "email": (_email, ALL),
    "colleague_cc": (_colleague_cc, ("email",)),
    "colleague_chat_label": (_colleague_chat_label, ("chat",)),
    "colleague_manager": (_colleague_manager, ALL),
    "colleague_label": (_colleague_label, ("case", "email", "letter")),
    "colleague_title": (_colleague_title, ALL),
}


# --- Registers: where a kind of text puts each part ----------------------------------------------
_HEAD_ORDER = ("From", "To", "Cc")
_CHAT_TIMES = ["18:40", "18:41", "18:43", "18:44", "18:46", "18:47", "18:49", "18:50", "18:51"]


def _join(lines: list[Line], sep: str) -> list[Part]:
    parts: list[Part] = []
    for number, line in enumerate(lines):
        if number:
            parts.append(sep)
        parts += line
    return parts


def _email_text(
    draw: st.DrawFn, c: Case, s: Subjects, slots: Slots, body: list[Line]
) -> list[Part]:
    parts: list[Part] = []
    head = sorted(
        slots.head,
        key=lambda line: next(
            (n for n, name in enumerate(_HEAD_ORDER) if line[0].startswith(name)), 9
        ),
    )
    if head or draw(st.booleans()):
        if draw(st.booleans()):
            parts.append("---------- Forwarded message ---------\n")
        parts += _join(head, "\n") + (["\n"] if head else [])
        parts += ["Date: Tue, 12 Mar 2024 at 16:05\nSubject: Concern about ", Keep(s.subject.first)]
        parts.append("\n\n")
    # "Dear colleague," is removed as a role: its own known gap ("emptied-line").
    parts.append(draw(st.sampled_from(["Hi,", "Hello,", "Hi all,", "Good afternoon,"])))
    parts.append("\n\n")
    parts += _join(body, " ")
    if slots.end:
        parts += ["\n\n", *_join(slots.end, "\n")]
    return parts


def _letter_text(
    draw: st.DrawFn, c: Case, s: Subjects, slots: Slots, body: list[Line]
) -> list[Part]:
    parts: list[Part] = []
    if slots.head:
        parts += [*_join(slots.head, "\n"), "\n\n"]
    # "Dear Sir or Madam," loses "Sir" and "Madam" and so opens the "emptied-line" gap.
    parts += ["12 March 2024\n\nTo whom it may concern,\n\nRe: ", Keep(s.subject.short), "\n\n"]
    parts += _join(body, " ")
    parts.append("\n\nYours sincerely,\n\n")
    parts += _join(slots.end, "\n")
    return parts


def _case_text(draw: st.DrawFn, c: Case, s: Subjects, slots: Slots, body: list[Line]) -> list[Part]:
    parts: list[Part] = ["CASE NOTE    Ref: 2024/0412\nDate: 12/03/2024 16:05\n"]
    for line in slots.head:
        parts += [*line, "\n"]
    parts += ["Subject: ", Keep(s.subject.short), "\nDetails:\n"]
    parts += _join(body, "\n")
    if slots.end:
        parts += ["\n", *_join(slots.end, "\n")]
    return parts


def _chat_text(draw: st.DrawFn, c: Case, s: Subjects, slots: Slots, body: list[Line]) -> list[Part]:
    label = slots.label or ["Me"]
    whatsapp = draw(st.booleans())
    said: list[tuple[Line, Line]] = [(label, line) for line in body]
    for other in slots.others:
        at = draw(st.integers(min_value=1, max_value=len(said)))
        said.insert(at, other)
    parts: list[Part] = []
    for time, (who, line) in zip(_CHAT_TIMES, said, strict=False):
        stamp = f"12/03/2024, {time} - " if whatsapp else f"[{time}] "
        parts += [stamp, *who, ": ", *_unstopped(line), "\n"]
    parts += _join(slots.end, "\n")
    return parts


def _unstopped(line: Line) -> Line:
    """A sentence without its full stop, as chats and texts are typed."""
    last = line[-1]
    return [*line[:-1], last if isinstance(last, (Src, Keep)) else last.rstrip(".")]


def _dictation_text(
    draw: st.DrawFn, c: Case, s: Subjects, slots: Slots, body: list[Line]
) -> list[Part]:
    return _join([*body, *slots.end], " ")


def _sms_text(draw: st.DrawFn, c: Case, s: Subjects, slots: Slots, body: list[Line]) -> list[Part]:
    # The sign-off on a line of its own: straight after a detail it is the "detail-then-name" gap.
    return ["hi ", *_join([_unstopped(line) for line in body], ". "), "\n", *_join(slots.end, " ")]


_RENDER = {
    "email": _email_text,
    "letter": _letter_text,
    "case": _case_text,
    "chat": _chat_text,
    "dictation": _dictation_text,
    "sms": _sms_text,
}
_ACRONYM_KINDS = [k for k in ORG_KINDS if len(k[0].replace("NHS ", "").split()) >= 2]


@st.composite
def cases(draw: st.DrawFn, disguises: tuple[str, ...], registers: tuple[str, ...]) -> Case:
    """A text in one of ``registers`` holding the subjects' details and the source in each of
    ``disguises`` (those the register can hold)."""
    register = draw(st.sampled_from(registers))
    usable = [d for d in disguises if register in DISGUISES[d][1]]
    chosen = tuple(dict.fromkeys(draw(st.lists(st.sampled_from(usable), min_size=1, max_size=3))))
    if len(disguises) == 1:
        chosen = disguises
    case = draw(base_cases(register, "+".join(chosen)))
    if "org_acronym" in chosen and len(case.org.acronym) < 3:
        kind, short_kind = draw(st.sampled_from(_ACRONYM_KINDS))
        org = replace(case.org, kind=kind, short_kind=short_kind)
        case.org = org
        case.identity = replace(case.identity, organisation=org.entered)
    if "org_branch" in chosen and case.org.entered_as not in ("bracket", "dash"):
        org = replace(case.org, entered_as="dash")
        case.org = org
        case.identity = replace(case.identity, organisation=org.entered)
    if any(d.startswith("colleague") for d in chosen) and not case.colleagues:
        case.colleagues = [draw(people(COLLEAGUE_GIVEN, COLLEAGUE_SURNAMES))]
    details = draw(subjects())
    case.form = details.form
    slots = Slots()
    for disguise in chosen:
        slots.add(DISGUISES[disguise][0](draw, case))
    told = facts(details, TONE[register])
    picked = draw(st.lists(st.sampled_from(range(len(told))), min_size=1, unique=True))
    told = [told[n] for n in sorted(picked)]
    if register in ("chat", "case", "dictation"):
        # A line the sanitiser empties opens the "emptied-line" gap for the lines after it, and
        # unpunctuated dictation runs a writer's phrase on into what follows ("work-at-run-on",
        # "handle-then-writer"): the source's own lines come after the subjects' there.
        body = [*draw(st.permutations(told)), *slots.body]
    else:
        body = draw(st.permutations(told + slots.body))
    case.parts = _RENDER[register](draw, case, details, slots, body)
    # Subjects share no word with the source: a registration whose letters spell the source's
    # initials or acronym is the "registration-initials" gap's, not this generator's.
    assume(not set(fold(details.registration).split()) & spellings(case))
    # Nor letters that spell a staff role: the "registration-role-letters" gap.
    assume(details.registration[-3:] not in ROLE_LETTERS)
    assume(not case.initials_clash())
    case.check()
    return case


# --- Known gaps ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Gap:
    """A failure the generator found, shrunk by hand to a minimal example. ``kept``: subject
    details the example must keep and does not; ``gone``: source words it must remove and
    does not."""

    id: str
    what: str
    text: str
    source: dict
    form: dict
    kept: tuple[str, ...] = ()
    gone: tuple[str, ...] = ()
    fixed: bool = False


# Every gap found, fixed or not: a fixed one keeps its minimal example and its generated property
# as ordinary tests, so it cannot come back unseen.
GAPS_FOUND = [
    Gap(
        "nickname-initial",
        "A nickname that ends in a single letter ('Big T'), at a sentence's end, is read with "
        "the next sentence's first word as one unknown name and removed with it.",
        "They call him Big T. Jade is 14.",
        {"name": "Ann Lee"},
        {
            "subjects": [{"name": "Jade Walsh"}],
            "persons_of_concern": [{"name": "Marcus Lynch", "nicknames": "Big T"}],
        },
        kept=("Big T", "Jade"),
        fixed=True,
    ),
    Gap(
        "emptied-line",
        "A line the sanitiser empties (the greeting 'Dear colleague,', 'Dear Sir or Madam,', a "
        "chat line 'I work at <organisation>') is read again as a signature block, which then "
        "takes every following line of up to 100 characters that holds another removal, with "
        "the subjects' details on it.",
        "Dear colleague,\n\nJade got into US49 YCW. Call me on 07700 900123.",
        {"name": "Leszek Szymanska", "phone": "07700 900123"},
        {"subjects": [{"name": "Jade Walsh"}], "vehicles": [{"registration": "US49 YCW"}]},
        kept=("Jade", "US49 YCW"),
        fixed=True,
    ),
    Gap(
        "detail-then-name",
        "An unpunctuated sign-off straight after a registration or a person's name ('again "
        "YR14 WTU Rajinder x', 'it was Marcus Lynch Rajinder x') is read as one name with it: "
        "the subject's detail is removed with the source's first name.",
        "she got in YR14 WTU Rajinder x",
        {"name": "Rajinder Fitzgerald-Hale"},
        {"vehicles": [{"registration": "YR14 WTU"}]},
        kept=("YR14 WTU",),
        fixed=True,
    ),
    Gap(
        "handle-then-writer",
        "Unpunctuated, a writer's phrase after a handle ('@kb_bristol99 our dsl', '@dino_77 ta "
        "Cathal') is read as a role that starts inside the handle: only the '@' is left.",
        "he messages her on @kb_bristol99 our dsl is aware",
        {"name": "Thandiwe Quorrington"},
        {"persons_of_concern": [{"name": "Jordan Price", "social_media": "@kb_bristol99"}]},
        kept=("@kb_bristol99",),
        fixed=True,
    ),
    Gap(
        "work-at-run-on",
        "In dictation without punctuation 'i work at <organisation>' runs on over what follows "
        "(a subject's name, a suspect's phone), and may end inside a word: 'i work at "
        "kingsweston housing shanice novak was seen getting into a car' becomes "
        "'[source removed]een getting into a car'.",
        "i work at kingsweston housing shanice novak was seen",
        {"name": "Joaquin Quorrington", "organisation": "Kingsweston Housing Association"},
        {"subjects": [{"name": "Shanice Novak"}]},
        kept=("shanice novak",),
        fixed=True,
    ),
    Gap(
        "org-abbreviation-full-stop",
        "An organisation's short form ending in 'FT' at a sentence's end runs on over the next "
        "sentence's capitalised words, a subject's name with them.",
        "Northvale FT. Maisie Novak was seen.",
        {"name": "Dafydd Nair", "organisation": "Northvale NHS Foundation Trust"},
        {"subjects": [{"name": "Maisie Novak"}]},
        kept=("Maisie Novak",),
        fixed=True,
    ),
    Gap(
        "registration-initials",
        "A registration entered as a subject's vehicle loses its last three letters where they "
        "spell the source's initials with a name particle ('PBY' for Priya bin Yusof).",
        "She got into BC70 PBY.",
        {"name": "Priya bin Yusof"},
        {"vehicles": [{"registration": "BC70 PBY"}]},
        kept=("BC70 PBY",),
        fixed=True,
    ),
    Gap(
        "registration-role-letters",
        "A registration entered as a subject's vehicle whose letters spell a staff role's "
        "abbreviation (HCA, SLT, DSL, SGL...) is read as a role with the words before it "
        "('registration OB34 HCA', 'got into OB34 SGL') and removed.",
        "Kyle got into a car, registration OB34 HCA, yesterday.",
        {"name": "Siobhan Abernethy"},
        {"subjects": [{"name": "Kyle Turner"}], "vehicles": [{"registration": "OB34 HCA"}]},
        kept=("OB34 HCA",),
        fixed=True,
    ),
    Gap(
        "initials-in-square-brackets",
        "The source's initials, where they are also an abbreviation (PS, NB), stay as a "
        "case-note tag in square brackets; '(PS)', 'PS:', '- PS' and 'Entry by PS' are removed "
        "('[PN]' for Priya Nair is removed too).",
        "[PS] Kyle was seen.",
        {"name": "Priya Szymanska"},
        {"subjects": [{"name": "Kyle Turner"}]},
        gone=("PS",),
        fixed=True,
    ),
    Gap(
        "lowercase-middle-name",
        "A middle name the form does not hold stays when the name is written in lower case; "
        "capitalised ('Hamza Ayodele Okonkwo') it is removed.",
        "this is hamza ayodele okonkwo calling",
        {"name": "Hamza Okonkwo"},
        {},
        gone=("ayodele",),
        fixed=True,
    ),
]
KNOWN_GAPS = [gap for gap in GAPS_FOUND if not gap.fixed]
GAPS = {gap.id: gap for gap in GAPS_FOUND}


def _gap_param(gap_id: str) -> object:
    if GAPS[gap_id].fixed:
        return pytest.param(gap_id, id=gap_id)
    return pytest.param(
        gap_id, id=gap_id, marks=pytest.mark.xfail(strict=False, reason=GAPS[gap_id].what)
    )


@st.composite
def gap_cases(draw: st.DrawFn, gap_id: str) -> Case:
    """A text that holds the known gap's trigger, in the registers where it was found."""
    registers = {
        "nickname-initial": ("email", "letter", "sms"),
        "emptied-line": ("email", "letter", "chat", "case"),
        "detail-then-name": ("sms",),
        "handle-then-writer": ("dictation", "sms"),
        "work-at-run-on": ("dictation",),
        "org-abbreviation-full-stop": ("email", "letter", "case"),
        "registration-initials": ("email", "letter", "case"),
        "registration-role-letters": ("email", "letter", "case", "sms"),
        "initials-in-square-brackets": ("case", "chat", "email"),
        "lowercase-middle-name": ("dictation",),
    }[gap_id]
    register = draw(st.sampled_from(registers))
    case = draw(base_cases(register, gap_id))
    s = draw(subjects())
    p, poc = case.source, s.poc
    first = p.given
    lines: list[Line]
    if gap_id == "nickname-initial":
        s = replace(s, nickname=draw(st.sampled_from(INITIAL_NICKNAMES)))
        after = draw(st.sampled_from([s.subject.first, s.subject.short]))
        # "known as Big T." is read right: the gap is the nickname without that cue.
        lead = draw(st.sampled_from(["They call him ", "The car is driven by ", "She was with "]))
        lines = [[lead, Keep(s.nickname), ". ", Keep(after), " is 19."]]
    elif gap_id == "emptied-line":
        return _emptied_line_case(draw, case, s)
    elif gap_id == "detail-then-name":
        detail = draw(st.sampled_from([s.registration, poc.short]))
        sign = draw(st.sampled_from([[S(first), " x"], [S(first)], [S(first.lower())]]))
        lines = [[Keep(s.subject.first), " got in a car again with ", Keep(detail), " "]]
        lines[0] += sign
    elif gap_id == "handle-then-writer":
        colleague = draw(people(COLLEAGUE_GIVEN, COLLEAGUE_SURNAMES))
        case.colleagues = [colleague]
        writer = draw(
            st.sampled_from(
                [
                    ["our dsl ", S(colleague.short.lower()), " is aware"],
                    ["our head ", S(f"mr {colleague.last.lower()}"), " knows"],
                    ["ta ", S(first)],
                ]
            )
        )
        lines = [["he messages her on ", Keep(s.handle), " ", *writer]]
    elif gap_id == "work-at-run-on":
        org = draw(st.sampled_from([case.org.name, f"{case.org.brand} {case.org.short_kind}"]))
        then = draw(st.sampled_from(facts(s, "dictation")))
        lines = [["i work at ", S(org.lower()), " ", *then]]
    elif gap_id == "org-abbreviation-full-stop":
        case.org = Organisation(case.org.brand, "NHS Foundation Trust", "FT", "", "plain")
        case.identity = replace(case.identity, organisation=case.org.entered)
        short = draw(st.sampled_from([f"{case.org.brand} FT", f"{case.org.brand} NHS FT"]))
        lines = [["I work at ", S(short), ". ", Keep(s.subject.short), " was seen last night."]]
    elif gap_id in ("registration-initials", "registration-role-letters"):
        if gap_id == "registration-initials":
            p = Person(p.given, p.last, draw(st.sampled_from(["bin", "de", "da"])))
            case.source = p
            case.identity = replace(case.identity, name=p.short)
            letters = f"{p.given[0]}{p.particles[0]}{p.last[0]}".upper()
        else:
            letters = draw(st.sampled_from(sorted(ROLE_LETTERS)))
        s = replace(s, registration=s.registration[:5] + letters)
        lines = [[Keep(s.subject.first), " got into a car, registration ", Keep(s.registration)]]
        lines[0].append(", last night.")
    elif gap_id == "initials-in-square-brackets":
        # Initials that are also an abbreviation ("PS", "NB") go in every other writing.
        given, particles, last = draw(
            st.sampled_from(
                [("Priya", "", "Szymańska"), ("Priya", "de", "Souza"), ("Nkechi", "", "Berg")]
            )
        )
        p = case.source = Person(given, last, particles, "", True)
        case.identity = replace(case.identity, name=p.short)
        initials = p.initials
        case.extra_forbidden.append(initials)
        lines = [["[", S(initials), "] ", Keep(s.subject.short), " was seen last night."]]
    else:  # lowercase-middle-name
        middle = draw(st.sampled_from(["ayodele", "maria", "jane"]))
        p = Person(p.given, p.last, p.particles, middle.title(), p.female)
        case.source = p
        case.identity = replace(case.identity, name=Person(p.given, p.last, p.particles).short)
        lines = [["this is ", S(p.full.lower()), " calling about ", Keep(s.subject.short.lower())]]
    case.form = s.form
    case.parts = _RENDER[register](draw, case, s, Slots(), lines)
    case.check()
    return case


def _emptied_line_case(draw: st.DrawFn, case: Case, s: Subjects) -> Case:
    """An emptied line, then a short line with a subject's detail and another removal."""
    detail = draw(
        st.sampled_from(
            [
                [Keep(s.subject.first), " got into ", Keep(s.registration), "."],
                [Keep(s.poc.short), " calls her on ", Keep(s.poc_phone), "."],
                ["His snap is ", Keep(s.handle), "."],
            ]
        )
    )
    phone = S(case.identity.phone)
    if case.register in ("email", "letter"):
        greeting = draw(st.sampled_from(["Dear colleague,", "Dear Officer,", "Dear Sir or Madam,"]))
        parts = [greeting, "\n\n", *detail, " Call me on ", phone, "."]
    elif case.register == "chat":
        parts = ["[18:40] Me: I work at ", S(case.org.name), "\n[18:41] Me: ", *detail, "\n"]
    else:
        parts = ["Details:\nI work at ", S(case.org.name), ".\n", *detail, " Call me on ", phone]
    case.form = s.form
    case.parts = parts
    case.check()
    return case


# --- The properties ------------------------------------------------------------------------------
# The file runs in ~30 s on one core: a case costs a few milliseconds to build and to sanitise.
PROPERTY = settings(
    max_examples=50,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
# A known gap's property fails: no shrinking (its minimal example is in KNOWN_GAPS).
GAP_PROPERTY = settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.generate],
    suppress_health_check=[HealthCheck.too_slow],
)


def assert_source_gone_and_subjects_kept(case: Case) -> None:
    result = sanitise(case.text, case.identity, SubjectDetails.from_form(case.form))
    left = case.leaks(result.text)
    lost = [detail for detail in case.kept if detail not in result.text]
    assert not left and not lost, (
        f"\nsource left: {left}\nsubject details lost: {lost}\nsource: {case.identity}\n"
        f"form: {case.form}\n--- text ---\n{case.text}\n--- sanitised ---\n{result.text}"
    )


@pytest.mark.parametrize("disguise", list(DISGUISES))
@PROPERTY
@given(data=st.data())
def test_a_source_in_any_disguise_is_removed_and_the_subjects_stay(
    disguise: str, data: st.DataObject
) -> None:
    case = data.draw(cases((disguise,), DISGUISES[disguise][1]))
    assert_source_gone_and_subjects_kept(case)


@pytest.mark.parametrize("register", REGISTERS)
@PROPERTY
@given(data=st.data())
def test_a_text_of_any_register_with_several_disguises_loses_the_source_keeps_the_subjects(
    register: str, data: st.DataObject
) -> None:
    case = data.draw(cases(tuple(DISGUISES), (register,)))
    assert_source_gone_and_subjects_kept(case)


@pytest.mark.parametrize("gap_id", [_gap_param(gap.id) for gap in GAPS_FOUND])
@GAP_PROPERTY
@given(data=st.data())
def test_known_gap_generated(gap_id: str, data: st.DataObject) -> None:
    assert_source_gone_and_subjects_kept(data.draw(gap_cases(gap_id)))


@pytest.mark.parametrize("gap_id", [_gap_param(gap.id) for gap in GAPS_FOUND])
def test_known_gap_minimal_example(gap_id: str) -> None:
    gap = GAPS[gap_id]
    result = sanitise(gap.text, SourceIdentity(**gap.source), SubjectDetails.from_form(gap.form))
    assert [d for d in gap.kept if d not in result.text] == [], result.text
    assert [w for w in gap.gone if _word_in(fold(w), fold(result.text))] == [], result.text


# --- Classes of failure read in development set D (issue 11) -------------------------------------
# Each property is over generated identities in a template of the register the failure came from
# (dictation, a case print, a chat, a letter); its minimal example is in test_work_identities.py.
SPOKEN = {
    "0": ["oh", "zero"],
    "1": ["one"],
    "2": ["two"],
    "3": ["three"],
    "4": ["four"],
    "5": ["five"],
    "6": ["six"],
    "7": ["seven"],
    "8": ["eight"],
    "9": ["nine"],
}
NATO = dict(
    zip(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        [
            "alpha",
            "bravo",
            "charlie",
            "delta",
            "echo",
            "foxtrot",
            "golf",
            "hotel",
            "india",
            "juliet",
            "kilo",
            "lima",
            "mike",
            "november",
            "oscar",
            "papa",
            "quebec",
            "romeo",
            "sierra",
            "tango",
            "uniform",
            "victor",
            "whisky",
            "xray",
            "yankee",
            "zulu",
        ],
        strict=True,
    )
)


def spoken_mobile(draw: st.DrawFn, digits: str) -> str:
    """07700 900123 read out: "oh seven seven hundred nine hundred one two three" or digit by
    digit, with "double" for a repeat."""
    if draw(st.booleans()) and digits[3:5] == "00" and digits[6:8] == "00":
        head = f"oh seven {SPOKEN[digits[2]][0]} hundred {SPOKEN[digits[5]][0]} hundred"
        return head + " " + " ".join(SPOKEN[d][0] for d in digits[8:])
    words = [draw(st.sampled_from(SPOKEN[d])) for d in digits]
    return " ".join(words)


def spoken_plate(plate: str) -> str:
    return " ".join(NATO[ch] if ch.isalpha() else SPOKEN[ch][0] for ch in plate if ch != " ")


@st.composite
def registrations(draw: st.DrawFn) -> str:
    letters = st.sampled_from(REG_LETTERS)
    first = draw(letters) + draw(letters)
    if first.lower() in ROLE_LETTERS or first in ("OH", "OK"):
        first = "YK"
    return f"{first}{draw(st.integers(10, 74))} {''.join(draw(letters) for _ in range(3))}"


@PROPERTY
@given(data=st.data())
def test_a_phone_read_out_is_removed_and_a_plate_read_out_kept(data: st.DataObject) -> None:
    draw = data.draw
    source = draw(people([g for g, _ in SOURCE_GIVEN], [s for _, s in SOURCE_SURNAMES]))
    phone = f"07700 900{draw(st.integers(100, 999))}"
    poc = draw(people(POC_GIVEN, POC_SURNAMES))
    plate = draw(registrations())
    said = spoken_plate(plate)
    text = (
        f"right this is {source.short.lower()} i saw {poc.short.lower()} drive off in a grey "
        f"car registration {said} you can ring me on {spoken_mobile(draw, phone.replace(' ', ''))}"
        " thanks"
    )
    identity = SourceIdentity(name=source.short, phone=phone)
    form = {"persons_of_concern": [{"name": poc.short}], "vehicles": [{"registration": plate}]}
    result = sanitise(text, identity, SubjectDetails.from_form(form))
    assert said in result.text, result.text
    assert not re.search(r"(?:oh|zero|seven|hundred)\s+(?:seven|hundred)", result.text), result.text


@PROPERTY
@given(data=st.data())
def test_the_role_said_in_other_words_goes(data: st.DataObject) -> None:
    from sanitiser.vocabulary import ROLE_FAMILIES

    draw = data.draw
    family = draw(st.sampled_from([f for f in ROLE_FAMILIES if len(f) >= 2]))
    entered, said = draw(st.permutations(family))[:2]
    # Written as a phrase of its own (one-word names stand beside the source's name).
    source = draw(people([g for g, _ in SOURCE_GIVEN], [s for _, s in SOURCE_SURNAMES]))
    subject = draw(people(SUBJECT_GIVEN, SUBJECT_SURNAMES))
    opening = draw(
        st.sampled_from(
            [
                f"this is {source.short}, {said} here.",
                f"{source.short} ({said})",
                f"{source.first} here, {said} at the club.",
            ]
        )
    )
    text = f"{opening} {subject.short} was seen at the gate with an older man."
    role = draw(st.sampled_from([entered, f"{entered} (nights)"]))
    identity = SourceIdentity(name=source.short, role=role)
    form = {"subjects": [{"name": subject.short}]}
    result = sanitise(text, identity, SubjectDetails.from_form(form))
    assert subject.short in result.text, result.text
    assert not re.search(rf"(?i)(?<!\w){re.escape(said)}(?!\w)", result.text), result.text


@PROPERTY
@given(data=st.data())
def test_the_writers_work_vehicle_and_numbers_go_a_suspects_vehicle_stays(
    data: st.DataObject,
) -> None:
    draw = data.draw
    source = draw(people([g for g, _ in SOURCE_GIVEN], [s for _, s in SOURCE_SURNAMES]))
    poc = draw(people(POC_GIVEN, POC_SURNAMES))
    theirs, mine = draw(registrations()), draw(registrations())
    assume(theirs != mine)
    cue = draw(st.sampled_from(["badge", "collar", "fleet", "licence", "staff"]))
    number = " ".join(SPOKEN[d][0] for d in str(draw(st.integers(100, 99999))))
    own = draw(
        st.sampled_from(
            [
                f"I parked the school van ({mine}) by the gate.",
                f"my moped reg is {mine} if you check the cctv.",
                f"Job sheet. Van: {mine}.",
                f"our work van {mine} was on the drive.",
            ]
        )
    )
    text = f"{own} {poc.short} drives a grey car, {theirs}. my {cue} number is {number} thanks"
    identity = SourceIdentity(name=source.short)
    form = {"persons_of_concern": [{"name": poc.short}], "vehicles": [{"registration": theirs}]}
    result = sanitise(text, identity, SubjectDetails.from_form(form))
    assert theirs in result.text and poc.short in result.text, result.text
    assert mine not in result.text and number not in result.text, result.text


@PROPERTY
@given(data=st.data())
def test_a_colleague_named_by_how_they_stand_to_the_writer_goes(data: st.DataObject) -> None:
    draw = data.draw
    source = draw(people([g for g, _ in SOURCE_GIVEN], [s for _, s in SOURCE_SURNAMES]))
    colleague = draw(st.sampled_from(COLLEAGUE_GIVEN))
    subject = draw(people(SUBJECT_GIVEN, SUBJECT_SURNAMES))
    relation = draw(st.sampled_from(["colleague", "other coach", "mate", "manager", "supervisor"]))
    said = draw(st.sampled_from([colleague, colleague.lower()]))
    intro = draw(
        st.sampled_from(
            [f"my {relation} {said} saw it too", f"my {relation} at the club is called {said}"]
        )
    )
    text = f"{subject.short} got into the car at 9pm, {intro}. {subject.first} looked scared."
    form = {"subjects": [{"name": subject.short}]}
    result = sanitise(text, SourceIdentity(name=source.short), SubjectDetails.from_form(form))
    assert subject.short in result.text, result.text
    assert not _word_in(fold(colleague), fold(result.text)), result.text


@PROPERTY
@given(data=st.data())
def test_the_workplace_by_a_generic_phrase_or_its_street_goes_a_subjects_place_stays(
    data: st.DataObject,
) -> None:
    draw = data.draw
    source = draw(people([g for g, _ in SOURCE_GIVEN], [s for _, s in SOURCE_SURNAMES]))
    brand, (kind, _) = draw(st.sampled_from(ORG_BRANDS)), draw(st.sampled_from(ORG_KINDS))
    street = draw(st.sampled_from(["Tong Street", "Cardigan Road", "York Rd", "Harlow Lane"]))
    subject = draw(people(SUBJECT_GIVEN, SUBJECT_SURNAMES))
    place = draw(st.sampled_from(PLACES))
    generic = kind.lower()
    opening = draw(
        st.sampled_from(
            [
                f"I work at {brand} {kind}, {street}.",
                f"I work at {brand} {kind} (the one on {street}).",
                f"I work at the {generic}, the site on {street}.",
            ]
        )
    )
    text = f"{opening} {subject.short} was seen at {place} with an older man."
    identity = SourceIdentity(name=source.short, organisation=f"{brand} {kind}")
    form = {"subjects": [{"name": subject.short}], "places": [{"name": place}]}
    result = sanitise(text, identity, SubjectDetails.from_form(form))
    assert subject.short in result.text and place in result.text, result.text
    assert street not in result.text, result.text
    if len(kind.split()) >= 2 and kind.split()[-1].lower() not in ("cic", "trust"):
        assert generic not in result.text.lower(), result.text


@PROPERTY
@given(data=st.data())
def test_the_writer_picked_out_without_a_name_goes_the_subject_stays(data: st.DataObject) -> None:
    draw = data.draw
    source = draw(people([g for g, _ in SOURCE_GIVEN], [s for _, s in SOURCE_SURNAMES]))
    subject = draw(people(SUBJECT_GIVEN, SUBJECT_SURNAMES))
    trait = draw(st.sampled_from(["Polish speaker", "male member of staff", "first aider"]))
    group = draw(st.sampled_from(["team", "night shift", "ward", "staff"]))
    said, gone = draw(
        st.sampled_from(
            [
                (f"I am the only {trait} on the {group}", f"only {trait}"),
                (f"I was the one who saw {subject.short} leave", "the one who"),
                (f"{subject.short} is in my tutor group", "tutor group"),
            ]
        )
    )
    text = f"{said}. {subject.short} got into a grey car at 9pm."
    form = {"subjects": [{"name": subject.short}]}
    result = sanitise(text, SourceIdentity(name=source.short), SubjectDetails.from_form(form))
    assert gone not in result.text and subject.short in result.text, result.text


# The writer's own work, position or tie to the subject, built from its parts: who the writer is
# to the subject, what they do there, how often or how long, and the register it is written in.
_WRITERS_WORK = [
    ("I was the one on the till when {s} came in", "the one on the till"),
    ("when I took the phone off {him} in period 3, {s} cried", "took the phone off"),
    ("I've been {his} key worker since 2019 and {s} trusts me", "key worker since 2019"),
    ("I supervise {his} methadone every morning and {s} looks thin", "supervise"),
    ("I'm the only Polish-speaking carer on the team so {s} talks to me", "Polish-speaking"),
    ("{s} only talks to me because I speak Tigrinya", "only talks to me"),
    ("{s} is in my tutor group", "my tutor group"),
    ("I coach {his} under-14s on Saturdays and {s} has missed four games", "coach"),
    ("I have known the family since I delivered {his} youngest", "delivered"),
    ("As {his} named nurse I completed the belongings check", "named nurse"),
    ("i run the breakfast club so i see {s} first thing", "breakfast club"),
    ("I am cleaning the changing rooms in the evening and {s} is waiting", "cleaning"),
]
_WHAT_WAS_SEEN = [
    "I saw {s} get into a grey Audi at 15:20",
    "I heard {s} tell a friend about the flat on Mill Road",
    "I noticed {s} had two phones and a cut on one hand",
    "I think {s} is scared of the man in the red jacket",
]
_REGISTERS = [
    "{a}. {b}.",
    "[14:02] {a}\n[14:03] {b}",
    "Dear team,\n\n{a}. {b}.\n\nKind regards",
    "{a_lower} {b_lower}",
]


@PROPERTY
@given(data=st.data())
def test_the_writers_own_work_goes_as_an_unknown_what_they_saw_of_the_subject_stays(
    data: st.DataObject,
) -> None:
    draw = data.draw
    source = draw(people([g for g, _ in SOURCE_GIVEN], [s for _, s in SOURCE_SURNAMES]))
    subject = draw(people(SUBJECT_GIVEN, SUBJECT_SURNAMES))
    said, gone = draw(st.sampled_from(_WRITERS_WORK))
    seen = draw(st.sampled_from(_WHAT_WAS_SEEN))
    register = draw(st.sampled_from(_REGISTERS))
    pronoun = draw(st.sampled_from([("him", "his"), ("her", "her")]))
    work = said.format(s=subject.short, him=pronoun[0], his=pronoun[1])
    work = work[0].upper() + work[1:]
    observed = seen.format(s=subject.short)
    text = register.format(a=work, b=observed, a_lower=work.lower(), b_lower=observed.lower())
    form = {"subjects": [{"name": subject.short}], "places": [{"name": "Mill Road"}]}
    result = sanitise(text, SourceIdentity(name=source.short), SubjectDetails.from_form(form))
    lowered = result.text.lower()
    assert gone.lower() not in lowered, result.text
    assert observed.lower() in lowered, result.text
    assert subject.short.lower() in lowered, result.text
    listed = [f for f in result.unknowns if f.kind == "self-description" and f.machine_removed]
    assert listed, result.findings
