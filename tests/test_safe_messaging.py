"""Safe-messaging practice for suicide, checked on everything the demo site shows: no stigmatising
or sensational wording, no method details, and a way to get help wherever suicide is mentioned."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Page

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]

# Wording that safe-messaging guidance asks writers to avoid.
PHRASES_TO_AVOID = [
    r"committ(ed|s|ing)? suicide",
    r"successful suicide",
    r"(failed|unsuccessful) (suicide )?attempt",
    r"suicide epidemic",
    r"selfish act",
    r"took the coward",
    # Method details.
    r"\bhang(ed|ing)? (himself|herself|themselves|myself)",
    r"\boverdos(e|ed|ing) on\b",
    r"\bjump(ed|ing)? (off|from)\b",
    r"\bslit\b",
    r"lethal dose",
    r"\bfirearm",
    r"\bgun\b",
    r"\bpills? to die\b",
]
AVOID = re.compile("|".join(PHRASES_TO_AVOID), re.IGNORECASE)


@pytest.fixture
def demo_site(client, settings):
    settings.WAGTAILADMIN_BASE_URL = "http://testserver"
    call_command("seed_demo")
    return client


def demo_pages():
    return [page.specific for page in Page.objects.live().public().filter(depth__gt=1)]


def test_demo_pages_avoid_harmful_wording_and_offer_help_where_suicide_is_mentioned(demo_site):
    # One test, so the demo is seeded once: seeding is the slow part.
    pages = demo_pages()
    assert len(pages) >= 8, "the demo has a home page, articles, contact and privacy pages"
    mentions = 0
    for page in pages:
        response = demo_site.get(page.url)
        assert response.status_code == 200, page.url
        soup = BeautifulSoup(response.content, "html.parser")
        found = AVOID.search(soup.get_text(" "))
        assert found is None, f"{page.url}: {found.group(0)!r}"
        main_text = soup.find("main").get_text(" ")
        if re.search(r"suicid", main_text, re.IGNORECASE):
            mentions += 1
            assert "988" in main_text, f"{page.url} mentions suicide without offering help"
    assert mentions >= 1, "the demo articles discuss suicidality, so this check must see them"


def test_templates_and_emails_avoid_the_wording_too():
    for path in [*ROOT.glob("templates/**/*.*"), *ROOT.glob("*/templates/**/*.*")]:
        found = AVOID.search(path.read_text())
        assert found is None, f"{path.relative_to(ROOT)}: {found.group(0)!r}"
