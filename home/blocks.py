"""StreamField blocks shared by every page type. Each block renders through its own template in
templates/blocks/."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from blog.blocks import LatestArticlesBlock
from leads.blocks import ContactFormBlock


class RichTextBlock(blocks.RichTextBlock):
    """Body text with the formatting editors need and nothing that breaks the page design."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "features", ["h2", "h3", "bold", "italic", "link", "document-link", "ol", "ul"]
        )
        kwargs.setdefault("help_text", "Paragraphs, lists, links and subheadings.")
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/rich_text.html"


class CaptionedImageBlock(blocks.StructBlock):
    """An image with the alt text screen-reader users hear and an optional visible caption."""

    image = ImageChooserBlock(help_text="Landscape images of at least 1200 px wide look best.")
    alt_text = blocks.CharBlock(
        max_length=250,
        help_text="Describe what the image shows for people who cannot see it.",
    )
    caption = blocks.CharBlock(
        required=False, max_length=250, help_text="Optional text shown under the image."
    )

    class Meta:
        icon = "image"
        template = "blocks/captioned_image.html"


class CalloutBlock(blocks.StructBlock):
    """A highlighted box that draws the reader's eye to one important point."""

    heading = blocks.CharBlock(max_length=120, help_text="A short heading for the box.")
    text = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ul"], help_text="The point to highlight."
    )

    class Meta:
        icon = "warning"
        template = "blocks/callout.html"


class CallToActionBlock(blocks.StructBlock):
    """A prominent invitation to take the next step, usually to contact the clinic."""

    heading = blocks.CharBlock(max_length=120, help_text="For example: Ready to talk to us?")
    text = blocks.TextBlock(required=False, max_length=400, help_text="One or two sentences.")
    button_label = blocks.CharBlock(max_length=40, help_text="For example: Request a call.")
    page = blocks.PageChooserBlock(
        required=False, help_text="The page the button opens (use this or the URL)."
    )
    url = blocks.URLBlock(required=False, help_text="An outside address, if no page is chosen.")

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action.html"

    def clean(self, value):
        result = super().clean(value)
        if not result.get("page") and not result.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError("Choose a page or enter a URL.")}
            )
        return result


class BaseStreamBlock(blocks.StreamBlock):
    """The blocks every general page offers."""

    paragraph = RichTextBlock()
    image = CaptionedImageBlock()
    callout = CalloutBlock()
    call_to_action = CallToActionBlock()
    contact_form = ContactFormBlock()


# Home page sections: how treatment works, who it is for, and the latest articles.


class TreatmentStepBlock(blocks.StructBlock):
    """One step of a treatment, from the first call to maintenance."""

    title = blocks.CharBlock(max_length=120, help_text="The step in a few words.")
    text = blocks.TextBlock(max_length=500, help_text="What happens in this step, plainly.")

    class Meta:
        icon = "arrow-right"


class TreatmentStepsBlock(blocks.StructBlock):
    """How treatment works, as numbered steps. The medicine's regulatory status always sits
    above the steps, so no description of treatment appears without it."""

    heading = blocks.CharBlock(
        max_length=120, default="How treatment works", help_text="The section heading."
    )
    regulatory_note = blocks.TextBlock(
        max_length=400,
        help_text="Required: say plainly that IV ketamine for depression is an off-label use of "
        "an approved anesthetic medicine. Shown above the steps.",
    )
    steps = blocks.ListBlock(
        TreatmentStepBlock(), min_num=2, help_text="The steps in the order a patient meets them."
    )

    class Meta:
        icon = "list-ol"
        template = "blocks/treatment_steps.html"


class AudienceBlock(blocks.StructBlock):
    """Who a treatment is for, in plain words, and who should talk to a doctor first."""

    heading = blocks.CharBlock(
        max_length=120, default="Who it is for", help_text="The section heading."
    )
    points = blocks.ListBlock(
        blocks.CharBlock(max_length=250, help_text="One sign the treatment may fit."),
        min_num=1,
        help_text="Two to four short points work best.",
    )
    note = blocks.TextBlock(
        required=False,
        max_length=400,
        help_text="Optional: who it is not for, or what is checked before treatment.",
    )

    class Meta:
        icon = "group"
        template = "blocks/audience.html"


class HomeBodyBlock(BaseStreamBlock):
    """The home page's sections: the shared blocks plus the home page's own."""

    treatment_steps = TreatmentStepsBlock()
    audience = AudienceBlock()
    latest_articles = LatestArticlesBlock()


# Article blocks. They live here beside the shared ones so every StreamField in the project draws
# from one catalogue; `ArticleBodyBlock` adds them on top of `BaseStreamBlock`, so a block added
# there reaches articles too.


class HeadingBlock(blocks.StructBlock):
    """A section heading that keeps the page outline correct (the page title is the only h1)."""

    text = blocks.CharBlock(max_length=120, help_text="The heading text, short and plain.")
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section (h2)"), ("h3", "Subsection (h3)")],
        default="h2",
        help_text="Use h2 for a main section and h3 for a part of the section above it.",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading.html"


