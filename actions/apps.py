from django.apps import AppConfig
from django.core import checks


class ActionsConfig(AppConfig):
    name = "actions"
    verbose_name = "Action plans"

    def ready(self) -> None:
        from simple_history.signals import post_create_historical_record

        from actions import navigation, snapshot
        from actions.models import Action
        from wsoa.lib.audit import check_audit_trail_guarded

        navigation.register()
        # The month-end snapshot moves with every history row an action is saved with.
        post_create_historical_record.connect(
            snapshot.record_history_row,
            sender=Action.history.model,
            dispatch_uid="actions.snapshot",
        )
        checks.register(check_audit_trail_guarded, checks.Tags.database)
