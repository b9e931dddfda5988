"""A Spanish visitor takes the self-check in Spanish: its questions, answers, hints, buttons, error
messages, result page and the request form's shared partials. What intake reads stays in the
site's language. The views run with Spanish active, as LocaleMiddleware leaves it under /es/."""

import pytest
from django.test import RequestFactory
from django.utils import translation
from wagtail.views import serve

from selfcheck.questions import score, staff_summary
from selfcheck.views import result_view
from tests.html_reading import parse, rendered_in, text_of
from tests.selfcheck.conftest import MATCHING, RESULT_URL

pytestmark = pytest.mark.django_db


def in_spanish(request, view):
    return rendered_in("es", request, view)


def test_the_questions_answers_and_buttons_are_in_spanish(self_check_page):
    page = in_spanish(
        RequestFactory().get(self_check_page.url), lambda r: serve(r, self_check_page.url[1:])
    )
    form = page.select_one("form.self-check")
    assert form["data-progress-label"] == "Paso %(current)s de %(total)s"
    assert form["data-back-label"] == "Atrás"
    assert form["data-next-label"] == "Siguiente"
    assert text_of(form.select_one("[data-submit]")) == "Ver mi resultado"
    headings = [text_of(heading) for heading in form.select(".self-check__heading")]
    assert headings[0] == "Su diagnóstico"
    assert headings[-1] == "Cómo se ha sentido"
    diagnosed = form.select_one("[data-question=diagnosed]")
    assert text_of(diagnosed.legend) == (
        "¿Un médico u otro profesional de la salud le ha dicho que tiene depresión? (obligatorio)"
    )
    assert [text_of(label) for label in diagnosed.select(".choice label")] == [
        "Sí",
        "No",
        "No lo sé",
    ]
    safety = form.select_one("[data-question=safety]")
    assert "Prefiero no decirlo" in text_of(safety)
    assert text_of(safety.select_one(".field__hint")) == (
        "Muchas personas con depresión tienen estos pensamientos. Puede contárnoslo."
    )
    crisis = form.select_one("[data-crisis-now]")
    assert "O vaya a la sala de emergencias más cercana." in text_of(crisis)


def test_unanswered_questions_are_named_in_spanish(self_check_page):
    page = in_spanish(RequestFactory().post(RESULT_URL, {}), result_view)
    summary = page.select_one("#error-summary")
    assert text_of(summary.h2) == "Algunas preguntas todavía necesitan respuesta"
    assert "Elija una respuesta: ¿Un médico u otro profesional de la salud" in text_of(summary)


def test_the_result_page_and_its_request_form_are_in_spanish(self_check_page, answers):
    page = in_spanish(RequestFactory().post(RESULT_URL, answers(safety="yes")), result_view)
    assert text_of(page.h1) == "El resultado de su autoevaluación"
    assert "Esto no es un diagnóstico." in text_of(page.select_one(".self-check__note"))
    assert "Trataremos su solicitud como urgente." in text_of(
        page.select_one("[data-urgent-notice]")
    )
    assert "oprima 2 para español" in text_of(page.select_one("[data-urgent-notice]"))
    form = page.select_one("form.contact-form")
    assert text_of(form.select_one("button[type=submit]")) == "Enviar solicitud"
    assert "(obligatorio)" in text_of(form.select_one(".field__label"))
    assert text_of(form.select_one("label[for=id_attach_answers]")) == (
        "Enviar mis respuestas con mi solicitud"
    )
    assert "Nuestro equipo de admisión verá sus respuestas" in text_of(
        form.select_one("#id_attach_answers_hint")
    )
    assert "aviso de privacidad" in text_of(form.select_one("#id_consent_hint"))


def test_the_result_page_stays_english_for_an_english_visitor(client, self_check_page, answers):
    page = parse(client.post(RESULT_URL, answers()).content.decode())
    assert text_of(page.h1) == "Your self-check result"
    assert text_of(page.select_one("form.contact-form button[type=submit]")) == "Send request"


def test_what_intake_reads_stays_in_the_site_s_language_after_a_spanish_self_check():
    with translation.override("es"):
        summary = staff_summary(MATCHING, score(MATCHING), "Resultado")
    assert summary["answers"][0] == {
        "question": "Has a doctor or other clinician told you that you have depression?",
        "answer": "Yes",
    }
    assert summary["treatments_tried"] == [
        "Talk therapy (counseling or psychotherapy)",
        "TMS (magnetic stimulation)",
    ]
