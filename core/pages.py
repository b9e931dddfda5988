"""The abstract base of every public page type: wagtail-seo's metadata, plus what the clinic needs
on top of it (a social image of known size, breadcrumbs as structured data, and the organisation's
JSON-LD taken from the clinic's own settings)."""

from django.utils import translation
from django.utils.functional import cached_property
from wagtail.models import Page, PageViewRestriction
from wagtailseo import utils as seo_utils
from wagtailseo.models import SeoMixin, TwitterCard

from core.locale import live_versions
from core.models import ClinicSettings
from core.page_cache import cached, private_page_paths, site_by_id
from core.routing import route_from_cache
from core.structured_data import breadcrumb_list, to_json_ld

# The size Facebook, LinkedIn and X show a shared link's image at (1.91:1).
SOCIAL_IMAGE_FILTER = "fill-1200x630"


class OnePerSiteMixin:
    """For a page type a site has one of (the contact page, the privacy notice, the self-check):
    `for_site` finds it without each app writing the query again."""

    @classmethod
    def for_site(cls, site):
        """The live page of this type on `site` in the active language (the default language's
        when it has no live translation), or None (also when `site` is None). A site's pages in
        other languages are translations of its default-language tree, which `site.root_page`
        heads."""
        if site is None:
            return None
        page = cls.objects.live().descendant_of(site.root_page).first()
        return page.localized if page else None


class CachedSiteMixin:
    """Remember the page's Site for the life of the instance.

    wagtail-seo's meta tags ask for `page.get_site()` several times per render, and Wagtail's
    Page.get_site runs a query on every call; the Site comes from the page cache instead (its
    root paths are cached by Wagtail already).
    """

    def get_site(self):
        if not hasattr(self, "_cached_site"):
            url_parts = self.get_url_parts()
            self._cached_site = site_by_id(url_parts[0]) if url_parts else None
        return self._cached_site

    def get_view_restrictions(self):
        # Wagtail checks the page and its ancestors for view restrictions on every view (two
        # queries). The clinic's public site has none; while no page anywhere has one, the
        # cached list says so without asking the database.
        if not private_page_paths():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class SeoPageMixin(CachedSiteMixin):
    """Put before wagtail-seo's SeoMixin on every page type."""

    seo_twitter_card = TwitterCard.LARGE

    @cached_property
    def seo_image(self):
        # wagtail-seo's version reads the site setting on every call; the meta tags call it often.
        return super().seo_image

    @cached_property
    def seo_social_rendition(self):
        """The sharing image cropped to 1200 by 630, so its width and height are known."""
        image = self.seo_image
        if image is None:
            return None
        # Kept with the shared page data (saving an image purges it): Wagtail's lookup costs two
        # cache round trips on every view.
        return cached(
            f"social-rendition:{image.pk}", lambda: image.get_rendition(SOCIAL_IMAGE_FILTER)
        )

    @property
    def seo_image_url(self) -> str:
        rendition = self.seo_social_rendition
        if rendition is None:
            return ""
        base_url = seo_utils.get_absolute_media_url(self.get_site())
        return seo_utils.ensure_absolute_url(rendition.url, base_url)

    @property
    def seo_image_alt(self) -> str:
        """Alt text for the sharing image: its title (a page with a hero image describes it
        instead, HeroImageMixin)."""
        return self.seo_image.title if self.seo_image else ""

    # wagtail-seo prints these JSON strings unescaped inside <script>; a page title containing
    # "</script>" would end the element. Ours escape <, > and &.
    @property
    def seo_struct_article_json(self) -> str:
        return to_json_ld(self.seo_struct_article_dict)

    @property
    def seo_struct_org_json(self) -> str:
        return to_json_ld(self.seo_struct_org_dict)

    @cached_property
    def clinic_settings(self) -> ClinicSettings:
        """The clinic's settings for this page's site."""
        site = self.get_site()
        return ClinicSettings.for_site(site) if site else ClinicSettings()

    def get_context(self, request, *args, **kwargs):
        # The same instance the templates' `settings` reads, cached on the request: the footer
        # and the JSON-LD then share one read of the clinic's details and hours.
        self.__dict__["clinic_settings"] = ClinicSettings.for_request(request)
        return super().get_context(request, *args, **kwargs)

    # The organisation's name, phone, address and hours come from ClinicSettings, never from
    # wagtail-seo's copies of them, so an editor changes each fact in one place.
    @property
    def seo_struct_org_name(self) -> str:
        return self.clinic_settings.clinic_name or self.seo_sitename

    @property
    def seo_struct_org_base_dict(self) -> dict:
        """The organisation (an article's publisher, the base of the home page's organisation
        data): the same for every page of a site, so it is built once per cache purge; its logo
        and images need a rendition lookup each. Its address is the site's home page, where
        wagtail-seo gives the current page's."""
        site = self.get_site()
        if site is None:
            return self.organisation_dict(self.seo_canonical_url)
        return cached(
            f"organisation:{site.pk}",
            lambda: self.organisation_dict(site.root_page.specific.seo_canonical_url),
        )

    def organisation_dict(self, url: str) -> dict:
        data = super().seo_struct_org_base_dict
        data["url"] = url
        data.pop("telephone", None)
        data.pop("address", None)
        if self.clinic_settings.phone_structured:
            data["telephone"] = self.clinic_settings.phone_structured
        address = self.clinic_settings.postal_address()
        if address:
            data["address"] = address
        return data

    @property
    def seo_struct_org_dict(self) -> dict:
        data = super().seo_struct_org_dict
        data.pop("openingHoursSpecification", None)
        hours = self.clinic_settings.opening_hours_specification()
        if hours:
            data["openingHoursSpecification"] = hours
        return data

    @cached_property
    def live_ancestors_below_root(self) -> list:
        """The live pages from the site's home page down to this page's parent, shared by the
        visible breadcrumbs and their structured data, kept with the shared page data (a page's
        ancestors and their titles change only when a page is published, moved or deleted,
        which purges it)."""
        if self.depth <= 2:
            return []
        return cached(
            f"ancestors:{self.pk}",
            lambda: list(self.get_ancestors().filter(depth__gte=2).live()),
        )

    def breadcrumb_pages(self) -> list:
        """The live pages from the site's home page down to this page, this page included."""
        if self.depth <= 2:
            return []
        return [*self.live_ancestors_below_root, self]

    def structured_data(self, request=None) -> list[dict]:
        """JSON-LD objects for the end of the page, beyond wagtail-seo's Article and organisation."""
        crumbs = self.breadcrumb_pages()
        return [breadcrumb_list(crumbs, request)] if crumbs else []


