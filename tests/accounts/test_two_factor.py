"""Two-factor sign-in (wagtail-2fa, django-otp TOTP): required for everyone who can see leads
(Intake staff, superusers), optional for the others; enrolment shows a QR code and the key."""

import datetime
import re
import time

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import SignInEvent, SignInEventKind
from leads.models import Lead
from tests.accounts.conftest import PASSWORD, sign_in
from tests.factories import LeadFactory, SuperUserFactory, UserFactory

pytestmark = pytest.mark.django_db


def current_code(device) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():06d}"


def lead_urls(lead) -> list[str]:
    pk = lead.pk
    index = reverse("contact_requests:index")
    return [
        index,
        f"{index}?status=new",
        reverse("contact_requests:index_results"),
        f"{index}?export=csv",
        f"{index}?export=xlsx",
        reverse("contact_requests:inspect", args=[pk]),
        reverse("contact_requests:edit", args=[pk]),
        reverse("contact_requests:history", args=[pk]),
        reverse("email_deliveries:index"),
    ]


def lead_posts(lead) -> list[tuple[str, dict]]:
    pk = lead.pk
    return [
        (reverse("contact_requests:status", args=[pk]), {"status": "contacted"}),
        (reverse("contact_requests:assign", args=[pk]), {"to_me": "1"}),
        (reverse("contact_requests:note", args=[pk]), {"text": "Called"}),
        (reverse("contact_requests:erase", args=[pk]), {"confirm": "erase"}),
    ]


def assert_no_lead_url_is_reachable(client, lead, redirect_to: str):
    before = Lead.objects.values().get(pk=lead.pk)
    for url in lead_urls(lead):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(redirect_to), (url, response["Location"])
    for url, data in lead_posts(lead):
        response = client.post(url, data)
        assert response.status_code == 302, url
        assert response["Location"].startswith(redirect_to), (url, response["Location"])
    assert Lead.objects.values().get(pk=lead.pk) == before


@pytest.fixture
def lead(db):
    return LeadFactory(full_name="Robin Okafor")


@pytest.mark.parametrize("role", ["intake", "superuser"])
def test_a_user_who_can_see_leads_enrols_a_device_before_reaching_any_lead(
    client, two_factor_required, lead, role
):
    if role == "intake":
        UserFactory(username="staff.member", groups=["Intake staff"])
    else:
        SuperUserFactory(username="staff.member")
    assert sign_in(client, "staff.member", PASSWORD).status_code == 302

    assert_no_lead_url_is_reachable(client, lead, "/admin/2fa/devices/new")

    enrolment = client.get("/admin/2fa/devices/new")
    assert enrolment.status_code == 200
    page = enrolment.content.decode()
    assert 'data-testid="totp-qr-code"' in page
    device = TOTPDevice.objects.get(user__username="staff.member", confirmed=False)
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7 ]+)<', page).group(1)
    assert secret.replace(" ", "") in device.config_url
    qr_code = client.get("/admin/2fa/devices/qr-code")
    assert qr_code["Content-Type"] == "image/svg+xml"

    saved = client.post(
        "/admin/2fa/devices/new",
        {"name": "Work phone", "otp_token": current_code(device), "password": PASSWORD},
    )
    assert saved.status_code == 302
    assert client.get(reverse("contact_requests:inspect", args=[lead.pk])).status_code == 200
    assert SignInEvent.objects.filter(
        kind=SignInEventKind.DEVICE_ENROLLED, username="staff.member"
    ).exists()


def test_an_intake_user_with_a_device_reaches_leads_only_after_a_right_code(
    client, two_factor_required, lead
):
    user = UserFactory(username="intake.ana", groups=["Intake staff"])
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        assert sign_in(client, "intake.ana", PASSWORD).status_code == 302
        assert_no_lead_url_is_reachable(client, lead, "/admin/2fa/auth")

        wrong = client.post("/admin/2fa/auth", {"otp_token": "000000", "next": "/admin/"})
        assert wrong.status_code == 200
        assert "Invalid code" in wrong.content.decode()
        assert_no_lead_url_is_reachable(client, lead, "/admin/2fa/auth")

        # django-otp slows down guessing after a wrong code.
        clock.move_to(start + datetime.timedelta(seconds=5))
        device.refresh_from_db()
        right = client.post(
            "/admin/2fa/auth", {"otp_token": current_code(device), "next": "/admin/"}
        )
        assert right.status_code == 302
        assert client.get(reverse("contact_requests:index")).status_code == 200
    kinds = list(
        SignInEvent.objects.filter(username="intake.ana")
        .order_by("pk")
        .values_list("kind", flat=True)
    )
    assert kinds == [
        SignInEventKind.DEVICE_ENROLLED,
        SignInEventKind.SIGNED_IN,
        SignInEventKind.SECOND_FACTOR_FAILED,
    ]


def test_a_marketing_user_signs_in_with_a_password_alone(client, two_factor_required, home_page):
    UserFactory(username="writer", groups=["Marketing"])
    assert sign_in(client, "writer", PASSWORD).status_code == 302
    for url in ("/admin/", "/admin/pages/", f"/admin/pages/{home_page.pk}/", "/admin/images/"):
        assert client.get(url).status_code == 200, url


def test_an_admin_removes_a_lost_device_and_the_user_enrols_again(client, two_factor_required):
    admin = SuperUserFactory(username="head.admin")
    admin_device = TOTPDevice.objects.create(user=admin, name="Admin phone", confirmed=True)
    lost = TOTPDevice.objects.create(
        user=UserFactory(username="intake.ana", groups=["Intake staff"]),
        name="Lost phone",
        confirmed=True,
    )
    sign_in(client, "head.admin", PASSWORD)
    client.post("/admin/2fa/auth", {"otp_token": current_code(admin_device), "next": "/admin/"})

    users = client.get("/admin/users/").content.decode()
    assert "Manage 2FA" in users
    devices = client.get(f"/admin/2fa/devices/{lost.user_id}").content.decode()
    assert "Lost phone" in devices
    removed = client.post(f"/admin/2fa/devices/{lost.pk}/remove", {"user_id": lost.user_id})
    assert removed.status_code == 302
    assert not TOTPDevice.objects.filter(pk=lost.pk).exists()
    assert SignInEvent.objects.filter(
        kind=SignInEventKind.DEVICE_REMOVED, username="intake.ana"
    ).exists()

    intake_client = client.__class__()
    sign_in(intake_client, "intake.ana", PASSWORD)
    response = intake_client.get(reverse("contact_requests:index"))
    assert response["Location"].startswith("/admin/2fa/devices/new")


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_anonymous_visitor_on_the_code_page_is_sent_to_sign_in_without_an_error_mail(
    client, settings, two_factor_required, method
):
    # Anyone can open the address without a session; an error there would mail ADMINS each time.
    settings.ADMINS = [("Site admin", "admin@clinic.example")]
    client.raise_request_exception = False
    send = getattr(client, method)
    response = send(
        "/admin/2fa/auth?next=/admin/", {"otp_token": "123456"} if method == "post" else {}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert client.get(response["Location"]).status_code == 200
    assert mail.outbox == []
