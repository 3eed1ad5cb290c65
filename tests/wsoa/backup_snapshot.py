"""What a backup must bring back: the Board figures, the plan export and the audit trail.

The backup test takes a snapshot of the original database in the test and of its restored
copy in a separate process (`print_snapshot`), and compares them.
"""

import datetime as dt
import json
import sys
from unittest import mock

from django.core.serializers.json import DjangoJSONEncoder

from actions.selectors import current_plan
from board.selectors.summary import brag_summary
from inspections.models import LocalArea

# The readers behind the Board dashboard and the plan download. (If they move to another app,
# only these imports change.)
from spreadsheets.exporters import plan_export
from wsoa.lib.audit import audit_trail_models

# Each export is stamped with the moment it was made; both snapshots take the same one.
EXPORTED_AT = dt.datetime(2018, 11, 1, 9, 0, tzinfo=dt.UTC)
DATES = [dt.date(2018, 7, 31), dt.date(2018, 8, 31), dt.date(2018, 9, 30), dt.date(2018, 10, 31)]

# Run in a process of its own, against DATABASE_URL.
PRINT_SNAPSHOT = (
    "import django; django.setup(); "
    "from tests.wsoa.backup_snapshot import print_snapshot; print_snapshot()"
)


def snapshot(area_slug: str) -> dict:
    plan = current_plan(LocalArea.objects.get(slug=area_slug))
    with mock.patch("django.utils.timezone.now", return_value=EXPORTED_AT):
        export = plan_export(plan=plan, fmt="csv").content.decode("utf-8")
    data = {
        "figures": {day.isoformat(): brag_summary(plan=plan, as_at=day).records() for day in DATES},
        "export": export,
        "history": {
            model._meta.label: list(model.objects.order_by("pk").values())
            for model in audit_trail_models()
        },
    }
    # As the other process hands it over: through JSON.
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def print_snapshot() -> None:
    print(json.dumps(snapshot(sys.argv[1])))
