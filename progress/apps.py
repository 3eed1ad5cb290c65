from django.apps import AppConfig


class ProgressConfig(AppConfig):
    """The public progress pages for families, and the screen that chooses what they show."""

    name = "progress"
    verbose_name = "Public progress pages"

    def ready(self) -> None:
        from actions import permissions
        from ui import navigation

        # After the action screens' sections (actions/navigation.py).
        navigation.register(
            "Publishing",
            "progress:publishing",
            allowed=permissions.can_manage_plan,
            order=50,
        )
