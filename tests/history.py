"""Dating audit rows as they are written: the audit trail is append-only, so a test that needs
a past builds it with past dates from the start rather than moving rows afterwards."""

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import models
from simple_history.signals import pre_create_historical_record


@contextmanager
def history_dated(when: dt.datetime, model: type[models.Model] | None = None) -> Iterator[None]:
    """Date every history row written inside the block (of `model` only, if given) at `when`."""
    history_model = model.history.model if model is not None else None

    def date_it(sender, history_instance, **kwargs):
        if history_model is None or sender is history_model:
            history_instance.history_date = when

    pre_create_historical_record.connect(date_it, weak=False)
    try:
        yield
    finally:
        pre_create_historical_record.disconnect(date_it)
