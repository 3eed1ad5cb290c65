import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from actions.models import Membership
from tests.factories import LocalAreaFactory, MembershipFactory, PlanFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def manager(transactional_db):
    area = LocalAreaFactory(name="Sutton", slug="sutton")
    PlanFactory(local_area=area)
    manager = UserFactory(username="manager", first_name="Pat", last_name="Manager")
    MembershipFactory(user=manager, local_area=area, role=Membership.Role.PROGRAMME_MANAGER)
    return manager


def sign_in(page: Page, live_server, username: str, password: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_a_programme_manager_invites_a_person_who_sets_a_password_and_signs_in(
    page: Page, live_server, manager
):
    sign_in(page, live_server, "manager", "password")
    page.get_by_role("link", name="People").click()
    page.get_by_role("button", name="Invite a person").click()
    page.get_by_label("E-mail address").fill("nia@example.org")
    page.get_by_label("Officer: updates the actions they lead").check()
    page.get_by_role("button", name="Send invitation").click()

    expect(page.get_by_text("Invitation sent to nia@example.org.")).to_be_visible()
    link = re.search(r"http\S+/invitations/\S+/", mail.outbox[-1].body).group(0)
    page.get_by_role("button", name="Sign out").click()

    page.goto(live_server.url + urlsplit(link).path)
    page.get_by_label("First name").fill("Nia")
    page.get_by_label("Last name").fill("New")
    page.get_by_label("Password", exact=True).fill("a long passphrase 42")
    page.get_by_label("Confirm password").fill("a long passphrase 42")
    page.get_by_role("button", name="Join and set password").click()

    expect(page.get_by_text("You have joined Sutton.")).to_be_visible()
    sign_in(page, live_server, "nia@example.org", "a long passphrase 42")
    expect(page.get_by_role("heading", name="My actions")).to_be_visible()
    expect(page.get_by_text("Nia New")).to_be_visible()
