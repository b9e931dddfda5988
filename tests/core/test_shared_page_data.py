"""Routing and the shared page data: a known address reads only the page it shows, every change
that affects a page takes effect on the next request, in this process and in any other, and no
visitor can add keys to the cache."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import ClinicSettings
from core.page_cache import GENERATION_KEY, cached, page_cache
from tests.factories import ArticleIndexPageFactory, ArticlePageFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(article_index, clinic_settings):
    page = ArticlePageFactory(parent=article_index, title="Ketamine and memory", slug="memory")
    page.topics.add(TopicFactory(name="Research", slug="research"))
    page.save_revision().publish()
    return page


def keys_in_page_cache() -> set:
    # The fast layer's page cache is Django's local-memory cache; its keys carry a prefix.
    return {key.split(":", 2)[-1] for key in page_cache()._cache}


def test_a_known_address_reads_only_the_page_it_shows(client, article):
    first = client.get(article.url)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(article.url)
    assert second.status_code == 200
    assert second.content == first.content
    # The article with its people and image, its topics, and the pages its body links to; the
    # home page, the article index, the site, the settings and the breadcrumbs come from the
    # shared page data.
    assert len(queries) <= 4, [query["sql"][:80] for query in queries]
    assert not [query for query in queries if "wagtailcore_site" in query["sql"]]


def test_unpublishing_moving_and_deleting_take_effect_on_the_next_request(
    client, article, article_index, home_page
):
    assert client.get(article.url).status_code == 200
    article.unpublish()
    assert client.get("/articles/memory/").status_code == 404
    article.save_revision().publish()
    assert client.get("/articles/memory/").status_code == 200

    other_index = ArticleIndexPageFactory(parent=home_page, title="Research", slug="research")
    article.refresh_from_db()
    article.move(other_index, pos="last-child")
    old_address = client.get("/articles/memory/")
    assert (old_address.status_code, old_address["Location"]) == (301, "/research/memory/")
    assert client.get("/research/memory/").status_code == 200

    article.refresh_from_db()
    article.delete()
    assert client.get("/research/memory/").status_code == 404


def test_a_renamed_page_answers_at_its_new_address_once_published(client, article):
    assert client.get("/articles/memory/").status_code == 200
    article.slug = "memory-and-ketamine"
    article.save_revision().publish()
    assert client.get("/articles/memory/").status_code == 404
    response = client.get("/articles/memory-and-ketamine/")
    assert response.status_code == 200
    assert b"Ketamine and memory" in response.content


def test_addresses_and_host_names_a_visitor_makes_up_add_no_keys(client, article):
    client.get(article.url)
    client.get("/", HTTP_HOST="unknown-0.example")
    before = keys_in_page_cache()
    for number in range(40):
        assert client.get(f"/articles/made-up-{number}/").status_code == 404
        assert client.get(f"/made-up-{number}/deeper/").status_code == 404
        client.get("/", HTTP_HOST=f"unknown-{number}.example")
    assert keys_in_page_cache() == before


def test_a_purge_made_by_another_process_is_seen_on_the_next_request(client, article):
    """This process keeps its own copies of the shared data; another web process's purge (here:
    the cache emptied and a new generation written, without this process being told) must still
    reach it on the next request."""
    ClinicSettings.objects.update(phone="(503) 555-0142")
    page_cache().clear()
    assert "(503) 555-0142" in client.get(article.url).content.decode()
    ClinicSettings.objects.update(phone="(503) 555-0199")  # no signal: another process saved it
    assert "(503) 555-0142" in client.get(article.url).content.decode()  # not purged yet
    page_cache().clear()
    page_cache().set(GENERATION_KEY, "written-by-another-process", None)
    assert "(503) 555-0199" in client.get(article.url).content.decode()


def test_changing_what_the_shared_data_returned_changes_nothing_for_the_next_reader(db):
    first = cached("test-value", lambda: {"hours": ["Mon 9-5"]})
    first["hours"].append("changed by a caller")
    assert cached("test-value", lambda: {"hours": []}) == {"hours": ["Mon 9-5"]}
