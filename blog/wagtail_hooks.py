"""Admin registration: topics and people under one "Articles" menu."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from blog.models import Person, Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    list_display = ["name", "credentials"]
    search_fields = ["name"]


class ArticleSnippetsGroup(SnippetViewSetGroup):
    items = (TopicViewSet, PersonViewSet)
    menu_icon = "doc-full"
    menu_label = "Article details"
    menu_name = "article-details"


register_snippet(ArticleSnippetsGroup)
