from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from blog import views as blog_views
from blog.feeds import ArticleFeed
from core import views as core_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", blog_views.search, name="search"),
    path("feed/", ArticleFeed(), name="article_feed"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("favicon.ico", core_views.icon_redirect("img/favicon.ico")),
    path("apple-touch-icon.png", core_views.icon_redirect("img/apple-touch-icon.png")),
]


def serve_media(request, path):
    # MEDIA_ROOT is read per request, not when this module loads, so a changed setting (each
    # test's own media directory) is the one served.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


if settings.SERVE_MEDIA:
    # Uploaded images are served by the app unless a proxy or object store does it (SERVE_MEDIA=false).
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [re_path(rf"^{media_prefix}(?P<path>.*)$", serve_media)]

# Wagtail's page serving comes last: it answers every path the patterns above do not.
urlpatterns += [path("", include(wagtail_urls))]
