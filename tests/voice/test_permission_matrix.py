"""Who may open and post each screen of the families' voice and the revisit readiness page.

Every URL of voice/urls.py has a row per person here; a new URL without rows fails
`test_every_voice_url_has_rows_in_the_matrix`.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

import voice.urls
from tests.actions.test_permission_matrix import CAST_MEMBER, PEOPLE
from voice.models import EasyReadSummary, ForumView, YouSaidWeDid, quarter_start

# Every member reads these, the forum's member too; nobody posts to them.
READ = {
    "anonymous": (302, 302),
    "officer_own_action": (200, 405),
    "officer_other_action": (200, 405),
    "lead_own_workstream": (200, 405),
    "lead_other_workstream": (200, 405),
    "board_member": (200, 405),
    "programme_manager": (200, 405),
    "other_area_user": (404, 405),
    "forum_member": (200, 405),
}
# The programme manager's: "You said, we did" entries and easy-read summaries. A valid POST
# saves and goes back (302).
MANAGE = {
    "anonymous": (302, 302),
    "officer_own_action": (403, 403),
    "officer_other_action": (403, 403),
    "lead_own_workstream": (403, 403),
    "lead_other_workstream": (403, 403),
    "board_member": (403, 403),
    "programme_manager": (200, 302),
    "other_area_user": (404, 404),
    "forum_member": (403, 403),
}
# The forum's own view: only the forum's member writes it; the programme manager cannot.
FORUM = {
    **MANAGE,
    "programme_manager": (403, 403),
    "forum_member": (200, 302),
}

MATRIX = {
    "forum_views": READ,
    "forum_view_record": FORUM,
    "you_said_we_did": READ,
    "you_said_we_did_add": MANAGE,
    "you_said_we_did_edit": MANAGE,
    "you_said_we_did_withdraw": MANAGE,
    "finding_readiness": READ,
    "easy_read_edit": MANAGE,
}

CELLS = [
    (name, person, method)
    for name, row in MATRIX.items()
    for person in row
    for method in ("GET", "POST")
]

ENTRY = {
    "you_said": "The Local Offer website is hard to search",
    "we_did": "We rebuilt the search with parents",
    "evidence": "",
    "date_day": "1",
    "date_month": "3",
    "date_year": "2024",
    "finding": "",
    "reason": "From the forum's March meeting",
}


def _url_and_data(name, cast):
    area = {"area_slug": "sutton"}
    finding = cast.action.weakness
    if name in ("you_said_we_did_edit", "you_said_we_did_withdraw"):
        entry = YouSaidWeDid.objects.create(
            local_area=cast.area, date=dt.date(2024, 1, 1), you_said="Said", we_did="Did"
        )
        data = ENTRY if name == "you_said_we_did_edit" else {"reason": "Duplicate"}
        return reverse(name, kwargs=area | {"entry_id": entry.pk}), data
    if name in ("finding_readiness", "easy_read_edit"):
        data = {"text": "Easy words.", "published": "on", "reason": "For the public page"}
        return reverse(name, kwargs=area | {"number": finding.number}), data
    if name == "forum_view_record":
        return reverse(name, kwargs=area), {
            "finding": str(finding.number),
            "quarter": quarter_start(timezone.localdate()).isoformat(),
            "rating": "some_change",
            "words": "Some parents see quicker plans.",
            "reason": "Forum meeting of March",
        }
    if name == "you_said_we_did_add":
        return reverse(name, kwargs=area), ENTRY
    return reverse(name, kwargs=area), {}


def _written() -> tuple[int, ...]:
    return (
        ForumView.history.count(),
        YouSaidWeDid.history.count(),
        EasyReadSummary.history.count(),
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "person", "method"), CELLS)
def test_permission_matrix(client, cast, name, person, method):
    url, data = _url_and_data(name, cast)
    if CAST_MEMBER[person]:
        client.force_login(getattr(cast, CAST_MEMBER[person]))
    before = _written()
    response = client.get(url) if method == "GET" else client.post(url, data)
    expected_get, expected_post = MATRIX[name][person]
    expected = expected_get if method == "GET" else expected_post
    assert response.status_code == expected, f"{method} {name} as {person}"
    if person == "anonymous":
        assert response.url.startswith(reverse("login"))
    if method == "POST" and expected != 302:
        assert _written() == before, "a refused POST wrote something"


def test_every_voice_url_has_rows_in_the_matrix():
    names = {pattern.name for pattern in voice.urls.urlpatterns}
    missing = sorted(names - set(MATRIX))
    assert not missing, f"URL names without rows in the permission matrix: {missing}"


def test_every_matrix_row_covers_every_person():
    for name, row in MATRIX.items():
        assert set(row) == set(PEOPLE), name
