"""A spreadsheet never silently undoes what people did in the product after it was exported."""

import csv
import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actions import services
from actions.models import BRAG, Action, Membership, Plan
from spreadsheets.exporters import plan_export
from spreadsheets.importer import ImportResult, plan_import
from tests.factories import MembershipFactory, UserFactory
from tests.spreadsheets.plan_files import csv_bytes, new_row, read, sutton_like_plan

pytestmark = pytest.mark.django_db

REFERENCES = ("1.1.2", "1.2.1", "2.1.2", "2.2.1", "3.1.1")


def exported_rows(plan: Plan) -> tuple[list[str], list[dict[str, str]]]:
    content = plan_export(plan=plan, fmt="csv").content.decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(content, newline=""))
    return list(reader.fieldnames or []), list(reader)


def reimport(
    plan: Plan,
    header: list[str],
    rows: list[dict[str, str]],
    *,
    actor,
    name: str = "rt-monday.csv",
    **options,
) -> ImportResult:
    sheet = read(csv_bytes(rows, header=header), name)
    return plan_import(plan=plan, rows=sheet.rows, actor=actor, file_name=name, **options)


def state(plan: Plan) -> dict[str, dict]:
    return {
        action.reference: {
            field.attname: getattr(action, field.attname)
            for field in Action._meta.concrete_fields
            if field.attname != "updated_at"
        }
        for action in plan.actions.all()
    }


def action(plan: Plan, reference: str) -> Action:
    return plan.actions.get(reference=reference)


@pytest.fixture
def plan():
    return sutton_like_plan()


@pytest.fixture
def people(plan):
    manager = UserFactory(username="manager")
    lead = UserFactory(username="liam", first_name="Liam", last_name="Lewis")
    MembershipFactory(user=lead, local_area=plan.local_area, role=Membership.Role.WORKSTREAM_LEAD)
    return {"manager": manager, "lead": lead, "officer": UserFactory(username="officer")}


def test_an_import_of_mondays_file_keeps_tuesdays_red_and_adds_wednesdays_actions(plan, people):
    header, rows = exported_rows(plan)  # Monday
    services.action_change_status(  # Tuesday
        action=action(plan, "1.1.2"),
        actor=people["lead"],
        status=BRAG.RED,
        remedial_action="Two partners have not attended; the chair is writing to them.",
        reason="Attendance has fallen",
    )
    rows += [new_row("1.1.3", title="Hold a joint launch"), new_row("1.1.4")]  # Wednesday

    result = reimport(plan, header, rows, actor=people["manager"])

    assert not result.errors
    assert result.created == ["1.1.3", "1.1.4"]
    assert result.updated == []
    assert [entry.reference for entry in result.kept] == ["1.1.2"]
    assert str(result.kept[0]).startswith("Red on ")
    assert str(result.kept[0]).endswith("by Liam Lewis")
    red = action(plan, "1.1.2")
    assert red.status == BRAG.RED
    assert red.remedial_action.startswith("Two partners")
    added = action(plan, "1.1.3").history.latest()
    assert (added.history_user, added.history_change_reason) == (
        people["manager"],
        "Imported from rt-monday.csv",
    )


def test_an_unchanged_export_reimports_over_a_pending_completion_proposal(plan, people):
    header, rows = exported_rows(plan)
    services.action_propose_completion(
        action=action(plan, "2.2.1"),
        actor=people["officer"],
        completed_date=timezone.localdate() - dt.timedelta(days=1),
        evidence="The template is in use by every case officer.",
        narrative="Done",
    )

    result = reimport(plan, header, rows, actor=people["manager"])

    assert not result.errors
    assert [entry.reference for entry in result.kept] == ["2.2.1"]
    assert action(plan, "2.2.1").completion_proposed


