# The categories of a submission as bits on its own row (issue 17), kept by PostgreSQL.
#
# Statement-level triggers on the link table move the bits of the rows a statement inserted,
# deleted or changed, in one UPDATE per statement (a COPY of 5,000 links is one update, and the
# seeder writes the mask itself, so theirs finds nothing to change). Bits are set and cleared
# with | and & ~ under the row's lock, never recounted, so two writers cannot lose each other's
# change; (submission, category) is unique, so one link is one bit. A BEFORE UPDATE OF trigger on
# the submission keeps the stored mask when anything but these triggers writes the column (a
# Django save() of a whole row carries the mask it read, which may be older).
#
# The bits follow submissions.models.CATEGORY_BITS. SQLite keeps the column at 0 and the queue
# filters there with EXISTS on the link table.

from django.db import migrations, models, transaction

CATEGORIES = [
    "missing_exploited_trafficked",
    "child_sexual_exploitation",
    "criminal_exploitation",
    "drug_related_harm",
    "modern_slavery",
    "community_cohesion",
    "anti_social_behaviour",
    "organised_crime",
]
WHEN = "\n".join(f"    WHEN '{code}' THEN {1 << i}" for i, code in enumerate(CATEGORIES))

TRIGGERS = f"""
CREATE OR REPLACE FUNCTION submissions_category_bit(code text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE code
{WHEN}
    ELSE 0
  END
$$;

CREATE OR REPLACE FUNCTION submissions_category_mask_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE submissions_submission AS s SET category_mask = s.category_mask | added.bits
  FROM (
    SELECT submission_id, bit_or(submissions_category_bit(category)) AS bits
    FROM new_links GROUP BY submission_id
  ) AS added
  WHERE s.id = added.submission_id AND s.category_mask & added.bits <> added.bits;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION submissions_category_mask_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE submissions_submission AS s SET category_mask = s.category_mask & ~removed.bits
  FROM (
    SELECT submission_id, bit_or(submissions_category_bit(category)) AS bits
    FROM old_links GROUP BY submission_id
  ) AS removed
  WHERE s.id = removed.submission_id AND s.category_mask & removed.bits <> 0;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION submissions_category_mask_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE submissions_submission AS s SET category_mask = s.category_mask & ~removed.bits
  FROM (
    SELECT submission_id, bit_or(submissions_category_bit(category)) AS bits
    FROM old_links GROUP BY submission_id
  ) AS removed
  WHERE s.id = removed.submission_id;
  UPDATE submissions_submission AS s SET category_mask = s.category_mask | added.bits
  FROM (
    SELECT submission_id, bit_or(submissions_category_bit(category)) AS bits
    FROM new_links GROUP BY submission_id
  ) AS added
  WHERE s.id = added.submission_id;
  RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS subcat_mask_insert ON submissions_submissioncategory;
CREATE TRIGGER subcat_mask_insert AFTER INSERT ON submissions_submissioncategory
  REFERENCING NEW TABLE AS new_links
  FOR EACH STATEMENT EXECUTE FUNCTION submissions_category_mask_add();
DROP TRIGGER IF EXISTS subcat_mask_delete ON submissions_submissioncategory;
CREATE TRIGGER subcat_mask_delete AFTER DELETE ON submissions_submissioncategory
  REFERENCING OLD TABLE AS old_links
  FOR EACH STATEMENT EXECUTE FUNCTION submissions_category_mask_remove();
DROP TRIGGER IF EXISTS subcat_mask_update ON submissions_submissioncategory;
CREATE TRIGGER subcat_mask_update AFTER UPDATE ON submissions_submissioncategory
  REFERENCING OLD TABLE AS old_links NEW TABLE AS new_links
  FOR EACH STATEMENT EXECUTE FUNCTION submissions_category_mask_move();

"""

GUARD = """
CREATE OR REPLACE FUNCTION submissions_category_mask_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Depth 1 is this trigger called by the statement itself: a write from outside the link
  -- table's triggers (which run this at depth 2), so the stored mask stays.
  IF pg_trigger_depth() < 2 THEN
    NEW.category_mask := OLD.category_mask;
  END IF;
  RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS sub_category_mask_keep ON submissions_submission;
CREATE TRIGGER sub_category_mask_keep BEFORE UPDATE OF category_mask ON submissions_submission
  FOR EACH ROW EXECUTE FUNCTION submissions_category_mask_keep();
"""

# The existing rows, a range of ids at a time, each range its own short transaction: the
# queue keeps working while a million rows are filled (about 2.5 minutes on the bench machine).
FILL = """
UPDATE submissions_submission AS s SET category_mask = links.bits
FROM (
  SELECT submission_id, bit_or(submissions_category_bit(category)) AS bits
  FROM submissions_submissioncategory
  WHERE submission_id >= %(low)s AND (%(high)s::uuid IS NULL OR submission_id < %(high)s)
  GROUP BY submission_id
) AS links
WHERE s.id = links.submission_id AND s.category_mask <> links.bits
"""
FILL_BATCH = 50_000

BACKWARD = """
DROP TRIGGER IF EXISTS sub_category_mask_keep ON submissions_submission;
DROP TRIGGER IF EXISTS subcat_mask_insert ON submissions_submissioncategory;
DROP TRIGGER IF EXISTS subcat_mask_delete ON submissions_submissioncategory;
DROP TRIGGER IF EXISTS subcat_mask_update ON submissions_submissioncategory;
DROP FUNCTION IF EXISTS submissions_category_mask_keep();
DROP FUNCTION IF EXISTS submissions_category_mask_add();
DROP FUNCTION IF EXISTS submissions_category_mask_remove();
DROP FUNCTION IF EXISTS submissions_category_mask_move();
DROP FUNCTION IF EXISTS submissions_category_bit(text);
"""


def column_add(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE submissions_submission "
            "ADD COLUMN IF NOT EXISTS category_mask integer NOT NULL DEFAULT 0"
        )
        return
    schema_editor.add_field(apps.get_model("submissions", "Submission"), _mask_field())


def column_drop(apps, schema_editor):
    schema_editor.remove_field(apps.get_model("submissions", "Submission"), _mask_field())


def _mask_field() -> models.IntegerField:
    field = models.IntegerField(default=0, editable=False)
    field.set_attributes_from_name("category_mask")
    return field


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    connection = schema_editor.connection
    # The triggers first: links written while the old rows are filled set their own bits.
    with transaction.atomic(using=connection.alias):
        schema_editor.execute(TRIGGERS)
    low = "00000000-0000-0000-0000-000000000000"
    while low is not None:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute(
                "SELECT id FROM submissions_submission WHERE id >= %s ORDER BY id OFFSET %s LIMIT 1",
                [low, FILL_BATCH],
            )
            found = cursor.fetchone()
            high = found[0] if found else None
            cursor.execute(FILL, {"low": low, "high": high})
        low = high
    with transaction.atomic(using=connection.alias):
        schema_editor.execute(GUARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    # Not one transaction: adding the column, the triggers and each range of the fill commit on
    # their own, so no lock is held on the submissions for the length of the fill.
    atomic = False

    dependencies = [
        ('submissions', '0004_queue_order_indexes'),
    ]

    # Safe to run again after a crash part way (the column, the functions and the triggers are
    # created only if missing; the fill skips rows already right).
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name='submission',
                    name='category_mask',
                    field=models.IntegerField(default=0, editable=False),
                ),
            ],
            database_operations=[
                migrations.RunPython(column_add, column_drop),
            ],
        ),
        migrations.RunPython(forward, backward),
    ]
