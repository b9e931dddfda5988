"""What lets the contact form work on pages served from the page cache: fresh tokens for each
visitor, and a way through without JavaScript (Django's CSRF_FAILURE_VIEW). They find the
site's contact page themselves, so they sit above leads.pages."""

from django.http import JsonResponse
from django.middleware.csrf import REASON_CSRF_TOKEN_MISSING, REASON_NO_CSRF_COOKIE, get_token
from django.views.csrf import csrf_failure as django_csrf_failure
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET
from wagtail.models import Site

from leads.contact_form import ContactForm, make_shown_at_token
from leads.pages import ContactPage
from leads.public_views import never_cached


@require_GET
def form_tokens(request):
    """This visitor's CSRF token and a freshly signed "form shown at" time, for a contact form on
    a page that came from the page cache (static/js/contact-form.js fills them in). Never cached:
    each call sets the visitor's CSRF cookie and starts the spam-timing clock."""
    return never_cached(
        JsonResponse({"csrfmiddlewaretoken": get_token(request), "shown_at": make_shown_at_token()})
    )


def is_contact_form_post(request) -> ContactPage | None:
    """The site's contact page, when `request` is a post of its form; else None."""
    if request.method != "POST":
        return None
    contact_page = ContactPage.for_site(Site.find_for_request(request))
    if contact_page is None or request.path != contact_page.get_url(request):
        return None
    return contact_page


@sensitive_post_parameters()
def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a contact form sent without any CSRF token (JavaScript off, or the token
    request failed, on a page from the page cache) is shown again with what the visitor typed and
    fresh tokens, so one more press of the button sends it. Nothing is saved without a valid
    token; any other CSRF failure gets Django's 403."""
    contact_page = is_contact_form_post(request)
    if contact_page is None or reason not in (REASON_NO_CSRF_COOKIE, REASON_CSRF_TOKEN_MISSING):
        return django_csrf_failure(request, reason=reason)
    data = request.POST.copy()
    data["shown_at"] = make_shown_at_token()
    form = ContactForm(data)
    response = contact_page.render(
        request,
        context_overrides={
            "form": form,
            "privacy_notice": contact_page.privacy_notice_for(Site.find_for_request(request)),
            "confirm_to_send": not form.errors,
        },
    )
    return never_cached(response)
