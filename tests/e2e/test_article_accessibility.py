"""axe finds no WCAG 2.2 AA violations on the article list, an article, a topic filter, search and
the three pages visitors look for (cost, the treatment comparison, the care team and editorial
policy), and an article and the comparison table have no sideways scrolling at 320 px; nor on the
Spanish home page, a Spanish article and the Spanish contact page, 390 and 1280 px wide."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from blog.models import ArticleIndexPage, ArticlePage

# See test_article_publishing.py: live-server tests commit, and the rollback restores migrations' rows.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]
CONTENT_PAGES = ["/cost-and-insurance/", "/compare-treatments/", "/care-team-and-editorial-policy/"]


def test_article_pages_have_no_accessibility_violations(require_chromium, chromium, live_server):
    call_command("seed_demo")
    index = ArticleIndexPage.objects.get(locale__language_code="en")
    article = ArticlePage.objects.live().filter(locale__language_code="en").first()
    paths = [
        index.url,
        f"{index.url}?topic=ketamine-therapy",
        article.url,
        "/search/?q=ketamine",
        *CONTENT_PAGES,
    ]

    context = chromium.new_context()
    page = context.new_page()
    reports = {}
    for path in paths:
        page.goto(f"{live_server.url}{path}")
        results = Axe().run(page, options={"runOnly": WCAG_AA})
        if results.violations_count:
            reports[path] = results.generate_report()
    page.set_viewport_size({"width": 320, "height": 700})
    narrow_widths = {}
    for path in (article.url, "/compare-treatments/"):
        page.goto(f"{live_server.url}{path}")
        narrow_widths[path] = page.evaluate("document.documentElement.scrollWidth")
    context.close()

    assert reports == {}
    assert all(width <= 320 for width in narrow_widths.values()), narrow_widths


def test_spanish_pages_have_no_accessibility_violations_on_a_phone_and_a_desktop(
    require_chromium, chromium, live_server, live_demo_site
):
    article = ArticlePage.objects.live().filter(locale__language_code="es").first()
    paths = ["/es/", article.url, "/es/contacto/"]

    reports = {}
    for width in (390, 1280):
        context = chromium.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        for path in paths:
            page.goto(f"{live_server.url}{path}")
            assert page.locator("html").get_attribute("lang") == "es", path
            results = Axe().run(page, options={"runOnly": WCAG_AA})
            if results.violations_count:
                reports[f"{width}px {path}"] = results.generate_report()
        context.close()

    assert reports == {}
