"""The demo seeded once for a class of tests (`class_demo` and `shared_demo` in tests/conftest.py):
each test of the class starts from the demo as seeded, whatever the one before it wrote, and finds
the demo's images in its own media folder. The two tests below write the same things; whichever
runs second would see the first one's rows if they leaked."""

from pathlib import Path

import pytest
from django.conf import settings
from wagtail.images import get_image_model

from home.models import HomePage
from leads.models import Lead
from tests.factories import LeadFactory

pytestmark = pytest.mark.django_db

HEADING = "A heading no seed writes"


def assert_as_seeded_then_write(client) -> None:
    assert Lead.objects.count() == 0
    home = HomePage.objects.get(locale__language_code="en")
    assert home.hero_heading != HEADING
    assert HEADING not in client.get("/").content.decode()
    images = get_image_model().objects.all()
    assert images.exists()
    for image in images:
        assert (Path(settings.MEDIA_ROOT) / image.file.name).is_file(), image.file.name

    LeadFactory()
    home.hero_heading = HEADING
    home.save_revision().publish()
    assert HEADING in client.get("/").content.decode()


class TestOneSeedForTheClass:
    seed_demo_args = ("--no-translations",)

    def test_one_writer(self, client, shared_demo):
        assert_as_seeded_then_write(client)

    def test_another_writer(self, client, shared_demo):
        assert_as_seeded_then_write(client)
