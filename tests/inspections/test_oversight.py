"""The area's external oversight: DfE / NHS England monitoring, improvement notice and the
inspection expected next, recorded by the programme manager and shown on the inspection page
and the Board dashboard."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from inspections.models import Oversight
from inspections.services import oversight_update

pytestmark = pytest.mark.django_db

OVERSIGHT = {
    "dfe_monitoring": "active",
    "dfe_since": dt.date(2026, 3, 2),
    "dfe_letter_url": "https://www.gov.uk/letters/sutton-dfe.pdf",
    "nhse_monitoring": "reduced",
    "nhse_since": dt.date(2026, 9, 1),
    "improvement_notice": "in_force",
    "notice_issued_date": dt.date(2026, 4, 1),
    "next_inspection_kind": "monitoring",
    "next_inspection_date": dt.date(2027, 6, 1),
}


def test_the_service_records_the_oversight_with_who_and_why(cast):
    saved = oversight_update(
        local_area=cast.area, actor=cast.manager, reason="DfE letter of 2 March", **OVERSIGHT
    )
    oversight_update(
        local_area=cast.area,
        actor=cast.manager,
        reason="Notice lifted",
        **{**OVERSIGHT, "improvement_notice": "lifted", "notice_lifted_date": dt.date(2026, 11, 2)},
    )
    assert Oversight.objects.get().improvement_notice == "lifted"
    rows = list(saved.history.order_by("history_date"))
    assert [row.history_change_reason for row in rows] == ["DfE letter of 2 March", "Notice lifted"]
    assert rows[0].improvement_notice == "in_force"
    assert rows[0].history_user == cast.manager


@pytest.mark.parametrize(
    "change, field, message",
    [
        ({"dfe_since": None}, "dfe_since", "Give the date DfE monitoring became active."),
        ({"notice_issued_date": None}, "notice_issued_date", "Give the date the improvement"),
        (
            {"improvement_notice": "lifted"},
            "notice_lifted_date",
            "Give the date the improvement notice was lifted.",
        ),
        ({"notice_lifted_date": dt.date(2026, 5, 1)}, "notice_lifted_date", "Only a lifted"),
        (
            {"improvement_notice": "lifted", "notice_lifted_date": dt.date(2026, 3, 1)},
            "notice_lifted_date",
            "cannot be lifted before it is issued",
        ),
        ({"next_inspection_kind": ""}, "next_inspection_kind", "Say which inspection"),
    ],
)
def test_the_oversight_refuses_what_does_not_add_up(cast, change, field, message):
    with pytest.raises(ValidationError) as refused:
        oversight_update(
            local_area=cast.area, actor=cast.manager, reason="x", **{**OVERSIGHT, **change}
        )
    assert message in " ".join(refused.value.message_dict[field])
    assert not Oversight.objects.exists()


def test_the_oversight_needs_a_reason(cast):
    with pytest.raises(ValidationError):
        oversight_update(local_area=cast.area, actor=cast.manager, reason=" ", **OVERSIGHT)


def form_data(**changes) -> dict:
    data = {
        "dfe_monitoring": "active",
        "dfe_since": "2026-03-02",
        "dfe_letter_url": "https://www.gov.uk/letters/sutton-dfe.pdf",
        "nhse_monitoring": "",
        "improvement_notice": "in_force",
        "notice_issued_date": "2026-04-01",
        "next_inspection_kind": "monitoring",
        "next_inspection_date": "2027-06-01",
        "reason": "DfE letter of 2 March",
    }
    data = {**data, **changes}
    posted = {}
    for name, value in data.items():
        if name.endswith("_date") or name.endswith("_since"):
            year, month, day = value.split("-") if value else ("", "", "")
            posted |= {f"{name}_day": day, f"{name}_month": month, f"{name}_year": year}
        else:
            posted[name] = value
    return posted


def test_the_manager_records_the_oversight_and_every_member_sees_it(client, cast):
    client.force_login(cast.manager)
    url = reverse("oversight_edit", kwargs={"area_slug": "sutton"})
    assert client.get(url).status_code == 200
    response = client.post(url, form_data())
    assert response.status_code == 302
    client.force_login(cast.board)
    for page in ("inspection", "dashboard"):
        text = client.get(reverse(page, kwargs={"area_slug": "sutton"})).content.decode()
        assert "External oversight" in text, page
        assert "Active since 2 March 2026" in text, page
        assert 'href="https://www.gov.uk/letters/sutton-dfe.pdf"' in text, page
        assert "In force" in text and "since 1 April 2026" in text, page
        assert "Monitoring inspection by 1 June 2027" in text, page
    inspection = client.get(reverse("inspection", kwargs={"area_slug": "sutton"}))
    oversight = inspection.content.decode().split("External oversight")[1].split("The clock")[0]
    assert "Change" not in oversight  # the Board member reads it, the manager changes it


def test_a_bad_oversight_form_shows_every_problem_beside_its_field(client, cast):
    client.force_login(cast.manager)
    url = reverse("oversight_edit", kwargs={"area_slug": "sutton"})
    response = client.post(
        url,
        form_data(dfe_since="", dfe_letter_url="not a letter", improvement_notice="lifted"),
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "DfE letter must be a web address" in text
    assert not Oversight.objects.exists()
    response = client.post(url, form_data(dfe_since="", improvement_notice="lifted"))
    text = response.content.decode()
    assert "Give the date DfE monitoring became active." in text
    assert "Give the date the improvement notice was lifted." in text
    assert not Oversight.objects.exists()


def test_without_a_record_the_pages_say_there_is_no_oversight(client, cast):
    client.force_login(cast.manager)
    text = client.get(reverse("inspection", kwargs={"area_slug": "sutton"})).content.decode()
    assert "No external oversight recorded" in text
    assert reverse("oversight_edit", kwargs={"area_slug": "sutton"}) in text
