"""The leads app's data, bottom layer: every other module of the app may import from here, and
nothing here imports them. Page types are in leads.pages (they serve the public views)."""

from leads.models.email_kinds import LeadEmailKind
from leads.models.records import (
    LeadEvent,
    LeadEventKind,
    LeadExportRecord,
    TrappedSubmissionCount,
    record_event,
)
from leads.models.site_settings import (
    ConfirmationEmailSettings,
    CrisisPhraseList,
    LeadFollowUpSettings,
    StaffNotificationSettings,
    UrgentRequestSettings,
)
from leads.models.submissions import (
    OPEN_STATUSES,
    PERSONAL_FIELDS,
    SUBMISSION_FIELDS,
    ContactMethod,
    Inquiry,
    Lead,
    LeadQuerySet,
    LeadStatus,
    Submission,
    language_name,
    normalise_email,
)

__all__ = [
    "OPEN_STATUSES",
    "PERSONAL_FIELDS",
    "SUBMISSION_FIELDS",
    "ConfirmationEmailSettings",
    "ContactMethod",
    "CrisisPhraseList",
    "Inquiry",
    "Lead",
    "LeadEmailKind",
    "LeadEvent",
    "LeadEventKind",
    "LeadExportRecord",
    "LeadFollowUpSettings",
    "LeadQuerySet",
    "LeadStatus",
    "StaffNotificationSettings",
    "Submission",
    "TrappedSubmissionCount",
    "UrgentRequestSettings",
    "language_name",
    "normalise_email",
    "record_event",
]
