"""Demo content for the home page and site settings, created by `manage.py seed_demo`."""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Page, Site

from core.demo_images import get_or_create_demo_image
from core.models import ClinicSettings
from core.seeding import refresh_seeded_page
from home.models import HomePage

HOME_BODY = [
    {
        "type": "paragraph",
        "value": (
            "<h2>Help when depression has not lifted</h2>"
            "<p>Many people try two, three or more antidepressants and still feel stuck. That is "
            "not a personal failure: it is a recognized condition called treatment-resistant "
            "depression, and there are options beyond another prescription. Our clinic offers "
            "ketamine infusion therapy under medical supervision, alongside the care you already "
            "have.</p>"
            "<p>Using IV ketamine for depression is an off-label use of an approved anesthetic "
            "medicine: doctors prescribe it for a purpose other than the one it was approved for. "
            "The ketamine-type product approved for treatment-resistant depression in the US is "
            "esketamine nasal spray, given only in certified settings under a safety monitoring "
            "program. Other options include ECT, magnetic stimulation (TMS), added medicines and "
            "talk therapy. After a first course of ketamine, many people who responded find their "
            "symptoms return within weeks, so maintenance sessions or another plan are often "
            "needed.</p>"
            "<p>Ketamine does not help everyone. Common side effects during an infusion are "
            "feeling detached or dreamlike (dissociation), a rise in blood pressure and heart "
            "rate, sleepiness, nausea, dizziness and blurred vision. They usually pass within an "
            "hour or two. Rarely, breathing slows, which is why a nurse checks your oxygen level "
            "the whole time. The long-term safety of repeated doses is not known.</p>"
        ),
    },
    {
        "type": "callout",
        "value": {
            "heading": "What a first conversation looks like",
            "text": (
                "<p>A member of our intake team calls you back, listens, answers questions about "
                "cost and safety, and explains whether an assessment makes sense. There is no "
                "obligation.</p>"
            ),
        },
    },
]


# The home page's sections, from the facts the demo articles use. The regulatory note sits with
# the steps so the treatment is never described without it.
HOME_SECTIONS = [
    {
        "type": "treatment_steps",
        "value": {
            "heading": "How treatment works",
            "regulatory_note": (
                "Ketamine is an approved anesthetic medicine. Giving it by IV infusion for "
                "depression is an off-label use: the FDA has not approved it for this purpose. "
                "Your clinician explains what that means for you before you decide."
            ),
            "steps": [
                {
                    "title": "A first call and an assessment",
                    "text": (
                        "Our intake team calls you back and answers your questions. If "
                        "infusions may suit you, a clinician reviews your health, your "
                        "medicines and your history of depression with you."
                    ),
                },
                {
                    "title": "An infusion, watched the whole time",
                    "text": (
                        "The infusion takes about 45 minutes. A nurse monitors your heart rate, "
                        "blood pressure and oxygen level throughout. You then rest for about 30 "
                        "minutes, and a companion takes you home."
                    ),
                },
                {
                    "title": "A first course over about two weeks",
                    "text": (
                        "Most people start with four to six infusions over about two weeks. We "
                        "check in with you before each one."
                    ),
                },
                {
                    "title": "Maintenance sessions when they help",
                    "text": (
                        "If the infusions help, some people come back for occasional maintenance "
                        "sessions, spaced further apart. You and your clinician decide together."
                    ),
                },
            ],
        },
    },
    {
        "type": "audience",
        "value": {
            "heading": "Who it is for",
            "points": [
                "Adults with major depression that has not lifted after at least two "
                "antidepressants, each taken at a proper dose for long enough.",
                "People who want to keep their current care: infusions are added to it, not a "
                "replacement for it.",
            ],
            "note": (
                "Infusions are not right for everyone. A clinician checks your health first: "
                "pregnancy or breastfeeding, uncontrolled high blood pressure, some heart "
                "conditions, current or past substance use problems, or a history of psychosis "
                "(losing touch with reality) or mania can rule them out."
            ),
        },
    },
    {
        "type": "latest_articles",
        "value": {
            "heading": "Latest articles",
            "intro": "Written for patients and families from published research.",
            "link_label": "All articles",
        },
    },
]


def site_address() -> tuple[str, int]:
    """The host and port visitors use, taken from WAGTAILADMIN_BASE_URL."""
    parts = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return parts.hostname or "localhost", port


def seed_site() -> HomePage:
    """Create the Site, its filled-in HomePage and the clinic details, where they are missing.

    Never overwrites: a second run, or a run after editors changed the content, changes nothing.
    """
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's migrations create a bare "Welcome" page; the clinic's home page replaces it.
        for placeholder in root.get_children().filter(
            content_type__app_label="wagtailcore", content_type__model="page"
        ):
            placeholder.delete()
        home = root.add_child(
            instance=HomePage(
                title="Home",
                slug="home",
                seo_title="Ketamine Infusion Therapy for Depression",
                search_description=(
                    "Medically supervised ketamine infusion therapy for treatment-resistant "
                    "depression. Ask for a call back from our intake team."
                ),
                hero_heading="Ketamine infusion therapy for treatment-resistant depression",
                hero_text=(
                    "When antidepressants have not helped, a new approach may. Talk with our team "
                    "about whether ketamine infusions are right for you."
                ),
                hero_image=get_or_create_demo_image("Morning hills", "morning"),
                hero_image_alt="Soft morning light over green rolling hills.",
                body=HOME_BODY + HOME_SECTIONS,
            )
        )
        home.save_revision().publish()

    site = Site.objects.filter(is_default_site=True).first()
    if site is None or site.root_page_id != home.pk:
        hostname, port = site_address()
        site = site or Site(is_default_site=True, hostname=hostname, port=port)
        site.root_page = home
        site.site_name = site.site_name or "Evergreen Ketamine Clinic"
        site.save()

    clinic = ClinicSettings.for_site(site)
    if not clinic.phone:
        clinic.clinic_name = "Evergreen Ketamine Clinic"
        clinic.phone = "+15035550142"
        clinic.email = "care@evergreen-clinic.example"
        clinic.street_address = "1200 NW Lovejoy Street, Suite 300"
        clinic.locality = "Portland"
        clinic.region = "OR"
        clinic.postal_code = "97209"
        clinic.save()
    return HomePage.objects.get(pk=home.pk)


def seed() -> HomePage:
    """The site, its home page and clinic details (seed_site), refreshed to the current demo body;
    returns the home page for the other apps' seeders."""
    home = seed_site()
    # Installs seeded before a correction of the treatment text get it, unless an editor saved
    # the home page.
    refresh_seeded_page(home, {"body": seeded_home_body(home)})
    return home


def seeded_home_body(home: HomePage) -> list:
    """The home page's demo body: the text and sections in the code, then the call to action that
    the leads seed appends once the contact page exists (kept, so a refresh never drops it)."""
    endings = [item for item in home.body.raw_data if item["type"] == "call_to_action"]
    return HOME_BODY + HOME_SECTIONS + endings
