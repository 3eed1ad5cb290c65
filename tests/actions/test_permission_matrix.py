"""Who may open and post each action screen.

Every URL of actions/urls.py has a row per person here; a new URL without rows fails
`test_every_action_url_has_rows_in_the_matrix`.
"""

import datetime as dt

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import actions.urls
from actions import services
from actions.models import BRAG, Membership
from tests.papers.matrix import PAPER_MATRIX, PAPER_PUBLIC_URLS, paper_url_and_post_data

PEOPLE = (
    "anonymous",
    "officer_own_action",
    "officer_other_action",
    "lead_own_workstream",
    "lead_other_workstream",
    "board_member",
    "programme_manager",
    "other_area_user",
    "forum_member",
)

# Who each person is in the `cast` fixture.
CAST_MEMBER = {
    "anonymous": None,
    "officer_own_action": "officer",
    "officer_other_action": "colleague",
    "lead_own_workstream": "lead",
    "lead_other_workstream": "other_lead",
    "board_member": "board",
    "programme_manager": "manager",
    "other_area_user": "outsider",
    "forum_member": "forum",
}

# url name -> person -> (GET status, POST status). 302 for anonymous: to sign in. 302 on
# a successful POST: back to the action.
MATRIX = {
    "my_actions": {
        "anonymous": (302, 302),
        "officer_own_action": (200, 405),
        "officer_other_action": (200, 405),
        "lead_own_workstream": (200, 405),
        "lead_other_workstream": (200, 405),
        "board_member": (200, 405),
        "programme_manager": (200, 405),
        "other_area_user": (200, 405),
    },
    "action_list": {
        "anonymous": (302, 302),
        "officer_own_action": (200, 405),
        "officer_other_action": (200, 405),
        "lead_own_workstream": (200, 405),
        "lead_other_workstream": (200, 405),
        "board_member": (200, 405),
        "programme_manager": (200, 405),
        "other_area_user": (404, 405),
    },
    "action_detail": {
        "anonymous": (302, 302),
        "officer_own_action": (200, 405),
        "officer_other_action": (200, 405),
        "lead_own_workstream": (200, 405),
        "lead_other_workstream": (200, 405),
        "board_member": (200, 405),
        "programme_manager": (200, 405),
        "other_area_user": (404, 405),
    },
    "action_update": {
        "anonymous": (302, 302),
        "officer_own_action": (200, 302),
        "officer_other_action": (403, 403),
        "lead_own_workstream": (200, 302),
        "lead_other_workstream": (403, 403),
        "board_member": (403, 403),
        "programme_manager": (200, 302),
        "other_area_user": (404, 404),
    },
    "action_sign_off": {
        "anonymous": (302, 302),
        "officer_own_action": (403, 403),
        "officer_other_action": (403, 403),
        "lead_own_workstream": (200, 302),
        "lead_other_workstream": (403, 403),
        "board_member": (403, 403),
        "programme_manager": (200, 302),
        "other_area_user": (404, 404),
    },
    # Spreadsheets: import is part of managing the plan; any member may download the plan.
    "plan_import": {
        "anonymous": (302, 302),
        "officer_own_action": (403, 403),
        "officer_other_action": (403, 403),
        "lead_own_workstream": (403, 403),
        "lead_other_workstream": (403, 403),
        "board_member": (403, 403),
        "programme_manager": (200, 200),
        "other_area_user": (404, 404),
    },
    "plan_import_confirm": {
        "anonymous": (302, 302),
        "officer_own_action": (405, 403),
        "officer_other_action": (405, 403),
        "lead_own_workstream": (405, 403),
        "lead_other_workstream": (405, 403),
        "board_member": (405, 403),
        "programme_manager": (405, 302),
        "other_area_user": (405, 404),
    },
    "plan_export_csv": {
        "anonymous": (302, 302),
        "officer_own_action": (200, 405),
        "officer_other_action": (200, 405),
        "lead_own_workstream": (200, 405),
        "lead_other_workstream": (200, 405),
        "board_member": (200, 405),
        "programme_manager": (200, 405),
        "other_area_user": (404, 405),
    },
    "plan_export_xlsx": {
        "anonymous": (302, 302),
        "officer_own_action": (200, 405),
        "officer_other_action": (200, 405),
        "lead_own_workstream": (200, 405),
        "lead_other_workstream": (200, 405),
        "board_member": (200, 405),
        "programme_manager": (200, 405),
        "other_area_user": (404, 405),
    },
}

