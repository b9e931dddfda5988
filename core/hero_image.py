"""The hero image a page shows at its top, with the alt text that must come with it: one field set
for every page type that has one (the home page, articles)."""

from django.core.exceptions import ValidationError
from django.db import models


class HeroImageMixin(models.Model):
    """A hero image and its alt text. Put before BasePage: the alt text also describes the
    sharing image."""

    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A calm, landscape photo shown at the top of the page (at least 1200 px wide).",
    )
    hero_image_alt = models.CharField(
        max_length=250,
        blank=True,
        help_text="Describe the hero image for people who cannot see it. Required with an image.",
    )

    class Meta:
        abstract = True

    def validation_errors(self) -> dict[str, str]:
        """The page's field errors, all shown at once; page types add their own to these."""
        if self.hero_image and not self.hero_image_alt.strip():
            return {"hero_image_alt": "Describe the image for people who cannot see it."}
        return {}

    def clean(self):
        super().clean()
        errors = self.validation_errors()
        if errors:
            raise ValidationError(errors)

    @property
    def seo_image_alt(self) -> str:
        """Alt text for the sharing image: the page's own description of its image first."""
        return self.hero_image_alt or super().seo_image_alt
