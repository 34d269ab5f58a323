"""The form pages' validation, asserted by error code (the wording may change, the rule not)."""

import re
from datetime import timedelta

import pytest
from crispy_forms.utils import render_crispy_form
from django.utils import timezone

from submissions.forms import (
    INFORMATION_MAX_LENGTH,
    CategoriesForm,
    InformationForm,
    LawfulBasisForm,
    PersonForm,
    PlaceForm,
    SourceForm,
    SubjectForm,
    VehicleForm,
    WhenForm,
    uk_phone_normalise,
)
from tests.submissions.journey import SOURCE, SUBJECT, WHEN


def _date_parts(prefix: str, day) -> dict:
    return {
        f"{prefix}_0": str(day.day),
        f"{prefix}_1": str(day.month),
        f"{prefix}_2": str(day.year),
    }


def test_categories_need_at_least_one():
    form = CategoriesForm(data={})
    assert form.has_error("categories", code="required")
    assert form.errors["categories"] == ["Select at least one category"]


def test_categories_refuse_an_unknown_category():
    assert CategoriesForm(data={"categories": ["shoplifting"]}).has_error(
        "categories", code="invalid_choice"
    )


def test_categories_accept_several():
    form = CategoriesForm(data={"categories": ["modern_slavery", "organised_crime"]})
    assert form.is_valid()


def test_subject_needs_a_name():
    form = SubjectForm(data={**SUBJECT, "name": ""})
    assert form.has_error("name", code="required")


def test_subject_needs_a_date_of_birth_or_an_approximate_age():
    data = {**SUBJECT, "date_of_birth_0": "", "date_of_birth_1": "", "date_of_birth_2": ""}
    assert SubjectForm(data=data).has_error("approximate_age", code="dob_or_age_required")
    assert SubjectForm(data={**data, "approximate_age": "14"}).is_valid()


def test_subject_date_of_birth_cannot_be_in_the_future():
    tomorrow = timezone.localdate() + timedelta(days=1)
    form = SubjectForm(data={**SUBJECT, **_date_parts("date_of_birth", tomorrow)})
    assert form.has_error("date_of_birth", code="future")


def test_subject_date_of_birth_must_be_a_real_date():
    form = SubjectForm(data={**SUBJECT, "date_of_birth_0": "31", "date_of_birth_1": "2"})
    assert form.has_error("date_of_birth", code="invalid_date")


def test_a_half_filled_date_is_an_error_not_silently_dropped():
    form = SubjectForm(data={**SUBJECT, "date_of_birth_0": ""})
    assert form.has_error("date_of_birth", code="incomplete")


def test_subject_age_is_a_number_in_range():
    no_dob = {**SUBJECT, "date_of_birth_0": "", "date_of_birth_1": "", "date_of_birth_2": ""}
    assert SubjectForm(data={**no_dob, "approximate_age": "fourteen"}).has_error(
        "approximate_age", code="invalid"
    )
    assert SubjectForm(data={**no_dob, "approximate_age": "131"}).has_error(
        "approximate_age", code="max_value"
    )


def test_text_answers_have_length_limits():
    form = SubjectForm(data={**SUBJECT, "name": "x" * 201})
    assert form.has_error("name", code="max_length")
    assert form.errors["name"] == ["Full name must be 200 characters or fewer"]


def test_information_is_required_and_limited_to_the_length_shown():
    assert InformationForm(data={"information": ""}).has_error("information", code="required")
    too_long = InformationForm(data={"information": "x" * (INFORMATION_MAX_LENGTH + 1)})
    assert too_long.has_error("information", code="max_length")
    assert InformationForm(data={"information": "x" * INFORMATION_MAX_LENGTH}).is_valid()


def test_information_page_shows_the_limit():
    html = render_crispy_form(InformationForm())
    assert 'data-maxlength="5000"' in html
    assert "You can enter up to 5000 characters" in " ".join(html.split())


def test_html_and_script_are_kept_exactly_as_typed():
    typed = "<script>alert('x')</script> & <b>bold</b>"
    form = InformationForm(data={"information": typed})
    assert form.is_valid()
    assert form.cleaned_data["information"] == typed


def test_when_cannot_be_in_the_future():
    tomorrow = timezone.localdate() + timedelta(days=1)
    form = WhenForm(data={**WHEN, **_date_parts("occurred_on", tomorrow)})
    assert form.has_error("occurred_on", code="future")


def test_when_needs_a_date_or_a_description():
    form = WhenForm(
        data={"occurred_on_0": "", "occurred_on_1": "", "occurred_on_2": "", "occurred_time": ""}
    )
    assert form.has_error("occurred_on", code="when_required")
    described = WhenForm(data={"when_description": "Most Friday evenings"})
    assert described.is_valid()


def test_when_time_needs_a_date_and_a_real_time():
    assert WhenForm(data={"occurred_time": "21:30", "when_description": "x"}).has_error(
        "occurred_on", code="time_without_date"
    )
    assert WhenForm(data={**WHEN, "occurred_time": "25:99"}).has_error(
        "occurred_time", code="invalid"
    )
    assert WhenForm(data={**WHEN, "occurred_time": "9pm"}).is_valid()


