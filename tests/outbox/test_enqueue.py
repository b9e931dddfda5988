"""`enqueue`, the one way any app sends mail: rows in the given order, a dedupe key honoured, an
unknown kind refused, and the deliveries list filtering by the kinds apps registered."""

import pytest
from bs4 import BeautifulSoup

from leads.models import LeadEmailKind
from outbox.models import DeliveryStatus, EmailDelivery
from outbox.queue import Email, enqueue
from tests.factories import LeadFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_rows_are_written_in_order_and_queued_after_the_commit(
    contact_page, monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr("outbox.queue.queue_delivery", lambda pk, countdown=None: queued.append(pk))
    lead = LeadFactory()
    with django_capture_on_commit_callbacks(execute=True):
        rows = enqueue(
            Email(LeadEmailKind.STAFF_NOTIFICATION, "staff@clinic.example", about=lead),
            Email(
                LeadEmailKind.CONFIRMATION,
                lead.email,
                about=lead,
                skipped_reason="Not sent: the daily limit",
            ),
        )
        assert queued == []
    assert [row.kind for row in rows] == ["staff_notification", "confirmation"]
    assert rows[0].pk < rows[1].pk
    # A skipped email is recorded, never queued.
    assert queued == [rows[0].pk]
    assert EmailDelivery.objects.get(pk=rows[1].pk).status == DeliveryStatus.SKIPPED
    assert set(lead.deliveries.values_list("pk", flat=True)) == {rows[0].pk, rows[1].pk}


def test_an_email_whose_dedupe_key_is_taken_is_neither_written_nor_queued_again(
    monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr("outbox.queue.queue_delivery", lambda pk, countdown=None: queued.append(pk))
    email = Email(LeadEmailKind.DIGEST, "ana@clinic.example", dedupe_key="digest:2026-12-07:1")
    with django_capture_on_commit_callbacks(execute=True):
        first = enqueue(email)
    with django_capture_on_commit_callbacks(execute=True):
        second = enqueue(email)
    assert len(first) == 1 and second == []
    assert EmailDelivery.objects.filter(dedupe_key="digest:2026-12-07:1").count() == 1
    assert queued == [first[0].pk]


def test_a_kind_no_app_registered_is_refused_before_anything_is_written():
    with pytest.raises(ValueError, match="No app registers the email kind 'weekly_summary'"):
        enqueue(Email("weekly_summary", "ana@clinic.example"))
    assert not EmailDelivery.objects.exists()


def test_the_deliveries_list_filters_by_the_kinds_apps_registered(client):
    digest = EmailDelivery.objects.create(kind=LeadEmailKind.DIGEST, recipient="ana@clinic.example")
    link = f"/admin/email-deliveries/inspect/{digest.pk}/"
    client.force_login(UserFactory(username="intake.bo", groups=["Intake staff"]))
    page = BeautifulSoup(client.get("/admin/email-deliveries/").content, "html.parser")
    options = {option.get_text(strip=True) for option in page.select("select[name=kind] option")}
    # Kinds from three apps (leads, blog, accounts), read from the registry, not the database.
    assert {"Daily follow-up digest", "Medical review reminder"} <= options
    assert page.select_one(f"a[href='{link}']")
    for kind, listed in (("digest", True), ("confirmation", False)):
        response = client.get(f"/admin/email-deliveries/?kind={kind}")
        found = BeautifulSoup(response.content, "html.parser").select_one(f"a[href='{link}']")
        assert bool(found) is listed, kind
