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
        from papers.selectors import newest_publication
        from progress.views import AREA_PAGE_FRESHNESS
        from ui import navigation

        # The public area page lists the published reports: a new one makes it fresh.
        if newest_publication not in AREA_PAGE_FRESHNESS:
            AREA_PAGE_FRESHNESS.append(newest_publication)

        navigation.register(
            "Board papers", "board_papers", allowed=permissions.can_view_dashboard, order=37
        )
