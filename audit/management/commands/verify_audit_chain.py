from django.core.management.base import BaseCommand, CommandError

from audit.integrity import audit_chain_verify


class Command(BaseCommand):
    help = (
        "Walk the audit chain in order and report the first broken link; exits non-zero if the "
        "trail was altered or sealing has stopped. Keep the printed head hash somewhere else to "
        "detect a rewritten tail."
    )

    def handle(self, *args, **options):
        report = audit_chain_verify()
        if not report.ok:
            where = f"entry {report.broken_id}" if report.broken_id is not None else "the chain"
            raise CommandError(
                f"Audit chain broken at {where}: {report.problem} "
                f"(expected {report.expected}, found {report.found}). "
                f"{report.checked} entries before it verified."
            )
        self.stdout.write(
            f"Audit chain OK: {report.checked} entries verified "
            f"({report.change_log_entries} from the change log). Head {report.head_hash}"
        )
        if report.unsealed:
            self.stdout.write(
                f"{report.unsealed} newer entries are committed and awaiting their seal "
                "(sealed within a minute; run it again to include them)."
            )
