"""The journey's shape, and the professional's answers kept server-side in the session.

The session is encrypted at rest (cpi.session_store) and stored as JSON, so dates and times are
kept as ISO strings here and turned back into Python values for the forms and the service.
"""

import uuid
from dataclasses import dataclass, field
from datetime import date, time

from crispy_forms_gds.fields import DateInputField
from django import forms as django_forms

from submissions import forms

SESSION_KEY = "cpi_form"
CONFIRMATION_KEY = "cpi_confirmation"


@dataclass(frozen=True)
class Question:
    """An eligibility question: answering yes stops the journey at `stop`."""

    slug: str
    label: str
    hint: str
    error: str
    stop: str


ELIGIBILITY = [
    Question(
        slug="immediate-danger",
        label="Is a child or adult in immediate danger?",
        hint="For example, someone is being hurt now, or is about to be.",
        error="Select yes if a child or adult is in immediate danger",
        stop="999",
    ),
    Question(
        slug="crime",
        label="Do you want to report a crime?",
        hint="For example, you saw an assault or a theft, or someone told you about one.",
        error="Select yes if you want to report a crime",
        stop="report-a-crime",
    ),
    Question(
        slug="urgent",
        label="Does this need police action today?",
        hint="For example, someone has gone missing or something is planned for tonight.",
        error="Select yes if this needs police action today",
        stop="101",
    ),
    Question(
        slug="safeguarding-referral",
        label="Are you making a safeguarding referral?",
        hint="A referral asks children's or adults' social care to assess someone's needs.",
        error="Select yes if you are making a safeguarding referral",
        stop="safeguarding",
    ),
]
STOP_PAGES = {question.stop for question in ELIGIBILITY}


@dataclass(frozen=True)
class Step:
    """A page of the form. A collection step holds a list of items ("add another")."""

    name: str
    slug: str
    title: str
    form_class: type[forms.GovUKForm]
    collection: bool = False
    minimum: int = 0
    # The most items a list takes: enough for any one concern, and it keeps the check page and
    # the submission a sensible size (500 people at risk made a 1.9 MB page).
    maximum: int = 0
    item_noun: str = ""
    item_noun_plural: str = ""
    empty_question: str = ""
    empty_hint: str = ""
    item_title_fields: tuple[str, ...] = field(default_factory=tuple)

    def item_title(self, item: dict, index: int) -> str:
        for name in self.item_title_fields:
            if item.get(name):
                return str(item[name])
        return f"{self.item_noun.capitalize()} {index + 1}"


COLLECTION_MAXIMUM = 10

STEPS = [
    Step("categories", "categories", "Categories", forms.CategoriesForm),
    Step(
        "subjects",
        "people-at-risk",
        "People at risk",
        forms.SubjectForm,
        collection=True,
        maximum=COLLECTION_MAXIMUM,
        minimum=1,
        item_noun="person at risk",
        item_noun_plural="people at risk",
        item_title_fields=("name",),
    ),
    Step(
        "persons",
        "persons-of-concern",
        "Persons of concern",
        forms.PersonForm,
        collection=True,
        maximum=COLLECTION_MAXIMUM,
        item_noun="person of concern",
        item_noun_plural="persons of concern",
        empty_question="Do you know of anyone who may be harming or exploiting them?",
        empty_hint="For example, someone who gives them lifts, gifts or money.",
        item_title_fields=("name", "nicknames"),
    ),
    Step(
        "places",
        "places",
        "Places",
        forms.PlaceForm,
        collection=True,
        maximum=COLLECTION_MAXIMUM,
        item_noun="place",
        item_noun_plural="places",
        empty_question="Do you know of any places involved?",
        empty_hint="For example, an address, a park or a shop where they meet.",
        item_title_fields=("name", "address"),
    ),
    Step(
        "vehicles",
        "vehicles",
        "Vehicles",
        forms.VehicleForm,
        collection=True,
        maximum=COLLECTION_MAXIMUM,
        item_noun="vehicle",
        item_noun_plural="vehicles",
        empty_question="Do you know of any vehicles involved?",
        empty_hint="For example, a car that picks them up after school.",
        item_title_fields=("registration", "make"),
    ),
    Step("when", "when", "When it happened", forms.WhenForm),
    Step("information", "information", "The information", forms.InformationForm),
    Step("provenance", "how-you-know", "How you know", forms.ProvenanceForm),
    Step("lawful_basis", "lawful-basis", "Lawful basis", forms.LawfulBasisForm),
    Step("source", "about-you", "About you", forms.SourceForm),
]
STEPS_BY_SLUG = {step.slug: step for step in STEPS}


# --- JSON-safe values -----------------------------------------------------------------------------
def to_json(cleaned_data: dict) -> dict:
    """Cleaned form data as session-safe JSON: dates and times become ISO strings."""
    result = {}
    for name, value in cleaned_data.items():
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, time):
            value = value.strftime("%H:%M")
        result[name] = value
    return result


def from_json(form_class: type[django_forms.Form], data: dict) -> dict:
    """Stored answers back as Python values a form can show as its initial data."""
    result = dict(data)
    for name, form_field in form_class.base_fields.items():
        value = result.get(name)
        if not value or not isinstance(value, str):
            continue
        if isinstance(form_field, DateInputField):
            result[name] = date.fromisoformat(value)
        elif isinstance(form_field, django_forms.TimeField):
            result[name] = time.fromisoformat(value)
    return result


