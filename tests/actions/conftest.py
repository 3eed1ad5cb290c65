from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AbstractBaseUser

from actions.models import BRAG, Action, Membership, Plan, Workstream
from inspections.models import LocalArea
from tests.factories import (
    ActionFactory,
    LocalAreaFactory,
    MembershipFactory,
    PlanFactory,
    UserFactory,
    WorkstreamFactory,
)

Role = Membership.Role


@dataclass
class Cast:
    """One local area with its people, and a second area with someone of its own.

    `action` is led by `officer` in `workstream`, which `lead` leads; `colleague` is another
    officer of the area and `other_lead` leads `other_workstream`.
    """

    area: LocalArea
    plan: Plan
    workstream: Workstream
    other_workstream: Workstream
    action: Action
    officer: AbstractBaseUser
    colleague: AbstractBaseUser
    lead: AbstractBaseUser
    other_lead: AbstractBaseUser
    board: AbstractBaseUser
    manager: AbstractBaseUser
    outsider: AbstractBaseUser
    forum: AbstractBaseUser


def member(username: str, area: LocalArea, role: str, **names) -> AbstractBaseUser:
    user = UserFactory(username=username, **names)
    MembershipFactory(user=user, local_area=area, role=role)
    return user


@pytest.fixture
def cast(db) -> Cast:
    area = LocalAreaFactory(name="Sutton", slug="sutton")
    plan = PlanFactory(local_area=area, title="Sutton Written Statement of Action")
    workstream = WorkstreamFactory(plan=plan, number=2, name="EHC Planning")
    other_workstream = WorkstreamFactory(plan=plan, number=3, name="Local Offer")
    officer = member("officer", area, Role.OFFICER, first_name="Olivia", last_name="Officer")
    colleague = member("colleague", area, Role.OFFICER, first_name="Colin", last_name="Colleague")
    lead = UserFactory(username="lead", first_name="Leah", last_name="Lead")
    MembershipFactory(
        user=lead, local_area=area, role=Role.WORKSTREAM_LEAD, workstreams=[workstream]
    )
    other_lead = UserFactory(username="other_lead", first_name="Omar", last_name="Otherlead")
    MembershipFactory(
        user=other_lead,
        local_area=area,
        role=Role.WORKSTREAM_LEAD,
        workstreams=[other_workstream],
    )
    board = member("board", area, Role.BOARD_MEMBER, first_name="Bea", last_name="Board")
    manager = member("manager", area, Role.PROGRAMME_MANAGER, first_name="Mo", last_name="Manager")
    forum = member("forum", area, Role.PARENT_CARER_FORUM, first_name="Fola", last_name="Forum")
    elsewhere = LocalAreaFactory(name="Elsewhere", slug="elsewhere")
    PlanFactory(local_area=elsewhere)
    outsider = member("outsider", elsewhere, Role.PROGRAMME_MANAGER)
    action = ActionFactory(
        plan=plan,
        workstream=workstream,
        lead=officer,
        reference="2.1.1",
        title="Quality assure every new EHC plan",
        status=BRAG.GREEN,
    )
    return Cast(
        area=area,
        plan=plan,
        workstream=workstream,
        other_workstream=other_workstream,
        action=action,
        officer=officer,
        colleague=colleague,
        lead=lead,
        other_lead=other_lead,
        board=board,
        manager=manager,
        outsider=outsider,
        forum=forum,
    )
