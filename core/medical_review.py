"""The medical review workflow's name: one home for it, because more than one app's pages go
through it (blog's articles, the self-check). The workflow and its reviewers' group are created
by blog's migrations; a page type that needs medical review returns `medical_review_workflow()`
from its `get_workflow`."""

from wagtail.models import Workflow

MEDICAL_REVIEW_WORKFLOW = "Medical review"
MEDICAL_REVIEWERS_GROUP = "Medical reviewers"


def medical_review_workflow() -> Workflow | None:
    """The active "Medical review" workflow, or None where it was removed or deactivated."""
    return Workflow.objects.filter(name=MEDICAL_REVIEW_WORKFLOW, active=True).first()
