"""Build the links index for submissions that have none (a broker outage, data loaded around
the model layer), or with --all for every submission."""

from django.core.management.base import BaseCommand

from links.services import links_index_pending, submission_links_index
from submissions.models import Submission


class Command(BaseCommand):
    help = "Index submissions' identifiers and link them (those never indexed, or --all)."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="re-index every submission")

    def handle(self, *args, **options):
        if options["all"]:
            done = 0
            for submission_id in (
                Submission.objects.order_by("created_at").values_list("pk", flat=True).iterator()
            ):
                submission_links_index(submission_id=submission_id)
                done += 1
        else:
            done = links_index_pending()
        self.stdout.write(f"Indexed {done} submission(s).")
