# Indexes that let the queue count "how many match" from the index alone (issue 17): the
# category bits included in the status + queue-order index, the bits alone, and risk in queue order.

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('submissions', '0005_category_mask'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='submission',
            name='sub_status_order_idx',
        ),
        migrations.AddIndex(
            model_name='submission',
            index=models.Index(fields=['status', 'priority', 'due_at', 'id'], include=('category_mask',), name='sub_status_order_idx'),
        ),
        migrations.AddIndex(
            model_name='submission',
            index=models.Index(fields=['category_mask'], name='sub_category_mask_idx'),
        ),
        migrations.AddIndex(
            model_name='submission',
            index=models.Index(fields=['risk', 'priority', 'due_at', 'id'], name='sub_risk_order_idx'),
        ),
    ]
