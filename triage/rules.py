"""What an assessment must hold: shared by the form (to show errors) and the services."""

from typing import Any

from submissions.models import Outcome
from triage.grading import HandlingCode

# The fields each outcome needs, with the message shown when one is missing.
OUTCOME_REQUIRES: dict[str, dict[str, str]] = {
    Outcome.INTELLIGENCE_LOG: {"log_text": "Enter the sanitised log text"},
    Outcome.CRIME_DESK: {
        "crime_summary": "Enter what the crime appears to be",
        "tasking_note": "Enter a tasking note for the crime desk",
    },
    Outcome.SAFEGUARDING_REFERRAL: {
        "referral_service": "Select the service you are referring to",
        "referral_reason": "Enter the reason for the referral",
    },
    Outcome.NO_ACTION: {"no_action_rationale": "Enter why no action is needed"},
}

# Every field that belongs to one outcome or another.
OUTCOME_FIELDS: tuple[str, ...] = (
    "log_text",
    "crime_summary",
    "tasking_note",
    "crime_reference",
    "referral_service",
    "referral_reason",
    "no_action_rationale",
)
FIELDS_OF_OUTCOME: dict[str, tuple[str, ...]] = {
    Outcome.INTELLIGENCE_LOG: ("log_text",),
    Outcome.CRIME_DESK: ("crime_summary", "tasking_note", "crime_reference"),
    Outcome.SAFEGUARDING_REFERRAL: ("referral_service", "referral_reason"),
    Outcome.NO_ACTION: ("no_action_rationale",),
}

# Needed before any outcome can be recorded.
RECORDING_REQUIRES: dict[str, str] = {
    "risk": "Select the risk",
    "priority": "Select the priority",
    "source_evaluation": "Select the source evaluation",
    "intelligence_assessment": "Select the intelligence assessment",
    "handling_code": "Select the handling code",
    "outcome": "Select an outcome",
}


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def assessment_errors(data: dict[str, Any], *, recording: bool) -> dict[str, str]:
    """Field name -> message for everything missing. Empty when the assessment can be saved.

    A draft only needs to be consistent (conditions for handling code C); recording an outcome
    needs the risk, priority, full grading, one outcome and what that outcome requires.
    """
    errors: dict[str, str] = {}
    if data.get("handling_code") == HandlingCode.CONDITIONS and _blank(
        data.get("handling_conditions")
    ):
        errors["handling_conditions"] = "Enter the conditions for sharing"
    if not recording:
        return errors
    for field, message in RECORDING_REQUIRES.items():
        if _blank(data.get(field)):
            errors.setdefault(field, message)
    outcome = data.get("outcome")
    if outcome and outcome not in OUTCOME_REQUIRES:
        errors["outcome"] = "Select an outcome"
    for field, message in OUTCOME_REQUIRES.get(outcome, {}).items():
        if _blank(data.get(field)):
            errors.setdefault(field, message)
    return errors
