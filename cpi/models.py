import uuid

from django.db import models


class BaseModel(models.Model):
    """UUID key (nothing guessable in URLs) and timestamps, shared by the project's models."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
