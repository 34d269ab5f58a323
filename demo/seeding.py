"""Fictional demo data at volume: `manage.py seed_demo` and the benchmark stand on this.

Everything here is invented: names are drawn from short lists written for this module, phone
numbers come from Ofcom's ranges reserved for drama (07700 900xxx, 0113 496 0xxx), and email
domains end in .example. Rows are generated in batches; on PostgreSQL each batch is written with
COPY by one of several worker processes (generation is the CPU cost, so it runs on every core),
elsewhere with batched INSERTs.

Encryption: Fernet costs ~8 microseconds a field, so a million sources (six fields, plus two
provenance fields on the submission) would spend a core-minute on encryption alone. By default
each run encrypts a pool of fictional source identities once and deals them out; every stored
token is a real Fernet token under the current key and decrypts, but the same identity's
ciphertext repeats across submissions. That is acceptable for fictional demo data and would not be
for real data (equal ciphertexts show equal plaintexts). `encrypt_each_row` encrypts every row.
"""

import json
import os
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta

from django.apps import apps
from django.db import models

from cpi.crypto import encrypt_str
from demo.seed_tables import COLUMNS, OPTIONAL_COLUMNS, model_columns
from demo.seed_vocabulary import (
    CLOSING,
    COLOURS,
    CONTACT_TIMES,
    FIRST_NAMES,
    NICKNAMES,
    ORG_STEMS,
    PERSON_DESCRIPTIONS,
    PLACES,
    PROVENANCE_DETAILS,
    REG_LETTERS,
    SOURCE_KINDS,
    STORIES,
    STREETS,
    SUBJECT_DESCRIPTIONS,
    SURNAMES,
    TOWNS,
    VEHICLES,
    WHEN,
)
from submissions.models import (
    Category,
    LawfulBasis,
    Outcome,
    PersonOfConcern,
    Place,
    Provenance,
    Risk,
    Source,
    SpecialCategoryCondition,
    Status,
    Subject,
    SubjectAware,
    Submission,
    SubmissionCategory,
    Vehicle,
    category_mask_of,
)
from submissions.references import REFERENCE_ALPHABET
from triage.clocks import due_at_for

HANDLING_CONDITIONS = "Share only with the force's public protection unit."
OUTCOME_DETAIL_FIELDS = (
    "log_text", "crime_summary", "tasking_note", "crime_reference", "referral_service",
    "referral_reason", "no_action_rationale",
)  # fmt: skip
OUTCOME_DETAILS = {
    Outcome.INTELLIGENCE_LOG: {},
    Outcome.CRIME_DESK: {
        "crime_summary": ("Possible supply of controlled drugs.", "Possible child sexual abuse.",
                          "Possible harassment.", "Possible modern slavery offences."),
        "tasking_note": ("Neighbourhood team to attend and speak to the family.",
                         "Allocate to the exploitation team for an enquiry."),
        "crime_reference": ("", "", "CR/0041234/24", "CR/0107720/25"),
    },
    Outcome.SAFEGUARDING_REFERRAL: {
        "referral_service": ("childrens_social_care", "mash", "adults_social_care", "education",
                             "health"),
        "referral_reason": ("Signs of exploitation; the family may need support.",
                            "Repeated missing episodes; welfare concern."),
    },
    Outcome.NO_ACTION: {
        "no_action_rationale": ("Already known and being managed by the neighbourhood team.",
                                "Not enough detail to act on; nothing further to add.",
                                "Duplicate of an earlier submission."),
    },
}  # fmt: skip
# Retention review of a log, as intelligence.services sets it (six years).
LOG_REVIEW_DAYS = 6 * 365
LogStatus_APPROVED, LogStatus_AWAITING = "approved", "awaiting_approval"

# Choices as plain tuples: TextChoices.values builds a new list on every access.
CATEGORIES = tuple(Category.values)
PROVENANCES = tuple(Provenance.values)
SPECIAL_CATEGORY_CONDITIONS = tuple(SpecialCategoryCondition.values)
SUBJECT_AWARE = tuple(SubjectAware.values)

