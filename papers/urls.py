"""URLs of the Board papers (under areas/<area>/papers/) and the public monthly reports.
Every name here needs a row in the permission matrix (tests/papers/matrix.py)."""

from django.urls import path

from papers import views

PAPER = "areas/<slug:area_slug>/papers/<int:number>/"

urlpatterns = [
    path("areas/<slug:area_slug>/papers/", views.paper_list, name="board_papers"),
    path(PAPER, views.paper_detail, name="board_paper"),
    path(PAPER + "approve/", views.paper_approve, name="board_paper_approve"),
    path(PAPER + "minutes/", views.paper_minutes, name="board_paper_minutes"),
    path(PAPER + "publish/", views.paper_publish, name="board_paper_publish"),
    path(PAPER + "compare/", views.paper_compare, name="board_paper_compare"),
    path(PAPER + "paper.pdf", views.paper_pdf, name="board_paper_pdf"),
    path(
        PAPER + "actions.csv",
        views.paper_export,
        {"export_format": "csv"},
        name="board_paper_csv",
    ),
    path(
        PAPER + "actions.xlsx",
        views.paper_export,
        {"export_format": "xlsx"},
        name="board_paper_xlsx",
    ),
    path(
        "progress/<slug:area_slug>/reports/<int:number>/",
        views.public_report,
        name="progress_report",
    ),
]
