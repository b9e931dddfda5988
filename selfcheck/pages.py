"""The self-check page type. Its questions are in the code (selfcheck.questions); what the page
says around them and the result texts are fields Marketing edits, through the medical review
workflow like the articles (`get_workflow`).

The page itself is public and indexable (MedicalWebPage JSON-LD) and may come from the page
cache: it holds no token and nothing of the visitor's. Its form posts the answers to the result
view (selfcheck.views), which is never cached and is noindex. Django loads this module with the
models (SelfCheckConfig.import_models)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.medical_review import medical_review_workflow
from core.pages import BasePage, OnePerSiteMixin
from core.structured_data import SCHEMA_CONTEXT, TREATMENT_RESISTANT_DEPRESSION, in_language
from selfcheck.forms import SelfCheckForm
from selfcheck.questions import Result

TEXT_FEATURES = ["bold", "italic", "link", "ul"]


class SelfCheckPage(OnePerSiteMixin, BasePage):
    """ "Could this be for me?": a short self-check that ends in a conversation, never a diagnosis."""

    intro = RichTextField(
        blank=True,
        features=TEXT_FEATURES,
        help_text=(
            "A few sentences above the questions: what the self-check is for, that it takes two "
            "minutes, that it is not a diagnosis and that answers are kept only if sent."
        ),
    )
    crisis_heading = models.CharField(
        max_length=120,
        default=_("You deserve support right now"),
        help_text=(
            "The heading of the crisis help shown first when someone says they have had thoughts "
            "of being better off dead or of hurting themselves. Warm and direct."
        ),
    )
    crisis_text = RichTextField(
        blank=True,
        features=["bold", "italic"],
        default=_(
            "<p>Thank you for telling us. You do not have to wait for us or for a result: you "
            "can talk to someone now, any time of day or night.</p>"
        ),
        help_text=(
            "Shown before the crisis message and its call, text and chat links (from Settings > "
            "Clinic details). Never describe methods; always offer a way to get help."
        ),
    )
    matches_heading = models.CharField(
        max_length=200,
        default=_(
            "Your answers match how doctors describe treatment-resistant depression: a call with "
            "our team can help you decide"
        ),
        help_text="The result when depression was diagnosed and two or more antidepressants did not help.",
    )
    matches_text = RichTextField(
        blank=True,
        features=TEXT_FEATURES,
        help_text="What to say under that result: what a first call covers, no obligation.",
    )
    not_yet_heading = models.CharField(
        max_length=200,
        default=_(
            "Ketamine is usually considered after two antidepressants have not helped: talk with "
            "your prescriber about next steps, and we are glad to answer questions"
        ),
        help_text="The result when fewer than two antidepressants were tried, or there is no diagnosis.",
    )
    not_yet_text = RichTextField(
        blank=True,
        features=TEXT_FEATURES,
        help_text="What to say under that result: other options, and that we are glad to talk.",
    )
    health_check_heading = models.CharField(
        max_length=200,
        default=_("Some answers mean a doctor must check your health first: we can still talk"),
        help_text=(
            "The result when a health point (pregnancy, psychosis or mania, blood pressure or "
            "heart, alcohol or drugs) was answered yes or not sure."
        ),
    )
    health_check_text = RichTextField(
        blank=True,
        features=TEXT_FEATURES,
        help_text="What to say under that result: why a doctor checks first, and that we can talk.",
    )
    request_heading = models.CharField(
        max_length=120,
        default=_("Talk it through with us"),
        help_text="The heading above the contact form on every result.",
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("crisis_heading"), FieldPanel("crisis_text")],
            heading="Crisis help (shown first when the safety answer is not “no”)",
        ),
        MultiFieldPanel(
            [FieldPanel("matches_heading"), FieldPanel("matches_text")],
            heading="Result: answers match treatment-resistant depression",
        ),
        MultiFieldPanel(
            [FieldPanel("not_yet_heading"), FieldPanel("not_yet_text")],
            heading="Result: fewer than two antidepressants so far",
        ),
        MultiFieldPanel(
            [FieldPanel("health_check_heading"), FieldPanel("health_check_text")],
            heading="Result: a doctor checks health first",
        ),
        FieldPanel("request_heading"),
    ]

    class Meta:
        verbose_name = "self-check page"

    def get_workflow(self):
        """The medical review workflow, wherever the page sits in the tree: its result texts
        speak about health, so a medical reviewer approves them as they do articles (blog
        assigns the workflow to the article index; this page has no such parent of its own)."""
        return medical_review_workflow() or super().get_workflow()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.setdefault("form", SelfCheckForm())
        return context

    def result_texts(self, result: str) -> tuple[str, str]:
        """The heading and rich text Marketing wrote for a result category."""
        prefix = {
            Result.MATCHES: "matches",
            Result.NOT_YET: "not_yet",
            Result.HEALTH_CHECK_FIRST: "health_check",
        }[result]
        return getattr(self, f"{prefix}_heading"), getattr(self, f"{prefix}_text")

    def structured_data(self, request=None) -> list[dict]:
        """Breadcrumbs, and the page as a MedicalWebPage for patients about treatment-resistant
        depression. Result pages print none (they are noindex)."""
        return [
            *super().structured_data(request),
            {
                "@context": SCHEMA_CONTEXT,
                "@type": "MedicalWebPage",
                "url": self.seo_canonical_url,
                "name": self.title,
                "description": self.seo_description,
                "about": TREATMENT_RESISTANT_DEPRESSION,
                "audience": {"@type": "MedicalAudience", "audienceType": "Patient"},
                "inLanguage": in_language(self),
                "specialty": "Psychiatric",
                "isAccessibleForFree": True,
            },
        ]
