"""Build the links index for submissions that have none (a broker outage, data loaded around
the model layer), or with --all for every submission."""

from django.core.management.base import BaseCommand

from links.services import links_index_pending


class Command(BaseCommand):
    help = "Index submissions' identifiers and link them (those never indexed, or --all)."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="re-index every submission")

    def handle(self, *args, **options):
        done = links_index_pending(everything=options["all"])
        self.stdout.write(f"Indexed {done} submission(s).")
