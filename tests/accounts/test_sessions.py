"""Passwords and staff sessions: 12 characters at least, 30 idle minutes, no session past the
browser's closing, sign-out deletes the session on the server."""

import datetime

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import SignInEvent, SignInEventKind
from tests.accounts.conftest import PASSWORD, sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_passwords_need_twelve_characters_and_pass_djangos_validators():
    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password("kettle-moon")
    with pytest.raises(ValidationError, match="too common"):
        validate_password("password1234")
    with pytest.raises(ValidationError, match="entirely numeric"):
        validate_password("730591846205")
    validate_password("kettle-moon-42")


@pytest.mark.parametrize("remember", [None, "on"])
def test_the_session_cookie_ends_with_the_browser(client, remember):
    """Wagtail's "Remember me" would keep the session two weeks; it is gone from the form, and a
    posted value changes nothing."""
    UserFactory(username="writer", groups=["Marketing"])
    extra = {"remember": remember} if remember else {}
    response = client.post(
        "/admin/login/", {"username": "writer", "password": PASSWORD, "next": "/admin/", **extra}
    )
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["expires"] == ""
    assert cookie["max-age"] == ""
    assert cookie["httponly"]
    assert client.session.get_expire_at_browser_close()
    assert 'name="remember"' not in client.get("/admin/login/").content.decode()


def test_a_staff_session_ends_after_thirty_idle_minutes(client, settings):
    settings.STAFF_IDLE_TIMEOUT_MINUTES = 30
    UserFactory(username="writer", groups=["Marketing"])
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        sign_in(client, "writer", PASSWORD)
        session_key = client.session.session_key
        assert client.get("/admin/").status_code == 200

        clock.move_to(start + datetime.timedelta(minutes=29))
        assert client.get("/admin/pages/").status_code == 200

        # 29 + 30 minutes: still within 30 minutes of the last request.
        clock.move_to(start + datetime.timedelta(minutes=58))
        assert client.get("/admin/").status_code == 200

        clock.move_to(start + datetime.timedelta(minutes=88, seconds=30))
        response = client.get("/admin/pages/")
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/?next=/admin/pages/")
        assert not SessionStore().exists(session_key)
        login_page = client.get(response["Location"]).content.decode()
        assert "signed out after 30 minutes without activity" in login_page
    assert SignInEvent.objects.filter(kind=SignInEventKind.IDLE_TIMEOUT, username="writer").exists()


def test_signing_out_deletes_the_session_on_the_server(client):
    UserFactory(username="writer", groups=["Marketing"])
    sign_in(client, "writer", PASSWORD)
    session_key = client.session.session_key
    assert SessionStore().exists(session_key)

    client.post("/admin/logout/")
    assert not SessionStore().exists(session_key)

    # Replaying the old cookie does not bring the session back.
    client.cookies["sessionid"] = session_key
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
