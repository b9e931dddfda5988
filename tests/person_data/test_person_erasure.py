"""An erasure bug as staff met it: a person has an earlier lead closed as "not a fit"
and a newer open one; "Erase this person" on the newer lead must leave nothing of them in either.

Written against the pages only (the lead page's "Erase this person" control, then whatever form it
leads to, submitted as a browser would with the person's request reference), so the same test runs
on the code before the fix, where the control erased the newer lead alone."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from leads import follow_up
from leads.intake import submit_lead
from leads.models import Lead
from tests.personal_data import assert_holds_none_of, printed_forms

pytestmark = pytest.mark.django_db

ROBIN = {
    "full_name": "Robin Okafor",
    "email": "Robin.Okafor@example.org",
    "phone": "+15035550123",
    "preferred_contact_method": "phone",
    "message": "Nothing has helped my depression in three years.",
}
REFERENCE = "PR-2026-003"


def submit_as_a_browser(client, form, button):
    """Post a form the way a browser does when staff tick every confirmation box, type the request
    reference and press `button`: checked boxes, hidden and text inputs, the button's own value."""
    data = {}
    for field in form.find_all("input"):
        name, kind = field.get("name"), field.get("type", "text")
        if not name:
            continue
        if kind == "checkbox":
            if field.has_attr("checked") or name == "confirm":
                data.setdefault(name, []).append(field.get("value", "on"))
        elif name == "reference":
            data[name] = REFERENCE
        elif kind in ("hidden", "text", "email", "tel"):
            data[name] = field.get("value", "")
    target = button.get("formaction") or form.get("action")
    return client.post(target, data)


def test_erase_this_person_on_the_newer_lead_also_erases_their_earlier_closed_lead(
    client, contact_page, intake_user
):
    earlier = submit_lead(
        details=ROBIN,
        consent_version="consent-2026-11",
        source_page=contact_page,
        received_at=timezone.now() - datetime.timedelta(days=40),
    )
    follow_up.change_status(earlier, "not_a_fit", intake_user)
    newer = submit_lead(details=ROBIN, consent_version="consent-2026-11", source_page=contact_page)
    assert newer.pk != earlier.pk
    client.force_login(intake_user)
    # Staff record the person's request first (the form of the "Person requests" list).
    client.post(
        "/admin/person-requests/new/",
        {"reference": REFERENCE, "kind": "erasure", "received_on": "2026-11-30"},
    )

    lead_page = client.get(reverse("contact_requests:inspect", args=[newer.pk]))
    control = BeautifulSoup(lead_page.content, "html.parser").find(string="Erase this person")
    assert control is not None, "the lead page offers 'Erase this person'"
    element = control.parent
    if element.name == "a":
        page = BeautifulSoup(client.get(element["href"]).content, "html.parser")
        search = page.find("form", attrs={"aria-label": "Find a person"})
        if not page.select("[data-testid=person-matches]"):
            # The link fills the search in without running it; staff press Find.
            found = submit_as_a_browser(client, search, search.find("button"))
            page = BeautifulSoup(found.content, "html.parser")
    else:
        page = element.find_parent("details")
    button = page.find("button", string=lambda text: text and text.startswith("Erase"))
    response = submit_as_a_browser(client, button.find_parent("form"), button)

    assert response.status_code == 302
    robin = printed_forms(**{name: ROBIN[name] for name in ("full_name", "email", "phone")})
    for lead in (newer, earlier):
        saved = Lead.objects.get(pk=lead.pk)
        shown = " ".join([saved.full_name, saved.email, str(saved.phone or ""), saved.message])
        assert_holds_none_of(shown, robin | {ROBIN["message"]}, f"contact request #{lead.pk}")
