"""What articles compute from their content: reading time, listings and related articles. Views,
models and the feed call these, and so do the tests."""

import math

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from wagtail.images import get_image_model

# An adult reading health information on screen manages about 200 words a minute; rounding up
# means the estimate never promises a shorter read than the page is.
WORDS_PER_MINUTE = 200
ARTICLES_PER_PAGE = 12
RELATED_ARTICLES = 3


def count_words(texts: list[str]) -> int:
    return sum(len(text.split()) for text in texts)


def reading_minutes(body) -> int:
    """Whole minutes it takes to read a StreamField body, at least one."""
    words = count_words(body.stream_block.get_searchable_content(body))
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def with_card_data(articles: QuerySet) -> QuerySet:
    """`articles` with everything a card shows loaded in a fixed number of queries, however many
    articles, topics or image sizes there are."""
    images = get_image_model().objects.prefetch_renditions()
    return articles.select_related("author").prefetch_related(
        Prefetch("hero_image", queryset=images), "topics"
    )


def visible_articles(topic=None) -> QuerySet:
    """Live, public articles, newest first, optionally limited to one topic."""
    from blog.models import ArticlePage

    articles = ArticlePage.objects.live().public()
    if topic is not None:
        articles = articles.filter(topics=topic)
    return articles.order_by("-date_published", "-pk")


def related_articles(article, limit: int = RELATED_ARTICLES) -> list:
    """Up to `limit` other live articles sharing a topic with `article`, newest first."""
    topic_ids = [topic.pk for topic in article.topics.all()]
    if not topic_ids:
        return []
    from blog.models import ArticlePage

    # EXISTS rather than a join: no duplicates to remove, so the database can walk the
    # newest-first index and stop at `limit` instead of sorting every article on the topic.
    shares_a_topic = ArticlePage.topics.through.objects.filter(
        articlepage_id=OuterRef("pk"), topic_id__in=topic_ids
    )
    articles = visible_articles().filter(Exists(shares_a_topic)).exclude(pk=article.pk)
    return list(with_card_data(articles)[:limit])


MEDICAL_REVIEW_WORKFLOW = "Medical review"


def assign_medical_review(index_page) -> None:
    """Send every article under `index_page` through the "Medical review" workflow (created by
    blog's migrations) when an editor submits it for moderation."""
    from wagtail.models import Workflow, WorkflowPage

    workflow = Workflow.objects.get(name=MEDICAL_REVIEW_WORKFLOW)
    WorkflowPage.objects.update_or_create(page=index_page, defaults={"workflow": workflow})
