import re

import pytest
from playwright.sync_api import Page, expect

from actions.models import BRAG, Membership
from tests.factories import (
    ActionFactory,
    LocalAreaFactory,
    MembershipFactory,
    PlanFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def officer_with_an_action(transactional_db):
    area = LocalAreaFactory(name="Sutton", slug="sutton")
    plan = PlanFactory(local_area=area)
    officer = UserFactory(username="officer", first_name="Olivia", last_name="Officer")
    MembershipFactory(user=officer, local_area=area, role=Membership.Role.OFFICER)
    action = ActionFactory(
        plan=plan,
        lead=officer,
        reference="2.1.1",
        title="Quality assure every new EHC plan",
        status=BRAG.GREEN,
    )
    return officer, action


def test_an_officer_signs_in_updates_an_action_and_sees_the_history_row(
    page: Page, live_server, officer_with_an_action
):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill("password")
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", name="My actions")).to_be_visible()
    page.get_by_role("link", name="2.1.1", exact=True).click()
    page.get_by_role("button", name="Update this action").click()

    page.get_by_label("Amber: minor issue").check()
    page.get_by_label("Progress since the last update").fill(
        "Two panel dates moved; the audit starts in April."
    )
    page.get_by_label("Issue and remedial action").fill("Extra panel booked for 12 April.")
    page.get_by_role("button", name="Save update").click()

    expect(page).to_have_url(re.compile(r"/areas/sutton/actions/2\.1\.1/$"))
    expect(page.get_by_text("Update to 2.1.1 saved.")).to_be_visible()
    history = page.get_by_role("table", name="History of changes")
    newest = history.get_by_role("row").nth(1)
    expect(newest).to_contain_text("Olivia Officer")
    expect(newest).to_contain_text("Status: from Green to Amber")
    expect(newest).to_contain_text("Two panel dates moved; the audit starts in April.")
