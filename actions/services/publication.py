"""What parents see: the plan-level switch and each action's published flag and summary."""

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from actions.models import Action, Plan
from actions.services.common import _save_with_history
from actions.services.status import action_update

PUBLIC_SUMMARY_REQUIRED = "Write a public summary before publishing this action."


@transaction.atomic
def plan_set_published(*, plan: Plan, actor: User | None, is_published: bool) -> Plan:
    """Show or hide the plan's public progress pages."""
    if plan.is_published == is_published:
        return plan
    plan.is_published = is_published
    plan.full_clean()
    reason = (
        "Published on the progress pages" if is_published else "Withdrawn from the progress pages"
    )
    _save_with_history(plan, actor=actor, reason=reason)
    return plan


@transaction.atomic
def action_set_publication(
    *,
    action: Action,
    actor: User | None,
    published: bool,
    public_summary: str,
    expected_version: int | None = None,
) -> Action:
    """Choose whether an action appears on the public progress pages, and what it says there.

    A published action needs a public summary: parents read that, never the internal notes.
    """
    public_summary = (public_summary or "").strip()
    if action.published == published and action.public_summary == public_summary:
        # Left as it was, even an action published before summaries were asked for.
        return action
    if published and not public_summary:
        raise ValidationError({"public_summary": PUBLIC_SUMMARY_REQUIRED})
    if action.published != published:
        reason = (
            "Published on the progress pages" if published else "Withdrawn from the progress pages"
        )
    else:
        reason = "Public summary edited"
    return action_update(
        action=action,
        actor=actor,
        reason=reason,
        expected_version=expected_version,
        published=published,
        public_summary=public_summary,
    )


@dataclass(frozen=True)
class ActionPublication:
    """What a programme manager chose to publish about one action."""

    action: Action
    published: bool
    public_summary: str
    expected_version: int | None = None


@transaction.atomic
def plan_publication_update(
    *,
    plan: Plan,
    actor: User | None,
    is_published: bool,
    actions: list[ActionPublication],
) -> None:
    """Save the plan's switch and every action's publication together, or nothing at all.

    Errors are collected per action (keyed by reference) so each can be shown on its row;
    when there are any, the whole change is rolled back.
    """
    errors: dict[str, list[str]] = {}
    for choice in actions:
        if choice.action.plan_id != plan.pk:
            raise ValueError("Every action must belong to the plan being published.")
        try:
            action_set_publication(
                action=choice.action,
                actor=actor,
                published=choice.published,
                public_summary=choice.public_summary,
                expected_version=choice.expected_version,
            )
        except ValidationError as error:
            errors[choice.action.reference] = error.messages
    if errors:
        raise ValidationError(errors)
    plan_set_published(plan=plan, actor=actor, is_published=is_published)
