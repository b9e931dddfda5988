"""The blog's email kinds, built for the outbox (found by LeadsConfig.ready like every app's
`emails` module): the weekly reminder of articles due for a medical review."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone

from blog.review import articles_due_for_review, review_email_context
from leads.emails import assemble, register_email_kind
from leads.models import EmailDelivery, EmailKind


@register_email_kind(EmailKind.REVIEW_REMINDER)
def build_review_reminder(delivery: EmailDelivery) -> EmailMultiAlternatives:
    """The articles due for review on the day the reminder was queued, as they stand when sent."""
    articles = list(articles_due_for_review(timezone.localdate(delivery.created_at)))
    context = review_email_context(articles)
    text = render_to_string("blog/email/review_due.txt", context)
    html = render_to_string("blog/email/review_due.html", context)
    subject = f"{len(articles)} article{'s' if len(articles) != 1 else ''} due for medical review"
    return assemble(subject, text, html, delivery.recipient)
