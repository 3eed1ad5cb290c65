"""The rules of inviting people, giving and changing roles, removing people, starting areas."""

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from actions import permissions, services
from actions.models import Invitation, Membership
from actions.selectors.people import role_changes
from inspections.models import LocalArea
from tests.factories import UserFactory

Role = Membership.Role


def _token_from(message) -> str:
    return re.search(r"/invitations/([^/\s]+)/", message.body).group(1)


@pytest.mark.django_db
def test_a_programme_manager_invites_a_person_who_gets_a_single_use_link(
    cast, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://wsoa.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = services.invitation_create(
            local_area=cast.area, actor=cast.manager, email="New.Person@Example.org", role="officer"
        )
    assert invitation.email == "new.person@example.org"
    assert token not in invitation.token_hash
    [message] = mail.outbox
    assert message.to == ["new.person@example.org"]
    assert f"https://wsoa.example.org/invitations/{token}/" in message.body
    assert _token_from(message) == token


@pytest.mark.django_db
def test_an_invitation_expires_after_the_configured_days(cast, settings):
    settings.INVITATION_DAYS = 3
    invitation, _ = services.invitation_create(
        local_area=cast.area, actor=cast.manager, email="a@example.org", role="officer"
    )
    assert invitation.expires_at - invitation.created_at == dt.timedelta(days=3)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["officer", "lead", "board", "outsider"])
def test_only_the_programme_manager_invites(cast, who):
    with pytest.raises(PermissionDenied):
        services.invitation_create(
            local_area=cast.area, actor=getattr(cast, who), email="a@example.org", role="officer"
        )
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_a_workstream_lead_must_be_given_workstreams_of_the_same_area(cast):
    with pytest.raises(ValidationError) as error:
        services.invitation_create(
            local_area=cast.area, actor=cast.manager, email="a@example.org", role="workstream_lead"
        )
    assert "workstreams" in error.value.message_dict


@pytest.mark.django_db
def test_a_current_member_cannot_be_invited_again(cast):
    with pytest.raises(ValidationError) as error:
        services.invitation_create(
            local_area=cast.area, actor=cast.manager, email=cast.officer.email, role="officer"
        )
    assert "email" in error.value.message_dict


@pytest.mark.django_db
def test_a_new_person_accepts_sets_a_password_and_joins_in_the_role(cast):
    _, token = services.invitation_create(
        local_area=cast.area,
        actor=cast.manager,
        email="wendy@example.org",
        role="workstream_lead",
        workstreams=[cast.other_workstream],
    )
    membership = services.invitation_accept(
        token=token, password="a long passphrase 42", first_name="Wendy", last_name="Lead"
    )
    user = membership.user
    assert user.check_password("a long passphrase 42")
    assert (user.username, user.get_full_name()) == ("wendy@example.org", "Wendy Lead")
    assert membership.role == Role.WORKSTREAM_LEAD
    assert list(membership.workstreams.all()) == [cast.other_workstream]
    assert permissions.can_set_blue_directly(user, cast.action) is False


@pytest.mark.django_db
def test_an_existing_user_accepting_joins_the_area(cast):
    _, token = services.invitation_create(
        local_area=cast.area, actor=cast.manager, email=cast.outsider.email, role="board_member"
    )
    membership = services.invitation_accept(token=token, password="a long passphrase 42")
    assert membership.user == cast.outsider
    assert permissions.can_view_area(cast.outsider, cast.area)


@pytest.mark.django_db
def test_a_weak_password_is_refused_and_nothing_is_saved(cast):
    _, token = services.invitation_create(
        local_area=cast.area, actor=cast.manager, email="w@example.org", role="officer"
    )
    with pytest.raises(ValidationError) as error:
        services.invitation_accept(token=token, password="password", first_name="", last_name="")
    assert set(error.value.message_dict) == {"password", "first_name", "last_name"}
    assert not Membership.objects.filter(user__email="w@example.org").exists()
    assert Invitation.objects.get().accepted_at is None


@pytest.mark.django_db
def test_a_used_link_cannot_be_used_again(cast):
    _, token = services.invitation_create(
        local_area=cast.area, actor=cast.manager, email="w@example.org", role="officer"
    )
    services.invitation_accept(
        token=token, password="a long passphrase 42", first_name="W", last_name="X"
    )
    with pytest.raises(services.InvitationUnusable):
        services.invitation_accept(token=token, password="another passphrase 43")


@pytest.mark.django_db
def test_an_expired_link_cannot_be_used(cast, settings):
    invitation, token = services.invitation_create(
        local_area=cast.area, actor=cast.manager, email="w@example.org", role="officer"
    )
    # Saved one at a time: invitations keep a history, so bulk updates are refused.
    invitation.expires_at = timezone.now() - dt.timedelta(minutes=1)
    invitation.save()
    with pytest.raises(services.InvitationUnusable):
        services.invitation_accept(
            token=token, password="a long passphrase 42", first_name="W", last_name="X"
        )


@pytest.mark.django_db
def test_a_newer_invitation_replaces_a_pending_one(cast):
    _, first = services.invitation_create(
        local_area=cast.area, actor=cast.manager, email="w@example.org", role="officer"
    )
    services.invitation_create(
        local_area=cast.area, actor=cast.manager, email="w@example.org", role="board_member"
    )
    with pytest.raises(services.InvitationUnusable):
        services.invitation_accept(
            token=first, password="a long passphrase 42", first_name="W", last_name="X"
        )


