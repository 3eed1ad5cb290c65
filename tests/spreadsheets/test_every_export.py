"""Every CSV and Excel download of the site survives text pasted from Word."""

import csv
import io

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from openpyxl import load_workbook

from actions.models import Membership
from measures.services import measure_create
from tests.factories import ActionFactory, LocalAreaFactory, MembershipFactory, PlanFactory

# Word puts a vertical tab where a line was broken with Shift+Enter.
PASTED = "Agree the protocol\x0bwith headteachers"
CLEANED = "Agree the protocolwith headteachers"

# url name -> whether it needs a signed-in member (the public CSV does not)
DOWNLOADS = {
    "actions_csv": True,
    "actions_xlsx": True,
    "summary_csv": True,
    "summary_xlsx": True,
    "plan_export_csv": True,
    "plan_export_xlsx": True,
    "progress:actions_csv": False,
    "measures_export_csv": True,
    "measures_export_xlsx": True,
}


@pytest.fixture
def area(db):
    area = LocalAreaFactory(name="Sutton", slug="sutton")
    plan = PlanFactory(local_area=area, is_published=True)
    ActionFactory(
        plan=plan,
        reference="1.1.1",
        title=PASTED,
        remedial_action="Pasted\x0cfrom an e-mail",
        published=True,
        public_summary=f"We will {PASTED.lower()}.",
    )
    measure_create(
        plan=plan,
        actor=None,
        name=PASTED,
        direction="higher",
        findings=[plan.weaknesses().first()],
        reason="New",
    )
    return area


@pytest.fixture
def board_member(area):
    return MembershipFactory(local_area=area, role=Membership.Role.BOARD_MEMBER).user


def rows_of(name: str, content: bytes) -> list[list]:
    if name.endswith("xlsx"):
        sheet = load_workbook(io.BytesIO(content)).worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("name", DOWNLOADS)
def test_an_action_pasted_from_word_downloads_from_every_export(client, board_member, name):
    if DOWNLOADS[name]:
        client.force_login(board_member)
    response = client.get(reverse(name, kwargs={"area_slug": "sutton"}))
    assert response.status_code == 200
    cells = [value for row in rows_of(name, response.content) for value in row]
    assert not any(
        isinstance(value, str) and ("\x0b" in value or "\x0c" in value) for value in cells
    )
    if not name.startswith("summary"):
        assert CLEANED in cells


def test_every_download_of_the_site_is_covered():
    """A new CSV or Excel URL needs a row in DOWNLOADS."""
    names = {
        name for name in _url_names(get_resolver().url_patterns) if name.endswith(("_csv", "_xlsx"))
    }
    assert names == set(DOWNLOADS)


def _url_names(patterns, namespace: str = "") -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(namespace + pattern.name)
    return names
