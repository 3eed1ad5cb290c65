"""The demo installation: Sutton's plan, illustrative progress, a fictional second area, users.

The facts come from `fixtures/sutton_demo.json`, quoted from the Sutton Local Area Written
Statement of Action (3 July 2018) and the Ofsted/CQC revisit letter (4 May 2020). The open
actions, their months of progress, the monitoring visits and the Board meetings are illustrative
(`fixtures/sutton_illustrative.json`) and dated relative to the day the demo is loaded, so the
dashboards always have a recent past to show. `fixtures/demo_borough.json` is a fictional area.
Sutton's measures of impact (`fixtures/sutton_measures.json`, demo/measures.py) have
illustrative values, marked so wherever they are shown.

Actions and their history are written through `actions.services`, backdated with `at=`, so the
audit trail the dashboards read is the real one.
"""

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import models, transaction
from django.utils import timezone

from actions import services
from actions.models import (
    BRAG,
    Action,
    BoardMeeting,
    Commitment,
    KeyObjective,
    Membership,
    MonitoringVisit,
    Plan,
    Priority,
    ProgressUpdate,
    Workstream,
    WorkstreamMember,
)
from demo.measures import load_measures
from demo.voice import load_sutton_voice
from inspections import services as inspection_services
from inspections.models import AreaOfWeakness, Inspection, LocalArea

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"
DEMO_PASSWORD = "demo-password"
SUTTON_SLUG = "sutton"
LOADED_REASON = "Demo data loaded"
ILLUSTRATIVE_PREFIX = "Illustrative action, not from the published plan:"
# Section 6 of the plan lists actions completed since the letter, without dates: they were
# done by the day the plan was signed off.
SECTION_6_COMPLETED = dt.date(2018, 7, 3)
# Illustrative actions are added this many months back; a "month" is 30 days.
HISTORY_MONTHS = 6
MONTH_DAYS = 30
BOARD_MEETINGS = 6


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    area_slug: str
    role: str


DEMO_USERS = (
    DemoUser("officer", "Olivia", "Osei", "sutton", Membership.Role.OFFICER),
    DemoUser("lead", "Liam", "Lewis", "sutton", Membership.Role.WORKSTREAM_LEAD),
    DemoUser("board", "Bina", "Bhatt", "sutton", Membership.Role.BOARD_MEMBER),
    DemoUser("manager", "Megan", "Morris", "sutton", Membership.Role.PROGRAMME_MANAGER),
    DemoUser("forum", "Fern", "Fairley", "sutton", Membership.Role.PARENT_CARER_FORUM),
    DemoUser("outsider", "Omar", "Okafor", "demo-borough", Membership.Role.PROGRAMME_MANAGER),
)
ADMIN_USERNAME = "admin"
# The `lead` user leads this Sutton workstream (WS2 EHC Planning).
LEAD_WORKSTREAM_NUMBER = 2


class DemoConflictError(Exception):
    """The database already holds part of the demo (a demo user without the demo areas)."""


def is_loaded() -> bool:
    return LocalArea.objects.filter(slug=SUTTON_SLUG).exists()


@transaction.atomic
def load_demo(*, today: dt.date | None = None) -> list[str]:
    """Load the whole demo into an empty database; return a summary, one line per part."""
    today = today or timezone.localdate()
    usernames = [user.username for user in DEMO_USERS] + [ADMIN_USERNAME]
    taken = sorted(
        get_user_model().objects.filter(username__in=usernames).values_list("username", flat=True)
    )
    if taken:
        raise DemoConflictError(
            f"Users {', '.join(taken)} already exist but the Sutton demo is not loaded; "
            "load the demo into an empty database."
        )
    users = _create_users()
    sutton_plan = _load_sutton(_read("sutton_demo.json"), users=users)
    illustrative = _load_illustrative(
        _read("sutton_illustrative.json"), plan=sutton_plan, users=users, today=today
    )
    measures = load_measures(
        _read("sutton_measures.json"), plan=sutton_plan, users=users, today=today
    )
    demo_plan = _load_demo_borough(_read("demo_borough.json"), users=users, today=today)
    voice = load_sutton_voice(
        plan=sutton_plan, forum=users["forum"], manager=users["manager"], today=today
    )
    return [
        _sutton_summary(sutton_plan, illustrative),
        f"The parent carer forum's view (illustrative): {voice['forum_views']} quarterly views; "
        f'{voice["entries"]} "You said, we did" entries; {voice["easy_read"]} easy-read summary.',
        f"Sutton's measures of impact: {len(measures)} measures with illustrative quarterly "
        "values (what is measured is from Sutton's documents; the figures are not).",
        _demo_borough_summary(demo_plan),
        "Demo users: "
        + ", ".join(user.username for user in DEMO_USERS)
        + f" (password: {DEMO_PASSWORD}); superuser {ADMIN_USERNAME} with the same password.",
    ]