def test_person_of_concern_needs_something_to_identify_them():
    form = PersonForm(data={"phone_numbers": "07700 900456"})
    assert form.has_error("name", code="identity_required")


def test_person_of_concern_phones_are_normalised_where_they_parse_and_kept_otherwise():
    form = PersonForm(data={"nicknames": "D", "phone_numbers": "07911 123456\n\n burner "})
    assert form.is_valid()
    assert form.cleaned_data["phone_numbers"] == "+447911123456\nburner"


def test_place_needs_a_name_or_address():
    assert PlaceForm(data={"description": "x"}).has_error("name", code="place_required")


def test_vehicle_registration_is_upper_case_without_spaces():
    form = VehicleForm(data={"registration": " ab12  cde "})
    assert form.is_valid()
    assert form.cleaned_data["registration"] == "AB12CDE"


def test_vehicle_registration_is_letters_and_numbers_only():
    assert VehicleForm(data={"registration": "AB12-<b>"}).has_error(
        "registration", code="invalid_registration"
    )


def test_vehicle_needs_something():
    assert VehicleForm(data={}).has_error("registration", code="vehicle_required")


def test_lawful_basis_answers_are_required():
    form = LawfulBasisForm(data={})
    for name in ("lawful_basis", "special_category_condition", "subject_aware"):
        assert form.has_error(name, code="required")


@pytest.mark.parametrize("name", ["name", "role", "organisation", "email"])
def test_source_details_are_required(name):
    assert SourceForm(data={**SOURCE, name: ""}).has_error(name, code="required")


def test_source_email_must_be_an_email_address():
    assert SourceForm(data={**SOURCE, "email": "not-an-email"}).has_error("email", code="invalid")


@pytest.mark.parametrize("phone", ["12345", "+1 202 555 0143", "0117 496 012", "phone me"])
def test_source_phone_must_be_a_uk_number(phone):
    assert SourceForm(data={**SOURCE, "phone": phone}).has_error("phone", code="invalid_phone")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0117 496 0123", "+441174960123"),
        ("07911 123456", "+447911123456"),
        ("+44 (0)7911 123456", "+447911123456"),
    ],
)
def test_source_phone_is_stored_in_e164(typed, stored):
    form = SourceForm(data={**SOURCE, "phone": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == stored


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("07700 900 982", "+447700900982"),
        ("07700900982", "+447700900982"),
        ("+44 (0) 7700 900982", "+447700900982"),
        ("+44 (0)117 496 0123", "+441174960123"),
        ("0044 7911 123456", "+447911123456"),
        ("(0117) 496 0123", "+441174960123"),
        ("0117-496-0123", "+441174960123"),
        ("020 7946 0958", "+442079460958"),
        ("01632 960 001", "+441632960001"),
        ("01534 123456", "+441534123456"),
        ("0117 496 0123 ext. 204", "+441174960123 ext. 204"),
        ("0117 496 0123 x204", "+441174960123 ext. 204"),
    ],
)
def test_source_phone_accepts_numbers_as_professionals_type_them(typed, stored):
    form = SourceForm(data={**SOURCE, "phone": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == stored


def test_the_phone_hint_and_error_give_only_numbers_the_form_accepts():
    field = SourceForm.base_fields["phone"]
    error = SourceForm(data={**SOURCE, "phone": "phone me"}).errors["phone"][0]
    examples = re.findall(r"0[\d ]{9,12}\d", f"{field.help_text} {error}")
    assert len(examples) == 4  # two in the hint, the same two in the error
    for example in examples:
        form = SourceForm(data={**SOURCE, "phone": example})
        assert form.is_valid(), (example, form.errors)


def test_source_phone_is_optional():
    assert SourceForm(data={**SOURCE, "phone": ""}).is_valid()


def test_uk_phone_normalise_refuses_foreign_numbers():
    assert uk_phone_normalise("+33 1 23 45 67 89") is None


def test_error_summary_links_point_at_the_first_input_of_each_question():
    form = SubjectForm(data={**SUBJECT, "name": "", "date_of_birth_0": "40"})
    anchors = [anchor for anchor, _ in form.error_links()]
    assert "id_name" in anchors
    assert "id_date_of_birth_0" in anchors
    assert CategoriesForm(data={}).error_links()[0][0] == "id_categories_1"


def _input_classes(html: str, name: str) -> list[str]:
    tag = re.search(rf'<input[^>]*\bname="{name}"[^>]*>', html).group(0)
    return re.search(r'class="([^"]*)"', tag).group(1).split()


def test_every_text_input_in_error_has_the_error_border_the_email_included():
    form = SourceForm(data={**SOURCE, "name": "", "email": "not-an-email", "phone": "phone me"})
    assert not form.is_valid()
    html = render_crispy_form(form)
    for name in ("name", "email", "phone"):
        assert "govuk-input--error" in _input_classes(html, name), name
    # A field not in error keeps the plain border.
    assert "govuk-input--error" not in _input_classes(html, "role")


def test_the_time_input_in_error_has_the_error_border():
    form = WhenForm(data={**WHEN, "occurred_time": "25:99"})
    assert form.has_error("occurred_time", code="invalid")
    assert "govuk-input--error" in _input_classes(render_crispy_form(form), "occurred_time")
