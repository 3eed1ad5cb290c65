"""An action's audit history as rows a Board member can read: when, who, what changed, why.

Built from django-simple-history's `diff_against`, in a fixed number of queries: the history
rows with their users, then one lookup per kind of related object named in them.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone

from actions.models import Action, Commitment
from wsoa.lib.people import person_name

# Bookkeeping that says nothing to a reader: the edit counter, and the proposal time that the
# row's own "when" already shows.
HIDDEN_FIELDS = ("version", "created_at", "updated_at", "completion_proposed_at")

NOT_SET = "(none)"

_EVENTS = {"+": "Created", "~": "Changed", "-": "Deleted"}


# Values longer than this read better on lines of their own than inside "from … to …".
SHORT_VALUE = 40


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str

    @property
    def is_long(self) -> bool:
        return max(len(self.old), len(self.new)) > SHORT_VALUE


@dataclass(frozen=True)
class HistoryRow:
    when: dt.datetime
    who: str
    event: str
    reason: str
    changes: list[FieldChange] = field(default_factory=list)

    @property
    def created(self) -> bool:
        return self.event == _EVENTS["+"]


def _field_order() -> dict[str, int]:
    return {f.name: position for position, f in enumerate(Action._meta.concrete_fields)}


def _format_date(value: dt.date) -> str:
    return f"{value:%-d %B %Y}"


class _Labels:
    """Turns stored values into words: BRAG names, formatted dates, people's and groups' names."""

    def __init__(self, records: list) -> None:
        ids: dict[type[models.Model], set[int]] = {}
        for f in Action._meta.concrete_fields:
            if f.is_relation and isinstance(f.related_model, type):
                wanted = ids.setdefault(f.related_model, set())
                wanted.update(
                    value for r in records if (value := getattr(r, f.attname)) is not None
                )
        self._names: dict[type[models.Model], dict[int, str]] = {}
        for model, pks in ids.items():
            self._names[model] = self._load(model, pks) if pks else {}

    @staticmethod
    def _load(model: type[models.Model], pks: set[int]) -> dict[int, str]:
        if model is get_user_model():
            users = get_user_model()._default_manager.filter(pk__in=pks)
            return {user.pk: person_name(user) for user in users}
        objects = model._default_manager.filter(pk__in=pks)
        if model is Commitment:
            # Its name includes the weakness number.
            objects = objects.select_related("weakness")
        return {obj.pk: str(obj) for obj in objects}

    def value(self, model_field: models.Field, value) -> str:
        if value is None or value == "":
            return NOT_SET
        if model_field.is_relation:
            related = model_field.related_model
            names = self._names.get(related, {}) if isinstance(related, type) else {}
            return names.get(value, f"removed ({value})")
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value))
        if isinstance(value, dt.datetime):
            return f"{timezone.localtime(value):%-d %B %Y %H:%M}"
        if isinstance(value, dt.date):
            return _format_date(value)
        if isinstance(value, bool):
            return "Yes" if value else "No"
        return str(value)


def _field(name: str) -> models.Field:
    """One of the action's own fields (the history records no reverse relations)."""
    model_field = Action._meta.get_field(name)
    if not isinstance(model_field, models.Field):
        raise TypeError(f"{name} is not a field of the action.")
    return model_field


def _label(model_field: models.Field) -> str:
    name = str(model_field.verbose_name)
    return name[:1].upper() + name[1:]


def action_history_rows(action: Action, *, newest: int | None = None) -> list[HistoryRow]:
    """Every recorded change of `action`, newest first; only the `newest` few if given."""
    records = action.history.select_related("history_user").order_by("-history_date", "-history_id")
    if newest is not None:
        # One more than asked for: the newest rows are compared with the one before them.
        records = records[: newest + 1]
    records = list(reversed(records))
    labels = _Labels(records)
    order = _field_order()
    rows: list[HistoryRow] = []
    previous = None
    for record in records:
        if previous is None or record.history_type == "+":
            status = _field("status")
            changes = [FieldChange(_label(status), NOT_SET, labels.value(status, record.status))]
        else:
            delta = record.diff_against(previous, excluded_fields=HIDDEN_FIELDS)
            changes = [
                FieldChange(
                    _label(model_field := _field(change.field)),
                    labels.value(model_field, change.old),
                    labels.value(model_field, change.new),
                )
                for change in sorted(delta.changes, key=lambda c: order.get(c.field, 0))
            ]
        rows.append(
            HistoryRow(
                when=record.history_date,
                who=person_name(record.history_user) if record.history_user_id else "System",
                event=_EVENTS.get(record.history_type, "Changed"),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
        previous = record
    if newest is not None and len(records) > newest:
        rows = rows[1:]
    rows.reverse()
    return rows


def latest_change(action: Action) -> HistoryRow | None:
    """The newest change of `action`: what somebody else did while a form was open."""
    rows = action_history_rows(action, newest=1)
    return rows[0] if rows else None
