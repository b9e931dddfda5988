"""Compressed responses: brotli for public pages, Django's gzip (with its BREACH mitigation) for
everything that may carry a secret.

BREACH recovers a secret from the compressed size of a response that also reflects input an
attacker chooses. Django's GZipMiddleware (4.2+) pads each gzip stream with a random number of
bytes against it, and django-compression-middleware's gzip path does not. So this middleware is
Django's, with one addition: a response that holds no secret (it sets no cookie, so it rendered no
CSRF token, and the visitor has no session, so nothing personal is on it) goes out as brotli when
the client accepts it. Those are the pages the full-page cache stores, where the smaller size
matters most; they are compressed once, when cached.
"""

import brotli
from django.conf import settings
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.regex_helper import _lazy_re_compile

re_accepts_brotli = _lazy_re_compile(r"\bbr\b")
COMPRESSIBLE_TYPES = (
    "text/",
    "application/json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/javascript",
    "image/svg+xml",
)
# Quality 5 compresses a 40 KB page in about a millisecond, smaller than gzip's best; 11 takes
# tens of milliseconds for a few per cent more.
BROTLI_QUALITY = 5
MIN_LENGTH = 200


def holds_no_secret(request, response) -> bool:
    return not response.cookies and settings.SESSION_COOKIE_NAME not in request.COOKIES


class CompressionMiddleware(GZipMiddleware):
    """gzip or brotli for text responses; images and other binary files pass through."""

    def process_response(self, request, response):
        content_type = response.get("Content-Type", "")
        if not content_type.startswith(COMPRESSIBLE_TYPES):
            return response
        if response.has_header("Content-Encoding") or response.streaming:
            return super().process_response(request, response)
        if len(response.content) < MIN_LENGTH:
            return response
        accepts = request.META.get("HTTP_ACCEPT_ENCODING", "")
        if not (re_accepts_brotli.search(accepts) and holds_no_secret(request, response)):
            return super().process_response(request, response)
        patch_vary_headers(response, ("Accept-Encoding",))
        compressed = brotli.compress(response.content, quality=BROTLI_QUALITY)
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response.headers["Content-Length"] = str(len(compressed))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = "br"
        return response
