"""The leads app's page types: the contact page (its form and thank-you page are routes served by
leads.public_views) and the privacy notice its consent box links to.

They sit on top of the app's layers, beside the views they route to, so the models below never
import upwards. Django loads this module with the models (LeadsConfig.import_models)."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page, Site

from core.pages import BasePage, OnePerSiteMixin
from leads.conf import leads_setting
from leads.public_views import contact_form_view, thank_you_view

TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


class ContactPage(OnePerSiteMixin, RoutablePageMixin, BasePage):
    """The page where a visitor asks the clinic to contact them; its thank-you view is a sub-path."""

    intro = RichTextField(
        blank=True,
        features=TEXT_FEATURES,
        help_text="A few welcoming sentences above the form: who will answer and how soon.",
    )
    form_heading = models.CharField(
        max_length=120,
        default="Ask us to contact you",
        help_text="The heading just above the form.",
    )
    thank_you_heading = models.CharField(
        max_length=120,
        default="Thank you: we have your request",
        help_text="The heading of the page a visitor sees after sending the form.",
    )
    thank_you_text = RichTextField(
        blank=True,
        features=TEXT_FEATURES,
        help_text=(
            "What happens next, shown after the form is sent: who calls, when, and what to have "
            "ready. Crisis resources (988, 911) are always shown as well."
        ),
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("form_heading"),
        FieldPanel("thank_you_heading"),
        FieldPanel("thank_you_text"),
    ]

    class Meta:
        verbose_name = "contact page"

    def serve_preview(self, request, mode_name):
        # RoutablePageMixin serves previews through the routes; wagtail-seo's search-result
        # preview is a template of its own, which only Page.serve_preview renders.
        if mode_name == "wagtail-seo":
            return Page.serve_preview(self, request, mode_name)
        return super().serve_preview(request, mode_name)

    @path("")
    def contact_form(self, request):
        return contact_form_view(request, self)

    @path("thank-you/", name="thank_you")
    def thank_you(self, request):
        return thank_you_view(request, self)

    def privacy_notice_for(self, site: Site | None) -> "PrivacyNoticePage | None":
        """The privacy notice the form's consent box links to."""
        return PrivacyNoticePage.for_site(site)

    @property
    def thank_you_url(self) -> str:
        return self.url + self.reverse_subpage("thank_you")


class PrivacyNoticePage(OnePerSiteMixin, BasePage):
    """The privacy notice the contact form's consent box links to: what the clinic keeps and why."""

    body = RichTextField(
        features=TEXT_FEATURES,
        help_text=(
            "The notice itself: what a contact request stores, who reads it, how long it is kept, "
            "and how to ask for it to be deleted."
        ),
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    content_panels = Page.content_panels + [FieldPanel("body")]

    class Meta:
        verbose_name = "privacy notice page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Quoted from the setting the purge job uses, so the notice can never promise otherwise.
        context["retention_days"] = leads_setting("LEADS_RETENTION_DAYS")
        context["person_request_days"] = leads_setting("LEADS_PERSON_REQUEST_DAYS")
        return context
