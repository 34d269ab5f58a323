# Indexes that serve the queue's order per filter (issue 17). At 1,000,000 submissions the three
# builds take a few seconds together; see the README's performance section for the measured time.

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('submissions', '0003_urgency_flag'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='submission',
            name='sub_due_order_idx',
        ),
        migrations.AddIndex(
            model_name='submission',
            index=models.Index(fields=['priority', 'due_at', 'id', 'created_at'], name='sub_due_order_idx'),
        ),
        migrations.AddIndex(
            model_name='submission',
            index=models.Index(fields=['status', 'priority', 'due_at', 'id'], name='sub_status_order_idx'),
        ),
        migrations.AddIndex(
            model_name='submission',
            index=models.Index(condition=models.Q(('assigned_to__isnull', True)), fields=['priority', 'due_at', 'id'], name='sub_unassigned_order_idx'),
        ),
    ]