def _read(name: str) -> dict[str, Any]:
    with open(FIXTURES_DIR / name, encoding="utf-8") as handle:
        return json.load(handle)


_M = TypeVar("_M", bound=models.Model)


def _save(instance: _M) -> _M:
    instance.full_clean()
    # django-simple-history reads the reason from this attribute, which models do not declare.
    instance._change_reason = LOADED_REASON  # type: ignore[attr-defined]
    instance.save()
    return instance


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def _moment(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _create_users() -> dict[str, User]:
    user_model = get_user_model()
    users = {}
    for demo_user in DEMO_USERS:
        user = user_model(
            username=demo_user.username,
            first_name=demo_user.first_name,
            last_name=demo_user.last_name,
            email=f"{demo_user.username}@example.org",
        )
        user.set_password(DEMO_PASSWORD)
        users[demo_user.username] = _save(user)
    admin = user_model(
        username=ADMIN_USERNAME,
        first_name="Ada",
        last_name="Admin",
        email=f"{ADMIN_USERNAME}@example.org",
        is_staff=True,
        is_superuser=True,
    )
    admin.set_password(DEMO_PASSWORD)
    users[ADMIN_USERNAME] = _save(admin)
    return users


def _add_memberships(
    area: LocalArea, users: dict[str, User], lead_workstreams: list[Workstream] | None = None
) -> None:
    for demo_user in DEMO_USERS:
        if demo_user.area_slug == area.slug:
            lead = demo_user.role == Membership.Role.WORKSTREAM_LEAD
            services.membership_create(
                user=users[demo_user.username],
                local_area=area,
                role=demo_user.role,
                workstreams=(lead_workstreams or []) if lead else [],
                actor=None,
                reason=LOADED_REASON,
            )


def _inspection(area: LocalArea, data: dict[str, Any], **extra: Any) -> Inspection:
    return _save(
        Inspection(
            local_area=area,
            framework=data["framework"],
            kind=data["kind"],
            start_date=_date(data["start_date"]),
            end_date=_date(data["end_date"]),
            letter_published_date=_date(data["letter_published_date"]),
            outcome=data["outcome"],
            plan_required=data["plan_required"],
            letter_url=data.get("letter_url", ""),
            **extra,
        )
    )


def _load_sutton(data: dict[str, Any], *, users: dict[str, User]) -> Plan:
    area = _save(LocalArea(**data["local_area"]))
    inspection = _inspection(area, data["inspection"])
    revisit = _inspection(area, data["revisit"], revisit_of=inspection)
    plan_data = data["plan"]
    plan = _save(
        Plan(
            local_area=area,
            inspection=inspection,
            kind=plan_data["kind"],
            title=plan_data["title"],
            vision=plan_data["vision"],
            submitted_date=_date(plan_data["submitted_date"]),
            fit_for_purpose_date=_date(plan_data["fit_for_purpose_date"]),
            status=plan_data["status"],
            is_published=plan_data["is_published"],
        )
    )
    for item in data["key_objectives"]:
        _save(KeyObjective(plan=plan, **item))
    for number, text in enumerate(data["priorities"], start=1):
        _save(Priority(plan=plan, number=number, text=text))
    for item in data["workstreams"]:
        workstream = _save(Workstream(plan=plan, number=item["number"], name=item["name"]))
        for order, member in enumerate(item["members"], start=1):
            _save(WorkstreamMember(workstream=workstream, order=order, **member))
    for item in data["weaknesses"]:
        weakness = _save(
            AreaOfWeakness(
                inspection=inspection,
                number=item["number"],
                short_title=item["short_title"],
                finding=item["finding"],
                judgement=item["judgement"],
                judgement_narrative="\n\n".join(item["judgement_narrative"]),
                revisit=revisit,
            )
        )
        for number, text in enumerate(item["commitments"], start=1):
            _save(Commitment(weakness=weakness, number=number, text=text))
        _load_completed_actions(plan, weakness, item)

    workstream = plan.workstreams.get(number=LEAD_WORKSTREAM_NUMBER)
    workstream.lead = users["lead"]
    _save(workstream)
    _add_memberships(area, users, lead_workstreams=[workstream])
    return plan


def _load_completed_actions(plan: Plan, weakness: AreaOfWeakness, item: dict[str, Any]) -> None:
    """Section 6: what the area had done before the plan was submitted, each one Blue."""
    section = item["completed_actions_section"]
    submitted = plan.submitted_date
    if submitted is None:
        raise ValueError("The completed actions are dated from the plan's submission.")
    published_on = f"{submitted.day} {submitted:%B %Y}"
    for number, completed in enumerate(item["completed_actions"], start=1):
        text = completed["text"]
        services.action_create(
            plan=plan,
            actor=None,
            reason=f"Completed before the plan was submitted (section {section} of the plan)",
            at=_moment(SECTION_6_COMPLETED, 12),
            reference=f"{weakness.number}.0.{number}",
            title=completed["title"],
            description=text,
            weakness=weakness,
            lead_organisation=completed.get("lead_organisation", ""),
            status=BRAG.BLUE,
            completed_date=SECTION_6_COMPLETED,
            evidence=(
                f"Reported as completed in the {plan.title}, {published_on}, "
                f'section {section}: "{text}"'
            ),
            public_summary=text,
            published=True,
        )


@dataclass(frozen=True)
class _IllustrativeCounts:
    actions: int
    updates: int
    visits: int
    meetings: int


def _load_illustrative(
    data: dict[str, Any], *, plan: Plan, users: dict[str, User], today: dt.date
) -> _IllustrativeCounts:
    manager = users["manager"]
    weaknesses = {weakness.number: weakness for weakness in plan.weaknesses()}
    commitments = {
        commitment.reference: commitment
        for commitment in Commitment.objects.filter(
            weakness__inspection=plan.inspection
        ).select_related("weakness")
    }
    workstreams = {workstream.number: workstream for workstream in plan.workstreams.all()}

    for index, item in enumerate(data["actions"]):
        if not item["description"].startswith(ILLUSTRATIVE_PREFIX):
            raise ValueError(f"Illustrative action {item['reference']} must say it is one.")
        weakness_number, commitment_number, _ = item["reference"].split(".")
        lead = users[item["lead"]] if item.get("lead") else None
        workstream = workstreams[item["workstream"]]
        # A few days apart, so that not every action is updated on the same day.
        jitter = 1 + index % 4
        action = services.action_create(
            plan=plan,
            actor=manager,
            reason="Added to the plan",
            at=_months_back(today, HISTORY_MONTHS, jitter=jitter, hour=9, minute=index),
            reference=item["reference"],
            title=item["title"],
            description=item["description"],
            weakness=weaknesses[int(weakness_number)],
            commitment=commitments[f"{weakness_number}.{commitment_number}"],
            workstream=workstream,
            lead=lead,
            lead_role=item["lead_role"],
            lead_organisation=item["lead_organisation"],
            start_date=today + dt.timedelta(days=item["start"]),
            due_date=today + dt.timedelta(days=item["due"]),
            success_measure=item["success_measure"],
            public_summary=item.get("public_summary", ""),
            published=item["published"],
        )
        for entry in item["history"]:
            status = BRAG(entry["status"])
            at = _months_back(today, entry["months_ago"], jitter=jitter, hour=10, minute=index)
            # Completion is confirmed by the workstream lead, or the programme manager.
            actor = (workstream.lead or manager) if status == BRAG.BLUE else (lead or manager)
            if status in (BRAG.AMBER, BRAG.RED):
                remedial_action = entry.get("remedial_action")
            else:
                remedial_action = ""
            services.action_change_status(
                action=action,
                actor=actor,
                status=status,
                reason=entry.get("reason", "Monthly progress update"),
                narrative=entry["narrative"],
                remedial_action=remedial_action,
                completed_date=timezone.localdate(at) if status == BRAG.BLUE else None,
                evidence=entry.get("evidence"),
                at=at,
            )

    for item in data["monitoring_visits"]:
        _save(
            MonitoringVisit(
                plan=plan,
                title=item["title"],
                date=today + dt.timedelta(days=item["days"]),
                grade=item["grade"],
                notes=item["notes"],
            )
        )
    meetings = _board_meeting_dates(today)
    for day in meetings:
        _save(BoardMeeting(plan=plan, date=day, notes=data["board_meeting_notes"]))
    return _IllustrativeCounts(
        actions=len(data["actions"]),
        updates=ProgressUpdate.objects.filter(action__plan=plan).count(),
        visits=len(data["monitoring_visits"]),
        meetings=len(meetings),
    )


def _months_back(
    today: dt.date, months: int, *, jitter: int, hour: int, minute: int
) -> dt.datetime:
    """A moment about `months` months before `today`, and always before `today` itself."""
    return _moment(today - dt.timedelta(days=MONTH_DAYS * months + jitter), hour, minute)


def _board_meeting_dates(today: dt.date) -> list[dt.date]:
    """The third Thursday of each month: the last few such days before `today`, oldest first."""
    dates: list[dt.date] = []
    year, month = today.year, today.month
    while len(dates) < BOARD_MEETINGS:
        first = dt.date(year, month, 1)
        third_thursday = first + dt.timedelta(days=(3 - first.weekday()) % 7 + 14)
        if third_thursday < today:
            dates.append(third_thursday)
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return sorted(dates)


def _load_demo_borough(data: dict[str, Any], *, users: dict[str, User], today: dt.date) -> Plan:
    def day(offset: int) -> dt.date:
        return today + dt.timedelta(days=offset)

    area = _save(LocalArea(**data["local_area"]))
    inspection_data = data["inspection"]
    inspection = _save(
        Inspection(
            local_area=area,
            framework=inspection_data["framework"],
            kind=inspection_data["kind"],
            start_date=day(inspection_data["start"]),
            end_date=day(inspection_data["end"]),
            letter_published_date=day(inspection_data["letter_published"]),
            outcome=inspection_data["outcome"],
            plan_required=inspection_data["plan_required"],
        )
    )
    weakness = _save(AreaOfWeakness(inspection=inspection, **data["weakness"]))
    commitment = _save(Commitment(weakness=weakness, number=1, text=data["commitment"]))
    plan = _save(Plan(local_area=area, inspection=inspection, **data["plan"]))
    workstream = _save(Workstream(plan=plan, number=1, name=data["workstream"]))
    _add_memberships(area, users)
    outsider = users["outsider"]
    oversight = data["oversight"]
    inspection_services.oversight_update(
        local_area=area,
        actor=outsider,
        reason=LOADED_REASON,
        dfe_monitoring=oversight["dfe_monitoring"],
        dfe_since=day(oversight["dfe_since"]),
        nhse_monitoring=oversight["nhse_monitoring"],
        nhse_since=day(oversight["nhse_since"]),
        next_inspection_kind=oversight["next_inspection_kind"],
        next_inspection_date=day(oversight["next_inspection_in_days"]),
    )
    for item in data["actions"]:
        action = services.action_create(
            plan=plan,
            actor=outsider,
            reason="Added to the plan",
            at=_moment(day(-14), 9),
            reference=item["reference"],
            title=item["title"],
            description=item["description"],
            weakness=weakness,
            commitment=commitment,
            workstream=workstream,
            lead_role=item["lead_role"],
            lead_organisation=item["lead_organisation"],
            start_date=day(item["start"]),
            due_date=day(item["due"]),
        )
        if item["status"] != BRAG.WHITE:
            services.action_change_status(
                action=action,
                actor=outsider,
                status=item["status"],
                reason="First monthly update",
                narrative=item["narrative"],
                remedial_action=item.get("remedial_action", ""),
                at=_moment(day(-3), 10),
            )
    return plan


def _sutton_summary(plan: Plan, illustrative: _IllustrativeCounts) -> str:
    weaknesses = plan.weaknesses()
    members = WorkstreamMember.objects.filter(workstream__plan=plan).count()
    completed = plan.actions.filter(reference__contains=".0.").count()
    return (
        f"Loaded {plan.local_area}: {weaknesses.count()} areas of weakness, "
        f"{Commitment.objects.filter(weakness__in=weaknesses).count()} commitments, "
        f"{plan.key_objectives.count()} key objectives, {plan.priorities.count()} key priorities, "
        f"{plan.workstreams.count()} workstreams ({members} members), "
        f"{completed} actions completed before the plan (Blue), "
        f"{illustrative.actions} illustrative actions with {illustrative.updates} progress "
        f"updates, {illustrative.visits} monitoring visits, {illustrative.meetings} Board meetings."
    )


def _demo_borough_summary(plan: Plan) -> str:
    return (
        f"Loaded {plan.local_area} (fictional): {plan.weaknesses().count()} area for priority "
        f"action, {Action.objects.filter(plan=plan).count()} actions, plan not published."
    )
