"""The home page (the site root), and the security contact that /.well-known/security.txt serves."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.hero_image import HeroImageMixin
from core.pages import BasePage
from home.blocks import HomeBodyBlock


class HomePage(HeroImageMixin, BasePage):
    """The site root: introduces the clinic and sends visitors on to articles and the contact page."""

    hero_heading = models.CharField(
        max_length=120,
        help_text="The large heading at the top of the home page (the page's only h1).",
    )
    hero_text = models.TextField(
        blank=True, max_length=400, help_text="One or two sentences under the heading."
    )
    hero_cta_label = models.CharField(
        max_length=40, blank=True, help_text="Button text, for example: Request a call."
    )
    hero_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page the button opens.",
    )
    body = StreamField(
        HomeBodyBlock(),
        blank=True,
        help_text="The sections below the hero: text, how treatment works, who it is for, the "
        "latest articles, call-outs and calls to action.",
    )

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_image_alt"),
                FieldPanel("hero_cta_label"),
                FieldPanel("hero_cta_page"),
            ],
            heading="Hero",
        ),
        FieldPanel("body"),
    ]
    seo_description_sources = ["search_description", "hero_text"]
    seo_image_sources = ["og_image", "hero_image"]
    search_fields = Page.search_fields + [
        index.SearchField("hero_heading"),
        index.SearchField("hero_text"),
        index.SearchField("body"),
    ]

    def validation_errors(self) -> dict[str, str]:
        errors = super().validation_errors()
        if bool(self.hero_cta_label) != bool(self.hero_cta_page):
            errors["hero_cta_page"] = "Give the button both a label and a page, or neither."
        return errors


SECURITY_CONTACT_SCHEMES = ("mailto:", "https://", "tel:")


@register_setting(icon="lock")
class SecurityTxtSettings(BaseSiteSetting):
    """What /.well-known/security.txt (RFC 9116) tells people who find a security problem."""

    contacts = models.TextField(
        blank=True,
        help_text=(
            "How to report a security problem, one per line, each starting with mailto:, "
            "https:// or tel:, e.g. mailto:security@example.org. Empty: no security.txt is served."
        ),
    )
    expires = models.DateTimeField(
        null=True,
        blank=True,
        help_text=(
            "When this information should no longer be trusted: less than a year ahead. Renew it "
            "before then, or the file tells readers it is out of date."
        ),
    )
    preferred_languages = models.CharField(
        max_length=100,
        default="en",
        help_text="Languages reports may be written in, as language tags separated by commas, e.g. en, es.",
    )
    policy = models.URLField(
        blank=True, help_text="Optional: the address of the clinic's disclosure policy page."
    )

    panels = [
        FieldPanel("contacts"),
        FieldPanel("expires"),
        FieldPanel("preferred_languages"),
        FieldPanel("policy"),
    ]

    class Meta:
        verbose_name = "Security contact (security.txt)"

    @property
    def contact_list(self) -> list[str]:
        return [line.strip() for line in self.contacts.splitlines() if line.strip()]

    def clean(self):
        super().clean()
        errors = {}
        for contact in self.contact_list:
            if not contact.startswith(SECURITY_CONTACT_SCHEMES):
                errors["contacts"] = f"“{contact}” must start with mailto:, https:// or tel:."
        if self.contact_list and self.expires is None:
            errors["expires"] = "Give a date: security.txt must say when it expires."
        if self.expires is not None:
            now = timezone.now()
            if self.expires <= now:
                errors["expires"] = "Choose a date in the future."
            elif self.expires > now + timedelta(days=366):
                errors["expires"] = "Choose a date less than a year ahead (RFC 9116 advises it)."
        if errors:
            raise ValidationError(errors)
