"""What the dashboards and public pages read of measures: values as at a date, ratings, and
nothing internal on the public side."""

import dataclasses
import datetime as dt
from decimal import Decimal as D

from django.utils import timezone

from actions.models import BRAG
from measures import selectors, services
from measures.ratings import Rating


def record(measure, actor, day, value, note="", reason="Quarterly return", at=None):
    return services.measure_value_record(
        measure=measure,
        actor=actor,
        period_end=day,
        value=D(value),
        note=note,
        reason=reason,
        at=at,
    )


def moment(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


def test_the_latest_value_as_at_a_date_ignores_later_periods(measure, owner):
    services.milestone_set(
        measure=measure, actor=None, date=dt.date(2025, 3, 31), value=D("12"), reason="Plan"
    )
    record(measure, owner, dt.date(2024, 12, 31), "14.2", at=moment(dt.date(2025, 1, 20)))
    record(measure, owner, dt.date(2025, 6, 30), "7.9", at=moment(dt.date(2025, 7, 20)))
    finding = measure.findings.get()

    [before] = selectors.finding_measures(finding=finding, as_at=dt.date(2025, 1, 31))
    assert before.latest.value == D("14.2")
    assert before.rating == Rating.OFF_TRACK
    assert before.result.reason == "14.2% against a milestone of 12% by March 2025"

    [after] = selectors.finding_measures(finding=finding, as_at=timezone.localdate())
    assert after.latest.value == D("7.9")
    assert after.rating == Rating.ON_TRACK
    assert after.result.reason == "7.9% against the target of 8% by March 2026"


def test_a_value_recorded_late_counts_from_the_day_it_was_recorded(measure, owner):
    record(measure, owner, dt.date(2024, 12, 31), "14.2", at=moment(dt.date(2025, 2, 20)))
    plan = measure.plan
    [early] = selectors.plan_measures(plan=plan, as_at=dt.date(2025, 1, 31))
    [late] = selectors.plan_measures(plan=plan, as_at=dt.date(2025, 2, 28))
    assert (early.latest, late.latest.value) == (None, D("14.2"))


def test_a_value_recorded_after_the_as_at_day_is_not_shown_then(measure, owner):
    record(measure, owner, dt.date(2024, 12, 31), "14.2")
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    [status] = selectors.plan_measures(plan=measure.plan, as_at=yesterday)
    assert status.values == []
    assert status.rating == Rating.NO_DATA


def test_a_corrected_value_shows_the_correction_and_the_history_keeps_both(measure, owner):
    record(measure, owner, dt.date(2024, 12, 31), "14.2")
    record(measure, owner, dt.date(2024, 12, 31), "13.9", reason="Late returns counted")
    [status] = selectors.plan_measures(plan=measure.plan, as_at=timezone.localdate())
    assert [p.value for p in status.values] == [D("13.9")]
    value = measure.values.get()
    assert [h.value for h in value.history.order_by("history_id")] == [D("14.2"), D("13.9")]
    assert value.history.latest().history_change_reason == "Late returns counted"
    assert value.history.latest().history_user == owner


def test_the_internal_view_has_owners_and_notes(measure, owner):
    record(measure, owner, dt.date(2024, 12, 31), "14.2", note="Two schools late")
    [status] = selectors.plan_measures(plan=measure.plan, as_at=timezone.localdate())
    assert status.owners == [owner.get_full_name()]
    assert status.notes.startswith("Data from the inclusion team")
    assert status.values[0].note == "Two schools late"


def test_the_public_view_has_published_measures_only_and_no_notes_or_owners(
    measure, owner, manager
):
    record(measure, owner, dt.date(2024, 12, 31), "14.2", note="Two schools late")
    services.measure_create(
        plan=measure.plan,
        actor=manager,
        name="Not yet agreed",
        direction="higher",
        findings=[measure.findings.get()],
        reason="Draft",
    )
    [public] = selectors.public_measures(plan=measure.plan)
    assert public.name == measure.name
    names = {f.name for f in dataclasses.fields(public)}
    assert not names & {"notes", "owners", "measure"}
    assert all(not hasattr(point, "note") for point in public.values)


def test_an_unpublished_plan_publishes_no_measures(measure):
    plan = measure.plan
    plan.is_published = False
    assert selectors.public_measures(plan=plan) == []


def test_a_withdrawn_measure_leaves_the_dashboards_from_its_withdrawal(measure, manager):
    services.measure_withdraw(
        measure=measure, actor=manager, reason="Replaced", on=dt.date(2025, 1, 1)
    )
    assert selectors.plan_measures(plan=measure.plan, as_at=dt.date(2024, 12, 31))
    assert selectors.plan_measures(plan=measure.plan, as_at=dt.date(2025, 1, 1)) == []


def test_good_delivery_with_poor_impact_is_flagged(measure, owner):
    services.milestone_set(
        measure=measure, actor=None, date=dt.date(2025, 3, 31), value=D("12"), reason="Plan"
    )
    record(measure, owner, dt.date(2024, 12, 31), "14.2")
    plan = measure.plan
    one, two = plan.weaknesses()
    delivery = {one.pk: {BRAG.BLUE: 3, BRAG.GREEN: 1, BRAG.RED: 1}, two.pk: {BRAG.RED: 2}}
    rows = selectors.delivery_against_impact(
        plan=plan, as_at=timezone.localdate(), delivery=delivery
    )
    first, second = rows
    assert (first.delivery_percent, first.off_track, first.flagged) == (80, 1, True)
    assert (second.delivery_percent, second.measures, second.flagged) == (0, [], False)


def test_the_selectors_issue_a_fixed_number_of_queries(
    measure, owner, django_assert_max_num_queries
):
    for month in range(1, 13):
        record(measure, owner, dt.date(2024, month, 28), str(10 + month))
    with django_assert_max_num_queries(5):
        selectors.plan_measures(plan=measure.plan, as_at=timezone.localdate())
