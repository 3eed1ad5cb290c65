"""Nothing a person can type into an address or a form gives a server error."""

import datetime as dt

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.board.board_plans import hand_built_plan, people

BOARD_PAGES = [
    ("dashboard", {}),
    ("workstream_dashboard", {"number": 1}),
    ("board_report", {}),
    ("summary_csv", {}),
    ("actions_xlsx", {}),
]

OUT_OF_RANGE = ["0001-01-01", "9999-12-31", "10000-01-01"]


@pytest.fixture
def built(db):
    return hand_built_plan()


@pytest.fixture
def cast(built):
    return people(built.plan.local_area, built.workstreams[0])


def url(built, name="dashboard", **kwargs):
    return reverse(name, kwargs={"area_slug": built.plan.local_area.slug, **kwargs})


@pytest.mark.parametrize("name, kwargs", BOARD_PAGES)
@pytest.mark.parametrize("day", OUT_OF_RANGE)
@pytest.mark.parametrize("parameter", ["as_at", "since"])
def test_a_date_out_of_range_is_a_bad_request_not_an_error(
    client, built, cast, name, kwargs, day, parameter
):
    client.force_login(cast["board"])
    response = client.get(url(built, name, **kwargs), {parameter: day})
    assert response.status_code in (200, 400)


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31"])
def test_a_date_too_long_ago_gets_the_message_beside_the_date_picker(client, built, cast, day):
    client.force_login(cast["board"])
    response = client.get(url(built), {"as_at": day})
    assert response.status_code == 400
    assert "There is a problem" in response.text
    assert "Enter a date from 1 January 2000 onwards" in response.text
    assert 'id="id_as_at-error"' in response.text


def test_a_comparison_date_too_long_ago_gets_its_message(client, built, cast):
    client.force_login(cast["board"])
    response = client.get(url(built), {"as_at": "2018-09-30", "since": "0001-01-01"})
    assert response.status_code == 400
    assert "Enter a date from 1 January 2000 onwards" in response.text


def test_the_last_day_of_the_calendar_is_a_future_date(client, built, cast):
    client.force_login(cast["board"])
    response = client.get(url(built), {"as_at": "9999-12-31"})
    assert response.status_code == 400
    assert "The date must be today or in the past" in response.text


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    as_at=st.one_of(st.text(max_size=30), st.dates().map(dt.date.isoformat)),
    since=st.one_of(st.none(), st.text(max_size=30), st.dates().map(dt.date.isoformat)),
)
def test_no_as_at_or_since_value_gives_a_server_error(client, built, cast, as_at, since):
    client.force_login(cast["board"])
    query = {"as_at": as_at} if since is None else {"as_at": as_at, "since": since}
    response = client.get(url(built), query)
    assert response.status_code in (200, 400)


# --- control characters ------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/areas/sutton/actions/1%00/",
        "/areas/sutton/actions/1%00/update/",
        "/areas/sut%00ton/actions/",
        "/areas/sutton/actions/%1b[31m/",
        "/progress/sutton/actions/1%00/",
        "/my-actions/?status=%00",
        "/my-actions/?q=a%00b",
        "/accounts/login/?next=/%00",
    ],
)
def test_a_control_character_in_the_address_is_a_bad_request(client, built, cast, path):
    client.force_login(cast["manager"])
    response = client.get(path)
    assert response.status_code == 400
    assert "Sorry, that request could not be understood" in response.text


def test_a_tab_in_a_query_string_is_not_refused(client, built, cast):
    client.force_login(cast["board"])
    assert client.get(url(built), {"as_at": "2018-09-30\t"}).status_code in (200, 400)
    assert client.get("/my-actions/", {"q": "panel\tdates"}).status_code == 200


# --- forms -------------------------------------------------------------------------------


def test_a_nul_byte_in_the_sign_in_form_is_an_error_beside_the_field(client, db):
    response = client.post("/accounts/login/", {"username": "olu\x00", "password": "x\x00y"})
    assert response.status_code == 200
    assert "Null characters are not allowed." in response.text


def test_a_body_over_the_size_limit_is_a_bad_request_page(client, built, cast, settings):
    client.force_login(cast["manager"])
    too_big = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.post(
        reverse(
            "action_update", kwargs={"area_slug": built.plan.local_area.slug, "reference": "1.1"}
        ),
        {"narrative": too_big},
    )
    assert response.status_code == 400
    assert "Sorry, that request could not be understood" in response.text


def test_too_many_form_fields_is_a_bad_request_page(client, built, cast, settings):
    client.force_login(cast["manager"])
    fields = {f"f{number}": "x" for number in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    response = client.post(
        reverse(
            "action_update", kwargs={"area_slug": built.plan.local_area.slug, "reference": "1.1"}
        ),
        fields,
    )
    assert response.status_code == 400
    assert "Sorry, that request could not be understood" in response.text


@pytest.mark.django_db
@pytest.mark.parametrize("year", ["0001", "1999"])
def test_a_completed_date_before_2000_is_refused_beside_the_field(client, year):
    from actions.models import BRAG
    from tests.actions.conftest import member
    from tests.factories import ActionFactory, LocalAreaFactory, PlanFactory

    area = LocalAreaFactory(slug="sutton")
    manager = member("manager", area, "programme_manager")
    action = ActionFactory(plan=PlanFactory(local_area=area))
    client.force_login(manager)
    response = client.post(
        reverse("action_update", kwargs={"area_slug": "sutton", "reference": action.reference}),
        {
            "status": BRAG.BLUE,
            "narrative": "Done",
            "evidence": "Audit",
            "completed_date_day": "1",
            "completed_date_month": "1",
            "completed_date_year": year,
            "version": action.version,
        },
    )
    assert response.status_code in (200, 400)
    assert "Date completed must be in 2000 or later" in response.content.decode()
    action.refresh_from_db()
    assert action.status != BRAG.BLUE
