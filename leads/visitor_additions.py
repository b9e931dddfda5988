"""What other apps add to the two things a visitor gets after sending a request: the thank-you
page and the confirmation email. Leads never imports those apps (the call booking adds its time
picker and its link this way); each registers a function at start-up.

- `register_thank_you_section(section)`: `section(request, sent)` returns HTML (marked safe) to
  show below the thank-you text, or "". `sent` is the `SentRequest` the page is about.
- `register_confirmation_section(section)`: `section(lead, inquiry, sent)` returns a
  `ConfirmationSection(text, html)` to add to the confirmation email, or None. It runs in the
  worker that builds the email, inside the email's language."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class SentRequest:
    """The request a visitor has just sent, as the thank-you page and the confirmation know it.
    `may_follow_up` is False when the request is urgent (help first, no offers) or may come from
    someone other than the lead's person (a shared phone number): nothing may then open the
    lead to whoever sent it."""

    lead_id: int
    inquiry_id: int | None
    urgent: bool
    possibly_different_person: bool

    @property
    def may_follow_up(self) -> bool:
        return not self.urgent and not self.possibly_different_person

    def as_session(self) -> dict:
        return {
            "lead": self.lead_id,
            "inquiry": self.inquiry_id,
            "urgent": self.urgent,
            "doubt": self.possibly_different_person,
        }

    @classmethod
    def from_session(cls, value) -> "SentRequest | None":
        if not isinstance(value, dict) or not isinstance(value.get("lead"), int):
            return None
        return cls(
            lead_id=value["lead"],
            inquiry_id=value.get("inquiry") if isinstance(value.get("inquiry"), int) else None,
            urgent=bool(value.get("urgent")),
            possibly_different_person=bool(value.get("doubt")),
        )


@dataclass(frozen=True)
class ConfirmationSection:
    text: str
    html: str


thank_you_sections: list[Callable] = []
confirmation_sections: list[Callable] = []


def register_thank_you_section(section: Callable) -> Callable:
    if section not in thank_you_sections:
        thank_you_sections.append(section)
    return section


def register_confirmation_section(section: Callable) -> Callable:
    if section not in confirmation_sections:
        confirmation_sections.append(section)
    return section
