"""Against the live server: every canonical URL and sharing image the demo pages announce answers
200, every hreflang alternate is a known language with a full address whose page names the same
alternates (English and Spanish demo pages alike), and Chromium loads every demo page without a failed request or console error (icons included)."""

import urllib.error
import urllib.request

import pytest
from django.conf import settings

from tests.seo_helpers import parse_page

# See test_article_publishing.py: live-server tests commit, and the rollback restores migrations' rows.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        error.close()
        return error.code, b""


def test_canonical_urls_alternates_and_sharing_images_answer_200(live_server, live_demo_site):
    assert len(live_demo_site) >= 7
    alternates = {}
    for url in live_demo_site:
        status, content = fetch(url)
        assert status == 200, url
        head = parse_page(content, url)
        alternates[url] = head["alternates"]
        assert head["canonical"] == url
        assert head["canonical"].startswith(live_server.url)
        for absolute in (head["og"]["og:image"], head["og"]["og:url"]):
            assert absolute.startswith(live_server.url), absolute
            assert fetch(absolute)[0] == 200, absolute

    # Lighthouse's hreflang audit asks for a known language code (or x-default) and a full
    # address; each alternate is also a live demo page (fetched above) naming the same alternates.
    languages = {*dict(settings.LANGUAGES), "x-default"}
    for url, versions in alternates.items():
        for language, address in versions.items():
            assert language in languages, (url, language)
            assert address.startswith(live_server.url), (url, address)
            assert alternates[address] == versions, (url, address)
    spanish = [url for url, versions in alternates.items() if versions.get("es") == url]
    assert len(spanish) == 9, spanish
    assert all(alternates[url]["x-default"] == alternates[url]["en"] for url in spanish)


def test_every_demo_page_loads_in_chromium_without_failed_requests(
    require_chromium, chromium, live_server, live_demo_site
):
    problems = []
    context = chromium.new_context()
    page = context.new_page()
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on(
        "response",
        lambda response: (
            response.status >= 400 and problems.append(f"{response.status} {response.url}")
        ),
    )
    for url in [*live_demo_site, f"{live_server.url}/search/?q=ketamine"]:
        page.goto(url, wait_until="networkidle")
    context.close()
    assert problems == []
