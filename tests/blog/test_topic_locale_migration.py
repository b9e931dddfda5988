"""Making topics translatable (blog 0011-0013, Wagtail's documented steps for an existing model)
keeps every topic and the articles filed under it: topics from before become the default
language's, each with a translation key of its own."""

import pytest
from django.apps import apps as django_apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Locale

from blog.models import ArticlePage, Topic
from tests.factories import ArticlePageFactory, TopicFactory

BEFORE = [("blog", "0010_call_to_action_second_link")]


@pytest.fixture
def content_type_cache_refilled():
    """As in tests/test_apps_by_feature_migration.py: the content-type cache is filled again
    before the flush that restores the serialized database."""
    yield
    ContentType.objects.clear_cache()
    ContentType.objects.get_for_models(*django_apps.get_models())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_topics_from_before_become_english_topics_with_their_articles(
    require_postgres, content_type_cache_refilled, article_index
):
    ketamine = TopicFactory(name="Ketamine therapy", slug="ketamine")
    depression = TopicFactory(name="Treatment-resistant depression", slug="depression")
    article = ArticlePageFactory(parent=article_index, topics=[ketamine, depression])

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        # A topic added while topics had no language.
        old_topic = executor.loader.project_state(BEFORE).apps.get_model("blog", "Topic")
        added = old_topic.objects.create(name="What to expect", slug="what-to-expect").pk
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()

    english = Locale.get_default()
    topics = {topic.pk: topic for topic in Topic.objects.all()}
    assert set(topics) == {ketamine.pk, depression.pk, added}
    assert {topic.locale_id for topic in topics.values()} == {english.pk}
    assert len({topic.translation_key for topic in topics.values()}) == 3
    assert topics[ketamine.pk].name == "Ketamine therapy"
    assert topics[added].slug == "what-to-expect"
    article = ArticlePage.objects.get(pk=article.pk)
    assert set(article.topics.values_list("pk", flat=True)) == {ketamine.pk, depression.pk}
