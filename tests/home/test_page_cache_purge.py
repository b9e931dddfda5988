"""Every change that shows on pages makes the cached pages fresh at once, for every web process:
the page cache lives in Redis (a private redis-server here), and each trigger purges it."""

import sys

import pytest
import requests
from django.test import Client
from wagtail.models import Page

from blog.models import ArticlePage, Person, Topic
from core.models import ClinicSettings
from tests.factories import ArticlePageFactory, PersonFactory, TopicFactory
from tests.html_reading import order_of, parse
from tests.real_stack import free_port, port_open, wait_until

pytestmark = [pytest.mark.django_db, pytest.mark.real_services]

HEADER = "X-Page-Cache"


@pytest.fixture
def article(redis_page_cache, article_index, clinic_settings, contact_page):
    page = ArticlePageFactory(
        parent=article_index,
        title="Ketamine and sleep",
        author=PersonFactory(name="Maya Okafor"),
        topics=[TopicFactory(name="Side effects", slug="side-effects")],
    )
    page.save_revision().publish()
    return ArticlePage.objects.get(pk=page.pk)


def cached_html(url: str) -> str:
    """Render `url` twice and check the second came from the cache; return its HTML."""
    Client().get(url)
    response = Client().get(url)
    assert response[HEADER] == "hit", url
    return response.content.decode()


def fresh_html(url: str, expected_status: int = 200) -> str:
    response = Client().get(url)
    assert response.status_code == expected_status
    if expected_status == 200:
        assert response[HEADER] == "miss", url
    return response.content.decode()


def test_publishing_an_edit_purges(article, django_capture_on_commit_callbacks):
    assert "Ketamine and sleep" in cached_html(article.url)
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Ketamine and a good night's sleep"
        article.save_revision().publish()
    assert "Ketamine and a good night&#x27;s sleep" in fresh_html(article.url)


def test_unpublishing_purges(article, article_index, django_capture_on_commit_callbacks):
    assert article.title in cached_html(article_index.url)
    cached_html(article.url)
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert article.title not in fresh_html(article_index.url)
    fresh_html(article.url, expected_status=404)


def test_moving_a_page_purges(
    article, contact_page, privacy_notice, django_capture_on_commit_callbacks
):
    for page in (contact_page, privacy_notice):
        page.show_in_menus = True
        page.save_revision().publish()
    menu = parse(cached_html("/")).find("nav", class_="main-nav")
    titles = [contact_page.title, privacy_notice.title]
    assert order_of(menu, titles) == [privacy_notice.title, contact_page.title]
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=contact_page.pk).move(
            Page.objects.get(pk=privacy_notice.pk), pos="left"
        )
    menu = parse(fresh_html("/")).find("nav", class_="main-nav")
    assert order_of(menu, titles) == [contact_page.title, privacy_notice.title]


def test_deleting_a_page_purges(article, article_index, django_capture_on_commit_callbacks):
    assert article.title in cached_html(article_index.url)
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=article.pk).delete()
    assert article.title not in fresh_html(article_index.url)


def test_changing_the_crisis_message_purges(article, site, django_capture_on_commit_callbacks):
    cached_html(article.url)
    with django_capture_on_commit_callbacks(execute=True):
        clinic = ClinicSettings.for_site(site)
        clinic.crisis_message = "Call or text 988 any time, or call 911 in an emergency."
        clinic.save()
    assert "Call or text 988 any time" in fresh_html(article.url)


def test_changing_the_clinic_details_purges(article, site, django_capture_on_commit_callbacks):
    cached_html("/")
    with django_capture_on_commit_callbacks(execute=True):
        clinic = ClinicSettings.for_site(site)
        clinic.phone = "(503) 555-0199"
        clinic.save()
    assert "(503) 555-0199" in fresh_html("/")


def test_renaming_a_topic_purges(article, django_capture_on_commit_callbacks):
    assert "Side effects" in cached_html(article.url)
    with django_capture_on_commit_callbacks(execute=True):
        topic = Topic.objects.get(slug="side-effects")
        topic.name = "Effects and safety"
        topic.save()
    assert "Effects and safety" in fresh_html(article.url)


def test_editing_a_person_purges(article, django_capture_on_commit_callbacks):
    assert "Maya Okafor" in cached_html(article.url)
    with django_capture_on_commit_callbacks(execute=True):
        person = Person.objects.get(name="Maya Okafor")
        person.name = "Dr Maya Okafor"
        person.save()
    assert "By Dr Maya Okafor" in fresh_html(article.url)


def test_a_page_added_to_the_navigation_purges(
    article, contact_page, django_capture_on_commit_callbacks
):
    html = cached_html(article.url)
    assert f'<a href="{contact_page.url}"' not in html.split("</header>")[0]
    with django_capture_on_commit_callbacks(execute=True):
        contact_page.show_in_menus = True
        contact_page.save_revision().publish()
    assert f'<a href="{contact_page.url}"' in fresh_html(article.url).split("</header>")[0]


def start_web_process(stack, name: str) -> str:
    port = free_port()
    stack.spawn(
        name,
        [
            sys.executable,
            "-m",
            "gunicorn",
            "cms.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--no-control-socket",
        ],
    )
    wait_until(lambda: port_open(f"http://127.0.0.1:{port}", port), 60, message=name)
    return f"http://127.0.0.1:{port}"


# Committed data the web processes can see; serialized rollback restores the site afterwards, as
# in the other real-process tests.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_purge_reaches_every_web_process_within_a_second(
    real_stack, redis_page_cache, article_index, clinic_settings
):
    article = ArticlePageFactory(parent=article_index, title="Before the edit")
    article.save_revision().publish()
    web_a = start_web_process(real_stack, "web-a")
    web_b = start_web_process(real_stack, "web-b")

    # Behind a load balancer every process sees the site's own host name.
    host = {"Host": "www.clinic.example"}
    first = requests.get(web_a + article.url, headers=host, timeout=30)
    from_b = requests.get(web_b + article.url, headers=host, timeout=30)
    assert (first.headers[HEADER], from_b.headers[HEADER]) == ("miss", "hit")  # one shared cache

    article.title = "After the edit"
    article.save_revision().publish()  # committed at once: this test runs without a transaction
    # The purge happens before publish() returns, so the very next request to each process is
    # fresh: well within the second an editor may wait for their change, whatever the machine's load (a stopwatch
    # here would time the renders, not the purge).
    after = [requests.get(url + article.url, headers=host, timeout=30) for url in (web_a, web_b)]
    assert ["After the edit" in response.text for response in after] == [True, True]
    assert [response.headers[HEADER] for response in after] == ["miss", "hit"]
