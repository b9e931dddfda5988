"""The RSS feed of live articles, newest first."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from blog.models import ArticleIndexPage, ArticlePage
from core.models import ClinicSettings

FEED_LENGTH = 20


class ArticleFeed(Feed):
    """Django's syndication framework writes valid RSS 2.0; we only say what goes in it."""

    description = _("New articles on treatment-resistant depression and ketamine infusion therapy.")

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return Site.find_for_request(request)

    def title(self, site):
        clinic_name = ClinicSettings.for_site(site).clinic_name if site else ""
        if not clinic_name:
            return gettext("Articles")
        return gettext("%(clinic_name)s articles") % {"clinic_name": clinic_name}

    def link(self, site):
        index = ArticleIndexPage.objects.live().public().first()
        return index.get_url(self.request) if index else "/"

    def items(self, site):
        return ArticlePage.objects.visible().with_card_data()[:FEED_LENGTH]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.summary

    def item_link(self, article):
        return article.get_full_url(self.request)

    def item_pubdate(self, article):
        return timezone.make_aware(
            datetime.datetime.combine(article.date_published, datetime.time(9, 0))
        )

    def item_updateddate(self, article):
        return article.last_published_at

    def item_author_name(self, article):
        return article.author.name if article.author else None

    def item_categories(self, article):
        return [topic.name for topic in article.topics.all()]