def test_a_row_changed_in_the_file_and_in_the_product_is_a_conflict_left_alone(plan, people):
    header, rows = exported_rows(plan)
    services.action_change_status(
        action=action(plan, "1.1.2"),
        actor=people["lead"],
        status=BRAG.RED,
        remedial_action="Partners absent.",
        reason="Attendance has fallen",
    )
    row = next(row for row in rows if row["reference"] == "1.1.2")
    row.update(status="Amber", remedial_action="Attendance is patchy.")

    result = reimport(plan, header, rows, actor=people["manager"])

    assert [entry.reference for entry in result.conflicts] == ["1.1.2"]
    conflict = result.conflicts[0]
    assert ("status", "Amber", "Red") in conflict.differences
    assert conflict.changed_by == "Liam Lewis"
    assert not conflict.overwrite
    assert action(plan, "1.1.2").status == BRAG.RED


def test_a_conflict_the_manager_chooses_takes_the_files_value(plan, people):
    header, rows = exported_rows(plan)
    services.action_change_status(
        action=action(plan, "1.1.2"),
        actor=people["lead"],
        status=BRAG.RED,
        remedial_action="Partners absent.",
        reason="Attendance has fallen",
    )
    row = next(row for row in rows if row["reference"] == "1.1.2")
    row.update(status="Amber", remedial_action="Attendance is patchy.")

    result = reimport(plan, header, rows, actor=people["manager"], overwrite={"1.1.2"})

    assert result.updated == ["1.1.2"]
    assert action(plan, "1.1.2").status == BRAG.AMBER


def test_a_file_without_versions_conflicts_with_changes_after_its_in_step_date(plan, people):
    header, rows = exported_rows(plan)
    header = [column for column in header if column not in ("version", "exported_at")]
    services.action_change_status(
        action=action(plan, "1.1.2"),
        actor=people["lead"],
        status=BRAG.RED,
        remedial_action="Partners absent.",
        reason="Attendance has fallen",
    )
    for row in rows:
        if row["reference"] in ("1.1.2", "2.2.1"):
            row["title"] += " (revised)"
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    plan.actions.exclude(reference="1.1.2").update(updated_at=timezone.now() - dt.timedelta(days=3))

    result = reimport(plan, header, rows, actor=people["manager"], in_step_on=yesterday)

    assert [entry.reference for entry in result.conflicts] == ["1.1.2"]
    assert result.updated == ["2.2.1"]
    assert action(plan, "1.1.2").status == BRAG.RED


def test_a_file_without_versions_or_a_date_imports_as_before(plan, people):
    header, rows = exported_rows(plan)
    header = [column for column in header if column not in ("version", "exported_at")]
    row = next(row for row in rows if row["reference"] == "2.2.1")
    row["title"] += " (revised)"

    result = reimport(plan, header, rows, actor=people["manager"])

    assert result.updated == ["2.2.1"]
    assert not result.conflicts


# What people do in the product between an export and its re-import.

YESTERDAY = dt.timedelta(days=1)


def _do(operation: str, plan: Plan, reference: str, people: dict) -> None:
    target = action(plan, reference)
    manager, lead, officer = people["manager"], people["lead"], people["officer"]
    if operation == "red":
        services.action_change_status(
            action=target, actor=lead, status=BRAG.RED, remedial_action="Late.", reason="Slipped"
        )
    elif operation == "green":
        services.action_change_status(
            action=target, actor=lead, status=BRAG.GREEN, reason="Back on track"
        )
    elif operation == "propose":
        services.action_propose_completion(
            action=target,
            actor=officer,
            completed_date=timezone.localdate() - YESTERDAY,
            evidence="Minutes of the meeting.",
            narrative="Finished",
        )
    elif operation == "confirm":
        services.action_confirm_completion(action=target, actor=manager)
    elif operation == "return":
        services.action_return_completion(action=target, actor=manager, reason="Not yet")
    elif operation == "withdraw":
        services.action_withdraw(action=target, actor=manager, reason="Merged into 1.1.1")
    elif operation == "rebaseline":
        services.action_rebaseline(
            action=target,
            actor=manager,
            due_date=(target.due_date or timezone.localdate()) + dt.timedelta(days=30),
            reason="Funding came late",
        )
    elif operation == "publish":
        services.action_set_publication(
            action=target,
            actor=manager,
            published=not target.published,
            public_summary=target.public_summary or "What parents will see.",
        )


OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(
            ("red", "green", "propose", "confirm", "return", "withdraw", "rebaseline", "publish")
        ),
        st.sampled_from(REFERENCES),
    ),
    max_size=8,
)


def _scenario(operations):
    """A fresh plan and its export, then the operations applied in the product."""
    plan = sutton_like_plan()
    manager = UserFactory(username="manager")
    lead = UserFactory(username="liam", first_name="Liam", last_name="Lewis")
    MembershipFactory(user=lead, local_area=plan.local_area, role=Membership.Role.WORKSTREAM_LEAD)
    people = {"manager": manager, "lead": lead, "officer": UserFactory(username="officer")}
    header, rows = exported_rows(plan)
    versions = {row["reference"]: int(row["version"]) for row in rows}
    for operation, reference in operations:
        try:
            _do(operation, plan, reference, people)
        except (ValidationError, PermissionDenied):
            pass  # not possible in the action's state at that point: nothing happened
    return plan, people, header, rows, versions


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=OPERATIONS)
def test_reimporting_an_unchanged_export_changes_nothing(db, operations):
    with transaction.atomic():
        plan, people, header, rows, _ = _scenario(operations)
        before, history = state(plan), Action.history.count()

        result = reimport(plan, header, rows, actor=people["manager"])

        assert not result.errors, result.errors
        assert (result.created, result.updated, result.conflicts) == ([], [], [])
        assert state(plan) == before
        assert Action.history.count() == history
        transaction.set_rollback(True)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=OPERATIONS, edited=st.sets(st.sampled_from(REFERENCES), min_size=1))
def test_reimporting_edits_applies_exactly_those_that_do_not_conflict(db, operations, edited):
    with transaction.atomic():
        plan, people, header, rows, versions = _scenario(operations)
        before = state(plan)
        for row in rows:
            if row["reference"] in edited:
                row["title"] += " (revised)"

        result = reimport(plan, header, rows, actor=people["manager"])

        assert not result.errors, result.errors
        after = state(plan)
        for reference, fields in before.items():
            changed_in_product = fields["version"] != versions[reference]
            if reference in edited and not changed_in_product:
                assert after[reference]["title"] == fields["title"] + " (revised)"
                assert reference in result.updated
            else:
                assert after[reference] == fields
                assert reference not in result.updated
            if reference in edited and changed_in_product:
                assert reference in (
                    [entry.reference for entry in result.conflicts]
                    + [entry.reference for entry in result.kept]
                )
        transaction.set_rollback(True)


def test_the_preview_shows_conflicts_and_confirm_applies_only_the_ticked_ones(client, plan, people):
    header, rows = exported_rows(plan)
    for reference in ("1.1.2", "2.1.2"):
        services.action_change_status(
            action=action(plan, reference),
            actor=people["lead"],
            status=BRAG.RED,
            remedial_action="Partners absent.",
            reason="Attendance has fallen",
        )
    for row in rows:
        if row["reference"] in ("1.1.2", "2.1.2"):
            row.update(status="Amber", remedial_action="Attendance is patchy.")
    upload = io.BytesIO(csv_bytes(rows, header=header))
    upload.name = "rt-monday.csv"
    client.force_login(people["manager"])
    url = f"/areas/{plan.local_area.slug}/import/"

    preview = client.post(url, {"file": upload})

    page = preview.content.decode()
    assert "Changed in both the file and the product" in page
    assert "Liam Lewis" in page
    token = preview.context["token"]
    client.post(f"{url}confirm/", {"token": token, "overwrite": ["1.1.2"]})
    assert action(plan, "1.1.2").status == BRAG.AMBER
    assert action(plan, "2.1.2").status == BRAG.RED
