"""The site's languages: which one a request is in, and a page's versions in the others.

English, the default, has no prefix in the address; every other language lives under its code
(/es/...), through Django's `i18n_patterns` (cms/urls.py). The address alone decides the language:
a browser's Accept-Language never changes what an address shows, so the same address is always the
same page, for visitors, for search engines and for the page cache.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation
from django.utils.cache import cc_delim_re
from wagtail.models import Locale, Page

from core.page_cache import cached, public_pages_q


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, without `Vary: Accept-Language` on addresses without a language prefix.

    Django adds that header in case the language came from the browser, but here an address without
    a prefix is always English (`prefix_default_language=False`). Left in, every distinct
    Accept-Language a browser sends would get its own copy of each English page in the page cache
    (Django's cache keys include the headers a response varies on)."""

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if response.has_header("Vary"):
            kept_headers = [
                header
                for header in cc_delim_re.split(response["Vary"])
                if header and header.lower() != "accept-language"
            ]
            if kept_headers:
                response["Vary"] = ", ".join(kept_headers)
            else:
                del response["Vary"]
        return response


def current_language() -> str:
    return translation.get_language() or settings.LANGUAGE_CODE


def versions(translation_key, request) -> list[dict]:
    """The live, public versions of a page (its `translation_key`) in every language, in the order
    of LANGUAGES: language code, its name, id, address and full address. Kept in the shared page
    data between changes (a publish, unpublish, move or deletion purges it)."""

    def build():
        pages = (
            Page.objects.filter(translation_key=translation_key)
            .live()
            .filter(public_pages_q())
            .select_related("locale")
        )
        by_language = {found.locale.language_code: found for found in pages}
        found_versions = []
        for code, name in settings.LANGUAGES:
            found = by_language.get(code)
            url = found.get_full_url(request) if found else None
            if url:
                found_versions.append(
                    {
                        "language": code,
                        "name": name,
                        "pk": found.pk,
                        "url": url,
                        "path": found.get_url(request),
                    }
                )
        return found_versions

    return cached(f"versions:{translation_key}", build)


def page_versions(page: Page, request) -> list[dict]:
    """`versions` of `page`, each saying whether it is `page` itself (`current`)."""
    return [
        {**version, "current": version["pk"] == page.pk}
        for version in versions(page.translation_key, request)
    ]


def locale_ids() -> dict[str, int]:
    """The Wagtail locales' ids by language code, from the shared page data."""
    return cached("locale-ids", lambda: dict(Locale.objects.values_list("language_code", "pk")))


def active_locale_id() -> int:
    """The id of the Wagtail locale of the active language (the default language's when it has
    none), from the shared page data: lists of pages show the ones in the visitor's language."""
    ids = locale_ids()
    return ids.get(current_language()) or ids[settings.LANGUAGE_CODE]


def language_of(page) -> str:
    """The language code of a page's locale ("es"), without a query per page."""
    codes = {pk: code for code, pk in locale_ids().items()}
    return codes.get(page.locale_id) or page.locale.language_code


def live_versions(translation_key) -> dict[str, int]:
    """The ids of a page's live versions by language code, from the shared page data."""

    def build():
        versions = Page.objects.filter(translation_key=translation_key).live()
        return dict(versions.values_list("locale__language_code", "pk"))

    return cached(f"live-versions:{translation_key}", build)


def home_page_id(site) -> int:
    """The id of the site's home page in the active language (the default language's when it has
    none live): where Wagtail starts routing an address."""
    return live_versions(site.root_page.translation_key).get(current_language(), site.root_page_id)


def home_pages(site, request) -> dict[str, str]:
    """The address of the site's home page in each language it has one, by language code."""
    return {
        version["language"]: version["path"]
        for version in versions(site.root_page.translation_key, request)
    }


def hreflang_alternates(versions: list[dict]) -> list[dict]:
    """`hreflang` and address for each of a page's versions, plus `x-default` (the default
    language's version), or nothing when the page is in one language only."""
    if len(versions) < 2:
        return []
    alternates = [{"hreflang": version["language"], "url": version["url"]} for version in versions]
    default = next((v for v in versions if v["language"] == settings.LANGUAGE_CODE), None)
    if default:
        alternates.append({"hreflang": "x-default", "url": default["url"]})
    return alternates
