"""The person's copy of their data says which language each of their requests was sent in."""

import pytest

from leads.intake import submit_lead
from person_data.person_requests import submission_copy

pytestmark = pytest.mark.django_db


def test_the_persons_copy_of_a_request_says_its_language(contact_page):
    lead = submit_lead(
        details={
            "full_name": "Jordan Rivera",
            "email": "jordan@example.org",
            "preferred_contact_method": "email",
        },
        consent_version="consent-2026-11",
        source_page=contact_page,
        language="es",
    )
    assert submission_copy(lead)["language"] == "Español"
    assert submission_copy(lead.inquiries.get())["language"] == "Español"
