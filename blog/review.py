"""Keeping medical content reviewed: which live articles are due for a medical review, and the
weekly reminder to the Marketing group. The admin report, the Celery task and the tests call
these functions."""

import datetime
import logging

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db.models import F, Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone

logger = logging.getLogger(__name__)

MARKETING_GROUP = "Marketing"


def review_interval_months() -> int:
    return int(getattr(settings, "MEDICAL_REVIEW_INTERVAL_MONTHS", 12))


def review_cutoff(today: datetime.date | None = None) -> datetime.date:
    """Articles last reviewed before this date are due."""
    today = today or timezone.localdate()
    return today - relativedelta(months=review_interval_months())


def articles_due_for_review(today: datetime.date | None = None) -> QuerySet:
    """Live articles never reviewed, or last reviewed longer ago than the interval; the oldest
    review first, never-reviewed ones before all."""
    from blog.models import ArticlePage

    cutoff = review_cutoff(today)
    return (
        ArticlePage.objects.live()
        .filter(Q(last_reviewed__isnull=True) | Q(last_reviewed__lt=cutoff))
        .select_related("medical_reviewer")
        .order_by(F("last_reviewed").asc(nulls_first=True), "date_published", "pk")
    )


def marketing_recipients() -> list[str]:
    User = get_user_model()
    users = User.objects.filter(groups__name=MARKETING_GROUP, is_active=True).exclude(email="")
    return sorted({user.email for user in users})


def send_review_due_reminder(today: datetime.date | None = None) -> int:
    """Email the Marketing group the articles due for review; nothing when none is due. Returns
    the number of emails sent."""
    articles = list(articles_due_for_review(today))
    recipients = marketing_recipients()
    if not articles or not recipients:
        return 0
    context = {
        "articles": articles,
        "interval_months": review_interval_months(),
        "report_url": f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/reports/articles-due-for-review/",
        "admin_base": settings.WAGTAILADMIN_BASE_URL.rstrip("/"),
    }
    text = render_to_string("blog/email/review_due.txt", context)
    html = render_to_string("blog/email/review_due.html", context)
    subject = f"{len(articles)} article{'s' if len(articles) != 1 else ''} due for medical review"
    for recipient in recipients:
        message = EmailMultiAlternatives(
            subject,
            text,
            settings.DEFAULT_FROM_EMAIL,
            [recipient],
            headers={"Auto-Submitted": "auto-generated"},
        )
        message.attach_alternative(html, "text/html")
        message.send()
    logger.info(
        "Medical review reminder sent to %s users (%s articles)", len(recipients), len(articles)
    )
    return len(recipients)
