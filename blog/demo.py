"""Demo articles, topics and people, created by `manage.py seed_demo` after the home page."""

import datetime

from django.utils import timezone
from wagtail.models import Site

from blog.demo_articles import ARTICLES, PEOPLE, TOPICS
from blog.models import ArticleIndexPage, ArticlePage, Person, Topic
from blog.review import assign_medical_review
from core.demo_images import get_or_create_demo_image
from core.seeding import refresh_seeded_page

CONTACT_SLUG = "contact"


def contact_call_to_action(site: Site) -> dict:
    """The invitation to contact the clinic that closes every demo article's main text."""
    contact = site.root_page.get_children().live().filter(slug=CONTACT_SLUG).first()
    value = {
        "heading": "Wondering whether ketamine therapy could help you?",
        "text": "Ask for a call back. Our intake team will answer your questions, with no obligation.",
        "button_label": "Request a call",
        "page": contact.pk if contact else None,
        # The contact page may be seeded after the articles; its address is fixed by its slug.
        "url": "" if contact else f"{site.root_url}/{CONTACT_SLUG}/",
    }
    return {"type": "call_to_action", "value": value}


def seed_index(home) -> ArticleIndexPage:
    index = ArticleIndexPage.objects.first()
    if index is None:
        index = home.add_child(
            instance=ArticleIndexPage(
                title="Articles",
                slug="articles",
                show_in_menus=True,
                intro=(
                    "Plain-language guides to treatment-resistant depression and ketamine infusion "
                    "therapy, written by our team and checked by our medical director."
                ),
                search_description=(
                    "Medically reviewed articles on treatment-resistant depression, how ketamine "
                    "works, and what to expect from infusion therapy."
                ),
            )
        )
        index.save_revision().publish()
    assign_medical_review(index)
    return index


def seed_articles(index: ArticleIndexPage, site: Site) -> None:
    topics = {
        topic["slug"]: Topic.objects.get_or_create(slug=topic["slug"], defaults=topic)[0]
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


def seed(home) -> None:
    """Create what is missing under the site's home page (which `seed_demo` passes in)."""
    site = Site.objects.get(root_page=home)
    index = seed_index(home)
    seed_articles(index, site)
