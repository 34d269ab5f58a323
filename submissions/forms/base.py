"""The GOV.UK base form and field helpers every form in the service builds on.

One base form builds the crispy-forms-gds helper; every message is in GOV.UK voice and carries
a code, so tests assert on the code, never on the wording.
"""

import re

import phonenumbers
from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from cpi.forms import GovUKDateField

# Numbering plans that count as "UK" for a professional's phone: GB and the Crown Dependencies.
UK_REGIONS = {"GB", "GG", "JE", "IM"}
# Inputs drawn as a GOV.UK text input, which shows its error as a red border.
ERROR_STYLED_INPUT_TYPES = {"text", "email", "number", "password", "tel", "url", "search"}


class GovUKForm(forms.Form):
    """Every public page's form: the crispy-forms-gds helper is built here, once.

    Subclasses list their layout in `layout_fields()` (defaults to each field as a plain input)
    and may change `submit_label`. Browser validation is off (novalidate) so that errors always
    come from the server, in the error summary, in GOV.UK voice.
    """

    submit_label = "Continue"
    # The page's <h1>; None when the first question's legend or label is the heading.
    page_heading: str | None = None
    # Fields holding UK phone numbers (one a line), kept in E.164 and shown back the way
    # people write them: "07700 900982", not "+447700900982".
    phone_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        shown = {
            n: uk_phones_display(self.initial[n]) for n in self.phone_fields if self.initial.get(n)
        }
        if shown:
            self.initial = {**self.initial, **shown}  # a copy: the caller's answers stay E.164
        self.helper = FormHelper()
        self.helper.form_method = "post"
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            *self.layout_fields(), Submit("continue", self.submit_label, css_id="continue")
        )

    def layout_fields(self) -> list:
        return [self.default_layout(name) for name in self.fields]

    def full_clean(self) -> None:
        super().full_clean()
        # crispy-forms-gds gives the red error border (govuk-input--error) only to widgets whose
        # class is named TextInput, Select or Textarea, so an email, number or password input in
        # error kept its plain border. Give it the class itself.
        for name in self.errors:
            widget = self.fields[name].widget if name in self.fields else None
            if not isinstance(widget, forms.widgets.Input) or type(widget).__name__ == "TextInput":
                continue
            classes = widget.attrs.get("class", "").split()
            if (
                widget.input_type in ERROR_STYLED_INPUT_TYPES
                and "govuk-input--error" not in classes
            ):
                widget.attrs["class"] = " ".join([*classes, "govuk-input--error"])

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


class PastDateField(GovUKDateField):
    """A GOV.UK date input for a date that has already happened (and after 1900)."""

    def compress(self, data_list):
        value = super().compress(data_list)
        if value is None:
            return None
        if value.year < 1900:
            raise ValidationError(f"{self.noun} must be after 1900", code="too_old")
        if value > timezone.localdate():
            raise ValidationError(f"{self.noun} must be today or in the past", code="future")
        return value


# Ofcom keeps these ranges for drama and examples (https://www.ofcom.org.uk, "TV and radio
# drama numbers"): never given to anyone, so hints use them. The phonenumbers library calls them
# invalid, which refused the hint's own examples; they are accepted here as the numbers they look
# like. National significant numbers, without the leading 0.
OFCOM_DRAMA_NUMBER = re.compile(
    r"^(?:7700900\d{3}|1632960\d{3}|1(?:1[3-8]|[2-6]1)4960\d{3}|2079460\d{3}|2896496\d{3}"
    r"|2920180\d{3}|8081570\d{3}|9098790\d{3}|3069990\d{3})$"
)


def uk_phone_normalise(value: str) -> str | None:
    """The number in E.164 if it is a UK (or Crown Dependency) number, otherwise None.

    Typed any way a professional types one: "07700 900 982", "+44 (0)117 496 0123",
    "0044 7911 123456", "(0117) 496 0123". An extension ("ext. 204", "x204") is kept after the
    number, "+441174960123 ext. 204", because it is how the professional is reached.
    """
    try:
        number = phonenumbers.parse(value, "GB")
    except phonenumbers.NumberParseException:
        return None
    national = str(number.national_number)
    drama = number.country_code == 44 and OFCOM_DRAMA_NUMBER.match(national) is not None
    if not drama:
        if not phonenumbers.is_valid_number(number):
            return None
        if phonenumbers.region_code_for_number(number) not in UK_REGIONS:
            return None
    normalised = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return f"{normalised} ext. {number.extension}" if number.extension else normalised


UK_E164 = re.compile(r"(\+44\d{9,10})(?: ext\. (\d+))?")


def uk_phones_display(value: str) -> str:
    """Numbers kept in E.164 (one a line) as people write them, "+447700900982 ext. 2" ->
    "07700 900982 ext. 2"; any other line as it is."""
    lines = []
    for line in str(value).splitlines():
        match = UK_E164.fullmatch(line.strip())
        if match:
            number = phonenumbers.parse(match[1], "GB")
            line = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
            line = f"{line} ext. {match[2]}" if match[2] else line
        lines.append(line)
    return "\n".join(lines)


def radios(label: str, choices, message: str, **kwargs):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
        **kwargs,
    )
