"""Site-wide plain responses: robots.txt and the icon addresses browsers ask for by convention.
The 404 and 500 pages are core/templates/404.html and 500.html, served by Django's own handlers."""

from django.http import HttpResponse
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.generic import RedirectView
from wagtail.models import Site

# Paths crawlers have no business in: the admin, search results (endless, thin pages) and the
# contact thank-you page (reached only after sending a request; its noindex belongs to leads).
DISALLOWED_PATHS = ["/admin/", "/search/", "/contact/thank-you/"]


@require_GET
@cache_control(max_age=60 * 60)
def robots_txt(request):
    site = Site.find_for_request(request)
    root_url = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED_PATHS)]
    lines += ["", f"Sitemap: {root_url}/sitemap.xml", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


class StaticFileRedirectView(RedirectView):
    """Redirect to a static file's address, worked out per request: with the manifest storage the
    hashed name exists only after collectstatic, which runs after the URL conf is first loaded
    (`check --deploy`, the first deploy)."""

    permanent = True
    static_path = ""

    def get_redirect_url(self, *args, **kwargs):
        return static(self.static_path)


def icon_redirect(static_path: str):
    """Browsers and crawlers fetch /favicon.ico and /apple-touch-icon.png without reading the head."""
    return StaticFileRedirectView.as_view(static_path=static_path)
