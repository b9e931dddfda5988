"""django-axes on the Wagtail sign-in and the throttled password-reset form: a user name +
client address is paused after 5 failures for 15 minutes, with the same calm page whether or not
the account exists, and never on the public site."""

import datetime

import pytest
import time_machine
from axes.models import AccessAttempt
from django.core import mail
from django.utils import timezone

from accounts.models import SignInEvent, SignInEventKind
from tests.accounts.conftest import PASSWORD, WRONG_PASSWORD, sign_in
from tests.factories import SuperUserFactory, UserFactory
from tests.html_reading import parse

pytestmark = pytest.mark.django_db

LOCKED_TEXT = "signing in is paused for 15 minutes"


def is_signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_six_wrong_passwords_lock_and_the_right_one_is_refused_until_the_cool_off(client, axes_on):
    UserFactory(username="intake.ana", groups=["Intake staff"])
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        statuses = [sign_in(client, "intake.ana", WRONG_PASSWORD).status_code for _ in range(6)]
        # Four plain refusals, then the fifth failure starts the pause.
        assert statuses == [200, 200, 200, 200, 429, 429]

        refused = sign_in(client, "intake.ana", PASSWORD)
        assert refused.status_code == 429
        assert LOCKED_TEXT in " ".join(refused.content.decode().split())
        assert not is_signed_in(client)

        clock.move_to(start + datetime.timedelta(minutes=14, seconds=59))
        assert sign_in(client, "intake.ana", PASSWORD).status_code == 429
        assert not is_signed_in(client)

        clock.move_to(start + datetime.timedelta(minutes=15, seconds=1))
        response = sign_in(client, "intake.ana", PASSWORD)
        assert response.status_code == 302
        assert response["Location"] == "/admin/"
        assert is_signed_in(client)


def test_the_lockout_page_is_the_same_whether_or_not_the_account_exists(client, axes_on):
    UserFactory(username="intake.ana", groups=["Intake staff"])
    pages = {}
    for username in ("intake.ana", "nobody.here"):
        for _ in range(5):
            last = sign_in(client, username, WRONG_PASSWORD)
        pages[username] = (last.status_code, str(parse(last).find("main")))
    assert pages["intake.ana"] == pages["nobody.here"]
    status, body = pages["intake.ana"]
    assert status == 429
    assert "intake.ana" not in body
    assert "nobody.here" not in body


def test_the_address_is_read_as_the_rate_limits_read_it_behind_a_trusted_proxy(
    client, axes_on, settings
):
    """Behind one proxy every request comes from the proxy's address: locking that would lock
    everyone. The client address the proxy appended is locked instead, and a forged header entry
    to its left is not believed."""
    settings.LEADS_TRUSTED_PROXY_COUNT = 1
    UserFactory(username="intake.ana", groups=["Intake staff"])
    for _ in range(5):
        sign_in(
            client,
            "intake.ana",
            WRONG_PASSWORD,
            address="10.0.0.2",
            HTTP_X_FORWARDED_FOR="198.51.100.77, 203.0.113.5",
        )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.5"}
    locked = sign_in(
        client, "intake.ana", PASSWORD, address="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.5"
    )
    assert locked.status_code == 429
    colleague = sign_in(
        client, "intake.ana", PASSWORD, address="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9"
    )
    assert colleague.status_code == 302


def test_a_lockout_never_blocks_the_public_site_or_the_contact_form(
    client, axes_on, contact_page, contact_form_data
):
    UserFactory(username="intake.ana", groups=["Intake staff"])
    for _ in range(6):
        sign_in(client, "intake.ana", WRONG_PASSWORD)
    assert sign_in(client, "intake.ana", PASSWORD).status_code == 429

    assert client.get("/", REMOTE_ADDR="203.0.113.10").status_code == 200
    assert client.get(contact_page.url, REMOTE_ADDR="203.0.113.10").status_code == 200
    sent = client.post(contact_page.url, contact_form_data(), REMOTE_ADDR="203.0.113.10")
    assert sent.status_code == 303


def test_superusers_see_and_lift_a_lockout_and_the_audit_says_who(client, axes_on):
    UserFactory(username="intake.ana", groups=["Intake staff"])
    for _ in range(5):
        sign_in(client, "intake.ana", WRONG_PASSWORD)
    admin = SuperUserFactory(username="head.admin")
    admin_client = client.__class__()
    admin_client.force_login(admin)

    listing = admin_client.get("/admin/lockouts/")
    assert listing.status_code == 200
    assert "intake.ana" in listing.content.decode()
    assert "203.0.113.10" in listing.content.decode()

    attempt = AccessAttempt.objects.get()
    cleared = admin_client.post(f"/admin/lockouts/{attempt.pk}/clear/")
    assert cleared.status_code == 302
    assert "Nobody is locked out now." in admin_client.get("/admin/lockouts/").content.decode()
    assert sign_in(client, "intake.ana", PASSWORD).status_code == 302

    event = SignInEvent.objects.get(kind=SignInEventKind.LOCKOUT_CLEARED)
    assert (event.username, event.actor, event.client_address) == (
        "intake.ana",
        admin,
        "203.0.113.10",
    )


def test_only_superusers_reach_the_lockout_list(client, axes_on):
    client.force_login(UserFactory(groups=["Intake staff"]))
    attempt = AccessAttempt.objects.create(
        username="x", ip_address="203.0.113.1", failures_since_start=9, user_agent="", path_info=""
    )
    # Wagtail answers a refusal inside the admin by sending the user back to the dashboard.
    listing = client.get("/admin/lockouts/")
    assert (listing.status_code, listing["Location"]) == (302, "/admin/")
    refused = client.post(f"/admin/lockouts/{attempt.pk}/clear/")
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()


def test_the_password_reset_form_is_paused_after_five_requests(
    client, axes_on, django_capture_on_commit_callbacks
):
    UserFactory(username="intake.ana", email="ana@clinic.example", groups=["Intake staff"])
    # The emails leave through the outbox once each request commits.
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [
            client.post(
                "/admin/password_reset/",
                {"email": "ana@clinic.example"},
                REMOTE_ADDR="203.0.113.10",
            ).status_code
            for _ in range(6)
        ]
    assert statuses == [302, 302, 302, 302, 302, 429]
    assert len(mail.outbox) == 5
    paused = client.post(
        "/admin/password_reset/", {"email": "ana@clinic.example"}, REMOTE_ADDR="203.0.113.10"
    )
    said = " ".join(paused.content.decode().split())
    assert "Too many password-reset requests for this email address" in said
    # No password was typed: the sign-in lockout's wording would be wrong here.
    assert LOCKED_TEXT not in said and "password did not match" not in said
    assert len(mail.outbox) == 5
    # Another address is not paused, and an unknown email gets the same answer as a known one.
    other = client.post(
        "/admin/password_reset/", {"email": "nobody@clinic.example"}, REMOTE_ADDR="203.0.113.99"
    )
    assert other.status_code == 302
