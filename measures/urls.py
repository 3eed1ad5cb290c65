"""URLs of the measure screens, included under areas/<slug:area_slug>/. Every name here needs
a row in the permission matrix of tests/planning/test_permission_matrix.py, or the suite
fails."""

from django.urls import path

from measures import views

urlpatterns = [
    path("measures/", views.measure_list, name="measure_list"),
    path("measures/add/", views.measure_add, name="measure_add"),
    path("measures/<int:number>/", views.measure_detail, name="measure_detail"),
    path("measures/<int:number>/change/", views.measure_edit, name="measure_edit"),
    path("measures/<int:number>/milestones/", views.milestone_add, name="milestone_add"),
    path("measures/<int:number>/values/", views.value_record, name="value_record"),
    path("measures/<int:number>/withdraw/", views.measure_withdraw, name="measure_withdraw"),
]
