"""Fixtures for the staff-account tests: django-axes switched on (test.py leaves it off for the
rest of the suite, whose test client signs in without a request)."""

import pytest

PASSWORD = "correct horse battery staple"
WRONG_PASSWORD = "Tr0ub4dor&3-not-it"


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    return settings


@pytest.fixture
def two_factor_required(settings):
    settings.WAGTAIL_2FA_REQUIRED = True
    return settings


def sign_in(client, username, password, address="203.0.113.10", **extra):
    """Post Wagtail's sign-in form as a browser at `address` would."""
    return client.post(
        "/admin/login/",
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        **extra,
    )
