"""The public form's pages, one class per page (or per item of an "add another" list)."""

import re
from datetime import time

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Size
from django import forms
from django.core.exceptions import ValidationError

from submissions.forms.base import (
    GovUKForm,
    PastDateField,
    long_text,
    radios,
    text,
    uk_phone_normalise,
)
from submissions.models import (
    Category,
    LawfulBasis,
    PartnerSector,
    Provenance,
    SpecialCategoryCondition,
    SubjectAware,
)

INFORMATION_MAX_LENGTH = 5000
REGISTRATION_PATTERN = re.compile(r"^[A-Z0-9]{1,10}$")


# --- Eligibility --------------------------------------------------------------------------------
class EligibilityForm(GovUKForm):
    """One yes/no question; the question is the page heading (GOV.UK one question per page)."""

    answer = radios("", [("yes", "Yes"), ("no", "No")], "Select yes or no")

    def __init__(self, *args, question, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["answer"]
        field.label = question.label
        field.help_text = question.hint
        field.error_messages = {"required": question.error, "invalid_choice": question.error}

    def layout_fields(self) -> list:
        return [Field.radios("answer", legend_size=Size.LARGE, legend_tag="h1", inline=True)]


class AddAnotherForm(GovUKForm):
    """The yes/no under an "add another" list (or, when the list is empty, whether there is any)."""

    add_another = radios("", [("yes", "Yes"), ("no", "No")], "Select yes or no")

    def __init__(self, *args, question: str, hint: str, error: str, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["add_another"]
        field.label = question
        field.help_text = hint
        field.error_messages = {"required": error, "invalid_choice": error}

    def layout_fields(self) -> list:
        return [Field.radios("add_another", legend_size=Size.MEDIUM, inline=True)]


class ContinueForm(GovUKForm):
    """No question, only the Continue button: a list that is full asks nothing more."""


class UrgencyForm(GovUKForm):
    """The interruption page's one choice, after the 999 and 101 numbers (possible urgency)."""

    SEND = "send"
    CHANGE = "change"
    next_step = radios(
        "What do you want to do now?",
        [
            Choice(
                SEND,
                "Continue with this form",
                hint="We will mark it so the intelligence unit reads it first. "
                "This does not replace calling 999 or 101.",
            ),
            Choice(CHANGE, "Change what I wrote"),
        ],
        "Select what you want to do now",
    )

    def layout_fields(self) -> list:
        return [Field.radios("next_step", legend_size=Size.MEDIUM)]


# --- The form's pages --------------------------------------------------------------------------
class CategoriesForm(GovUKForm):
    categories = forms.MultipleChoiceField(
        label="What is the information about?",
        help_text="Select all that apply.",
        choices=Category.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select at least one category",
            "invalid_choice": "Select at least one category",
        },
    )

    def layout_fields(self) -> list:
        return [Field.checkboxes("categories", legend_size=Size.LARGE, legend_tag="h1")]


class SubjectForm(GovUKForm):
    name = text("Full name", required_message="Enter the name of the person at risk")
    date_of_birth = PastDateField(
        noun="Date of birth",
        label="Date of birth",
        help_text="For example, 27 3 2010. Leave blank if you do not know it.",
        required=False,
    )
    approximate_age = forms.IntegerField(
        label="Approximate age, if you do not know their date of birth",
        required=False,
        min_value=0,
        max_value=130,
        error_messages={
            "invalid": "Approximate age must be a number, like 14",
            "min_value": "Approximate age must be 0 or more",
            "max_value": "Approximate age must be 130 or less",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    address = long_text("Address, if known", max_length=1000)
    setting = text("School, college or setting, if relevant")
    description = long_text("Description", help_text="For example, what they look like.")

    def layout_fields(self) -> list:
        layout = super().layout_fields()
        layout[2] = Field.text("approximate_age", label_size=Size.SMALL, field_width=3)
        return layout

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("date_of_birth")
            and cleaned.get("approximate_age") is None
            and not self.has_error("date_of_birth")
            and not self.has_error("approximate_age")
        ):
            self.add_error(
                "approximate_age",
                ValidationError(
                    "Enter their date of birth or an approximate age", code="dob_or_age_required"
                ),
            )
        return cleaned


class PersonForm(GovUKForm):
    phone_fields = ("phone_numbers",)
    name = text("Full name, if known")
    nicknames = text("Nicknames or street names", max_length=300)
    description = long_text("Description", help_text="For example, what they look like.")
    phone_numbers = long_text(
        "Phone numbers", max_length=500, help_text="Put each phone number on a new line."
    )
    social_media = long_text(
        "Social media accounts",
        max_length=1000,
        help_text="Put each account on a new line, for example snapchat: name_123.",
    )

    def clean_phone_numbers(self) -> str:
        # A suspect's number is kept even if it does not parse: it is intelligence as given.
        lines = [line.strip() for line in self.cleaned_data["phone_numbers"].splitlines()]
        return "\n".join(uk_phone_normalise(line) or line for line in lines if line)

    def clean(self):
        cleaned = super().clean()
        identity = ("name", "nicknames", "description")
        if not any(cleaned.get(name) for name in identity) and not self.errors:
            self.add_error(
                "name",
                ValidationError(
                    "Enter a name, nickname or description of the person",
                    code="identity_required",
                ),
            )
        return cleaned


class PlaceForm(GovUKForm):
    name = text("Name of the place", help_text="For example, the park by the canal.")
    address = long_text("Address or location", max_length=1000)
    description = long_text("What happens there")

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("name") or cleaned.get("address")) and not self.errors:
            self.add_error(
                "name",
                ValidationError("Enter the name or address of the place", code="place_required"),
            )
        return cleaned


class VehicleForm(GovUKForm):
    registration = text(
        "Registration number, if known", max_length=16, help_text="For example, AB12 CDE."
    )
    make = text("Make", max_length=100, help_text="For example, Ford.")
    model = text("Model", max_length=100, help_text="For example, Focus.")
    colour = text("Colour", max_length=50)
    description = long_text("Anything else about the vehicle", max_length=1000)

    def layout_fields(self) -> list:
        layout = super().layout_fields()
        layout[0] = Field.text("registration", label_size=Size.SMALL, field_width=10)
        return layout

    def clean_registration(self) -> str:
        # "ab12 cde" and "AB12CDE" are the same vehicle: compare and store one form.
        registration = re.sub(r"\s+", "", self.cleaned_data["registration"]).upper()
        if registration and not REGISTRATION_PATTERN.match(registration):
            raise ValidationError(
                "Registration number must only include letters and numbers, like AB12 CDE",
                code="invalid_registration",
            )
        return registration

    def clean(self):
        cleaned = super().clean()
        fields = ("registration", "make", "model", "colour", "description")
        if not any(cleaned.get(name) for name in fields) and not self.errors:
            self.add_error(
                "registration",
                ValidationError(
                    "Enter the registration number or describe the vehicle",
                    code="vehicle_required",
                ),
            )
        return cleaned


class WhenForm(GovUKForm):
    page_heading = "When did it happen?"
    occurred_on = PastDateField(
        noun="The date",
        label="Date, if known",
        help_text="For example, 27 3 2025. Leave blank if it keeps happening or you do not know.",
        required=False,
    )
    occurred_time = forms.TimeField(
        label="Time, if known",
        help_text="Use the 24-hour clock, for example 21:30.",
        required=False,
        # "%H:%M:%S" too, so a value shown back with seconds by an older page still parses.
        input_formats=["%H:%M", "%H.%M", "%H%M", "%I:%M%p", "%I.%M%p", "%I%p", "%H:%M:%S"],
        widget=forms.TextInput(attrs={"inputmode": "text"}),
        error_messages={"invalid": "Enter a time like 21:30"},
    )
    when_description = long_text(
        "Describe when it happens",
        max_length=500,
        help_text="For example, most Friday evenings, or since the start of term.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Shown back as typed, "15:30": a TextInput shows a time object as "15:30:00". (Not a
        # TimeInput, which crispy-forms-gds would not style as a GOV.UK input.)
        initial = self.initial.get("occurred_time")
        if isinstance(initial, time):
            self.initial["occurred_time"] = initial.strftime("%H:%M")

    def layout_fields(self) -> list:
        return [
            Field("occurred_on", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Field.text("occurred_time", label_size=Size.SMALL, field_width=5),
            Field.textarea("when_description", label_size=Size.SMALL, rows=3),
        ]

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        if cleaned.get("occurred_time") and not cleaned.get("occurred_on"):
            self.add_error(
                "occurred_on",
                ValidationError("Enter the date as well as the time", code="time_without_date"),
            )
        elif not cleaned.get("occurred_on") and not cleaned.get("when_description"):
            self.add_error(
                "occurred_on",
                ValidationError(
                    "Enter the date it happened, or describe when it happens",
                    code="when_required",
                ),
            )
        return cleaned


class InformationForm(GovUKForm):
    information = forms.CharField(
        label="What do you want to tell us?",
        help_text=(
            "Include what you saw or were told, who was involved and anything that worries you."
        ),
        max_length=INFORMATION_MAX_LENGTH,
        widget=forms.Textarea,
        error_messages={
            "required": "Enter the information you want to share",
            "max_length": f"The information must be {INFORMATION_MAX_LENGTH:,} characters or fewer",
        },
    )

    def layout_fields(self) -> list:
        return [
            Field.textarea(
                "information",
                label_size=Size.LARGE,
                label_tag="h1",
                rows=12,
                max_characters=INFORMATION_MAX_LENGTH,
            )
        ]


class ProvenanceForm(GovUKForm):
    provenance = radios(
        "How do you know this?", Provenance.choices, "Select how you know this information"
    )
    provenance_detail = long_text(
        "Tell us more about how you know, if you want to",
        max_length=1000,
        help_text="Only police intelligence staff see this. It is never shared.",
    )

    def layout_fields(self) -> list:
        return [
            Field.radios("provenance", legend_size=Size.LARGE, legend_tag="h1"),
            Field.textarea("provenance_detail", label_size=Size.SMALL, rows=3),
        ]


class LawfulBasisForm(GovUKForm):
    page_heading = "Sharing lawfully"
    lawful_basis = radios(
        "What is your lawful basis for sharing?",
        LawfulBasis.choices,
        "Select the lawful basis you are relying on",
        help_text="Most public sector professionals rely on public task. If you are not sure, "
        "ask your data protection officer or choose public task.",
    )
    special_category_condition = radios(
        "Does the information include special category data?",
        SpecialCategoryCondition.choices,
        "Select whether the information includes special category data",
        help_text="Special category data includes health, sex life, ethnicity and religion.",
    )
    subject_aware = radios(
        "Does the person at risk know you are sharing this?",
        SubjectAware.choices,
        "Select whether the person at risk knows you are sharing this",
    )


class SourceForm(GovUKForm):
    """The professional's own details: encrypted at rest, seen only by intelligence staff."""

    page_heading = "About you"
    phone_fields = ("phone",)

    name = text("Your full name", required_message="Enter your full name")
    role = text("Your job title or role", required_message="Enter your job title or role")
    organisation = text(
        "Your organisation",
        required_message="Enter the name of your organisation",
        help_text="For example, the school, surgery or council you work for.",
    )
    email = forms.EmailField(
        label="Your work email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Email address must be 254 characters or fewer",
        },
    )
    phone = text(
        "Your phone number, if you want us to call you",
        max_length=30,
        help_text="A UK phone number, for example 0117 496 0123 or 07700 900 982.",
    )
    contact_times = long_text(
        "When is it safe to contact you?",
        max_length=500,
        help_text="For example, weekdays after 3pm. Tell us if there are times we should not call.",
    )
    sector = radios(
        "Which sector do you work in? (optional)",
        PartnerSector.choices,
        "Select the sector you work in",
        required=False,
        help_text="We count these, never with your name, to tell the local safeguarding "
        "partnership where information comes from.",
    )

    def layout_fields(self) -> list:
        layout = super().layout_fields()
        layout[3] = Field.text(
            "email", label_size=Size.SMALL, autocomplete="email", spellcheck="false"
        )
        layout[4] = Field.text("phone", label_size=Size.SMALL, field_width=20, autocomplete="tel")
        return layout

    def clean_phone(self) -> str:
        raw = self.cleaned_data["phone"]
        if not raw:
            return ""
        normalised = uk_phone_normalise(raw)
        if normalised is None:
            raise ValidationError(
                "Enter a UK phone number, like 0117 496 0123 or 07700 900 982",
                code="invalid_phone",
            )
        return normalised
