"""The editor's medical content checks: each check on its own, then the panel an author sees on
the article editor and the one a reviewer sees on the dashboard. Warnings only: an article with
every warning still publishes."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from blog.content_checks import (
    Claim,
    alt_text_findings,
    check_article,
    citation_findings,
    claim_findings,
    reading_findings,
    reading_level,
    required_part_findings,
)
from blog.models import ArticlePage, ContentCheckSettings
from core.demo_images import get_or_create_demo_image
from tests.blog.review_helpers import medical_reviewer, submit
from tests.factories import ArticlePageFactory, SuperUserFactory, UserFactory

pytestmark = pytest.mark.django_db

PLAIN = (
    "We give the medicine in a vein. A nurse stays with you. You rest for a while. "
    "Then a friend takes you home. Most people feel fine by night. "
) * 3
DENSE = (
    "Pharmacological augmentation strategies incorporating N-methyl-D-aspartate receptor "
    "antagonism demonstrate considerable heterogeneity regarding therapeutic responsiveness, "
    "necessitating individualized consideration of comorbid psychiatric symptomatology. "
) * 12
SEEDED_CLAIMS = [
    Claim("cure"),
    Claim("guaranteed"),
    Claim("miracle"),
    Claim("100%"),
    Claim("no side effects"),
    Claim("FDA-approved", near="ketamine infusion"),
]


def messages(findings) -> list[str]:
    return [finding.message for finding in findings]


def test_plain_text_passes_the_reading_check_and_dense_text_is_flagged():
    plain = reading_level("Article", PLAIN)
    dense = reading_level("Article", DENSE)
    assert plain.flesch_kincaid <= 8 and plain.smog <= 10
    assert reading_findings(reading_level("Summary", PLAIN), plain) == []
    flagged = messages(reading_findings(reading_level("Summary", DENSE), dense))
    assert any(message.startswith("The summary reads at grade") for message in flagged)
    assert any(message.startswith("The article reads at grade") for message in flagged)
    assert any("SMOG grade" in message for message in flagged)


@pytest.mark.parametrize(
    "sentence",
    [
        "Ketamine can cure depression.",
        "Relief is GUARANTEED.",
        "Patients call it a miracle.",
        "It worked in 100% of cases.",
        "There are no side effects.",
        "Our ketamine infusion is FDA approved for depression.",
        "Ketamine infusions cured me.",
    ],
)
def test_each_seeded_claim_is_found_in_its_forms(sentence):
    assert len(claim_findings(sentence, SEEDED_CLAIMS)) == 1


@pytest.mark.parametrize(
    "sentence",
    [
        "Esketamine nasal spray is FDA-approved for treatment-resistant depression.",
        "Treatment can be a secure choice.",
        "About 1,100 people took part.",
        "Side effects are common.",
    ],
)
def test_claims_are_whole_words_and_near_means_the_same_sentence(sentence):
    assert claim_findings(sentence, SEEDED_CLAIMS) == []


def test_a_claim_warning_quotes_the_sentence_and_the_advice():
    (finding,) = claim_findings(
        "It helps. It is guaranteed to work.", [Claim("guaranteed", advice="Say who it helped.")]
    )
    assert "It is guaranteed to work." in finding.message
    assert finding.message.endswith("Say who it helped.")


def test_a_treatment_article_missing_its_required_parts_is_told_which():
    missing = messages(required_part_findings("Ketamine helps.", set(), shows_framing=False))
    assert missing == [
        "No off-label statement: say that this use is off-label.",
        "No “Side effects and risks” box.",
        "Nothing says this is not medical advice.",
    ]
    complete = "IV ketamine is an off-label use. This is not medical advice."
    assert required_part_findings(complete, {"risks"}, shows_framing=False) == []
    # The article template's framing note says it is not medical advice.
    assert required_part_findings("It is off-label.", {"risks"}, shows_framing=True) == []


def test_markers_without_a_reference_and_references_never_cited_are_flagged():
    assert citation_findings({1, 2}, 2) == []
    assert messages(citation_findings({1, 4}, 3)) == [
        "Reference marker [4] has no entry in the reference list (3 entries).",
        "References 2, 3 never cited.",
    ]


def test_images_without_alt_text_or_with_a_file_name_for_it_are_flagged():
    found = messages(
        alt_text_findings(
            [("block 2 (image)", ""), ("block 3 (image)", "IMG_2041.jpg"), ("hero", "Hills.")]
        )
    )
    assert found == [
        "The image in block 2 (image) has no alt text.",
        "The image in block 3 (image) has placeholder alt text “IMG_2041.jpg”.",
    ]


def test_the_article_checks_read_every_block_kind(article_index):
    image = get_or_create_demo_image("Check image", "lake", 320, 200)
    article = ArticlePageFactory(
        parent=article_index,
        summary="A short summary.",
        describes_treatment=True,
        body=[
            {"type": "paragraph", "value": "<p>Our ketamine infusion is a cure [1].</p>"},
            {
                "type": "key_facts",
                "value": {"heading": "Key facts", "facts": ["Results are guaranteed [3]."]},
            },
            {"type": "image", "value": {"image": image.pk, "alt_text": "", "caption": ""}},
            {
                "type": "references",
                "value": {
                    "heading": "References",
                    "references": [{"citation": "A.", "url": ""}, {"citation": "B.", "url": ""}],
                },
            },
        ],
    )
    report = check_article(
        summary=article.summary,
        body=article.body,
        claims=SEEDED_CLAIMS,
        describes_treatment=True,
        shows_framing=True,
    )
    checks = [finding.check for finding in report.findings]
    assert checks.count("claims") == 2
    assert checks.count("required") == 2  # off-label statement and risks box
    assert "Reference marker [3] has no entry in the reference list (2 entries)." in messages(
        report.findings
    )
    assert "Reference 2 never cited." in messages(report.findings)
    assert any(f.check == "alt_text" for f in report.findings)


def test_the_claims_come_from_the_editable_settings():
    phrases = [claim.phrase for claim in ContentCheckSettings.load().claims()]
    for phrase in ["cure", "guaranteed", "miracle", "100%", "no side effects", "FDA-approved"]:
        assert phrase in phrases
    near = {claim.phrase: claim.near for claim in ContentCheckSettings.load().claims()}
    assert near["FDA-approved"] == "ketamine infusion"


def panel_warnings(html: bytes) -> list[str]:
    panel = BeautifulSoup(html, "html.parser").select_one("[data-content-checks]")
    assert panel is not None
    return [" ".join(item.get_text().split()) for item in panel.select("li")]


def test_the_author_sees_the_warnings_on_the_editor_and_can_still_publish(
    client: Client, article_index
):
    article = ArticlePageFactory(parent=article_index, summary="A guaranteed miracle.")
    client.force_login(UserFactory(groups=["Marketing"]))
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    warnings = panel_warnings(client.get(edit_url).content)
    assert any(warning.startswith("“guaranteed”") for warning in warnings)
    assert any(warning.startswith("“miracle”") for warning in warnings)

    response = client.post(
        edit_url,
        nested_form_data(
            {
                "title": "Still publishable",
                "slug": article.slug,
                "summary": "A guaranteed miracle cure, 100% of the time.",
                "hero_image_alt": "",
                "date_published": article.date_published.isoformat(),
                "body": streamfield([("paragraph", rich_text("<p>No side effects.</p>"))]),
                "action-publish": "publish",
            }
        ),
    )
    assert response.status_code == 302
    assert ArticlePage.objects.get(pk=article.pk).title == "Still publishable"
    warnings = panel_warnings(client.get(edit_url).content)
    assert any(warning.startswith("“no side effects”") for warning in warnings)
    assert any(warning.startswith("“cure”") for warning in warnings)


def test_the_reviewer_sees_the_checks_of_articles_waiting_for_review(client: Client, article_index):
    ArticlePageFactory(parent=article_index, title="Not submitted")
    waiting = ArticlePageFactory(
        parent=article_index, title="Waiting", summary="A guaranteed result."
    )
    submit(waiting)
    client.force_login(medical_reviewer())
    soup = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    panel = soup.select_one("[data-review-checks]")
    assert panel is not None
    rows = panel.select("tbody tr")
    assert [row.select_one("a").get_text() for row in rows] == ["Waiting"]
    assert "“guaranteed”" in rows[0].get_text()


@pytest.mark.parametrize(
    ("model", "shown"),
    [("contentchecksettings", "no side effects"), ("pricelistsettings", "Prices")],
)
def test_the_settings_behind_the_checks_and_prices_open_in_the_admin(client: Client, model, shown):
    client.force_login(SuperUserFactory(username="owner"))
    response = client.get(reverse("wagtailsettings:edit", args=["blog", model]), follow=True)
    assert response.status_code == 200
    assert shown in response.content.decode()


def test_medical_reviewers_may_edit_the_claims_to_avoid(client: Client):
    client.force_login(medical_reviewer())
    url = reverse("wagtailsettings:edit", args=["blog", "contentchecksettings"])
    response = client.get(url, follow=True)
    assert response.status_code == 200
    assert "no side effects" in response.content.decode()
