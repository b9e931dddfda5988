import pytest
from django.urls import reverse

from tests.factories import LeadFactory, SuperUserFactory, UserFactory

pytestmark = pytest.mark.django_db


def listing_url():
    return reverse("contact_requests:index")


def inspect_url(lead):
    return reverse("contact_requests:inspect", args=[lead.pk])


@pytest.fixture
def lead(contact_page):
    return LeadFactory(full_name="Robin Okafor", source_page=contact_page)


def test_intake_staff_see_received_leads_and_their_details(client, lead):
    client.force_login(UserFactory(groups=["Intake staff"]))
    listing = client.get(listing_url())
    assert listing.status_code == 200
    assert "Robin Okafor" in listing.content.decode()
    details = client.get(inspect_url(lead))
    assert details.status_code == 200
    assert lead.email in details.content.decode()


def test_superusers_see_received_leads(client, lead):
    client.force_login(SuperUserFactory())
    assert "Robin Okafor" in client.get(listing_url()).content.decode()


def test_marketing_staff_cannot_see_leads(client, lead):
    client.force_login(UserFactory(groups=["Marketing"]))
    assert client.get(listing_url()).status_code == 403
    assert client.get(inspect_url(lead)).status_code == 403
    assert listing_url() not in client.get("/admin/").content.decode()


def test_visitors_who_are_not_signed_in_are_sent_to_the_login(client, lead):
    response = client.get(listing_url())
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_nobody_adds_or_deletes_a_lead_in_the_admin_not_even_a_superuser(client, lead):
    # Changed with the follow-up work list: status, assignee and follow-up date are now editable
    # (through leads.follow_up); adding and deleting stay refused, erasure replaces deletion.
    client.force_login(SuperUserFactory())
    html = client.get(listing_url()).content.decode()
    assert reverse("contact_requests:delete", args=[lead.pk]) not in html
    assert client.get(reverse("contact_requests:add")).status_code == 403
    assert client.post(reverse("contact_requests:delete", args=[lead.pk])).status_code == 403
    assert type(lead).objects.filter(pk=lead.pk).exists()


def test_hostile_input_is_shown_escaped_in_the_admin(client, contact_page):
    hostile = LeadFactory(
        full_name='<script>alert("name")</script>', message="<img src=x onerror=alert(1)>"
    )
    client.force_login(UserFactory(groups=["Intake staff"]))
    for url in (listing_url(), inspect_url(hostile)):
        html = client.get(url).content.decode()
        assert '<script>alert("name")</script>' not in html
        assert "&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;" in html
    assert "<img src=x onerror" not in client.get(inspect_url(hostile)).content.decode()
