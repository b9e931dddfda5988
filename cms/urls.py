from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from accounts.two_factor import two_factor_sign_in
from accounts.views import ThrottledPasswordResetView
from blog import views as blog_views
from blog.feeds import ArticleFeed
from calls import feeds as call_feeds
from core import cache_admin
from core import views as core_views
from core.sitemap import MultilingualSitemap
from home import views as home_views
from leads import cached_form
from selfcheck import views as selfcheck_views

urlpatterns = [
    # Health and metrics first: cheap, never cached, and never shadowed by a page slug.
    path("", include("ops.urls")),
    # Ahead of Wagtail's own, which it replaces: the same form, with a limit on requests.
    path("admin/password_reset/", ThrottledPasswordResetView.as_view()),
    # Same path and name as wagtail-2fa's (its middleware lets this URL name through unverified).
    path("admin/2fa/auth", two_factor_sign_in, name="wagtail_2fa_auth"),
    # Ahead of wagtail-cache's own (registered in the admin): superusers only, clearing on POST.
    path("admin/cache/", cache_admin.cache_index),
    path("admin/cache/clearcache", cache_admin.clear_cache),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("feed/", ArticleFeed(), name="article_feed"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap}}, name="sitemap"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path(".well-known/security.txt", home_views.security_txt, name="security_txt"),
    path("contact-form/tokens/", cached_form.form_tokens, name="contact_form_tokens"),
    # A staff member's calendar of calls, behind its secret token (calls/feeds.py); no sign-in.
    path("calls/feed/<slug:token>.ics", call_feeds.feed_view, name="calls_feed"),
    path("favicon.ico", core_views.icon_redirect("img/favicon.ico")),
    path("apple-touch-icon.png", core_views.icon_redirect("img/apple-touch-icon.png")),
]


# Wagtail names each image rendition after its source file, filter and focal point and never
# rewrites a rendition file in place, so browsers may keep renditions for a year. Originals and
# documents get a day.
RENDITION_PREFIX = "images/"
RENDITION_CACHE_CONTROL = "public, max-age=31536000, immutable"
OTHER_MEDIA_CACHE_CONTROL = "public, max-age=86400"


def serve_media(request, path):
    # MEDIA_ROOT is read per request, not when this module loads, so a changed setting (each
    # test's own media directory) is the one served.
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    if response.status_code == 200:
        response["Cache-Control"] = (
            RENDITION_CACHE_CONTROL
            if path.startswith(RENDITION_PREFIX)
            else OTHER_MEDIA_CACHE_CONTROL
        )
    return response


if settings.SERVE_MEDIA:
    # Uploaded images are served by the app unless a proxy or object store does it (SERVE_MEDIA=false).
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [re_path(rf"^{media_prefix}(?P<path>.*)$", serve_media)]

# What a visitor reads is in their language: English without a prefix, any other under its code
# (/es/...). Wagtail's page serving comes last: it answers every path the patterns above do not.
urlpatterns += i18n_patterns(
    path("search/", blog_views.search, name="search"),
    # The self-check's answers and the request sent from its result: POST only, never cached
    # (selfcheck/views.py says why they are not page routes).
    path("self-check/result/", selfcheck_views.result_view, name="selfcheck_result"),
    path("self-check/request/", selfcheck_views.request_view, name="selfcheck_request"),
    # The visitor's private booking link (calls/public_views.py): never cached, never indexed.
    path("call/", include("calls.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
