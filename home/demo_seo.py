"""Demo values for wagtail-seo's site setting: the clinic as a medical organisation, its logo, a
default sharing image and the Twitter card. Created by `manage.py seed_demo` after the home page.
The clinic's name, phone, address and hours are not copied here: the organisation's JSON-LD reads
them from ClinicSettings (core.pages.SeoPageMixin)."""

import io
import json
from decimal import Decimal

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Site
from wagtailseo.models import SeoSettings

from core.demo_images import get_or_create_demo_image

LOGO_TITLE = "Evergreen clinic logo"
BRAND_GREEN = (29, 92, 85)
# Rendered as `@type` over wagtail-seo's organisation types, which stop at MedicalOrganization.
CLINIC_EXTRA_JSON = {"@type": "MedicalClinic", "medicalSpecialty": "Psychiatric"}


def draw_logo(size: int = 512) -> bytes:
    """A simple evergreen tree on a green disc, drawn so the demo needs no licensed artwork."""
    canvas = PILImage.new("RGB", (size, size), (255, 255, 255))
    draw = ImageDraw.Draw(canvas)
    draw.ellipse([0, 0, size - 1, size - 1], fill=BRAND_GREEN)
    centre = size // 2
    for tier in range(3):
        top = size * (0.2 + tier * 0.15)
        half_width = size * (0.14 + tier * 0.06)
        draw.polygon(
            [
                (centre, top),
                (centre - half_width, top + size * 0.25),
                (centre + half_width, top + size * 0.25),
            ],
            fill=(243, 230, 200),
        )
    draw.rectangle(
        [centre - size * 0.04, size * 0.7, centre + size * 0.04, size * 0.82], fill=(243, 230, 200)
    )
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    return buffer.getvalue()


def get_or_create_logo():
    Image = get_image_model()
    logo = Image.objects.filter(title=LOGO_TITLE).first()
    if logo is None:
        logo = Image(title=LOGO_TITLE)
        logo.file = ImageFile(io.BytesIO(draw_logo()), name="evergreen-logo.png")
        logo.save()
    return logo


def seed(home) -> None:
    """Fill the SEO setting once; never overwrite what an editor changed."""
    site = Site.objects.get(root_page=home)
    seo = SeoSettings.for_site(site)
    if seo.struct_org_type:
        return
    seo.og_meta = seo.twitter_meta = seo.struct_meta = True
    seo.twitter_site = ""
    seo.og_image_default = get_or_create_demo_image("Morning hills", "morning")
    seo.struct_org_type = "MedicalOrganization"
    seo.struct_org_logo = get_or_create_logo()
    seo.struct_org_image = seo.og_image_default
    seo.struct_org_geo_lat = Decimal("45.530100")
    seo.struct_org_geo_lng = Decimal("-122.685600")
    seo.struct_org_extra_json = json.dumps(CLINIC_EXTRA_JSON)
    seo.save()
