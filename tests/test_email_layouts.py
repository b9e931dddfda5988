"""Every HTML email extends one layout per audience: the visitor's emails the visitor layout,
staff emails the staff layout, so a change to either reaches every email of that audience."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string

ROOT = Path(__file__).resolve().parent.parent
VISITOR_EMAILS = {"leads/email/confirmation.html", "calls/email/visitor_call.html"}
EXTENDS = re.compile(r'\A\{% extends "leads/email/_(staff|visitor)_layout\.html" %\}')


def email_templates():
    for path in sorted(ROOT.glob("*/templates/*/email/[!_]*.html")):
        yield path.relative_to(path.parents[2]).as_posix()


@pytest.mark.parametrize("name", list(email_templates()))
def test_each_html_email_extends_its_audiences_layout(name):
    source = next(ROOT.glob(f"*/templates/{name}")).read_text()
    match = EXTENDS.match(source)
    assert match, f"{name} does not extend an email layout"
    expected = "visitor" if name in VISITOR_EMAILS else "staff"
    assert match.group(1) == expected


def test_the_layouts_give_each_email_one_document_with_its_footer():
    html = render_to_string(
        "accounts/email/password_reset.html",
        {"site_name": "Clinic", "reset_link": "https://x.test/r", "valid_for": "1 hour"},
    )
    soup = BeautifulSoup(html, "html.parser")
    assert len(soup.find_all("html")) == 1
    assert soup.title.get_text() == "Set a new password"
    assert "Replying to this email reaches nobody." in soup.get_text()
