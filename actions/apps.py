from django.apps import AppConfig
from django.core import checks


class ActionsConfig(AppConfig):
    name = "actions"
    verbose_name = "Action plans"

    def ready(self) -> None:
        from actions import navigation
        from wsoa.lib.audit import check_audit_trail_guarded

        navigation.register()
        checks.register(check_audit_trail_guarded, checks.Tags.database)
