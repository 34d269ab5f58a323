"""Intelligence-only fixtures: a submission whose text names its source, and logs to export."""

import pytest
from django.test import Client

from intelligence.models import IntelligenceLog
from tests.factories import (
    IntelligenceLogFactory,
    PersonOfConcernFactory,
    SourceFactory,
    SubjectFactory,
    SubmissionFactory,
    UserFactory,
    VehicleFactory,
)

# SourceFactory's source is Sarah Hughes, Head of Year 9 at Kingsweston Academy.
SOURCE_IDENTIFIERS = (
    "Sarah",
    "Hughes",
    "Kingsweston",
    "s.hughes@kwa.example.sch.uk",
    "kwa.example",
    "0117 496 0123",
    "1174960123",
    "Head of Year 9",
)
INFORMATION = (
    "Jade Smith (14) is in my Year 9 class at Kingsweston Academy. She has been seen getting "
    "into a black Ford Focus AB12 CDE on Canal Street most Friday evenings with a man called "
    "Dean Marsh (07700 900456). Mrs Hughes saw this herself on 3 March at 6pm.\n\n"
    "Sarah Hughes\nHead of Year 9, Kingsweston Academy\n"
    "s.hughes@kwa.example.sch.uk | 0117 496 0123"
)
CLEAN_TEXT = (
    "Jade Smith (14) has been seen getting into a black Ford Focus AB12 CDE on Canal Street "
    "most Friday evenings with a man called Dean Marsh (07700 900456)."
)


def assert_no_source_identifier(text: str) -> None:
    for identifier in SOURCE_IDENTIFIERS:
        assert identifier.lower() not in text.lower(), f"{identifier!r} leaked"


def leak_source_name(log: IntelligenceLog) -> None:
    """Re-insert the source's name straight into the database, past every form and service."""
    IntelligenceLog.objects.filter(pk=log.pk).update(text=f"{log.text} Reported by Sarah Hughes.")


@pytest.fixture
def cpi_submission(db):
    """A submission as a teacher would write it: their name, school and contacts in the text."""
    submission = SubmissionFactory(with_people=False, information=INFORMATION)
    SubjectFactory(submission=submission, name="Jade Smith", setting="Kingsweston Academy")
    PersonOfConcernFactory(submission=submission)
    VehicleFactory(submission=submission)
    SourceFactory(submission=submission)
    return submission


def make_log(**kwargs) -> IntelligenceLog:
    submission = SubmissionFactory(with_people=False)
    SourceFactory(submission=submission)
    return IntelligenceLogFactory(submission=submission, **kwargs)


@pytest.fixture
def clean_log(db):
    return make_log(text=CLEAN_TEXT)


@pytest.fixture
def leaky_log(db):
    log = make_log(text=CLEAN_TEXT)
    leak_source_name(log)
    log.refresh_from_db()
    return log


@pytest.fixture
def export_dir(settings, tmp_path):
    settings.EXPORT_DIR = tmp_path / "exports"
    return settings.EXPORT_DIR


@pytest.fixture
def admin_client(db):
    """A superuser signed in with both factors."""
    from tests.accounts.otp import session_verify, totp_device_for

    user = UserFactory(username="ada.admin", is_staff=True, is_superuser=True, role=None)
    client = Client()
    client.force_login(user)
    session = client.session
    session_verify(session, totp_device_for(user))
    session.save()
    return client
