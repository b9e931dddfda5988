from celery import shared_task

from blog.review import send_review_due_reminder


@shared_task(
    name="blog.tasks.send_review_due_reminder",
    autoretry_for=(OSError,),
    retry_backoff=60,
    retry_backoff_max=3600,
    max_retries=5,
)
def send_review_due_reminder_task() -> int:
    """Weekly: remind the Marketing group of articles due for medical review."""
    return send_review_due_reminder()
