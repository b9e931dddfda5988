"""Celery tasks of the call booking. Thin: they call the domain modules."""

from celery import shared_task

from calls.reminders import send_reminders


@shared_task(ignore_result=True)
def send_call_reminders() -> list:
    """Every few minutes (Celery beat): the reminders 24 hours and 2 hours before each call."""
    return send_reminders()
