"""Demo content that must not reach a launched site: the invented sample people, and the sample
prices, while live pages show them. The dashboard panel and the deploy check call this."""

from dataclasses import dataclass

from wagtail.models import Page

from blog.models import ArticlePage, Person
from blog.pages import ContentPage, PriceListSettings
from blog.provenance import medical_approvals


@dataclass(frozen=True)
class SampleUse:
    """A live page and the sample content it shows."""

    page: Page
    what: str


def sample_content_on_live_pages() -> list[SampleUse]:
    """Every live page naming a sample person (as author, as the approving medical reviewer, or
    in a people block) or showing the sample prices."""
    uses = [
        SampleUse(article, f"sample author {article.author.name}")
        for article in ArticlePage.objects.live()
        .filter(author__is_sample=True)
        .select_related("author")
    ]
    approved_by_sample = dict(
        medical_approvals()
        .filter(finished_by__person_profile__is_sample=True)
        .values_list("revision__object_id", "finished_by__person_profile__name")
    )
    uses += [
        SampleUse(article, f"approved by sample reviewer {approved_by_sample[str(article.pk)]}")
        for article in ArticlePage.objects.live().filter(
            pk__in=[int(pk) for pk in approved_by_sample]
        )
    ]
    sample_prices = PriceListSettings.load().is_sample
    for page in ContentPage.objects.live():
        for block in page.body:
            if block.block_type == "people":
                uses += [
                    SampleUse(page, f"sample person {person.name}")
                    for person in block.value["people"]
                    if isinstance(person, Person) and person.is_sample
                ]
            elif block.block_type == "price_list" and sample_prices:
                uses.append(SampleUse(page, "the sample prices"))
    return uses
