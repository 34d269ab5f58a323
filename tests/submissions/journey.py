"""Helpers that walk the public form the way a professional does, through the test client."""

from django.urls import reverse

from submissions import wizard

ELIGIBILITY_URLS = [
    reverse("submissions:eligibility", kwargs={"slug": q.slug}) for q in wizard.ELIGIBILITY
]
CHECK_URL = reverse("submissions:check")
CONFIRMATION_URL = reverse("submissions:confirmation")

SUBJECT = {
    "name": "Jade Kemp",
    "date_of_birth_0": "14",
    "date_of_birth_1": "2",
    "date_of_birth_2": "2011",
    "approximate_age": "",
    "address": "12 Mill Lane, Bristol",
    "setting": "Kingsweston Academy",
    "description": "Slim build, long dark hair",
}
PERSON = {
    "name": "Dean Marsh",
    "nicknames": "D-Money",
    "description": "Drives a black Focus",
    "phone_numbers": "07700 900456\nunknown burner",
    "social_media": "snapchat: deanm_99",
}
PLACE = {"name": "Underpass by the canal", "address": "Canal Street", "description": "Meets there"}
VEHICLE = {
    "registration": "ab12 cde",
    "make": "Ford",
    "model": "Focus",
    "colour": "Black",
    "description": "",
}
WHEN = {
    "occurred_on_0": "3",
    "occurred_on_1": "3",
    "occurred_on_2": "2025",
    "occurred_time": "21:30",
    "when_description": "Most Friday evenings",
}
INFORMATION = {"information": "Jade is picked up after school by older men in a black car."}
PROVENANCE = {"provenance": "told_by_subject", "provenance_detail": "She told me in a lesson."}
LAWFUL_BASIS = {
    "lawful_basis": "public_task",
    "special_category_condition": "safeguarding",
    "subject_aware": "no",
}
SOURCE = {
    "name": "Bethany Quennell",
    "role": "Head of Year 9",
    "organisation": "Larkfield Academy",
    "email": "b.quennell@larkfield.example",
    "phone": "0117 496 0123",
    "contact_times": "Weekdays after 3pm",
}


def step_url(name: str, suffix: str = "") -> str:
    step = next(s for s in wizard.STEPS if s.name == name)
    return reverse("submissions:step", kwargs={"slug": step.slug}) + suffix


def item_add_url(name: str) -> str:
    step = next(s for s in wizard.STEPS if s.name == name)
    return reverse("submissions:item_add", kwargs={"slug": step.slug})


def pass_eligibility(client) -> None:
    for url in ELIGIBILITY_URLS:
        response = client.post(url, {"answer": "no"})
        assert response.status_code == 302, url


def answer_everything(client, **overrides) -> None:
    """Eligibility, then every page with valid answers, stopping before the submit."""
    pass_eligibility(client)
    pages = [
        (step_url("categories"), {"categories": ["criminal_exploitation"]}),
        (item_add_url("subjects"), SUBJECT),
        (step_url("subjects"), {"add_another": "no"}),
        (item_add_url("persons"), PERSON),
        (step_url("persons"), {"add_another": "no"}),
        (item_add_url("places"), PLACE),
        (step_url("places"), {"add_another": "no"}),
        (item_add_url("vehicles"), VEHICLE),
        (step_url("vehicles"), {"add_another": "no"}),
        (step_url("when"), WHEN),
        (step_url("information"), INFORMATION),
        (step_url("provenance"), PROVENANCE),
        (step_url("lawful_basis"), LAWFUL_BASIS),
        (step_url("source"), SOURCE),
    ]
    for url, data in pages:
        response = client.post(url, {**data, **overrides.get(url, {})})
        assert response.status_code == 302, (url, response.content.decode()[:3000])


def submit(client, **kwargs):
    page = client.get(CHECK_URL)
    assert page.status_code == 200
    token = page.context["submission_token"]
    return client.post(CHECK_URL, {"submission_token": token}, **kwargs)


def session_answers() -> dict:
    """The answers as the session holds them after answer_everything (JSON-safe)."""
    return {
        "categories": {"categories": ["criminal_exploitation"]},
        "subjects": [
            {
                "name": "Jade Kemp",
                "date_of_birth": "2011-02-14",
                "approximate_age": None,
                "address": "12 Mill Lane",
                "setting": "Kingsweston Academy",
                "description": "",
            }
        ],
        "persons": [
            {
                "name": "Dean Marsh",
                "nicknames": "D-Money",
                "description": "",
                "phone_numbers": "+447700900456",
                "social_media": "",
            }
        ],
        "places": [{"name": "Underpass", "address": "Canal Street", "description": ""}],
        "vehicles": [
            {
                "registration": "AB12CDE",
                "make": "Ford",
                "model": "Focus",
                "colour": "Black",
                "description": "",
            }
        ],
        "when": {"occurred_on": "2025-03-03", "occurred_time": "21:30", "when_description": ""},
        "information": {"information": "Picked up after school by older men."},
        "provenance": {"provenance": "told_by_subject", "provenance_detail": "In a lesson."},
        "lawful_basis": {
            "lawful_basis": "public_task",
            "special_category_condition": "safeguarding",
            "subject_aware": "no",
        },
        "source": {
            "name": "Bethany Quennell",
            "role": "Head of Year 9",
            "organisation": "Larkfield Academy",
            "email": "b.quennell@larkfield.example",
            "phone": "+441174960123",
            "contact_times": "Weekdays after 3pm",
        },
    }
