"""URLs of Manage the plan and of the inspection, plan and workstream pages, included under
areas/<slug:area_slug>/. Every name here needs a row in the permission matrix of
tests/planning/test_permission_matrix.py, or the suite fails."""

from django.urls import path

from planning import views

urlpatterns = [
    path("inspection/", views.inspection, name="inspection"),
    path("plan/", views.plan_page, name="plan"),
    path("plan/workstreams/<int:number>/", views.workstream, name="workstream"),
    path("manage/", views.manage_plan, name="manage_plan"),
    path("manage/inspection/", views.inspection_edit, name="inspection_edit"),
    path("manage/oversight/", views.oversight_edit, name="oversight_edit"),
    path("manage/revisits/add/", views.revisit_add, name="revisit_add"),
    path("manage/findings/add/", views.finding_add, name="finding_add"),
    path("manage/findings/<int:number>/", views.finding_edit, name="finding_edit"),
    path(
        "manage/findings/<int:number>/judgement/",
        views.finding_judgement,
        name="finding_judgement",
    ),
    path(
        "manage/findings/<int:finding>/commitments/add/",
        views.commitment_add,
        name="commitment_add",
    ),
    path(
        "manage/findings/<int:finding>/commitments/<int:number>/",
        views.commitment_edit,
        name="commitment_edit",
    ),
    path("manage/plan/", views.plan_edit, name="plan_edit"),
    path("manage/objectives/add/", views.key_objective_add, name="key_objective_add"),
    path("manage/objectives/<int:number>/", views.key_objective_edit, name="key_objective_edit"),
    path("manage/priorities/add/", views.priority_add, name="priority_add"),
    path("manage/priorities/<int:number>/", views.priority_edit, name="priority_edit"),
    path("manage/workstreams/add/", views.workstream_add, name="workstream_add"),
    path("manage/workstreams/<int:number>/", views.workstream_edit, name="workstream_edit"),
    path(
        "manage/workstreams/<int:number>/members/add/",
        views.workstream_member_add,
        name="workstream_member_add",
    ),
    path(
        "manage/workstreams/<int:number>/members/<int:member_id>/",
        views.workstream_member_edit,
        name="workstream_member_edit",
    ),
    path("manage/actions/add/", views.action_add, name="action_add"),
    path("manage/actions/<str:reference>/", views.action_edit, name="action_edit"),
    path(
        "manage/actions/<str:reference>/due-date/",
        views.action_rebaseline,
        name="action_rebaseline",
    ),
    path(
        "manage/actions/<str:reference>/withdraw/",
        views.action_withdraw,
        name="action_withdraw",
    ),
    path("manage/visits/add/", views.monitoring_visit_add, name="monitoring_visit_add"),
    path(
        "manage/visits/<int:visit_id>/", views.monitoring_visit_edit, name="monitoring_visit_edit"
    ),
    path("manage/meetings/add/", views.board_meeting_add, name="board_meeting_add"),
    path(
        "manage/meetings/<int:meeting_id>/",
        views.board_meeting_edit,
        name="board_meeting_edit",
    ),
]
