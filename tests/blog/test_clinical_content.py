"""Clinical content a psychiatrist would sign: every seeded page is rendered as a visitor
sees it and checked for the facts that cut against the treatment, the framing, the sources and
plain US English. One test reads every page (the demo is seeded once for the class, seeding is the
slow part) and reports every problem."""

import re

import pytest
import textstat
from bs4 import BeautifulSoup

from blog.models import ArticlePage
from core.citations import strip_citation_markers
from home.models import HomePage
from leads.contact_form import ContactForm
from leads.pages import ContactPage, PrivacyNoticePage

pytestmark = pytest.mark.django_db

# textstat's Flesch-Kincaid grade (US school grade) of each article's main text.
MAX_READING_GRADE = 8

# Pages about ketamine treatment itself; the home page's treatment text joins them.
TREATMENT_ARTICLES = {
    "how-ketamine-works-in-the-brain",
    "why-we-give-ketamine-by-infusion",
    "your-first-ketamine-infusion",
}

OFF_LABEL_FACTS = [
    "IV ketamine for depression is an off-label use of an approved anesthetic medicine",
    "The ketamine-type product approved for treatment-resistant depression in the US is "
    "esketamine nasal spray",
    "certified settings",
    "monitoring program",
]
DURABILITY_FACTS = [
    "one infusion usually fades within days to about a week",
    "many people who responded slip back within weeks",
    "maintenance sessions, or another plan, are often needed",
    "little long-term evidence on maintenance and repeated doses",
]
RISKS_BOX_FACTS = [
    "Dissociation",
    "feeling detached",
    "blood pressure",
    "Nausea or vomiting",
    "dizziness",
    "headache",
    "Anxiety",
    "frightening or upsetting",  # distressing dissociation, the rarer effect
    "Bladder problems",
    "memory",
    "misused",
    "controlled substance",
    "Sleepiness (sedation)",
    "faster heart rate",
    "blurred vision",
    "Slowed breathing",
    "within about 15 to 60 minutes",
    "The long-term safety of repeated medical doses is not known",
]
RESPONSE_FACTS = ["roughly half to two-thirds of people improved", "remission"]
FRAMING_FACTS = [
    "general information, not medical advice: talk with your clinician",
    "Ketamine treatment is not right for everyone",
]
# Terms readers may not know, and the words that must explain each where it first appears.
EXPLAINED_TERMS = {
    "drug class": "group of medicines",
    "psychosis": "losing touch with reality",
    "first-line": "try first",
    "off-label": "other than the one it was approved for",
}
BRITISH_SPELLINGS = re.compile(
    r"\b(realis\w*|recognis\w*|organis\w*|judgement|colour\w*|favour\w*|behaviour\w*|"
    r"centre\w*|anaesth\w*|apnoea|programme\w*|labelled|counselling|travelling|licence|"
    r"whilst|paediatric\w*|ageing|minimis\w*|emphasis(e|ed|es|ing)|specialis\w*|"
    r"summaris\w*|optimis\w*|haemo\w*|oesophag\w*|tumour\w*|fibre\w*)\b",
    re.IGNORECASE,
)
# British words and phrases, looked for in the main text of the pages seed_demo writes.
BRITISH_PHRASES = re.compile(
    r"\b(noradrenaline|a bit sick|pass urine|drip|working day|tick the box|afterwards)\b",
    re.IGNORECASE,
)
MAX_SMOG = 10
ROUTE_WORDS = re.compile(r"\b(IV|intravenous|infusions?|route|nasal|spray|oral|mouth|injection)\b")
ESKETAMINE_APPROVAL = re.compile(r"esketamine[^.]*approved|approved[^.]*esketamine", re.I)
TEXT_ELEMENTS = ["p", "li", "h2", "h3", "figcaption"]


