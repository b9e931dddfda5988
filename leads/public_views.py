"""The contact page's form and thank-you views, the refusal pages (too many, too large), and what
lets the form work on cached pages: fresh tokens per visitor, and a way through without
JavaScript."""

from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters
from wagtail.models import Page, Site

from leads.client_address import client_address_hash, email_hash, over_rate_limit
from leads.conf import leads_setting
from leads.contact_form import (
    CONSENT_TEXT_VERSION,
    FORM_EXPIRED,
    ContactForm,
    spam_trap_reason,
)
from leads.crisis import find_crisis_phrases
from leads.first_touch import first_touch_for
from leads.greeting import greeting_name
from leads.intake import record_trapped_submission, submit_lead
from leads.models import normalise_email
from leads.recipients import crisis_phrase_list, site_of_page
from leads.visitor_additions import SentRequest, thank_you_sections

THANK_YOU_NAME_SESSION_KEY = "leads_thank_you_name"
# Set when the request's message matched a crisis phrase: the thank-you page then opens with help.
THANK_YOU_URGENT_SESSION_KEY = "leads_thank_you_urgent"
# The request just sent (leads.visitor_additions.SentRequest), for what other apps add below the
# thanks (the call booking's time picker); shown once, like the name.
THANK_YOU_SENT_SESSION_KEY = "leads_thank_you_sent"
EXPIRED_FORM_NOTE = _(
    "This form was open for more than a day, so it was not sent. Everything you typed is still "
    "here: please check it and send it again."
)


class HttpResponseSeeOther(HttpResponseRedirect):
    """A 303 redirect: the browser follows it with GET, so a reload never posts the form again."""

    status_code = 303


def never_cached(response):
    add_never_cache_headers(response)
    return response


def consent_version_for(privacy_notice) -> str:
    """The consent wording's version plus the privacy notice revision shown beside it, so staff can
    see exactly what a visitor agreed to."""
    if privacy_notice is None or privacy_notice.live_revision_id is None:
        return CONSENT_TEXT_VERSION
    return f"{CONSENT_TEXT_VERSION}; privacy notice revision {privacy_notice.live_revision_id}"


def resolve_source_page(page_id, contact_page) -> Page:
    """The live page the form was posted from, or the contact page itself."""
    if page_id:
        source = Page.objects.live().filter(pk=page_id).first()
        if source is not None:
            return source.specific_deferred
    return contact_page


def is_over_rate_limit(request, email: str) -> bool:
    """Count this request against the per-address and per-email limits; True when one is exceeded."""
    address_key = client_address_hash(request)
    if over_rate_limit(
        request, "leads.contact.client", address_key, leads_setting("LEADS_RATE_PER_CLIENT")
    ):
        return True
    # The same mailbox key as the confirmation cap and repeat matching: no +tag, quoting or
    # capitals makes one inbox count as several.
    email_key = email_hash(normalise_email(email))
    return over_rate_limit(
        request, "leads.contact.email", email_key, leads_setting("LEADS_RATE_PER_EMAIL")
    )


def rate_limited_response(request):
    return never_cached(render(request, "leads/rate_limited.html", status=429))


@sensitive_post_parameters()
def contact_form_view(request, contact_page):
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    privacy_notice = contact_page.privacy_notice_for(Site.find_for_request(request))
    form_note = ""
    if request.method == "POST":
        trap = spam_trap_reason(request.POST)
        if trap == FORM_EXPIRED:
            form = ContactForm.shown_again(request.POST)
            form_note = EXPIRED_FORM_NOTE
        elif trap is not None:
            record_trapped_submission(trap)
            request.session.pop(THANK_YOU_NAME_SESSION_KEY, None)
            request.session.pop(THANK_YOU_URGENT_SESSION_KEY, None)
            request.session.pop(THANK_YOU_SENT_SESSION_KEY, None)
            return never_cached(HttpResponseSeeOther(contact_page.thank_you_url))
        else:
            form = ContactForm(request.POST)
        if not form_note and form.is_valid():
            return send_request(
                request,
                details=form.cleaned_data,
                contact_page=contact_page,
                source_page=resolve_source_page(form.cleaned_data.get("source_page"), contact_page),
                privacy_notice=privacy_notice,
            )
    else:
        # The page as everyone sees it, without tokens: it may be served from the page cache, and
        # the form's script asks form_tokens for this visitor's own.
        form = ContactForm.for_display(source_page_id=contact_page.pk)
        return contact_page.render(
            request, context_overrides={"form": form, "privacy_notice": privacy_notice}
        )
    response = contact_page.render(
        request,
        context_overrides={"form": form, "privacy_notice": privacy_notice, "form_note": form_note},
    )
    return never_cached(response)


def send_request(
    request,
    *,
    details: dict,
    contact_page,
    source_page,
    privacy_notice,
    self_check: dict | None = None,
    urgent_reasons: tuple[str, ...] = (),
):
    """Save a valid contact request and send the visitor to the thank-you page (303), or refuse it
    past the rate limits. The contact form and the forms of other apps that end in a request (the
    self-check's result) share it, so every request gets the same limits, intake and thank-you
    page. `self_check` and `urgent_reasons` are passed on to submit_lead."""
    if is_over_rate_limit(request, details["email"]):
        return rate_limited_response(request)
    lead = submit_lead(
        details=details,
        consent_version=consent_version_for(privacy_notice),
        source_page=source_page,
        source_url=source_page.get_url(request) or "",
        first_touch=first_touch_for(request),
        client_address_hash=client_address_hash(request),
        self_check=self_check,
        urgent_reasons=urgent_reasons,
        # The language the visitor reads the site in (the /es/ prefix or their browser's choice,
        # through LocaleMiddleware): the lead's language.
        language=get_language(),
    )
    # What the thank-you page shows comes from this submission only, never from the lead it may
    # have been attached to: that lead could be a stranger's, whose name must not reach whoever
    # typed their phone number.
    request.session[THANK_YOU_NAME_SESSION_KEY] = greeting_name(details["full_name"])
    urgent = bool(urgent_reasons) or bool(
        find_crisis_phrases(
            details.get("message", ""), crisis_phrase_list(site_of_page(source_page))
        )
    )
    request.session[THANK_YOU_URGENT_SESSION_KEY] = urgent
    request.session[THANK_YOU_SENT_SESSION_KEY] = SentRequest(
        lead_id=lead.pk,
        inquiry_id=lead.sent_inquiry.pk,
        # A lead already urgent from an earlier message is called as soon as possible too.
        urgent=urgent or lead.is_urgent,
        possibly_different_person=lead.sent_inquiry.possibly_different_person,
    ).as_session()
    return never_cached(HttpResponseSeeOther(contact_page.thank_you_url))


def thank_you_view(request, contact_page):
    """Shows the name and the urgent help once: they leave the session as they are shown, so a
    second visit to the address on a shared computer shows nothing personal. Other apps' sections
    (leads.visitor_additions) follow the thanks."""
    sent = SentRequest.from_session(request.session.pop(THANK_YOU_SENT_SESSION_KEY, None))
    sections = [section(request, sent) for section in thank_you_sections] if sent else []
    response = contact_page.render(
        request,
        template="leads/contact_page_thank_you.html",
        context_overrides={
            "document_title": gettext("Thank you"),
            "first_name": request.session.pop(THANK_YOU_NAME_SESSION_KEY, ""),
            "urgent": request.session.pop(THANK_YOU_URGENT_SESSION_KEY, False),
            "sections": [section for section in sections if section],
        },
    )
    return never_cached(response)
