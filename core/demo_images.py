"""Demo images drawn with Pillow, so the demo needs no downloaded or licensed photos."""

import io
import math

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model


def _draw_landscape(width: int, height: int, top: tuple, bottom: tuple, hills: tuple) -> bytes:
    """A soft sky-to-horizon gradient with two rolling hills, saved as JPEG."""
    canvas = PILImage.new("RGB", (width, height))
    draw = ImageDraw.Draw(canvas)
    for y in range(height):
        t = y / (height - 1)
        colour = tuple(round(top[i] + (bottom[i] - top[i]) * t) for i in range(3))
        draw.line([(0, y), (width, y)], fill=colour)
    for layer, (base, amplitude, colour) in enumerate(hills):
        points = [(0, height)]
        for x in range(0, width + 1, 8):
            wave = math.sin((x / width) * math.pi * (1.4 + layer * 0.7) + layer)
            points.append((x, round(height * base - amplitude * height * wave)))
        points.append((width, height))
        draw.polygon(points, fill=colour)
    buffer = io.BytesIO()
    canvas.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


PALETTES = {
    "morning": (
        (214, 232, 236),
        (246, 234, 210),
        ((0.72, 0.06, (120, 160, 140)), (0.85, 0.05, (70, 120, 105))),
    ),
    "dusk": (
        (200, 214, 232),
        (240, 214, 200),
        ((0.70, 0.07, (110, 140, 150)), (0.86, 0.04, (60, 95, 100))),
    ),
    "meadow": (
        (224, 238, 230),
        (250, 244, 220),
        ((0.68, 0.05, (150, 180, 130)), (0.84, 0.06, (90, 135, 100))),
    ),
    "lake": (
        (205, 225, 240),
        (228, 240, 240),
        ((0.74, 0.04, (100, 150, 170)), (0.88, 0.03, (50, 100, 120))),
    ),
    "forest": (
        (222, 234, 222),
        (238, 230, 210),
        ((0.66, 0.08, (95, 140, 110)), (0.83, 0.05, (45, 90, 70))),
    ),
}


def get_or_create_demo_image(title: str, palette: str, width: int = 1600, height: int = 1000):
    """Return the Wagtail image called `title`, drawing and saving it the first time."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    top, bottom, hills = PALETTES[palette]
    content = _draw_landscape(width, height, top, bottom, hills)
    slug = title.lower().replace(" ", "-")
    image = Image(title=title)
    image.file = ImageFile(io.BytesIO(content), name=f"{slug}.jpg")
    image.save()
    return image
