import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from inspections.models import Inspection, LocalArea
from inspections.services import area_of_weakness_create, inspection_create, local_area_create
from tests.factories import InspectionFactory, LocalAreaFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_new_local_area_is_saved_with_its_council_and_health_partner():
    area = local_area_create(
        actor=None,
        name="Sutton",
        slug="sutton",
        council_name="London Borough of Sutton",
        health_partner_name="Sutton CCG",
        reason="Set up",
    )
    assert LocalArea.objects.get(slug="sutton").council_name == "London Borough of Sutton"
    assert area.health_partner_name == "Sutton CCG"


def test_a_local_area_cannot_take_a_slug_already_in_use():
    LocalAreaFactory(slug="sutton")
    with pytest.raises(ValidationError) as caught:
        local_area_create(
            actor=None,
            name="Another Sutton",
            slug="sutton",
            council_name="Another council",
            health_partner_name="Another partner",
            reason="Set up",
        )
    assert "slug" in caught.value.message_dict


def test_a_new_inspection_records_who_added_it_and_why():
    area = LocalAreaFactory()
    manager = UserFactory()
    inspection = inspection_create(
        local_area=area,
        actor=manager,
        framework=Inspection.Framework.SEND_2016,
        start_date=dt.date(2018, 1, 22),
        end_date=dt.date(2018, 1, 26),
        outcome=Inspection.Outcome.WSOA_REQUIRED,
        plan_required=True,
        reason="Letter received",
    )
    row = inspection.history.get()
    assert (row.history_user, row.history_change_reason) == (manager, "Letter received")
    assert not hasattr(inspection, "_change_reason")


def test_an_inspection_that_ends_before_it_starts_is_not_saved():
    area = LocalAreaFactory()
    with pytest.raises(ValidationError) as caught:
        inspection_create(
            local_area=area,
            actor=None,
            framework=Inspection.Framework.SEND_2016,
            start_date=dt.date(2018, 1, 26),
            end_date=dt.date(2018, 1, 22),
            reason="Letter received",
        )
    assert "end_date" in caught.value.message_dict
    assert not Inspection.objects.filter(local_area=area).exists()


def test_a_new_area_of_weakness_records_who_added_it_and_why():
    inspection = InspectionFactory()
    manager = UserFactory()
    weakness = area_of_weakness_create(
        inspection=inspection,
        actor=manager,
        number=1,
        finding="A lack of joint working",
        reason="Imported",
    )
    row = weakness.history.get()
    assert (row.history_user, row.history_change_reason) == (manager, "Imported")
