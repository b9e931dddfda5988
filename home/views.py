"""security.txt (RFC 9116), from the site's Security contact setting."""

from datetime import UTC

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET
from wagtail.models import Site

from home.models import SecurityTxtSettings


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
