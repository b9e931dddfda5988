"""The Celery app: configured from Django settings (CELERY_* names), tasks found in every app."""

import logging.config
import os

from celery import Celery
from celery.signals import setup_logging
from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

app = Celery("cms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@setup_logging.connect
def use_django_logging(**kwargs):
    """Worker and beat log through Django's LOGGING (plain or JSON, with the request id) instead
    of Celery's own format."""
    logging.config.dictConfig(settings.LOGGING)
