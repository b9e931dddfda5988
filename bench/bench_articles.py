"""Render time of the article list and an article page with 10 and with 1,000 articles.

Run: .venv/bin/python bench/bench_articles.py [--runs 30]

It builds a throwaway SQLite database (never the one in DATABASE_URL), renders each page through
Django's test client and prints the fastest time per render (the least disturbed by other work on a
shared machine) and the median, and the 1,000/10 ratio of the fastest. A ratio near 1.0 means the
page does not slow down as articles accumulate.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

WORKDIR = Path(tempfile.mkdtemp(prefix="bench-articles-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR / 'bench.sqlite3'}"
os.environ["MEDIA_ROOT"] = str(WORKDIR / "media")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from blog.demo_articles import ARTICLES, TOPICS  # noqa: E402
from blog.models import ArticleIndexPage, ArticlePage, Person, Topic  # noqa: E402
from core.demo_images import get_or_create_demo_image  # noqa: E402
from home.demo import seed_site  # noqa: E402


def add_articles(index, topics, images, person, first: int, count: int) -> None:
    for n in range(first, first + count):
        spec = ARTICLES[n % len(ARTICLES)]
        article = ArticlePage(
            title=f"{spec['title']} ({n})",
            slug=f"bench-article-{n}",
            summary=spec["summary"],
            body=spec["body"],
            hero_image=images[n % len(images)],
            hero_image_alt="Hills.",
            author=person,
        )
        article.topics.set([topics[n % len(topics)], topics[(n + 1) % len(topics)]])
        index.add_child(instance=article)


def render_ms(client: Client, url: str, runs: int) -> tuple[float, float, int]:
    client.get(url)  # renditions and caches are made once, as on a live site
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    # Read the count now: every request clears the connection's query log when it starts.
    query_count = len(queries)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, url
    return min(timings), statistics.median(timings), query_count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50, help="renders per measurement")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    home = seed_site()
    index = home.add_child(instance=ArticleIndexPage(title="Articles", slug="articles"))
    topics = [Topic.objects.create(**topic) for topic in TOPICS]
    images = [get_or_create_demo_image(f"Bench {n}", "lake", 1200, 750) for n in range(3)]
    person = Person.objects.create(name="Bench Reviewer", credentials="MD")
    client = Client()

    results = {}
    add_articles(index, topics, images, person, 0, 10)
    article_url = ArticlePage.objects.get(slug="bench-article-5").url
    results[10] = {
        "index": render_ms(client, index.url, args.runs),
        "article": render_ms(client, article_url, args.runs),
    }
    add_articles(index, topics, images, person, 10, 990)
    results[1000] = {
        "index": render_ms(client, index.url, args.runs),
        "article": render_ms(client, article_url, args.runs),
    }

    print(f"SQLite, {args.runs} renders each: fastest / median in ms, (SQL queries per render)")
    print(f"{'page':<9}{'10 articles':>24}{'1,000 articles':>24}{'ratio':>7}")
    for page in ("index", "article"):
        (small, small_median, small_q) = results[10][page]
        (large, large_median, large_q) = results[1000][page]
        print(
            f"{page:<9}{small:>9.1f} / {small_median:>5.1f} ms ({small_q:>2})"
            f"{large:>9.1f} / {large_median:>5.1f} ms ({large_q:>2}){large / small:>7.2f}"
        )


if __name__ == "__main__":
    main()