# Measures: importing them is the programme manager's; any member may download them.
MATRIX["measures_import"] = MATRIX["plan_import"]
MATRIX["measures_import_confirm"] = MATRIX["plan_import_confirm"]
MATRIX["measures_export_csv"] = MATRIX["plan_export_csv"]
MATRIX["measures_export_xlsx"] = MATRIX["plan_export_xlsx"]

# Board dashboards, the Board report and their exports: every member reads them, GET only.
BOARD_URLS = (
    "dashboard",
    "workstream_dashboard",
    "board_report",
    "board_report_pdf",
    "summary_csv",
    "summary_xlsx",
    "actions_csv",
    "actions_xlsx",
)
for _name in BOARD_URLS:
    MATRIX[_name] = {
        "anonymous": (302, 302),
        "officer_own_action": (200, 405),
        "officer_other_action": (200, 405),
        "lead_own_workstream": (200, 405),
        "lead_other_workstream": (200, 405),
        "board_member": (200, 405),
        "programme_manager": (200, 405),
        "other_area_user": (404, 405),
    }

# Sign-in's second step (accounts/urls.py): anyone signed in may set up one-time codes; the
# code page sends somebody without an authenticator to set one up. An empty POST is a form
# error.
for _name, signed_in in (("one_time_code", (302, 302)), ("one_time_code_setup", (200, 400))):
    MATRIX[_name] = {person: signed_in for person in PEOPLE}
    MATRIX[_name]["anonymous"] = (302, 302)

# The help page on status suggestions: anyone signed in.
MATRIX["status_suggestion_rules"] = {person: (200, 405) for person in PEOPLE}
MATRIX["status_suggestion_rules"]["anonymous"] = (302, 302)

# URLs that take no argument.
SITE_URLS = {"my_actions", "one_time_code", "one_time_code_setup", "status_suggestion_rules"}
# People of an area: the programme manager's; other members read-only (403).
for _name in ("people_invite", "person_role", "person_remove"):
    MATRIX[_name] = {
        "anonymous": (302, 302),
        "officer_own_action": (403, 403),
        "officer_other_action": (403, 403),
        "lead_own_workstream": (403, 403),
        "lead_other_workstream": (403, 403),
        "board_member": (403, 403),
        "programme_manager": (200, 302),
        "other_area_user": (404, 404),
    }
MATRIX["people"] = {
    "anonymous": (302, 302),
    "officer_own_action": (403, 405),
    "officer_other_action": (403, 405),
    "lead_own_workstream": (403, 405),
    "lead_other_workstream": (403, 405),
    "board_member": (403, 405),
    "programme_manager": (200, 405),
    "other_area_user": (404, 405),
}
# Starting a local area is the operator's (a superuser's): no member may.
MATRIX["area_create"] = {
    person: (302, 302) if person == "anonymous" else (403, 403) for person in PEOPLE
}
# The invitation link is the invited person's proof: anyone holding it may open it, and
# accepting sends them to sign in.
MATRIX["invitation_accept"] = {person: (200, 302) for person in PEOPLE}
# Board papers (papers/urls.py): their rows live beside the papers' tests.
MATRIX.update(PAPER_MATRIX)
# Pages a visitor opens without signing in.
PUBLIC_URLS = {"invitation_accept", *PAPER_PUBLIC_URLS}

# The parent carer forum's member reads what a Board member reads and changes none of it:
# on every screen above they get the Board member's answer.
for _row in MATRIX.values():
    _row.setdefault("forum_member", _row["board_member"])

# URLs that take only the area.
AREA_URLS = {
    "action_list",
    "plan_import",
    "plan_import_confirm",
    "plan_export_csv",
    "plan_export_xlsx",
    "measures_import",
    "measures_import_confirm",
    "measures_export_csv",
    "measures_export_xlsx",
    "people",
    "people_invite",
    *(name for name in BOARD_URLS if name != "workstream_dashboard"),
}

CELLS = [
    (name, person, method)
    for name, row in MATRIX.items()
    for person in row
    for method in ("GET", "POST")
]


