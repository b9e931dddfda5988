import pytest
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
