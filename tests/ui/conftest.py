import pytest
from django.contrib.auth.models import AnonymousUser

from actions.models import Membership
from tests.factories import (
    ActionFactory,
    LocalAreaFactory,
    MembershipFactory,
    PlanFactory,
    UserFactory,
    WorkstreamFactory,
)

Role = Membership.Role


@pytest.fixture
def area(db):
    return LocalAreaFactory(name="Sutton", slug="sutton")


@pytest.fixture
def people(area):
    """Named people of one local area, plus an outsider from another area and a superuser."""
    other_area = LocalAreaFactory(name="Kingston", slug="kingston")
    people = {
        "anonymous": AnonymousUser(),
        "officer": UserFactory(username="olu", first_name="Olu", last_name="Officer"),
        "lead": UserFactory(username="lena", first_name="Lena", last_name="Lead"),
        "board": UserFactory(username="bo", first_name="Bo", last_name="Board"),
        "manager": UserFactory(username="mo", first_name="Mo", last_name="Manager"),
        "outsider": UserFactory(username="otto", first_name="Otto", last_name="Outsider"),
        "superuser": UserFactory(username="sue", is_superuser=True, is_staff=True),
    }
    MembershipFactory(user=people["officer"], local_area=area, role=Role.OFFICER)
    MembershipFactory(user=people["lead"], local_area=area, role=Role.WORKSTREAM_LEAD)
    MembershipFactory(user=people["board"], local_area=area, role=Role.BOARD_MEMBER)
    MembershipFactory(user=people["manager"], local_area=area, role=Role.PROGRAMME_MANAGER)
    MembershipFactory(user=people["outsider"], local_area=other_area, role=Role.PROGRAMME_MANAGER)
    return people


@pytest.fixture
def plan_actions(area, people):
    """Actions of the area's plan: led by the officer, in the lead's workstream, led by the
    lead outside their workstream, and somebody else's."""
    plan = PlanFactory(local_area=area)
    ws_of_lead = WorkstreamFactory(plan=plan, name="EHC planning")
    ws_other = WorkstreamFactory(plan=plan, name="Local Offer")
    people["lead"].memberships.get().workstreams.add(ws_of_lead)
    someone = UserFactory(username="someone")
    return {
        "officers": ActionFactory(plan=plan, workstream=ws_other, lead=people["officer"]),
        "in_leads_workstream": ActionFactory(plan=plan, workstream=ws_of_lead, lead=someone),
        "led_by_lead_elsewhere": ActionFactory(plan=plan, workstream=ws_other, lead=people["lead"]),
        "someone_elses": ActionFactory(plan=plan, workstream=ws_other, lead=someone),
    }
