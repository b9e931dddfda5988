"""Celery tasks of the person-data app, on top of its layers: thin, they call retention."""

from celery import shared_task

from person_data.retention import purge_expired_leads as purge


# The name it had when it lived in leads.tasks: the beat schedule and any message already queued
# under that name still reach it.
@shared_task(name="leads.tasks.purge_expired_leads", ignore_result=True)
def purge_expired_leads() -> int:
    """Daily (Celery beat): anonymise leads closed for longer than LEADS_RETENTION_DAYS."""
    return purge()
