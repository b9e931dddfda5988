"""Keeping medical content reviewed: which live articles are due for a medical review, the weekly
reminder to the Marketing group (sent through the outbox; its email is built in
blog/emails.py), and the medical review workflow. The admin report, the Celery task and the
tests call these functions."""

import datetime
import logging

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from wagtail.models import Workflow, WorkflowPage

from blog.models import ArticlePage
from blog.provenance import MEDICAL_REVIEW_WORKFLOW, annotate_review
from outbox.queue import Email, enqueue

logger = logging.getLogger(__name__)

MARKETING_GROUP = "Marketing"
# The outbox's name for the reminder email (registered with its builder in blog/emails.py).
REVIEW_REMINDER = "review_reminder"


def review_interval_months() -> int:
    return int(getattr(settings, "MEDICAL_REVIEW_INTERVAL_MONTHS", 12))


def review_cutoff(today: datetime.date | None = None) -> datetime.date:
    """Articles last reviewed before this date are due."""
    today = today or timezone.localdate()
    return today - relativedelta(months=review_interval_months())


def articles_due_for_review(today: datetime.date | None = None) -> QuerySet:
    """Live articles whose live text no medical reviewer approved (never reviewed, or changed
    since), or last approved longer ago than the interval; the oldest review first,
    never-reviewed ones before all."""
    cutoff = review_cutoff(today)
    start_of_cutoff = timezone.make_aware(datetime.datetime.combine(cutoff, datetime.time.min))
    return (
        annotate_review(ArticlePage.objects.live())
        .filter(Q(live_reviewed=False) | Q(last_reviewed_at__lt=start_of_cutoff))
        .order_by(F("last_reviewed_at").asc(nulls_first=True), "date_published", "pk")
    )


def marketing_recipients() -> list[str]:
    User = get_user_model()
    users = User.objects.filter(groups__name=MARKETING_GROUP, is_active=True).exclude(email="")
    return sorted({user.email for user in users})


def review_email_context(articles: list) -> dict:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return {
        "articles": articles,
        "interval_months": review_interval_months(),
        "report_url": f"{base}/admin/reports/articles-due-for-review/",
        "admin_base": base,
    }


def send_review_due_reminder(today: datetime.date | None = None) -> int:
    """Remind the Marketing group of the articles due for review, through the outbox: one
    delivery per address and ISO week, so running this again that week (a retry, a second beat)
    sends nobody a second one, and a failed send is retried for its recipient only. Nothing when
    no article is due. Returns the number of reminders queued."""
    today = today or timezone.localdate()
    if not articles_due_for_review(today).exists():
        return 0
    year, week, _ = today.isocalendar()
    with transaction.atomic():
        reminders = [
            Email(
                REVIEW_REMINDER,
                recipient,
                dedupe_key=f"review-reminder:{year}-W{week:02d}:{recipient.lower()}",
            )
            for recipient in marketing_recipients()
        ]
        queued = enqueue(*reminders)
    if queued:
        logger.info("Medical review reminder queued for %s users", len(queued))
    return len(queued)


def assign_medical_review(index_page) -> None:
    """Send every article under `index_page` through the "Medical review" workflow (created by
    blog's migrations) when an editor submits it for moderation."""
    workflow = Workflow.objects.get(name=MEDICAL_REVIEW_WORKFLOW)
    WorkflowPage.objects.update_or_create(page=index_page, defaults={"workflow": workflow})
