"""The people page, inviting, changing roles, removing, accepting an invitation, a new area,
landing after sign-in and the area switcher."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from actions import services
from actions.models import Invitation, Membership
from tests.factories import LocalAreaFactory, MembershipFactory, UserFactory

PEOPLE_URL = "/areas/sutton/people/"


@pytest.mark.django_db
def test_the_people_page_lists_members_invitations_and_role_changes(client, cast):
    services.invitation_create(
        local_area=cast.area, actor=cast.manager, email="nia@example.org", role="officer"
    )
    services.membership_change_role(
        membership=Membership.objects.get(user=cast.colleague),
        actor=cast.manager,
        role="board_member",
        reason="Joined the Board",
    )
    client.force_login(cast.manager)
    html = client.get(PEOPLE_URL).content.decode()
    assert "Olivia Officer" in html and "Leah Lead" in html
    assert "Workstream lead of WS2 EHC Planning" in html
    assert "nia@example.org" in html
    assert re.search(
        r"Mo Manager.*Colin Colleague.*Steering Board member.*Joined the Board", html, re.S
    )


@pytest.mark.django_db
def test_inviting_sends_the_email_and_returns_to_the_people_page(
    client, cast, django_capture_on_commit_callbacks
):
    client.force_login(cast.manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/areas/sutton/people/invite/",
            {
                "email": "nia@example.org",
                "role": "workstream_lead",
                "workstreams": [cast.workstream.pk],
            },
        )
    assert response.status_code == 302 and response.url == PEOPLE_URL
    assert mail.outbox[0].to == ["nia@example.org"]
    assert list(Invitation.objects.get().workstreams.all()) == [cast.workstream]


@pytest.mark.django_db
def test_an_invitation_with_problems_shows_them_all_beside_the_fields(client, cast):
    client.force_login(cast.manager)
    response = client.post("/areas/sutton/people/invite/", {"email": "not an address"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter an e-mail address in the right format" in html
    assert "Choose a role" in html
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_a_lead_without_workstreams_is_refused_beside_the_field(client, cast):
    client.force_login(cast.manager)
    response = client.post(
        "/areas/sutton/people/invite/", {"email": "nia@example.org", "role": "workstream_lead"}
    )
    assert "Choose the workstreams this person leads." in response.content.decode()
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_changing_a_role_on_the_screen_is_audited(client, cast):
    membership = Membership.objects.get(user=cast.colleague)
    client.force_login(cast.manager)
    response = client.post(
        f"{PEOPLE_URL}{membership.pk}/role/",
        {"role": "workstream_lead", "workstreams": [cast.other_workstream.pk], "reason": "Cover"},
    )
    assert response.status_code == 302
    latest = membership.history.latest()
    assert (latest.role, latest.history_user, latest.history_change_reason) == (
        "workstream_lead",
        cast.manager,
        "Cover",
    )


@pytest.mark.django_db
def test_removing_a_person_on_the_screen_ends_their_membership(client, cast):
    membership = Membership.objects.get(user=cast.colleague)
    client.force_login(cast.manager)
    response = client.post(f"{PEOPLE_URL}{membership.pk}/remove/", {"reason": "Left"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.ended_at is not None
    client.force_login(cast.colleague)
    assert client.get("/areas/sutton/actions/").status_code == 404


@pytest.mark.django_db
def test_the_last_programme_manager_is_told_why_they_cannot_leave(client, cast):
    membership = Membership.objects.get(user=cast.manager)
    client.force_login(cast.manager)
    response = client.post(f"{PEOPLE_URL}{membership.pk}/remove/", {"reason": "Leaving"})
    assert response.status_code == 200
    assert "The area needs a programme manager" in response.content.decode()


@pytest.mark.django_db
def test_a_member_of_another_area_cannot_be_reached_through_this_one(client, cast):
    elsewhere = Membership.objects.get(user=cast.outsider)
    client.force_login(cast.manager)
    assert client.get(f"{PEOPLE_URL}{elsewhere.pk}/role/").status_code == 404


def _invite(cast, email="nia@example.org"):
    return services.invitation_create(
        local_area=cast.area, actor=cast.manager, email=email, role="officer"
    )


@pytest.mark.django_db
def test_accepting_an_invitation_sets_the_password_and_sends_to_sign_in(client, cast):
    _, token = _invite(cast)
    url = reverse("invitation_accept", kwargs={"token": token})
    assert "Join Sutton" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "first_name": "Nia",
            "last_name": "New",
            "password1": "a long passphrase 42",
            "password2": "a long passphrase 42",
        },
    )
    assert response.status_code == 302 and response.url == reverse("login")
    assert client.login(username="nia@example.org", password="a long passphrase 42")


@pytest.mark.django_db
def test_a_weak_or_mismatched_password_is_explained_beside_the_fields(client, cast):
    _, token = _invite(cast)
    url = reverse("invitation_accept", kwargs={"token": token})
    response = client.post(
        url, {"first_name": "", "last_name": "New", "password1": "123", "password2": "124"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter your first name" in html
    assert "The two passwords do not match" in html
    response = client.post(
        url,
        {"first_name": "Nia", "last_name": "New", "password1": "password", "password2": "password"},
    )
    assert "This password is too common." in response.content.decode()
    assert Invitation.objects.get().accepted_at is None


@pytest.mark.django_db
def test_a_used_link_shows_a_clear_page(client, cast):
    _, token = _invite(cast)
    services.invitation_accept(
        token=token, password="a long passphrase 42", first_name="Nia", last_name="New"
    )
    response = client.get(reverse("invitation_accept", kwargs={"token": token}))
    assert response.status_code == 410
    assert "It has been used already" in response.content.decode()


@pytest.mark.django_db
def test_an_expired_link_shows_a_clear_page_and_accepts_nothing(client, cast):
    invitation, token = _invite(cast)
    # Saved one at a time: invitations keep a history, so bulk updates are refused.
    invitation.expires_at = timezone.now() - dt.timedelta(hours=1)
    invitation.save()
    url = reverse("invitation_accept", kwargs={"token": token})
    response = client.post(
        url,
        {
            "first_name": "N",
            "last_name": "N",
            "password1": "a long passphrase 42",
            "password2": "a long passphrase 42",
        },
    )
    assert response.status_code == 410
    assert "It expired on" in response.content.decode()
    assert not Membership.objects.filter(user__email="nia@example.org").exists()


@pytest.mark.django_db
def test_an_unknown_link_shows_a_clear_page(client, db):
    response = client.get(reverse("invitation_accept", kwargs={"token": "made-up"}))
    assert response.status_code == 410
    assert "This invitation link cannot be used" in response.content.decode()


@pytest.mark.django_db
def test_a_superuser_starts_an_area_on_the_screen(client, db, django_capture_on_commit_callbacks):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/areas/new/",
            {
                "name": "Kingston",
                "slug": "kingston",
                "council_name": "Royal Borough of Kingston",
                "health_partner_name": "South West London ICB",
                "manager_email": "pm@kingston.example.org",
            },
        )
    assert response.status_code == 302 and response.url == "/areas/kingston/people/"
    assert mail.outbox[0].to == ["pm@kingston.example.org"]


@pytest.mark.django_db
def test_a_new_area_with_problems_shows_them_all(client, db):
    LocalAreaFactory(name="Kingston", slug="kingston")
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    response = client.post(
        "/areas/new/",
        {
            "name": "Kingston",
            "slug": "kingston",
            "council_name": "",
            "health_partner_name": "I",
            "manager_email": "x",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter the name of the council" in html
    assert "Enter an e-mail address in the right format" in html


# --- landing -----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "lands_on"),
    [
        ("board", "/areas/sutton/"),
        ("manager", "/areas/sutton/"),
        ("officer", "/my-actions/"),
        ("lead", "/my-actions/"),
    ],
)
def test_everyone_lands_where_their_work_is(client, cast, who, lands_on):
    client.force_login(getattr(cast, who))
    response = client.get("/")
    assert response.status_code == 302 and response.url == lands_on


@pytest.mark.django_db
def test_signing_in_as_a_board_member_opens_the_dashboard(client, cast):
    response = client.post(
        "/accounts/login/", {"username": "board", "password": "password"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/areas/sutton/"


@pytest.mark.django_db
def test_a_programme_manager_sees_manage_plan_and_people_in_the_navigation(client, cast):
    client.force_login(cast.manager)
    html = client.get("/areas/sutton/").content.decode()
    assert 'href="/areas/sutton/people/"' in html


# --- several areas -----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_person_of_several_areas_switches_between_them_in_the_header(client, cast):
    elsewhere = Membership.objects.get(user=cast.outsider).local_area
    MembershipFactory(user=cast.officer, local_area=elsewhere, role="board_member")
    client.force_login(cast.officer)
    html = client.get("/areas/elsewhere/actions/").content.decode()
    switcher = re.search(r'<nav class="app-header__areas".*?</nav>', html, re.S).group(0)
    assert 'href="/areas/sutton/"' in switcher
    assert re.search(r'href="/areas/elsewhere/" aria-current="true"', switcher)


@pytest.mark.django_db
def test_a_person_of_one_area_sees_no_switcher(client, cast):
    client.force_login(cast.officer)
    assert "app-header__areas" not in client.get("/my-actions/").content.decode()


@pytest.mark.django_db
def test_my_actions_names_the_area_of_each_action(client, cast):
    client.force_login(cast.officer)
    html = client.get("/my-actions/").content.decode()
    assert "Local area" in html
    assert re.search(r"<td[^>]*>\s*Sutton\s*</td>", html)
