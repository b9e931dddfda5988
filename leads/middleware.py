"""Middleware of the leads app: first-touch capture, and the size limit on public form posts."""

from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from core.paths import is_admin_path
from leads.conf import leads_setting
from leads.first_touch import remember_first_touch, should_record, touch_from_request


class FirstTouchMiddleware:
    """Remembers, in a signed cookie, the first HTML page a visitor arrived on with something
    worth remembering: its address, the outside referrer and the UTM values, for the lead they
    may leave later.

    It is the outermost middleware (cms/settings/base.py): it reads the tracking parameters
    before the page cache strips them from the request, it also runs on cache hits, and its
    cookie is added after the page cache stored the response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        touch = touch_from_request(request) if request.method == "GET" else None
        response = self.get_response(request)
        if touch is not None and should_record(request, response):
            remember_first_touch(response, touch)
        return response


class RefuseOversizedPostsMiddleware:
    """Answers a public POST larger than LEADS_MAX_POST_BYTES with a 413 page that says what went
    wrong, before CSRF or the form parse the body. The admin (uploads) is not limited here."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and not is_admin_path(request.path):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > int(leads_setting("LEADS_MAX_POST_BYTES")):
                response = render(request, "leads/request_too_large.html", status=413)
                add_never_cache_headers(response)
                return response
        return self.get_response(request)