class QuoteBlock(blocks.StructBlock):
    """A quotation set apart from the text, for a patient's or clinician's own words."""

    quote = blocks.TextBlock(max_length=600, help_text="The quoted words, without quote marks.")
    attribution = blocks.CharBlock(
        required=False,
        max_length=120,
        help_text="Who said it, e.g. a first name and role. Get consent before quoting a patient.",
    )

    class Meta:
        icon = "openquote"
        template = "blocks/quote.html"


class KeyFactsBlock(blocks.StructBlock):
    """A short list of the facts a hurried reader should leave with."""

    heading = blocks.CharBlock(
        max_length=120, default="Key facts", help_text="The box heading, e.g. Key facts."
    )
    facts = blocks.ListBlock(
        blocks.CharBlock(max_length=300, help_text="One fact in one sentence."),
        min_num=1,
        help_text="Two to five short facts work best.",
    )

    class Meta:
        icon = "list-ul"
        template = "blocks/key_facts.html"


class FaqItemBlock(blocks.StructBlock):
    """One question a visitor asks and the clinic's answer."""

    question = blocks.CharBlock(max_length=200, help_text="The question as a visitor would ask it.")
    answer = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ul", "ol"], help_text="A short, direct answer."
    )

    class Meta:
        icon = "help"


class FaqBlock(blocks.StructBlock):
    """Frequently asked questions with their answers, shown as a list of questions."""

    heading = blocks.CharBlock(
        max_length=120,
        default="Frequently asked questions",
        help_text="The section heading, e.g. Frequently asked questions.",
    )
    items = blocks.ListBlock(FaqItemBlock(), min_num=1, help_text="The questions and answers.")

    class Meta:
        icon = "help"
        template = "blocks/faq.html"


class ReferenceBlock(blocks.StructBlock):
    """One source a medical statement rests on."""

    citation = blocks.TextBlock(
        max_length=400,
        help_text="Author or organization, title, publisher and year, e.g. National Institute of "
        "Mental Health. Depression. 2024.",
    )
    url = blocks.URLBlock(required=False, help_text="Where readers can find the source online.")

    class Meta:
        icon = "link"


class ReferencesBlock(blocks.StructBlock):
    """The list of sources, always shown at the end of an article."""

    heading = blocks.CharBlock(
        max_length=120, default="References", help_text="The section heading, e.g. References."
    )
    references = blocks.ListBlock(
        ReferenceBlock(), min_num=1, help_text="Each source the article relies on."
    )

    class Meta:
        icon = "list-ol"
        template = "blocks/references.html"


class RiskGroupBlock(blocks.StructBlock):
    """One group of side effects or risks that share how likely or how lasting they are."""

    label = blocks.CharBlock(
        max_length=120,
        help_text="What the group has in common, e.g. Common and short-lived.",
    )
    items = blocks.ListBlock(
        blocks.CharBlock(
            max_length=300,
            help_text="One effect in plain words; add a reference marker such as [2] after it.",
        ),
        min_num=1,
        help_text="The effects in this group.",
    )

    class Meta:
        icon = "list-ul"


class RisksBlock(blocks.StructBlock):
    """Side effects and risks of a treatment, in one labeled box so readers never have to hunt."""

    heading = blocks.CharBlock(
        max_length=120,
        default="Side effects and risks",
        help_text="The box heading readers and screen readers see, e.g. Side effects and risks.",
    )
    intro = blocks.TextBlock(
        required=False, max_length=400, help_text="Optional: one or two sentences before the list."
    )
    groups = blocks.ListBlock(
        RiskGroupBlock(),
        min_num=1,
        help_text="From the most common to the rarest, each with its own label.",
    )

    class Meta:
        icon = "warning"
        label = "Side effects and risks"
        template = "blocks/risks.html"


class CrisisHelpBlock(blocks.StructBlock):
    """Crisis help inside an article: the footer's crisis message with its call, text and chat
    links (one template, one setting), under a heading that fits the article."""

    heading = blocks.CharBlock(
        max_length=120,
        default="If you are thinking about suicide",
        help_text="The box heading, e.g. If you are thinking about suicide.",
    )
    text = blocks.RichTextBlock(
        required=False,
        features=["bold", "italic", "link"],
        help_text="Optional lead-in. The crisis message and its call, text and chat links follow "
        "from Settings > Clinic details.",
    )

    class Meta:
        icon = "warning"
        label = "Crisis help"
        template = "blocks/crisis_help.html"


class ArticleBodyBlock(BaseStreamBlock):
    """Everything an article body offers: the shared blocks plus the medical-writing ones."""

    heading = HeadingBlock()
    quote = QuoteBlock()
    key_facts = KeyFactsBlock()
    risks = RisksBlock()
    crisis_help = CrisisHelpBlock()
    faq = FaqBlock()
    references = ReferencesBlock()
