"""Rows saved before format characters were refused lose them now: a bidirectional override or a
zero-width character in a name must not make it read as something else in the lead list, a title,
an export or an email."""

import unicodedata

from django.db import migrations

SINGLE_LINE = (
    "full_name",
    "best_time",
    "source_url",
    "landing_page",
    "referrer",
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "utm_term",
    "utm_content",
)
# Those that reorder text; a message keeps the zero-width joiners emoji are spelled with.
BIDI_CONTROLS = {chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))} | {
    "\u200e",
    "\u200f",
    "\u061c",
}


def without_format_characters(text, keep_joiners=False):
    return "".join(
        ch
        for ch in text
        if unicodedata.category(ch) != "Cf" or (keep_joiners and ch not in BIDI_CONTROLS)
    )


def clean_rows(apps, schema_editor):
    for name in ("Lead", "Inquiry"):
        model = apps.get_model("leads", name)
        for row in model.objects.only("pk", "message", *SINGLE_LINE).iterator(chunk_size=2000):
            changed = {}
            for field in SINGLE_LINE:
                value = getattr(row, field)
                cleaned = without_format_characters(value)
                if cleaned != value:
                    changed[field] = cleaned
            message = without_format_characters(row.message, keep_joiners=True)
            if message != row.message:
                changed["message"] = message
            if changed:
                model.objects.filter(pk=row.pk).update(**changed)


class Migration(migrations.Migration):
    dependencies = [("leads", "0016_mailbox_key_on_every_submission")]

    operations = [migrations.RunPython(clean_rows, migrations.RunPython.noop)]
