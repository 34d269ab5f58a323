"""The public form's pages. One GOV.UK base form builds the crispy helper; every message is in
GOV.UK voice and carries a code, so tests assert on the code, never on the wording.
"""

import re
from datetime import date

import phonenumbers
from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from submissions.models import (
    Category,
    LawfulBasis,
    Provenance,
    SpecialCategoryCondition,
    SubjectAware,
)

INFORMATION_MAX_LENGTH = 5000
# Numbering plans that count as "UK" for a professional's phone: GB and the Crown Dependencies.
UK_REGIONS = {"GB", "GG", "JE", "IM"}
REGISTRATION_PATTERN = re.compile(r"^[A-Z0-9]{1,10}$")


class GovUKForm(forms.Form):
    """Every public page's form: the crispy-forms-gds helper is built here, once.

    Subclasses list their layout in `layout_fields()` (defaults to each field as a plain input)
    and may change `submit_label`. Browser validation is off (novalidate) so that errors always
    come from the server, in the error summary, in GOV.UK voice.
    """

    submit_label = "Continue"
    # The page's <h1>; None when the first question's legend or label is the heading.
    page_heading: str | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "post"
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            *self.layout_fields(), Submit("continue", self.submit_label, css_id="continue")
        )

    def layout_fields(self) -> list:
        return [self.default_layout(name) for name in self.fields]

    def error_links(self) -> list[tuple[str, str]]:
        """(anchor, message) for the error summary: each links to the first input it is about."""
        links = []
        for name, messages in self.errors.items():
            bound = self[name] if name in self.fields else None
            if bound is None:
                anchor = ""
            elif isinstance(bound.field.widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
                anchor = f"id_{bound.html_name}_1"
            elif isinstance(bound.field, DateInputField):
                anchor = f"{bound.auto_id}_0"
            else:
                anchor = bound.auto_id
            links.extend((anchor, message) for message in messages)
        return links

    def default_layout(self, name: str):
        field = self.fields[name]
        if isinstance(field.widget, forms.CheckboxSelectMultiple):
            return Field.checkboxes(name, legend_size=Size.MEDIUM)
        if isinstance(field.widget, forms.RadioSelect):
            return Field.radios(name, legend_size=Size.MEDIUM)
        if isinstance(field.widget, forms.Textarea):
            return Field.textarea(name, label_size=Size.SMALL, rows=4)
        if isinstance(field, DateInputField):
            return Field(name, context={"legend_size": Size.for_legend(Size.SMALL)})
        return Field.text(name, label_size=Size.SMALL)


def text(label: str, *, required_message: str = "", max_length: int = 200, **kwargs):
    """A text answer: required only when a required message is given (GOV.UK voice)."""
    noun = label[0].upper() + label[1:]
    return forms.CharField(
        label=label,
        required=bool(required_message),
        max_length=max_length,
        error_messages={
            "required": required_message,
            "max_length": f"{noun} must be {max_length:,} characters or fewer",
        },
        **kwargs,
    )


def long_text(label: str, *, max_length: int = 2000, **kwargs):
    return text(label, max_length=max_length, widget=forms.Textarea, **kwargs)


class PastDateField(DateInputField):
    """A GOV.UK date input for a date that has already happened.

    The parent silently drops a half-filled date when the field is optional and reports Python's
    own wording for impossible dates; here both are errors in GOV.UK voice, with codes.
    """

    def __init__(self, *, noun: str, **kwargs):
        super().__init__(**kwargs)
        self.noun = noun
        self.error_messages["required"] = f"Enter {noun.lower()}"
        self.error_messages["incomplete"] = f"{noun} must include a day, month and year"
        for subfield in self.fields:
            for validator in subfield.validators:
                validator.message = f"{noun} must be a real date"

    def compress(self, data_list):
        day, month, year = data_list
        if not (day or month or year):
            return None
        if not (day and month and year):
            raise ValidationError(self.error_messages["incomplete"], code="incomplete")
        try:
            value = date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(f"{self.noun} must be a real date", code="invalid_date") from None
        if value.year < 1900:
            raise ValidationError(f"{self.noun} must be after 1900", code="too_old")
        if value > timezone.localdate():
            raise ValidationError(f"{self.noun} must be today or in the past", code="future")
        return value


def uk_phone_normalise(value: str) -> str | None:
    """The number in E.164 if it is a valid UK (or Crown Dependency) number, otherwise None."""
    try:
        number = phonenumbers.parse(value, "GB")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    if phonenumbers.region_code_for_number(number) not in UK_REGIONS:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def radios(label: str, choices, message: str, **kwargs):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
        **kwargs,
    )


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
        input_formats=["%H:%M", "%H.%M", "%H%M", "%I:%M%p", "%I.%M%p", "%I%p"],
        widget=forms.TextInput(attrs={"inputmode": "text"}),
        error_messages={"invalid": "Enter a time like 21:30"},
    )
    when_description = long_text(
        "Describe when it happens",
        max_length=500,
        help_text="For example, most Friday evenings, or since the start of term.",
    )

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
