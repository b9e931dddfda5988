"""Fixtures shared by every test: the site and home page, temporary media, and the gates that
decide whether a real-service or browser test may run."""

import os
import shutil
import socket
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connections
from wagtail.models import Page, Site

from home.models import ClinicSettings, HomePage
from leads.forms import make_shown_at_token
from leads.models import ContactPage, PrivacyNoticePage
from tests.factories import ContactPageFactory, HomePageFactory, PrivacyNoticePageFactory

IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM = Path("/usr/bin/chromium")


def require_service(available: bool, reason: str) -> None:
    """Skip a test whose service is missing, except in CI, where a missing service is a failure."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"CI=true and {reason}: real-service tests must run in CI.")
    pytest.skip(reason)


def port_open(url: str, default_port: int) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection(
            (parts.hostname or "127.0.0.1", parts.port or default_port), 1
        ):
            return True
    except OSError:
        return False


@pytest.fixture
def require_postgres():
    engine = settings.DATABASES["default"]["ENGINE"]
    require_service(engine.endswith("postgresql"), "DATABASE_URL does not point at PostgreSQL")


@pytest.fixture
def redis_url():
    """The real Redis named by REDIS_URL (or the local default), when one answers."""
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    require_service(port_open(url, 6379), f"no Redis answers at {url}")
    return url


@pytest.fixture
def require_chromium():
    require_service(CHROMIUM.exists(), f"{CHROMIUM} is not installed (apt-get install -y chromium)")


@pytest.fixture(autouse=True)
def temporary_media(settings, tmp_path):
    """Every test writes uploads to a directory of its own."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    yield
    shutil.rmtree(tmp_path / "media", ignore_errors=True)


@pytest.fixture
def home_page(db):
    """The site's HomePage, replacing Wagtail's default welcome page, on the default Site."""
    root = Page.get_first_root_node()
    site = Site.objects.get(is_default_site=True)
    welcome = site.root_page
    home = HomePageFactory(parent=root, slug="clinic-home")
    site.root_page = home
    site.hostname = "testserver"
    site.port = 80
    site.save()
    welcome.delete()
    return HomePage.objects.get(pk=home.pk)


@pytest.fixture
def site(home_page):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def clinic_settings(site):
    clinic = ClinicSettings.for_site(site)
    clinic.clinic_name = "Evergreen Ketamine Clinic"
    clinic.phone = "(503) 555-0142"
    clinic.email = "care@example.org"
    clinic.street_address = "1200 NW Lovejoy Street"
    clinic.locality = "Portland"
    clinic.region = "OR"
    clinic.postal_code = "97209"
    clinic.opening_hours = "Monday to Friday: 8am to 6pm"
    clinic.save()
    return clinic


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Keep the database's post-migration contents for every connection object.

    Browser tests run in flushed transactions with serialized rollback, which restores what the
    migrations created (the root page, the default Site, the staff groups). Django keeps that
    snapshot on the connection object it set up; code that runs under a different async context
    (Wagtail's task backend, Playwright's event loop) can be handed a fresh connection object
    without it, and the restore would silently do nothing. Storing it on the class makes every
    connection of that backend see it.
    """

    for connection in connections.all():
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents is not None:
            type(connection)._test_serialized_contents = contents


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate-limit counters live in the cache: every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def privacy_notice(home_page):
    page = PrivacyNoticePageFactory(parent=home_page)
    page.save_revision().publish()
    return PrivacyNoticePage.objects.get(pk=page.pk)


@pytest.fixture
def contact_page(home_page, clinic_settings, privacy_notice):
    """A published ContactPage under the home page, with the clinic details and privacy notice."""
    page = ContactPageFactory(parent=home_page)
    page.save_revision().publish()
    return ContactPage.objects.get(pk=page.pk)


@pytest.fixture
def contact_form_data():
    """Build a valid contact-form POST (shown 60 seconds ago, so the timing trap lets it pass);
    keyword arguments replace or add fields."""

    def build(**overrides):
        data = {
            "full_name": "Jordan Rivera",
            "email": "jordan@example.org",
            "phone": "(503) 555-0100",
            "preferred_contact_method": "phone",
            "best_time": "Weekday mornings",
            "message": "I have tried three antidepressants.",
            "consent": "on",
            "website": "",
            "shown_at": make_shown_at_token(time.time() - 60),
        }
        data.update(overrides)
        return {name: value for name, value in data.items() if value is not None}

    return build


@pytest.fixture
def intake_user(db):
    from tests.factories import UserFactory

    return UserFactory(
        username="intake.ana", first_name="Ana", last_name="Reyes", groups=["Intake staff"]
    )


@pytest.fixture
def marketing_user(db):
    from tests.factories import UserFactory

    return UserFactory(username="marketing.mo", groups=["Marketing"])


@pytest.fixture
def editor_user(db):
    """An admin user of another group (Wagtail's own Editors): no business with leads."""
    from tests.factories import UserFactory

    return UserFactory(username="editor.eli", groups=["Editors"])