def _url_and_post_data(name, cast):
    action = cast.action
    if name in PAPER_MATRIX:
        return paper_url_and_post_data(name, cast)
    if name in SITE_URLS:
        return reverse(name), {}
    if name == "area_create":
        return reverse(name), {
            "name": "Kingston",
            "slug": "kingston",
            "council_name": "Royal Borough of Kingston",
            "health_partner_name": "South West London ICB",
            "manager_email": "pm@kingston.example.org",
        }
    if name == "invitation_accept":
        _, token = services.invitation_create(
            local_area=cast.area, actor=cast.manager, email="new@example.org", role="officer"
        )
        return reverse(name, kwargs={"token": token}), {
            "first_name": "Nia",
            "last_name": "New",
            "password1": "a long passphrase 42",
            "password2": "a long passphrase 42",
        }
    if name == "people_invite":
        url = reverse(name, kwargs={"area_slug": "sutton"})
        return url, {"email": "new@example.org", "role": "officer"}
    if name in ("person_role", "person_remove"):
        membership = Membership.objects.get(user=cast.colleague)
        url = reverse(name, kwargs={"area_slug": "sutton", "membership_id": membership.pk})
        return url, {"role": "board_member", "reason": "Joined the Board"}
    if name in AREA_URLS:
        return reverse(name, kwargs={"area_slug": "sutton"}), {}
    if name == "workstream_dashboard":
        kwargs = {"area_slug": "sutton", "number": cast.workstream.number}
        return reverse(name, kwargs=kwargs), {}
    kwargs = {"area_slug": "sutton", "reference": action.reference}
    if name == "action_update":
        return reverse(name, kwargs=kwargs), {
            "status": BRAG.AMBER,
            "narrative": "Panel dates moved",
            "remedial_action": "Extra panel booked",
            "version": action.version,
        }
    if name == "action_sign_off":
        services.action_propose_completion(
            action=action,
            actor=cast.officer,
            completed_date=dt.date(2019, 2, 28),
            evidence="Audit of 20 plans",
            narrative="Done",
        )
        return reverse(name, kwargs=kwargs), {"decision": "confirm", "version": action.version}
    return reverse(name, kwargs=kwargs), {}


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "person", "method"), CELLS)
def test_permission_matrix(client, cast, name, person, method):
    url, data = _url_and_post_data(name, cast)
    if CAST_MEMBER[person]:
        client.force_login(getattr(cast, CAST_MEMBER[person]))
    before = cast.action.history.count(), cast.action.progress_updates.count()
    response = client.get(url) if method == "GET" else client.post(url, data)
    expected_get, expected_post = MATRIX[name][person]
    expected = expected_get if method == "GET" else expected_post
    assert response.status_code == expected, f"{method} {name} as {person}"
    if person == "anonymous" and (name not in PUBLIC_URLS or expected == 302):
        assert response.url.startswith(reverse("login"))
    if method == "POST" and expected != 302:
        # Refused: nothing changed.
        after = cast.action.history.count(), cast.action.progress_updates.count()
        assert after == before


def _names_in(patterns) -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            names |= _names_in(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            names.add(pattern.name)
    return names


def _action_view_names(patterns) -> set[str]:
    """Named URLs anywhere in the project whose view lives in actions, board, spreadsheets or people."""
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            names |= _action_view_names(pattern.url_patterns)
        elif getattr(pattern.callback, "__module__", "").startswith(
            ("actions.", "board.", "spreadsheets.", "people.", "papers.")
        ):
            names.add(pattern.name)
    return names


def test_every_action_url_has_rows_in_the_matrix():
    screens = _names_in(actions.urls.urlpatterns) | _action_view_names(get_resolver().url_patterns)
    assert screens, "found no action URLs: is actions.urls included?"
    missing = sorted(str(name) for name in screens - set(MATRIX))
    assert not missing, f"URL names without rows in the permission matrix: {missing}"


def test_every_matrix_row_covers_every_person():
    for name, row in MATRIX.items():
        assert set(row) == set(PEOPLE), name


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/areas/nowhere/actions/",
        "/areas/nowhere/actions/2.1.1/",
        "/areas/sutton/actions/9.9.9/",
        "/areas/sutton/actions/9.9.9/update/",
        "/areas/sutton/actions/9.9.9/sign-off/",
    ],
)
def test_an_unknown_area_or_reference_is_the_house_style_not_found_page(client, cast, url):
    client.force_login(cast.manager)
    response = client.get(url)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.django_db
def test_a_refused_post_shows_the_house_style_forbidden_page_and_changes_nothing(client, cast):
    client.force_login(cast.board)
    version = cast.action.version
    response = client.post(
        reverse("action_update", kwargs={"area_slug": "sutton", "reference": "2.1.1"}),
        {"status": BRAG.RED, "narrative": "x", "remedial_action": "y", "version": version},
    )
    assert response.status_code == 403
    cast.action.refresh_from_db()
    assert (cast.action.status, cast.action.version) == (BRAG.GREEN, version)
