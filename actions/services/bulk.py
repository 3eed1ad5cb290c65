"""Many actions created or changed at once (a plan import), by the same rules as one at a time.

`action_create` and `action_update` cost about ten queries an action: a lookup for each
related object `full_clean` checks, the uniqueness and constraint queries, the save and its
history row. Here each rule runs on every action as well, but the lookups are made once for
the whole batch, and the actions and their history rows ("+" created, "~" changed, with the
user and the reason) are written in bulk, all in one transaction.
"""

from collections.abc import Sequence
from typing import Any, cast

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Field, ForeignKey, Model
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from actions import rules, snapshot
from actions.models import BRAG, Action, Plan
from actions.models.snapshot import Counted
from actions.services.common import _clear_completion_proposal, _refuse_blue_unless_allowed
from wsoa.lib.audit import bulk_writes_with_history
from wsoa.lib.page_cache import content_changed

BATCH_SIZE = 1000
# bulk_update writes one CASE per field whose length grows with the batch: kept short.
UPDATE_BATCH_SIZE = 100
RELATED = ("weakness", "commitment", "workstream", "lead", "completion_proposed_by")


class ActionsInvalid(ValidationError):
    """Some actions of a batch break a rule; `errors` maps each one's position to why."""

    def __init__(self, errors: dict[int, ValidationError]) -> None:
        super().__init__([message for error in errors.values() for message in error.messages])
        self.errors = errors


