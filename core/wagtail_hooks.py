"""Admin adjustments for what core owns.

wagtail-seo's SEO setting has fields of its own for the organisation's name, phone, address and
opening hours. The JSON-LD reads those facts from ClinicSettings (core.pages.SeoPageMixin), so
the copies are left out of the SEO form: each clinic fact has one place to edit."""

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtailseo.models import SeoSettings

CLINIC_FACTS_IN_SEO_SETTINGS = {
    "struct_org_name",
    "struct_org_phone",
    "struct_org_address_street",
    "struct_org_address_locality",
    "struct_org_address_region",
    "struct_org_address_postal",
    "struct_org_address_country",
    "struct_org_hours",
}


def without_clinic_facts(panel):
    if isinstance(panel, FieldPanel) and panel.field_name in CLINIC_FACTS_IN_SEO_SETTINGS:
        return None
    if isinstance(panel, MultiFieldPanel):
        children = [kept for child in panel.children if (kept := without_clinic_facts(child))]
        return type(panel)(**{**panel.clone_kwargs(), "children": children})
    return panel


SeoSettings.panels = [kept for panel in SeoSettings.panels if (kept := without_clinic_facts(panel))]