def normalized(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def sentences(text: str) -> list[str]:
    return [part for part in re.split(r"(?<=[.!?;:])\s+", normalized(text)) if part]


def reading_text(container) -> str:
    """The article's main text as readers take it in: each paragraph, list item or heading is
    one unit (headings get a full stop), reference markers and the reference list left out."""
    units = []
    for element in container.find_all(TEXT_ELEMENTS):
        if element.find_parent(class_="block-references") or element.find_parent(
            class_="article__author"
        ):
            continue
        if element.find(TEXT_ELEMENTS):  # counted through its children
            continue
        text = normalized(strip_citation_markers(element.get_text(" ")))
        if text:
            units.append(text if text[-1] in ".!?:;" else f"{text}.")
    return " ".join(units)


def check_markers_link_to_references(soup, problems: list[str], url: str) -> None:
    markers = soup.select("sup.cite a")
    references = soup.select(".block-references li[id]")
    if not references:
        problems.append(f"{url}: no numbered references")
        return
    cited = set()
    for marker in markers:
        target = marker["href"].lstrip("#")
        cited.add(target)
        if soup.find(id=target) not in references:
            problems.append(f"{url}: marker {marker.get_text()!r} links to missing #{target}")
        if not normalized(marker.get_text(" ")).startswith("Reference "):
            problems.append(f"{url}: marker {marker} has no accessible name")
    for reference in references:
        if reference["id"] not in cited:
            problems.append(f"{url}: reference {reference['id']} is never cited")


def check_terms_explained(text: str, problems: list[str], url: str) -> None:
    lowered = text.lower()
    for term, explanation in EXPLAINED_TERMS.items():
        first = lowered.find(term)
        if first == -1:
            continue
        nearby = lowered[first : first + 300]
        if explanation not in nearby:
            problems.append(f"{url}: {term!r} is not explained where it first appears")


class TestTheSeededEnglishPages:
    """On the demo's English pages, seeded once for the class (`class_demo` in tests/conftest.py):
    each test starts from them as seeded."""

    seed_demo_args = ("--no-translations",)

    def test_every_seeded_page_meets_the_clinical_content_rules(
        self, client, settings, shared_demo
    ):
        settings.WAGTAILADMIN_BASE_URL = "http://testserver"
        # The rules read English text; a translation is checked by its own medical review.
        articles = list(ArticlePage.objects.live().filter(locale__language_code="en"))
        home = HomePage.objects.get(locale__language_code="en")
        assert len(articles) >= 5
        problems: list[str] = []
        grades = {}
        for page in [home, *articles]:
            response = client.get(page.url)
            assert response.status_code == 200, page.url
            soup = BeautifulSoup(response.content, "html.parser")
            main = soup.find("main")
            main_text = normalized(strip_citation_markers(main.get_text(" ")))
            url = page.url

            framing = main.select(".medical-framing")
            if len(framing) != 1 or not all(
                fact.lower() in normalized(framing[0].get_text(" ")).lower()
                for fact in FRAMING_FACTS
            ):
                problems.append(f"{url}: the framing note is missing or incomplete")

            found = BRITISH_SPELLINGS.search(soup.get_text(" "))
            if found:
                problems.append(f"{url}: British spelling {found.group(0)!r}")

            for sentence in sentences(main_text):
                if "most effective" in sentence.lower() and ROUTE_WORDS.search(sentence):
                    problems.append(f"{url}: a route is called most effective: {sentence!r}")
            if "maximum dose" in main_text.lower() or "up to 30" in main_text.lower():
                problems.append(f"{url}: an unsupported claim is back")

            check_terms_explained(main_text, problems, url)

            found = BRITISH_PHRASES.search(main_text)
            if found:
                problems.append(f"{url}: British phrase {found.group(0)!r}")
            if main.select("figure.block-quote"):
                problems.append(f"{url}: a quote from invented staff")
            for wrong in ["close relative", "fades within minutes", "Often a blood test"]:
                if wrong.lower() in main_text.lower():
                    problems.append(f"{url}: {wrong!r} is back")
            for box in main.select("section.crisis"):
                if "nearest emergency room" not in normalized(box.get_text(" ")):
                    problems.append(f"{url}: a crisis box without the emergency room")

            is_treatment_page = page.pk == home.pk or page.slug in TREATMENT_ARTICLES
            missing = [fact for fact in OFF_LABEL_FACTS if fact not in main_text]
            if is_treatment_page and missing:
                problems.append(f"{url}: the off-label facts lack {missing}")
            # Wherever the esketamine approval is mentioned, the off-label sentence stands beside it.
            if ESKETAMINE_APPROVAL.search(main_text) and OFF_LABEL_FACTS[0] not in main_text:
                problems.append(f"{url}: esketamine's approval without the off-label sentence")

            if page.pk == home.pk:
                if "within weeks" not in main_text or "maintenance sessions" not in main_text:
                    problems.append(f"{url}: the home page does not say how long relief lasts")
                for fact in ["dissociation", "blood pressure", "nausea", "does not help everyone"]:
                    if fact not in main_text:
                        problems.append(f"{url}: the home page does not name {fact!r}")
                audience = main.select_one(".block-audience") or main
                audience_text = normalized(audience.get_text(" "))
                if "pregnancy" not in audience_text:
                    problems.append(f"{url}: 'who it is not for' leaves out pregnancy")
                if "Adults living with depression" in audience_text:
                    problems.append(f"{url}: 'who it is for' opens too broadly")
                continue

            body = main.select_one(".article__body")
            check_markers_link_to_references(soup, problems, url)
            grades[page.slug] = textstat.flesch_kincaid_grade(reading_text(body))
            if grades[page.slug] > MAX_READING_GRADE:
                problems.append(f"{url}: reading grade {grades[page.slug]} > {MAX_READING_GRADE}")
            smog = textstat.smog_index(reading_text(body))
            if smog > MAX_SMOG:
                problems.append(f"{url}: SMOG {smog} > {MAX_SMOG}")
            summary_grade = textstat.flesch_kincaid_grade(page.summary)
            if summary_grade > MAX_READING_GRADE:
                problems.append(f"{url}: summary grade {summary_grade} > {MAX_READING_GRADE}")

            if page.slug in TREATMENT_ARTICLES:
                missing = [fact for fact in DURABILITY_FACTS if fact not in main_text]
                if missing:
                    problems.append(f"{url}: the durability paragraph lacks {missing}")
                boxes = body.select("section.block-risks")
                box_text = normalized(boxes[0].get_text(" ")) if len(boxes) == 1 else ""
                heading = boxes[0].find(id=boxes[0].get("aria-labelledby")) if boxes else None
                if heading is None or heading.get_text(strip=True) != "Side effects and risks":
                    problems.append(f"{url}: no single box labelled 'Side effects and risks'")
                missing = [fact for fact in RISKS_BOX_FACTS if fact not in box_text]
                if missing:
                    problems.append(f"{url}: the risks box lacks {missing}")
                if "Some risks are rare." in box_text:
                    problems.append(f"{url}: the risks box calls risks rare without naming them")
                missing = [fact for fact in RESPONSE_FACTS if fact not in main_text]
                if missing:
                    problems.append(f"{url}: no response rates: {missing}")

        assert problems == [], "\n".join(problems)
        assert grades and all(grade > 0 for grade in grades.values()), grades
        check_routes_contraindications_alternatives_and_mechanism(client)
        check_crisis_help_offers_the_footers_call_text_and_chat_links(client)

    def test_the_contact_pages_the_form_and_the_confirmation_speak_us_english(
        self, client, settings, shared_demo
    ):
        settings.WAGTAILADMIN_BASE_URL = "http://testserver"
        texts = {}
        english = {"locale__language_code": "en"}
        for page in (
            *ContactPage.objects.live().filter(**english),
            *PrivacyNoticePage.objects.live().filter(**english),
        ):
            main = BeautifulSoup(client.get(page.url).content, "html.parser").find("main")
            texts[page.url] = main.get_text(" ")
        contact = ContactPage.objects.live().filter(**english).first()
        texts["thank-you page"] = BeautifulSoup(
            client.get(contact.thank_you_url).content, "html.parser"
        ).get_text(" ")
        texts["form errors"] = " ".join(
            str(message)
            for field in ContactForm().fields.values()
            for message in field.error_messages.values()
        )
        for name in ("confirmation.txt", "confirmation.html"):
            texts[name] = (settings.BASE_DIR / "leads/templates/leads/email" / name).read_text()

        british = {
            where: found.group(0)
            for where, text in texts.items()
            if (found := BRITISH_PHRASES.search(normalized(text)) or BRITISH_SPELLINGS.search(text))
        }
        assert british == {}


def check_routes_contraindications_alternatives_and_mechanism(client) -> None:
    page = ArticlePage.objects.get(slug="why-we-give-ketamine-by-infusion")
    text = normalized(BeautifulSoup(client.get(page.url).content, "html.parser").main.get_text(" "))
    assert "most studied route, with the most predictable dose" in text
    assert "No head-to-head" not in text and "no trials have compared" not in text
    assert "A small trial that compared IV and muscle shots found similar effects" in text
    assert cited_source(page, client, "found similar effects").startswith("Chilukuri H")
    assert "one of ketamine's two mirror-image forms" in text
    for condition in [
        "current or past problems with alcohol or drug use",
        "high blood pressure that is not under control",
        "a recent heart attack or stroke",
        "an aneurysm",
        "psychosis now or in the past",
        "breastfeeding",
        "heart rhythm problems or heart failure",
        "raised pressure in the brain or in the eye",
        "severe liver disease",
        "an overactive thyroid that is not under control",
        "mania now or in the past",
        "Benzodiazepines",
        "lamotrigine",
        "Stimulants and MAOIs",
    ]:
        assert condition in text, condition
    assert cited_source(page, client, "other than the one it was approved for").startswith(
        "U.S. Food and Drug Administration. Understanding unapproved use"
    )

    page = ArticlePage.objects.get(slug="what-is-treatment-resistant-depression")
    text = normalized(BeautifulSoup(client.get(page.url).content, "html.parser").main.get_text(" "))
    for option in [
        "Electroconvulsive therapy (ECT)",
        "most effective treatment",
        "Transcranial magnetic stimulation (TMS)",
        "Esketamine nasal spray",
        "Augmentation",
        "Psychotherapy",
    ]:
        assert option in text, option
    # Every option names a downside, and ECT's memory loss is not played down.
    for downside in [
        "some people permanently lose memories of the weeks around treatment",
        "seizures are rare",
        "you cannot drive until the next day",
        "brings side effects of its own",
        "regular sessions over months",
        "Insurance rarely pays for it",
    ]:
        assert downside in text, downside
    assert "In 2020 it was also approved" in text and "in 2025 for use on its own" in text
    assert "different drug classes" not in text
    assert "do not have to work in different ways" in text
    assert "about 3 in 10 adults treated for major depression" in text
    assert cited_source(page, client, "do not have to work in different ways").startswith(
        "McIntyre RS, Alsuwaidan M"
    )
    assert cited_source(page, client, "They do not need to be of different kinds") == ""
    assert cited_source(page, client, "count two antidepressants in this episode").startswith(
        "McIntyre RS, Alsuwaidan M"
    )

    page = ArticlePage.objects.get(slug="your-first-ketamine-infusion")
    assert cited_source(page, client, "such as ECT, magnetic stimulation (TMS) or esketamine")
    assert "Mayo Clinic" in cited_source(
        page, client, "such as ECT, magnetic stimulation (TMS) or esketamine"
    )

    page = ArticlePage.objects.get(slug="how-doctors-confirm-treatment-resistant-depression")
    text = normalized(BeautifulSoup(client.get(page.url).content, "html.parser").main.get_text(" "))
    assert "Sometimes a blood test" in text

    page = ArticlePage.objects.get(slug="how-ketamine-works-in-the-brain")
    text = normalized(BeautifulSoup(client.get(page.url).content, "html.parser").main.get_text(" "))
    assert "is thought to" in text
    assert "striatum" not in text and "cortex" not in text  # regions no cited source places
    assert "Neither ketamine nor esketamine has been shown to prevent suicide attempts" in text
    assert "norepinephrine" in text


def cited_source(page, client, phrase: str) -> str:
    """The reference the first marker after `phrase` (in the same paragraph or list item)
    points to, or "" when none follows it there."""
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    for element in soup.main.find_all(["p", "li"]):
        text = normalized(element.get_text(" "))
        found = re.search(re.escape(phrase) + r"[^\[]*\[ Reference (\d+)", text)
        if phrase in text:
            if not found:
                return ""
            return normalized(soup.find(id=f"ref-{found.group(1)}").get_text(" "))
    raise AssertionError(f"{phrase!r} is not on {page.url}")


def check_crisis_help_offers_the_footers_call_text_and_chat_links(client) -> None:
    checked = 0
    # The English articles: the Spanish ones link the Lifeline's Spanish chat
    # (tests/core/test_spanish_site.py).
    for page in ArticlePage.objects.live().filter(locale__language_code="en"):
        soup = BeautifulSoup(client.get(page.url).content, "html.parser")
        footer_links = [a["href"] for a in soup.select("footer section.crisis a")]
        assert {"tel:988", "sms:988", "tel:911"} <= set(footer_links)
        assert any("988lifeline.org/chat" in href for href in footer_links)
        for section in soup.select("main section.crisis"):
            checked += 1
            assert [a["href"] for a in section.select("a.crisis__link")] == footer_links
            assert "call or text 988" in section.get_text(" ")
    assert checked >= 4, "each article that mentions suicide has a crisis box"
