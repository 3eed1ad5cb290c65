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
        from papers.selectors import published_decisions_of_plan
        from progress.selectors import register_public_content
        from ui import navigation

        # The public area page lists the published reports: a new one makes it fresh.
        register_public_content("monthly_reports", published_decisions_of_plan, "at")

        navigation.register(
            "Board papers", "board_papers", allowed=permissions.can_view_dashboard, order=37
        )
