import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from inspections.models import AreaOfWeakness
from tests.factories import AreaOfWeaknessFactory, InspectionFactory


@pytest.mark.django_db
def test_an_inspection_cannot_end_before_it_starts():
    inspection = InspectionFactory.build(
        local_area=InspectionFactory().local_area,
        start_date=dt.date(2018, 1, 26),
        end_date=dt.date(2018, 1, 22),
    )
    with pytest.raises(ValidationError) as caught:
        inspection.full_clean()
    assert "end_date" in caught.value.message_dict


@pytest.mark.django_db
def test_a_revisit_judgement_names_the_revisit():
    weakness = AreaOfWeaknessFactory(judgement=AreaOfWeakness.Judgement.SUFFICIENT)
    with pytest.raises(ValidationError) as caught:
        weakness.full_clean()
    assert caught.value.message_dict["revisit"] == ["Say which revisit made this judgement."]


@pytest.mark.django_db
def test_weakness_numbers_are_unique_within_an_inspection():
    weakness = AreaOfWeaknessFactory(number=1)
    duplicate = AreaOfWeaknessFactory.build(inspection=weakness.inspection, number=1)
    with pytest.raises(ValidationError):
        duplicate.full_clean()