@pytest.mark.django_db
def test_a_role_change_is_audited_with_who_whom_when_and_why(cast):
    membership = Membership.objects.get(user=cast.colleague)
    services.membership_change_role(
        membership=membership,
        actor=cast.manager,
        role="workstream_lead",
        workstreams=[cast.other_workstream],
        reason="Takes over the Local Offer",
    )
    latest = membership.history.latest()
    assert latest.history_user == cast.manager
    assert latest.history_change_reason == "Takes over the Local Offer"
    assert latest.role == Role.WORKSTREAM_LEAD
    [change] = role_changes(cast.area)[:1]
    assert change.by == "Mo Manager"
    assert change.person == "Colin Colleague"
    assert change.role == "Workstream lead of WS3 Local Offer"
    assert change.reason == "Takes over the Local Offer"


@pytest.mark.django_db
def test_a_role_change_takes_effect_at_once(cast):
    membership = Membership.objects.get(user=cast.board)
    assert not permissions.can_manage_plan(cast.board, cast.area)
    services.membership_change_role(
        membership=membership, actor=cast.manager, role="programme_manager", reason="Cover"
    )
    # Their next request reads their memberships afresh.
    assert permissions.can_manage_plan(get_user_model().objects.get(pk=cast.board.pk), cast.area)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["officer", "lead", "board", "outsider"])
def test_only_the_programme_manager_changes_roles(cast, who):
    membership = Membership.objects.get(user=cast.colleague)
    with pytest.raises(PermissionDenied):
        services.membership_change_role(
            membership=membership, actor=getattr(cast, who), role="board_member", reason="x"
        )
    membership.refresh_from_db()
    assert membership.role == Role.OFFICER


@pytest.mark.django_db
def test_a_role_change_needs_a_reason(cast):
    membership = Membership.objects.get(user=cast.colleague)
    with pytest.raises(ValidationError) as error:
        services.membership_change_role(
            membership=membership, actor=cast.manager, role="board_member", reason=" "
        )
    assert "reason" in error.value.message_dict


@pytest.mark.django_db
def test_the_last_programme_manager_cannot_step_down_or_be_removed(cast):
    membership = Membership.objects.get(user=cast.manager)
    with pytest.raises(ValidationError):
        services.membership_change_role(
            membership=membership, actor=cast.manager, role="officer", reason="Leaving"
        )
    with pytest.raises(ValidationError):
        services.membership_end(membership=membership, actor=cast.manager, reason="Leaving")
    membership.refresh_from_db()
    assert membership.role == Role.PROGRAMME_MANAGER and membership.is_current


@pytest.mark.django_db
def test_removing_a_person_ends_the_membership_and_keeps_its_history(cast):
    membership = Membership.objects.get(user=cast.colleague)
    services.membership_end(membership=membership, actor=cast.manager, reason="Left the council")
    membership.refresh_from_db()
    assert membership.ended_at is not None
    assert not permissions.can_view_area(cast.colleague, cast.area)
    assert membership.history.latest().history_change_reason == "Left the council"
    assert role_changes(cast.area)[0].role == "Removed from the area"


@pytest.mark.django_db
def test_a_removed_person_can_be_invited_back(cast):
    membership = Membership.objects.get(user=cast.colleague)
    services.membership_end(membership=membership, actor=cast.manager, reason="Left")
    _, token = services.invitation_create(
        local_area=cast.area, actor=cast.manager, email=cast.colleague.email, role="board_member"
    )
    services.invitation_accept(token=token, password="a long passphrase 42")
    membership.refresh_from_db()
    assert membership.is_current and membership.role == Role.BOARD_MEMBER


@pytest.mark.django_db
def test_the_operator_starts_an_area_and_invites_its_programme_manager(db):
    operator = UserFactory(username="root", is_superuser=True, is_staff=True)
    area, invitation, token = services.area_create_with_manager(
        actor=operator,
        name="Kingston",
        slug="kingston",
        council_name="Royal Borough of Kingston",
        health_partner_name="South West London ICB",
        manager_email="pm@kingston.example.org",
    )
    assert invitation.role == Role.PROGRAMME_MANAGER and invitation.local_area == area
    membership = services.invitation_accept(
        token=token, password="a long passphrase 42", first_name="Pat", last_name="M"
    )
    assert permissions.can_manage_people(membership.user, area)


@pytest.mark.django_db
def test_only_a_superuser_starts_an_area(cast):
    with pytest.raises(PermissionDenied):
        services.area_create_with_manager(
            actor=cast.manager,
            name="Kingston",
            slug="kingston",
            council_name="K",
            health_partner_name="ICB",
            manager_email="pm@example.org",
        )
    assert not LocalArea.objects.filter(slug="kingston").exists()


@pytest.mark.django_db
def test_a_new_area_reports_every_problem_at_once_and_saves_nothing(db):
    with pytest.raises(ValidationError) as error:
        services.area_create_with_manager(
            actor=None,
            name="",
            slug="new",
            council_name="",
            health_partner_name="ICB",
            manager_email="not an address",
        )
    assert {"name", "slug", "council_name", "manager_email"} <= set(error.value.message_dict)
    assert not LocalArea.objects.exists()


@pytest.mark.django_db
def test_create_area_command_starts_an_area_and_sends_the_invitation(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("create_area", "kingston", "Kingston", "--manager", "pm@example.org")
    area = LocalArea.objects.get(slug="kingston")
    assert area.invitations.get().email == "pm@example.org"
    assert mail.outbox[0].to == ["pm@example.org"]


@pytest.mark.django_db
def test_create_area_command_dry_run_saves_nothing(db):
    call_command("create_area", "kingston", "Kingston", "--manager", "pm@example.org", "--dry-run")
    assert not LocalArea.objects.exists()


@pytest.mark.django_db
def test_create_area_command_explains_bad_input(db):
    with pytest.raises(CommandError, match="manager_email"):
        call_command("create_area", "kingston", "Kingston", "--manager", "nope")
