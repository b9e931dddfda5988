"""Blocks that show articles on other pages (the home page's "Latest articles"). Apart from
blog/blocks.py, which the article model itself uses: these read the articles."""

from wagtail import blocks

from blog.models import ArticlePage

LATEST_ARTICLES_SHOWN = 3


class LatestArticlesBlock(blocks.StructBlock):
    """The newest live articles as cards; the list updates itself as articles are published."""

    heading = blocks.CharBlock(
        max_length=120, default="Latest articles", help_text="The section heading."
    )
    intro = blocks.TextBlock(
        required=False, max_length=300, help_text="An optional sentence under the heading."
    )
    link_label = blocks.CharBlock(
        required=False,
        max_length=60,
        default="All articles",
        help_text="Text of the link to the article list; leave empty to show no link.",
    )

    class Meta:
        icon = "doc-full"
        template = "blocks/latest_articles.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        articles = list(ArticlePage.objects.visible().with_card_data()[:LATEST_ARTICLES_SHOWN])
        context["articles"] = articles
        context["index_page"] = articles[0].get_parent() if articles else None
        return context
