"""Fixtures shared by every test: the site and home page, the clinic's details, temporary media,
users of each staff group, and the gates that decide whether a real-service or browser test may
run (tests/services.py). The real-service processes are the plugin tests/real_stack.py."""

import io
import os
import shutil
import time

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import connections, transaction
from django.test import override_settings
from django.utils import translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from wagtail.models import Page, Site

from cms.settings.base import redis_caches
from core.models import ClinicSettings
from home.models import HomePage
from home.resilient_cache import forget_unreachable_servers
from leads.contact_form import make_shown_at_token
from leads.intake import submit_lead
from leads.pages import ContactPage, PrivacyNoticePage
from tests.factories import (
    ArticleIndexPageFactory,
    ContactPageFactory,
    HomePageFactory,
    PrivacyNoticePageFactory,
    UserFactory,
)
from tests.services import CHROMIUM, IN_CI, port_open, require_service

# The real-service layer's processes and fixtures are a plugin of their own.
pytest_plugins = ["tests.real_stack"]

# Property-based tests (hypothesis): a bounded number of examples each, no deadline (a shared
# 2-core machine has slow moments), and in CI the same examples every run (derandomize), so CI
# cannot flake on an example it never saw before. Database fixtures are function-scoped on purpose:
# every example of a test adds to the same test transaction, which is what a real table sees.
hypothesis_settings.register_profile(
    "clinic",
    max_examples=25,
    deadline=None,
    derandomize=IN_CI,
    database=None if IN_CI else hypothesis_settings.default.database,
    print_blob=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
hypothesis_settings.load_profile("clinic")


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
def default_language(settings):
    """Every test starts in the default language: a request to a Spanish address activates
    Spanish in the test's thread, and it would otherwise stay active for the next test."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_caches():
    """Every test starts with empty caches: rate-limit counters live there, and Wagtail caches
    image renditions, so one cached by an earlier test would point at that test's (deleted)
    media directory."""
    for each in caches.all():
        each.clear()
    yield
    for each in caches.all():
        each.clear()


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


@pytest.fixture(scope="class")
def class_demo(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo seeded once for all the tests of a class (`shared_demo` is what a test asks for),
    in a transaction rolled back after the last of them. The class's `seed_demo_args` are the
    command's options (`("--no-translations",)` for the English pages alone). Yields the folder
    the demo's images were written to.

    Each test still starts from the freshly seeded demo: pytest-django runs it in a savepoint of
    that transaction and rolls it back afterwards. Only for classes whose every test is a plain
    `django_db` test: a transactional test (transaction=True, live_server, the real-service and
    browser layers) commits and flushes, so it seeds its own. Outside a class pytest runs a
    class-scoped fixture once per test, so the demo is seeded for each, as before."""
    args = getattr(request.cls, "seed_demo_args", ())
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock():
        seeded = transaction.atomic()
        seeded.__enter__()
        try:
            with override_settings(MEDIA_ROOT=str(media)):
                call_command("seed_demo", *args, stdout=io.StringIO())
        except BaseException:
            transaction.set_rollback(True)
            seeded.__exit__(None, None, None)
            raise
    yield media
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        seeded.__exit__(None, None, None)
    shutil.rmtree(media, ignore_errors=True)


@pytest.fixture
def shared_demo(request, class_demo, db, temporary_media):
    """The demo content, seeded once per test class (`class_demo`), with its images copied into
    this test's media folder."""
    marker = request.node.get_closest_marker("django_db")
    transactional = marker is not None and marker.kwargs.get("transaction", False)
    if transactional or {"transactional_db", "live_server"} & set(request.fixturenames):
        pytest.fail("shared_demo is for plain django_db tests; a transactional one seeds its own")
    shutil.copytree(class_demo, settings.MEDIA_ROOT, dirs_exist_ok=True)


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
def page_cache_on(settings):
    """The full-page cache on, on the local-memory cache of this test process."""
    settings.WAGTAIL_CACHE = True


@pytest.fixture
def redis_page_cache(private_redis, settings):
    """The caches (rate limits, settings, full pages) on a private redis-server, as in production,
    with the full-page cache on. Yields the server, which a test may stop, pause and resume."""

    settings.CACHES = redis_caches(private_redis.url)
    settings.WAGTAIL_CACHE = True
    settings.CACHE_RETRY_AFTER_SECONDS = 0.5
    forget_unreachable_servers()
    yield private_redis
    forget_unreachable_servers()


@pytest.fixture
def article_index(home_page):
    """The live article index under the home page."""
    return ArticleIndexPageFactory(parent=home_page)


@pytest.fixture
def intake_user(db):
    return UserFactory(
        username="intake.ana", first_name="Ana", last_name="Reyes", groups=["Intake staff"]
    )


@pytest.fixture
def marketing_user(db):
    return UserFactory(username="marketing.mo", groups=["Marketing"])


@pytest.fixture
def editor_user(db):
    """An admin user of another group (Wagtail's own Editors): no business with leads."""
    return UserFactory(username="editor.eli", groups=["Editors"])


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """After a failed run, say how to replay the same test order (pytest-randomly's seed)."""
    seed = getattr(config.option, "randomly_seed", None)
    if exitstatus not in (0, 5) and isinstance(seed, int):
        terminalreporter.write_line(
            f"Test order seed: {seed}. Replay this order: "
            f"make test PYTEST_ARGS='--randomly-seed={seed}'",
            red=True,
            bold=True,
        )


@pytest.fixture
def submit(contact_page):
    """Send a contact request from the contact page as the form does (consent, source page,
    a client address code), with first-touch values as keyword arguments; returns the lead it
    went to."""

    def send(details, received_at=None, **first_touch):
        return submit_lead(
            details=details,
            consent_version="consent-2026-11",
            source_page=contact_page,
            source_url=contact_page.url,
            first_touch=first_touch,
            client_address_hash="c0ffee",
            received_at=received_at,
        )

    return send
