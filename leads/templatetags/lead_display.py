"""How the intake admin shows a lead's contact details: phone numbers the way staff dial them."""

import phonenumbers
from django import template
from django.conf import settings

register = template.Library()


def parsed_number(phone) -> phonenumbers.PhoneNumber | None:
    """The stored number (a PhoneNumber from django-phonenumber-field, or E.164 text) parsed."""
    if not phone:
        return None
    if isinstance(phone, phonenumbers.PhoneNumber):
        return phone
    try:
        return phonenumbers.parse(str(phone), settings.PHONENUMBER_DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None


@register.filter
def phone_for_display(phone) -> str:
    """National format for a number in the clinic's country ("(503) 555-0100"), international for
    any other ("+44 20 7946 0958"), so staff see at once whether the call goes abroad."""
    number = parsed_number(phone)
    if number is None:
        return str(phone or "")
    in_clinic_country = (
        phonenumbers.region_code_for_number(number) == settings.PHONENUMBER_DEFAULT_REGION
    )
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if in_clinic_country
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


@register.filter
def phone_href(phone) -> str:
    """A tel: link target in E.164, which every phone and softphone dials correctly."""
    number = parsed_number(phone)
    if number is None:
        return ""
    return "tel:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
