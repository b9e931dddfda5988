"""The sitemap: every live, public page of the site in every language, each with its versions in
the others as `hreflang` alternates (Google's "xhtml:link" form, which Django's sitemap template
writes from `alternates`).

Wagtail's own sitemap lists the descendants of the site's home page, and a site's pages in another
language hang under that home page's translation, beside it: without this they would be missing.
"""

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page

from core.locale import hreflang_alternates
from core.page_cache import public_pages_q


class MultilingualSitemap(Sitemap):
    def home_pages(self):
        root = self.get_wagtail_site().root_page
        return Page.objects.filter(translation_key=root.translation_key).live()

    def items(self):
        in_a_tree = Q()
        for home in self.home_pages():
            in_a_tree |= Q(path__startswith=home.path)
        return (
            Page.objects.filter(in_a_tree)
            .live()
            .filter(public_pages_q())
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        order = [code for code, _ in settings.LANGUAGES]
        versions_by_key = {}
        for item in pages:
            versions_by_key.setdefault(item.translation_key, []).append(
                {"language": languages[item.locale_id], "url": item.get_full_url(self.request)}
            )
        urls = []
        for item in pages:
            versions = sorted(
                versions_by_key[item.translation_key],
                key=lambda version: (
                    order.index(version["language"]) if version["language"] in order else len(order)
                ),
            )
            for url_info in item.get_sitemap_urls(self.request):
                url_info["alternates"] = [
                    {"lang_code": alternate["hreflang"], "location": alternate["url"]}
                    for alternate in hreflang_alternates(versions)
                ]
                urls.append(url_info)
        lastmods = {url_info.get("lastmod") for url_info in urls}
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls
