"""Carry each site's clinic facts into core.ClinicSettings, their one home from now on:

- name, email, address and crisis message from home.ClinicSettings;
- the phone number, parsed into E.164 (a number that does not parse is kept as typed);
- the opening hours from the escalation setting (leads.LeadFollowUpSettings, its 14 time fields,
  or their defaults where a site never saved it). They were the structured copy the clinic's
  rules ran on; the free-text hours shown in the footer are replaced by these rows;
- wagtail-seo's copies (organisation name, phone, address, hours) fill a gap in the clinic's
  own details, then are cleared, since the JSON-LD now reads ClinicSettings.
"""

import datetime

import phonenumbers
from django.db import migrations

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DEFAULT_HOURS = {
    **{day: (datetime.time(8), datetime.time(18)) for day in DAYS[:5]},
    "saturday": (datetime.time(9), datetime.time(13)),
}
SEO_COPIES = {
    "struct_org_name": "",
    "struct_org_phone": "",
    "struct_org_address_street": "",
    "struct_org_address_locality": "",
    "struct_org_address_region": "",
    "struct_org_address_postal": "",
    "struct_org_address_country": "",
}


def as_e164(raw: str) -> str:
    raw = (raw or "").strip()
    if not raw:
        return ""
    try:
        number = phonenumbers.parse(raw, "US")
    except phonenumbers.NumberParseException:
        return raw
    if not phonenumbers.is_valid_number(number):
        return raw
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def weekly_hours(follow_up) -> dict:
    if follow_up is None:
        return DEFAULT_HOURS
    hours = {}
    for day in DAYS:
        opens, closes = getattr(follow_up, f"{day}_opens"), getattr(follow_up, f"{day}_closes")
        if opens is not None and closes is not None and closes > opens:
            hours[day] = (opens, closes)
    return hours


def carry_over(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    OldClinic = apps.get_model("home", "ClinicSettings")
    Clinic = apps.get_model("core", "ClinicSettings")
    OpeningHours = apps.get_model("core", "OpeningHours")
    FollowUp = apps.get_model("leads", "LeadFollowUpSettings")
    SeoSettings = apps.get_model("wagtailseo", "SeoSettings")
    for site in Site.objects.all():
        old = OldClinic.objects.filter(site=site).first()
        seo = SeoSettings.objects.filter(site=site).first()
        if old is None and seo is None:
            continue
        clinic = Clinic(site=site)
        if old is not None:
            clinic.clinic_name = old.clinic_name
            clinic.phone = as_e164(old.phone)
            clinic.email = old.email
            clinic.street_address = old.street_address
            clinic.locality = old.locality
            clinic.region = old.region
            clinic.postal_code = old.postal_code
            clinic.crisis_message = old.crisis_message
        if seo is not None:
            clinic.clinic_name = clinic.clinic_name or seo.struct_org_name or "Evergreen Ketamine Clinic"
            clinic.phone = clinic.phone or as_e164(seo.struct_org_phone)
            if not clinic.street_address and seo.struct_org_address_street:
                clinic.street_address = seo.struct_org_address_street
                clinic.locality = seo.struct_org_address_locality
                clinic.region = seo.struct_org_address_region
                clinic.postal_code = seo.struct_org_address_postal
            clinic.country = (seo.struct_org_address_country or "US")[:2].upper()
            for name, empty in SEO_COPIES.items():
                setattr(seo, name, empty)
            seo.struct_org_hours = []
            seo.save()
        clinic.save()
        hours = weekly_hours(FollowUp.objects.filter(site=site).first())
        OpeningHours.objects.bulk_create(
            OpeningHours(setting=clinic, day=DAYS.index(day), opens=opens, closes=closes, sort_order=DAYS.index(day))
            for day, (opens, closes) in hours.items()
        )


def carry_back(apps, schema_editor):
    OldClinic = apps.get_model("home", "ClinicSettings")
    Clinic = apps.get_model("core", "ClinicSettings")
    FollowUp = apps.get_model("leads", "LeadFollowUpSettings")
    for clinic in Clinic.objects.all():
        OldClinic.objects.update_or_create(
            site=clinic.site,
            defaults={
                "clinic_name": clinic.clinic_name,
                "phone": clinic.phone or "",
                "email": clinic.email,
                "street_address": clinic.street_address,
                "locality": clinic.locality,
                "region": clinic.region,
                "postal_code": clinic.postal_code,
                "crisis_message": clinic.crisis_message,
            },
        )
        times = {}
        for day in DAYS:
            times[f"{day}_opens"] = times[f"{day}_closes"] = None
        for row in clinic.hours.all():
            times[f"{DAYS[row.day]}_opens"], times[f"{DAYS[row.day]}_closes"] = row.opens, row.closes
        FollowUp.objects.update_or_create(site=clinic.site, defaults=times)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_clinic_settings"),
        ("home", "0003_homepage_body_contact_form"),
        ("leads", "0008_field_help_texts"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailseo", "0004_seosettings_og_image_default"),
    ]

    operations = [migrations.RunPython(carry_over, carry_back)]
