import re

from django.conf import settings
from django.db import models
from django.db.models import Q

from cpi.models import BaseModel
from links.matching import POSSIBLE_PREFIX
from submissions.models import Submission


class Kind(models.TextChoices):
    PERSON = "person", "Person"
    NICKNAME = "nickname", "Nickname"
    REGISTRATION = "registration", "Registration"
    PHONE = "phone", "Phone"
    HANDLE = "handle", "Social media handle"
    EMAIL = "email", "Email"
    POSTCODE = "postcode", "Postcode"
    PLACE = "place", "Place"


class Origin(models.TextChoices):
    ENTERED = "entered", "Entered"
    MENTIONED = "mentioned", "Mentioned"


class Identifier(models.Model):
    """One identifier of a subject, a person of concern, a place or a vehicle, in the one
    spelling `links.normalise` gives it. Nothing of the source is ever written here."""

    id = models.BigAutoField(primary_key=True)
    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="link_identifiers"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    value = models.CharField(max_length=200)
    # As a handler reads it: "Kyle Mendes", "AB12CDE", "@tinyman_bs5".
    shown = models.CharField(max_length=200)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.ENTERED)
    # People only: the year of birth, exact from a date of birth or estimated from an age.
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)
    birth_year_exact = models.BooleanField(default=False)
    # People only: the surname's sound and the given name's first letter, so close spellings
    # are found by an index look-up rather than by reading every name.
    block = models.CharField(max_length=8, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["kind", "value"], name="linkid_value_idx"),
            models.Index(
                fields=["block"], condition=Q(kind="person"), name="linkid_person_block_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="linkid_kind_valid"),
            models.CheckConstraint(
                condition=Q(origin__in=Origin.values), name="linkid_origin_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.shown}"


class Decision(models.TextChoices):
    UNDECIDED = "", "Not decided"
    CONFIRMED = "confirmed", "Confirmed"
    NOT_SAME = "not_same", "Not the same"


class Link(BaseModel):
    """Two submissions that share identifiers, stored once each way so that either's panel and
    the queue's counts are one index range. A handler's decision is kept on both rows."""

    # No index of its own: the unique pair's index starts with it.
    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="links", db_index=False
    )
    other = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="+")
    strength = models.PositiveSmallIntegerField(default=0)
    # What is certain (a shared plate, phone, handle, the same person) links them on its own.
    sure = models.BooleanField(default=True)
    # At least one reason is a close name match: "possible" until a handler decides.
    possible = models.BooleanField(default=False)
    reasons = models.JSONField(default=list)
    decision = models.CharField(
        max_length=10, choices=Decision.choices, blank=True, default=Decision.UNDECIDED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        # The panel and the queue's counts read one submission's rows: the unique pair's index
        # (submission first) serves them; each row written costs every extra index.
        constraints = [
            models.UniqueConstraint(fields=["submission", "other"], name="link_pair_unique"),
            models.CheckConstraint(
                condition=~Q(submission=models.F("other")), name="link_not_self"
            ),
            models.CheckConstraint(
                condition=Q(decision__in=Decision.values), name="link_decision_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.submission_id} ~ {self.other_id}"

    @property
    def undecided(self) -> bool:
        """A close name match a handler may still confirm or mark not the same."""
        return self.possible and self.decision == Decision.UNDECIDED

    @property
    def reasons_shown(self) -> list[tuple[str, str, str]]:
        """(tag, words, search term) per reason as a handler reads them: a close name is tagged
        "possible" until decided, "confirmed" after; one marked not the same is gone (the link
        stays only for what else it shares). The term is what "Everything linked to" searches
        for: the plate, phone, handle, email, postcode or name the reason names."""
        shown = []
        for reason in self.reasons:
            if not reason.startswith(POSSIBLE_PREFIX):
                shown.append(("", reason, _search_term(reason)))
            elif self.decision != Decision.NOT_SAME:
                tag = "confirmed" if self.decision == Decision.CONFIRMED else "possible"
                words = "person: " + reason[len(POSSIBLE_PREFIX) :]
                shown.append((tag, words, _search_term(words)))
        return shown


# "same registration AB12CDE (mentioned ...)" -> "AB12CDE"; "person: Kyle Mendes, born 2011" ->
# "Kyle Mendes". Places and nicknames are not searched for (too wide).
_SEARCHABLE = re.compile(
    r"^(?:same (?:registration|phone|handle|email|postcode) |person: )([^,(]+?)(?:,| \(|$)"
)


def _search_term(reason: str) -> str:
    match = _SEARCHABLE.match(reason)
    return match.group(1).strip() if match else ""


class IndexState(models.Model):
    """When a submission's identifiers were last extracted: the sweep finds those never done."""

    submission = models.OneToOneField(
        Submission, on_delete=models.CASCADE, primary_key=True, related_name="link_index"
    )
    indexed_at = models.DateTimeField()
    # Some submission sharing details with this one is not linked to it: one side found more
    # than LINKS_KEPT and kept its strongest. Its linked count is then "at least" ("50+").
    capped = models.BooleanField(default=False, db_default=False)

    def __str__(self) -> str:
        return f"indexed {self.submission_id}"
