"""The sign-in audit: sign-ins, failures and lockouts appear in the superusers' "Sign-in
activity" report, and nothing typed as a password or code is ever stored."""

import pytest
from axes.models import AccessAttempt

from accounts.models import SignInEvent, SignInEventKind
from tests.accounts.conftest import PASSWORD, WRONG_PASSWORD, sign_in
from tests.factories import SuperUserFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_sign_ins_failures_and_a_lockout_are_recorded_without_what_was_typed(client, axes_on):
    UserFactory(username="intake.ana", groups=["Intake staff"])
    sign_in(client, "intake.ana", PASSWORD)
    client.post("/admin/logout/")
    for _ in range(6):
        sign_in(client, "intake.ana", WRONG_PASSWORD)
    # A password typed into the user-name field is never kept.
    sign_in(client, WRONG_PASSWORD, PASSWORD, address="203.0.113.20")

    events = list(SignInEvent.objects.order_by("pk").values_list("kind", "username"))
    assert events[:3] == [
        (SignInEventKind.SIGNED_IN, "intake.ana"),
        (SignInEventKind.SIGNED_OUT, "intake.ana"),
        (SignInEventKind.FAILED, "intake.ana"),
    ]
    assert events.count((SignInEventKind.LOCKED_OUT, "intake.ana")) == 1
    assert events.count((SignInEventKind.FAILED, "intake.ana")) == 6
    assert events[-1] == (SignInEventKind.FAILED, "")

    stored = repr(list(SignInEvent.objects.values())) + repr(list(AccessAttempt.objects.values()))
    assert WRONG_PASSWORD not in stored
    assert PASSWORD not in stored


def test_superusers_read_the_sign_in_activity_report(client):
    UserFactory(username="intake.ana", groups=["Intake staff"])
    sign_in(client, "intake.ana", PASSWORD)
    sign_in(client.__class__(), "intake.ana", WRONG_PASSWORD, address="198.51.100.4")

    admin_client = client.__class__()
    admin_client.force_login(SuperUserFactory())
    report = admin_client.get("/admin/reports/sign-in-activity/")
    assert report.status_code == 200
    page = report.content.decode()
    assert "Failed sign-in" in page
    assert "198.51.100.4" in page
    assert "intake.ana" in page
    assert "Sign-in activity" in admin_client.get("/admin/").content.decode()

    csv = admin_client.get("/admin/reports/sign-in-activity/?export=csv")
    assert b"Failed sign-in" in b"".join(csv.streaming_content)


@pytest.mark.parametrize("group", ["Intake staff", "Marketing"])
def test_staff_who_are_not_superusers_do_not_see_the_report(client, group):
    client.force_login(UserFactory(groups=[group]))
    response = client.get("/admin/reports/sign-in-activity/")
    assert response.status_code == 302
    assert "Sign-in activity" not in client.get("/admin/").content.decode()
