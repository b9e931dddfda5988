"""Demo content for the self-check: the page itself, published, and a call to action on the home
page that opens it. `seed_demo` runs this after the leads seed (the result's request form needs
the contact page) and before the blog seed, whose articles link their call to action here by the
page's address, without importing this app."""

from core.seeding import edited_by_someone
from selfcheck.pages import SelfCheckPage

SLUG = "self-check"

INTRO = (
    "<p>Not sure whether your depression counts as “treatment-resistant”, or whether ketamine "
    "could be an option for you? Answer a few short questions about the treatments you have "
    "tried and your health. You get a plain-language answer and a way to talk it through with "
    "us.</p>"
)
MATCHES_TEXT = (
    "<p>That does not mean ketamine is right for you: only a clinician who knows your history "
    "can say. A first call is free and there is no obligation. We listen, answer your questions "
    "about safety and cost, and explain whether an assessment makes sense.</p>"
)
NOT_YET_TEXT = (
    "<p>Many people feel better after changing the dose, switching to another antidepressant, "
    "adding talk therapy or another medicine. Your prescriber knows your history and is the best "
    "person to plan the next step with. If you have questions about ketamine, we are glad to "
    "answer them.</p>"
)
HEALTH_CHECK_TEXT = (
    "<p>Some health conditions change whether ketamine is safe, so a doctor looks at them "
    "carefully before anything else. That is not a no: it means your care is planned around "
    "your health. Tell us how to reach you and we will talk it through.</p>"
)


SECOND_LABEL = "Could this be for me? Take the self-check"


def home_call_to_action(page: SelfCheckPage) -> dict:
    """The home page's own invitation, for a home page that has no call to action yet."""
    return {
        "heading": "Could this be for me?",
        "text": (
            "Answer a few short questions and get a plain-language answer. Nothing is saved "
            "unless you choose to send it to us."
        ),
        "button_label": "Take the self-check",
        "page": page.pk,
        "url": "",
        "second_label": "",
        "second_page": None,
    }


def link_from_home(home, page: SelfCheckPage) -> None:
    """Give the home page's call to action (the leads seed's "Request a call") the quieter link
    to the self-check, as every article's has; without one, add the self-check's own. Only on a
    home page no editor has saved, and only once."""
    if edited_by_someone(home):
        return
    body = [dict(item) for item in home.body.raw_data]
    endings = [item for item in body if item["type"] == "call_to_action"]
    if any(
        page.pk in (item["value"].get("page"), item["value"].get("second_page")) for item in endings
    ):
        return
    if endings:
        endings[-1]["value"] = {
            **endings[-1]["value"],
            "second_label": SECOND_LABEL,
            "second_page": page.pk,
        }
    else:
        body.append({"type": "call_to_action", "value": home_call_to_action(page)})
    home.body = body
    home.save_revision().publish()


def seed(home) -> None:
    """Create the self-check under the home page (which `seed_demo` passes in) where it is
    missing, and add its call to action to the home page once; never overwrite what editors
    changed."""
    page = SelfCheckPage.objects.child_of(home).first()
    if page is None:
        page = home.add_child(
            instance=SelfCheckPage(
                title="Could this be for me?",
                slug=SLUG,
                seo_title="Could ketamine be for me? A two-minute self-check",
                search_description=(
                    "A short, private self-check: has your depression not eased after two "
                    "antidepressants, and what a doctor checks first. Not a diagnosis."
                ),
                intro=INTRO,
                matches_text=MATCHES_TEXT,
                not_yet_text=NOT_YET_TEXT,
                health_check_text=HEALTH_CHECK_TEXT,
            )
        )
        page.save_revision().publish()
    link_from_home(home.specific, page)
