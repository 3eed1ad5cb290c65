"""Reads for the update round: who owes what this month, who was chased, who to chase next.
Nothing here writes."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db.models import Max

from actions.models import Action, Membership, Plan, Workstream
from actions.rules import dated_this_month_q, reference_key, update_month_start
from rounds.models import RoundNotice
from rounds.rules import Kind, Rules

Role = Membership.Role


def can_be_emailed(user: User | None) -> bool:
    """A lead the round can chase: someone with an account that is on and an address."""
    return user is not None and user.is_active and bool(user.email)


@dataclass
class RoundRow:
    """One action of the month's round, as the round page shows it."""

    action: Action
    updated_on: dt.date | None
    reminded_on: dt.date | None = None
    escalations: list[RoundNotice] = field(default_factory=list)

    @property
    def updated(self) -> bool:
        return self.updated_on is not None

    @property
    def lead_has_account(self) -> bool:
        return can_be_emailed(self.action.lead)


@dataclass
class RoundPage:
    month: dt.date
    today: dt.date
    rules: Rules
    rows: list[RoundRow]

    @property
    def opens_on(self) -> dt.date:
        return self.rules.opens_on(self.today)

    @property
    def is_open(self) -> bool:
        return self.rules.is_open(self.today)

    @property
    def to_workstream_lead_on(self) -> dt.date:
        return self.rules.escalates_to_workstream_lead_on(self.today)

    @property
    def to_programme_manager_on(self) -> dt.date:
        return self.rules.escalates_to_programme_manager_on(self.today)

    @property
    def owing(self) -> list[RoundRow]:
        return [row for row in self.rows if not row.updated]

    @property
    def without_account(self) -> list[RoundRow]:
        return [row for row in self.owing if not row.lead_has_account]


def round_page(
    *, plan: Plan, rules: Rules, today: dt.date, workstream_ids: Iterable[int] | None = None
) -> RoundPage:
    """Every action expecting an update this month, whether it has one, when its lead was
    reminded and how far it was escalated. Two queries, whatever the number of actions.

    `workstream_ids` limits the round to those workstreams (a workstream lead's view).
    """
    month = update_month_start(today)
    actions = (
        plan.actions.expecting_update(today)
        .select_related("lead", "workstream")
        .annotate(
            updated_on=Max(
                "progress_updates__date",
                filter=dated_this_month_q(today, field="progress_updates__date"),
            )
        )
    )
    notices = RoundNotice.objects.filter(plan=plan, month=month).order_by("sent_at", "pk")
    if workstream_ids is not None:
        ids = list(workstream_ids)
        actions = actions.filter(workstream_id__in=ids)
        notices = notices.filter(action__workstream_id__in=ids)
    rows = {
        action.pk: RoundRow(action=action, updated_on=action.updated_on)  # type: ignore[attr-defined]
        for action in actions
    }
    for notice in notices:
        row = rows.get(notice.action_id)
        if row is None:
            continue
        if notice.kind == Kind.REMINDER:
            row.reminded_on = notice.sent_on
        else:
            row.escalations.append(notice)
    ordered = sorted(rows.values(), key=lambda row: reference_key(row.action.reference))
    return RoundPage(month=month, today=today, rules=rules, rows=ordered)


# --- whom the command e-mails ---------------------------------------------------------------


@dataclass(frozen=True)
class Chase:
    """What one person is sent today: one e-mail, whatever it holds."""

    recipient: User
    reminders: list[Action] = field(default_factory=list)
    to_workstream_lead: list[Action] = field(default_factory=list)
    to_programme_manager: list[Action] = field(default_factory=list)
    no_account: list[Action] = field(default_factory=list)

    def by_kind(self) -> dict[str, list[Action]]:
        return {
            Kind.REMINDER: self.reminders,
            Kind.TO_WORKSTREAM_LEAD: self.to_workstream_lead,
            Kind.TO_PROGRAMME_MANAGER: self.to_programme_manager,
            Kind.NO_ACCOUNT: self.no_account,
        }

    @property
    def actions(self) -> list[Action]:
        return [action for actions in self.by_kind().values() for action in actions]


@dataclass(frozen=True)
class ChaseList:
    """Today's e-mails of one plan's round, and those held back because the person has
    already had one today."""

    chases: list[Chase]
    already_emailed_today: list[User]
    no_account: list[Action]


