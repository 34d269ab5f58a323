"""Re-encrypt every encrypted value, and every session, to the newest key in ENCRYPTION_KEYS.

Run it after putting a new key first in ENCRYPTION_KEYS (keeping the old ones after it); once it
reports nothing left to change and no failures, the old keys can be removed.

Each batch is its own transaction and every value stays readable by some configured key at
every moment, so the command can be stopped at any point and run again. A value no key can
read is reported by table and id (never its content) and left exactly as it is.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from audit.models import Action
from audit.services import audit_event_record
from cpi.crypto import (
    DecryptionError,
    EncryptedTextField,
    is_encrypted_with_newest_key,
    rotate_token,
)


@dataclass
class TableResult:
    label: str
    rows_checked: int = 0
    rows_changed: int = 0
    failed_ids: list[str] = field(default_factory=list)


def encrypted_tables() -> list[tuple[str, str, str, list[str]]]:
    """(label, table, primary key column, encrypted columns) for every model, plus sessions."""
    tables = []
    for model in apps.get_models():
        columns = [
            f.column for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)
        ]
        if columns and model._meta.managed and not model._meta.proxy:
            tables.append((model._meta.label, model._meta.db_table, model._meta.pk.column, columns))
    # Session data is encrypted whole by cpi.session_store: answers waiting to be submitted.
    tables.append(("sessions.Session", "django_session", "session_key", ["session_data"]))
    return tables


def _rotate_batch(table, pk_column, columns, after, batch_size, result) -> object | None:
    """Rotate one batch of rows after primary key `after`; return the last key seen."""
    quote = connection.ops.quote_name
    select = ", ".join(quote(c) for c in [pk_column, *columns])
    where = f" WHERE {quote(pk_column)} > %s" if after is not None else ""
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    sql = (
        f"SELECT {select} FROM {quote(table)}{where} "  # noqa: S608 - names come from models
        f"ORDER BY {quote(pk_column)} LIMIT %s{lock}"
    )
    params = ([after] if after is not None else []) + [batch_size]
    last = None
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        for pk, *values in rows:
            last = pk
            result.rows_checked += 1
            changes = {}
            try:
                for column, token in zip(columns, values, strict=True):
                    if not token or is_encrypted_with_newest_key(token):
                        continue
                    changes[column] = rotate_token(token)
            except DecryptionError:
                # Fail closed: never overwrite what cannot be read; report the row by id only.
                result.failed_ids.append(str(pk))
                continue
            if changes:
                assignments = ", ".join(f"{quote(c)} = %s" for c in changes)
                cursor.execute(
                    f"UPDATE {quote(table)} SET {assignments} "  # noqa: S608
                    f"WHERE {quote(pk_column)} = %s",
                    [*changes.values(), pk],
                )
                result.rows_changed += 1
    return last


def rotate_all(*, batch_size: int = 500) -> list[TableResult]:
    results = []
    for label, table, pk_column, columns in encrypted_tables():
        result = TableResult(label=label)
        after = None
        while True:
            last = _rotate_batch(table, pk_column, columns, after, batch_size, result)
            if last is None:
                break
            after = last
        results.append(result)
    return results


class Command(BaseCommand):
    help = "Re-encrypt every encrypted field and session to the newest key in ENCRYPTION_KEYS."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size, **options):
        results = rotate_all(batch_size=batch_size)
        changed = sum(r.rows_changed for r in results)
        failed = sum(len(r.failed_ids) for r in results)
        for result in results:
            self.stdout.write(
                f"{result.label}: {result.rows_checked} checked, {result.rows_changed} changed"
                + (f", {len(result.failed_ids)} unreadable" if result.failed_ids else "")
            )
            for failed_id in result.failed_ids:
                self.stderr.write(
                    f"  unreadable with every configured key: {result.label} {failed_id}"
                )
        audit_event_record(
            action=Action.KEY_ROTATION,
            object_type="encryption_keys",
            details={
                "rows_checked": sum(r.rows_checked for r in results),
                "rows_changed": changed,
                "rows_failed": failed,
                "tables": {r.label: r.rows_changed for r in results},
            },
        )
        self.stdout.write(f"{changed} rows changed")
        if failed:
            raise CommandError(
                f"{failed} row(s) could not be decrypted with any configured key and were left "
                "unchanged. Add the missing key to ENCRYPTION_KEYS and run this again."
            )
