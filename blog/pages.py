"""General content pages (costs, treatments compared, the care team and editorial policy) and the
price list they show from settings. Django loads this module with the models
(BlogConfig.import_models)."""

from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from blog.blocks import ContentBodyBlock
from core.pages import BasePage


class ContentPage(BasePage):
    """A page of general information visitors look for: costs, how treatments compare, who we
    are and how we write and review what we publish."""

    intro = models.TextField(
        blank=True,
        max_length=400,
        help_text="One or two sentences under the title saying what the page answers.",
    )
    body = StreamField(
        ContentBodyBlock(),
        help_text="The page: text, headings, tables, the price list, people, questions and "
        "answers, and references at the end.",
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    seo_description_sources = ["search_description", "intro"]

    class Meta:
        verbose_name = "content page"


@register_setting(icon="table")
class PriceListSettings(ClusterableModel, BaseGenericSetting):
    """The clinic's prices, shown by every price list block, with the date they were checked."""

    as_of = models.DateField(
        null=True,
        blank=True,
        help_text="The date these prices were last checked; pages show 'Prices as of' this date.",
    )
    is_sample = models.BooleanField(
        "sample prices",
        default=False,
        help_text="Checked while the table holds the demo's invented prices. The dashboard and "
        "the deploy checks warn until you enter your own and uncheck it.",
    )
    note = models.TextField(
        blank=True,
        max_length=400,
        help_text="Optional: a note under the table, e.g. what is included and how to pay.",
    )

    panels = [
        MultiFieldPanel([FieldPanel("as_of"), FieldPanel("is_sample")], heading="Status"),
        InlinePanel("rows", heading="Prices", help_text="One row per item, in the order shown."),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = "Prices"


class PriceRow(Orderable):
    """One price: what it is for and what it costs."""

    price_list = ParentalKey(PriceListSettings, on_delete=models.CASCADE, related_name="rows")
    item = models.CharField(
        max_length=120, help_text="What the price is for, e.g. One ketamine infusion."
    )
    price = models.CharField(
        max_length=60, help_text="The price as visitors should read it, e.g. $450 or $400–$500."
    )
    detail = models.CharField(
        max_length=200,
        blank=True,
        help_text="Optional: what is included or how often, e.g. About 2 hours, with monitoring.",
    )

    panels = [FieldPanel("item"), FieldPanel("price"), FieldPanel("detail")]

    def __str__(self):
        return f"{self.item}: {self.price}"
