"""Behaviour every public page type shares."""

from wagtail.models import Page


class CachedSiteMixin:
    """Remember the page's Site for the life of the instance.

    wagtail-seo's meta tags ask for `page.get_site()` several times per render, and Wagtail's
    Page.get_site runs a query on every call; one lookup per request is enough.
    """

    def get_site(self):
        if not hasattr(self, "_cached_site"):
            self._cached_site = Page.get_site(self)
        return self._cached_site
