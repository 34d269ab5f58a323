"""Entries are sealed into the chain just after they commit, not while their transaction holds it.

Existing entries were chained in id order, so their chain position is their id. On PostgreSQL
the append-only trigger now lets exactly one update through per entry: the seal, which fills
chain_position, previous_hash and hash on an unsealed entry and touches nothing else.
"""

from django.db import migrations, models

SEAL_ONLY = """
CREATE OR REPLACE FUNCTION audit_event_seal_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND OLD.chain_position IS NULL
       AND NEW.hash IS NOT NULL AND NEW.chain_position IS NOT NULL
       AND (NEW.id, NEW.created_at, NEW.action, NEW.actor_id, NEW.actor_username,
            NEW.submission_reference, NEW.object_type, NEW.object_id, NEW.ip_address, NEW.details)
           IS NOT DISTINCT FROM
           (OLD.id, OLD.created_at, OLD.action, OLD.actor_id, OLD.actor_username,
            OLD.submission_reference, OLD.object_type, OLD.object_id, OLD.ip_address, OLD.details)
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit entries are append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""
TRIGGER = "audit_auditevent_append_only"


def position_existing_entries(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    if postgres:
        schema_editor.execute(f"ALTER TABLE audit_auditevent DISABLE TRIGGER {TRIGGER}")
    schema_editor.execute("UPDATE audit_auditevent SET chain_position = id")
    schema_editor.execute(
        "UPDATE audit_auditchainhead SET last_position = "
        "(SELECT COALESCE(MAX(id), 0) FROM audit_auditevent)"
    )
    if postgres:
        schema_editor.execute(f"ALTER TABLE audit_auditevent ENABLE TRIGGER {TRIGGER}")


def allow_the_seal(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(SEAL_ONLY, params=None)  # its % are PL/pgSQL placeholders, not ours
    schema_editor.execute(
        f"DROP TRIGGER IF EXISTS {TRIGGER} ON audit_auditevent; "
        f"CREATE TRIGGER {TRIGGER} BEFORE UPDATE OR DELETE ON audit_auditevent "
        "FOR EACH ROW EXECUTE FUNCTION audit_event_seal_only();"
    )


def refuse_every_update(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"DROP TRIGGER IF EXISTS {TRIGGER} ON audit_auditevent; "
        f"CREATE TRIGGER {TRIGGER} BEFORE UPDATE OR DELETE ON audit_auditevent "
        "FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();"
    )
    schema_editor.execute("DROP FUNCTION IF EXISTS audit_event_seal_only();")


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0004_object_index'),
    ]

    operations = [
        migrations.AddField(
            model_name='auditchainhead',
            name='last_position',
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='auditevent',
            name='chain_position',
            field=models.BigIntegerField(blank=True, null=True, unique=True),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='hash',
            field=models.CharField(blank=True, max_length=64, null=True, unique=True),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='previous_hash',
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AddIndex(
            model_name='auditevent',
            index=models.Index(condition=models.Q(('hash__isnull', True)), fields=['id'], name='audit_unsealed_idx'),
        ),
        migrations.RunPython(position_existing_entries, migrations.RunPython.noop),
        migrations.RunPython(allow_the_seal, refuse_every_update),
    ]
