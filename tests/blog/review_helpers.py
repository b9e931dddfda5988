"""Medical review the way the clinic does it: Marketing submits an article to the Medical review
workflow and a medical reviewer approves it (which publishes its latest revision)."""

from blog.models import ArticlePage
from blog.review import assign_medical_review
from tests.factories import PersonFactory, UserFactory


def medical_reviewer(name="Maya Okafor", credentials="MD, psychiatrist", **person_fields):
    """A user of the Medical reviewers group with a linked person profile."""
    user = UserFactory(groups=["Medical reviewers"])
    PersonFactory(user=user, name=name, credentials=credentials, **person_fields)
    return user


def submit(article: ArticlePage, writer=None):
    """Submit the article's latest revision to the Medical review workflow; returns the task
    state waiting for approval."""
    assign_medical_review(article.get_parent())
    # No address: the writer gets none of the Marketing emails the tests count.
    writer = writer or UserFactory(email="", groups=["Marketing"])
    article = ArticlePage.objects.get(pk=article.pk)
    if article.get_latest_revision() is None:
        article.save_revision(user=writer)
    state = article.get_workflow().start(article, writer)
    return state.current_task_state


def approve(article: ArticlePage, reviewer, writer=None) -> ArticlePage:
    """Submit, then approve as `reviewer`; returns the article as now published."""
    task_state = submit(article, writer)
    task_state.task.specific.on_action(task_state, reviewer, "approve")
    return ArticlePage.objects.get(pk=article.pk)


def publish_without_review(article: ArticlePage, title: str, user=None) -> ArticlePage:
    """Marketing changes the article and publishes it directly, skipping the workflow."""
    article = ArticlePage.objects.get(pk=article.pk)
    article.title = title
    article.save_revision(user=user or UserFactory(email="", groups=["Marketing"])).publish()
    return ArticlePage.objects.get(pk=article.pk)
