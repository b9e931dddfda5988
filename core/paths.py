"""Addresses of named views, reversed once per URL configuration instead of on every request.

Several middlewares ask, on every request, whether the path is the admin's; Django's reverse()
walks the URL resolver each time (about a tenth of a cached page's time). The answer depends only
on the URL configuration and the script prefix, so it is kept per pair of them."""

import functools

from django.urls import get_script_prefix, get_urlconf, reverse


@functools.lru_cache(maxsize=64)
def _reversed(name: str, urlconf, prefix: str) -> str:
    return reverse(name, urlconf=urlconf)


def path_of(name: str) -> str:
    """reverse(name) for a view without arguments."""
    return _reversed(name, get_urlconf(), get_script_prefix())


def is_admin_path(path: str) -> bool:
    """Whether a request path belongs to the Wagtail admin."""
    return path.startswith(path_of("wagtailadmin_home"))
