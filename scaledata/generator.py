"""Plans at national scale, written through the real tables as the services write them.

Each area gets an inspection with its areas of weakness, a published plan with workstreams
and commitments, its people (with their memberships) and N actions with M months of monthly
updates: per action a "+" history row when it was added, then a "~" row per update (the
lead as the user, the narrative as the reason, the version counting up), a progress update
beside each, a completion proposed by an officer and confirmed by the lead when it turns
Blue, and now and then a withdrawal. The rows are inserted in bulk (the audit tables accept
inserts), inside `bulk_writes_with_history()`, and the month-end snapshot is then derived
from the history as `rebuild_month_end_snapshot` would.
"""

import datetime as dt
import functools
import io
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.utils import timezone

from actions import snapshot
from actions.models import (
    BRAG,
    Action,
    Commitment,
    Membership,
    Plan,
    ProgressUpdate,
    Workstream,
)
from actions.selectors.dates import month_end
from inspections.models import AreaOfWeakness, Inspection, LocalArea
from wsoa.lib.audit import bulk_writes_with_history, save_with_history
from wsoa.lib.page_cache import content_changed

THEMES = (
    "Leadership and governance",
    "Identification of needs",
    "EHC plans: timeliness and quality",
    "Joint commissioning",
    "Local Offer and co-production",
    "Preparing for adulthood",
)
WORKSTREAMS = (
    "Leadership",
    "Assessment and EHC plans",
    "Health",
    "Inclusion",
    "Co-production",
)
NARRATIVES = {
    BRAG.WHITE: "Not started yet; scheduled as planned.",
    BRAG.GREEN: "On track: milestones for the month met, reported at the workstream meeting.",
    BRAG.AMBER: "Slipping: staffing gap in the team; recovery plan agreed with the lead.",
    BRAG.RED: "Significant issue: milestone missed, escalated to the Steering Board.",
    BRAG.BLUE: "Complete: evidence filed and confirmed by the workstream lead.",
}
REMEDIAL = "Agency cover agreed and the milestone re-planned with the workstream lead."
EVIDENCE = "Panel minutes and the audit of completed plans, filed in the shared drive."
PASSWORD = "scale-data-not-a-real-password"
OFFICERS = 10


@dataclass
class Sizes:
    areas: int
    actions: int
    months: int
    seed: int = 1
    first_area: int = 1
    prefix: str = "scale"


@dataclass
class _Area:
    area: LocalArea
    plan: Plan
    weaknesses: list[AreaOfWeakness]
    commitments: dict[int, list[Commitment]]
    workstreams: list[Workstream]
    manager: Any
    leads: list[Any]
    officers: list[Any]
    history: list[tuple] = field(default_factory=list)
    updates: list[ProgressUpdate] = field(default_factory=list)


def _months(today: dt.date, months: int) -> list[dt.date]:
    """The first day of each of the last `months` months, today's month last."""
    first = today.replace(day=1)
    days = [first]
    while len(days) < months:
        days.insert(0, (days[0] - dt.timedelta(days=1)).replace(day=1))
    return days


