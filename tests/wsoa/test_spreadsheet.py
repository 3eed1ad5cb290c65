import pytest

from wsoa.lib.spreadsheet import safe_cell


@pytest.mark.parametrize("text", ["=1+1", "+44 20", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_cell_that_a_spreadsheet_would_run_as_a_formula_is_prefixed_with_a_quote(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Increase staffing", "1.1.1", "", "a=b"])
def test_ordinary_cell_is_unchanged(value):
    assert safe_cell(value) == value


@pytest.mark.parametrize("value", [None, 3, -3])
def test_value_that_is_not_text_is_left_alone(value):
    assert safe_cell(value) == value
