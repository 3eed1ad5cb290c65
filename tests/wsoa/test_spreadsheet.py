import pytest

from wsoa.lib.spreadsheet import safe_cell


@pytest.mark.parametrize("text", ["=1+1", "+44 20", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_cell_that_a_spreadsheet_would_run_as_a_formula_is_prefixed_with_a_quote(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Increase staffing", "1.1.1", "", "a=b"])
def test_ordinary_cell_is_unchanged(value):
    assert safe_cell(value) == value


def test_missing_value_is_an_empty_cell():
    assert safe_cell(None) == ""
