"""Spanish as a content language: its Wagtail locale, beside English (created by Wagtail itself).

Going back leaves the locale in place: deleting it would cascade into wagtail-localize's tables
through historical models that need not match them, and an unused locale is harmless."""

from django.db import migrations


def add_spanish(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.get_or_create(language_code="es")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_spanish_crisis_message"),
        ("wagtailcore", "0054_initial_locale"),
    ]

    operations = [migrations.RunPython(add_spanish, migrations.RunPython.noop)]
