"""Every change this project makes to Wagtail's or wagtail-seo's own code, in one place.

Each patch below replaces something that is not ours, because no hook or setting of Wagtail,
wagtail-seo or wagtail-cache does the same, and each says what it replaces, why, and the figure that
justifies it. `tests/core/test_wagtail_patches.py` records the signature of every replaced function
and checks that it still behaves as the patch assumes, so an upgrade that changes one fails there
first instead of silently in production.

Figures are from `bench/bench_http.py` run with every speed patch left out in turn, in the same run
as the patched site (docs/performance.md, 2026-12-06):

    BENCH_BASELINE=<revision> BENCH_PATCHES_OFF=seo-settings,site-for-hostname \
        .venv/bin/python bench/bench_http.py

A patch stays only while it saves 10 % or more of the uncached article's time. Those that did not
were removed: wagtail-seo's `get_struct_data_images` (the article's JSON-LD comes from its cached
rendering, so an uncached view does not call it: 0 to 3 % slower without it), and
`Site.get_site_root_paths`, which Wagtail already keeps in Django's cache (on a quiet machine the
uncached article was 1 % and 6 % faster without it, in two runs).

`apply_patches()` runs once, from `CoreConfig.ready`. `WAGTAIL_PATCHES_OFF` (a setting, from the
environment) leaves the named patches out, so `bench/bench_http.py` can measure what each one gains
against Wagtail's own code in the same run.
"""

from django.apps import apps
from django.conf import settings
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Site
from wagtail.models import sites as wagtail_sites

from core.page_cache import cached

PATCHES = {}
# What each patch replaced, as it was, for the tests that check it has not changed upstream.
ORIGINALS = {}


def patch(name: str):
    """Register a patch under the name `WAGTAIL_PATCHES_OFF` knows it by."""

    def register(apply):
        PATCHES[name] = apply
        return apply

    return register


_applied = set()


def apply_patches() -> None:
    off = set(settings.WAGTAIL_PATCHES_OFF)
    for name, apply in PATCHES.items():
        if name not in off and name not in _applied:
            apply()
            _applied.add(name)


# wagtail-seo's SEO setting has fields of its own for the organisation's name, phone, address and
# opening hours. The JSON-LD reads those facts from ClinicSettings (core.pages.SeoPageMixin), so
# the copies are left out of the SEO form: each clinic fact has one place to edit.
CLINIC_FACTS_IN_SEO_SETTINGS = frozenset(
    {
        "struct_org_name",
        "struct_org_phone",
        "struct_org_address_street",
        "struct_org_address_locality",
        "struct_org_address_region",
        "struct_org_address_postal",
        "struct_org_address_country",
        "struct_org_hours",
    }
)


def without_clinic_facts(panel):
    if isinstance(panel, FieldPanel) and panel.field_name in CLINIC_FACTS_IN_SEO_SETTINGS:
        return None
    if isinstance(panel, MultiFieldPanel):
        children = [kept for child in panel.children if (kept := without_clinic_facts(child))]
        return type(panel)(**{**panel.clone_kwargs(), "children": children})
    return panel


@patch("seo-settings-panels")
def hide_clinic_facts_in_seo_settings() -> None:
    """Replaces `wagtailseo.models.SeoSettings.panels` (wagtail-seo's SEO settings form).

    Why: the form would offer a second place to edit the clinic's name, phone, address and hours,
    which ClinicSettings holds. Wagtail builds a setting's form from the model's `panels` (or
    `edit_handler`) and offers no hook to change another app's settings form, and the model is
    wagtail-seo's, so it cannot be subclassed without a second settings table. Not a speed patch:
    it keeps one editable home per fact (`tests/core/test_clinic_facts.py`).
    """
    seo_settings = apps.get_model("wagtailseo", "SeoSettings")
    ORIGINALS["seo-settings-panels"] = seo_settings.panels
    seo_settings.panels = [
        kept for panel in seo_settings.panels if (kept := without_clinic_facts(panel))
    ]


@patch("seo-settings")
def cache_seo_settings() -> None:
    """Replaces `SeoSettings.for_site` (Wagtail's `BaseSiteSetting.for_site`, on wagtail-seo's
    model) with a read through the shared page data, kept until the next purge.

    Why: Wagtail's `settings` context processor and wagtail-seo's page mixin read it on every page
    view (`for_request` keeps it for one request only), one query each time. Without it the
    uncached article took 17.9 ms instead of 9.7 ms in-process (the bench's
    WSGI-handler timing, median of 300 views).
    """
    seo_settings = apps.get_model("wagtailseo", "SeoSettings")
    uncached_for_site = ORIGINALS["seo-settings"] = seo_settings.for_site

    def for_site(cls, site):
        if site is None:
            return uncached_for_site(site)
        return cached(f"setting:{cls._meta.label_lower}:{site.pk}", lambda: uncached_for_site(site))

    seo_settings.for_site = classmethod(for_site)


@patch("site-for-hostname")
def cache_site_for_hostname() -> None:
    """Replaces `wagtail.models.sites.get_site_for_hostname`, which `Site.find_for_request` calls,
    with a read through the shared page data (saving a Site purges it).

    Why: Wagtail finds the request's Site with a query on every request (`find_for_request` keeps
    it for one request only). The Host header is the visitor's to choose (Wagtail reads it before
    the ALLOWED_HOSTS check), so only the hostnames of the site records get a key of their own;
    any other hostname gets the default site, as Wagtail gives it, under one shared key, and no
    request can add keys to the cache. The site's home page is kept in its specific form, which
    saves the query Wagtail's routing makes for it on every request. Without it the uncached
    article took 19.6 ms instead of 9.7 ms in-process (the bench's WSGI-handler timing,
    median of 300 views).
    """
    original = ORIGINALS["site-for-hostname"] = wagtail_sites.get_site_for_hostname

    def site_with_specific_root(hostname, port):
        site = original(hostname, port)
        # Routing starts at the site's home page in its specific form (Page.route_for_request),
        # and `.specific` returns a page that already is as it is: kept so, it is read once per
        # purge instead of once per request. Deferred: routing reads none of its own fields, and
        # unpickling its StreamField on every request would cost more than the query.
        site.root_page = site.root_page.specific_deferred
        return site

    def get_site_for_hostname(hostname, port):
        known = cached(
            "site-hostnames", lambda: sorted(Site.objects.values_list("hostname", flat=True))
        )
        if hostname in known:
            return cached(
                f"site-for:{hostname}:{port}", lambda: site_with_specific_root(hostname, port)
            )
        return cached("site-for-any-other-host", lambda: site_with_specific_root(hostname, port))

    wagtail_sites.get_site_for_hostname = get_site_for_hostname
