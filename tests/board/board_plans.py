"""Plans for the Board tests: a small hand-built one and large ones with months of history."""

import datetime as dt
import random
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser

from actions import snapshot
from actions.models import BRAG, Action, Membership, Plan, ProgressUpdate, Workstream
from actions.selectors.dates import month_end
from board.dates import previous_month_end
from inspections.models import LocalArea
from tests.board.timeline import at, change, created
from tests.factories import (
    AreaOfWeaknessFactory,
    LocalAreaFactory,
    MembershipFactory,
    PlanFactory,
    UserFactory,
    WorkstreamFactory,
)
from wsoa.lib.audit import bulk_writes_with_history

JULY_3 = dt.date(2018, 7, 3)


@dataclass
class HandBuilt:
    plan: Plan
    actions: dict[str, Action]
    workstreams: tuple[Workstream, Workstream]
    lead: AbstractBaseUser


def hand_built_plan(plan: Plan | None = None) -> HandBuilt:
    """Three themes, six actions whose statuses change from July to October 2018.

    | action | ref  | theme | WS | 3 Jul | 10 Aug | 5 Sep | 20 Sep | 15 Oct |
    | a1     | 1.1  | 1     | 1  | White | Green  | Red   |        | Amber  |
    | a2     | 1.2  | 1     | 1  | White |        | Amber |        | Red    |
    | a3     | 1.10 | 1     | 1  | White (due 15 Sep)                        |
    | b1     | 2.1  | 2     | 2  | White | Green  | Blue  |        |        |
    | b2     | 2.2  | 2     | 2  | White |        |       |        | Green  |
    | b3     | 2.3  | 2     | 2  |       |        |       | White (starts 1 Oct) |

    a1 and a2 have progress updates dated 10 Aug (a1) and 5 Sep (both).
    """
    plan = plan or PlanFactory()
    one = AreaOfWeaknessFactory(inspection=plan.inspection, number=1, short_title="Leadership")
    two = AreaOfWeaknessFactory(inspection=plan.inspection, number=2, short_title="EHC plans")
    AreaOfWeaknessFactory(inspection=plan.inspection, number=3, short_title="Local Offer")
    ws1 = WorkstreamFactory(plan=plan, number=1, name="Leadership and governance")
    ws2 = WorkstreamFactory(plan=plan, number=2, name="EHC planning")
    lead = UserFactory(username="lee", first_name="Lee", last_name="Dunn")

    def make(reference, weakness, workstream, day=JULY_3, **fields):
        return created(
            day,
            plan=plan,
            reference=reference,
            weakness=weakness,
            workstream=workstream,
            lead=lead,
            **fields,
        )

    a = {
        "a1": make("1.1", one, ws1),
        "a2": make("1.2", one, ws1),
        "a3": make("1.10", one, ws1, due_date=dt.date(2018, 9, 15)),
        "b1": make("2.1", two, ws2, due_date=dt.date(2018, 8, 31)),
        "b2": make("2.2", two, ws2),
    }
    change(a["a1"], BRAG.GREEN, dt.date(2018, 8, 10), narrative="Started")
    change(a["b1"], BRAG.GREEN, dt.date(2018, 8, 10))
    change(
        a["a1"],
        BRAG.RED,
        dt.date(2018, 9, 5),
        narrative="Stalled",
        remedial_action="Escalated to the Board",
    )
    change(a["a2"], BRAG.AMBER, dt.date(2018, 9, 5), narrative="Delayed")
    change(a["b1"], BRAG.BLUE, dt.date(2018, 9, 5))
    a["b3"] = make("2.3", two, ws2, day=dt.date(2018, 9, 20), start_date=dt.date(2018, 10, 1))
    change(a["a1"], BRAG.AMBER, dt.date(2018, 10, 15))
    change(a["a2"], BRAG.RED, dt.date(2018, 10, 15), remedial_action='=HYPERLINK("x")')
    change(a["b2"], BRAG.GREEN, dt.date(2018, 10, 15))
    return HandBuilt(plan=plan, actions=a, workstreams=(ws1, ws2), lead=lead)


