"""How fast the sanitiser runs on realistic ~250-word CPI texts, single-threaded.

Every record has its own source, as in production, so the per-identity compile is part of the
cost, and its structured answers (the form's subjects, persons of concern, places, vehicle), so
the whole path the service runs is timed: finder, classing, the re-read and the gate's screen.
Run: python bench/sanitiser_bench.py [records] [runs] (median of the runs, 3 by default).
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sanitiser import SourceIdentity, SubjectDetails, sanitise
from sanitiser.matching import compile_identity

FIRST_NAMES = ["Sarah", "Daniel", "Priya", "Marcus", "Helen", "Imran", "Gemma", "Tom", "Fiona"]
SURNAMES = ["Hughes", "Kowalski", "Raman", "Adeyemi", "Littlewood", "Siddiqui", "Barker", "Okoro"]
PLACES = ["Kingsweston", "Greenway", "Hartcliffe", "Southmead", "Ashton Vale", "Brookfield"]
KINDS = ["Academy", "Medical Centre", "Pharmacy", "Youth Project", "Primary School", "Surgery"]
ROLES = ["Head of Year 9", "School Nurse", "Pharmacist", "Youth Worker", "Practice Manager"]

BODY = (
    "I am writing about {subject} ({age}), who has been seen on {street} with an older man known "
    'as "{nickname}". He drives a silver Ford Focus, registration WU68 KXD, and uses the number '
    "07700 900456. On Tuesday 12 March at about 15:20 {subject_first} got into the car outside "
    "the shops and did not come home until after midnight. {subject_first} told a friend that "
    "the man gives her vapes, money and a new phone, and that she owes him. Her friend showed a "
    "member of staff his Snapchat, @kb_bristol99, and said he has other girls working for him in "
    "the Lawrence Weston area. Mum, Lisa Jones, is aware of the car but not the gifts. "
    "{subject_first}'s attendance has dropped to 71% this term and she has been missing lessons "
    "on Fridays. Another pupil, Kyle Barnes, says the man also asked him to carry a bag to "
    "Weston-super-Mare for £50. I saw them together myself on Thursday at 16:05 by the bus stop. "
    "We have not discussed this with the family yet. Please contact {source} on {phone} or "
    "{email} if you need more, or speak to someone at {org} on the main number. The car was seen "
    "again on Saturday evening on Penpole Lane with two other teenagers in the back, one of whom "
    "was wearing a red tracksuit and a black balaclava.\n\nKind regards,\n{source}\n{role}\n{org}\n"
    "Tel: {phone}"
)


# What the professional entered on the structured pages, as the service reads it.
FORM = {
    "subjects": [{"name": "Sarah Jones", "address": "Hughes Road", "setting": ""}],
    "persons_of_concern": [
        {
            "name": "Kieran Bell",
            "nicknames": "Kay",
            "phone_numbers": "07700 900456",
            "social_media": "@kb_bristol99",
        }
    ],
    "places": [{"name": "Penpole Lane", "address": ""}],
    "vehicles": [
        {"registration": "WU68 KXD", "colour": "silver", "make": "Ford", "model": "Focus"}
    ],
}


def make_records(n_records: int, seed: int = 7) -> list[tuple[str, SourceIdentity, SubjectDetails]]:
    randomiser = random.Random(seed)
    records = []
    for index in range(n_records):
        first, last = randomiser.choice(FIRST_NAMES), randomiser.choice(SURNAMES)
        org = f"{randomiser.choice(PLACES)} {randomiser.choice(KINDS)}"
        domain = org.split()[0].lower() + f"{index}.example"
        identity = SourceIdentity(
            name=f"{first} {last}",
            role=randomiser.choice(ROLES),
            organisation=org,
            email=f"{first[0].lower()}.{last.lower()}@{domain}",
            phone=f"0117 496 {index % 1000:04d}",
        )
        text = BODY.format(
            subject="Sarah Jones",
            subject_first="Sarah",
            age=14,
            street="Hughes Road",
            nickname="Kay",
            source=identity.name,
            phone=identity.phone,
            email=identity.email,
            org=org,
            role=identity.role,
        )
        records.append((text, identity, SubjectDetails.from_form(FORM)))
    return records


def run(n_records: int = 2000, runs: int = 1) -> dict:
    """Sanitise ``n_records`` records, each with its own source, ``runs`` times, and time it.

    ``records_per_second`` counts the CPU time of this one thread, so a busy machine (tests
    running alongside) skews it less; ``wall_records_per_second`` is the elapsed-time figure.
    With several runs each is the median, and every run's figures are kept.
    """
    records = make_records(n_records)
    cpu_rates: list[float] = []
    wall_rates: list[float] = []
    for _ in range(max(runs, 1)):
        compile_identity.cache_clear()  # every run compiles every source, as production would
        cpu_started, wall_started = time.process_time(), time.perf_counter()
        for text, identity, details in records:
            sanitise(text, identity, details)
        cpu = time.process_time() - cpu_started
        wall = time.perf_counter() - wall_started
        cpu_rates.append(n_records / cpu if cpu else float("inf"))
        wall_rates.append(n_records / wall if wall else float("inf"))
    words = sum(len(text.split()) for text, _, _ in records) // max(len(records), 1)
    return {
        "records_per_second": statistics.median(cpu_rates),
        "wall_records_per_second": statistics.median(wall_rates),
        "runs_records_per_second": cpu_rates,
        "runs_wall_records_per_second": wall_rates,
        "records": n_records,
        "words_per_text": words,
    }


def main() -> None:
    n_records = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    result = run(n_records, runs)
    each = ", ".join(
        f"{cpu:.0f}/{wall:.0f}"
        for cpu, wall in zip(
            result["runs_records_per_second"], result["runs_wall_records_per_second"], strict=True
        )
    )
    print(
        f"sanitiser: {result['records_per_second']:.0f} records/s single-threaded (CPU time; "
        f"{result['wall_records_per_second']:.0f}/s wall clock), median of {runs} runs "
        f"[CPU/wall each: {each}], {result['records']} records of "
        f"{result['words_per_text']} words, each with its own source"
    )


if __name__ == "__main__":
    main()
