"""Who may open and post each Manage the plan screen, the inspection, plan and workstream
pages, and the update round.

Every URL of planning/urls.py and rounds/urls.py has a row per person here; a new URL without rows fails
`test_every_planning_url_has_rows_in_the_matrix`.
"""

import pytest
from django.urls import reverse

import measures.urls
import planning.urls
import rounds.urls
from measures import services as measure_services
from tests.actions.test_permission_matrix import CAST_MEMBER, PEOPLE
from tests.factories import (
    BoardMeetingFactory,
    CommitmentFactory,
    KeyObjectiveFactory,
    MonitoringVisitFactory,
    PriorityFactory,
    WorkstreamMemberFactory,
)

# Every member reads these; nobody posts to them.
READ = {
    "anonymous": (302, 302),
    "officer_own_action": (200, 405),
    "officer_other_action": (200, 405),
    "lead_own_workstream": (200, 405),
    "lead_other_workstream": (200, 405),
    "board_member": (200, 405),
    "programme_manager": (200, 405),
    "other_area_user": (404, 405),
    "forum_member": (200, 405),
}
# Only the programme manager opens these. An empty POST shows the form's errors (200).
MANAGE = {
    "anonymous": (302, 302),
    "officer_own_action": (403, 403),
    "officer_other_action": (403, 403),
    "lead_own_workstream": (403, 403),
    "lead_other_workstream": (403, 403),
    "board_member": (403, 403),
    "programme_manager": (200, 200),
    "other_area_user": (404, 404),
    "forum_member": (403, 403),
}
# The hub is read-only, for the programme manager.
MANAGE_READ = {**MANAGE, "programme_manager": (200, 405)}
for _person in PEOPLE:
    if MANAGE_READ[_person] == (403, 403):
        MANAGE_READ[_person] = (403, 405)
MANAGE_READ["other_area_user"] = (404, 405)
# The update round: the programme manager and workstream leads read it.
ROUND = {
    "anonymous": (302, 302),
    "officer_own_action": (403, 405),
    "officer_other_action": (403, 405),
    "lead_own_workstream": (200, 405),
    "lead_other_workstream": (200, 405),
    "board_member": (403, 405),
    "programme_manager": (200, 405),
    "other_area_user": (404, 405),
    "forum_member": (403, 405),
}

# Running today's round: the programme manager, by POST only.
ROUND_SEND = {
    "anonymous": (302, 302),
    "officer_own_action": (405, 403),
    "officer_other_action": (405, 403),
    "lead_own_workstream": (405, 403),
    "lead_other_workstream": (405, 403),
    "board_member": (405, 403),
    "programme_manager": (405, 302),
    "other_area_user": (405, 404),
    "forum_member": (405, 403),
}

MATRIX = {
    "inspection": READ,
    "plan": READ,
    "workstream": READ,
    "manage_plan": MANAGE_READ,
    "update_round": ROUND,
    "update_round_settings": MANAGE,
    "update_round_send": ROUND_SEND,
    **{
        name: MANAGE
        for name in (
            "inspection_edit",
            "oversight_edit",
            "revisit_add",
            "finding_add",
            "finding_edit",
            "finding_judgement",
            "commitment_add",
            "commitment_edit",
            "plan_edit",
            "key_objective_add",
            "key_objective_edit",
            "priority_add",
            "priority_edit",
            "workstream_add",
            "workstream_edit",
            "workstream_member_add",
            "workstream_member_edit",
            "action_add",
            "action_edit",
            "action_rebaseline",
            "action_withdraw",
            "monitoring_visit_add",
            "monitoring_visit_edit",
            "board_meeting_add",
            "board_meeting_edit",
        )
    },
}

# Measures (measures/urls.py): every member reads them; the programme manager manages them;
# their owners (here the officer of the action) and the programme manager record values.
MATRIX.update(
    {
        "measure_list": READ,
        "measure_detail": READ,
        **{
            name: MANAGE
            for name in ("measure_add", "measure_edit", "milestone_add", "measure_withdraw")
        },
        "value_record": {**MANAGE, "officer_own_action": (200, 200)},
    }
)
MEASURE_URLS = {
    "measure_detail",
    "measure_edit",
    "milestone_add",
    "measure_withdraw",
    "value_record",
}

CELLS = [
    (name, person, method)
    for name, row in MATRIX.items()
    for person in row
    for method in ("GET", "POST")
]


def _kwargs(name: str, cast) -> dict:
    area = {"area_slug": "sutton"}
    weakness = cast.action.weakness
    if name in ("workstream", "workstream_edit", "workstream_member_add"):
        return area | {"number": cast.workstream.number}
    if name == "workstream_member_edit":
        member = WorkstreamMemberFactory(workstream=cast.workstream)
        return area | {"number": cast.workstream.number, "member_id": member.pk}
    if name in ("finding_edit", "finding_judgement"):
        return area | {"number": weakness.number}
    if name == "commitment_add":
        return area | {"finding": weakness.number}
    if name == "commitment_edit":
        commitment = CommitmentFactory(weakness=weakness, number=1)
        return area | {"finding": weakness.number, "number": commitment.number}
    if name == "key_objective_edit":
        return area | {"number": KeyObjectiveFactory(plan=cast.plan, number=1).number}
    if name == "priority_edit":
        return area | {"number": PriorityFactory(plan=cast.plan, number=1).number}
    if name in ("action_edit", "action_rebaseline", "action_withdraw"):
        return area | {"reference": cast.action.reference}
    if name == "monitoring_visit_edit":
        return area | {"visit_id": MonitoringVisitFactory(plan=cast.plan).pk}
    if name == "board_meeting_edit":
        return area | {"meeting_id": BoardMeetingFactory(plan=cast.plan).pk}
    if name in MEASURE_URLS:
        measure = measure_services.measure_create(
            plan=cast.plan,
            actor=None,
            name="Annual reviews on time",
            direction="higher",
            findings=[weakness],
            owners=[cast.officer],
            reason="New",
        )
        return area | {"number": measure.number}
    return area


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "person", "method"), CELLS)
def test_permission_matrix(client, cast, name, person, method):
    url = reverse(name, kwargs=_kwargs(name, cast))
    if CAST_MEMBER[person]:
        client.force_login(getattr(cast, CAST_MEMBER[person]))
    before = cast.action.history.count(), cast.plan.history.count()
    response = client.get(url) if method == "GET" else client.post(url, {})
    expected_get, expected_post = MATRIX[name][person]
    expected = expected_get if method == "GET" else expected_post
    assert response.status_code == expected, f"{method} {name} as {person}"
    if person == "anonymous":
        assert response.url.startswith(reverse("login"))
    if method == "POST":
        # Refused, or an empty form: nothing changed.
        assert (cast.action.history.count(), cast.plan.history.count()) == before


def test_every_planning_url_has_rows_in_the_matrix():
    names = {pattern.name for pattern in planning.urls.urlpatterns + rounds.urls.urlpatterns}
    names |= {pattern.name for pattern in measures.urls.urlpatterns}
    missing = sorted(names - set(MATRIX))
    assert not missing, f"URL names without rows in the permission matrix: {missing}"


def test_every_matrix_row_covers_every_person():
    for name, row in MATRIX.items():
        assert set(row) == set(PEOPLE), name
