from django.apps import AppConfig


class PapersConfig(AppConfig):
    """Board papers: the month's figures locked as they stood, approved, published.

    Stands above `board` (whose figures it freezes) and `progress` (whose public pages list
    the published reports).
    """

    name = "papers"
    verbose_name = "Board papers"

    def ready(self) -> None:
        from actions import permissions
        from ui import navigation

        navigation.register(
            "Board papers", "board_papers", allowed=permissions.can_view_dashboard, order=35
        )
