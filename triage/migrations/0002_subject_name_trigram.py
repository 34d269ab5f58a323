"""A trigram index for the queue's search over the names of people at risk (PostgreSQL only).

The queue filters with Django's icontains, which PostgreSQL runs as UPPER(name) LIKE UPPER('%q%');
a GIN index on upper(name) with gin_trgm_ops answers that without reading every subject. SQLite
has no such index and falls back to a scan, which is fine for development.
"""

from django.db import migrations

INDEX = "subject_name_trgm_idx"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON submissions_subject "
        "USING gin (upper(name) gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0001_initial"),
        ("triage", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
