"""The public form's journey as the benchmarks walk it: each page's path, label and answers.

Plain data, no locust and no Django, so both the load generator (`locustfile.py`) and the
in-process driver (`hot_paths.py`) walk the same pages with the same answers.
"""

from __future__ import annotations

ELIGIBILITY = ("immediate-danger", "crime", "urgent", "safeguarding-referral")
INFORMATION = (
    "{name} has been seen getting into a dark blue Vauxhall Corsa outside the bus station most "
    "Friday evenings. The driver is an older man who calls himself Deano. {first} has new "
    "trainers and a second phone and has been missing lessons. Other young people may be "
    "involved; a group gathers at the skate park on Rowan Close after 9pm."
)


def journey_steps(
    *, name: str, first: str, age: int, categories: list[str]
) -> list[tuple[str, str, dict]]:
    """(path, label, answers) for every page from eligibility to "about you", in order."""
    steps: list[tuple[str, str, dict]] = [
        (f"/eligibility/{slug}/", "eligibility", {"answer": "no"}) for slug in ELIGIBILITY
    ]
    steps += [
        ("/form/categories/", "categories", {"categories": categories}),
        # People at risk: one is required, so the list page sends us straight to "add".
        (
            "/form/people-at-risk/add/",
            "add person at risk",
            {"name": name, "approximate_age": age, "setting": ""},
        ),
        ("/form/people-at-risk/", "people at risk", {"add_another": "no"}),
        ("/form/persons-of-concern/", "persons of concern", {"add_another": "yes"}),
        (
            "/form/persons-of-concern/add/",
            "add person of concern",
            {"name": "", "nicknames": "Deano", "phone_numbers": "07700 900456"},
        ),
        ("/form/persons-of-concern/", "persons of concern", {"add_another": "no"}),
        ("/form/places/", "places", {"add_another": "no"}),
        ("/form/vehicles/", "vehicles", {"add_another": "yes"}),
        (
            "/form/vehicles/add/",
            "add vehicle",
            {"registration": "WU68 KXD", "make": "Vauxhall", "model": "Corsa", "colour": "Blue"},
        ),
        ("/form/vehicles/", "vehicles", {"add_another": "no"}),
        ("/form/when/", "when", {"when_description": "Most Friday evenings"}),
        (
            "/form/information/",
            "information",
            {"information": INFORMATION.format(name=name, first=first)},
        ),
        (
            "/form/how-you-know/",
            "how you know",
            {"provenance": "seen_directly", "provenance_detail": ""},
        ),
        (
            "/form/lawful-basis/",
            "lawful basis",
            {
                "lawful_basis": "public_task",
                "special_category_condition": "safeguarding",
                "subject_aware": "no",
            },
        ),
        (
            "/form/about-you/",
            "about you",
            {
                "name": "Gemma Littlewood",
                "role": "Head of Year 9",
                "organisation": "Brookfield Academy",
                "email": "g.littlewood@brookfield.example.sch.uk",
                "phone": "0117 496 0123",
                "contact_times": "Weekdays after 3pm",
            },
        ),
    ]
    return steps
