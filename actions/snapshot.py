"""Keeping the month-end snapshot (`MonthCountChange`, `RedSpell`) in step with the history.

Every history row of an action moves the snapshot from the state the row replaces to the state
it records. Single saves (every service, the admin, the data loads) reach `record_history_row`
through simple-history's `post_create_historical_record` signal, inside the transaction that
writes the row; the bulk services (the spreadsheet import) call `record_changes` themselves,
in theirs. `rebuild` recomputes it all from the history with the same `month_deltas`, so the
kept figures and the history cannot disagree.

Which actions count at a month-end follows `actions.rules`: an action counts from its first
history row, under the theme, workstream and status of its newest row written by the end of
that day, unless deleted, or withdrawn on or before the month-end (`rules.is_in_force`).
"""

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from actions import rules
from actions.models import BRAG, MonthCountChange, RedSpell
from actions.models.snapshot import NO_WORKSTREAM, Counted
from actions.selectors.dates import month_end

Key = tuple[dt.date, int, int, str]  # month_end, weakness, workstream_key, status


def counted(obj: Any) -> Counted:
    """The counted state of an action, or of one of its history rows."""
    return Counted.of(obj)


def _contribution(state: Counted, from_month: dt.date, sign: int, deltas: Counter) -> None:
    # `state` counts at every month-end from `from_month` until its withdrawal date passes.
    if not rules.is_in_force(withdrawn_date=state.withdrawn_date, as_at=from_month):
        return
    key = state.weakness_id, state.workstream_id or NO_WORKSTREAM, state.status
    deltas[(from_month, *key)] += sign
    if state.withdrawn_date is not None:
        deltas[(month_end(state.withdrawn_date), *key)] -= sign


def month_deltas(
    before: Counted | None, after: Counted | None, day: dt.date, deltas: Counter | None = None
) -> Counter:
    """The change to the month counts when an action goes from `before` to `after` on `day`.

    None is "not there" (not yet created, or deleted). The new state replaces the old one at
    every month-end from `day`'s on; earlier month-ends keep what they had.
    """
    deltas = Counter() if deltas is None else deltas
    from_month = month_end(day)
    if before is not None:
        _contribution(before, from_month, -1, deltas)
    if after is not None:
        _contribution(after, from_month, +1, deltas)
    return deltas


def _is_red(state: Counted | None) -> bool:
    return state is not None and state.status == BRAG.RED


class Change(NamedTuple):
    plan_id: int
    action_id: int
    before: Counted | None
    after: Counted | None
    at: dt.datetime


def record_changes(changes: Iterable[Change]) -> None:
    """Move the snapshot for history rows just written (call inside their transaction)."""
    by_plan: dict[int, Counter] = {}
    ended: list[tuple[int, dt.datetime]] = []
    began: list[RedSpell] = []
    for change in changes:
        day = timezone.localtime(change.at).date()
        month_deltas(
            change.before, change.after, day, by_plan.setdefault(change.plan_id, Counter())
        )
        if _is_red(change.before) and not _is_red(change.after):
            ended.append((change.action_id, change.at))
        elif _is_red(change.after) and not _is_red(change.before):
            began.append(RedSpell(action_id=change.action_id, began_at=change.at))
    # Part of the history row's transaction (no savepoint of its own): if it fails, so does
    # the change it counts.
    with transaction.atomic(savepoint=False):
        for plan_id, deltas in by_plan.items():
            _add(plan_id, deltas)
        for action_id, at in ended:
            RedSpell.objects.filter(action_id=action_id, ended_at__isnull=True).update(ended_at=at)
        if began:
            RedSpell.objects.bulk_create(began)


def _add(plan_id: int, deltas: Counter) -> None:
    rows = sorted((key, change) for key, change in deltas.items() if change)
    for start in range(0, len(rows), 1000):
        _upsert(plan_id, rows[start : start + 1000])


def _upsert(plan_id: int, rows: list) -> None:
    table = connection.ops.quote_name(MonthCountChange._meta.db_table)
    values = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(rows))
    params: list[Any] = []
    for (month, weakness_id, workstream_key, status), change in rows:
        params += [plan_id, month, weakness_id, workstream_key, status, change]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} AS t "
            '(plan_id, month_end, weakness_id, workstream_key, status, "change") '
            f"VALUES {values} "
            "ON CONFLICT (plan_id, month_end, weakness_id, workstream_key, status) "
            'DO UPDATE SET "change" = t."change" + excluded."change"',
            params,
        )


def record_history_row(sender, instance, history_instance, **kwargs) -> None:
    """simple-history's `post_create_historical_record` for Action: one row just written."""
    after = None if history_instance.history_type == "-" else counted(history_instance)
    if history_instance.history_type == "+":
        before = None
    elif "_counted" in instance.__dict__:
        before = Counted(*instance._counted) if instance._counted is not None else None
    else:
        before = _previous_state(history_instance)
    record_changes(
        [
            Change(
                plan_id=history_instance.plan_id,
                action_id=history_instance.id,
                before=before,
                after=after,
                at=history_instance.history_date,
            )
        ]
    )
    instance._counted = tuple(after) if after is not None else None


def _previous_state(history_instance) -> Counted | None:
    previous = (
        type(history_instance)
        .objects.filter(id=history_instance.id)
        .exclude(history_id=history_instance.history_id)
        .order_by("-history_date", "-history_id")
        .first()
    )
    if previous is None or previous.history_type == "-":
        return None
    return counted(previous)


# --- rebuilding from the history -------------------------------------------------------------


def rebuild(plan_ids: Sequence[int]) -> int:
    """Recompute the snapshot of these plans from their history; returns history rows read."""
    from actions.models import Action

    historical = Action.history.model
    read = 0
    with transaction.atomic():
        MonthCountChange.objects.filter(plan_id__in=plan_ids).delete()
        RedSpell.objects.filter(action__plan_id__in=plan_ids).delete()
        for plan_id in plan_ids:
            rows = (
                historical.objects.filter(plan_id=plan_id)
                .order_by("id", "history_date", "history_id")
                .values_list(
                    "id",
                    "history_date",
                    "history_type",
                    "weakness_id",
                    "workstream_id",
                    "status",
                    "withdrawn_date",
                )
            )
            deltas: Counter = Counter()
            spells: list[RedSpell] = []
            previous_id, before = None, None
            for pk, when, kind, weakness_id, workstream_id, status, withdrawn in rows.iterator(
                chunk_size=5000
            ):
                read += 1
                if pk != previous_id:
                    previous_id, before = pk, None
                after = (
                    None if kind == "-" else Counted(weakness_id, workstream_id, status, withdrawn)
                )
                month_deltas(before, after, timezone.localtime(when).date(), deltas)
                if _is_red(after) and not _is_red(before):
                    spells.append(RedSpell(action_id=pk, began_at=when))
                elif _is_red(before) and not _is_red(after):
                    spells[-1].ended_at = when
                before = after
            _add(plan_id, deltas)
            RedSpell.objects.bulk_create(spells, batch_size=2000)
    return read


# --- reading it ----------------------------------------------------------------------------


def red_spell_q(cutoff: dt.datetime) -> Q:
    """The spells running at `cutoff`."""
    return Q(began_at__lt=cutoff) & (Q(ended_at__isnull=True) | Q(ended_at__gte=cutoff))
