"""Every write to an action plan goes through these functions.

Each runs the model's own rules (`full_clean`), saves inside a transaction and records who
acted and why in the audit history, so the admin, the screens, imports and the shell all obey
the same rules.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator

from actions import permissions
from actions.models import BRAG, Action, Commitment, Plan, ProgressUpdate, Workstream
from inspections.models import AreaOfWeakness, Inspection, LocalArea
from wsoa.lib.people import person_name

# Fields a status change may set alongside the status itself.
STATUS_FIELDS = ("remedial_action", "completed_date", "evidence")


class StaleEditError(ValidationError):
    """Somebody else saved the action after this edit's form was opened."""


def _save_with_history(
    instance: Any,
    *,
    actor: AbstractBaseUser | None,
    reason: str,
    at: dt.datetime | None = None,
) -> None:
    instance._history_user = actor
    instance._change_reason = reason
    if at is not None:
        instance._history_date = at
    try:
        instance.save()
    finally:
        del instance._change_reason
        instance.__dict__.pop("_history_date", None)


def _check_not_future(at: dt.datetime | None) -> None:
    if at is not None and at > timezone.now():
        raise ValidationError(
            {"at": "History cannot be recorded for a time that has not come yet."}
        )


def _check_after_last_change(action: Action, at: dt.datetime) -> None:
    # A change slipped in before later ones would rewrite what the as-at reports showed.
    last = action.history.order_by("-history_date").values_list("history_date", flat=True)[:1]
    if last and at < last[0]:
        raise ValidationError(
            {"at": "A change cannot be dated before the action's last recorded change."}
        )


def _refuse_blue_unless_allowed(actor: AbstractBaseUser | None, action: Action) -> None:
    # actor None is a trusted process run from the command line (data load, import).
    if actor is not None and not permissions.can_set_blue_directly(actor, action):
        raise PermissionDenied(
            "Only the workstream lead or the programme manager can mark this action complete. "
            "Propose completion instead."
        )


def _refuse_unless_can_confirm(actor: AbstractBaseUser, action: Action) -> None:
    if not permissions.can_confirm_completion(actor, action):
        raise PermissionDenied(
            "Only the workstream lead or the programme manager can sign off completion."
        )


def _clear_completion_proposal(action: Action) -> None:
    action.completion_proposed_by = None
    action.completion_proposed_at = None
    action.proposed_completed_date = None


def short_reason(text: str) -> str:
    """A progress narrative cut down to a history reason."""
    return Truncator(" ".join(text.split())).chars(200)


