"""Two indexes fewer written by every claim (issue 17, round 7).

A claim's UPDATE changes status and assignee, both in the queue's indexes, so it cannot be a HOT
update: it writes an entry in every index of the table whose condition the new row meets (18).
Two of them earned nothing on that path:

- the assignee foreign key's own index: sub_assignee_idx (assigned_to, status) starts with the
  same column and answers every look-up by assignee, and the SET NULL of a deleted user;
- the urgency decider's: now partial (only rows with a decision), so a write to an undecided row
  (nearly all of them) adds nothing to it.

Only the indexes change: the foreign keys themselves are left as they are (Django's own
AlterField would drop and re-add both constraints, re-checking a million rows).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

ASSIGNEE_INDEX = "submissions_submission_assigned_to_id_fc6f8733"
DECIDER_INDEX = "submissions_submission_urgency_decided_by_id_4991905c"


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0006_count_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="submission",
                    name="assigned_to",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="assigned_submissions",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                migrations.AlterField(
                    model_name="submission",
                    name="urgency_decided_by",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{ASSIGNEE_INDEX}"',
                    f'CREATE INDEX "{ASSIGNEE_INDEX}" ON "submissions_submission" '
                    '("assigned_to_id")',
                ),
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{DECIDER_INDEX}"',
                    f'CREATE INDEX "{DECIDER_INDEX}" ON "submissions_submission" '
                    '("urgency_decided_by_id")',
                ),
            ],
        ),
        migrations.AddIndex(
            model_name="submission",
            index=models.Index(
                condition=models.Q(("urgency_decided_by__isnull", False)),
                fields=["urgency_decided_by"],
                name="sub_urgency_decider_idx",
            ),
        ),
    ]
