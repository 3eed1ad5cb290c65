from django.apps import AppConfig


class PlanningConfig(AppConfig):
    """Screens where the programme manager runs the plan: the inspection and its findings,
    the plan, its commitments, workstreams, actions, monitoring visits and Board meetings."""

    name = "planning"
