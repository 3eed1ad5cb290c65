"""The people of a local area: the programme manager invites people, gives and changes their
roles and removes them; an invited person accepts by setting a password; the installation's
operator starts a new area with its first programme manager.

Each view fetches through actions.permissions (outsiders 404, members who may not manage
people 403), binds a form, calls a service (actions/services/people.py, membership.py) and redirects.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_GET

from actions import permissions, services
from actions.models import Membership
from actions.selectors import people as people_selectors
from actions.services.people import invitation_existing_user
from inspections.models import LocalArea
from people.forms import (
    AcceptInvitationForm,
    AreaCreateForm,
    InviteForm,
    RemoveForm,
    RoleForm,
)
from wsoa.lib.people import person_name
from wsoa.lib.requests import AuthenticatedHttpRequest


def _area_for_manager(request: AuthenticatedHttpRequest, area_slug: str) -> LocalArea:
    area = permissions.get_area_for_user(request, area_slug)
    if not permissions.can_manage_people(request.user, area):
        raise PermissionDenied("Only the area's programme manager manages its people.")
    return area


def _membership_for_manager(
    request: AuthenticatedHttpRequest, area_slug: str, membership_id: int
) -> Membership:
    area = _area_for_manager(request, area_slug)
    try:
        return (
            Membership.objects.current()
            .select_related("user", "local_area")
            .get(pk=membership_id, local_area=area)
        )
    except Membership.DoesNotExist:
        raise Http404("No such person in this area.") from None


def _people_url(area: LocalArea) -> str:
    return reverse("people", kwargs={"area_slug": area.slug})


@login_required
@require_GET
def people(request: AuthenticatedHttpRequest, area_slug: str) -> HttpResponse:
    area = _area_for_manager(request, area_slug)
    members = [
        {
            "person_name": person_name(membership.user),
            "hidden_text": f"of {person_name(membership.user)}",
            "get_role_display": membership.get_role_display(),
            "led_workstreams": [str(w) for w in membership.workstreams.all()],
            "role_url": reverse(
                "person_role", kwargs={"area_slug": area.slug, "membership_id": membership.pk}
            ),
            "user": membership.user,
        }
        for membership in people_selectors.area_members(area)
    ]
    context = {
        "area": area,
        "members": members,
        "invite_url": reverse("people_invite", kwargs={"area_slug": area.slug}),
        "invitation_head": ["E-mail address", "Role", "Invited by", "Link works until"],
        "invitation_rows": [
            [
                invitation.email,
                invitation.get_role_display(),
                person_name(invitation.invited_by) if invitation.invited_by else "The operator",
                date_format(timezone.localtime(invitation.expires_at), "j F Y"),
            ]
            for invitation in people_selectors.pending_invitations(area)
        ],
        "change_head": ["When", "Changed by", "Person", "Role given", "Reason"],
        "change_rows": [
            [
                date_format(timezone.localtime(change.at), "j F Y, H:i"),
                change.by,
                change.person,
                change.role,
                change.reason,
            ]
            for change in people_selectors.role_changes(area)
        ],
        "former_head": ["Name", "Left on"],
        "former_rows": [
            [person_name(m.user), date_format(timezone.localtime(m.ended_at), "j F Y")]
            for m in people_selectors.former_members(area)
        ],
    }
    return render(request, "actions/people.html", context)


@login_required
def people_invite(request: AuthenticatedHttpRequest, area_slug: str) -> HttpResponse:
    area = _area_for_manager(request, area_slug)
    workstreams = people_selectors.area_workstreams(area)
    form = InviteForm(request.POST or None, workstreams=workstreams)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation, _token = services.invitation_create(
                local_area=area,
                actor=request.user,
                email=data["email"],
                role=data["role"],
                workstreams=data["workstreams"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, f"Invitation sent to {invitation.email}.")
            return redirect(_people_url(area))
    return render(request, "actions/people_invite.html", {"area": area, "form": form})


@login_required
def person_role(
    request: AuthenticatedHttpRequest, area_slug: str, membership_id: int
) -> HttpResponse:
    membership = _membership_for_manager(request, area_slug, membership_id)
    area = membership.local_area
    initial = {"role": membership.role, "workstreams": list(membership.workstreams.all())}
    form = RoleForm(
        request.POST or None,
        initial=initial,
        workstreams=people_selectors.area_workstreams(area),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.membership_change_role(
                membership=membership,
                actor=request.user,
                role=data["role"],
                workstreams=data["workstreams"],
                reason=data["reason"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, f"Role of {person_name(membership.user)} changed.")
            return redirect(_people_url(area))
    context = {
        "area": area,
        "membership": membership,
        "name": person_name(membership.user),
        "form": form,
    }
    return render(request, "actions/person_role.html", context)


@login_required
def person_remove(
    request: AuthenticatedHttpRequest, area_slug: str, membership_id: int
) -> HttpResponse:
    membership = _membership_for_manager(request, area_slug, membership_id)
    area = membership.local_area
    form = RemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_end(
                membership=membership, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, f"{person_name(membership.user)} removed from {area.name}.")
            return redirect(_people_url(area))
    context = {
        "area": area,
        "membership": membership,
        "name": person_name(membership.user),
        "form": form,
    }
    return render(request, "actions/person_remove.html", context)


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Open to anyone holding the link: the token is the proof of the e-mail address."""
    invitation = services.invitation_for_token(token)
    if invitation is None or not invitation.is_usable():
        return render(
            request, "actions/invitation_unusable.html", {"invitation": invitation}, status=410
        )
    existing = invitation_existing_user(invitation)
    new_person = existing is None
    form = AcceptInvitationForm(request.POST or None, new_person=new_person)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.invitation_accept(
                token=token,
                password=data["password1"],
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
            )
        except services.InvitationUnusable:
            return render(
                request, "actions/invitation_unusable.html", {"invitation": None}, status=410
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                f"You have joined {invitation.local_area.name}. Sign in with your new password.",
            )
            return redirect(reverse("login"))
    context: dict[str, Any] = {
        "invitation": invitation,
        "form": form,
        "new_person": new_person,
        "username": existing.get_username() if existing else invitation.email,
    }
    return render(request, "actions/invitation_accept.html", context)


@login_required
def area_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.can_create_area(request.user):
        raise PermissionDenied("Only the installation's operator starts a local area.")
    form = AreaCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            area, invitation, _token = services.area_create_with_manager(
                actor=request.user,
                name=data["name"],
                slug=data["slug"],
                council_name=data["council_name"],
                health_partner_name=data["health_partner_name"],
                manager_email=data["manager_email"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request, f"{area.name} created. Invitation sent to {invitation.email}."
            )
            return redirect(_people_url(area))
    return render(request, "actions/area_create.html", {"form": form})
