import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from blog.models import Topic
from core.models import ClinicSettings
from home.models import HomePage

pytestmark = pytest.mark.django_db


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "sites": Site.objects.count(),
        "groups": Group.objects.count(),
        "topics": Topic.objects.count(),
        "translation sources": TranslationSource.objects.count(),
        "translations": Translation.objects.count(),
        "string translations": StringTranslation.objects.count(),
    }


def spanish_pages() -> dict[str, tuple]:
    """Each live Spanish page's address with its last publish and latest revision."""
    pages = Page.objects.live().filter(locale__language_code="es")
    return {
        page.url: (page.last_published_at, page.latest_revision_id)
        for page in pages.order_by("path")
    }


def test_seed_demo_twice_gives_the_same_pages_and_rows():
    call_command("seed_demo")
    first = counts()
    call_command("seed_demo")
    assert counts() == first


def test_seed_demo_twice_leaves_the_spanish_pages_and_their_translations_as_they_were():
    call_command("seed_demo")
    first, pages = counts(), spanish_pages()
    for url in ("/es/", "/es/contacto/", "/es/autoevaluacion/", "/es/privacidad/"):
        assert url in pages
    assert any(url.startswith("/es/articulos/") for url in pages)
    call_command("seed_demo")
    assert counts() == first
    assert spanish_pages() == pages


def test_seed_demo_creates_a_filled_in_home_page_as_the_site_root():
    call_command("seed_demo", "--no-translations")
    home = HomePage.objects.get(locale__language_code="en")
    site = Site.objects.get(is_default_site=True)
    assert site.root_page_id == home.pk
    assert home.live and home.hero_heading and home.hero_image and home.hero_image_alt
    assert len(home.body) >= 2
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()
    assert ClinicSettings.for_site(site).phone


def test_seed_demo_keeps_what_editors_changed():
    call_command("seed_demo", "--no-translations")
    home = HomePage.objects.get(locale__language_code="en")
    home.hero_heading = "Edited by marketing"
    home.save_revision().publish()
    call_command("seed_demo", "--no-translations")
    assert HomePage.objects.get(locale__language_code="en").hero_heading == "Edited by marketing"


def english_pages() -> dict[int, tuple]:
    """Each English page's address, whether it is live, and its latest revision."""
    pages = Page.objects.filter(locale__language_code="en", depth__gt=1)
    return {page.pk: (page.url, page.live, page.latest_revision_id) for page in pages}


def test_seed_demo_without_translations_makes_the_same_english_site_and_nothing_in_spanish():
    call_command("seed_demo", "--no-translations")
    english = english_pages()
    assert "/" in {url for url, _, _ in english.values()} and len(english) >= 10
    assert not Page.objects.filter(locale__language_code="es").exists()
    assert not Topic.objects.filter(locale__language_code="es").exists()
    assert not Translation.objects.exists() and not StringTranslation.objects.exists()
    # The whole seed on top adds the Spanish pages and leaves the English ones as they were:
    # the English pages of a seed without translations are those of the whole demo.
    call_command("seed_demo")
    assert english_pages() == english
    assert "/es/contacto/" in spanish_pages()
