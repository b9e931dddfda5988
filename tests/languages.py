"""Spanish versions of pages for tests, made as an editor makes them: copied for translation,
changed, published, with the ancestors they need published too."""

from wagtail.models import Locale


def spanish():
    return Locale.objects.get(language_code="es")


def translate(page, **fields):
    """The page's Spanish version, published, with `fields` changed (as an editor would do by
    copying the page for translation)."""
    page = page.specific
    translated = page.copy_for_translation(spanish(), copy_parents=True)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    for ancestor in translated.get_ancestors().filter(depth__gte=2):
        if not ancestor.live:
            ancestor.save_revision().publish()
    return type(page).objects.get(pk=translated.pk)