def _add_months(first: dt.date, months: int) -> dt.date:
    index = first.month - 1 + months
    return dt.date(first.year + index // 12, index % 12 + 1, 1)


def _moment(day: dt.date, rng: random.Random) -> dt.datetime:
    naive = dt.datetime.combine(day, dt.time(rng.randint(9, 16), rng.randint(0, 59)))
    return timezone.make_aware(naive)


@functools.cache
def _password() -> str:
    return make_password(PASSWORD)


def _created(instance: Any, reason: str, actor: Any = None) -> Any:
    instance.full_clean()
    save_with_history(instance, actor=actor, reason=reason)
    return instance


def generate(
    sizes: Sizes, *, today: dt.date | None = None, progress: Callable[[str], None] = print
) -> None:
    today = today or timezone.localdate()
    rng = random.Random(sizes.seed)
    months = _months(today, sizes.months)
    for number in range(sizes.first_area, sizes.first_area + sizes.areas):
        with transaction.atomic():
            built = _area(number, sizes, months, rng)
            _actions(built, sizes, months, today, rng)
            snapshot.rebuild([built.plan.pk])
            content_changed()  # rows written by COPY send no signals
        progress(f"{built.area.name}: {sizes.actions} actions, {len(built.history)} history rows")


def _area(number: int, sizes: Sizes, months: list[dt.date], rng: random.Random) -> _Area:
    name = f"{sizes.prefix.title()} Borough {number:03d}"
    slug = f"{sizes.prefix}-{number:03d}"
    area = _created(
        LocalArea(
            name=name,
            slug=slug,
            council_name=f"{name} Council",
            health_partner_name=f"{name} Integrated Care Board",
        ),
        "Area added",
    )
    start = months[0] - dt.timedelta(days=120)
    inspection = _created(
        Inspection(
            local_area=area,
            framework=Inspection.Framework.SEND_2016,
            kind=Inspection.Kind.INITIAL,
            start_date=start,
            end_date=start + dt.timedelta(days=4),
            letter_published_date=start + dt.timedelta(days=60),
            outcome=Inspection.Outcome.WSOA_REQUIRED,
            plan_required=True,
        ),
        "Inspection recorded",
    )
    weaknesses = [
        _created(
            AreaOfWeakness(
                inspection=inspection,
                number=n,
                short_title=title,
                finding=f"Inspectors found: {title}.",
            ),
            "Finding recorded",
        )
        for n, title in enumerate(THEMES, start=1)
    ]
    plan = _created(
        Plan(
            local_area=area,
            inspection=inspection,
            kind=Plan.Kind.WSOA,
            title=f"{name} Written Statement of Action",
            submitted_date=months[0] - dt.timedelta(days=20),
            fit_for_purpose_date=months[0] - dt.timedelta(days=10),
            status=Plan.Status.FIT_FOR_PURPOSE,
            # Councils publish their plans; a few have not yet.
            is_published=rng.random() < 0.9,
        ),
        "Plan created",
    )
    commitments = {
        weakness.pk: [
            _created(
                Commitment(
                    weakness=weakness,
                    number=n,
                    text=f"We will improve {weakness.short_title.lower()} ({n})",
                ),
                "Commitment added",
            )
            for n in (1, 2)
        ]
        for weakness in weaknesses
    }
    workstreams = [
        _created(Workstream(plan=plan, number=n, name=title), "Workstream added")
        for n, title in enumerate(WORKSTREAMS, start=1)
    ]
    users = get_user_model()
    password = _password()
    people = users.objects.bulk_create(
        [
            users(
                username=f"{slug}-{role}",
                first_name=role.title(),
                last_name=f"of {name}",
                email=f"{role}@{slug}.example.org",
                password=password,
            )
            for role in (
                "manager",
                "board",
                *(f"lead{n}" for n in range(1, len(workstreams) + 1)),
                *(f"officer{n}" for n in range(1, OFFICERS + 1)),
            )
        ]
    )
    manager, board, leads, officers = (
        people[0],
        people[1],
        people[2 : 2 + len(workstreams)],
        people[2 + len(workstreams) :],
    )
    roles = [(manager, Membership.Role.PROGRAMME_MANAGER), (board, Membership.Role.BOARD_MEMBER)]
    roles += [(lead, Membership.Role.WORKSTREAM_LEAD) for lead in leads]
    roles += [(officer, Membership.Role.OFFICER) for officer in officers]
    for user, role in roles:
        membership = _created(Membership(user=user, local_area=area, role=role), "Role given")
        if role == Membership.Role.WORKSTREAM_LEAD:
            membership.workstreams.set([workstreams[leads.index(user)]])
    return _Area(area, plan, weaknesses, commitments, workstreams, manager, leads, officers)


# How a status moves from one month to the next once the action has started.
_NEXT = {
    BRAG.GREEN: ((BRAG.GREEN, 0.86), (BRAG.AMBER, 0.11), (BRAG.RED, 0.03)),
    BRAG.AMBER: ((BRAG.AMBER, 0.45), (BRAG.GREEN, 0.40), (BRAG.RED, 0.15)),
    BRAG.RED: ((BRAG.RED, 0.50), (BRAG.AMBER, 0.35), (BRAG.GREEN, 0.15)),
}


def _step(status: BRAG, rng: random.Random) -> BRAG:
    roll, total = rng.random(), 0.0
    for candidate, weight in _NEXT[status]:
        total += weight
        if roll < total:
            return candidate
    return status


def _actions(
    built: _Area, sizes: Sizes, months: list[dt.date], today: dt.date, rng: random.Random
) -> None:
    historical = Action.history.model
    tracked = [f.attname for f in historical._meta.fields if not f.attname.startswith("history_")]
    actions: list[Action] = []
    timelines: list[list[tuple[dt.datetime, dict[str, Any], Any, str, str]]] = []
    count = len(months)
    themes = len(built.weaknesses)
    numbered: dict[int, int] = {}
    for index in range(sizes.actions):
        weakness = built.weaknesses[index * themes // sizes.actions]
        workstream_index = index % len(built.workstreams)
        workstream = built.workstreams[workstream_index]
        lead = built.officers[index % len(built.officers)]
        wslead = built.leads[workstream_index]
        added = rng.randrange(0, max(1, count // 3))
        starts = min(count - 1, added + rng.randrange(0, 4))
        lasts = rng.randrange(4, max(5, count + 6))
        start_date = months[starts]
        due_date = month_end(_add_months(months[0], starts + lasts))
        theme_position = numbered[weakness.pk] = numbered.get(weakness.pk, 0) + 1
        fields: dict[str, Any] = {
            "plan": built.plan,
            "reference": f"{weakness.number}.{theme_position}",
            "title": f"{weakness.short_title}: action {theme_position}",
            "description": "What the plan commits the area to, in the words of the plan.",
            "weakness": weakness,
            "commitment": built.commitments[weakness.pk][index % 2],
            "workstream": workstream,
            "lead": lead,
            "lead_role": "Service manager",
            "lead_organisation": "Council" if index % 3 else "Integrated Care Board",
            "start_date": start_date,
            "due_date": due_date,
            "original_due_date": due_date,
            "success_measure": "Measured monthly against the baseline in the plan.",
            "public_summary": f"We are working on {weakness.short_title.lower()}.",
            "published": rng.random() < 0.85,
            "status": BRAG.WHITE,
            "completed_date": None,
            "evidence": "",
            "remedial_action": "",
            "withdrawn_date": None,
            "withdrawn_reason": "",
            "completion_proposed_by": None,
            "completion_proposed_at": None,
            "proposed_completed_date": None,
            "version": 1,
        }
        timeline = []
        added_at = _moment(months[added] + dt.timedelta(days=rng.randrange(0, 5)), rng)
        timeline.append((added_at, dict(fields), built.manager, "+", "Added to the plan"))
        status = BRAG.WHITE
        withdraw_at = rng.randrange(added + 3, count + 40) if rng.random() < 0.02 else None
        for month in range(added + 1, count):
            day = months[month] + dt.timedelta(days=rng.randrange(9, 20))
            if day > today:
                break
            if withdraw_at == month and status != BRAG.BLUE:
                fields.update(
                    version=fields["version"] + 1,
                    withdrawn_date=day,
                    withdrawn_reason="Merged into another action by the Steering Board.",
                )
                timeline.append(
                    (
                        _moment(day, rng),
                        dict(fields),
                        built.manager,
                        "~",
                        "Withdrawn: merged into another action",
                    )
                )
                break
            if status == BRAG.BLUE:
                break
            if month < starts:
                new = BRAG.WHITE
            elif status == BRAG.WHITE:
                new = BRAG.GREEN if rng.random() < 0.8 else BRAG.AMBER
            elif (
                months[month] >= due_date.replace(day=1) - dt.timedelta(days=62)
                and status == BRAG.GREEN
                and rng.random() < 0.45
            ):
                new = BRAG.BLUE
            else:
                new = _step(status, rng)
            when = _moment(day, rng)
            narrative = NARRATIVES[new]
            if new == BRAG.BLUE:
                proposer = lead
                fields.update(
                    version=fields["version"] + 1,
                    evidence=EVIDENCE,
                    completion_proposed_by=proposer,
                    completion_proposed_at=when,
                    proposed_completed_date=day,
                )
                timeline.append((when, dict(fields), proposer, "~", "Completion proposed"))
                confirmed = when + dt.timedelta(hours=1)
                fields.update(
                    version=fields["version"] + 1,
                    status=BRAG.BLUE,
                    completed_date=day,
                    remedial_action=fields["remedial_action"],
                    completion_proposed_by=None,
                    completion_proposed_at=None,
                    proposed_completed_date=None,
                )
                timeline.append(
                    (
                        confirmed,
                        dict(fields),
                        wslead,
                        "~",
                        f"Completion confirmed (proposed by {proposer.get_full_name()})",
                    )
                )
                built.updates.append(
                    ProgressUpdate(
                        author=proposer,
                        date=day,
                        narrative=narrative,
                        status=BRAG.GREEN if status == BRAG.WHITE else status,
                        created_at=when,
                    )
                )
                built.updates[-1]._owner = index  # type: ignore[attr-defined]
                status = BRAG.BLUE
                continue
            fields.update(
                version=fields["version"] + 1,
                status=new,
                remedial_action=REMEDIAL
                if new in (BRAG.AMBER, BRAG.RED)
                else fields["remedial_action"],
            )
            timeline.append((when, dict(fields), lead, "~", narrative[:200]))
            built.updates.append(
                ProgressUpdate(
                    author=lead, date=day, narrative=narrative, status=new, created_at=when
                )
            )
            built.updates[-1]._owner = index  # type: ignore[attr-defined]
            status = new
        final = timeline[-1][1]
        action = Action(**final)
        action.created_at = timeline[0][0]
        action.updated_at = timeline[-1][0]
        actions.append(action)
        timelines.append(timeline)
    with bulk_writes_with_history():
        Action.objects.bulk_create(actions, batch_size=1000)
    history_fields = [f for f in historical._meta.concrete_fields if not f.primary_key]
    for action, timeline in zip(actions, timelines, strict=True):
        for when, values, user, kind, reason in timeline:
            row = {name: _value(values, name) for name in tracked}
            row.update(
                id=action.pk,
                created_at=action.created_at,
                history_date=when,
                history_type=kind,
                history_user_id=user.pk,
                history_change_reason=reason,
            )
            built.history.append(tuple(row[f.attname] for f in history_fields))
    update_fields = [f for f in ProgressUpdate._meta.concrete_fields if not f.primary_key]
    update_rows = []
    for update in built.updates:
        update.action = actions[update._owner]  # type: ignore[attr-defined]
        update_rows.append(tuple(getattr(update, f.attname) for f in update_fields))
    _insert(historical, history_fields, built.history)
    _insert(ProgressUpdate, update_fields, update_rows)


def _insert(model: type[models.Model], fields: list, rows: list[tuple]) -> None:
    """INSERT the rows (audit tables take inserts): by COPY on PostgreSQL, for speed."""
    if connection.vendor != "postgresql":
        objects = [
            model(**{f.attname: v for f, v in zip(fields, row, strict=True)}) for row in rows
        ]
        model._default_manager.bulk_create(objects, batch_size=2000)
        return
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(map(_copy_text, row)))
        buffer.write("\n")
    buffer.seek(0)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        cursor.copy_expert(
            f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN", buffer
        )


def _copy_text(value: Any) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _value(values: dict[str, Any], attname: str) -> Any:
    if attname.endswith("_id") and attname[:-3] in values:
        related = values[attname[:-3]]
        return related.pk if related is not None else None
    return values.get(attname)
