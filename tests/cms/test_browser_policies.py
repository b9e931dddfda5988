"""Browser policies on every response: the public Content-Security-Policy (no inline script, no
nonce, so cached pages stay valid), the admin's, Permissions-Policy and the other headers."""

import re

import pytest
from lxml import html

from tests.factories import ArticlePageFactory, SuperUserFactory

pytestmark = pytest.mark.django_db


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.fixture
def public_urls(contact_page, article_index):
    article = ArticlePageFactory(parent=article_index, title="Sleep after an infusion")
    article.save_revision().publish()
    return ["/", article_index.url, article.url, contact_page.url, "/search/?q=sleep"]


def test_public_pages_send_a_strict_policy_without_inline_script(client, public_urls):
    for url in public_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        directives = policy(response)
        assert directives["script-src"] == ["'self'"], url
        assert directives["default-src"] == ["'self'"]
        assert directives["object-src"] == ["'none'"]
        assert directives["base-uri"] == ["'self'"]
        assert directives["frame-ancestors"] == ["'none'"]
        assert directives["form-action"] == ["'self'"]
        assert directives["img-src"] == ["'self'"]
        assert "unsafe" not in response["Content-Security-Policy"]
        assert "nonce" not in response["Content-Security-Policy"]


def test_public_pages_hold_no_script_a_browser_would_run_inline(client, public_urls):
    """Every script on a public page is a file from the site or a JSON-LD data block: a policy
    without nonces then allows all of them, and a full-page cache can serve one copy to all."""
    for url in public_urls:
        tree = html.fromstring(client.get(url).content)
        for script in tree.iter("script"):
            assert script.get("src") or script.get("type") == "application/ld+json", url
        handlers = [
            name for element in tree.iter() for name in element.attrib if name.startswith("on")
        ]
        assert handlers == [], url
        assert not tree.xpath("//*[starts-with(@href, 'javascript:')]"), url


def test_a_page_is_served_with_the_same_policy_to_every_visitor(client, public_urls):
    first = client.get("/")["Content-Security-Policy"]
    again = client.__class__().get("/")["Content-Security-Policy"]
    assert first == again


def test_every_response_carries_the_other_browser_policies(client, public_urls):
    for url in [*public_urls, "/robots.txt", "/admin/login/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_other_policies(response, url)
    assert client.get("/").get("X-Frame-Options") == "DENY"


def test_static_files_carry_the_policies_too(client):
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    assert_other_policies(response, "site.css")
    response.close()  # static files stream from an open file


def assert_other_policies(response, url):
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "interest-cohort"):
        assert f"{feature}=()" in permissions, (url, feature)
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", url
    assert response["X-Content-Type-Options"] == "nosniff", url
    assert response["Referrer-Policy"] == "same-origin", url
    assert "Content-Security-Policy" in response, url


def test_the_admin_policy_allows_only_what_wagtail_needs(client):
    client.force_login(SuperUserFactory())
    response = client.get("/admin/")
    directives = policy(response)
    assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    assert re.search(r"default-src 'self'", response["Content-Security-Policy"])
