"""Wagtail's "Forgotten password?" form: its email goes through the outbox after the answer (no
mail server work in the request, so the answer takes as long for an unknown address as for a
staff member's), the link in it works, no reset token is kept in the database, and one client
trying many addresses is paused with a clear message."""

import re
import time

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.password_reset import RESET_LINK_EMAIL
from leads.models import LeadEmailKind
from outbox.models import DeliveryStatus, EmailDelivery
from tests.accounts.conftest import sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RESET = "/admin/password_reset/"
NEW_PASSWORD = "a-new-and-long-passphrase-41"
LINK = re.compile(r"https?://\S+/admin/password_reset/confirm/(?P<uid>[^/\s]+)/(?P<token>[^/\s]+)/")


def ask_for_reset(client, email: str, address: str = "203.0.113.40"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address)


@pytest.fixture
def staff_member(db):
    return UserFactory(username="intake.ana", email="ana@clinic.example", groups=["Intake staff"])


def test_the_reset_email_leaves_through_the_outbox_after_the_answer_and_its_link_works(
    client, staff_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as after_commit:
        answer = ask_for_reset(client, "ana@clinic.example")
    assert answer.status_code == 302
    # Nothing was sent while the visitor waited: a delivery row, queued once the request commits.
    assert mail.outbox == []
    delivery = EmailDelivery.objects.get(kind=RESET_LINK_EMAIL)
    assert (delivery.recipient, delivery.status) == ("ana@clinic.example", DeliveryStatus.PENDING)

    for callback in after_commit:
        callback()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT
    [message] = mail.outbox
    assert message.to == ["ana@clinic.example"]
    link = LINK.search(message.body)
    assert link, message.body
    assert link.group(0) in message.alternatives[0][0]

    # The token is made when the email is built; the database never holds it.
    stored = " ".join(
        str(value) for row in EmailDelivery.objects.values() for value in row.values()
    )
    assert link.group("token") not in stored

    form_page = client.get(link.group(0), follow=True)
    assert form_page.status_code == 200
    form = BeautifulSoup(form_page.content, "html.parser").find(
        "input", attrs={"name": "new_password1"}
    )
    assert form is not None
    changed = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert changed.status_code == 302
    client.logout()
    assert sign_in(client, "intake.ana", NEW_PASSWORD).status_code == 302
    assert get_user_model().objects.get(pk=staff_member.pk).check_password(NEW_PASSWORD)


def timed_reset(client, email: str, address: str) -> tuple[float, int]:
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        answer = ask_for_reset(client, email, address)
        elapsed = time.perf_counter() - started
    assert answer.status_code == 302
    return elapsed, len(queries)


def test_the_answer_takes_as_long_for_an_unknown_address_as_for_a_staff_member(
    client, settings, staff_member
):
    # A mail server half a second away: an answer that waited for it would give the account away.
    settings.EMAIL_BACKEND = "tests.mail_backends.SlowBackend"
    known = [timed_reset(client, "ana@clinic.example", f"203.0.113.{50 + n}") for n in range(3)]
    unknown = [
        timed_reset(client, "nobody@clinic.example", f"203.0.113.{60 + n}") for n in range(3)
    ]
    known_time = sorted(seconds for seconds, _ in known)[1]
    unknown_time = sorted(seconds for seconds, _ in unknown)[1]
    assert abs(known_time - unknown_time) < 0.2, (known, unknown)
    # The work done differs by the one row written for a real account, nothing more.
    assert max(count for _, count in known) - min(count for _, count in unknown) <= 1
    assert mail.outbox == []


def test_one_client_asking_for_many_addresses_is_paused_with_a_clear_message(client, settings):
    settings.ACCOUNTS_PASSWORD_RESETS_PER_CLIENT = "10/h"
    answers = [
        ask_for_reset(client, f"guess{n}@clinic.example", "198.51.100.7").status_code
        for n in range(11)
    ]
    assert answers == [302] * 10 + [429]
    paused = ask_for_reset(client, "guess-more@clinic.example", "198.51.100.7")
    assert paused.status_code == 429
    text = " ".join(BeautifulSoup(paused.content, "html.parser").get_text().split())
    assert "Too many password-reset requests from your connection" in text
    assert "try again in an hour" in text
    # Another client is not paused.
    assert ask_for_reset(client, "guess0@clinic.example", "198.51.100.8").status_code == 302


def test_a_colleagues_password_reset_is_listed_for_superusers_only(client, staff_member):
    reset = EmailDelivery.objects.create(
        kind=RESET_LINK_EMAIL, recipient="ana@clinic.example", recipient_user=staff_member
    )
    other = EmailDelivery.objects.create(kind=LeadEmailKind.DIGEST, recipient="ana@clinic.example")
    colleague = UserFactory(username="intake.bo", groups=["Intake staff"])

    client.force_login(colleague)
    listed = BeautifulSoup(client.get("/admin/email-deliveries/").content, "html.parser")
    links = {a["href"] for a in listed.select("a[href*='/admin/email-deliveries/inspect/']")}
    assert f"/admin/email-deliveries/inspect/{other.pk}/" in links
    assert f"/admin/email-deliveries/inspect/{reset.pk}/" not in links
    assert client.get(f"/admin/email-deliveries/inspect/{reset.pk}/").status_code == 404

    client.force_login(UserFactory(username="admin.cy", is_superuser=True))
    assert client.get(f"/admin/email-deliveries/inspect/{reset.pk}/").status_code == 200
