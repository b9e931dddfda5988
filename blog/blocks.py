"""The article body's blocks: the shared ones from `core.blocks`, the contact form from
`leads.blocks`, and the medical-writing blocks below. Each renders through templates/blocks/."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from core.blocks import BaseStreamBlock
from leads.blocks import ContactFormBlock


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


class ArticleBodyBlock(BaseStreamBlock):
    """Everything an article body offers: the shared blocks, the contact form and the
    medical-writing ones."""

    contact_form = ContactFormBlock()
    heading = HeadingBlock()
    quote = QuoteBlock()
    key_facts = KeyFactsBlock()
    risks = RisksBlock()
    crisis_help = CrisisHelpBlock()
    faq = FaqBlock()
    references = ReferencesBlock()


class TableRowBlock(blocks.StructBlock):
    """One row of a table: what the row is about, then one cell per column."""

    heading = blocks.CharBlock(
        max_length=120, help_text="What this row is about, e.g. How fast it works."
    )
    cells = blocks.ListBlock(
        blocks.TextBlock(
            max_length=400,
            help_text="One cell, in plain words; add a reference marker such as [2] after a claim.",
        ),
        min_num=1,
        help_text="One cell per column, in the order of the column headings.",
    )

    class Meta:
        icon = "list-ul"


class TableBlock(blocks.StructBlock):
    """A table with a caption, column headings and labeled rows, readable by screen readers;
    cells may carry reference markers."""

    caption = blocks.CharBlock(
        max_length=200, help_text="What the table shows, e.g. Treatments compared."
    )
    corner = blocks.CharBlock(
        required=False,
        max_length=60,
        help_text="Optional: the heading above the row labels, e.g. Question.",
    )
    column_headings = blocks.ListBlock(
        blocks.CharBlock(max_length=80, help_text="One column's heading."),
        min_num=1,
        help_text="The headings across the top, left to right.",
    )
    rows = blocks.ListBlock(TableRowBlock(), min_num=1, help_text="The rows, top to bottom.")

    class Meta:
        icon = "table"
        template = "blocks/table.html"

    def clean(self, value):
        result = super().clean(value)
        columns = len(result["column_headings"])
        for row in result["rows"]:
            if len(row["cells"]) != columns:
                raise blocks.StructBlockValidationError(
                    block_errors={
                        "rows": ValidationError(
                            f"Row “{row['heading']}” has {len(row['cells'])} cells; give each "
                            f"row one cell per column ({columns})."
                        )
                    }
                )
        return result


class PriceListBlock(blocks.StructBlock):
    """The clinic's prices from Settings > Prices, with their "as of" date, so every page that
    shows them shows the same figures."""

    heading = blocks.CharBlock(
        max_length=120, default="Our prices", help_text="The heading above the price table."
    )
    intro = blocks.TextBlock(
        required=False, max_length=400, help_text="Optional: a sentence before the prices."
    )

    class Meta:
        icon = "table"
        label = "Price list (from settings)"
        template = "blocks/price_list.html"


class PeopleBlock(blocks.StructBlock):
    """People from Article details > People, each with photo, credentials and short bio."""

    heading = blocks.CharBlock(max_length=120, help_text="The heading, e.g. Our care team.")
    people = blocks.ListBlock(
        SnippetChooserBlock("blog.Person", help_text="A person from Article details > People."),
        min_num=1,
        help_text="The people to show, in order.",
    )

    class Meta:
        icon = "group"
        template = "blocks/people.html"


class ContentBodyBlock(BaseStreamBlock):
    """A general page's body: the shared blocks plus headings, key facts, tables, the price
    list, people, questions and answers, crisis help and references."""

    contact_form = ContactFormBlock()
    heading = HeadingBlock()
    key_facts = KeyFactsBlock()
    table = TableBlock()
    price_list = PriceListBlock()
    people = PeopleBlock()
    risks = RisksBlock()
    crisis_help = CrisisHelpBlock()
    faq = FaqBlock()
    references = ReferencesBlock()
