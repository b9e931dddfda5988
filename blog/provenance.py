"""Whether an article's live text is medically reviewed, read from Wagtail's own workflow records:
the approved tasks of the Medical review workflow, finished by a member of the Medical reviewers
group. Nothing an editor types can make an article say it was reviewed.

Approving the workflow's last task publishes the page's latest revision (Wagtail's
`publish_workflow_state`): the one submitted, or the reviewer's own edits when they approve with
edits. So an approval covers the live revision when that revision was saved between the
submission and the approval; anything published later was never approved."""

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from wagtail.models import Page, Revision, TaskState

from core.medical_review import MEDICAL_REVIEW_WORKFLOW, MEDICAL_REVIEWERS_GROUP


@dataclass(frozen=True)
class Approval:
    """One approval in the Medical review workflow: who approved, as their person profile names
    them, and when."""

    name: str
    credentials: str
    bio: str
    approved_at: datetime.datetime

    @property
    def approved_on(self) -> datetime.date:
        return timezone.localtime(self.approved_at).date()


@dataclass(frozen=True)
class ReviewStatus:
    """The live revision's approval, if it has one, and the latest approval of any revision."""

    live: Approval | None
    latest: Approval | None

    @property
    def reviewed(self) -> bool:
        return self.live is not None


def medical_approvals() -> QuerySet:
    """Approved tasks of the Medical review workflow finished by a medical reviewer."""
    return TaskState.objects.filter(
        status=TaskState.STATUS_APPROVED,
        workflow_state__workflow__name=MEDICAL_REVIEW_WORKFLOW,
        finished_by__groups__name=MEDICAL_REVIEWERS_GROUP,
    )


def page_revisions_q(page_pk) -> dict:
    """The lookups that pick a page's task states (`page_pk` may be an OuterRef)."""
    return {
        "revision__base_content_type": ContentType.objects.get_for_model(Page),
        "revision__object_id": page_pk,
    }


def covers_revision(approvals: QuerySet, revision_created_at) -> QuerySet:
    """Approvals that published a revision saved at `revision_created_at`: it was saved after
    the submitted revision and no later than the approval."""
    return approvals.filter(
        revision__created_at__lte=revision_created_at, finished_at__gte=revision_created_at
    )


def approval_from(task_state) -> Approval:
    user = task_state.finished_by
    person = getattr(user, "person_profile", None)
    if person is not None:
        return Approval(person.name, person.credentials, person.bio, task_state.finished_at)
    # A reviewer without a person profile is still a reviewer; the name is all we know.
    return Approval(user.get_full_name() or user.get_username(), "", "", task_state.finished_at)


def review_status(page) -> ReviewStatus:
    """The article's review status, in one query."""
    live_created = Revision.objects.filter(pk=page.live_revision_id).values("created_at")
    approvals = list(
        medical_approvals()
        .filter(**page_revisions_q(str(page.pk)))
        .select_related("finished_by__person_profile")
        .annotate(submitted_at=F("revision__created_at"), live_created_at=Subquery(live_created))
        .order_by("-finished_at", "-pk")
    )
    live = next(
        (
            each
            for each in approvals
            if each.live_created_at is not None
            and each.submitted_at <= each.live_created_at <= each.finished_at
        ),
        None,
    )
    return ReviewStatus(
        live=approval_from(live) if live else None,
        latest=approval_from(approvals[0]) if approvals else None,
    )


def annotate_review(articles: QuerySet) -> QuerySet:
    """`articles` with `live_reviewed` (a medical reviewer approved the live revision),
    `last_reviewed_at` (the latest approval of any revision) and `last_reviewer` (who gave it)."""
    approvals = medical_approvals().filter(**page_revisions_q(Cast(OuterRef("pk"), CharField())))
    latest = approvals.order_by("-finished_at", "-pk")
    return articles.annotate(
        live_reviewed=Exists(covers_revision(approvals, OuterRef("live_revision__created_at"))),
        last_reviewed_at=Subquery(latest.values("finished_at")[:1]),
        last_reviewer=Subquery(
            latest.annotate(
                reviewer_name=Coalesce("finished_by__person_profile__name", "finished_by__username")
            ).values("reviewer_name")[:1]
        ),
    )
