"""Demo articles, topics and people, created by `manage.py seed_demo` after the home page."""

import datetime

from django.utils import timezone
from wagtail.models import Site

from blog.demo_articles import ARTICLES, PEOPLE, TOPICS
from blog.demo_pages import CARE_TEAM_PAGE, COMPARE_PAGE, COST_PAGE, SAMPLE_PRICES
from blog.models import ArticleIndexPage, ArticlePage, Person, Topic
from blog.pages import ContentPage, PriceListSettings, PriceRow
from blog.review import assign_medical_review
from core.demo_images import get_or_create_demo_image
from core.seeding import refresh_seeded_page

CONTACT_SLUG = "contact"
# The self-check (the selfcheck app, seeded before the articles): found by its address, so blog
# links to it without importing that app.
SELF_CHECK_SLUG = "self-check"

INDEX = {
    "intro": (
        "Plain-language guides to treatment-resistant depression and ketamine infusion therapy. "
        "Each article says whether a medical reviewer has checked its current version."
    ),
    "search_description": (
        "Plain-language articles on treatment-resistant depression, how ketamine works, and what "
        "to expect from infusion therapy."
    ),
}


def contact_call_to_action(site: Site) -> dict:
    """The invitation to contact the clinic that closes every demo article's main text."""
    contact = site.root_page.get_children().live().filter(slug=CONTACT_SLUG).first()
    self_check = site.root_page.get_children().live().filter(slug=SELF_CHECK_SLUG).first()
    value = {
        "heading": "Wondering whether ketamine therapy could help you?",
        "text": "Ask for a call back. Our intake team will answer your questions, with no obligation.",
        "button_label": "Request a call",
        "page": contact.pk if contact else None,
        # The contact page may be seeded after the articles; its address is fixed by its slug.
        "url": "" if contact else f"{site.root_url}/{CONTACT_SLUG}/",
        "second_label": "Could this be for me? Take the self-check" if self_check else "",
        "second_page": self_check.pk if self_check else None,
    }
    return {"type": "call_to_action", "value": value}


def seed_index(home) -> ArticleIndexPage:
    index = ArticleIndexPage.objects.first()
    if index is None:
        index = home.add_child(
            instance=ArticleIndexPage(
                title="Articles", slug="articles", show_in_menus=True, **INDEX
            )
        )
        index.save_revision().publish()
    else:
        # The index no longer says every article was checked: each article says whether it was.
        refresh_seeded_page(index, INDEX)
    assign_medical_review(index)
    return index


def seed_articles(index: ArticleIndexPage, site: Site) -> None:
    topics = {
        topic["slug"]: Topic.objects.get_or_create(
            locale=index.locale, slug=topic["slug"], defaults=topic
        )[0]
        for topic in TOPICS
    }
    # The demo people are invented: marked as samples, so the dashboard and the deploy checks
    # warn until real staff replace them. Nobody reviewed the demo articles, so they say
    # "medical review pending" until a medical reviewer approves them in the workflow.
    author = seed_person(PEOPLE["author"])
    seed_person(PEOPLE["reviewer"])
    today = timezone.localdate()
    for spec in ARTICLES:
        fields = article_content(spec, site)
        existing = ArticlePage.objects.filter(slug=spec["slug"]).first()
        if existing is not None:
            # Installs seeded before a correction get it, unless an editor has saved the article.
            refresh_seeded_page(existing, fields)
            continue
        published = today - datetime.timedelta(days=spec["days_ago"])
        article = ArticlePage(
            **fields,
            slug=spec["slug"],
            hero_image=get_or_create_demo_image(spec["title"][:60], spec["palette"]),
            hero_image_alt=spec["image_alt"],
            date_published=published,
            author=author,
        )
        article.topics.set([topics[slug] for slug in spec["topics"]])
        index.add_child(instance=article)
        article.save_revision().publish()


def seed_person(spec: dict) -> Person:
    return Person.objects.get_or_create(name=spec["name"], defaults={**spec, "is_sample": True})[0]


def article_content(spec: dict, site: Site) -> dict:
    """The article's text fields as seed_demo writes them, body with its call to action."""
    body = [*spec["body"]]
    # The call to action goes before the FAQ, after the main text.
    faq_at = next(i for i, block in enumerate(body) if block["type"] == "faq")
    body.insert(faq_at, contact_call_to_action(site))
    return {
        "title": spec["title"],
        "seo_title": spec["seo_title"],
        "search_description": spec["description"],
        "summary": spec["summary"],
        "describes_treatment": spec.get("describes_treatment", False),
        "body": body,
    }


def seed_prices() -> None:
    """The demo's sample prices, once: a price list an editor has filled in is left alone."""
    prices = PriceListSettings.load()
    if prices.rows.exists():
        return
    prices.as_of = SAMPLE_PRICES["as_of"]
    prices.note = SAMPLE_PRICES["note"]
    prices.is_sample = True
    prices.save()
    for order, (item, price, detail) in enumerate(SAMPLE_PRICES["rows"]):
        PriceRow.objects.create(
            price_list=prices, sort_order=order, item=item, price=price, detail=detail
        )


def content_page_fields(spec: dict) -> dict:
    return {
        "title": spec["title"],
        "seo_title": spec["seo_title"],
        "search_description": spec["description"],
        "intro": spec["intro"],
        "body": spec["body"],
    }


def care_team_page() -> dict:
    """The care team page, with the demo people (samples, so the dashboard warns) in it."""
    people = [seed_person(PEOPLE["reviewer"]).pk, seed_person(PEOPLE["author"]).pk]
    block = {"type": "people", "value": {"heading": "Who writes and reviews", "people": people}}
    return {**CARE_TEAM_PAGE, "body": [block, *CARE_TEAM_PAGE["body"]]}


def seed_content_pages(home) -> None:
    """The pages visitors look for: cost and insurance, treatments compared, and the care team
    with the editorial policy. Existing ones get corrections unless an editor saved them."""
    for spec in [COST_PAGE, COMPARE_PAGE, care_team_page()]:
        fields = content_page_fields(spec)
        existing = ContentPage.objects.filter(slug=spec["slug"]).first()
        if existing is not None:
            refresh_seeded_page(existing, fields)
            continue
        page = ContentPage(**fields, slug=spec["slug"], show_in_menus=False)
        home.add_child(instance=page)
        page.save_revision().publish()


def seed(home) -> None:
    """Create what is missing under the site's home page (which `seed_demo` passes in)."""
    site = Site.objects.get(root_page=home)
    index = seed_index(home)
    seed_articles(index, site)
    seed_prices()
    seed_content_pages(home)
