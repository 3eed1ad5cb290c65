"""Correcting an inspection and its findings, and recording the revisit's judgements."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from inspections import services
from inspections.models import AreaOfWeakness, Inspection
from tests.factories import AreaOfWeaknessFactory, InspectionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_inspection_update_needs_a_reason_and_records_it():
    inspection = InspectionFactory()
    manager = UserFactory()
    with pytest.raises(ValidationError):
        services.inspection_update(
            inspection=inspection,
            actor=manager,
            reason="",
            report_received_date=dt.date(2018, 3, 20),
        )
    services.inspection_update(
        inspection=inspection,
        actor=manager,
        reason="Report arrived",
        report_received_date=dt.date(2018, 3, 20),
    )
    newest = inspection.history.first()
    assert (newest.history_user, newest.history_change_reason) == (manager, "Report arrived")


def test_inspection_cannot_end_before_it_starts():
    inspection = InspectionFactory()
    with pytest.raises(ValidationError) as error:
        services.inspection_update(
            inspection=inspection, actor=None, reason="Fix", end_date=dt.date(2017, 1, 1)
        )
    assert "end_date" in error.value.message_dict


def test_finding_keeps_the_reports_own_label():
    inspection = InspectionFactory(framework=Inspection.Framework.AREA_SEND_2023)
    finding = services.area_of_weakness_create(
        inspection=inspection,
        actor=None,
        number=4,
        finding="Leaders should improve transition planning.",
        kind=AreaOfWeakness.Kind.IMPROVEMENT,
    )
    assert finding.get_kind_display() == "Area for improvement"


def test_judgement_needs_a_later_revisit_of_the_same_area_and_a_narrative():
    finding = AreaOfWeaknessFactory()
    area = finding.inspection.local_area
    revisit = InspectionFactory(
        local_area=area,
        kind=Inspection.Kind.REVISIT,
        revisit_of=finding.inspection,
        start_date=dt.date(2019, 9, 2),
        end_date=dt.date(2019, 9, 6),
    )
    sufficient = AreaOfWeakness.Judgement.SUFFICIENT
    with pytest.raises(ValidationError) as error:
        services.area_of_weakness_record_judgement(
            weakness=finding,
            actor=None,
            reason="Letter",
            judgement=sufficient,
            narrative="",
            revisit=None,
        )
    assert set(error.value.message_dict) == {"revisit", "narrative"}
    elsewhere = InspectionFactory(start_date=dt.date(2019, 9, 2), end_date=dt.date(2019, 9, 6))
    with pytest.raises(ValidationError):
        services.area_of_weakness_record_judgement(
            weakness=finding,
            actor=None,
            reason="Letter",
            judgement=sufficient,
            narrative="Good",
            revisit=elsewhere,
        )
    services.area_of_weakness_record_judgement(
        weakness=finding,
        actor=None,
        reason="Revisit letter published",
        judgement=sufficient,
        narrative="Leaders have improved oversight of EHC plans.",
        revisit=revisit,
    )
    finding.refresh_from_db()
    assert finding.judgement == sufficient
    assert finding.history.first().history_change_reason == "Revisit letter published"
