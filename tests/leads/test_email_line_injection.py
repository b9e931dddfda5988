"""Line injection in plain-text emails: a visitor's value is always one line,
so a newline in a campaign or a name cannot add "ACTION REQUIRED" lines to a staff email."""

import datetime

import pytest
from django.core import mail

from leads import intake
from leads.models import Inquiry, LeadEmailKind
from outbox.delivery import build_email
from outbox.models import EmailDelivery
from tests.factories import LeadFactory

pytestmark = pytest.mark.django_db

INJECTED = "ACTION REQUIRED: sign in at https://evil.example/login"


def injected(value: str, separator: str = "\n") -> str:
    return f"{value}{separator}{INJECTED}"


@pytest.fixture
def hostile_lead(contact_page, intake_user):
    lead = LeadFactory(
        source_page=contact_page,
        full_name=injected("Jordan", "\r\n"),
        best_time=injected("Mornings"),
        utm_source=injected("news", "\u2028"),
        utm_campaign=injected("spring"),
        referrer=injected("https://search.example/", "\r"),
        landing_page=injected("/?a=1", "\x0b"),
        assigned_to=intake_user,
        next_follow_up_on=datetime.date(2020, 1, 1),
    )
    intake.record_first_inquiry(lead)
    Inquiry.objects.filter(lead=lead).update(
        best_time=injected("Evenings"), source_url=injected("/contact/")
    )
    return lead


@pytest.mark.parametrize(
    "kind",
    [
        LeadEmailKind.STAFF_NOTIFICATION,
        LeadEmailKind.ESCALATION,
        LeadEmailKind.REPEAT_REQUEST,
        LeadEmailKind.CONFIRMATION,
        LeadEmailKind.DIGEST,
    ],
)
def test_no_visitor_value_adds_a_line_to_a_text_email(hostile_lead, intake_user, kind):
    delivery = EmailDelivery.objects.create(
        about=None if kind == LeadEmailKind.DIGEST else hostile_lead,
        kind=kind,
        recipient=intake_user.email,
        recipient_user=intake_user,
    )
    message = build_email(delivery)
    lines = message.body.splitlines()
    assert not [line for line in lines if line.strip().startswith("ACTION REQUIRED")]
    assert "\u2028" not in message.body and "\x0b" not in message.body
    if kind != LeadEmailKind.CONFIRMATION:
        assert any("Jordan" in line and INJECTED in line for line in lines)
    mail.outbox.clear()
