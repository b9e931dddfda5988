"""The pages visitors look for, seeded by seed_demo: cost and insurance (its prices from one
setting, with an "as of" date), treatments compared (a table whose cells cite their sources), and
the care team with the editorial policy; and the general page type they use."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from wagtail import blocks
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from blog.blocks import PeopleBlock, PriceListBlock, TableBlock
from blog.models import ArticleIndexPage
from blog.pages import ContentPage, PriceListSettings, PriceRow
from home.models import HomePage
from tests.factories import ArticleIndexPageFactory, HomePageFactory

pytestmark = pytest.mark.django_db

TREATMENTS = ["IV ketamine", "Esketamine nasal spray", "TMS", "ECT", "Medication changes"]
QUESTIONS = [
    "FDA status",
    "How fast it works",
    "How long relief lasts",
    "Visits",
    "Main risks",
    "Insurance",
]


@pytest.fixture
def seeded(shared_demo, settings):
    settings.WAGTAILADMIN_BASE_URL = "http://testserver"


def soup_of(client: Client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


class TestTheSeededPages:
    """On the demo's English pages, seeded once for the class (`class_demo` in tests/conftest.py):
    each test starts from them as seeded."""

    seed_demo_args = ("--no-translations",)

    def test_the_cost_page_shows_the_price_list_from_settings_with_its_date(
        self, client: Client, seeded, page_cache_on
    ):
        soup = soup_of(client, "/cost-and-insurance/")
        table = soup.select_one(".block-price-list table")
        assert table.caption.get_text(strip=True) == "Prices as of November 1, 2026"
        rows = {
            row.th.get_text(strip=True): row.td.get_text(strip=True)
            for row in table.tbody.select("tr")
        }
        assert rows["One ketamine infusion"] == "$450"
        assert rows["A first course of six infusions"] == "$2,700"
        text = soup.main.get_text(" ")
        assert "Insurance rarely pays for IV ketamine" in text
        assert "plans often cover it" in text

        prices = PriceListSettings.load()
        PriceRow.objects.filter(price_list=prices, item="One ketamine infusion").update(
            price="$475"
        )
        prices.save()  # saving the setting purges the cached pages
        table = soup_of(client, "/cost-and-insurance/").select_one(".block-price-list table")
        assert "$475" in table.get_text()

    def test_the_comparison_table_sets_five_treatments_side_by_side_with_sources(
        self, client: Client, seeded
    ):
        soup = soup_of(client, "/compare-treatments/")
        table = soup.select_one(".block-table table")
        headings = [th.get_text(strip=True) for th in table.thead.select("th")]
        assert headings == ["", *TREATMENTS]
        rows = table.tbody.select("tr")
        assert [row.th.get_text(strip=True) for row in rows] == QUESTIONS
        assert all(row.th["scope"] == "row" for row in rows)
        references = {li["id"] for li in soup.select(".block-references li[id]")}
        for row in rows[:-1]:  # every clinical fact cites a source; insurance is plain advice
            for cell in row.select("td"):
                links = [a["href"].lstrip("#") for a in cell.select("sup.cite a")]
                assert links, f"{row.th.get_text()}: {cell.get_text()}"
                assert set(links) <= references
        ect = next(row for row in rows if row.th.get_text(strip=True) == "Main risks")
        assert "permanently lose memories" in ect.select("td")[3].get_text()

    def test_the_care_team_page_says_how_content_is_written_reviewed_updated_and_paid_for(
        self, client: Client, seeded
    ):
        soup = soup_of(client, "/care-team-and-editorial-policy/")
        headings = [h2.get_text(strip=True) for h2 in soup.main.select("h2")]
        for wanted in [
            "How we write",
            "How we check it",
            "How we keep it up to date",
            "Conflicts of interest",
        ]:
            assert wanted in headings
        text = " ".join(soup.main.get_text(" ").split())
        assert "Our clinic is paid for the ketamine infusions it gives" in text
        assert "medical review pending" in text


class TestContentPageRules(WagtailPageTestCase):
    def setUp(self):
        Page.objects.filter(depth=2).delete()
        self.home = HomePageFactory(parent=Page.get_first_root_node())
        ArticleIndexPageFactory(parent=self.home)

    def test_content_pages_sit_under_the_home_page_only(self):
        self.assertCanCreateAt(HomePage, ContentPage)
        self.assertCanNotCreateAt(ArticleIndexPage, ContentPage)
        self.assertAllowedSubpageTypes(ContentPage, {})

    def test_an_editor_creates_one_with_a_table(self):
        self.login()
        table = {
            "caption": "Two options",
            "corner": "",
            "column_headings": streamfield([("item", "A"), ("item", "B")]),
            "rows": streamfield(
                [
                    (
                        "item",
                        {
                            "heading": "Speed",
                            "cells": streamfield([("item", "Fast [1]."), ("item", "Slow.")]),
                        },
                    )
                ]
            ),
        }
        self.assertCanCreate(
            self.home,
            ContentPage,
            nested_form_data(
                {
                    "title": "Options",
                    "slug": "options",
                    "intro": "Two options.",
                    "body": streamfield(
                        [
                            ("paragraph", rich_text("<p>Compare them.</p>")),
                            ("table", table),
                            ("price_list", {"heading": "Prices", "intro": ""}),
                        ]
                    ),
                    "action-publish": "publish",
                }
            ),
        )


def test_a_table_row_needs_one_cell_per_column():
    block = TableBlock()
    value = block.to_python(
        {
            "caption": "C",
            "corner": "",
            "column_headings": ["A", "B"],
            "rows": [{"heading": "Row", "cells": ["only one"]}],
        }
    )
    with pytest.raises(blocks.StructBlockValidationError):
        block.clean(value)


def leaf_blocks(block):
    if isinstance(block, blocks.StructBlock | blocks.StreamBlock):
        for child in block.child_blocks.values():
            yield from leaf_blocks(child)
    elif isinstance(block, blocks.ListBlock):
        yield from leaf_blocks(block.child_block)
    else:
        yield block


@pytest.mark.parametrize("block", [TableBlock(), PriceListBlock(), PeopleBlock()])
def test_every_field_of_the_new_blocks_has_help_text(block):
    for leaf in leaf_blocks(block):
        # Field blocks keep it on their form field, chooser blocks in their meta.
        help_text = getattr(leaf.meta, "help_text", "") or leaf.field.help_text
        assert help_text, leaf.name


@pytest.mark.parametrize("model", [ContentPage, PriceListSettings, PriceRow])
def test_every_editor_field_of_the_new_models_has_help_text(model):
    own = {field.name for field in model._meta.get_fields() if field.model is model}
    editable = [
        field
        for field in model._meta.concrete_fields
        if field.name in own and field.editable and not field.primary_key
    ]
    hidden = {"sort_order", "price_list", "page_ptr", "id"}
    for field in editable:
        if field.name not in hidden:
            assert field.help_text, f"{model.__name__}.{field.name}"
