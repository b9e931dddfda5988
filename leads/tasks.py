"""Celery tasks of the leads app, on top of its layers. Thin: they take ids or nothing, call the
domain modules, and decide only when to run again. The email delivery tasks are the outbox's
(outbox.tasks)."""

from celery import shared_task
from django.core.management import call_command

from leads.digest import send_daily_digests
from leads.escalation import escalate_unanswered


@shared_task(ignore_result=True)
def escalate_unanswered_leads() -> list[int]:
    """Every few minutes (Celery beat): alert the staff list about requests nobody answered."""
    return escalate_unanswered()


@shared_task(ignore_result=True)
def send_follow_up_digests() -> list[int]:
    """Each morning (Celery beat): every intake user's follow-ups for the day."""
    return send_daily_digests()


@shared_task(ignore_result=True)
def clear_expired_sessions() -> None:
    """Daily (Celery beat): delete expired sessions, and what they held (first touch, a thank-you
    page's name), instead of keeping them until someone runs clearsessions by hand."""
    call_command("clearsessions")
