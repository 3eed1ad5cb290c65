"""Each rule of actions/rules.py, and its database form agreeing with its Python form."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from actions import rules, services
from actions.admin import ActionAdminForm
from actions.models import BRAG, Action
from actions.permissions import get_current_plan_or_404
from board.selectors.dashboard import ActionLine, expects_update, is_overdue
from tests.factories import ActionFactory, LocalAreaFactory, PlanFactory, ProgressUpdateFactory

TODAY = dt.date(2019, 2, 15)

# --- overdue --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "due_date", "overdue"),
    [
        (BRAG.RED, dt.date(2019, 2, 14), True),
        (BRAG.WHITE, dt.date(2019, 2, 14), True),
        (BRAG.GREEN, TODAY, False),
        (BRAG.AMBER, dt.date(2019, 2, 16), False),
        (BRAG.BLUE, dt.date(2019, 1, 1), False),
        (BRAG.RED, None, False),
    ],
)
def test_an_open_action_past_its_due_date_is_overdue(status, due_date, overdue):
    assert rules.is_overdue(status=status, due_date=due_date, today=TODAY) is overdue


def test_days_overdue_count_from_the_due_date():
    assert rules.days_overdue(due_date=dt.date(2019, 2, 1), today=TODAY) == 14
    assert rules.days_overdue(due_date=None, today=TODAY) is None


def test_an_as_at_line_counts_days_overdue_to_its_date():
    action = ActionFactory.build(due_date=dt.date(2019, 2, 1))
    assert ActionLine(action=action, lead="", theme="", as_at=TODAY).days_overdue == 14
    assert ActionLine(action=action, lead="", theme="").days_overdue is None


@pytest.mark.django_db
def test_the_overdue_queryset_the_model_and_the_as_at_rows_agree():
    cases = [
        ActionFactory(red=True, due_date=dt.date(2019, 2, 14)),
        ActionFactory(due_date=dt.date(2018, 12, 31), start_date=dt.date(2018, 7, 1)),
        ActionFactory(green=True, due_date=TODAY),
        ActionFactory(blue=True, due_date=dt.date(2019, 1, 1)),
        ActionFactory(amber=True, due_date=None),
    ]
    in_database = set(Action.objects.overdue(TODAY).values_list("pk", flat=True))
    assert in_database == {cases[0].pk, cases[1].pk}
    for action in cases:
        assert action.is_overdue(TODAY) is (action.pk in in_database)
        assert is_overdue(action, TODAY) is (action.pk in in_database)


# --- the monthly update ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "start_date", "expected"),
    [
        (BRAG.GREEN, None, True),
        (BRAG.WHITE, TODAY, True),
        (BRAG.RED, dt.date(2019, 2, 16), False),
        (BRAG.BLUE, dt.date(2018, 1, 1), False),
    ],
)
def test_open_started_actions_expect_an_update(status, start_date, expected):
    assert rules.expects_update(status=status, start_date=start_date, today=TODAY) is expected


@pytest.mark.parametrize(
    ("last_update", "owes"),
    [
        (None, True),
        (dt.date(2019, 1, 31), True),
        (dt.date(2019, 2, 1), False),
        (TODAY, False),
    ],
)
def test_an_action_owes_an_update_until_one_is_dated_this_month(last_update, owes):
    assert (
        rules.owes_update(status=BRAG.GREEN, start_date=None, last_update=last_update, today=TODAY)
        is owes
    )


def test_a_complete_action_owes_no_update():
    assert not rules.owes_update(status=BRAG.BLUE, start_date=None, last_update=None, today=TODAY)


@pytest.mark.django_db
def test_the_owing_update_queryset_and_the_as_at_rule_agree():
    start = dt.date(2018, 7, 1)
    never = ActionFactory(green=True, start_date=start)
    last_month = ActionFactory(green=True, start_date=start)
    ProgressUpdateFactory(action=last_month, date=dt.date(2019, 1, 31))
    this_month = ActionFactory(amber=True, start_date=start)
    ProgressUpdateFactory(action=this_month, date=dt.date(2019, 2, 1))
    after_today = ActionFactory(red=True, start_date=start)
    ProgressUpdateFactory(action=after_today, date=dt.date(2019, 2, 20))
    not_started = ActionFactory(start_date=dt.date(2019, 3, 1), due_date=dt.date(2019, 6, 1))
    complete = ActionFactory(blue=True, start_date=start)
    cases = [never, last_month, this_month, after_today, not_started, complete]

    owing = set(Action.objects.owing_update(TODAY).values_list("pk", flat=True))
    assert owing == {never.pk, last_month.pk, after_today.pk}
    expecting = set(Action.objects.expecting_update(TODAY).values_list("pk", flat=True))
    for action in cases:
        last = action.progress_updates.filter(date__lte=TODAY).order_by("-date").first()
        assert expects_update(action, TODAY) is (action.pk in expecting)
        assert rules.owes_update(
            status=action.status,
            start_date=action.start_date,
            last_update=last.date if last else None,
            today=TODAY,
        ) is (action.pk in owing)


# --- reading order --------------------------------------------------------------------------


def test_references_sort_in_reading_order():
    references = ["1.10", "1.2", "2.1.1", "1.2.10", "1.2.9", "1.2a", "1.2B"]
    assert sorted(references, key=rules.reference_key) == [
        "1.2",
        "1.2.9",
        "1.2.10",
        "1.2a",
        "1.2B",
        "1.10",
        "2.1.1",
    ]


# --- the reason for a status change ---------------------------------------------------------


@pytest.mark.parametrize(
    ("status_changed", "reason", "missing"),
    [(True, "", True), (True, "  ", True), (True, None, True), (True, "Slipping", False)],
)
def test_a_status_change_needs_a_reason(status_changed, reason, missing):
    assert rules.status_reason_missing(status_changed=status_changed, reason=reason) is missing


def test_an_unchanged_status_needs_no_reason():
    assert not rules.status_reason_missing(status_changed=False, reason="")


@pytest.mark.django_db
def test_the_model_the_service_and_the_admin_give_the_same_message(action, officer):
    action.status = BRAG.GREEN
    with pytest.raises(ValidationError) as from_model:
        action.save()
    action.refresh_from_db()
    with pytest.raises(ValidationError) as from_service:
        services.action_update(action=action, actor=officer, reason="", status=BRAG.GREEN)
    form = ActionAdminForm(
        data={**_admin_data(action), "status": BRAG.GREEN, "change_reason": ""},
        instance=action,
    )
    assert not form.is_valid()
    assert from_model.value.message_dict["status"] == [rules.STATUS_REASON_REQUIRED]
    assert from_service.value.message_dict["reason"] == [rules.STATUS_REASON_REQUIRED]
    assert form.errors["change_reason"] == [rules.STATUS_REASON_REQUIRED]


def _admin_data(action: Action) -> dict:
    data = {}
    for name in ActionAdminForm._meta.fields:
        value = getattr(action, f"{name}_id", None) or getattr(action, name, None)
        data[name] = "" if value is None else value
    return data


# --- the current plan -----------------------------------------------------------------------


@pytest.mark.django_db
def test_an_area_without_a_plan_has_no_current_plan_to_show():
    with pytest.raises(Http404, match="This local area has no plan yet."):
        get_current_plan_or_404(LocalAreaFactory())


@pytest.mark.django_db
def test_the_current_plan_is_the_areas_plan():
    plan = PlanFactory()
    assert get_current_plan_or_404(plan.local_area) == plan
