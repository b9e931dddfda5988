import datetime
import smtplib

import pytest
from anymail.exceptions import AnymailAPIError, AnymailRecipientsRefused
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from leads.intake import submit_lead
from leads.models import ConfirmationEmailSettings, Lead, LeadEmailKind, StaffNotificationSettings
from outbox import delivery as outbox_delivery
from outbox.delivery import claim_delivery, deliver_email, describe_send_error, retry_delay
from outbox.models import DeliveryStatus, EmailDelivery
from outbox.queue import deliver_email_task, queue_deliveries, retry_delivery, sweep_deliveries
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SECRET_MESSAGE = "I have a history of seizures and take lithium."


def run_on_commit_post(client, contact_page, data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(contact_page.url, data)


@pytest.fixture
def posted_lead(client, contact_page, contact_form_data, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    client.get("/?utm_source=newsletter&utm_medium=email&utm_campaign=winter")
    response = run_on_commit_post(
        client,
        contact_page,
        contact_form_data(message=SECRET_MESSAGE),
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 303
    return Lead.objects.get()


def by_recipient():
    return {message.to[0]: message for message in mail.outbox}


def test_a_request_sends_the_confirmation_and_the_staff_notification(posted_lead):
    messages = by_recipient()
    assert set(messages) == {"jordan@example.org", "intake@clinic.example"}
    assert messages["jordan@example.org"].subject == "We have your request, Jordan"
    assert messages["intake@clinic.example"].subject == (
        f"New lead #{posted_lead.pk} from the website: prefers a phone call"
    )
    assert set(posted_lead.deliveries.values_list("kind", "status")) == {
        (LeadEmailKind.CONFIRMATION, DeliveryStatus.SENT),
        (LeadEmailKind.STAFF_NOTIFICATION, DeliveryStatus.SENT),
    }


def test_neither_email_contains_the_visitors_message(posted_lead):
    for message in mail.outbox:
        html = message.alternatives[0].content
        assert SECRET_MESSAGE not in message.body
        assert SECRET_MESSAGE not in html
        assert "lithium" not in message.message().as_string()


def test_confirmation_has_next_steps_phone_hours_and_crisis_resources_in_text_and_html(
    posted_lead,
):
    message = by_recipient()["jordan@example.org"]
    html = message.alternatives[0].content
    assert message.alternatives[0].mimetype == "text/html"
    for body in (message.body, html):
        assert "Hello Jordan, thank you for reaching out to Evergreen Ketamine Clinic" in body
        assert "within one business day" in body
        assert "(503) 555-0142" in body
        assert "Monday to Friday: 8am to 6pm" in body
        assert "988" in body and "911" in body
        assert "not watched for emergencies" in body
    assert 'href="tel:988"' in html
    assert "<img" not in html and "<link" not in html and "src=" not in html
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"


def test_staff_notification_says_who_how_when_where_and_links_to_the_admin(
    posted_lead, contact_page
):
    message = by_recipient()["intake@clinic.example"]
    html = message.alternatives[0].content
    link = f"http://testserver/admin/contact-requests/inspect/{posted_lead.pk}/"
    for body in (message.body, html):
        assert "Jordan Rivera" in body
        assert "jordan@example.org" in body
        assert "+15035550100" in body
        assert "Phone call" in body
        assert "Weekday mornings" in body
        assert "Request a call" in body and f"http://testserver{contact_page.url}" in body
        assert "newsletter / email / winter" in body
        assert link in body
    assert not message.reply_to
    assert message.message()["Reply-To"] is None


def test_staff_recipients_come_from_the_site_setting_before_the_environment(
    client, site, contact_page, contact_form_data, django_capture_on_commit_callbacks
):
    email_settings = StaffNotificationSettings.for_site(site)
    email_settings.staff_recipients = "a@clinic.example\nb@clinic.example"
    email_settings.save()
    mail.outbox.clear()
    run_on_commit_post(
        client, contact_page, contact_form_data(), django_capture_on_commit_callbacks
    )
    assert sorted(m.to[0] for m in mail.outbox) == [
        "a@clinic.example",
        "b@clinic.example",
        "jordan@example.org",
    ]


def test_without_any_staff_recipient_the_confirmation_still_goes_and_an_error_is_logged(
    client, contact_page, contact_form_data, django_capture_on_commit_callbacks, settings, caplog
):
    settings.LEADS_NOTIFY_EMAILS = []
    mail.outbox.clear()
    run_on_commit_post(
        client, contact_page, contact_form_data(), django_capture_on_commit_callbacks
    )
    assert [m.to[0] for m in mail.outbox] == ["jordan@example.org"]
    assert "no staff recipients configured" in caplog.text


def test_a_task_run_twice_sends_once(posted_lead):
    delivery = posted_lead.deliveries.get(kind=LeadEmailKind.CONFIRMATION)
    mail.outbox.clear()
    EmailDelivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.PENDING)
    deliver_email_task.delay(delivery.pk)
    deliver_email_task.delay(delivery.pk)
    assert len(mail.outbox) == 1


def test_only_one_of_two_claims_on_a_delivery_wins(posted_lead):
    delivery = posted_lead.deliveries.first()
    EmailDelivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.PENDING)
    now = timezone.now()
    assert claim_delivery(delivery.pk, now) is not None
    assert claim_delivery(delivery.pk, now) is None


def test_a_rolled_back_transaction_queues_nothing(
    contact_page, django_capture_on_commit_callbacks, monkeypatch
):
    queued = []
    monkeypatch.setattr("outbox.queue.queue_delivery", lambda pk, countdown=None: queued.append(pk))

    def save_then_fail():
        with transaction.atomic():
            submit_lead(
                details={
                    "full_name": "Rolled Back",
                    "email": "rb@example.org",
                    "preferred_contact_method": "email",
                },
                consent_version="v",
                source_page=contact_page,
            )
            raise RuntimeError("the request failed after the save")

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        save_then_fail()
    assert callbacks == []
    assert queued == []
    assert not Lead.objects.exists() and not EmailDelivery.objects.exists()


def test_placeholders_cannot_inject_headers_or_markup(
    client, site, contact_page, contact_form_data, django_capture_on_commit_callbacks
):
    email_settings = ConfirmationEmailSettings.for_site(site)
    email_settings.confirmation_subject = "Thanks {first_name} from {clinic_name}"
    email_settings.confirmation_opening = "Dear {first_name}, {unknown} stays as typed."
    email_settings.save()
    mail.outbox.clear()
    run_on_commit_post(
        client,
        contact_page,
        contact_form_data(full_name="<b>Ann</b>\r\nBcc:\u2028evil@example.net Lee"),
        django_capture_on_commit_callbacks,
    )
    message = by_recipient()["jordan@example.org"]
    raw = message.message().as_string()
    assert "\n" not in message.subject and "\r" not in message.subject
    assert message.recipients() == ["jordan@example.org"]
    assert "\nBcc:" not in raw
    html = message.alternatives[0].content
    # Markup is not a name: the greeting is neutral, so none of it reaches the email.
    assert "<b>Ann</b>" not in html and "Ann" not in html
    assert "Ann" not in message.subject and "Ann" not in message.body
    assert "{unknown} stays as typed." in message.body


def test_the_settings_refuse_unknown_placeholders_and_attribute_lookups(site):
    email_settings = ConfirmationEmailSettings.for_site(site)
    email_settings.confirmation_subject = "Hi {first_name.__class__}"
    with pytest.raises(ValidationError) as error:
        email_settings.full_clean()
    assert "confirmation_subject" in error.value.message_dict
    staff_settings = StaffNotificationSettings.for_site(site)
    staff_settings.staff_recipients = "intake@clinic.example\nnot-an-address"
    with pytest.raises(ValidationError) as error:
        staff_settings.full_clean()
    assert "not-an-address" in error.value.message_dict["staff_recipients"][0]


def fail_sending(monkeypatch, error):
    """Make sending a delivery's email raise `error` (admin alerts still go to the outbox)."""
    real_build = outbox_delivery.build_email

    def build_failing(delivery):
        message = real_build(delivery)

        def send(fail_silently=False):
            raise error

        message.send = send
        return message

    monkeypatch.setattr(outbox_delivery, "build_email", build_failing)


@pytest.fixture
def pending_delivery(contact_page, django_capture_on_commit_callbacks):
    lead = submit_lead(
        details={
            "full_name": "Pat Doe",
            "email": "pat@example.org",
            "preferred_contact_method": "email",
        },
        consent_version="v",
        source_page=contact_page,
    )
    return lead.deliveries.get(kind=LeadEmailKind.CONFIRMATION)


def test_a_permanent_failure_marks_the_delivery_failed_and_alerts_the_admins(
    pending_delivery, monkeypatch, settings
):
    settings.ADMINS = [("Admin", "admin@clinic.example")]
    fail_sending(
        monkeypatch,
        smtplib.SMTPRecipientsRefused({"pat@example.org": (550, b"5.1.1 No such mailbox")}),
    )
    mail.outbox.clear()
    outcome = deliver_email(pending_delivery.pk)
    pending_delivery.refresh_from_db()
    assert outcome.result == "failed"
    assert pending_delivery.status == DeliveryStatus.FAILED
    assert pending_delivery.last_error == "550 5.1.1 No such mailbox"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["admin@clinic.example"]
    assert "pat@example.org" not in mail.outbox[0].body
    assert f"/admin/email-deliveries/inspect/{pending_delivery.pk}/" in mail.outbox[0].body


def test_a_temporary_failure_goes_back_to_pending_with_a_later_attempt(
    pending_delivery, monkeypatch
):
    fail_sending(monkeypatch, smtplib.SMTPDataError(451, b"4.3.0 Try again later"))
    before = timezone.now()
    outcome = deliver_email(pending_delivery.pk)
    pending_delivery.refresh_from_db()
    assert outcome.result == "retry" and outcome.retry_in > 0
    assert pending_delivery.status == DeliveryStatus.PENDING
    assert pending_delivery.attempts == 1
    assert pending_delivery.next_attempt_at > before
    assert pending_delivery.last_error == "451 4.3.0 Try again later"
    # Not yet due: a second task run now sends nothing.
    assert deliver_email(pending_delivery.pk).result == "skipped"


def test_too_many_temporary_failures_mark_the_delivery_failed(
    pending_delivery, monkeypatch, settings
):
    settings.LEADS_EMAIL_MAX_ATTEMPTS = 3
    fail_sending(monkeypatch, ConnectionRefusedError("Connection refused"))
    results = []
    for _ in range(3):
        EmailDelivery.objects.filter(pk=pending_delivery.pk).update(next_attempt_at=timezone.now())
        results.append(deliver_email(pending_delivery.pk).result)
    pending_delivery.refresh_from_db()
    assert results == ["retry", "retry", "failed"]
    assert pending_delivery.status == DeliveryStatus.FAILED
    assert "Gave up after 3 attempts" in pending_delivery.last_error


def test_retry_delays_grow_exponentially_with_jitter_and_stay_bounded(settings):
    settings.LEADS_EMAIL_RETRY_BASE_SECONDS = 10
    settings.LEADS_EMAIL_RETRY_MAX_SECONDS = 300
    for attempts, full in ((1, 10), (2, 20), (3, 40), (10, 300)):
        delays = [retry_delay(attempts) for _ in range(50)]
        assert all(full / 2 <= delay <= full for delay in delays)
        assert len({round(delay, 6) for delay in delays}) > 1


def test_when_the_broker_is_down_the_rows_stay_pending_and_the_sweep_queues_them(
    pending_delivery, monkeypatch, settings
):
    attempts = []

    def broker_down(*args, **kwargs):
        attempts.append(args)
        raise ConnectionRefusedError("Error 111 connecting to redis")

    monkeypatch.setattr(deliver_email_task, "apply_async", broker_down)
    ids = list(pending_delivery.about.deliveries.values_list("pk", flat=True))
    assert queue_deliveries(ids) == 0
    assert len(attempts) == 1  # stops at the first failure: one timeout at most
    assert set(pending_delivery.about.deliveries.values_list("status", flat=True)) == {"pending"}

    monkeypatch.undo()
    settings.LEADS_SWEEP_GRACE_SECONDS = 0
    mail.outbox.clear()
    result = sweep_deliveries()
    assert result["queued"] == len(ids)
    assert len(mail.outbox) == len(ids)
    assert set(pending_delivery.about.deliveries.values_list("status", flat=True)) == {"sent"}


def test_the_sweep_leaves_fresh_deliveries_to_their_own_message(pending_delivery, monkeypatch):
    queued = []
    monkeypatch.setattr(
        "outbox.queue.queue_delivery", lambda pk, countdown=None: queued.append(pk) or True
    )
    assert sweep_deliveries()["due"] == 0
    later = timezone.now() + datetime.timedelta(minutes=2)
    assert sweep_deliveries(now=later)["due"] == 2
    assert sorted(queued) == sorted(pending_delivery.about.deliveries.values_list("pk", flat=True))


def test_the_sweep_releases_a_claim_whose_worker_is_gone(pending_delivery, monkeypatch):
    queued = []
    monkeypatch.setattr(
        "outbox.queue.queue_delivery", lambda pk, countdown=None: queued.append(pk) or True
    )
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    EmailDelivery.objects.filter(pk=pending_delivery.pk).update(
        status=DeliveryStatus.SENDING, claimed_at=long_ago, next_attempt_at=long_ago
    )
    result = sweep_deliveries()
    pending_delivery.refresh_from_db()
    assert result["released"] == 1
    assert pending_delivery.status == DeliveryStatus.PENDING
    assert pending_delivery.pk in queued


def test_a_fresh_claim_is_not_taken_over(pending_delivery):
    EmailDelivery.objects.filter(pk=pending_delivery.pk).update(
        status=DeliveryStatus.SENDING, claimed_at=timezone.now()
    )
    outcome = deliver_email(pending_delivery.pk)
    assert outcome.result == "skipped" and outcome.retry_in > 0


def test_staff_retry_a_failed_delivery_from_the_admin(
    client, pending_delivery, django_capture_on_commit_callbacks
):
    EmailDelivery.objects.filter(pk=pending_delivery.pk).update(
        status=DeliveryStatus.FAILED, attempts=6, last_error="550 No such mailbox"
    )
    client.force_login(UserFactory(groups=["Intake staff"]))
    listing = client.get(reverse("email_deliveries:index") + "?status=failed").content.decode()
    retry_url = reverse("email_deliveries:retry", args=[pending_delivery.pk])
    assert retry_url in listing
    assert "550 No such mailbox" in client.get(retry_url).content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(retry_url)
    assert response.status_code == 302
    pending_delivery.refresh_from_db()
    assert pending_delivery.status == DeliveryStatus.SENT
    assert [m.to[0] for m in mail.outbox] == ["pat@example.org"]


def test_retry_does_nothing_to_a_delivery_that_has_not_failed(pending_delivery):
    assert retry_delivery(pending_delivery.pk) is False


def test_marketing_staff_see_no_deliveries_and_cannot_retry(client, pending_delivery):
    EmailDelivery.objects.filter(pk=pending_delivery.pk).update(status=DeliveryStatus.FAILED)
    client.force_login(UserFactory(groups=["Marketing"]))
    # The intake admin refuses with a plain 403 (leads.admin.permissions.forbidden).
    assert client.get(reverse("email_deliveries:index")).status_code == 403
    response = client.post(reverse("email_deliveries:retry", args=[pending_delivery.pk]))
    assert response.status_code == 403
    pending_delivery.refresh_from_db()
    assert pending_delivery.status == DeliveryStatus.FAILED


def test_the_lead_in_the_admin_shows_its_deliveries_and_failures_on_the_dashboard(
    client, pending_delivery
):
    EmailDelivery.objects.filter(pk=pending_delivery.pk).update(
        status=DeliveryStatus.FAILED, last_error="550 No such mailbox"
    )
    client.force_login(UserFactory(groups=["Intake staff"]))
    html = client.get(
        reverse("contact_requests:inspect", args=[pending_delivery.about_id])
    ).content.decode()
    assert "Confirmation to the visitor" in html and "Failed" in html
    assert "550 No such mailbox" in html
    assert "1 email delivery failed" in client.get("/admin/").content.decode()


@pytest.mark.parametrize(
    ("error", "permanent"),
    [
        (smtplib.SMTPDataError(451, b"4.3.0 Try later"), False),
        (smtplib.SMTPDataError(554, b"5.7.1 Rejected"), True),
        (smtplib.SMTPRecipientsRefused({"a@b.example": (550, b"No such user")}), True),
        (smtplib.SMTPRecipientsRefused({"a@b.example": (450, b"Greylisted")}), False),
        (smtplib.SMTPServerDisconnected("Connection unexpectedly closed"), False),
        (ConnectionRefusedError(111, "Connection refused"), False),
        (TimeoutError("timed out"), False),
        (AnymailAPIError("bad request", status_code=400), True),
        (AnymailAPIError("slow down", status_code=429), False),
        (AnymailAPIError("provider down", status_code=503), False),
        (AnymailRecipientsRefused("all recipients refused"), True),
    ],
)
def test_send_errors_are_told_apart_as_temporary_or_permanent(error, permanent):
    assert describe_send_error(error)[0] is permanent


def test_marketing_edits_the_confirmation_wording_and_intake_staff_the_recipients(client, site):
    confirmation_url = reverse(
        "wagtailsettings:edit", args=["leads", "confirmationemailsettings", site.pk]
    )
    recipients_url = reverse(
        "wagtailsettings:edit", args=["leads", "staffnotificationsettings", site.pk]
    )
    client.force_login(UserFactory(groups=["Marketing"]))
    assert client.get(confirmation_url).status_code == 200
    # Wagtail refuses a setting with a redirect to the dashboard.
    assert client.get(recipients_url).status_code == 302
    client.force_login(UserFactory(groups=["Intake staff"]))
    assert client.get(recipients_url).status_code == 200
    assert client.get(confirmation_url).status_code == 302
