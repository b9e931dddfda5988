"""Error reports (the emails Django sends ADMINS on a server error) without what could identify a
visitor or a patient: session and CSRF cookies, the client's address (REMOTE_ADDR and the proxy
headers) and search terms typed in the admin, which are often a person's name or phone number.

The filter hides them where Django lists the request (cookies, META, GET); the reporter then masks
them wherever else they turn up: the request URL, the exception's message and the local variables
of every frame (a view's `query`, the request's repr with its query string)."""

from urllib.parse import quote, quote_plus

from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

HIDDEN = "********************"
# META keys that carry a client's address or a cookie's value.
ADDRESS_AND_COOKIE_META = {
    "REMOTE_ADDR",
    "REMOTE_HOST",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
    "HTTP_CLIENT_IP",
    "HTTP_COOKIE",
    "CSRF_COOKIE",
    "HTTP_X_CSRFTOKEN",
}
# Query parameters that hold what someone searched for.
SEARCH_PARAMETERS = ("q", "search", "query")


def private_values(request) -> set[str]:
    """The request's values an error report must not show, in every spelling a report can print
    them in (as typed, and URL-encoded)."""
    if request is None:
        return set()
    values = {str(request.META.get(key, "")) for key in ADDRESS_AND_COOKIE_META}
    values |= {str(value) for value in getattr(request, "COOKIES", {}).values()}
    for name in SEARCH_PARAMETERS:
        values |= set(request.GET.getlist(name))
    values |= {quote(value) for value in list(values)} | {
        quote_plus(value) for value in list(values)
    }
    # Longest first, so a value is masked whole before any shorter value inside it.
    return {value for value in values if len(value.strip()) >= 2}


def mask(text: str, values: set[str]) -> str:
    for value in sorted(values, key=len, reverse=True):
        text = text.replace(value, HIDDEN)
    return text


class PrivacyExceptionReporterFilter(SafeExceptionReporterFilter):
    """Django's filter (settings, sensitive POST fields), plus every cookie, the client's address
    and the search terms of the query string."""

    def get_safe_request_meta(self, request):
        meta = super().get_safe_request_meta(request)
        return {
            key: HIDDEN if key in ADDRESS_AND_COOKIE_META else value for key, value in meta.items()
        }

    def get_safe_cookies(self, request):
        return dict.fromkeys(getattr(request, "COOKIES", {}), HIDDEN)


class PrivacyExceptionReporter(ExceptionReporter):
    """Masks the request's private values everywhere in the report, text and HTML alike."""

    def get_traceback_data(self):
        data = super().get_traceback_data()
        values = private_values(self.request)
        if not values:
            return data
        if self.request is not None:
            data["request_GET_items"] = [
                (key, HIDDEN if key in SEARCH_PARAMETERS else mask(str(value), values))
                for key, value in self.request.GET.items()
            ]
            data["request_insecure_uri"] = mask(data.get("request_insecure_uri", ""), values)
            # QUERY_STRING, RAW_URI and REQUEST_URI repeat the search terms.
            data["request_meta"] = {
                key: mask(value, values) if isinstance(value, str) else value
                for key, value in data.get("request_meta", {}).items()
            }
        if "exception_value" in data:
            data["exception_value"] = mask(data["exception_value"], values)
        for frame in data.get("frames", []):
            if "vars" in frame:
                frame["vars"] = [(name, mask(str(value), values)) for name, value in frame["vars"]]
            if frame.get("exc_cause") is not None:
                frame["exc_cause"] = mask(str(frame["exc_cause"]), values)
        return data
