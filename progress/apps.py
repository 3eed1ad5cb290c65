from django.apps import AppConfig


class ProgressConfig(AppConfig):
    """The public progress pages for families, and the screen that chooses what they show."""

    name = "progress"
    verbose_name = "Public progress pages"

    def ready(self) -> None:
        from django.db.models.signals import post_save
        from simple_history.signals import post_create_historical_record

        from actions import permissions
        from actions.models import ProgressUpdate
        from ui import navigation

        # Every history row (of any model) and progress update moves the freshness stamps on:
        # the public pages ask `area_last_change` afresh after the write commits.
        post_create_historical_record.connect(
            _content_changed, dispatch_uid="progress.content_changed.history"
        )
        post_save.connect(
            _content_changed, sender=ProgressUpdate, dispatch_uid="progress.content_changed.update"
        )

        # After the action screens' sections (actions/navigation.py).
        navigation.register(
            "Publishing",
            "progress:publishing",
            allowed=permissions.can_manage_plan,
            order=50,
        )


def _content_changed(sender, **kwargs) -> None:
    from wsoa.lib.page_cache import content_changed

    content_changed()