def programme_managers(plan: Plan) -> list[User]:
    return [
        membership.user
        for membership in Membership.objects.current()
        .filter(local_area_id=plan.local_area_id, role=Role.PROGRAMME_MANAGER)
        .select_related("user")
        .order_by("user__username")
        if can_be_emailed(membership.user)
    ]


def workstream_leads(plan: Plan) -> dict[int, list[User]]:
    """The people leading each workstream of the plan: its named lead and the workstream
    leads whose membership lists it (as actions.permissions counts them)."""
    leads: dict[int, dict[int, User]] = defaultdict(dict)
    for workstream in Workstream.objects.filter(plan=plan).select_related("lead"):
        if can_be_emailed(workstream.lead):
            assert workstream.lead is not None
            leads[workstream.pk][workstream.lead.pk] = workstream.lead
    memberships = (
        Membership.objects.current()
        .filter(local_area_id=plan.local_area_id, role=Role.WORKSTREAM_LEAD)
        .select_related("user")
        .prefetch_related("workstreams")
    )
    for membership in memberships:
        if not can_be_emailed(membership.user):
            continue
        for workstream in membership.workstreams.all():
            if workstream.plan_id == plan.pk:
                leads[workstream.pk][membership.user.pk] = membership.user
    return {ws: sorted(users.values(), key=User.get_username) for ws, users in leads.items()}


def chase_list(*, plan: Plan, rules: Rules, today: dt.date) -> ChaseList:
    """Who to e-mail today about which actions, under the round's rules:

    - each lead with an account, about every action they lead that owes an update, at most
      one e-mail a day;
    - an action still owing N working days after the round opened goes, once to each, to its
      workstream's leads (straight to the programme manager when it has none but the
      action's own lead), and after 2N working days, once, to the programme manager;
    - actions whose lead has no account (or no address, or a switched-off one) go, once a
      month, to the programme manager to chase by other means.

    Nobody is e-mailed twice on the same day: a person already e-mailed today is held back,
    and what they would have had goes tomorrow.
    """
    if not rules.is_open(today):
        return ChaseList(chases=[], already_emailed_today=[], no_account=[])
    month = update_month_start(today)
    owing = sorted(
        plan.actions.owing_update(today).select_related("lead", "workstream"),
        key=lambda action: reference_key(action.reference),
    )
    sent = set(
        RoundNotice.objects.filter(plan=plan, month=month)
        .exclude(kind=Kind.REMINDER)
        .values_list("action_id", "kind", "recipient_id")
    )
    emailed_today = set(
        RoundNotice.objects.filter(plan=plan, sent_on=today).values_list("recipient_id", flat=True)
    )
    level = rules.escalation_due(today)
    managers = programme_managers(plan)
    leads_of = workstream_leads(plan) if level else {}
    chases: dict[int, Chase] = {}

    def add(user: User, kind: str, action: Action) -> None:
        if (action.pk, kind, user.pk) in sent:
            return  # escalations and leads without an account go to each person once
        chase = chases.setdefault(user.pk, Chase(recipient=user))
        chase.by_kind()[kind].append(action)

    no_account = []
    for action in owing:
        if can_be_emailed(action.lead):
            assert action.lead is not None
            add(action.lead, Kind.REMINDER, action)
        else:
            no_account.append(action)
            for manager in managers:
                add(manager, Kind.NO_ACCOUNT, action)
        if level is None:
            continue
        leads = [
            user
            for user in leads_of.get(action.workstream_id or 0, [])
            if user.pk != action.lead_id
        ]
        for user in leads:
            add(user, Kind.TO_WORKSTREAM_LEAD, action)
        # With no one else leading its workstream, it goes to the programme manager at once.
        if level == Kind.TO_PROGRAMME_MANAGER or not leads:
            for manager in managers:
                add(manager, Kind.TO_PROGRAMME_MANAGER, action)

    ordered = sorted(chases.values(), key=lambda chase: chase.recipient.get_username())
    return ChaseList(
        chases=[c for c in ordered if c.recipient.pk not in emailed_today],
        already_emailed_today=[c.recipient for c in ordered if c.recipient.pk in emailed_today],
        no_account=no_account,
    )


# --- the programme manager's notice on My actions -------------------------------------------


def overdue_for_escalation(*, plan: Plan, rules: Rules, today: dt.date) -> list[Action]:
    """Actions still owing an update past the day they go to the programme manager."""
    if rules.escalation_due(today) != Kind.TO_PROGRAMME_MANAGER:
        return []
    return sorted(
        plan.actions.owing_update(today),
        key=lambda action: reference_key(action.reference),
    )
