"""Make the audit tables append-only on PostgreSQL, and create the chain head row.

A trigger refuses UPDATE and DELETE on audit_auditevent and on django-auditlog's
auditlog_logentry, whoever asks (the application, the admin, or someone at a psql prompt without
the rights to drop the trigger). audit_auditchainhead is left writable: it must move forward.
SQLite has no such trigger; there the chain and verify_audit_chain are the protection.

Note for upgrades: a future django-auditlog migration that rewrites auditlog_logentry rows needs
the trigger disabled for its duration (ALTER TABLE auditlog_logentry DISABLE TRIGGER ...).
"""

from django.db import migrations

TABLES = ("audit_auditevent", "auditlog_logentry")

FUNCTION = """
CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit entries are append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def _trigger_name(table: str) -> str:
    return f"{table}_append_only"


def add_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)  # its % are PL/pgSQL placeholders, not ours
    for table in TABLES:
        schema_editor.execute(
            f"DROP TRIGGER IF EXISTS {_trigger_name(table)} ON {table}; "
            f"CREATE TRIGGER {_trigger_name(table)} BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();"
        )


def remove_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {_trigger_name(table)} ON {table};")
    schema_editor.execute("DROP FUNCTION IF EXISTS audit_refuse_change();")


def create_head(apps, schema_editor):
    AuditChainHead = apps.get_model("audit", "AuditChainHead")
    AuditChainHead.objects.get_or_create(id=1)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_action_without_choices"),
        ("auditlog", "0017_add_actor_email"),
    ]

    operations = [
        migrations.RunPython(create_head, migrations.RunPython.noop),
        migrations.RunPython(add_triggers, remove_triggers),
    ]