# --- Shape of the data --------------------------------------------------------------------------
# Share of each status; the age range (days) a submission in that status has.
STATUS_WEIGHTS = (
    (Status.CLOSED, 0.955, (2, 1095)),
    (Status.NEW, 0.02, (0, 10)),
    (Status.IN_PROGRESS, 0.015, (0, 60)),
    (Status.AWAITING_REVIEW, 0.01, (1, 30)),
)
# A newcomer's mix (`seed_demo --newcomer`): a few dozen rows to try the queue, its filters, every
# outcome and the dashboard at once, so open work is a large share and closed work is recent.
NEWCOMER_STATUS_WEIGHTS = (
    (Status.NEW, 0.35, (0, 10)),
    (Status.IN_PROGRESS, 0.2, (0, 14)),
    (Status.AWAITING_REVIEW, 0.1, (1, 14)),
    (Status.CLOSED, 0.35, (2, 56)),
)
OUTCOME_WEIGHTS = (
    (Outcome.INTELLIGENCE_LOG, 0.45),
    (Outcome.NO_ACTION, 0.27),
    (Outcome.SAFEGUARDING_REFERRAL, 0.18),
    (Outcome.CRIME_DESK, 0.10),
)
PRIORITY_BY_RISK = {Risk.HIGH: (1, 2), Risk.MEDIUM: (2, 3), Risk.LOW: (3, 4)}
PRIORITY_CATEGORIES = {
    Category.MISSING_EXPLOITED_TRAFFICKED,
    Category.CHILD_SEXUAL_EXPLOITATION,
    Category.CRIMINAL_EXPLOITATION,
    Category.MODERN_SLAVERY,
}
SOURCE_POOL_SIZE = 4096
DEMO_HANDLERS = 12
REFERENCE_SPACE = len(REFERENCE_ALPHABET) ** 8
# A multiplier coprime with 30^8: i -> (a*i + offset) mod 30^8 visits every reference once, so
# one run never repeats a reference and consecutive rows do not look sequential.
REFERENCE_MULTIPLIER = 402_653_189


def reference_for(index: int, offset: int, prefix: str = "CPI") -> str:
    """The index-th reference of a run: distinct for distinct indexes, in CPI-XXXX-XXXX form."""
    value = (REFERENCE_MULTIPLIER * index + offset) % REFERENCE_SPACE
    chars = []
    for _ in range(8):
        value, digit = divmod(value, len(REFERENCE_ALPHABET))
        chars.append(REFERENCE_ALPHABET[digit])
    return f"{prefix}-{''.join(chars[:4])}-{''.join(chars[4:])}"


@dataclass
class SeedContext:
    """What every batch needs, built once before the workers start (they inherit it)."""

    seed: int
    now: datetime
    reference_offset: int
    handler_ids: list[int]
    # Fictional identities: (name, role, organisation, email, phone, contact_times) in plain text
    # and as stored (encrypted), index for index.
    sources_plain: list[tuple[str, ...]]
    sources_stored: list[tuple[str, ...]]
    provenance_stored: dict[str, list[str]]
    detail_stored: list[str]
    supervisor_ids: list[int] = field(default_factory=list)
    encrypt_each_row: bool = False
    status_weights: tuple = STATUS_WEIGHTS
    # Phones and plates drawn from this many (0: from thousands), so a newcomer's few dozen
    # submissions link to one another and the linked-submissions panel has something to show.
    shared_identifiers: int = 0
    # Other apps' models filled when they exist: {"triage.Assessment": model, ...}.
    optional: dict = field(default_factory=dict)
    # model -> (columns, complete) from model_columns()
    columns: dict = field(default_factory=dict)

    def tables(self) -> list[tuple[type[models.Model], list[str]]]:
        """(model, generated columns) in dependency order: the submission first."""
        tables = list(COLUMNS.items())
        for label, generated in OPTIONAL_COLUMNS.items():
            if label in self.optional:
                tables.append((self.optional[label], generated))
        return tables


def _sealed(value: str) -> str:
    return encrypt_str(value) if value else ""


