"""A Spanish visitor reads the error pages, the footer and the contact and privacy pages' own
words in Spanish; crisis help on them always gives a way to get help now. The views run with
Spanish active, as LocaleMiddleware leaves it for an address under /es/."""

import pytest
from django.http import Http404
from django.test import RequestFactory
from django.views.defaults import page_not_found, server_error
from wagtail.views import serve

from tests.factories import translation_of
from tests.html_reading import parse, rendered_in, text_of

pytestmark = pytest.mark.django_db


def in_spanish(view, path: str = "/"):
    return rendered_in("es", RequestFactory().get(path), view)


def test_the_not_found_page_is_in_spanish(clinic_settings):
    page = in_spanish(lambda request: page_not_found(request, Http404()), "/es/no-existe/")
    assert text_of(page.h1) == "No encontramos esa página"
    assert page.title.get_text().startswith("Página no encontrada")
    assert text_of(page.select_one(".error-page .button")) == "Ir a la página de inicio"


def test_the_server_error_page_is_in_spanish_with_its_crisis_links(db):
    page = in_spanish(server_error)
    assert page.html["lang"] == "es"
    assert text_of(page.h1) == "Algo salió mal de nuestro lado"
    crisis = text_of(page.select_one(".crisis"))
    assert "llame al 988 y oprima 2 para recibir ayuda en español" in crisis
    assert "llame al 911" in crisis
    assert [text_of(link) for link in page.select(".crisis__link")] == [
        "Llamar al 988",
        "Enviar un texto al 988",
        "Chatear con el 988",
        "Llamar al 911",
    ]


def test_the_server_error_page_stays_english_by_default(db):
    page = parse(server_error(RequestFactory().get("/")).content.decode())
    assert page.html["lang"] == "en"
    assert text_of(page.h1) == "Something went wrong on our side"


def test_the_contact_page_s_partials_and_the_footer_are_in_spanish(contact_page):
    page = in_spanish(lambda request: serve(request, contact_page.url[1:]), contact_page.url)
    assert text_of(page.select_one("#crisis-form-heading")) == (
        "¿Está en crisis? No espere nuestra respuesta"
    )
    form = page.select_one("form.contact-form")
    assert text_of(form.select_one("button[type=submit]")) == "Enviar solicitud"
    assert "(obligatorio)" in text_of(form.select_one(".field__label"))
    assert "aviso de privacidad" in text_of(form.select_one("#id_consent_hint"))
    footer = text_of(page.select_one(".site-footer"))
    assert "Teléfono:" in footer
    assert "Horario de atención" in footer
    assert "Aviso de privacidad" in footer


def test_the_privacy_notice_s_own_words_are_in_spanish(privacy_notice, clinic_settings):
    page = in_spanish(lambda request: serve(request, privacy_notice.url[1:]), privacy_notice.url)
    headings = [text_of(heading) for heading in page.select(".prose h2")]
    assert "Cuánto tiempo lo guardamos" in headings
    assert "Ver o borrar sus datos" in headings
    text = text_of(page.select_one(".prose"))
    assert "Puede pedirnos en cualquier momento" in text
    assert f"escriba a {clinic_settings.email}" in text


def test_the_error_pages_go_home_in_the_visitors_language(client, clinic_settings, home_page):
    translation_of(home_page, title="Inicio", slug="inicio")
    response = client.get("/es/no-existe/")
    assert response.status_code == 404
    assert parse(response.content).select_one(".error-page .button")["href"] == "/es/"
    english = parse(client.get("/no-such-page/").content)
    assert english.select_one(".error-page .button")["href"] == "/"
    assert in_spanish(server_error).select_one(".site-name")["href"] == "/es/"
