"""/.well-known/security.txt (RFC 9116) from the "Security contact" site setting."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from home.models import SecurityTxtSettings

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 2, 12, 0, tzinfo=datetime.UTC)


def test_nothing_is_served_until_a_contact_is_set(client, site):
    assert client.get("/.well-known/security.txt").status_code == 404


@time_machine.travel(NOW, tick=False)
def test_the_file_names_the_contact_expiry_and_languages(client, site):
    security = SecurityTxtSettings.for_site(site)
    security.contacts = "mailto:security@clinic.example\nhttps://clinic.example/report"
    security.expires = NOW + datetime.timedelta(days=300)
    security.preferred_languages = "en, es"
    security.full_clean()
    security.save()

    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "Contact: mailto:security@clinic.example",
        "Contact: https://clinic.example/report",
        "Expires: 2027-09-28T12:00:00Z",
        "Preferred-Languages: en, es",
        "Canonical: http://testserver/.well-known/security.txt",
    ]


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("contacts", "expires", "field"),
    [
        ("security@clinic.example", NOW + datetime.timedelta(days=30), "contacts"),
        ("mailto:security@clinic.example", None, "expires"),
        ("mailto:security@clinic.example", NOW - datetime.timedelta(days=1), "expires"),
        ("mailto:security@clinic.example", NOW + datetime.timedelta(days=400), "expires"),
    ],
)
def test_a_contact_without_a_scheme_or_a_bad_expiry_is_refused(site, contacts, expires, field):
    security = SecurityTxtSettings.for_site(site)
    security.contacts = contacts
    security.expires = expires
    with pytest.raises(ValidationError) as error:
        security.full_clean()
    assert field in error.value.message_dict
