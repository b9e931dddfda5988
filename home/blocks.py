"""The home page's body: the shared blocks, the contact form, and the home page's own sections
(how treatment works, who it is for, the latest articles). Each renders through templates/blocks/."""

from wagtail import blocks

from blog.listing_blocks import LatestArticlesBlock
from core.blocks import BaseStreamBlock
from leads.blocks import ContactFormBlock

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
    """The home page's sections: the shared blocks, the contact form and the home page's own."""

    contact_form = ContactFormBlock()
    treatment_steps = TreatmentStepsBlock()
    audience = AudienceBlock()
    latest_articles = LatestArticlesBlock()
