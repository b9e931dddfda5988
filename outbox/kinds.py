"""The registry of email kinds. Each app declares the kinds it sends in its `emails` module (found
at start-up by OutboxConfig.ready), with the function that builds one email from its delivery row:

    @register_email_kind("weekly_summary", "Weekly summary to the manager")
    def build_weekly_summary(delivery): ...

A kind is a name stored in the delivery row, without database choices, so a new kind needs no
migration. The outbox looks a row's kind up here when it sends it and when staff see it."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class EmailKind:
    name: str
    label: str
    build: Callable
    # Rows of this kind are listed under "Email deliveries" to superusers only (a staff
    # member's password reset says when a colleague lost their password).
    superusers_only: bool = False


KINDS: dict[str, EmailKind] = {}


def register_email_kind(name: str, label: str | None = None, *, superusers_only: bool = False):
    """Register the function that builds the emails of one kind. `label` is what staff read; a
    TextChoices member brings its own."""
    label = label or getattr(name, "label", None)
    if not label:
        raise ValueError(f"Email kind {name!r} needs a label staff can read")

    def register(builder: Callable) -> Callable:
        known = KINDS.get(name)
        if known and (known.build.__module__, known.build.__qualname__) != (
            builder.__module__,
            builder.__qualname__,
        ):
            raise ValueError(f"Email kind {name!r} is registered twice")
        KINDS[str(name)] = EmailKind(str(name), str(label), builder, superusers_only)
        return builder

    return register


def kind_label(name: str) -> str:
    """What staff read for a kind; a kind no app registers (any more) shows its stored name."""
    kind = KINDS.get(name)
    return kind.label if kind else name


def kind_choices() -> list[tuple[str, str]]:
    return sorted(((kind.name, kind.label) for kind in KINDS.values()), key=lambda c: c[1])


def superusers_only_kinds() -> list[str]:
    return [kind.name for kind in KINDS.values() if kind.superusers_only]


def builder_for(name: str) -> Callable:
    try:
        return KINDS[name].build
    except KeyError:
        # Never a silent fallback: the outbox records this as a permanent failure staff see.
        raise ValueError(f"No email builder is registered for kind {name!r}") from None
