"""One spelling of a mailbox is the same mailbox everywhere: the confirmation cap, the per-address
rate limit, repeat matching and "Find a person" share one key (leads.models.normalise_email), so
capitals, +tags, quoting and Gmail's ignored dots never make one inbox count as several."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client

from leads.models import Lead, LeadEmailKind, normalise_email
from outbox.models import DeliveryStatus, EmailDelivery

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "spelling",
    [
        "capx.ceo@example.org",
        "CapX.CEO@Example.ORG",
        "capx.ceo+newsletter@example.org",
        '"capx.ceo"@example.org',
        "capx\\.ceo@example.org",
        '"capx.ceo+x"@EXAMPLE.org.',
    ],
)
def test_every_spelling_of_one_mailbox_has_one_key(spelling):
    assert normalise_email(spelling) == "capx.ceo@example.org"


def test_gmail_ignores_dots_and_googlemail_is_gmail():
    assert normalise_email("J.O.R.D.A.N+x@GoogleMail.com") == "jordan@gmail.com"
    # Elsewhere a dot is part of the mailbox.
    assert normalise_email("j.ordan@example.org") != normalise_email("jordan@example.org")


def post(contact_page, contact_form_data, **fields):
    return Client().post(contact_page.url, contact_form_data(**fields))


@pytest.mark.parametrize(
    ("email", "error"),
    [
        ('"capx.ceo"@example.org', "without quotation marks or backslashes"),
        ('"capx.ceo+x"@example.org', "without quotation marks or backslashes"),
        # Django's validator refuses a backslash outside quotes already.
        ("capx\\.ceo@example.org", "Enter an email address in the correct format"),
    ],
)
def test_the_form_refuses_a_quoted_address_with_a_clear_message_and_keeps_what_was_typed(
    contact_page, contact_form_data, email, error
):
    response = post(contact_page, contact_form_data, email=email, message="Please call me.")

    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert error in page.find(id="id_email").find_parent().get_text(" ")
    assert page.find("textarea", attrs={"name": "message"}).get_text().strip() == "Please call me."
    assert not Lead.objects.exists()


def test_the_per_address_rate_limit_counts_tags_and_capitals_as_one_address(
    contact_page, contact_form_data, settings
):
    settings.LEADS_RATE_PER_CLIENT = "1000/m"
    settings.LEADS_RATE_PER_EMAIL = "2/m"
    answers = [
        post(contact_page, contact_form_data, email=email, phone=f"(503) 555-01{number:02}")
        for number, email in enumerate(
            ["capx.ceo@example.org", "capx.ceo+a@example.org", "CAPX.CEO+b@example.org"]
        )
    ]

    assert [answer.status_code for answer in answers] == [303, 303, 429]


def test_the_confirmation_cap_counts_tags_and_capitals_as_one_mailbox(
    contact_page, contact_form_data, settings, django_capture_on_commit_callbacks
):
    settings.LEADS_RATE_PER_CLIENT = "1000/m"
    settings.LEADS_RATE_PER_EMAIL = "1000/m"
    spellings = [
        "capx.ceo@example.org",
        "capx.ceo+1@example.org",
        "CapX.Ceo@example.org",
        "capx.ceo+2@EXAMPLE.ORG",
    ]
    for number, email in enumerate(spellings):
        with django_capture_on_commit_callbacks(execute=True):
            post(
                contact_page,
                contact_form_data,
                email=email,
                full_name=f"Sender{number} Name",
                phone=f"(503) 555-01{number:02}",
            )

    statuses = list(
        EmailDelivery.objects.filter(kind=LeadEmailKind.CONFIRMATION)
        .order_by("pk")
        .values_list("status", flat=True)
    )
    assert statuses[-1] == DeliveryStatus.SKIPPED
    assert len([message for message in mail.outbox if "request" in message.subject]) >= 3
    assert "capx.ceo+2@EXAMPLE.ORG" not in [message.to[0] for message in mail.outbox]


def test_a_repeat_request_from_a_tagged_spelling_of_the_address_joins_the_open_lead(
    contact_page, contact_form_data, settings
):
    settings.LEADS_RATE_PER_EMAIL = "1000/m"
    post(
        contact_page,
        contact_form_data,
        email="capx.ceo@example.org",
        phone="",
        preferred_contact_method="email",
    )
    post(
        contact_page,
        contact_form_data,
        email="CapX.Ceo+followup@example.org",
        phone="",
        preferred_contact_method="email",
    )

    assert Lead.objects.count() == 1
    assert Lead.objects.get().inquiries.count() == 2
