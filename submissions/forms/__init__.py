"""The public form: one GOV.UK base form (base.py) and the pages built on it (pages.py)."""

from submissions.forms.base import (
    GovUKForm,
    PastDateField,
    uk_phone_normalise,
    uk_phones_display,
)
from submissions.forms.pages import (
    INFORMATION_MAX_LENGTH,
    AddAnotherForm,
    CategoriesForm,
    ContinueForm,
    EligibilityForm,
    InformationForm,
    LawfulBasisForm,
    PersonForm,
    PlaceForm,
    ProvenanceForm,
    SourceForm,
    SubjectForm,
    UrgencyForm,
    VehicleForm,
    WhenForm,
)

__all__ = [
    "INFORMATION_MAX_LENGTH",
    "AddAnotherForm",
    "CategoriesForm",
    "ContinueForm",
    "EligibilityForm",
    "GovUKForm",
    "InformationForm",
    "LawfulBasisForm",
    "PastDateField",
    "PersonForm",
    "PlaceForm",
    "ProvenanceForm",
    "SourceForm",
    "SubjectForm",
    "UrgencyForm",
    "VehicleForm",
    "WhenForm",
    "uk_phone_normalise",
    "uk_phones_display",
]
