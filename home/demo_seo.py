"""Demo values for wagtail-seo's site setting: the clinic as a medical organisation, its logo, a
default sharing image and the Twitter card. Created by `manage.py seed_demo` after the home page."""

import datetime
import io
import json
from decimal import Decimal

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Site
from wagtailseo.models import SeoSettings

from home.demo_images import get_or_create_demo_image
from home.models import ClinicSettings, HomePage

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


def opening_hours() -> list:
    weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    return [
        {
            "type": "hours",
            "value": {
                "days": weekdays,
                "start_time": datetime.time(8),
                "end_time": datetime.time(18),
            },
        },
        {
            "type": "hours",
            "value": {
                "days": ["Saturday"],
                "start_time": datetime.time(9),
                "end_time": datetime.time(13),
            },
        },
    ]


def seed() -> None:
    """Fill the SEO setting once; never overwrite what an editor changed."""
    site = Site.objects.get(root_page=HomePage.objects.first())
    seo = SeoSettings.for_site(site)
    if seo.struct_org_name:
        return
    clinic = ClinicSettings.for_site(site)
    seo.og_meta = seo.twitter_meta = seo.struct_meta = True
    seo.twitter_site = ""
    seo.og_image_default = get_or_create_demo_image("Morning hills", "morning")
    seo.struct_org_type = "MedicalOrganization"
    seo.struct_org_name = clinic.clinic_name
    seo.struct_org_logo = get_or_create_logo()
    seo.struct_org_image = seo.og_image_default
    seo.struct_org_phone = "+1-503-555-0142"
    seo.struct_org_address_street = clinic.street_address
    seo.struct_org_address_locality = clinic.locality
    seo.struct_org_address_region = clinic.region
    seo.struct_org_address_postal = clinic.postal_code
    seo.struct_org_address_country = "US"
    seo.struct_org_geo_lat = Decimal("45.530100")
    seo.struct_org_geo_lng = Decimal("-122.685600")
    seo.struct_org_hours = opening_hours()
    seo.struct_org_extra_json = json.dumps(CLINIC_EXTRA_JSON)
    seo.save()
