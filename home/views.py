"""Site-wide plain responses: robots.txt, security.txt and the icon addresses browsers ask for by
convention."""

from datetime import UTC

from django.http import Http404, HttpResponse
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.generic import RedirectView
from wagtail.models import Site

from home.models import SecurityTxtSettings

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


@require_GET
def security_txt(request):
    """/.well-known/security.txt (RFC 9116) from the "Security contact" site setting; 404 until a
    contact is set."""
    site = Site.find_for_request(request)
    security = SecurityTxtSettings.for_site(site) if site else None
    if security is None or not security.contact_list or security.expires is None:
        raise Http404("No security contact is configured.")
    root_url = site.root_url
    lines = [f"Contact: {contact}" for contact in security.contact_list]
    expires = security.expires.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    lines.append(f"Expires: {expires}")
    if security.preferred_languages.strip():
        lines.append(f"Preferred-Languages: {security.preferred_languages.strip()}")
    if security.policy:
        lines.append(f"Policy: {security.policy}")
    lines.append(f"Canonical: {root_url}/.well-known/security.txt")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
