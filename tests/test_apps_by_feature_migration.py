"""Splitting the leads app by feature loses nothing: a PostgreSQL database filled at the old layout
(leads, inquiries, email deliveries of every kind, person requests, the person-data audit, the
staff groups' rights) is migrated to the new one (the outbox and person_data apps), and every row
and relation is found again through today's models."""

import datetime

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from leads.models import Inquiry, Lead
from outbox.models import DeliveryStatus, EmailDelivery
from person_data.models import PersonDataAuditRecord, PersonRequest
from tests.factories import UserFactory

# The layout before the split: the leads app's last migration of that time, and neither the
# outbox nor the person_data app.
OLD_LEADS = ("leads", "0018_password_reset_email_kind")
BEFORE = [OLD_LEADS, ("outbox", None), ("person_data", None)]
RECEIVED = datetime.datetime(2026, 11, 2, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture
def content_type_cache_refilled():
    """The test clears the content-type cache (the migrations move content types between apps);
    it is filled again from the database before the flush. Left empty, the next test's restore of
    the serialized database would make content types afresh through save signals, under new ids,
    and then collide with the restored rows."""
    yield
    ContentType.objects.clear_cache()
    ContentType.objects.get_for_models(*django_apps.get_models())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_database_filled_at_the_old_layout_keeps_every_row_and_relation(
    require_postgres, content_type_cache_refilled
):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        old = fill_at_the_old_layout(executor.loader.project_state([OLD_LEADS]).apps)
    finally:
        # Forward to the latest schema whatever happened, so the database can be flushed.
        ContentType.objects.clear_cache()
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()

    lead = Lead.objects.get(pk=old["lead"])
    first, second = Inquiry.objects.filter(lead=lead).order_by("pk")
    assert [first.pk, second.pk] == old["inquiries"]
    deliveries = {row.pk: row for row in EmailDelivery.objects.all()}
    assert set(deliveries) == set(old["deliveries"].values())

    confirmation = deliveries[old["deliveries"]["confirmation"]]
    assert confirmation.about == lead
    assert confirmation.context == {"inquiry": second.pk}
    assert (confirmation.status, confirmation.recipient) == (
        DeliveryStatus.SENT,
        "avery@example.org",
    )
    staff = deliveries[old["deliveries"]["staff_notification"]]
    assert (staff.about, staff.context, staff.status) == (lead, {}, DeliveryStatus.FAILED)
    assert staff.last_error == "550 mailbox unavailable"
    digest = deliveries[old["deliveries"]["digest"]]
    assert digest.about is None and digest.recipient_user_id == old["user"]
    assert digest.dedupe_key == "digest:2026-11-02:1"
    reset = deliveries[old["deliveries"]["password_reset"]]
    assert reset.about is None and reset.get_kind_display() == "Password reset, to a staff member"

    # The lead still reads its emails, and deleting it still deletes them.
    assert set(lead.deliveries.values_list("pk", flat=True)) == {confirmation.pk, staff.pk}
    assert set(EmailDelivery.objects.filter(lead=lead).values_list("kind", flat=True)) == {
        "confirmation",
        "staff_notification",
    }
    # The staff groups kept their rights on the deliveries, under the outbox's name.
    intake = UserFactory(groups=["Intake staff"])
    assert intake.has_perm("outbox.view_emaildelivery")
    assert intake.has_perm("outbox.change_emaildelivery")
    assert not ContentType.objects.filter(app_label="leads", model="emaildelivery").exists()
    assert (
        Group.objects.get(name="Intake staff")
        .permissions.filter(content_type__app_label="outbox", codename="view_emaildelivery")
        .exists()
    )

    request = PersonRequest.objects.get(pk=old["person_request"])
    assert (request.reference, request.kind, request.handler_id) == ("PR-7", "erasure", old["user"])
    assert request.due_on == datetime.date(2026, 12, 2)
    audit = PersonDataAuditRecord.objects.get(pk=old["audit"])
    assert (audit.action, audit.reference, audit.lead_ids) == ("copy", "PR-7", [lead.pk])
    assert audit.user_id == old["user"]
    # Their content types moved too (the admin's history and permissions name them).
    assert set(
        ContentType.objects.filter(
            model__in=["personrequest", "persondataauditrecord"]
        ).values_list("app_label", flat=True)
    ) == {"person_data"}

    Lead.objects.filter(pk=lead.pk).delete()
    assert set(EmailDelivery.objects.values_list("pk", flat=True)) == {digest.pk, reset.pk}


def fill_at_the_old_layout(old) -> dict:
    """A lead that asked twice, its emails of each kind, and emails about nobody, written through
    the historical models of the old layout."""
    user = old.get_model("auth", "User").objects.create(
        username="ana", email="ana@clinic.example", is_staff=True
    )
    lead = old.get_model("leads", "Lead").objects.create(
        full_name="Avery Stone",
        email="avery@example.org",
        email_key="avery@example.org",
        phone="+15035550100",
        preferred_contact_method="phone",
        consent_version="2026-01",
        consented_at=RECEIVED,
        received_at=RECEIVED,
    )
    Inquiry = old.get_model("leads", "Inquiry")
    inquiries = [
        Inquiry.objects.create(
            lead=lead,
            full_name="Avery Stone",
            email="avery@example.org",
            email_key="avery@example.org",
            preferred_contact_method="phone",
            consent_version="2026-01",
            received_at=RECEIVED + datetime.timedelta(days=days),
        )
        for days in (0, 3)
    ]
    Delivery = old.get_model("leads", "EmailDelivery")
    rows = {
        "confirmation": Delivery.objects.create(
            lead=lead,
            inquiry=inquiries[1],
            kind="confirmation",
            recipient="avery@example.org",
            recipient_key="k" * 64,
            status="sent",
            sent_at=timezone.now(),
        ),
        "staff_notification": Delivery.objects.create(
            lead=lead,
            kind="staff_notification",
            recipient="intake@clinic.example",
            status="failed",
            attempts=6,
            last_error="550 mailbox unavailable",
        ),
        "digest": Delivery.objects.create(
            kind="digest",
            recipient=user.email,
            recipient_user=user,
            dedupe_key="digest:2026-11-02:1",
        ),
        "password_reset": Delivery.objects.create(
            kind="password_reset", recipient=user.email, recipient_user=user
        ),
    }
    person_request = old.get_model("leads", "PersonRequest").objects.create(
        reference="PR-7",
        kind="erasure",
        received_on=datetime.date(2026, 11, 2),
        due_on=datetime.date(2026, 12, 2),
        handler=user,
    )
    audit = old.get_model("leads", "PersonDataAuditRecord").objects.create(
        user=user, action="copy", export_format="json", reference="PR-7", lead_ids=[lead.pk]
    )
    return {
        "person_request": person_request.pk,
        "audit": audit.pk,
        "user": user.pk,
        "lead": lead.pk,
        "inquiries": [inquiry.pk for inquiry in inquiries],
        "deliveries": {kind: row.pk for kind, row in rows.items()},
    }
