"""The teacher's submission that names its source, shared with the intelligence tests: the
proposal and the masks are triage's, the log made from it intelligence's."""

from tests.intelligence.conftest import cpi_submission  # noqa: F401  (a fixture, used by name)
