from django.apps import AppConfig
from django.core import checks


class ActionsConfig(AppConfig):
    name = "actions"
    verbose_name = "Action plans"

    def ready(self) -> None:
        from wsoa.lib.audit import check_audit_trail_guarded

        checks.register(check_audit_trail_guarded, checks.Tags.database)
