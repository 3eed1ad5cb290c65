import re

import pytest
from playwright.sync_api import Page, expect

from actions.models import Membership
from tests.factories import (
    AreaOfWeaknessFactory,
    LocalAreaFactory,
    MembershipFactory,
    PlanFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def manager_of_sutton(transactional_db):
    area = LocalAreaFactory(name="Sutton", slug="sutton")
    plan = PlanFactory(local_area=area)
    AreaOfWeaknessFactory(inspection=plan.inspection, number=1, short_title="EHC plans")
    manager = UserFactory(username="manager", first_name="Mo", last_name="Manager")
    MembershipFactory(user=manager, local_area=area, role=Membership.Role.PROGRAMME_MANAGER)
    lead = UserFactory(username="lead", first_name="Leah", last_name="Lead")
    MembershipFactory(user=lead, local_area=area, role=Membership.Role.WORKSTREAM_LEAD)
    return manager


def test_a_programme_manager_adds_a_workstream_and_an_action(
    page: Page, live_server, manager_of_sutton
):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("manager")
    page.get_by_label("Password").fill("password")
    page.get_by_role("button", name="Sign in").click()

    page.get_by_role("link", name="Manage plan").click()
    expect(page.get_by_role("heading", name="Manage the plan", exact=True)).to_be_visible()

    page.get_by_role("button", name="Add a workstream").click()
    page.get_by_label("Number").fill("4")
    page.get_by_label("Name").fill("Preparing for adulthood")
    page.get_by_label("Lead").select_option(label="Leah Lead")
    page.get_by_label("Why are you making this change?").fill("Agreed at the Board")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The workstream was added.")).to_be_visible()
    expect(page.get_by_text("WS4 Preparing for adulthood")).to_be_visible()

    page.get_by_role("button", name="Add an action").click()
    page.get_by_label("Reference").fill("1.1.1")
    page.get_by_label("Title").fill("Publish a transitions guide with young people")
    page.get_by_label("Finding").select_option(label="1. EHC plans")
    page.get_by_label("Workstream (optional)").select_option(label="WS4 Preparing for adulthood")
    page.get_by_role("group", name="Due date").get_by_label("Day").fill("30")
    page.get_by_role("group", name="Due date").get_by_label("Month").fill("9")
    page.get_by_role("group", name="Due date").get_by_label("Year").fill("2026")
    page.get_by_label("Why are you making this change?").fill("New commitment to young people")
    page.get_by_role("button", name="Save").click()

    expect(page).to_have_url(re.compile(r"/areas/sutton/actions/1\.1\.1/$"))
    expect(page.get_by_text("The action was added.")).to_be_visible()
    history = page.get_by_role("table", name="History of changes")
    expect(history).to_contain_text("Mo Manager")
    expect(history).to_contain_text("New commitment to young people")
