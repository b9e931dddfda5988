"""The self-check page: where it may be created, that it goes through the medical review
workflow, its questions in fieldsets with legends, its MedicalWebPage JSON-LD, and the demo links
from the home page and every article's call to action."""

import json

import pytest
from django.core.management import call_command
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from blog.models import ArticlePage
from core.medical_review import MEDICAL_REVIEW_WORKFLOW
from home.models import HomePage
from selfcheck.pages import SelfCheckPage
from selfcheck.questions import QUESTIONS, STEPS
from tests.factories import translation_of
from tests.html_reading import parse

pytestmark = pytest.mark.django_db


class TestSelfCheckPageRules(WagtailPageTestCase):
    def test_it_sits_under_the_home_page_and_holds_no_pages(self):
        self.assertAllowedParentPageTypes(SelfCheckPage, {HomePage})
        self.assertAllowedSubpageTypes(SelfCheckPage, {})


def test_marketing_edits_a_result_and_it_waits_for_the_medical_reviewers(
    self_check_page, marketing_user
):
    assert self_check_page.permissions_for_user(marketing_user).can_edit()
    self_check_page.matches_heading = "A call with our team can help you decide"
    revision = self_check_page.save_revision(user=marketing_user)
    state = self_check_page.get_workflow().start(self_check_page, marketing_user)
    assert state.workflow.name == MEDICAL_REVIEW_WORKFLOW
    assert state.current_task_state.task.specific.groups.filter(name="Medical reviewers").exists()
    # Nothing is live until a reviewer approves.
    live = SelfCheckPage.objects.get(pk=self_check_page.pk)
    assert live.matches_heading != "A call with our team can help you decide"
    assert live.latest_revision_id == revision.pk


def test_the_questions_are_fieldsets_with_legends_in_one_section_per_step(client, self_check_page):
    soup = parse(client.get(self_check_page.url))
    sections = soup.select("form[data-self-check] section[data-step]")
    assert [section.h2.get_text(strip=True) for section in sections] == [
        str(step.heading) for step in STEPS
    ]
    legends = [
        fieldset.legend.get_text(" ", strip=True).removesuffix(" (required)")
        for fieldset in soup.select("form[data-self-check] fieldset[data-question]")
    ]
    assert legends == [str(question.text) for question in QUESTIONS.values()]
    # The safety question offers "No" first and two ways of saying it is not no.
    safety = soup.select_one('fieldset[data-question="safety"]')
    assert [label.get_text(strip=True) for label in safety.select("label")] == [
        "No",
        "Yes",
        "I would rather not say",
    ]
    assert soup.select_one("form[data-self-check] button[type=submit]").get_text(strip=True)


def test_the_page_is_indexable_with_medical_web_page_json_ld(client, self_check_page):
    soup = parse(client.get(self_check_page.url))
    robots = soup.select_one('meta[name="robots"]')
    assert robots is None or "noindex" not in robots["content"]
    objects = [json.loads(tag.string) for tag in soup.select('script[type="application/ld+json"]')]
    medical = next(item for item in objects if item.get("@type") == "MedicalWebPage")
    assert medical["name"] == "Could this be for me?"
    assert medical["about"]["name"] == "Treatment-resistant depression"
    assert medical["audience"]["audienceType"] == "Patient"
    assert medical["url"].endswith("/self-check/")


def test_seed_demo_publishes_the_self_check_and_links_it_from_home_and_every_article(client):
    call_command("seed_demo", "--no-translations")
    page = SelfCheckPage.objects.live().get(locale__language_code="en")
    assert page.url == "/self-check/"
    home = parse(client.get("/"))
    assert home.select(f'a[href="{page.url}"]')
    articles = ArticlePage.objects.live().filter(locale__language_code="en")
    assert articles.exists()
    for article in articles:
        soup = parse(client.get(article.url))
        cta = soup.select_one(".block-cta")
        link = cta.select_one(".block-cta__second a")
        assert link["href"] == page.url, article.slug
        assert link.get_text(strip=True) == "Could this be for me? Take the self-check"
    # A second run changes nothing twice.
    revisions = {p.pk: p.latest_revision_id for p in Page.objects.all()}
    call_command("seed_demo", "--no-translations")
    assert {p.pk: p.latest_revision_id for p in Page.objects.all()} == revisions


def test_the_spanish_self_check_says_it_is_in_spanish(client, self_check_page, home_page):
    translation_of(home_page, title="Inicio", slug="inicio")
    spanish = translation_of(self_check_page, title="¿Es para mí?", slug="autoevaluacion")
    soup = parse(client.get(spanish.url))
    objects = [json.loads(tag.string) for tag in soup.select('script[type="application/ld+json"]')]
    medical = next(item for item in objects if item.get("@type") == "MedicalWebPage")
    assert medical["inLanguage"] == "es"
