"""Each patch in core/wagtail_patches.py replaces something of Wagtail's or wagtail-seo's. These
tests record the signature of what was replaced and check that it still does what the patch
assumes, so an upgrade that changes it fails here instead of silently on the site."""

import inspect

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.settings.views import get_setting_edit_handler
from wagtail.models import Site
from wagtail.models import sites as wagtail_sites
from wagtailseo.models import SeoSettings

from core.wagtail_patches import CLINIC_FACTS_IN_SEO_SETTINGS, ORIGINALS, PATCHES

pytestmark = pytest.mark.django_db


def parameters(function) -> list[str]:
    return list(inspect.signature(function).parameters)


def panel_field_names(panels) -> set[str]:
    names = set()
    for panel in panels:
        names.update(panel_field_names(getattr(panel, "children", [])))
        if getattr(panel, "field_name", None):
            names.add(panel.field_name)
    return names


def test_every_patch_is_applied_and_keeps_what_it_replaced():
    assert set(ORIGINALS) == set(PATCHES)


def test_seo_settings_form_leaves_out_the_clinic_facts():
    # wagtail-seo still has a field for each clinic fact, in its panels...
    assert panel_field_names(ORIGINALS["seo-settings-panels"]) >= CLINIC_FACTS_IN_SEO_SETTINGS
    # ...and Wagtail still builds the settings form from `panels`.
    form_class = get_setting_edit_handler(SeoSettings).get_form_class()
    assert "struct_org_type" in form_class.base_fields
    assert not CLINIC_FACTS_IN_SEO_SETTINGS & set(form_class.base_fields)


def test_seo_settings_are_read_once_per_purge(site):
    original = ORIGINALS["seo-settings"]
    assert parameters(original) == ["site"]
    # Wagtail's lookup creates the row on first read and is one query on every call after.
    first = original(site)
    with CaptureQueriesContext(connection) as queries:
        assert original(site).pk == first.pk
    assert len(queries) == 1
    # `for_request` goes through `for_site`, which the patch replaced.
    assert "cls.for_site(site)" in inspect.getsource(SeoSettings.for_request)
    SeoSettings.for_site(site)
    with CaptureQueriesContext(connection) as queries:
        assert SeoSettings.for_site(site).pk == first.pk
    assert len(queries) == 0


def test_the_site_for_a_host_name_is_read_once_per_purge(site):
    original = ORIGINALS["site-for-hostname"]
    assert parameters(original) == ["hostname", "port"]
    found = original(site.hostname, site.port)
    assert found.pk == site.pk
    # The patch keeps the home page in its specific form, which `.specific` returns as it is.
    home = found.root_page.specific_deferred
    with CaptureQueriesContext(connection) as queries:
        assert home.specific is home
    assert len(queries) == 0
    # Site.find_for_request reaches it through the module global the patch replaced.
    assert "get_site_for_hostname(hostname, port)" in inspect.getsource(Site._find_for_request)
    request = RequestFactory().get("/", HTTP_HOST=site.hostname)
    assert Site.find_for_request(request).root_page.localized  # the first view after a purge
    request = RequestFactory().get("/", HTTP_HOST=site.hostname)
    with CaptureQueriesContext(connection) as queries:
        found = Site.find_for_request(request)
        # Routing starts at the specific home page: nothing more to read.
        assert type(found.root_page.localized.specific) is type(home)
    assert len(queries) == 0
    assert wagtail_sites.get_site_for_hostname is not original
