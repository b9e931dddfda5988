"""The "contact form" StreamField block: the contact page's form, embedded in any page's body."""

from wagtail import blocks
from wagtail.models import Site

from leads.contact_form import ContactForm
from leads.pages import ContactPage, PrivacyNoticePage


class ContactFormBlock(blocks.StructBlock):
    """Shows the contact form on the page that holds it; the form posts to the site's contact page,
    and the lead records this page as its source."""

    heading = blocks.CharBlock(
        max_length=120,
        default="Ask us to contact you",
        help_text="The heading above the form.",
    )
    text = blocks.TextBlock(
        required=False,
        max_length=400,
        help_text="Optional sentence or two above the form, e.g. who will call back and when.",
    )

    class Meta:
        icon = "mail"
        label = "Contact form"
        template = "blocks/contact_form.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = context.get("request")
        site = Site.find_for_request(request) if request is not None else None
        page = context.get("page")
        context["contact_page"] = ContactPage.for_site(site)
        context["privacy_notice"] = PrivacyNoticePage.for_site(site)
        context["form"] = ContactForm.for_display(source_page_id=getattr(page, "pk", None))
        return context
