"""Existing topics become English (the default language's) topics, each with a translation key of its
own, before the next migration makes locale and translation key required (Wagtail's documented
steps for making an existing model translatable)."""

from django.db import migrations
from wagtail.models.i18n import BootstrapTranslatableModel


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0011_topic_locale_nullable"),
    ]

    operations = [
        BootstrapTranslatableModel("blog.Topic"),
    ]
