import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts.access import HANDLER_GROUP, SUPERVISOR_GROUP
from accounts.groups import staff_groups_ensure
from submissions.models import (
    Category,
    LawfulBasis,
    Outcome,
    PersonOfConcern,
    Place,
    Provenance,
    Risk,
    Source,
    SpecialCategoryCondition,
    Subject,
    SubjectAware,
    Submission,
    SubmissionCategory,
    Vehicle,
)
from submissions.references import reference_generate

STAFF_PASSWORD = "correct-horse-battery-staple-42"
ROLE_GROUPS = {"handler": HANDLER_GROUP, "supervisor": SUPERVISOR_GROUP}


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@police.example")
    password = factory.PostGenerationMethodCall("set_password", STAFF_PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        """role="handler" | "supervisor" | None (no group)."""
        self.save()
        if extracted:
            staff_groups_ensure()
            self.groups.add(Group.objects.get(name=ROLE_GROUPS[extracted]))


class SubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Submission
        skip_postgeneration_save = True

    reference = factory.LazyFunction(reference_generate)
    information = factory.Faker("paragraph", nb_sentences=4)
    when_description = "Most Friday evenings"
    provenance = Provenance.SEEN_DIRECTLY
    provenance_detail = "Saw it at the school gate."
    lawful_basis = LawfulBasis.PUBLIC_TASK
    special_category_condition = SpecialCategoryCondition.SAFEGUARDING
    subject_aware = SubjectAware.NO

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if not create:
            return
        for category in extracted or [Category.CRIMINAL_EXPLOITATION]:
            SubmissionCategory.objects.create(submission=self, category=category)

    @factory.post_generation
    def with_people(self, create, extracted, **kwargs):
        """By default a submission has a subject and a source, as every real one does."""
        if not create or extracted is False:
            return
        SubjectFactory(submission=self)
        SourceFactory(submission=self)


class SubjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subject

    submission = factory.SubFactory(SubmissionFactory, with_people=False)
    name = factory.Faker("name")
    approximate_age = 14
    setting = "Riverside Community College"
    description = "Slim build, dark hair."


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    submission = factory.SubFactory(SubmissionFactory, with_people=False)
    name = "Sarah Hughes"
    role = "Head of Year 9"
    organisation = "Kingsweston Academy"
    email = "s.hughes@kwa.example.sch.uk"
    phone = "+441174960123"
    contact_times = "Weekdays after 3pm"


class PersonOfConcernFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonOfConcern

    submission = factory.SubFactory(SubmissionFactory, with_people=False)
    name = "Dean Marsh"
    nicknames = "D-Money"
    phone_numbers = "+447700900456"
    social_media = "snapchat: deanm_99"


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    submission = factory.SubFactory(SubmissionFactory, with_people=False)
    name = "Underpass by the canal"
    address = "Canal Street, Bristol"


class VehicleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vehicle

    submission = factory.SubFactory(SubmissionFactory, with_people=False)
    make = "Ford"
    model = "Focus"
    colour = "Black"
    registration = "AB12CDE"


class IntelligenceLogFactory(factory.django.DjangoModelFactory):
    """An approved sanitised log, made directly (not through the service, so no gate clearance)."""

    class Meta:
        model = "intelligence.IntelligenceLog"

    submission = factory.SubFactory(SubmissionFactory)
    text = (
        "A 14 year old girl is seen most Friday evenings getting into a black Ford Focus, "
        "AB12 CDE, on Canal Street with a man known as D-Money."
    )
    evaluation = "2"
    assessment = "B"
    handling_code = "P"
    categories = factory.LazyFunction(lambda: ["criminal_exploitation"])
    status = "approved"
    review_date = factory.Faker("future_date", end_date="+2190d")


# A complete 3x5x2 grading with risk and priority: what recording any outcome needs.
GRADING = {
    "risk": Risk.MEDIUM,
    "priority": 2,
    "source_evaluation": "2",
    "intelligence_assessment": "B",
    "handling_code": "P",
    "handling_conditions": "",
}


def intelligence_log_record(*, submission, user, log_text: str) -> Submission:
    """Claim a submission and record a sanitised intelligence log on it, as a handler would."""
    from triage import services

    submission = services.submission_claim(submission=submission, user=user)
    return services.outcome_record(
        submission=submission,
        user=user,
        version=submission.version,
        data={**GRADING, "outcome": Outcome.INTELLIGENCE_LOG, "log_text": log_text},
    )


def machine_decisions(submission) -> dict[str, str]:
    """The keep/remove radios the assessment page prefills: the sanitiser's own choice for
    each identifier it was unsure of, as a browser would post them."""
    from triage.proposal import log_text_propose

    proposal = log_text_propose(submission)
    if proposal is None:
        return {}
    return {
        f"finding-{f.start}-{f.end}": "remove" if f.removed else "keep" for f in proposal.unknowns
    }
