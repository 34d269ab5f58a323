from django.core.management.base import BaseCommand

from submissions.services import outbox_drain


class Command(BaseCommand):
    help = "Send the notifications still waiting in the outbox (for example after a broker outage)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=1000, help="Send at most this many.")

    def handle(self, *args, limit, **options):
        sent, failed = outbox_drain(limit=limit)
        self.stdout.write(f"Sent {sent} notification(s); {failed} failed and will be retried.")
