from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from ui.navigation import area_links, navigation_for


def navigation(request: HttpRequest) -> dict:
    """`service_navigation`: the sections the signed-in person may open; `area_links`: the
    areas they may switch between.

    Lazy, so a page that does not show the navigation costs no query.
    """
    return {
        "service_navigation": SimpleLazyObject(lambda: navigation_for(request)),
        "area_links": SimpleLazyObject(lambda: area_links(request)),
    }
