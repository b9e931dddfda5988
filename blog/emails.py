"""The blog's email kinds, built for the outbox (found by OutboxConfig.ready like every app's
`emails` module): the weekly reminder of articles due for a medical review."""

from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from blog.review import REVIEW_REMINDER, articles_due_for_review, review_email_context
from outbox.kinds import register_email_kind
from outbox.models import EmailDelivery
from outbox.rendering import assemble, render_pair


@register_email_kind(REVIEW_REMINDER, "Medical review reminder")
def build_review_reminder(delivery: EmailDelivery) -> EmailMultiAlternatives:
    """The articles due for review on the day the reminder was queued, as they stand when sent."""
    articles = list(articles_due_for_review(timezone.localdate(delivery.created_at)))
    context = review_email_context(articles)
    text, html = render_pair("blog/email/review_due", context)
    subject = f"{len(articles)} article{'s' if len(articles) != 1 else ''} due for medical review"
    return assemble(subject, text, html, delivery.recipient)
