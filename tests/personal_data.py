"""Every form in which a visitor's details could be printed, for checks that a log, an email or an
export holds none of them.

Whole values only: a fragment such as "555" of a phone number also turns up in random task ids and
request ids, and a check that looks for it fails about once a hundred runs for no fault of the product.
"""

import phonenumbers

# Values no product text, id or random token could contain by chance: what the privacy checks post.
RECOGNISABLE = {
    "full_name": "Quentin Zebulon-Marchetti",
    "email": "quentin.zebulon@example.org",
    "phone": "(503) 555-0187",
    "best_time": "Thursdays around half past four",
    "message": "Flurbitrex dosage made my tinnitus worse last winter",
}


def phone_forms(typed: str, region: str = "US") -> set[str]:
    """The phone number as typed, and as E.164, national, international and bare national digits."""
    number = phonenumbers.parse(typed, region)
    formats = phonenumbers.PhoneNumberFormat
    national = phonenumbers.format_number(number, formats.NATIONAL)
    return {
        typed,
        phonenumbers.format_number(number, formats.E164),
        national,
        phonenumbers.format_number(number, formats.INTERNATIONAL),
        "".join(digit for digit in national if digit.isdigit()),
    }


def printed_forms(
    *, full_name: str = "", email: str = "", phone: str = "", **others: str
) -> set[str]:
    """The name (whole, and each part of four letters or more), the email address, the phone number
    in every format, and any other typed value (message, best time …) whole."""
    forms = {value for value in (full_name, email, *others.values()) if value}
    forms |= {part for part in full_name.replace("-", " ").split() if len(part) >= 4}
    if phone:
        forms |= phone_forms(phone)
    return forms


def assert_holds_none_of(text: str, forms: set[str], where: str = "the text") -> None:
    """Fail naming the first recognisable value found in the text."""
    found = sorted(value for value in forms if value in text)
    assert not found, f"{where} holds {found[0]!r}"
