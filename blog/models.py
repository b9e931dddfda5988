"""Articles: the index that lists them, the article page, and the topics and people they name."""

import datetime

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Locale, Orderable, Page, PageManager, TranslatableMixin
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField
from wagtail_localize.operations import TranslationCreator
from wagtailseo.models import SeoType

from blog import structured_data
from blog.blocks import ArticleBodyBlock
from blog.content_checks import Claim, ContentReport, check_article
from blog.panels import ContentChecksPanel
from blog.provenance import ReviewStatus, review_status
from blog.reading import reading_minutes
from core.hero_image import HeroImageMixin
from core.locale import active_locale_id
from core.medical_review import medical_review_workflow
from core.page_cache import cached, connect_purge_signals, public_pages_q
from core.pages import BasePage

ARTICLES_PER_PAGE = 12
RELATED_ARTICLES = 3


class Topic(TranslatableMixin, index.Indexed, models.Model):
    """A subject editors file articles under; visitors filter the article list by it.

    Translatable: each language has its own topics, a translation linked to the English one by
    its translation key (made in the admin with wagtail-localize's "Translate"). Names and slugs
    are unique within a language, so a Spanish topic may keep the English slug or have its own.
    An article's topics are always those of its own language (ArticlePage.keep_topics_in_own_locale)."""

    name = models.CharField(max_length=80, help_text="As visitors see it, e.g. Ketamine therapy.")
    slug = models.SlugField(
        max_length=80,
        help_text="The topic's part of the filter address, e.g. ketamine.",
    )
    description = models.TextField(
        blank=True, max_length=300, help_text="One sentence saying what articles under it cover."
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "name"],
                name="blog_topic_name_unique_per_locale",
                violation_error_message="This language already has a topic with this name.",
            ),
            models.UniqueConstraint(
                fields=["locale", "slug"],
                name="blog_topic_slug_unique_per_locale",
                violation_error_message="This language already has a topic with this slug.",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        created = self._state.adding
        super().save(*args, **kwargs)
        if created:
            self.replace_in_articles_of_its_language()

    def replace_in_articles_of_its_language(self) -> None:
        """Make the articles of this topic's language that name another language's version of it
        name it instead. Those are translations made before this topic was (Spanish articles
        translated before topics had languages): their later versions get their own language's
        topics as they are saved (ArticlePage.keep_topics_in_own_locale), their live version here.
        The saved topic purges the page cache (blog/apps.py)."""
        through = ArticlePage.topics.through
        links = through.objects.filter(
            topic__translation_key=self.translation_key,
            articlepage__locale_id=self.locale_id,
        ).exclude(topic__locale_id=self.locale_id)
        for link in links:
            if through.objects.filter(articlepage_id=link.articlepage_id, topic=self).exists():
                link.delete()
            else:
                link.topic = self
                link.save(update_fields=["topic"])


class Person(index.Indexed, models.Model):
    """Someone credited on articles: the author who wrote one or the clinician who reviewed it."""

    name = models.CharField(max_length=120, help_text="Full name, e.g. Maya Okafor.")
    credentials = models.CharField(
        max_length=120,
        blank=True,
        help_text="Degrees and licences after the name, e.g. MD, board-certified psychiatrist.",
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A square head-and-shoulders photo, at least 300 px wide.",
    )
    bio = models.TextField(
        blank=True, max_length=600, help_text="Two or three sentences about their experience."
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person_profile",
        help_text="Their admin account, if they have one. A medical reviewer's approvals show this "
        "person's name and credentials on the articles they approve.",
    )
    is_sample = models.BooleanField(
        "sample person",
        default=False,
        help_text="Checked for the invented demo people. While a live page names a sample "
        "person, the dashboard and the deploy checks warn. Replace them with your real staff, or "
        "uncheck this once the details are real.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("credentials"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("user"),
        FieldPanel("is_sample"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


def all_topics() -> list:
    """Every topic in the active language, by name, from the page cache between changes."""
    locale_id = active_locale_id()
    return cached(f"topics:{locale_id}", lambda: list(Topic.objects.filter(locale_id=locale_id)))


def topic_named(slug: str):
    """The active language's topic whose slug is `slug`, or None (the list then shows every
    topic)."""
    return next((topic for topic in all_topics() if topic.slug == slug), None)


def listed_page_number(requested, num_pages: int) -> int:
    """Which page of the article list `?page=requested` shows: the first for anything that is not
    a whole number, the last for a number before the first or past the last."""
    try:
        number = int(requested)
    except (TypeError, ValueError):
        return 1
    return number if 1 <= number <= num_pages else num_pages


class ArticleIndexPage(BasePage):
    """The list of articles, newest first, that visitors browse and filter by topic."""

    intro = models.TextField(
        blank=True, max_length=500, help_text="A sentence or two shown above the list."
    )

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["blog.ArticlePage"]

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    seo_description_sources = ["search_description", "intro"]

    @classmethod
    def cache_query(cls, query) -> dict[str, str]:
        """The list reads `topic` and `page`; each kept only as it changes the list (a known topic,
        a page number past the first, past the last one read as the last), so no made-up value
        adds a cache entry."""
        topic = topic_named(query.get("topic", ""))
        kept = {"topic": topic.slug} if topic else {}
        number = listed_page_number(query.get("page", 1), article_list_pages(topic))
        if number > 1:
            kept["page"] = str(number)
        return kept

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        topic = topic_named(request.GET.get("topic", ""))
        paginator = Paginator(
            ArticlePage.objects.visible(topic).with_card_data(), ARTICLES_PER_PAGE
        )
        articles = paginator.page(
            listed_page_number(request.GET.get("page", 1), paginator.num_pages)
        )
        context.update({"articles": articles, "topics": all_topics(), "current_topic": topic})
        return context


def article_list_pages(topic) -> int:
    """How many pages the article list has (for one topic, or all), kept with the shared page data:
    publishing, unpublishing or moving an article purges it."""
    key = f"article-list-pages:{active_locale_id()}:{topic.slug if topic else ''}"
    return cached(
        key, lambda: Paginator(ArticlePage.objects.visible(topic), ARTICLES_PER_PAGE).num_pages
    )


class ArticlePageQuerySet(PageQuerySet):
    """The article lists visitors see: the index, the feed and the related articles."""

    def visible(self, topic=None):
        """Live, public articles in the active language, newest first, optionally limited to one
        topic."""
        articles = self.live().filter(public_pages_q(), locale_id=active_locale_id())
        if topic is not None:
            articles = articles.filter(topics=topic)
        return articles.order_by("-date_published", "-pk")

    def with_card_data(self):
        """Everything a card shows loaded in a fixed number of queries, however many articles,
        topics or image sizes there are."""
        images = get_image_model().objects.prefetch_renditions()
        return self.select_related("author").prefetch_related(
            Prefetch("hero_image", queryset=images), "topics"
        )

    def related_to(self, article):
        """Other visible articles sharing a topic with `article`, newest first."""
        topic_ids = [topic.pk for topic in article.topics.all()]
        if not topic_ids:
            return self.none()
        # EXISTS rather than a join: no duplicates to remove, so the database can walk the
        # newest-first index and stop at the slice instead of sorting every article on the topic.
        shares_a_topic = ArticlePage.topics.through.objects.filter(
            articlepage_id=OuterRef("pk"), topic_id__in=topic_ids
        )
        return self.visible().filter(Exists(shares_a_topic)).exclude(pk=article.pk)


class ArticlePageForm(WagtailAdminPageForm):
    """The article editor: the topics offered are those of the article's language, and a version
    saved before they were (a translation made before topics had languages) shows its topics'
    versions in that language ticked, so saving it keeps them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = self.instance.locale_id
        if "topics" not in self.fields or not locale_id:
            return
        self.fields["topics"].queryset = Topic.objects.filter(locale_id=locale_id)
        chosen = self.initial.get("topics")
        if chosen:
            self.initial["topics"] = topics_in_locale(
                list(chosen), locale_id, translate_missing=False
            )


def topics_in_locale(topics: list, locale_id: int, translate_missing: bool = True) -> list:
    """`topics` as the topics of the language `locale_id`, in the same order: each replaced by its
    translation, a topic not translated yet first translated through wagtail-localize (unless
    `translate_missing` is False), as it does for a snippet an article's foreign key names when the
    article is translated (the translation starts with the source text, which a translator then
    changes in the admin). A topic that still has none (not translated, or its translation would
    clash with another topic's name or slug) is left out."""
    if all(topic.locale_id == locale_id for topic in topics):
        return topics
    keys = [topic.translation_key for topic in topics]

    def translations():
        found = Topic.objects.filter(translation_key__in=keys, locale_id=locale_id)
        return {topic.translation_key: topic for topic in found}

    translated = translations()
    missing = [topic for topic in topics if topic.translation_key not in translated]
    if missing and translate_missing:
        creator = TranslationCreator(user=None, target_locales=[Locale.objects.get(pk=locale_id)])
        for topic in missing:
            creator.create_translations(topic, include_related_objects=False)
        translated = translations()
    return [translated[key] for key in keys if key in translated]


class ArticlePage(HeroImageMixin, BasePage):
    """One article: medically reviewed information a visitor reads before contacting the clinic."""

    objects = PageManager.from_queryset(ArticlePageQuerySet)()
    base_form_class = ArticlePageForm

    summary = models.TextField(
        max_length=300,
        help_text="One or two sentences shown on the article list and, unless the Promote tab "
        "has a description, to search engines.",
    )
    date_published = models.DateField(
        "published date",
        default=datetime.date.today,
        help_text="The date shown on the article; the list is sorted by it.",
    )
    body = StreamField(
        ArticleBodyBlock(),
        help_text="The article: headings, text, images, key facts, questions and answers, and the "
        "references at the end.",
    )
    topics = ParentalManyToManyField(
        "blog.Topic",
        blank=True,
        related_name="articles",
        help_text="The subjects it covers; related articles share a topic.",
    )
    author = models.ForeignKey(
        "blog.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles_written",
        help_text="Who wrote it.",
    )
    describes_treatment = models.BooleanField(
        "describes a treatment",
        default=False,
        help_text="Check when the article describes a treatment (for example ketamine "
        "infusions). The editor's content checks then ask for the off-label statement, the side "
        "effects and risks box, and the note that it is not medical advice.",
    )
    reading_minutes = models.PositiveSmallIntegerField(
        default=1, editable=False, help_text="Computed from the body when the article is saved."
    )

    parent_page_types = ["blog.ArticleIndexPage"]
    subpage_types = []

    # wagtail-localize leaves many-to-many fields out of translations ("not supported yet", its
    # fields.py): the topics are synchronised from the source article instead, on "Translate" and
    # on every "Sync translated pages", and then turned into the translation's own language's
    # topics when it is saved (save() and save_revision() below). Not overridable: an article and
    # its translations are on the same subjects.
    override_translatable_fields = [SynchronizedField("topics", overridable=False)]

    content_panels = Page.content_panels + [
        ContentChecksPanel(heading="Medical content checks"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_image_alt")], heading="Hero image"
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("date_published"),
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("author"),
                FieldPanel("describes_treatment"),
            ],
            heading="About this article",
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.FilterField("date_published"),
    ]

    class Meta:
        # Lists read articles newest first; the index lets the database stop after one page
        # instead of sorting every article.
        indexes = [models.Index(fields=["date_published", "page_ptr"], name="article_newest_first")]

    seo_content_type = SeoType.ARTICLE
    seo_description_sources = ["search_description", "summary"]
    seo_image_sources = ["og_image", "hero_image"]

    def get_workflow(self):
        """The medical review workflow, in every language: a translation is its own page, with
        its own review (blog assigns the workflow to the English article index, and a translated
        index is not under it)."""
        return medical_review_workflow() or super().get_workflow()

    @cached_property
    def index_page(self):
        """The article index this article sits under, where its topic links lead: the last of
        the cached breadcrumb pages when it is live, else read."""
        ancestors = self.live_ancestors_below_root
        if ancestors and ancestors[-1].depth == self.depth - 1:
            return ancestors[-1]
        return self.get_parent()

    @classmethod
    def route_queryset(cls):
        # What the article shows of other tables outside its cached rendering (the page's
        # meta tags name the author and the sharing image), read with it (core/routing.py). Its
        # topics are read only when the article is rendered afresh (templates/blog/article_page.html).
        return cls.objects.select_related("author", "hero_image")

    @property
    def seo_author(self) -> str:
        # The person credited on the article, never the Wagtail user who created the page.
        return self.author.name if self.author else ""

    @property
    def seo_published_at(self):
        return self.date_published

    @property
    def seo_struct_article_dict(self) -> dict:
        data = super().seo_struct_article_dict
        if self.author:
            data["author"] = structured_data.person(self.author)
        else:
            data.pop("author", None)
        return data

    def structured_data(self, request=None) -> list[dict]:
        objects = [*super().structured_data(request), structured_data.medical_web_page(self)]
        faq = structured_data.faq_page(self)
        return [*objects, faq] if faq else objects

    @cached_property
    def review(self) -> ReviewStatus:
        """Whether a medical reviewer approved the live text, from the workflow's records: the
        article's "Medically reviewed by" line and its structured data read this."""
        return review_status(self)

    # The page template shows the "not medical advice" framing note on every article.
    shows_medical_framing = True

    def content_report(self) -> ContentReport:
        """The medical content checks of this version of the article (the editor's panel and the
        review dashboard show them)."""
        return check_article(
            summary=self.summary,
            body=self.body,
            claims=ContentCheckSettings.load().claims(),
            describes_treatment=self.describes_treatment,
            shows_framing=self.shows_medical_framing,
            hero_image=self.hero_image,
            hero_alt=self.hero_image_alt,
        )

    def keep_topics_in_own_locale(self, translate_missing: bool = True) -> None:
        """Make the article's topics those of its own language (topics_in_locale): a translation
        starts as a copy of the source article, whose topics are the source language's."""
        if not self.locale_id:
            return
        topics = list(self.topics.all())
        own = topics_in_locale(topics, self.locale_id, translate_missing=translate_missing)
        if own is not topics:
            self.topics = own

    def serve_preview(self, request, mode_name):
        # wagtail-localize's preview of a translation is the translation with the source's
        # topics copied in, unsaved: it shows their translated versions, and a preview saves
        # nothing (an untranslated topic is left out of it).
        self.keep_topics_in_own_locale(translate_missing=False)
        return super().serve_preview(request, mode_name)

    def save(self, *args, update_fields=None, **kwargs):
        if update_fields is None or "body" in update_fields:
            self.reading_minutes = reading_minutes(self.body)
        if update_fields is None or "topics" in update_fields:
            self.keep_topics_in_own_locale()
        super().save(*args, update_fields=update_fields, **kwargs)

    def save_revision(self, *args, **kwargs):
        self.keep_topics_in_own_locale()
        return super().save_revision(*args, **kwargs)

    @cached_property
    def related(self) -> list:
        """Up to RELATED_ARTICLES other articles on a topic this one covers. Other articles'
        cards, like the navigation, are kept with the shared page data (four queries saved on
        each view): publishing, unpublishing, moving or deleting any page, or saving a topic, a
        person or an image, purges them."""
        return cached(
            f"related-articles:{self.pk}",
            lambda: list(
                ArticlePage.objects.related_to(self)
                .with_card_data()
                .defer_streamfields()[:RELATED_ARTICLES]
            ),
        )


@register_setting(icon="warning")
class ContentCheckSettings(ClusterableModel, BaseGenericSetting):
    """The claims the editor's medical content checks warn about, editable by the clinic."""

    panels = [
        InlinePanel(
            "claims_to_avoid",
            heading="Claims to avoid",
            help_text="Phrases the article editor warns about. They are warnings for the author "
            "and the medical reviewer, never a block on publishing.",
        )
    ]

    class Meta:
        verbose_name = "Medical content checks"

    def claims(self) -> list[Claim]:
        return [Claim(each.phrase, each.near, each.advice) for each in self.claims_to_avoid.all()]


class ClaimToAvoid(Orderable):
    """One phrase the content checks flag, optionally only near another phrase."""

    check_settings = ParentalKey(
        ContentCheckSettings, on_delete=models.CASCADE, related_name="claims_to_avoid"
    )
    phrase = models.CharField(
        max_length=80,
        help_text="The words to flag, e.g. guaranteed. Case does not matter; a hyphen matches a "
        "space, and plurals are found too.",
    )
    near = models.CharField(
        max_length=80,
        blank=True,
        help_text="Optional: flag the phrase only in a sentence that also has these words, e.g. "
        "ketamine infusion.",
    )
    advice = models.CharField(
        max_length=200,
        blank=True,
        help_text="Optional: what to write instead, shown with the warning.",
    )

    panels = [FieldPanel("phrase"), FieldPanel("near"), FieldPanel("advice")]

    def __str__(self):
        return f"{self.phrase} near {self.near}" if self.near else self.phrase


# Topics and people appear on articles, the article list and the feed; the prices (blog.pages) on
# the cost page: saving or deleting one purges the page cache.
connect_purge_signals(["blog.Topic", "blog.Person", "blog.PriceListSettings", "blog.PriceRow"])
