"""Site search over the live pages in the visitor's language, with the article body text indexed."""

import unicodedata

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from wagtail.models import Page

from core.locale import active_locale_id

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def clean_query(raw: str) -> str:
    """The query with control characters (PostgreSQL rejects NUL) and extra spaces removed."""
    printable = "".join(
        " " if unicodedata.category(ch).startswith("C") else ch for ch in raw[:MAX_QUERY_LENGTH]
    )
    return " ".join(printable.split())


def has_searchable_word(query: str) -> bool:
    return any(ch.isalnum() for ch in query)


def search(request):
    query = clean_query(request.GET.get("q", ""))
    results = None
    if has_searchable_word(query):
        pages = Page.objects.live().public().filter(locale_id=active_locale_id())
        matches = pages.specific().search(query)
        paginator = Paginator(matches, RESULTS_PER_PAGE)
        try:
            results = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            results = paginator.page(1)
        except EmptyPage:
            results = paginator.page(paginator.num_pages)
    return render(
        request,
        "blog/search.html",
        {"search_query": query, "results": results, "asked": "q" in request.GET},
    )
