"""Reads for the public journey."""

import uuid

from django.urls import reverse

from submissions import wizard
from submissions.models import Submission


def submission_by_token(token: str) -> Submission | None:
    """The submission already made with this one-time form token, if any."""
    try:
        parsed = uuid.UUID(str(token))
    except ValueError:
        return None
    return Submission.objects.filter(submission_token=parsed).only("reference").first()


def check_sections(answers: wizard.Answers) -> list[dict]:
    """Every answer, grouped by page, each with the link that changes it and returns here."""
    sections = []
    for step in wizard.STEPS:
        if step.collection:
            list_url = reverse("submissions:step", kwargs={"slug": step.slug}) + "?return=check"
            cards = []
            for index, item in enumerate(answers.items(step)):
                kwargs = {"slug": step.slug, "index": index}
                cards.append(
                    {
                        "title": step.item_title(item, index),
                        "rows": wizard.answer_rows(step, item),
                        "change_url": reverse("submissions:item_change", kwargs=kwargs)
                        + "?return=check",
                        "remove_url": reverse("submissions:item_remove", kwargs=kwargs)
                        + "?return=check",
                    }
                )
            sections.append(
                {"step": step, "cards": cards, "list_url": list_url, "collection": True}
            )
        else:
            change_url = reverse("submissions:step", kwargs={"slug": step.slug}) + "?return=check"
            sections.append(
                {
                    "step": step,
                    "rows": wizard.answer_rows(step, answers.get(step) or {}),
                    "change_url": change_url,
                    "collection": False,
                }
            )
    return sections
