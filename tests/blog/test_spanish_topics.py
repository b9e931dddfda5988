"""Topics are translatable: each language has its own, a Spanish article names the Spanish
translations of its English article's topics (however the translation is made: Wagtail's
copy_for_translation, wagtail-localize's "Translate" or "Sync"), and the article list's topic
filter lists and filters by the visitor's language's topics only."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator

from blog.models import ArticlePage, ArticlePageForm, Topic, all_topics, topic_named
from tests.factories import (
    ArticlePageFactory,
    SuperUserFactory,
    TopicFactory,
    topic_translation,
    translation_of,
)
from tests.html_reading import parse, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish(db):
    return Locale.objects.get_or_create(language_code="es")[0]


@pytest.fixture
def topics(spanish):
    """Two English topics, one translated into Spanish with its own slug, one with the English
    slug kept."""
    ketamine = TopicFactory(name="Ketamine therapy", slug="ketamine")
    depression = TopicFactory(name="Treatment-resistant depression", slug="depression")
    ketamina = topic_translation(ketamine, name="Terapia con ketamina", slug="ketamina")
    depresion = topic_translation(depression, name="Depresión resistente")
    return {
        "ketamine": ketamine,
        "depression": depression,
        "ketamina": ketamina,
        "depresion": depresion,
    }


@pytest.fixture
def spanish_articles(clinic_settings, home_page, article_index, topics):
    translation_of(home_page, title="Inicio", slug="inicio")
    on_ketamine = ArticlePageFactory(
        parent=article_index, title="How ketamine helps", topics=[topics["ketamine"]]
    )
    on_depression = ArticlePageFactory(
        parent=article_index, title="What resistant means", topics=[topics["depression"]]
    )
    return {
        "on_ketamine": on_ketamine,
        "on_depression": on_depression,
        "sobre_ketamina": translation_of(on_ketamine, title="Cómo ayuda la ketamina"),
        "sobre_depresion": translation_of(on_depression, title="Qué significa resistente"),
    }


def test_a_spanish_topic_may_keep_the_english_slug_but_names_and_slugs_are_unique_per_language(
    topics, spanish
):
    assert topics["depresion"].slug == topics["depression"].slug == "depression"
    assert topics["depresion"].translation_key == topics["depression"].translation_key
    twin = Topic(name="Terapia con ketamina", slug="otra", locale=spanish)
    with pytest.raises(ValidationError, match="already has a topic with this name"):
        twin.full_clean()
    twin = Topic(name="Otra", slug="ketamina", locale=spanish)
    with pytest.raises(ValidationError, match="already has a topic with this slug"):
        twin.full_clean()


def test_a_spanish_article_names_the_spanish_topics_and_links_to_the_spanish_list(
    client, spanish_articles, topics
):
    articulo = spanish_articles["sobre_ketamina"]
    assert list(articulo.topics.all()) == [topics["ketamina"]]
    html = parse(client.get(articulo.url).content.decode())
    assert text_of(html.select_one(".article__topics")) == "Temas: Terapia con ketamina"
    link = html.select_one(".article__topics a")["href"]
    assert link == f"{articulo.get_parent().url}?topic=ketamina"
    assert link.startswith("/es/")
    # The English article keeps its English topic.
    english = spanish_articles["on_ketamine"]
    assert list(english.topics.all()) == [topics["ketamine"]]
    html = parse(client.get(english.url).content.decode())
    assert text_of(html.select_one(".article__topics")) == "Topics: Ketamine therapy"
    assert html.select_one(".article__topics a")["href"] == "/articles/?topic=ketamine"


def test_the_spanish_list_offers_and_filters_by_spanish_topics_only(
    client, spanish_articles, article_index
):
    index = translation_of(article_index)
    html = parse(client.get(index.url).content.decode())
    offered = [text_of(li) for li in html.select(".topic-filter li")]
    assert offered == ["Todos los temas", "Depresión resistente", "Terapia con ketamina"]

    html = parse(client.get(index.url, {"topic": "ketamina"}).content.decode())
    titles = [
        text_of(card.select_one(".article-card__title")) for card in html.select(".article-card")
    ]
    assert titles == ["Cómo ayuda la ketamina"]
    assert html.select_one('.topic-filter [aria-current="true"]').get_text() == (
        "Terapia con ketamina"
    )
    # The shared slug finds the Spanish topic; an English-only slug is no Spanish topic.
    html = parse(client.get(index.url, {"topic": "depression"}).content.decode())
    titles = [
        text_of(card.select_one(".article-card__title")) for card in html.select(".article-card")
    ]
    assert titles == ["Qué significa resistente"]
    html = parse(client.get(index.url, {"topic": "ketamine"}).content.decode())
    assert len(html.select(".article-card")) == 2


def test_the_english_list_is_unchanged(client, spanish_articles, article_index):
    html = parse(client.get(article_index.url).content.decode())
    offered = [text_of(li) for li in html.select(".topic-filter li")]
    assert offered == ["All topics", "Ketamine therapy", "Treatment-resistant depression"]
    html = parse(client.get(article_index.url, {"topic": "ketamine"}).content.decode())
    titles = [
        text_of(card.select_one(".article-card__title")) for card in html.select(".article-card")
    ]
    assert titles == ["How ketamine helps"]
    html = parse(client.get(article_index.url, {"topic": "ketamina"}).content.decode())
    assert len(html.select(".article-card")) == 2


def test_the_cached_topic_list_is_kept_per_language(topics):
    assert [topic.slug for topic in all_topics()] == ["ketamine", "depression"]
    with translation.override("es"):
        assert [topic.name for topic in all_topics()] == [
            "Depresión resistente",
            "Terapia con ketamina",
        ]
        assert topic_named("ketamina") == topics["ketamina"]
        assert topic_named("depression") == topics["depresion"]
        assert topic_named("ketamine") is None
    assert topic_named("depression") == topics["depression"]


def test_spanish_related_articles_share_a_spanish_topic(
    client, spanish_articles, article_index, topics
):
    other = ArticlePageFactory(
        parent=article_index, title="An infusion day", topics=[topics["ketamine"]]
    )
    otro = translation_of(other, title="Un día de infusión")
    html = parse(client.get(spanish_articles["sobre_ketamina"].url).content.decode())
    related = [
        text_of(card.select_one(".article-card__title"))
        for card in html.select(".related .article-card")
    ]
    assert related == [otro.title]


def test_wagtail_localize_translate_preview_and_sync_carry_the_topics_in_spanish(
    client, clinic_settings, home_page, article_index, topics, spanish
):
    article = ArticlePageFactory(
        parent=article_index, title="How ketamine helps", topics=[topics["ketamine"]]
    )
    translation_of(article_index)
    TranslationCreator(user=None, target_locales=[spanish]).create_translations(article)
    articulo = ArticlePage.objects.get(translation_key=article.translation_key, locale=spanish)
    assert list(articulo.topics.all()) == [topics["ketamina"]]
    assert list(articulo.get_latest_revision_as_object().topics.all()) == [topics["ketamina"]]
    # The translation editor's preview (the source's topics copied into the translation).
    client.force_login(SuperUserFactory(username="owner"))
    translation = Translation.objects.get(
        source__object_id=article.translation_key, target_locale=spanish
    )
    preview = client.get(reverse("wagtail_localize:preview_translation", args=[translation.pk]))
    assert preview.status_code == 200
    topics_line = text_of(parse(preview.content.decode()).select_one(".article__topics"))
    assert topics_line == "Temas: Terapia con ketamina"

    # The English article gets a second topic; "Sync translated pages" brings it, in Spanish.
    article.topics.add(topics["depression"])
    article.save_revision().publish()
    source, _ = TranslationSource.update_or_create_from_instance(article)
    source.create_or_update_translation(spanish, fallback=True)
    articulo = ArticlePage.objects.get(pk=articulo.pk)
    assert set(articulo.topics.all()) == {topics["ketamina"], topics["depresion"]}


def test_a_topic_not_yet_translated_is_translated_with_the_article(article_index, spanish):
    anxiety = TopicFactory(name="Anxiety", slug="anxiety")
    article = ArticlePageFactory(parent=article_index, title="Worry", topics=[anxiety])
    articulo = translation_of(article, title="Preocupación")
    [ansiedad] = articulo.topics.all()
    assert ansiedad.locale == spanish
    assert ansiedad.translation_key == anxiety.translation_key
    # Through wagtail-localize, so a translator finds it in the admin: English text until then.
    assert ansiedad.name == "Anxiety"
    assert Translation.objects.filter(
        source__object_id=anxiety.translation_key, target_locale=spanish
    ).exists()


def test_the_article_editor_offers_the_article_s_language_s_topics(spanish_articles, topics):
    form_class = ArticlePage.get_edit_handler().get_form_class()
    assert issubclass(form_class, ArticlePageForm)
    articulo = spanish_articles["sobre_ketamina"]
    form = form_class(instance=articulo, for_user=SuperUserFactory(username="owner"))
    assert set(form.fields["topics"].queryset) == {topics["ketamina"], topics["depresion"]}
    english = spanish_articles["on_ketamine"]
    form = form_class(instance=english, for_user=SuperUserFactory(username="owner2"))
    assert set(form.fields["topics"].queryset) == {topics["ketamine"], topics["depression"]}


def test_topics_are_listed_and_translatable_in_the_admin(client, topics, spanish):
    client.force_login(SuperUserFactory(username="owner"))
    listing = client.get(reverse("wagtailsnippets_blog_topic:list"), {"locale": "es"})
    assert listing.status_code == 200
    assert "Terapia con ketamina" in listing.content.decode()
    assert "Ketamine therapy" not in listing.content.decode()
    untranslated = TopicFactory(name="Anxiety", slug="anxiety")
    translate = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["blog", "topic", untranslated.pk],
    )
    assert client.get(translate).status_code == 200
    response = client.post(translate, {"locales": [spanish.pk]})
    assert response.status_code == 302
    assert untranslated.get_translation(spanish).name == "Anxiety"


def test_an_article_translated_before_its_topics_were_names_them_once_they_are(
    client, clinic_settings, home_page, article_index, spanish
):
    ketamine = TopicFactory(name="Ketamine therapy", slug="ketamine")
    article = ArticlePageFactory(
        parent=article_index, title="How ketamine helps", topics=[ketamine]
    )
    translation_of(home_page, title="Inicio", slug="inicio")
    articulo = translation_of(article, title="Cómo ayuda la ketamina")
    # As a translation made before topics had languages: its live version and its latest revision
    # name the English topic, and there is no Spanish one.
    ketamine.get_translation(spanish).delete()
    ArticlePage.topics.through.objects.create(articlepage=articulo, topic=ketamine)
    revision = articulo.get_latest_revision()
    revision.content["topics"] = [ketamine.pk]
    revision.save(update_fields=["content"])
    assert list(ArticlePage.objects.get(pk=articulo.pk).topics.all()) == [ketamine]

    ketamina = topic_translation(ketamine, name="Terapia con ketamina", slug="ketamina")
    articulo = ArticlePage.objects.get(pk=articulo.pk)
    assert list(articulo.topics.all()) == [ketamina]
    html = parse(client.get(articulo.url).content.decode())
    assert text_of(html.select_one(".article__topics")) == "Temas: Terapia con ketamina"
    # The editor shows the Spanish topic ticked for a version that names the English one (a draft
    # revision saved before topics had languages).
    form_class = ArticlePage.get_edit_handler().get_form_class()
    draft = ArticlePage.objects.get(pk=articulo.pk)
    draft.topics = [ketamine]
    form = form_class(instance=draft, for_user=SuperUserFactory(username="owner"))
    assert form.initial["topics"] == [ketamina]
    assert list(ketamine.articles.all()) == [article]