def _lock(action: Action, expected_version: int | None) -> Action:
    locked = Action.objects.select_for_update().get(pk=action.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleEditError(
            "Somebody else updated this action while you were editing it. "
            "Their change is shown below; check it and make your update again."
        )
    return locked


@transaction.atomic
def action_change_status(
    *,
    action: Action,
    actor: AbstractBaseUser | None,
    status: str,
    reason: str,
    narrative: str = "",
    remedial_action: str | None = None,
    completed_date: dt.date | None = None,
    evidence: str | None = None,
    update_date: dt.date | None = None,
    expected_version: int | None = None,
    at: dt.datetime | None = None,
) -> Action:
    """Set an action's BRAG status, with the why, and record a progress update.

    `completed_date` is cleared when the new status is not Blue, so moving an action back
    from Blue never leaves a stale completion date behind. Setting Blue needs a person who may
    mark the action complete (a workstream lead or programme manager); it settles any pending
    completion proposal. `at` records the change as made at that past moment (history row and
    progress update alike), for imports of earlier records.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the status is being set."})
    _check_not_future(at)
    status = BRAG(status)
    locked = _lock(action, expected_version)
    if at is not None:
        _check_after_last_change(locked, at)
    if status == BRAG.BLUE and locked.status != BRAG.BLUE:
        _refuse_blue_unless_allowed(actor, locked)
    if status == BRAG.BLUE:
        _clear_completion_proposal(locked)
    if remedial_action is not None:
        locked.remedial_action = remedial_action
    if evidence is not None:
        locked.evidence = evidence
    locked.completed_date = completed_date if status == BRAG.BLUE else None
    locked.status = status
    locked.version += 1
    locked.full_clean()
    _save_with_history(locked, actor=actor, reason=reason, at=at)
    if narrative.strip():
        ProgressUpdate.objects.create(
            action=locked,
            author=actor,
            date=update_date or timezone.localdate(at),
            narrative=narrative.strip(),
            status=status,
            created_at=at or timezone.now(),
        )
    _refresh(action, locked)
    return locked


@transaction.atomic
def action_update(
    *,
    action: Action,
    actor: AbstractBaseUser | None,
    reason: str,
    expected_version: int | None = None,
    **fields: Any,
) -> Action:
    """Change any of an action's fields (including its status) with a reason for the history."""
    reason = (reason or "").strip()
    locked = _lock(action, expected_version)
    was_blue = locked.status == BRAG.BLUE
    for name, value in fields.items():
        setattr(locked, name, value)
    if locked.status == BRAG.BLUE and not was_blue:
        _refuse_blue_unless_allowed(actor, locked)
        _clear_completion_proposal(locked)
    if locked.status_changed and not reason:
        raise ValidationError({"reason": "Say why the status changed."})
    locked.version += 1
    locked.full_clean()
    _save_with_history(locked, actor=actor, reason=reason or "Details edited")
    _refresh(action, locked)
    return locked


@transaction.atomic
def action_record_progress(
    *,
    action: Action,
    actor: AbstractBaseUser,
    status: str,
    narrative: str,
    remedial_action: str = "",
    completed_date: dt.date | None = None,
    evidence: str = "",
    expected_version: int | None = None,
) -> Action:
    """The monthly update of an action: its status, a progress narrative and what the status needs.

    The narrative becomes the progress update and the reason in the history. Choosing Blue
    marks the action complete when the person may do so; otherwise it proposes completion for
    the workstream lead to confirm.
    """
    narrative = (narrative or "").strip()
    if not narrative:
        raise ValidationError({"narrative": "Describe the progress made since the last update."})
    status = BRAG(status)
    if (
        status == BRAG.BLUE
        and action.status != BRAG.BLUE
        and not permissions.can_set_blue_directly(actor, action)
    ):
        return action_propose_completion(
            action=action,
            actor=actor,
            completed_date=completed_date,
            evidence=evidence,
            narrative=narrative,
            expected_version=expected_version,
        )
    return action_change_status(
        action=action,
        actor=actor,
        status=status,
        reason=short_reason(narrative),
        narrative=narrative,
        remedial_action=remedial_action,
        completed_date=completed_date,
        evidence=evidence,
        expected_version=expected_version,
    )


@transaction.atomic
def action_propose_completion(
    *,
    action: Action,
    actor: AbstractBaseUser,
    completed_date: dt.date | None,
    evidence: str,
    narrative: str,
    expected_version: int | None = None,
) -> Action:
    """An officer says the action is complete; it waits for a lead to confirm or return it.

    The status stays as it is until then. The evidence is saved on the action so the person
    signing off reads it there.
    """
    errors: dict[str, str] = {}
    if completed_date is None:
        errors["completed_date"] = "To propose completion, give the date the action was completed."
    elif completed_date > timezone.localdate():
        errors["completed_date"] = "The completed date cannot be in the future."
    if not (evidence or "").strip():
        errors["evidence"] = "To propose completion, give evidence of what was done."
    narrative = (narrative or "").strip()
    if not narrative:
        errors["narrative"] = "Describe the progress made since the last update."
    if errors:
        raise ValidationError(errors)
    locked = _lock(action, expected_version)
    if locked.status == BRAG.BLUE:
        raise ValidationError({"status": "This action is already complete."})
    locked.completion_proposed_by = actor
    locked.completion_proposed_at = timezone.now()
    locked.proposed_completed_date = completed_date
    locked.evidence = evidence.strip()
    locked.version += 1
    locked.full_clean()
    _save_with_history(
        locked, actor=actor, reason=f"Completion proposed: {short_reason(narrative)}"
    )
    ProgressUpdate.objects.create(
        action=locked,
        author=actor,
        date=timezone.localdate(),
        narrative=narrative,
        status=locked.status,
    )
    _refresh(action, locked)
    return locked


def _pending_proposal(action: Action, expected_version: int | None) -> Action:
    locked = _lock(action, expected_version)
    if not locked.completion_proposed:
        raise ValidationError(
            "Nobody has proposed this action as complete, or it was already signed off."
        )
    return locked


@transaction.atomic
def action_confirm_completion(
    *,
    action: Action,
    actor: AbstractBaseUser,
    note: str = "",
    expected_version: int | None = None,
) -> Action:
    """A lead confirms an officer's completion proposal: the action becomes Blue.

    The history row is the confirmer's, and its reason names the proposer, so both people
    stay on record.
    """
    locked = _pending_proposal(action, expected_version)
    _refuse_unless_can_confirm(actor, locked)
    proposer = person_name(locked.completion_proposed_by)
    proposed_on = timezone.localdate(locked.completion_proposed_at)
    signed_off = (
        f"Completion proposed by {proposer} on {proposed_on:%-d %B %Y}, "
        f"confirmed by {person_name(actor)}"
    )
    note = (note or "").strip()
    reason = f"{signed_off}: {short_reason(note)}" if note else signed_off
    locked.status = BRAG.BLUE
    locked.completed_date = locked.proposed_completed_date
    _clear_completion_proposal(locked)
    locked.version += 1
    locked.full_clean()
    _save_with_history(locked, actor=actor, reason=reason)
    ProgressUpdate.objects.create(
        action=locked,
        author=actor,
        date=timezone.localdate(),
        narrative=f"{signed_off}: {note}" if note else f"{signed_off}.",
        status=BRAG.BLUE,
    )
    _refresh(action, locked)
    return locked


@transaction.atomic
def action_return_completion(
    *,
    action: Action,
    actor: AbstractBaseUser,
    reason: str,
    expected_version: int | None = None,
) -> Action:
    """A lead sends a completion proposal back to the officer, saying why; the status stays."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the action is not complete yet."})
    locked = _pending_proposal(action, expected_version)
    _refuse_unless_can_confirm(actor, locked)
    proposer = person_name(locked.completion_proposed_by)
    _clear_completion_proposal(locked)
    locked.version += 1
    locked.full_clean()
    history_reason = f"Completion returned to {proposer}: {short_reason(reason)}"
    _save_with_history(locked, actor=actor, reason=history_reason)
    ProgressUpdate.objects.create(
        action=locked,
        author=actor,
        date=timezone.localdate(),
        narrative=f"Completion returned to {proposer}: {reason}",
        status=locked.status,
    )
    _refresh(action, locked)
    return locked


@transaction.atomic
def action_create(
    *,
    plan: Plan,
    actor: AbstractBaseUser | None,
    reason: str = "Created",
    at: dt.datetime | None = None,
    **fields: Any,
) -> Action:
    """Add an action to a plan; `at` dates its first history row in the past (imports)."""
    _check_not_future(at)
    action = Action(plan=plan, **fields)
    action.full_clean()
    _save_with_history(action, actor=actor, reason=reason, at=at)
    return action


def _refresh(stale: Action, fresh: Action) -> None:
    """Let the caller's instance reflect what was saved."""
    if stale is fresh:
        return
    for field in Action._meta.concrete_fields:
        setattr(stale, field.attname, getattr(fresh, field.attname))
    stale._loaded_status = fresh.status


# --- publication on the public progress pages ----------------------------------------------

PUBLIC_SUMMARY_REQUIRED = "Write a public summary before publishing this action."


@transaction.atomic
def plan_set_published(*, plan: Plan, actor: AbstractBaseUser | None, is_published: bool) -> Plan:
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
    actor: AbstractBaseUser | None,
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
    actor: AbstractBaseUser | None,
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


@transaction.atomic
def commitment_create(
    *,
    weakness: AreaOfWeakness,
    actor: AbstractBaseUser | None,
    number: int,
    text: str,
    reason: str = "Created",
) -> Commitment:
    commitment = Commitment(weakness=weakness, number=number, text=text)
    commitment.full_clean()
    _save_with_history(commitment, actor=actor, reason=reason)
    return commitment


@transaction.atomic
def workstream_create(
    *,
    plan: Plan,
    actor: AbstractBaseUser | None,
    number: int,
    name: str,
    reason: str = "Created",
) -> Workstream:
    workstream = Workstream(plan=plan, number=number, name=name)
    workstream.full_clean()
    _save_with_history(workstream, actor=actor, reason=reason)
    return workstream


# Stand-ins for facts an import file does not carry; the programme manager corrects them later.
NOT_YET_RECORDED = "Not yet recorded"


@transaction.atomic
def plan_create_for_new_area(
    *, area_name: str, area_slug: str, actor: AbstractBaseUser | None, reason: str
) -> Plan:
    """Start a local area with an inspection and an empty draft WSoA, ready for an import.

    The inspection's dates are today's and its health partner "Not yet recorded": an
    import file does not carry them, and weaknesses need an inspection to belong to.
    """
    area = LocalArea(
        name=area_name,
        slug=area_slug,
        council_name=area_name,
        health_partner_name=NOT_YET_RECORDED,
    )
    area.full_clean()
    area.save()
    today = timezone.localdate()
    inspection = Inspection(
        local_area=area,
        framework=Inspection.Framework.SEND_2016,
        kind=Inspection.Kind.INITIAL,
        start_date=today,
        end_date=today,
        outcome=Inspection.Outcome.WSOA_REQUIRED,
        plan_required=True,
    )
    inspection.full_clean()
    _save_with_history(inspection, actor=actor, reason=reason)
    plan = Plan(
        local_area=area,
        inspection=inspection,
        kind=Plan.Kind.WSOA,
        title=f"{area_name} Written Statement of Action",
        status=Plan.Status.DRAFT,
    )
    plan.full_clean()
    _save_with_history(plan, actor=actor, reason=reason)
    return plan
