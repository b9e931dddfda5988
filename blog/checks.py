"""Deploy checks of the content: `manage.py check --deploy` warns while live pages show the demo's
sample people or prices, which are invented and must be replaced before launch."""

from django.core import checks
from django.db import DatabaseError

from blog.samples import sample_content_on_live_pages

SAMPLE_CONTENT_ON_LIVE_PAGES = "blog.W001"


@checks.register("content", deploy=True)
def check_no_sample_content_on_live_pages(app_configs=None, **kwargs):
    if app_configs is not None and not any(config.label == "blog" for config in app_configs):
        return []
    try:
        uses = sample_content_on_live_pages()
    except DatabaseError:
        # No tables yet (a check before the first migrate): nothing can be live.
        return []
    if not uses:
        return []
    listed = "; ".join(f"{use.page.title} ({use.what})" for use in uses[:10])
    more = f"; and {len(uses) - 10} more" if len(uses) > 10 else ""
    return [
        checks.Warning(
            f"Live pages show sample content: {listed}{more}.",
            hint="Replace the demo people under Article details > People with your real staff "
            "(or uncheck 'sample person' once a record is real), enter your prices in Settings > "
            "Prices, and have a medical reviewer approve the articles in the Medical review "
            "workflow.",
            id=SAMPLE_CONTENT_ON_LIVE_PAGES,
        )
    ]
