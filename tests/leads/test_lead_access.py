"""Who may reach which lead URL: a matrix of roles against every URL of the intake admin."""

import pytest
from django.urls import reverse

from leads.models import Inquiry, Lead
from outbox.models import EmailDelivery
from person_data.models import PersonDataAuditRecord, PersonRequest
from tests.factories import LeadFactory, SuperUserFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "marketing", "editor", "intake", "superuser"]


@pytest.fixture
def lead(contact_page):
    lead = LeadFactory(full_name="Robin Okafor", source_page=contact_page)
    Inquiry.objects.create(lead=lead, full_name="Robin Okafor", email=lead.email)
    second = Inquiry.objects.create(lead=lead, full_name="Robin Okafor", email=lead.email)
    delivery = EmailDelivery.objects.create(
        about=lead, kind="confirmation", recipient=lead.email, status="failed"
    )
    lead.second_inquiry = second
    lead.delivery = delivery
    lead.person_request = PersonRequest.objects.create(reference="PR-1", kind="erasure")
    return lead


def urls_for(lead):
    """(name, method, url, data) for every lead URL."""
    pk = lead.pk
    index = reverse("contact_requests:index")
    return [
        ("list", "get", index, None),
        ("list filtered", "get", f"{index}?status=new&assignment=me", None),
        ("list results", "get", reverse("contact_requests:index_results"), None),
        ("export csv", "get", f"{index}?export=csv", None),
        ("export xlsx", "get", f"{index}?export=xlsx", None),
        ("detail", "get", reverse("contact_requests:inspect", args=[pk]), None),
        ("edit", "get", reverse("contact_requests:edit", args=[pk]), None),
        ("history", "get", reverse("contact_requests:history", args=[pk]), None),
        ("usage", "get", reverse("contact_requests:usage", args=[pk]), None),
        ("add", "get", reverse("contact_requests:add"), None),
        ("delete", "get", reverse("contact_requests:delete", args=[pk]), None),
        ("delete post", "post", reverse("contact_requests:delete", args=[pk]), {}),
        ("status", "post", reverse("contact_requests:status", args=[pk]), {"status": "contacted"}),
        ("assign", "post", reverse("contact_requests:assign", args=[pk]), {"to_me": "1"}),
        ("note", "post", reverse("contact_requests:note", args=[pk]), {"text": "Called"}),
        (
            "follow-up",
            "post",
            reverse("contact_requests:follow-up", args=[pk]),
            {"next_follow_up_on": "2026-12-01"},
        ),
        ("spam", "post", reverse("contact_requests:spam", args=[pk]), {}),
        ("not spam", "post", reverse("contact_requests:not-spam", args=[pk]), {}),
        (
            "split",
            "post",
            reverse("contact_requests:split", args=[pk, lead.second_inquiry.pk]),
            {},
        ),
        ("find person", "get", reverse("person_data_find"), None),
        ("find person of lead", "get", f"{reverse('person_data_find')}?lead={pk}", None),
        ("find person post", "post", reverse("person_data_find"), {"email": lead.email}),
        (
            "person copy",
            "post",
            reverse("person_data_copy"),
            {"lead": [pk], "reference": "PR-1", "format": "json", "email": lead.email},
        ),
        ("person requests", "get", reverse("person_requests:index"), None),
        ("person request add", "get", reverse("person_requests:add"), None),
        (
            "person request edit",
            "get",
            reverse("person_requests:edit", args=[lead.person_request.pk]),
            None,
        ),
        (
            "person request delete",
            "post",
            reverse("person_requests:delete", args=[lead.person_request.pk]),
            {},
        ),
        # Late: these two erase the lead.
        (
            "person erase",
            "post",
            reverse("person_data_erase"),
            {"lead": [pk], "reference": "PR-1", "confirm": "erase", "email": lead.email},
        ),
        ("erase", "post", reverse("contact_requests:erase", args=[pk]), {"confirm": "erase"}),
        ("deliveries", "get", reverse("email_deliveries:index"), None),
        ("delivery", "get", reverse("email_deliveries:inspect", args=[lead.delivery.pk]), None),
        ("retry", "get", reverse("email_deliveries:retry", args=[lead.delivery.pk]), None),
    ]


