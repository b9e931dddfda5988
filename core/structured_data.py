"""schema.org objects (JSON-LD) that wagtail-seo does not build. Pages call these from their
`structured_data()`; templates print them with the `json_ld` filter."""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext as _

from core.locale import language_of

SCHEMA_CONTEXT = "https://schema.org"

# What every medical page of the site is about: the clinic treats nothing else (articles, the
# self-check).
TREATMENT_RESISTANT_DEPRESSION = {
    "@type": "MedicalCondition",
    "name": "Treatment-resistant depression",
    "alternateName": "TRD",
    "associatedAnatomy": {"@type": "AnatomicalStructure", "name": "Brain"},
}

# The default language's pages have always said "en-US" (the clinic's readers are in the US);
# the other languages' pages say their locale's code.
DEFAULT_LANGUAGE_TAG = "en-US"


def in_language(page) -> str:
    """The page's language as schema.org's `inLanguage`: its own locale's, "es" for a Spanish
    page."""
    code = language_of(page)
    return DEFAULT_LANGUAGE_TAG if code == settings.LANGUAGE_CODE else code


# Characters that could end a <script> element or start an HTML entity, as JSON escapes.
SCRIPT_SAFE = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def to_json_ld(data: dict) -> str:
    """`data` as JSON that is safe inside <script type="application/ld+json">."""
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(SCRIPT_SAFE)


def breadcrumb_list(pages: list, request=None) -> dict:
    """A BreadcrumbList from the home page down to the current page."""
    return {
        "@context": SCHEMA_CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": _("Home") if page.depth == 2 else page.title,
                "item": page.get_full_url(request),
            }
            for position, page in enumerate(pages, start=1)
        ],
    }
