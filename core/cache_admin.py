"""The page cache's admin pages: wagtail-cache's list of cached pages and its "Clear cache",
served at the same addresses ahead of wagtail-cache's own (cms/urls.py) with two rules that
wagtail-cache leaves to its menu item alone: only superusers reach them, and clearing is a POST
(checked for its CSRF token), so a link or an image elsewhere cannot empty the cache."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_POST
from wagtail.admin.auth import require_admin_access
from wagtailcache import views as wagtailcache_views

from core.page_cache import purge_pages


def superusers_only(view):
    """Wagtail's admin guard (sign-in page for a visitor), then superusers only."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return require_admin_access(guarded)


@superusers_only
@require_GET
def cache_index(request):
    """wagtail-cache's page; its template (core/templates/wagtailcache/index.html) clears with a
    form that posts."""
    return wagtailcache_views.index(request)


@superusers_only
@require_POST
def clear_cache(request):
    # The project's purge, not wagtail-cache's: it also tells every web process that its own
    # copies of the shared page data are stale.
    purge_pages("cleared from the admin")
    messages.success(
        request, "The page cache is cleared: every page is built afresh on its next view."
    )
    return redirect("wagtailcache_admin:index")
