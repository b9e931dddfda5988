"""Demo content for leads: the contact page, the privacy notice, the home page's call-to-action
pointing at the contact page. Created by `manage.py seed_demo` (which also makes, on a local run,
a demo intake user: home.demo_users.seed_local_staff)."""

from leads.pages import ContactPage, PrivacyNoticePage

CONTACT_INTRO = (
    "<p>Tell us a little about how to reach you and a member of our intake team will get back "
    "to you, usually within one business day. There is no cost and no obligation: the first "
    "conversation is about your questions.</p>"
)
THANK_YOU_TEXT = (
    "<h2>What happens next</h2>"
    "<ol><li>A member of our intake team reads your request during opening hours.</li>"
    "<li>We contact you the way you asked, usually within one business day.</li>"
    "<li>We talk through your history, answer questions about cost and safety, and explain "
    "whether an assessment makes sense for you.</li></ol>"
    "<p>We have also sent a short confirmation to your email address.</p>"
)
PRIVACY_BODY = (
    "<h2>What we keep when you contact us</h2>"
    "<p>When you send the contact form we store what you typed (your name, email address, "
    "phone number, how and when you would like to be reached, and your message), the page you "
    "sent it from, and how you found our site (for example the campaign in the link you "
    "followed). We do not store your network address: we keep only a scrambled code made from "
    "it, to stop automated abuse of the form.</p>"
    "<h2>Who reads it</h2>"
    "<p>Only our intake staff, who use it to contact you about your request. We never sell it "
    "or share it for advertising.</p>"
    "<h2>Why we keep it</h2>"
    "<p>To answer your request, to make sure no request goes unanswered, and to know which of "
    "our pages help people find us (counted, never with names).</p>"
    "<h2>Your copy, or erasing it all</h2>"
    "<p>When you ask, our intake team records your request with a reference number and looks up "
    "every request you sent us with your email address or phone number. If someone else, for "
    "example a relative, used the same phone number, we check with you which requests are yours, "
    "and we first confirm your request with you at the email address or phone number you gave "
    "us.</p>"
    "<p><strong>A copy</strong> is one file you can print or keep (also available in a "
    "machine-readable form): what you typed in each request, the page you wrote from and the "
    "pages and campaign links that brought you to us, the consent you gave and its version, how "
    "your request progressed, and the emails we sent you. It names our staff by role only, and "
    "it does not include our staff's working notes or anything about anyone else.</p>"
    "<p><strong>Erasing</strong> removes from all your requests at once your name, contact "
    "details, messages, the pages and campaign links of your visit, and our notes; emails not "
    "yet sent to you are cancelled. What remains are anonymous counts (a request's status, its "
    "dates and which of our pages it came from) and a record that the erasure was done, when, "
    "by which member of our staff and under which reference, without your details. If you "
    "contact us again later, we start over.</p>"
)


def home_call_to_action(contact: ContactPage) -> dict:
    return {
        "heading": "Ready to talk it through?",
        "text": (
            "Ask for a call back. A member of our intake team answers your questions about "
            "treatment, cost and safety. There is no obligation."
        ),
        "button_label": "Request a call",
        "page": contact,
        "url": "",
    }


def seed(home) -> None:
    """Create what is missing under the home page (which `seed_demo` passes in); never overwrite
    what editors changed."""
    privacy = PrivacyNoticePage.objects.child_of(home).first()
    if privacy is None:
        privacy = home.add_child(
            instance=PrivacyNoticePage(
                title="Privacy notice",
                slug="privacy",
                body=PRIVACY_BODY,
                search_description="What our clinic keeps when you contact us, and why.",
            )
        )
        privacy.save_revision().publish()
    contact = ContactPage.objects.child_of(home).first()
    if contact is None:
        contact = home.add_child(
            instance=ContactPage(
                title="Request a call",
                slug="contact",
                show_in_menus=True,
                intro=CONTACT_INTRO,
                form_heading="Ask us to contact you",
                thank_you_heading="Thank you: we have your request",
                thank_you_text=THANK_YOU_TEXT,
                search_description=(
                    "Ask our intake team to contact you about ketamine infusion therapy for "
                    "treatment-resistant depression."
                ),
            )
        )
        contact.save_revision().publish()
    if not home.hero_cta_page_id and not home.hero_cta_label:
        home.hero_cta_label = "Request a call"
        home.hero_cta_page = contact
        # The home page ends with the same invitation (the contact page exists only from here on).
        home.body.append(("call_to_action", home_call_to_action(contact)))
        home.save_revision().publish()