# --- The answers in the session -----------------------------------------------------------------
class Answers:
    """A professional's answers in their (encrypted) session.

    Everything lives under one key, so "start again" and "submitted" clear it in one go; every
    write reassigns the key so the session is always marked modified and saved.
    """

    def __init__(self, session):
        self.session = session
        stored = session.get(SESSION_KEY) or {}
        self.data = {
            "eligibility": stored.get("eligibility", {}),
            "steps": stored.get("steps", {}),
            "done": stored.get("done", []),
            "token": stored.get("token"),
            # Fingerprints of danger-now wording already shown on the interruption page.
            "urgency_seen": stored.get("urgency_seen", []),
        }

    def _save(self) -> None:
        self.session[SESSION_KEY] = self.data

    # Eligibility
    def eligibility_answer(self, question: Question) -> str | None:
        return self.data["eligibility"].get(question.slug)

    def eligibility_set(self, question: Question, answer: str) -> None:
        self.data["eligibility"][question.slug] = answer
        self._save()

    def first_unanswered_question(self) -> Question | None:
        """The first question not yet answered "no", or None when the form may be filled in."""
        for question in ELIGIBILITY:
            if self.eligibility_answer(question) != "no":
                return question
        return None

    @property
    def eligible(self) -> bool:
        return self.first_unanswered_question() is None

    # Single pages
    def get(self, step: Step) -> dict | None:
        return self.data["steps"].get(step.name)

    def initial(self, step: Step) -> dict:
        return from_json(step.form_class, self.get(step) or {})

    def set(self, step: Step, cleaned_data: dict) -> None:
        self.data["steps"][step.name] = to_json(cleaned_data)
        self.mark_done(step)

    # Collections
    def items(self, step: Step) -> list[dict]:
        return self.data["steps"].get(step.name) or []

    def item_initial(self, step: Step, index: int) -> dict:
        return from_json(step.form_class, self.items(step)[index])

    def is_full(self, step: Step) -> bool:
        return bool(step.maximum) and len(self.items(step)) >= step.maximum

    def item_set(self, step: Step, index: int | None, cleaned_data: dict) -> None:
        items = list(self.items(step))
        if index is None:
            if self.is_full(step):
                raise ValueError(f"{step.name} already holds {step.maximum} items")
            items.append(to_json(cleaned_data))
        else:
            items[index] = to_json(cleaned_data)
        self.data["steps"][step.name] = items
        self._save()

    def item_remove(self, step: Step, index: int) -> None:
        items = list(self.items(step))
        del items[index]
        self.data["steps"][step.name] = items
        if len(items) < step.minimum and step.name in self.data["done"]:
            self.data["done"].remove(step.name)
        self._save()

    # Progress
    def mark_done(self, step: Step) -> None:
        if step.name not in self.data["done"]:
            self.data["done"].append(step.name)
        self._save()

    def is_done(self, step: Step) -> bool:
        if step.collection and len(self.items(step)) < step.minimum:
            return False
        return step.name in self.data["done"]

    def first_incomplete_step(self) -> Step | None:
        for step in STEPS:
            if not self.is_done(step):
                return step
        return None

    # Submitting
    def token(self) -> str:
        """The one-time token for this set of answers: a second submit of it creates nothing."""
        if not self.data["token"]:
            self.data["token"] = str(uuid.uuid4())
            self._save()
        return self.data["token"]

    def for_submission(self) -> dict:
        """The answers in the shape submissions.services.submission_create takes."""
        return {step.name: self.data["steps"].get(step.name) for step in STEPS}

    # The interruption page (possible urgency): shown once for each new worrying wording.
    @property
    def urgency_seen(self) -> list[str]:
        return list(self.data["urgency_seen"])

    def urgency_seen_add(self, fingerprints: list[str]) -> None:
        self.data["urgency_seen"] = sorted(set(self.data["urgency_seen"]) | set(fingerprints))
        self._save()

    @property
    def started(self) -> bool:
        return bool(self.data["steps"])


def step_after(step: Step) -> Step | None:
    index = STEPS.index(step)
    return STEPS[index + 1] if index + 1 < len(STEPS) else None


def step_before(step: Step) -> Step | None:
    index = STEPS.index(step)
    return STEPS[index - 1] if index > 0 else None


# --- Showing answers back (check your answers) -----------------------------------------------
NOT_GIVEN = "Not given"


def display_value(form_field: django_forms.Field, value) -> str:
    if value in (None, "", []):
        return NOT_GIVEN
    if isinstance(form_field, DateInputField):
        return date.fromisoformat(value).strftime("%-d %B %Y")
    if isinstance(form_field, django_forms.ChoiceField):
        labels = dict(form_field.choices)
        if isinstance(value, list):
            return "\n".join(str(labels.get(item, item)) for item in value)
        return str(labels.get(value, value))
    return str(value)


def field_anchor(name: str, form_field) -> str:
    """The id of the first box a question has on its page, for a "Change" link to land on: a
    date's day box, a choice's first option, otherwise the field itself (as the error summary's
    links do)."""
    widget = form_field.widget
    if isinstance(widget, django_forms.MultiWidget):
        return f"id_{name}_0"
    if isinstance(widget, django_forms.RadioSelect | django_forms.CheckboxSelectMultiple):
        return f"id_{name}_1"
    return f"id_{name}"


def answer_rows(step: Step, data: dict) -> list[dict]:
    """One row per question of a page: its label, the answer as shown, the field name and the
    id its "Change" link lands on."""
    rows = []
    for name, form_field in step.form_class.base_fields.items():
        value = display_value(form_field, data.get(name))
        if name in step.form_class.phone_fields and data.get(name):
            value = forms.uk_phones_display(value)
        rows.append(
            {
                "name": name,
                "anchor": field_anchor(name, form_field),
                "label": form_field.label,
                "value": value,
            }
        )
    return rows
