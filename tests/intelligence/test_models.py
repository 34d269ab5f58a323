"""The sanitised log is its own record, with no place for the source."""

import pytest
from django.db import IntegrityError, transaction
from django.db.models import JSONField

from intelligence.models import IntelligenceLog, LogStatus
from intelligence.services import intelligence_log_create
from tests.intelligence.conftest import SOURCE_IDENTIFIERS, make_log

pytestmark = pytest.mark.django_db

SOURCE_LIKE = ("source", "provenance", "informant", "reporter", "contact")


def test_the_log_model_has_no_field_named_for_the_source():
    names = [field.name for field in IntelligenceLog._meta.get_fields()]
    for name in names:
        assert not any(word in name.lower() for word in SOURCE_LIKE), name


def test_no_field_of_a_new_log_holds_any_source_identifier(cpi_submission, handler_user):
    log = intelligence_log_create(
        submission=cpi_submission,
        text="Jade Smith (14) is seen getting into a black Ford Focus AB12 CDE.",
        evaluation="2",
        assessment="B",
        handling_code="P",
        user=handler_user,
        approval_required=False,
    )
    log.refresh_from_db()
    values = []
    for field in IntelligenceLog._meta.concrete_fields:
        value = getattr(log, field.attname)
        values.append(str(value))
        if isinstance(field, JSONField):
            assert "Kingsweston" not in str(value)
    everything = " ".join(values).lower()
    for identifier in SOURCE_IDENTIFIERS:
        assert identifier.lower() not in everything, identifier
    # ...and the subject information survived the copy.
    assert log.subjects[0]["name"] == "Jade Smith"
    assert log.vehicles[0]["registration"] == "AB12CDE"
    assert log.persons_of_concern[0]["name"] == "Dean Marsh"


def test_a_log_reference_is_its_own_and_not_the_submissions():
    log = make_log()
    assert log.reference.startswith("LOG-")
    assert log.submission.reference[4:] not in log.reference


def test_the_database_insists_on_conditions_for_handling_code_c():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_log(handling_code="C", handling_conditions="")


def test_the_database_refuses_an_unknown_status():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_log(status="published")


def test_approved_is_the_default_status_of_the_factory_only():
    assert IntelligenceLog._meta.get_field("status").default == LogStatus.DRAFT
