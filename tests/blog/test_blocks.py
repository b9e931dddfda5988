import pytest
from bs4 import BeautifulSoup
from django.template import RequestContext, Template
from django.template.loader import get_template
from wagtail.blocks import StreamValue

from blog.blocks import ArticleBodyBlock
from core.blocks import BaseStreamBlock
from core.demo_images import get_or_create_demo_image

pytestmark = pytest.mark.django_db


def test_article_body_offers_every_shared_block():
    shared = set(BaseStreamBlock.base_blocks)
    assert shared
    assert shared <= set(ArticleBodyBlock.base_blocks)
    assert "contact_form" in ArticleBodyBlock.base_blocks


@pytest.mark.parametrize("name", list(ArticleBodyBlock.base_blocks))
def test_each_article_block_names_a_template_that_exists(name):
    template = ArticleBodyBlock.base_blocks[name].meta.template
    assert template.startswith("blocks/") and template.endswith(".html")
    get_template(template)


def render_blocks(raw: list) -> str:
    value = StreamValue(ArticleBodyBlock(), raw, is_lazy=True)
    return "".join(str(block.render()) for block in value)


def test_heading_renders_at_the_chosen_level():
    html = render_blocks(
        [
            {"type": "heading", "value": {"text": "Section", "level": "h2"}},
            {"type": "heading", "value": {"text": "Part", "level": "h3"}},
        ]
    )
    assert '<h2 class="block-heading">Section</h2>' in html
    assert '<h3 class="block-heading">Part</h3>' in html


def test_quote_renders_words_and_attribution():
    html = render_blocks(
        [{"type": "quote", "value": {"quote": "It helped.", "attribution": "A nurse"}}]
    )
    assert "<blockquote><p>It helped.</p></blockquote>" in html
    assert "<figcaption>A nurse</figcaption>" in html


def test_key_facts_render_as_a_list():
    html = render_blocks(
        [{"type": "key_facts", "value": {"heading": "Key facts", "facts": ["One", "Two"]}}]
    )
    assert "<li>One</li>" in html and "<li>Two</li>" in html


def test_faq_renders_each_question_and_answer():
    html = render_blocks(
        [
            {
                "type": "faq",
                "value": {
                    "heading": "Questions",
                    "items": [{"question": "Does it hurt?", "answer": "<p>A small pinch.</p>"}],
                },
            }
        ]
    )
    assert '<h3 class="block-faq__question">Does it hurt?</h3>' in html
    assert "<p>A small pinch.</p>" in html


def test_references_render_citation_and_link():
    html = render_blocks(
        [
            {
                "type": "references",
                "value": {
                    "heading": "References",
                    "references": [
                        {"citation": "NIMH. Depression.", "url": "https://www.nimh.nih.gov/"}
                    ],
                },
            }
        ]
    )
    assert "NIMH. Depression." in html
    assert 'href="https://www.nimh.nih.gov/"' in html


def test_shared_blocks_render_inside_an_article_body():
    image = get_or_create_demo_image("Block test", "lake", 300, 200)
    html = render_blocks(
        [
            {"type": "paragraph", "value": "<p>Plain text.</p>"},
            {"type": "image", "value": {"image": image.pk, "alt_text": "Hills", "caption": "Cap"}},
            {"type": "callout", "value": {"heading": "Note", "text": "<p>Careful.</p>"}},
            {
                "type": "call_to_action",
                "value": {
                    "heading": "Talk to us",
                    "text": "",
                    "button_label": "Request a call",
                    "page": None,
                    "url": "https://example.org/contact/",
                },
            },
        ]
    )
    assert "<p>Plain text.</p>" in html
    assert 'alt="Hills"' in html and "srcset=" in html and "<figcaption>Cap</figcaption>" in html
    assert "Careful." in html
    assert 'href="https://example.org/contact/"' in html


def test_reference_markers_link_to_the_numbered_references_with_an_accessible_name():
    html = render_blocks(
        [
            {"type": "paragraph", "value": "<p>Relief fades [1, 2]. It is off-label [2].</p>"},
            {"type": "key_facts", "value": {"heading": "Key facts", "facts": ["<b>x</b> [1]"]}},
            {
                "type": "references",
                "value": {
                    "heading": "References",
                    "references": [
                        {"citation": "First source.", "url": "https://example.org/1"},
                        {"citation": "Second source.", "url": ""},
                    ],
                },
            },
        ]
    )
    soup = BeautifulSoup(html, "html.parser")
    links = soup.select("sup.cite a")
    assert [link["href"] for link in links] == ["#ref-1", "#ref-2", "#ref-2", "#ref-1"]
    assert [link.get_text() for link in links[:2]] == ["Reference 1", "Reference 2"]
    assert links[0].select_one(".visually-hidden").get_text() == "Reference "
    assert soup.find(id="ref-2").get_text(strip=True) == "Second source."
    # Plain text is escaped before markers become links.
    assert "&lt;b&gt;x&lt;/b&gt;" in html


def test_risks_render_as_one_box_labelled_by_its_heading():
    html = render_blocks(
        [
            {
                "type": "risks",
                "value": {
                    "heading": "Side effects and risks",
                    "intro": "Most pass soon.",
                    "groups": [
                        {"label": "Common", "items": ["Dissociation [1]", "Headache"]},
                        {"label": "Rare", "items": ["Distressing dissociation"]},
                    ],
                },
            }
        ]
    )
    box = BeautifulSoup(html, "html.parser").select_one("section.block-risks")
    assert box.find(id=box["aria-labelledby"]).get_text() == "Side effects and risks"
    assert [h3.get_text() for h3 in box.find_all("h3")] == ["Common", "Rare"]
    assert len(box.find_all("li")) == 3 and box.select_one("sup.cite a")["href"] == "#ref-1"


def test_crisis_help_shows_the_clinic_message_with_the_footers_links(clinic_settings, rf):
    stream = StreamValue(
        ArticleBodyBlock(),
        [{"type": "crisis_help", "value": {"heading": "If you are thinking about suicide"}}],
        is_lazy=True,
    )
    # As on a page: the clinic's settings reach the template through the request.
    request = rf.get("/", HTTP_HOST=clinic_settings.site.hostname)
    html = Template("{% load wagtailcore_tags %}{% include_block stream %}").render(
        RequestContext(request, {"stream": stream})
    )
    section = BeautifulSoup(html, "html.parser").select_one("section.crisis")
    assert section.find(id=section["aria-labelledby"]).get_text() == (
        "If you are thinking about suicide"
    )
    assert clinic_settings.crisis_message in section.get_text()
    hrefs = [a["href"] for a in section.select("a")]
    assert hrefs == ["tel:988", "sms:988", "https://988lifeline.org/chat/", "tel:911"]
