"""What goes over the wire: compressed HTML (brotli where no secret is on the page, Django's
gzip with its BREACH padding elsewhere) and long browser lifetimes for image renditions."""

import gzip
import re

import brotli
import pytest

from core.demo_images import get_or_create_demo_image
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(article_index, clinic_settings):
    page = ArticlePageFactory(parent=article_index, title="Ketamine and depression")
    page.save_revision().publish()
    return page


def test_pages_go_out_as_brotli_when_the_browser_accepts_it(client, article):
    response = client.get(article.url, HTTP_ACCEPT_ENCODING="gzip, deflate, br, zstd")
    assert response["Content-Encoding"] == "br"
    assert "Accept-Encoding" in response["Vary"]
    assert "Ketamine and depression" in brotli.decompress(response.content).decode()


def test_pages_go_out_as_gzip_for_browsers_without_brotli(client, article):
    response = client.get(article.url, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert "Ketamine and depression" in gzip.decompress(response.content).decode()


def test_a_response_with_a_csrf_token_is_gzip_with_breach_padding_never_brotli(client, db):
    sizes = set()
    for _ in range(6):
        response = client.get("/admin/login/", HTTP_ACCEPT_ENCODING="br, gzip")
        assert response["Content-Encoding"] == "gzip"
        sizes.add(len(response.content))
    # Django pads each gzip stream with a random number of bytes: the size gives nothing away.
    assert len(sizes) > 1


def test_no_compression_without_accept_encoding(client, article):
    response = client.get(article.url)
    assert not response.has_header("Content-Encoding")


def test_image_renditions_are_kept_by_browsers_for_a_year(client, article_index, clinic_settings):
    image = get_or_create_demo_image("Lake", "lake", 320, 200)
    page = ArticlePageFactory(parent=article_index, hero_image=image, hero_image_alt="A lake.")
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    rendition_url = re.search(r'src="(/media/images/[^"]+)"', html).group(1)
    response = client.get(rendition_url)
    response.close()
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert not response.has_header("Content-Encoding")
    original = client.get(image.file.url)
    original.close()
    assert original["Cache-Control"] == "public, max-age=86400"