def _source_identity(rng: random.Random, index: int) -> tuple[str, ...]:
    first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
    role, org_pattern, domain_pattern, _ = SOURCE_KINDS[index % len(SOURCE_KINDS)]
    stem = ORG_STEMS[(index // len(SOURCE_KINDS)) % len(ORG_STEMS)]
    slug = stem.lower()
    # Ofcom's drama ranges: 07700 900xxx, 0113 496 0xxx, 0161 496 0xxx.
    phone = rng.choice(("+447700900", "+441134960", "+441614960")) + f"{rng.randrange(1000):03d}"
    return (
        f"{rng.choice(('Mrs ', 'Mr ', 'Ms ', 'Dr ', ''))}{first} {last}".strip(),
        role,
        org_pattern.format(stem=stem),
        f"{first[0].lower()}.{last.lower()}@{domain_pattern.format(slug=slug)}",
        phone if rng.random() < 0.85 else "",
        rng.choice(CONTACT_TIMES),
    )


def context_build(
    *,
    seed: int,
    handler_ids: list[int],
    supervisor_ids: list[int],
    encrypt_each_row: bool = False,
    status_weights: tuple = STATUS_WEIGHTS,
    shared_identifiers: int = 0,
) -> SeedContext:
    """Encrypt the pools once (about a quarter of a second) and fix the run's constants."""
    rng = random.Random(f"{seed}:pool")
    plain = [_source_identity(rng, index) for index in range(SOURCE_POOL_SIZE)]
    stored = plain if encrypt_each_row else [tuple(map(_sealed, row)) for row in plain]
    context = SeedContext(
        seed=seed,
        now=datetime.now(UTC),
        reference_offset=random.SystemRandom().randrange(REFERENCE_SPACE),
        handler_ids=handler_ids,
        sources_plain=plain,
        sources_stored=stored,
        provenance_stored={p: [encrypt_str(p) for _ in range(64)] for p in PROVENANCES},
        detail_stored=[_sealed(d) for d in PROVENANCE_DETAILS for _ in range(64)],
        supervisor_ids=supervisor_ids,
        encrypt_each_row=encrypt_each_row,
        status_weights=status_weights,
        shared_identifiers=shared_identifiers,
    )
    for label in OPTIONAL_COLUMNS:
        try:
            context.optional[label] = apps.get_model(label)
        except LookupError:
            continue  # that app has not built its model yet: seed without it
    for model, generated in context.tables():
        context.columns[model] = model_columns(model, generated)
    return context


def _weighted(rng: random.Random, weighted):
    roll = rng.random()
    for item in weighted:
        roll -= item[1]
        if roll < 0:
            return item
    return weighted[-1]


def _name(rng: random.Random, avoid: set[str]) -> str:
    while True:
        first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        if first not in avoid and last not in avoid:
            return f"{first} {last}"


def _uuid() -> str:
    """A random (version 4) UUID as 32 hex digits: a third of the cost of uuid.uuid4().

    Keys are never derived from --seed, so seeding twice on top of existing data cannot clash.
    """
    digits = os.urandom(16).hex()
    return f"{digits[:12]}4{digits[13:16]}{'89ab'[int(digits[16], 16) & 3]}{digits[17:]}"


def _phone(rng: random.Random, pool: int = 0) -> str:
    return f"+447700900{rng.randrange(pool or 1000):03d}"


def _registration(rng: random.Random, pool: int = 0) -> str:
    # From a pool: one of `pool` plates fixed by the draw, so a few dozen rows share some.
    plate_rng = random.Random(f"plate:{rng.randrange(pool)}") if pool else rng
    letters = "".join(plate_rng.choice(REG_LETTERS) for _ in range(5))
    return f"{letters[:2]}{plate_rng.randrange(10, 75)}{letters[2:]}"


@dataclass
class Batch:
    """One batch's rows, table by table, in the order they must be written."""

    rows: dict

    def count(self) -> dict[str, int]:
        return {model._meta.db_table: len(rows) for model, rows in self.rows.items()}


def _subject_details(rows: dict, subjects: int, persons: int, places: int, vehicle: bool) -> dict:
    """The log's frozen copy of the subject information, from the rows just generated."""

    def last(model, count, keys, offset=5):
        picked = rows[model][len(rows[model]) - count :] if count else []
        return [dict(zip(keys, row[offset:], strict=True)) for row in picked]

    subject_keys = ("name", "date_of_birth", "approximate_age", "address", "setting", "description")
    details = {
        "subjects": last(Subject, subjects, subject_keys),
        "persons_of_concern": last(
            PersonOfConcern,
            persons,
            ("name", "nicknames", "description", "phone_numbers", "social_media"),
        ),
        "places": last(Place, places, ("name", "address", "description")),
        "vehicles": last(
            Vehicle, int(vehicle), ("make", "model", "colour", "registration", "description")
        ),
    }
    for subject in details["subjects"]:
        dob = subject["date_of_birth"]
        subject["date_of_birth"] = dob.isoformat() if dob else ""
    return details


def _log_row(rng, *, index, offset, submission_id, text, grading, conditions, categories,
             details, approved, created, handler_id) -> tuple:  # fmt: skip
    """A sanitised log as intelligence_log_create leaves it, except the gate clearance.

    The clearance says "the gate passed"; the seeder does not run the gate, so it leaves it
    empty and the first export checks every seeded log in full (and stores the clearance).
    """
    return (
        _uuid(), created, created, reference_for(index, offset + 1, prefix="LOG"),
        submission_id, text, *grading, conditions, json.dumps(sorted(categories)),
        *(json.dumps(details[key]) for key in ("subjects", "persons_of_concern", "places",
                                               "vehicles")),
        LogStatus_APPROVED if approved else LogStatus_AWAITING, handler_id, None, None,
        (created + timedelta(days=LOG_REVIEW_DAYS)).date(), "",
    )  # fmt: skip


def batch_generate(ctx: SeedContext, *, start: int, size: int, attempt: int = 0) -> Batch:
    """Rows for submissions start..start+size-1 of this run. Same seed and start, same content."""
    rng = random.Random(f"{ctx.seed}:{start}")
    offset = ctx.reference_offset + attempt * 7919  # a clash on retry moves the whole batch
    batch = Batch(rows={model: [] for model, _ in ctx.tables()})
    rows = batch.rows
    assessments = rows.get(ctx.optional.get("triage.Assessment"))
    logs = rows.get(ctx.optional.get("intelligence.IntelligenceLog"))
    for index in range(start, start + size):
        submission_id = _uuid()
        status, _, (low, high) = _weighted(rng, ctx.status_weights)
        created = ctx.now - timedelta(days=rng.uniform(low, high))
        categories = rng.sample(CATEGORIES, rng.choice((1, 1, 1, 2, 2, 3)))
        source_index = rng.randrange(SOURCE_POOL_SIZE)
        source_plain = ctx.sources_plain[source_index]
        # Subject details never share a word with the source's name (see ORG_STEMS).
        avoid = set(source_plain[0].replace(".", "").split())
        subjects = [_name(rng, avoid) for _ in range(rng.choice((1, 1, 1, 2, 2, 3)))]
        persons = [_name(rng, avoid) for _ in range(rng.choice((0, 1, 1, 1, 2)))]
        town, street = rng.choice(TOWNS), rng.choice(STREETS)
        places = [
            rng.choice(PLACES).format(street=street, town=town)
            for _ in range(rng.choice((0, 1, 1, 2)))
        ]
        make, model = rng.choice(VEHICLES)
        colour = rng.choice(COLOURS)
        has_vehicle = rng.random() < 0.4
        words = {
            "s": subjects[0],
            "sf": subjects[0].split()[0],
            "p": persons[0] if persons else rng.choice(NICKNAMES),
            "place": places[0] if places else f"{street}, {town}",
            "vehicle": f"{colour.lower()} {make} {model}",
            "town": town,
        }
        sentences = [rng.choice(STORIES[category]) for category in categories]
        sentences.append(rng.choice(CLOSING))
        log_text = " ".join(s.format(**words) for s in sentences if s)
        # The professional's own voice: provenance the sanitiser flags and a log never repeats.
        first_person = SOURCE_KINDS[source_index % len(SOURCE_KINDS)][3]
        information = (
            f"{log_text} {first_person.format(**words)}" if rng.random() < 0.7 else log_text
        )

        risk, priority = "", (2 if PRIORITY_CATEGORIES & set(categories) else 3)
        outcome, assignee, claimed, closed = "", None, None, None
        if status != Status.NEW:
            risk = rng.choice((Risk.LOW, Risk.LOW, Risk.MEDIUM, Risk.MEDIUM, Risk.HIGH))
            priority = rng.choice(PRIORITY_BY_RISK[risk])
            assignee = rng.choice(ctx.handler_ids) if ctx.handler_ids else None
            claimed = min(created + timedelta(hours=rng.uniform(0.2, 30)), ctx.now)
        if status == Status.CLOSED:
            outcome = _weighted(rng, OUTCOME_WEIGHTS)[0]
            closed = min(claimed + timedelta(hours=rng.uniform(0.5, 40)), ctx.now)
        elif status == Status.AWAITING_REVIEW:
            # What waits for a supervisor: a log (where approval is on) or high-risk "no action".
            outcome = rng.choice((Outcome.INTELLIGENCE_LOG, Outcome.NO_ACTION))
            if outcome == Outcome.NO_ACTION:
                risk, priority = Risk.HIGH, rng.choice(PRIORITY_BY_RISK[Risk.HIGH])
        recorded = closed
        if outcome and not closed:
            recorded = min(claimed + timedelta(hours=rng.uniform(0.5, 40)), ctx.now)
        updated = recorded or claimed or created
        occurred = (created - timedelta(days=rng.randrange(0, 15))).date()
        if ctx.encrypt_each_row:
            provenance = encrypt_str(rng.choice(PROVENANCES))
            detail = _sealed(rng.choice(PROVENANCE_DETAILS))
            source_stored = tuple(map(_sealed, source_plain))
        else:
            provenance = rng.choice(ctx.provenance_stored[rng.choice(PROVENANCES)])
            detail = rng.choice(ctx.detail_stored)
            source_stored = ctx.sources_stored[source_index]
        rows[Submission].append(
            (
                submission_id, created, updated, reference_for(index, offset), None,
                information, occurred if rng.random() < 0.7 else None,
                time(rng.randrange(24), rng.choice((0, 30))) if rng.random() < 0.3 else None,
                rng.choice(WHEN), provenance, detail,
                _weighted(rng, ((LawfulBasis.PUBLIC_TASK, 0.8), (LawfulBasis.LEGAL_OBLIGATION, 0.1),
                                (LawfulBasis.LEGITIMATE_INTERESTS, 0.1)))[0],
                rng.choice(SPECIAL_CATEGORY_CONDITIONS),
                rng.choice(SUBJECT_AWARE),
                status, risk, priority, outcome, claimed, closed,
                1 if status == Status.NEW else rng.randrange(2, 6), assignee,
                due_at_for(priority=priority, received=created),
                # Written here, so the link table's triggers find nothing left to change.
                category_mask_of(categories),
            )
        )  # fmt: skip
        rows[SubmissionCategory].extend((submission_id, category) for category in categories)
        for position, name in enumerate(subjects):
            age = rng.randrange(11, 18) if rng.random() < 0.8 else rng.randrange(18, 70)
            known_dob = rng.random() < 0.6
            dob = (created - timedelta(days=age * 365 + rng.randrange(365))).date()
            rows[Subject].append(
                (
                    _uuid(), created, created, submission_id, position, name,
                    dob if known_dob else None, None if known_dob else age,
                    f"{rng.randrange(1, 180)} {rng.choice(STREETS)}, {town}"
                    if rng.random() < 0.6 else "",
                    f"{rng.choice(TOWNS)} Secondary" if age < 18 and rng.random() < 0.5 else "",
                    rng.choice(SUBJECT_DESCRIPTIONS),
                )
            )  # fmt: skip
        for position, name in enumerate(persons):
            nickname = rng.choice(NICKNAMES) if rng.random() < 0.5 else ""
            rows[PersonOfConcern].append(
                (
                    _uuid(), created, created, submission_id, position,
                    name if rng.random() < 0.8 else "", nickname,
                    rng.choice(PERSON_DESCRIPTIONS),
                    _phone(rng, ctx.shared_identifiers) if rng.random() < 0.5 else "",
                    f"snapchat: {nickname.lower() or 'user'}{rng.randrange(10, 999)}"
                    if rng.random() < 0.4 else "",
                )
            )  # fmt: skip
        for position, place in enumerate(places):
            rows[Place].append(
                (_uuid(), created, created, submission_id, position, place,
                 f"{street}, {town}" if rng.random() < 0.5 else "", "")
            )  # fmt: skip
        if has_vehicle:
            rows[Vehicle].append(
                (_uuid(), created, created, submission_id, 0, make, model, colour,
                 _registration(rng, ctx.shared_identifiers) if rng.random() < 0.7 else "", "")
            )  # fmt: skip
        rows[Source].append((_uuid(), created, created, submission_id, *source_stored, None))
        if not outcome:
            continue
        grading = (
            rng.choice("1222223"),
            rng.choice("ABBCCCD"),
            "C" if rng.random() < 0.15 else "P",
        )
        conditions = HANDLING_CONDITIONS if grading[2] == "C" else ""
        reviewer = None
        if status == Status.CLOSED and outcome == Outcome.NO_ACTION and risk == Risk.HIGH:
            reviewer = rng.choice(ctx.supervisor_ids) if ctx.supervisor_ids else None
        if assessments is not None:
            details = dict.fromkeys(OUTCOME_DETAIL_FIELDS, "")
            details.update(
                {key: rng.choice(options) for key, options in OUTCOME_DETAILS[outcome].items()}
            )
            if outcome == Outcome.INTELLIGENCE_LOG:
                details["log_text"] = log_text
            assessments.append(
                (
                    _uuid(), claimed, updated, submission_id, *grading, conditions, outcome,
                    *details.values(), assignee, recorded, assignee,
                    recorded if reviewer else None, reviewer, "",
                )
            )  # fmt: skip
        if logs is not None and outcome == Outcome.INTELLIGENCE_LOG:
            logs.append(
                _log_row(
                    rng, index=index, offset=offset, submission_id=submission_id, text=log_text,
                    grading=grading, conditions=conditions, categories=categories,
                    details=_subject_details(rows, len(subjects), len(persons), len(places),
                                             has_vehicle),
                    approved=status == Status.CLOSED, created=recorded, handler_id=assignee,
                )
            )  # fmt: skip
    return batch
