from django.core.management.base import BaseCommand

from retention.services import retention_purge_run


class Command(BaseCommand):
    help = (
        "Apply the retention policy now: scrub sources out of their submissions' text and blank "
        "their contact details, delete old 'no action' submissions, expired sessions, old sign-in "
        "records and old export files; count logs due for review."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be removed."
        )

    def handle(self, *args, dry_run: bool = False, **options):
        counts = retention_purge_run(dry_run=dry_run)
        heading = "Would remove (dry run):" if dry_run else "Removed:"
        self.stdout.write(heading)
        self.stdout.write(f"  source contact details blanked  {counts.sources_purged}")
        self.stdout.write(f"  texts the source was scrubbed from {counts.source_texts_scrubbed}")
        self.stdout.write(f"  'no action' submissions deleted {counts.submissions_deleted}")
        self.stdout.write(f"  expired sessions deleted        {counts.sessions_deleted}")
        self.stdout.write(f"  old sign-in records deleted     {counts.sign_in_records_deleted}")
        self.stdout.write(f"  old export files deleted        {counts.export_files_deleted}")
        self.stdout.write(f"Intelligence logs due for review: {counts.logs_due_for_review}")
        if counts.sources_unreadable:
            self.stderr.write(
                f"{counts.sources_unreadable} source(s) left as they were: no encryption key "
                "decrypts them, so their text cannot be scrubbed. Fix ENCRYPTION_KEYS and run "
                "again."
            )
