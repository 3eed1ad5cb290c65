import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.board.board_plans import hand_built_plan, people


@pytest.fixture
def built(db):
    return hand_built_plan()


def run(*args) -> str:
    out = io.StringIO()
    call_command("brag_summary", *args, stdout=out)
    return out.getvalue()


def test_the_command_prints_the_board_table_as_csv(built):
    slug = built.plan.local_area.slug
    assert run("--area", slug, "--as-at", "2018-09-30").splitlines() == [
        "theme,green,amber,red,blue,white,total",
        "1,0,1,1,0,1,3",
        "2,0,0,0,1,2,3",
        "3,0,0,0,0,0,0",
        "Total,0,1,1,1,3,6",
    ]


@pytest.mark.parametrize("as_at", ["2018-08-31", "2018-10-31", None])
def test_the_command_prints_exactly_what_the_dashboard_download_gives(client, built, as_at):
    slug = built.plan.local_area.slug
    client.force_login(people(built.plan.local_area)["board"])
    params = {"as_at": as_at} if as_at else {}
    download = client.get(reverse("summary_csv", kwargs={"area_slug": slug}), params)
    args = ["--area", slug] + (["--as-at", as_at] if as_at else [])
    assert run(*args) == download.content.decode("utf-8-sig")


def test_an_unknown_area_is_an_error(built):
    with pytest.raises(CommandError, match="No local area with the slug 'atlantis'"):
        run("--area", "atlantis")


@pytest.mark.parametrize("bad", ["2018-02-30", "30/09/2018"])
def test_a_bad_date_is_an_error(built, bad):
    with pytest.raises(CommandError, match="is not a date; use YYYY-MM-DD"):
        run("--area", built.plan.local_area.slug, "--as-at", bad)