def people(area: LocalArea, workstream: Workstream | None = None) -> dict[str, AbstractBaseUser]:
    """A Board member, a programme manager, a workstream lead, an officer and an outsider."""
    cast = {}
    for username, role in (
        ("board", Membership.Role.BOARD_MEMBER),
        ("manager", Membership.Role.PROGRAMME_MANAGER),
        ("wslead", Membership.Role.WORKSTREAM_LEAD),
        ("officer", Membership.Role.OFFICER),
    ):
        user = UserFactory(username=username)
        MembershipFactory(
            user=user,
            local_area=area,
            role=role,
            workstreams=[workstream] if workstream and role == "workstream_lead" else None,
        )
        cast[username] = user
    cast["outsider"] = UserFactory(username="outsider")
    MembershipFactory(
        user=cast["outsider"],
        local_area=LocalAreaFactory(name="Elsewhere", slug="elsewhere"),
        role=Membership.Role.PROGRAMME_MANAGER,
    )
    cast["nobody"] = UserFactory(username="nobody")
    return cast


_WALK = {
    BRAG.WHITE: (BRAG.WHITE, BRAG.GREEN, BRAG.GREEN, BRAG.AMBER),
    BRAG.GREEN: (BRAG.GREEN, BRAG.GREEN, BRAG.AMBER, BRAG.BLUE, BRAG.RED),
    BRAG.AMBER: (BRAG.AMBER, BRAG.GREEN, BRAG.RED),
    BRAG.RED: (BRAG.RED, BRAG.AMBER, BRAG.GREEN),
    BRAG.BLUE: (BRAG.BLUE,),
}


def plan_with_history(
    *, actions: int, months: int, end: dt.date, plan: Plan | None = None, seed: int = 1
) -> Plan:
    """A plan of `actions` actions, each with a status set at every month-end for `months`.

    Rows are written in bulk straight into the action and history tables: this builds the
    volume the query-count tests and the benchmark need in seconds, which going through the
    services one change at a time would not.
    """
    rng = random.Random(seed)
    plan = plan or PlanFactory()
    weaknesses = [
        AreaOfWeaknessFactory(inspection=plan.inspection, number=n, short_title=f"Theme {n}")
        for n in (1, 2, 3)
    ]
    workstreams = [WorkstreamFactory(plan=plan, number=n) for n in (1, 2, 3, 4)]
    leads = [UserFactory() for _ in range(5)]
    days = [month_end(end)]
    while len(days) < months:
        days.insert(0, previous_month_end(days[0]))
    timelines = []
    for _ in range(actions):
        statuses = [BRAG.WHITE]
        for _ in days[1:]:
            statuses.append(rng.choice(_WALK[statuses[-1]]))
        timelines.append(statuses)
    objects = []
    for index, statuses in enumerate(timelines):
        weakness = weaknesses[index % len(weaknesses)]
        final = statuses[-1]
        objects.append(
            Action(
                plan=plan,
                reference=f"{weakness.number}.{index + 1}",
                title=f"Action {index + 1}",
                weakness=weakness,
                workstream=workstreams[index % len(workstreams)],
                lead=leads[index % len(leads)],
                start_date=days[0],
                due_date=days[0] + dt.timedelta(days=30 * (index % 24 + 1)),
                status=final,
                completed_date=days[-1] if final == BRAG.BLUE else None,
                evidence="Minutes" if final == BRAG.BLUE else "",
                remedial_action="Recovery plan agreed" if final in (BRAG.AMBER, BRAG.RED) else "",
            )
        )
    # The history rows for these actions are written below, dated month by month.
    with bulk_writes_with_history():
        Action.objects.bulk_create(objects)
    historical = Action.history.model
    tracked = [
        field.attname
        for field in historical._meta.fields
        if not field.attname.startswith("history_")
    ]
    rows, updates = [], []
    for action, statuses in zip(objects, timelines, strict=True):
        for month, (day, status) in enumerate(zip(days, statuses, strict=True)):
            values = {name: getattr(action, name) for name in tracked}
            values.update(
                status=status,
                completed_date=day if status == BRAG.BLUE else None,
                history_date=at(day),
                history_type="+" if month == 0 else "~",
                history_change_reason="Monthly update",
            )
            rows.append(historical(**values))
            if month % 2:
                updates.append(
                    ProgressUpdate(action=action, date=day, narrative="Update", status=status)
                )
    historical.objects.bulk_create(rows, batch_size=2000)
    ProgressUpdate.objects.bulk_create(updates, batch_size=2000)
    # Rows written straight into the history bypass the services that keep the month-end
    # snapshot, so it is derived from them as `rebuild_month_end_snapshot` would.
    snapshot.rebuild([plan.pk])
    return plan
