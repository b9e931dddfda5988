"""The home page's editable sections (how treatment works, who it is for, the latest articles, a
call to action), filled by seed_demo; and the title every page carries."""

import datetime
import re

import pytest
from django.core.management import call_command
from wagtail.blocks import StructBlockValidationError

from home.blocks import TreatmentStepsBlock
from home.models import HomePage
from tests.factories import ArticlePageFactory
from tests.html_reading import parse, text_of

pytestmark = pytest.mark.django_db


def test_seed_demo_fills_the_home_page_sections_from_the_articles_facts(client):
    call_command("seed_demo", "--no-translations")
    home = HomePage.objects.get(locale__language_code="en")
    kinds = [block.block_type for block in home.body]
    assert kinds[-4:] == ["treatment_steps", "audience", "latest_articles", "call_to_action"]
    page = parse(client.get("/"))
    steps_section = page.find("section", class_="block-steps")
    steps = text_of(steps_section)
    assert re.search(r"approved anesthetic medicine.*off-label use", steps)
    for fact in [
        "about 45 minutes",
        "heart rate, blood pressure and oxygen",
        "about 30",
        "four to six infusions over about two weeks",
        "maintenance",
    ]:
        assert fact in steps, fact
    assert len(steps_section.select(".block-steps__step")) == 4
    assert "at least two antidepressants" in text_of(page)
    assert len(page.select("article.article-card")) == 3
    assert "Ready to talk it through?" in text_of(page)


def test_the_latest_articles_section_shows_the_three_newest_live_articles(
    client, home_page, article_index
):
    today = datetime.date(2026, 11, 30)
    for days, title in enumerate(["Newest", "Second", "Third", "Fourth"]):
        ArticlePageFactory(
            parent=article_index, title=title, date_published=today - datetime.timedelta(days=days)
        )
    draft = ArticlePageFactory(
        parent=article_index, title="Draft", date_published=today + datetime.timedelta(days=1)
    )
    draft.unpublish()
    home_page.body = [
        (
            "latest_articles",
            {"heading": "Latest articles", "intro": "", "link_label": "All articles"},
        )
    ]
    home_page.save_revision().publish()
    html = client.get("/").content.decode()
    titles = re.findall(r'article-card__title"><a href="[^"]+">([^<]+)</a>', html)
    assert titles == ["Newest", "Second", "Third"]
    assert f'<a href="{article_index.url}">All articles</a>' in html


def test_the_treatment_steps_cannot_be_saved_without_the_regulatory_note():
    block = TreatmentStepsBlock()
    value = block.to_python(
        {
            "heading": "How treatment works",
            "regulatory_note": "",
            "steps": [{"title": "One", "text": "First."}, {"title": "Two", "text": "Second."}],
        }
    )
    with pytest.raises(StructBlockValidationError):
        block.clean(value)


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/", "Home"),
        ("/search/", "Search"),
        ("/no-such-page/", "Page not found"),
    ],
)
def test_every_page_title_reads_page_then_clinic_name(client, clinic_settings, path, title):
    html = client.get(path).content.decode()
    assert f"<title>{title} — Evergreen Ketamine Clinic</title>" in html


def test_the_thank_you_page_is_titled_as_such(client, contact_page):
    thank_you = parse(client.get(contact_page.thank_you_url))
    assert text_of(thank_you.title) == "Thank you — Evergreen Ketamine Clinic"
    contact = parse(client.get(contact_page.url))
    assert text_of(contact.title) == f"{contact_page.title} — Evergreen Ketamine Clinic"


def test_the_footer_links_to_the_privacy_notice(client, contact_page, privacy_notice):
    footer = parse(client.get("/")).find("footer", class_="site-footer")
    assert text_of(footer.find("a", href=privacy_notice.url)) == "Privacy notice"
