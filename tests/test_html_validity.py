"""The Nu HTML checker (vnu-jar, from npm, on Debian's Java) finds no error on the pages visitors
see most: home, an article, the article list, the contact page, the thank-you page and the three
pages on cost, treatments compared and the care team, with the demo content, and on the Spanish
home page, a Spanish article and the Spanish contact page."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from blog.models import ArticlePage
from leads.pages import ContactPage
from tests.real_stack import require_service

pytestmark = pytest.mark.django_db

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture
def vnu():
    require_service(
        shutil.which("java") is not None, "java is not installed (default-jre-headless)"
    )
    require_service(VNU_JAR.exists(), f"{VNU_JAR} is missing (npm ci)")
    return [shutil.which("java"), "-jar", str(VNU_JAR)]


def test_main_pages_have_no_html_errors(vnu, tmp_path, contact_form_data):
    call_command("seed_demo")
    client = Client()
    articles = ArticlePage.objects.live().order_by("-last_published_at")
    article = articles.filter(locale__language_code="en").first()
    contact_page = ContactPage.objects.live().get(locale__language_code="en")
    pages = {"home": "/", "article": article.url, "articles": article.get_parent().url}
    pages["contact"] = contact_page.url
    # The same pages in Spanish (the demo's translations, under /es/).
    pages["es-home"] = "/es/"
    pages["es-article"] = articles.filter(locale__language_code="es").first().url
    pages["es-contact"] = ContactPage.objects.live().get(locale__language_code="es").url
    for path in (
        "/cost-and-insurance/",
        "/compare-treatments/",
        "/care-team-and-editorial-policy/",
    ):
        pages[path.strip("/")] = path
    files = []
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        files.append(tmp_path / f"{name}.html")
        files[-1].write_bytes(response.content)
    tokens = client.get("/contact-form/tokens/").json()
    data = {**contact_form_data(), "csrfmiddlewaretoken": tokens["csrfmiddlewaretoken"]}
    thank_you = client.post(contact_page.url, data, follow=True)
    assert thank_you.redirect_chain[-1][0] == contact_page.thank_you_url
    files.append(tmp_path / "thank-you.html")
    files[-1].write_bytes(thank_you.content)

    result = subprocess.run(
        [*vnu, "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m.get('message')}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert errors == []
    assert result.returncode == 0
