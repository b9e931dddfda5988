"""What the full-page cache (wagtail-cache) must never store or serve, beyond its own rules
(only GET and HEAD, never a signed-in user, never a preview, never a private or no-cache
response)."""

from django.conf import settings
from wagtail import hooks

from core.cache_keys import keep_only_what_the_page_reads
from core.paths import path_of

# Paths that are never cached: the admin, documents (which may be private), uploaded media
# (served as files, with their own lifetime), and search results (endless query strings).
UNCACHED_PATH_NAMES = ("wagtailadmin_home", "search")


def uncached_prefixes() -> tuple[str, ...]:
    return (
        *(path_of(name) for name in UNCACHED_PATH_NAMES),
        "/documents/",
        settings.MEDIA_URL,
    )


@hooks.register("is_request_cacheable")
def never_cache_private_requests(request, is_cacheable):
    if not is_cacheable:
        return False
    if request.path.startswith(uncached_prefixes()):
        return False
    # A visitor with a session may have passed a page's password or sent the contact form; what
    # they are shown may be theirs alone (everyone else has no session: first-touch attribution
    # is a cookie of its own).
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    return None


# After the hook above (order), so only requests the cache will serve or store are cut.
@hooks.register("is_request_cacheable", order=100)
def key_pages_by_the_query_parameters_they_read(request, is_cacheable):
    if not is_cacheable:
        return None
    return keep_only_what_the_page_reads(request)


@hooks.register("is_response_cacheable")
def cache_only_plain_successful_pages(response, is_cacheable):
    # Not redirects, not error pages (a 404 must not stay one after the page is published), and
    # nothing that sets a cookie.
    if is_cacheable and (response.status_code != 200 or response.cookies):
        return False
    return None
