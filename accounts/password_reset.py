"""Password-reset emails through the project's outbox, like every other email: the
request only writes a delivery row per account and queues it once the request commits, so the
answer does no mail-server work and takes as long for an unknown address as for a staff member's.

The row names the account (`recipient_user`) and its address, never the reset link: the link and
its token are made from the user when a worker builds the email (accounts.emails), so the database
never holds a token. A retry builds a fresh one; Django's tokens stop working once the password
changes or after PASSWORD_RESET_TIMEOUT, whichever comes first."""

from collections.abc import Iterable

from django.contrib.auth.base_user import AbstractBaseUser

from outbox.queue import Email, enqueue

# The outbox's name for the email (registered with its builder in accounts/emails.py). Listed
# to superusers only: when and to whom it went says when a colleague lost their password.
RESET_LINK_EMAIL = "password_reset"


def email_of(user: AbstractBaseUser) -> str:
    return getattr(user, user.get_email_field_name())


def queue_password_reset_emails(users: Iterable[AbstractBaseUser]) -> None:
    """One pending password-reset delivery per account, sent by a worker after the commit. No
    dedupe key: each request is its own email, bounded by the form's two rate limits
    (accounts.views.ThrottledPasswordResetView)."""
    # One INSERT, without the per-row save signals (Wagtail's reference index, about ten queries
    # a row): a real account costs the answer one statement more than an unknown address, nothing
    # that could be timed. It commits on its own, so the queueing follows at once (or, inside a
    # transaction, when that commits).
    enqueue(*(Email(RESET_LINK_EMAIL, email_of(user), recipient_user=user) for user in users))
