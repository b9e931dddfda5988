"""factory_boy and wagtail-factories factories shared by the whole suite."""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from blog.models import ArticleIndexPage, ArticlePage, Person, Topic
from home.models import HomePage
from leads.models import Lead
from leads.pages import ContactPage, PrivacyNoticePage


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Tester{n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        if create and names:
            self.groups.add(*Group.objects.filter(name__in=names))
        if create:
            self.save()


class SuperUserFactory(UserFactory):
    is_staff = True
    is_superuser = True


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Home"
    hero_heading = "Ketamine infusion therapy for treatment-resistant depression"
    hero_text = "Talk with our team about whether ketamine infusions are right for you."


class ContactPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ContactPage

    title = "Request a call"
    slug = "contact"
    intro = "<p>Our intake team will contact you within one business day.</p>"
    form_heading = "Ask us to contact you"
    thank_you_heading = "Thank you: we have your request"
    thank_you_text = "<p>A member of our intake team will contact you within one business day.</p>"


class PrivacyNoticePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PrivacyNoticePage

    title = "Privacy notice"
    slug = "privacy"
    body = "<p>We keep what you send us only to contact you.</p>"


class LeadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lead

    full_name = "Jordan Rivera"
    email = factory.Sequence(lambda n: f"visitor{n}@example.org")
    phone = "+15035550100"
    preferred_contact_method = "phone"
    consent_version = "consent-2026-11"
    consented_at = factory.LazyFunction(timezone.now)


class TopicFactory(factory.django.DjangoModelFactory):
    """An English (default language) topic; its translations come from topic_translation."""

    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Jordan Reviewer{n}")
    credentials = "MD"
    bio = "Psychiatrist who treats depression."


class ArticleIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArticleIndexPage

    title = "Articles"
    slug = "articles"
    intro = "What to know about treatment-resistant depression and ketamine therapy."


def article_body(text: str = "Ketamine infusions are given under medical supervision.") -> list:
    """A small article body in StreamField's raw form."""
    return [
        {"type": "heading", "value": {"text": "What it is", "level": "h2"}},
        {"type": "paragraph", "value": f"<p>{text}</p>"},
    ]


class ArticlePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArticlePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Article {n}")
    summary = "A short summary of the article for the list."
    body = factory.LazyFunction(article_body)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)
            self.save()


def topic_translation(topic, language: str = "es", **fields):
    """`topic`'s version in `language`, as an editor's "Translate" makes it, with `fields`
    changed."""
    from wagtail.models import Locale

    locale, _ = Locale.objects.get_or_create(language_code=language)
    translated = topic.get_translation_or_none(locale) or topic.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save()
    return translated


def translation_of(page, language: str = "es", **fields):
    """`page`'s published version in `language`, made as an editor's "Translate" would (its parents
    translated first when they have none), with `fields` changed; the existing one when there is."""
    from wagtail.models import Locale

    page = page.specific
    locale, _ = Locale.objects.get_or_create(language_code=language)
    translated = page.get_translation_or_none(locale)
    if translated is None:
        translated = page.copy_for_translation(locale, copy_parents=True)
    elif translated.alias_of_id:
        # A parent Wagtail copied along as an alias of the original becomes a page of its own,
        # as wagtail-localize does when it is translated.
        translated.alias_of_id = None
        translated.save(update_fields=["alias_of_id"], clean=False)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    for ancestor in translated.get_ancestors().filter(depth__gte=2).specific():
        if not ancestor.live:
            ancestor.save_revision().publish()
    return type(page).objects.get(pk=translated.pk)
