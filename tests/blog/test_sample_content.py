"""The demo's invented people and prices cannot reach a launched site unnoticed: the dashboard
says "Sample content: replace before launch" and `check --deploy` warns (blog.W001) while a live
page shows them."""

import pytest
from bs4 import BeautifulSoup
from django.core import checks
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from blog.models import ArticlePage, Person
from blog.pages import PriceListSettings
from tests.blog.review_helpers import approve
from tests.factories import ArticlePageFactory, PersonFactory, SuperUserFactory, UserFactory

pytestmark = pytest.mark.django_db


def deploy_warnings() -> list:
    found = checks.run_checks(tags=["content"], include_deployment_checks=True)
    return [each for each in found if each.id == "blog.W001"]


def dashboard_panel(client: Client):
    soup = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    return soup.select_one("[data-sample-content]")


def test_a_live_article_by_a_sample_author_warns_until_it_is_unpublished(article_index):
    article = ArticlePageFactory(
        parent=article_index, title="Demo", author=PersonFactory(name="Dana W", is_sample=True)
    )
    (warning,) = deploy_warnings()
    assert warning.level == checks.WARNING
    assert "Demo (sample author Dana W)" in warning.msg
    article.unpublish()
    assert deploy_warnings() == []


def test_the_sample_check_runs_only_with_deploy(article_index):
    ArticlePageFactory(parent=article_index, author=PersonFactory(is_sample=True))
    ordinary = checks.run_checks(tags=["content"], include_deployment_checks=False)
    assert [each for each in ordinary if each.id == "blog.W001"] == []


def test_an_approval_by_a_reviewer_whose_person_is_a_sample_warns(article_index):
    reviewer = UserFactory(groups=["Medical reviewers"])
    PersonFactory(user=reviewer, name="Dr. Sample", is_sample=True)
    approve(ArticlePageFactory(parent=article_index, title="Reviewed"), reviewer)
    (warning,) = deploy_warnings()
    assert "Reviewed (approved by sample reviewer Dr. Sample)" in warning.msg


def test_a_fresh_demo_site_warns_and_stops_once_real_people_and_prices_replace_the_samples(
    client: Client, settings
):
    settings.WAGTAILADMIN_BASE_URL = "http://testserver"
    call_command("seed_demo")
    client.force_login(SuperUserFactory(username="owner"))
    panel = dashboard_panel(client)
    assert panel is not None
    assert panel.find("h2").get_text() == "Sample content: replace before launch"
    listed = panel.get_text()
    for article in ArticlePage.objects.live():
        assert article.title in listed
    assert "Our care team and editorial policy" in listed
    assert "Cost and insurance" in listed and "the sample prices" in listed
    assert deploy_warnings()

    Person.objects.update(is_sample=False)
    prices = PriceListSettings.load()
    prices.is_sample = False
    prices.save()
    assert dashboard_panel(client) is None
    assert deploy_warnings() == []
