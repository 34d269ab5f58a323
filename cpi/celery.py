import os
from logging.config import dictConfig

from celery import Celery
from celery.signals import setup_logging
from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cpi.settings")

app = Celery("cpi")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@setup_logging.connect
def _log_as_the_web_app_does(**kwargs):
    """The worker logs through settings.LOGGING (exception messages withheld, control characters
    escaped), not through the handlers Celery would put on the root logger. LOG_LEVEL sets the
    level, as in the web app."""
    dictConfig(settings.LOGGING)
