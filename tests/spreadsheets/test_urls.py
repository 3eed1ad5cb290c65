import spreadsheets.urls
from tests.actions.test_permission_matrix import MATRIX


def test_every_spreadsheet_url_has_rows_in_the_permission_matrix():
    names = {pattern.name for pattern in spreadsheets.urls.urlpatterns}
    assert names == {
        "plan_import",
        "plan_import_confirm",
        "plan_export_csv",
        "plan_export_xlsx",
        "measures_import",
        "measures_import_confirm",
        "measures_export_csv",
        "measures_export_xlsx",
    }
    assert not names - set(MATRIX)
