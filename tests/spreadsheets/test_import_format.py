import datetime as dt

import pytest

from actions.models import BRAG
from spreadsheets.cells import (
    CellError,
    parse_commitment,
    parse_date,
    parse_numbered,
    parse_published,
    parse_status,
    text,
)
from spreadsheets.writer import safe_cell


@pytest.mark.parametrize(
    "cell,status",
    [
        ("Green", BRAG.GREEN),
        ("amber", BRAG.AMBER),
        ("BLUE", BRAG.BLUE),
        (" red ", BRAG.RED),
        ("White", BRAG.WHITE),
        ("Complete", BRAG.BLUE),
        ("completed", BRAG.BLUE),
        ("On track", BRAG.GREEN),
        ("on-track", BRAG.GREEN),
        ("Not started", BRAG.WHITE),
        ("", BRAG.WHITE),
        (None, BRAG.WHITE),
    ],
)
def test_status_accepts_brag_words_in_any_case_and_common_variants(cell, status):
    assert parse_status(cell) == status


def test_an_unknown_status_says_which_words_are_understood():
    with pytest.raises(CellError) as error:
        parse_status("Purple")
    assert str(error.value) == (
        '"Purple" is not a BRAG status; use Blue, Red, Amber, Green or White '
        "(Complete, Completed, On track and Not started are also understood)."
    )


@pytest.mark.parametrize(
    "cell",
    [
        "2019-03-31",
        "31/03/2019",
        "2019-03-31 00:00:00",
        dt.date(2019, 3, 31),
        dt.datetime(2019, 3, 31, 0, 0),  # noqa: DTZ001 - a real Excel date, as openpyxl reads it
        43555,  # an Excel date in a cell formatted as a number
    ],
)
def test_dates_accept_iso_british_and_excel_dates(cell):
    assert parse_date(cell) == dt.date(2019, 3, 31)


def test_single_digit_day_and_month_are_accepted():
    assert parse_date("1/4/2019") == dt.date(2019, 4, 1)


def test_a_blank_date_is_no_date():
    assert parse_date("") is None
    assert parse_date(None) is None


def test_an_impossible_date_is_refused():
    with pytest.raises(CellError, match=r"^31/02/2019 is not a real date\.$"):
        parse_date("31/02/2019")


def test_text_that_is_not_a_date_says_which_formats_work():
    with pytest.raises(CellError) as error:
        parse_date("next March")
    assert str(error.value) == '"next March" is not a date; use YYYY-MM-DD or DD/MM/YYYY.'


@pytest.mark.parametrize(
    "cell,published",
    [
        ("yes", True),
        ("Yes", True),
        ("TRUE", True),
        ("1", True),
        (1, True),
        (True, True),
        ("no", False),
        ("false", False),
        ("0", False),
        ("", False),
        (None, False),
        (False, False),
    ],
)
def test_published_accepts_yes_no_true_false_one_zero_and_blank(cell, published):
    assert parse_published(cell) is published


def test_published_refuses_anything_else():
    with pytest.raises(CellError) as error:
        parse_published("maybe")
    assert str(error.value) == (
        '"maybe" is not yes or no; use yes, no, true, false, 1, 0 or leave it blank.'
    )


@pytest.mark.parametrize(
    "cell,expected",
    [
        ("1", (1, "")),
        (1, (1, "")),
        (2.0, (2, "")),
        ("1 - Communication and joint working", (1, "Communication and joint working")),
        ("1. Joint working", (1, "Joint working")),
        ("WS2 EHC Planning", (2, "EHC Planning")),
        ("Workstream 3: Local Offer", (3, "Local Offer")),
        ("", None),
    ],
)
def test_weaknesses_and_workstreams_are_a_number_with_an_optional_name(cell, expected):
    assert parse_numbered(cell, what="a workstream", example="2 - EHC Planning") == expected


def test_a_name_without_a_number_is_refused():
    with pytest.raises(CellError) as error:
        parse_numbered("EHC Planning", what="a workstream", example="2 - EHC Planning")
    assert str(error.value) == (
        '"EHC Planning" does not start with the number of a workstream; '
        'write e.g. 1 or "2 - EHC Planning".'
    )


@pytest.mark.parametrize(
    "cell,expected",
    [
        ("2", (None, 2, "")),
        ("1.2", (1, 2, "")),
        (1.2, (1, 2, "")),
        ("2 - We will improve our Local Offer", (None, 2, "We will improve our Local Offer")),
        ("3.1 - We will improve SIASS.", (3, 1, "We will improve SIASS.")),
        ("We will improve SIASS.", (None, None, "We will improve SIASS.")),
        ("", None),
    ],
)
def test_a_commitment_is_its_number_within_the_weakness_with_optional_text(cell, expected):
    assert parse_commitment(cell) == expected


@pytest.mark.parametrize(
    "value", ["=SUM(A1:A2)", "+44 20 8770 5000", "-0.6 FTE", "@Schools", "'=already quoted"]
)
def test_formula_like_text_is_neutralised_on_export_and_restored_on_import(value):
    written = safe_cell(value)
    assert written.startswith("'")
    assert text(written) == value


def test_ordinary_text_is_written_as_it_is():
    assert safe_cell("Increase the SIASS staffing") == "Increase the SIASS staffing"
    assert text("'quoted speech'") == "'quoted speech'"