def log_in(client, role):
    users = {
        "marketing": lambda: UserFactory(groups=["Marketing"]),
        "editor": lambda: UserFactory(groups=["Editors"]),
        "intake": lambda: UserFactory(groups=["Intake staff"]),
        "superuser": SuperUserFactory,
    }
    if role != "anonymous":
        client.force_login(users[role]())


def fetch(client, method, url, data):
    response = getattr(client, method)(url, data) if data is not None else client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    return response


@pytest.mark.parametrize("role", ["marketing", "editor"])
def test_other_admin_users_get_403_on_every_lead_url_and_nothing_changes(client, lead, role):
    log_in(client, role)
    before = Lead.objects.values().get(pk=lead.pk)
    for name, method, url, data in urls_for(lead):
        response = fetch(client, method, url, data)
        assert response.status_code == 403, f"{role} {name} {url}: {response.status_code}"
        assert "Robin Okafor" not in response.content.decode()
    assert Lead.objects.values().get(pk=lead.pk) == before
    assert lead.events.count() == 0
    assert not PersonDataAuditRecord.objects.exists()
    assert PersonRequest.objects.filter(pk=lead.person_request.pk).exists()


def test_anonymous_visitors_are_sent_to_the_login_page_from_every_lead_url(client, lead):
    for name, method, url, data in urls_for(lead):
        response = fetch(client, method, url, data)
        assert response.status_code == 302, name
        assert response["Location"].startswith("/admin/login/?next="), name


@pytest.mark.parametrize("role", ["intake", "superuser"])
def test_intake_staff_and_superusers_list_view_change_and_export(client, lead, role):
    log_in(client, role)
    allowed = {
        "list",
        "list filtered",
        "list results",
        "export csv",
        "export xlsx",
        "detail",
        "edit",
        "history",
        "usage",
        "deliveries",
        "delivery",
        "retry",
        "find person",
        "find person of lead",
        "find person post",
        "person copy",
        "person requests",
        "person request add",
        "person request edit",
    }
    redirected_after_action = {
        "status",
        "assign",
        "note",
        "follow-up",
        "spam",
        "not spam",
        "split",
        "erase",
    }
    for name, method, url, data in urls_for(lead):
        response = fetch(client, method, url, data)
        if name in allowed:
            assert response.status_code == 200, f"{role} {name}: {response.status_code}"
        elif name == "person erase":
            assert response.status_code == 302, f"{role} {name}: {response.status_code}"
            assert response["Location"] == reverse("person_data_find")
        elif name in redirected_after_action:
            assert response.status_code == 302, f"{role} {name}: {response.status_code}"
            assert response["Location"].startswith("/admin/contact-requests/"), name
        else:
            # Nobody adds or deletes a lead (erasure replaces deletion) or a person request.
            assert response.status_code == 403, f"{role} {name}: {response.status_code}"
    assert Lead.objects.filter(pk=lead.pk).exists()
    assert PersonRequest.objects.filter(pk=lead.person_request.pk).exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [("marketing", 200), ("intake", 200), ("superuser", 200), ("editor", 403)],
)
def test_the_leads_by_article_report_is_open_to_marketing_and_intake_only(
    client, lead, role, status
):
    log_in(client, role)
    for url in (reverse("leads_by_article"), reverse("leads_by_article") + "?export=csv"):
        response = fetch(client, "get", url, None)
        assert response.status_code == status, url


def test_the_leads_menu_item_is_shown_only_to_those_who_may_see_leads(client, lead):
    index = reverse("contact_requests:index")
    log_in(client, "marketing")
    assert index not in client.get("/admin/").content.decode()
    client.logout()
    log_in(client, "intake")
    assert index in client.get("/admin/").content.decode()


def test_find_a_person_and_person_requests_are_in_the_menu_of_intake_staff_only(client, lead):
    urls = (reverse("person_data_find"), reverse("person_requests:index"))
    log_in(client, "marketing")
    dashboard = client.get("/admin/").content.decode()
    assert not any(url in dashboard for url in urls)
    client.logout()
    log_in(client, "intake")
    dashboard = client.get("/admin/").content.decode()
    assert all(url in dashboard for url in urls)
