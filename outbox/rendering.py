"""Rendering an email for the outbox: a template pair (text and HTML) and the message around it,
marked as machine-sent. Each app's builders use these with their own templates."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from core.text import single_line

# Marks every email as machine-sent, so out-of-office replies are not sent back (RFC 3834).
AUTOMATIC_HEADERS = {"Auto-Submitted": "auto-generated"}


def render_pair(template: str, context: dict) -> tuple[str, str]:
    """The text and HTML bodies from `template`.txt and `template`.html ("leads/email/digest")."""
    text = render_to_string(f"{template}.txt", context)
    html = render_to_string(f"{template}.html", context)
    return text, html


def assemble(subject: str, text: str, html: str, recipient: str) -> EmailMultiAlternatives:
    """The message: the subject on one line (a header), both bodies, the project's sender."""
    message = EmailMultiAlternatives(
        subject=single_line(subject)[:200],
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient],
        headers=dict(AUTOMATIC_HEADERS),
    )
    message.attach_alternative(html, "text/html")
    return message
