"""The self-check's two POST-only views: the result of the answers, and the request a visitor
sends from it. Neither stores, logs or caches the answers:

- the result is computed from the POST, shown with `Cache-Control: no-store, private` and
  `noindex`, and only a day's counter goes up (selfcheck.counts);
- the request carries the answers back in a signed hidden field; they decide urgency, and are
  attached to the lead only when the visitor ticked "send my answers with my request".

The result view is exempt from CSRF on purpose: the self-check page may come from the page cache,
which must not hold a token, and the answers' POST changes nothing but an anonymous count (a
forged post can do no more than a visitor's own). The request view, which saves a lead, keeps
Django's CSRF check: the result page is never cached, so its form carries the visitor's own
token. Both are plain URLs (cms/urls.py) rather than page routes, because a page route is served
by Wagtail's view, which CSRF exemption cannot reach."""

from django.core import signing
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from wagtail.models import Site

from leads.contact_form import FORM_EXPIRED, make_shown_at_token, spam_trap_reason
from leads.intake import record_trapped_submission
from leads.pages import ContactPage
from leads.public_views import EXPIRED_FORM_NOTE, HttpResponseSeeOther, send_request
from selfcheck.counts import count_finished, count_request
from selfcheck.forms import SelfCheckForm, SelfCheckRequestForm, read_answers, sign_answers
from selfcheck.pages import SelfCheckPage
from selfcheck.questions import URGENT_REASON, score, staff_summary

RESULT_TEMPLATE = "selfcheck/self_check_result.html"


def private_response(response):
    """Never stored by a browser, a proxy or the page cache, and never indexed."""
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def render_page(request, page, template=None, **context_overrides):
    """The page rendered as Wagtail serves it (its context, its template unless another is
    named), with the view's own context on top."""
    context = page.get_context(request)
    context.update(context_overrides)
    return TemplateResponse(request, template or page.get_template(request), context)


def self_check_page_for(request) -> SelfCheckPage:
    page = SelfCheckPage.for_site(Site.find_for_request(request))
    if page is None:
        raise Http404("No self-check on this site")
    return page


def back_to_the_questions(request):
    """A GET of a POST-only address (a bookmark, a reload after a while): the questions again,
    since answers never travel in a URL."""
    return private_response(HttpResponseRedirect(self_check_page_for(request).url))


def readable_answers(token: str) -> dict | None:
    try:
        return read_answers(token) if token else None
    except signing.BadSignature:
        return None


def render_result(request, page, answers, request_form, form_note=""):
    """The result page: crisis help first when the safety answer is not "no", then the result
    Marketing wrote, the "not a diagnosis" note, and the request form."""
    site = Site.find_for_request(request)
    contact_page = ContactPage.for_site(site)
    outcome = score(answers) if answers else None
    heading, text = page.result_texts(outcome.result) if outcome else ("", "")
    response = render_page(
        request,
        page,
        RESULT_TEMPLATE,
        document_title=_("Your self-check result"),
        outcome=outcome,
        result_heading=heading,
        result_text=text,
        request_form=request_form,
        contact_page=contact_page,
        privacy_notice=contact_page.privacy_notice_for(site) if contact_page else None,
        form_note=form_note,
    )
    return private_response(response)


@csrf_exempt
@sensitive_post_parameters()
def result_view(request):
    if request.method != "POST":
        return back_to_the_questions(request)
    page = self_check_page_for(request)
    form = SelfCheckForm(request.POST)
    if not form.is_valid():
        # The questions again, every answer kept, each error beside its question and in the
        # summary at the top.
        return private_response(render_page(request, page, form=form))
    answers = form.cleaned_data
    count_finished()
    request_form = SelfCheckRequestForm(
        initial={
            "answers": sign_answers(answers),
            "shown_at": make_shown_at_token(),
            "source_page": page.pk,
        }
    )
    return render_result(request, page, answers, request_form)


@sensitive_post_parameters()
def request_view(request):
    if request.method != "POST":
        return back_to_the_questions(request)
    page = self_check_page_for(request)
    contact_page = ContactPage.for_site(Site.find_for_request(request))
    if contact_page is None:
        raise Http404("No contact page on this site")
    trap = spam_trap_reason(request.POST)
    form_note = ""
    if trap == FORM_EXPIRED:
        form = SelfCheckRequestForm.shown_again(request.POST)
        form_note = EXPIRED_FORM_NOTE
    elif trap is not None:
        record_trapped_submission(trap)
        return private_response(HttpResponseSeeOther(contact_page.thank_you_url))
    else:
        form = SelfCheckRequestForm(request.POST)
    if not form_note and form.is_valid():
        answers = form.cleaned_data["answers"]
        outcome = score(answers) if answers else None
        self_check = None
        if outcome is not None and form.cleaned_data["attach_answers"]:
            heading, _text = page.result_texts(outcome.result)
            self_check = {
                "summary": staff_summary(answers, outcome, heading),
                "meets_threshold": outcome.meets_threshold,
                "safety_flag": outcome.safety_flag,
            }
        response = send_request(
            request,
            details=form.cleaned_data,
            contact_page=contact_page,
            source_page=page,
            privacy_notice=contact_page.privacy_notice_for(Site.find_for_request(request)),
            self_check=self_check,
            # Urgent whatever the tick says: the form tells the visitor so.
            urgent_reasons=(URGENT_REASON,) if outcome and outcome.needs_crisis_help else (),
        )
        if response.status_code == HttpResponseSeeOther.status_code:
            count_request()
        return response
    answers = readable_answers(form.data.get("answers", ""))
    return render_result(request, page, answers, form, form_note)
