"""URLs of the Board pages and exports. Every name here needs a row in the permission matrix
of tests/actions/test_permission_matrix.py, or the suite fails."""

from django.urls import path

from board import views

# Included under areas/<slug:area_slug>/.
urlpatterns = [
    path("", views.board_dashboard, name="dashboard"),
    path("workstreams/<int:number>/", views.workstream_dashboard, name="workstream_dashboard"),
    path("report/", views.board_report, name="board_report"),
    path("report.pdf", views.board_report_pdf, name="board_report_pdf"),
    path("summary.csv", views.summary_export, {"export_format": "csv"}, name="summary_csv"),
    path("summary.xlsx", views.summary_export, {"export_format": "xlsx"}, name="summary_xlsx"),
    path("actions.csv", views.actions_download, {"export_format": "csv"}, name="actions_csv"),
    path("actions.xlsx", views.actions_download, {"export_format": "xlsx"}, name="actions_xlsx"),
]
