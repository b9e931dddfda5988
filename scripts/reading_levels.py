"""Each demo article's reading figures, as the editor's content checks compute them: the summary's
Flesch-Kincaid grade, the article's Flesch-Kincaid grade and SMOG, its words, and the checks'
warnings. Health information aims at grade 8 or below and SMOG 10 or below.

Run: .venv/bin/python scripts/reading_levels.py          (the demo articles in blog/demo_articles.py)
     .venv/bin/python scripts/reading_levels.py --live   (the live articles in DATABASE_URL)

The demo articles are read from the code, without a database; --live reads the site's database."""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

import django

django.setup()

from blog.blocks import ArticleBodyBlock  # noqa: E402
from blog.content_checks import Claim, check_article  # noqa: E402
from blog.demo_articles import ARTICLES  # noqa: E402

# The list the settings start with (blog/migrations/0006_withdraw_typed_reviews.py), for a run
# without a database.
DEFAULT_CLAIMS = [
    Claim("cure"),
    Claim("guaranteed"),
    Claim("miracle"),
    Claim("100%"),
    Claim("no side effects"),
    Claim("risk-free"),
    Claim("FDA-approved", near="ketamine infusion"),
]


def demo_reports():
    block = ArticleBodyBlock()
    for spec in ARTICLES:
        report = check_article(
            summary=spec["summary"],
            body=block.to_python(spec["body"]),
            claims=DEFAULT_CLAIMS,
            describes_treatment=spec.get("describes_treatment", False),
            shows_framing=True,
        )
        yield spec["slug"], report


def live_reports():
    from blog.models import ArticlePage

    for article in ArticlePage.objects.live().order_by("pk"):
        yield article.slug, article.content_report()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--live", action="store_true", help="read the live articles instead")
    args = parser.parse_args()
    rows = list(live_reports() if args.live else demo_reports())
    print(f"{'article':52} {'summary FK':>10} {'FK':>5} {'SMOG':>5} {'words':>6} warnings")
    for slug, report in rows:
        print(
            f"{slug:52} {report.summary.flesch_kincaid:>10} {report.article.flesch_kincaid:>5} "
            f"{report.article.smog:>5} {report.article.words:>6} {report.warning_count}"
        )
        for finding in report.findings:
            print(f"    - {finding.check}: {finding.message}")


if __name__ == "__main__":
    main()
