"""Reads whose SQL Django builds once per shape, then runs with each call's values.

Django turns a queryset into SQL afresh every time it runs it. For the Board's reads, which
run on every dashboard and have a fixed shape, building the SQL costs more than PostgreSQL
takes to answer it. A `PreparedRead` builds its queryset once per shape with a placeholder
for each input, keeps the SQL, and from then on only binds the inputs' values. The queryset
is written with the ORM and the rules' `Q` forms as any other, taking each input as a value
or an expression (`Input`), so its SQL cannot depend on an input's value, only on the shape.

On other databases (the demo's SQLite, whose values need Django's adapters and converters)
the queryset is simply built with the values and run each time.
"""

from collections.abc import Callable, Hashable
from typing import Any

from django.db import connection
from django.db.models import Field, QuerySet
from django.db.models.expressions import RawSQL


class _Slot:
    """Where an input's value goes in the kept parameters."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"<input {self.name}>"


class Input(RawSQL):
    """An input of a prepared read, as an expression a lookup or annotation can take."""

    def __init__(self, value: Any, output_field: Field) -> None:
        super().__init__("%s", (value,), output_field=output_field)


Build = Callable[..., QuerySet]


class PreparedRead:
    """`build(shape, **inputs)` returns a `values()` queryset whose SQL depends on `shape`
    alone; each input is a value or an `Input` expression. `rows(shape, **values)` returns
    its rows as dicts, as the queryset would."""

    def __init__(self, build: Build, fields: dict[str, Field]) -> None:
        self._build = build
        self._fields = fields
        self._kept: dict[Hashable, tuple[str, tuple]] = {}

    def rows(self, shape: Hashable, **values: Any) -> list[dict[str, Any]]:
        if set(values) != set(self._fields):
            raise TypeError(f"Inputs {sorted(values)} are not {sorted(self._fields)}")
        if connection.vendor != "postgresql":
            return list(self._build(shape, **values))
        key = (connection.alias, shape)
        if key not in self._kept:
            slots = {name: Input(_Slot(name), self._fields[name]) for name in values}
            self._kept[key] = self._build(shape, **slots).query.sql_with_params()
        sql, params = self._kept[key]
        prepared = {
            name: self._fields[name].get_db_prep_value(value, connection)
            for name, value in values.items()
        }
        bound = [prepared[param.name] if isinstance(param, _Slot) else param for param in params]
        with connection.cursor() as cursor:
            cursor.execute(sql, bound)
            names = [column.name for column in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
