"""The medical structured data of an article: a MedicalWebPage saying who reviewed it and when
(from the Medical review workflow's approvals), and an FAQPage built from its FAQ blocks."""

from django.utils.html import strip_tags
from wagtail.rich_text import expand_db_html

from core.structured_data import SCHEMA_CONTEXT, TREATMENT_RESISTANT_DEPRESSION, in_language


def person(person) -> dict:
    """A schema.org Person from a blog Person or a reviewer's approval (both have a name,
    credentials and bio)."""
    data = {"@type": "Person", "name": person.name}
    if person.credentials:
        data["honorificSuffix"] = person.credentials
    if person.bio:
        data["description"] = person.bio
    return data


def medical_web_page(article, request=None) -> dict:
    data = {
        "@context": SCHEMA_CONTEXT,
        "@type": "MedicalWebPage",
        "url": article.seo_canonical_url,
        "name": article.title,
        "description": article.seo_description,
        "about": TREATMENT_RESISTANT_DEPRESSION,
        "audience": {"@type": "MedicalAudience", "audienceType": "Patient"},
        "datePublished": article.date_published,
        "inLanguage": in_language(article),
    }
    if article.last_published_at:
        data["dateModified"] = article.last_published_at
    if article.author:
        data["author"] = person(article.author)
    # Only a medical reviewer's approval in the workflow counts; a change published without one
    # keeps the date of the last approved revision.
    approval = article.review.live or article.review.latest
    if approval is not None:
        data["reviewedBy"] = person(approval)
        data["lastReviewed"] = approval.approved_on
    return data


def faq_page(article) -> dict | None:
    """An FAQPage of every question in the article's FAQ blocks, or None when it has none."""
    questions = [
        {
            "@type": "Question",
            "name": item["question"],
            "acceptedAnswer": {
                "@type": "Answer",
                "text": strip_tags(expand_db_html(item["answer"].source)).strip(),
            },
        }
        for block in article.body
        if block.block_type == "faq"
        for item in block.value["items"]
    ]
    if not questions:
        return None
    return {"@context": SCHEMA_CONTEXT, "@type": "FAQPage", "mainEntity": questions}
