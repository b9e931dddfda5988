"""Fixtures shared by every test: the site and home page, temporary media, and the gates that
decide whether a real-service or browser test may run."""

import os
import shutil
import socket
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from wagtail.models import Page, Site

from home.models import ClinicSettings, HomePage
from tests.factories import ArticleIndexPageFactory, HomePageFactory

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


@pytest.fixture(autouse=True)
def empty_caches():
    """Every test starts with empty caches: Wagtail caches image renditions, and one cached by an
    earlier test points at a file in that test's (deleted) media directory."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


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


@pytest.fixture
def article_index(home_page):
    """The live article index under the home page."""
    return ArticleIndexPageFactory(parent=home_page)
