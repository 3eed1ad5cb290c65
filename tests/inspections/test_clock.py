import datetime as dt

import pytest

from inspections.clock import add_working_days, is_working_day, working_days_between
from tests.factories import InspectionFactory


def test_sutton_wsoa_was_due_70_working_days_after_the_letter():
    inspection = InspectionFactory.build(
        end_date=dt.date(2018, 1, 26), letter_published_date=dt.date(2018, 3, 23)
    )
    assert inspection.wsoa_due_date == dt.date(2018, 7, 5)


def test_sutton_letter_was_due_33_working_days_after_the_inspection_ended():
    inspection = InspectionFactory.build(end_date=dt.date(2018, 1, 26))
    assert inspection.letter_due_date == dt.date(2018, 3, 14)


def test_report_received_date_wins_over_letter_published_date():
    inspection = InspectionFactory.build(
        report_received_date=dt.date(2018, 3, 20), letter_published_date=dt.date(2018, 3, 23)
    )
    assert inspection.wsoa_due_date == add_working_days(dt.date(2018, 3, 20), 70)


def test_no_wsoa_due_date_before_the_report_arrives():
    inspection = InspectionFactory.build(report_received_date=None, letter_published_date=None)
    assert inspection.wsoa_due_date is None


def test_easter_good_friday_and_monday_are_skipped():
    # Thursday 29 March 2018; Good Friday 30 March, Easter Monday 2 April.
    assert add_working_days(dt.date(2018, 3, 29), 1) == dt.date(2018, 4, 3)


def test_christmas_and_boxing_day_are_skipped():
    # Friday 21 December 2018 + 3 working days: Mon 24, (25, 26 off), Thu 27, Fri 28.
    assert add_working_days(dt.date(2018, 12, 21), 3) == dt.date(2018, 12, 28)


def test_span_across_christmas_and_new_year_counts_only_working_days():
    assert working_days_between(dt.date(2018, 12, 21), dt.date(2019, 1, 2)) == 5


def test_weekends_and_england_bank_holidays_are_not_working_days():
    assert not is_working_day(dt.date(2018, 5, 7))  # Early May bank holiday
    assert not is_working_day(dt.date(2018, 7, 7))  # Saturday
    assert is_working_day(dt.date(2018, 7, 12))  # 12 July is a holiday in Northern Ireland only


def test_start_day_itself_never_counts():
    assert add_working_days(dt.date(2018, 7, 2), 0) == dt.date(2018, 7, 2)
    assert add_working_days(dt.date(2018, 7, 2), 1) == dt.date(2018, 7, 3)


def test_negative_working_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(dt.date(2018, 7, 2), -1)