class BasePage(SeoPageMixin, SeoMixin, Page):
    """The base of every public page type: Wagtail's page with the clinic's SEO behaviour."""

    promote_panels = SeoMixin.seo_panels

    @classmethod
    def cache_query(cls, query) -> dict[str, str]:
        """The query parameters that change what a page of this type shows, in the form its view
        reads them. The full-page cache keys the page by these alone, and the view is handed only
        these (core/cache_keys.py), so a made-up parameter neither adds a cache entry nor gets a
        page of its own. A type that reads a parameter says so here; the default reads none."""
        return {}

    @classmethod
    def route_queryset(cls):
        """How core.routing reads a page of this type for an address it knows: a type adds what
        its template shows of other tables."""
        return cls.objects.all()

    @property
    def localized(self):
        """This page in the active language, or itself when it has no live version in it:
        Wagtail's `localized`, answered from the shared page data. Wagtail's own reads the active
        locale and then the translation, two queries, on every page view (routing starts from the
        home page's `localized`)."""
        live = live_versions(self.translation_key)
        pk = live.get(translation.get_language())
        if pk is None or pk == self.pk:
            return self
        return self.specific_class.objects.get(pk=pk)

    def route(self, request, path_components):
        """Wagtail's routing, with a known address answered from the shared page data: only the
        page it shows is read (core/routing.py)."""
        return route_from_cache(
            self,
            request,
            path_components,
            lambda: super(BasePage, self).route(request, path_components),
        )

    class Meta:
        abstract = True