def _check(
    actions: Sequence[Action], *, plan: Plan, errors: dict[int, ValidationError] | None = None
) -> None:
    """full_clean on every action, with its lookups made once for the batch."""
    errors = dict(errors or {})
    existing: dict[str, set] = {}
    for name in RELATED:
        # Every relation of Action names its model class, never "self" as a string.
        model = cast(type[Model], _relation(name).related_model)
        wanted = {getattr(a, f"{name}_id") for a in actions} - {None}
        existing[name] = set(model._base_manager.filter(pk__in=wanted).values_list("pk", flat=True))
    ids = {a.pk for a in actions if a.pk}
    taken = dict(
        Action.objects.filter(plan=plan).exclude(pk__in=ids).values_list("reference", "pk")
    )
    seen: set[str] = set()
    for position, action in enumerate(actions):
        problems: dict[str, list[str]] = {}
        try:
            action.full_clean(
                exclude=["plan", *RELATED], validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            problems.update(error.message_dict)
        if action.plan_id != plan.pk:
            problems.setdefault("plan", []).append("The action belongs to another plan.")
        for name in RELATED:
            value = getattr(action, f"{name}_id")
            if value is not None and value not in existing[name]:
                problems.setdefault(name, []).append(
                    f"{_relation(name).verbose_name.capitalize()} {value} does not exist."
                )
        if action.reference in taken or action.reference in seen:
            problems.setdefault("reference", []).append(
                f"The plan already has an action {action.reference}."
            )
        seen.add(action.reference)
        if problems and position not in errors:
            errors[position] = ValidationError(problems)
    if errors:
        raise ActionsInvalid(errors)


@transaction.atomic
def action_bulk_create(
    *,
    plan: Plan,
    actor: User | None,
    reason: str,
    rows: Sequence[dict[str, Any]],
) -> list[Action]:
    """Add many actions to `plan`, each as `action_create` would, with its "+" history row."""
    actions = [Action(plan=plan, **fields) for fields in rows]
    _check(actions, plan=plan)
    now = timezone.now()
    for action in actions:
        action.created_at = action.updated_at = now
    with bulk_writes_with_history():
        created = bulk_create_with_history(
            actions,
            Action,
            batch_size=BATCH_SIZE,
            default_user=actor,
            default_change_reason=reason,
            default_date=now,
        )
    snapshot.record_changes(
        snapshot.Change(plan.pk, action.pk, None, Counted.of(action), now) for action in created
    )
    content_changed()  # bulk writes send no signals
    for action in created:
        action._loaded_status = action.status
        action._counted = tuple(Counted.of(action))
    return created


def _relation(name: str) -> ForeignKey:
    field = Action._meta.get_field(name)
    if not isinstance(field, ForeignKey):
        raise TypeError(f"Action.{name} is not a foreign key.")
    return field


def _column(name: str) -> Field:
    """The model field behind one of Action's columns (every name here is a concrete field)."""
    field = Action._meta.get_field(name)
    if not isinstance(field, Field):
        raise TypeError(f"Action.{name} is not a column.")
    return field


def _update_rows(actions: Sequence[Action], attnames: Sequence[str]) -> None:
    """Write the actions' `attnames` with one UPDATE … FROM (VALUES …) a batch.

    Django's bulk_update builds a CASE over the whole batch for every field, which costs more
    than the rest of an import put together.
    """
    fields = [_column(name) for name in attnames]
    quote = connection.ops.quote_name
    assignments = ", ".join(
        f"{quote(field.column)} = v.{quote(field.column)}::{field.db_type(connection)}"
        for field in fields
    )
    columns = ", ".join(quote(field.column) for field in fields)
    row = "(" + ", ".join(["%s"] * (len(fields) + 1)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(actions), BATCH_SIZE):
            batch = actions[start : start + BATCH_SIZE]
            params = [
                value
                for action in batch
                for value in (
                    action.pk,
                    *(
                        field.get_db_prep_save(getattr(action, field.attname), connection)
                        for field in fields
                    ),
                )
            ]
            cursor.execute(
                f"UPDATE {quote(Action._meta.db_table)} AS a SET {assignments} "
                f"FROM (VALUES {', '.join([row] * len(batch))}) AS v(id, {columns}) "
                "WHERE a.id = v.id",
                params,
            )


@transaction.atomic
def action_bulk_update(
    *,
    plan: Plan,
    actor: User | None,
    reason: str,
    changes: Sequence[tuple[Action, dict[str, Any]]],
) -> list[Action]:
    """Change many of `plan`'s actions, each as `action_update` would, with its "~" history row.

    The actions are locked and re-read first, so a change saved by somebody else meanwhile is
    built on, not overwritten.
    """
    reason = (reason or "").strip()
    locked = Action.objects.select_for_update().in_bulk([action.pk for action, _ in changes])
    actions, changed_fields = [], {"version", "updated_at"}
    refused: dict[int, ValidationError] = {}
    now = timezone.now()
    for position, (action, fields) in enumerate(changes):
        fresh = locked[action.pk]
        fresh.plan = plan
        for name in RELATED:
            # What the caller already loaded saves clean() a query per action.
            relation = _relation(name)
            if relation.is_cached(action) and getattr(action, relation.attname) == getattr(
                fresh, relation.attname
            ):
                setattr(fresh, name, getattr(action, name))
        was_blue = fresh.status == BRAG.BLUE
        for name, value in fields.items():
            setattr(fresh, name, value)
            changed_fields.add(_column(name).attname)
        if fresh.status == BRAG.BLUE and not was_blue:
            try:
                _refuse_blue_unless_allowed(actor, fresh)
            except PermissionDenied as error:
                refused[position] = ValidationError(str(error))
            _clear_completion_proposal(fresh)
            changed_fields |= {
                "completion_proposed_by_id",
                "completion_proposed_at",
                "proposed_completed_date",
            }
        if fresh.status_changed and not reason:
            raise ValidationError({"reason": rules.STATUS_REASON_REQUIRED})
        fresh.version += 1
        fresh.updated_at = now
        actions.append(fresh)
    _check(actions, plan=plan, errors=refused)
    if connection.vendor == "postgresql":
        _update_rows(actions, sorted(changed_fields))
        Action.history.bulk_history_create(
            actions,
            batch_size=BATCH_SIZE,
            update=True,
            default_user=actor,
            default_change_reason=reason or "Details edited",
            default_date=now,
        )
    else:
        with bulk_writes_with_history():
            bulk_update_with_history(
                actions,
                Action,
                sorted(changed_fields),
                batch_size=UPDATE_BATCH_SIZE,
                default_user=actor,
                default_change_reason=reason or "Details edited",
                default_date=now,
            )
    snapshot.record_changes(
        snapshot.Change(
            plan.pk,
            fresh.pk,
            Counted(*fresh._counted) if fresh._counted is not None else None,
            Counted.of(fresh),
            now,
        )
        for fresh in actions
    )
    content_changed()  # bulk writes send no signals
    for (action, _), fresh in zip(changes, actions, strict=True):
        fresh._counted = tuple(Counted.of(fresh))
        action._counted = fresh._counted
        for field in Action._meta.concrete_fields:
            setattr(action, field.attname, getattr(fresh, field.attname))
        action._loaded_status = fresh.status
    return actions
