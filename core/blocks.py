"""StreamField blocks shared by every page type. Each block renders through its own template in
templates/blocks/. Blocks of one app's pages live in that app (`blog.blocks`, `leads.blocks`)."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


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
    second_label = blocks.CharBlock(
        required=False,
        max_length=60,
        help_text="Optional quieter link under the button, e.g. Could this be for me?",
    )
    second_page = blocks.PageChooserBlock(
        required=False,
        help_text="The page the quieter link opens, e.g. the self-check. Shown only with a label.",
    )

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
