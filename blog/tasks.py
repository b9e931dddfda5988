"""Celery tasks of the blog app."""

from celery import shared_task

from blog.review import send_review_due_reminder


# No retry here: the task only writes outbox rows (one per recipient and week); sending, and
# retrying a failed send for its recipient alone, is the outbox's work.
@shared_task(name="blog.tasks.send_review_due_reminder", ignore_result=True)
def send_review_due_reminder_task() -> int:
    """Weekly: remind the Marketing group of articles due for medical review."""
    return send_review_due_reminder()
