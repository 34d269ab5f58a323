"""The 3x5x2 grading (the UK intelligence report standard), owned with the handler's assessment.

The assessment grades the information; a sanitised log carries that grading out, so the log and
the export gate read the choices and the short form ("2C P") from here.
"""

from django.db import models


class SourceEvaluation(models.TextChoices):
    RELIABLE = "1", "1: Reliable"
    UNTESTED = "2", "2: Untested"
    NOT_RELIABLE = "3", "3: Not reliable"


class IntelligenceAssessment(models.TextChoices):
    KNOWN_DIRECTLY = "A", "A: Known directly to the source"
    CORROBORATED = "B", "B: Known indirectly but corroborated"
    KNOWN_INDIRECTLY = "C", "C: Known indirectly"
    NOT_KNOWN = "D", "D: Not known"
    SUSPECTED_FALSE = "E", "E: Suspected to be false or malicious"


class HandlingCode(models.TextChoices):
    PERMITTED = "P", "P: Lawful sharing permitted"
    CONDITIONS = "C", "C: Lawful sharing permitted with conditions"


def grading(evaluation: str, assessment: str, handling_code: str) -> str:
    """The grading in its usual short form, for example "2C P"."""
    return f"{evaluation}{assessment} {handling_code}"
