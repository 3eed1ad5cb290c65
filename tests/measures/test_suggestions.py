"""A Green action whose finding's measure is off track is suggested Amber on its page."""

import datetime as dt
from decimal import Decimal as D

from django.urls import reverse
from django.utils import timezone

from actions.models import BRAG
from actions.selectors import status_suggestion
from measures import services
from tests.factories import ActionFactory


def on_time(**kwargs):
    """An action started ten days ago and due in three months: only measures can speak against it."""
    today = timezone.localdate()
    return ActionFactory(
        start_date=today - dt.timedelta(days=10), due_date=today + dt.timedelta(days=90), **kwargs
    )


def test_a_green_action_of_a_finding_with_an_off_track_measure_is_suggested_amber(
    measure, owner, client
):
    # Exclusions should fall (lower is better); the latest value is above the target.
    services.measure_value_record(
        measure=measure,
        actor=owner,
        period_end=timezone.localdate() - dt.timedelta(days=30),
        value=D("15.1"),
        note="",
        reason="Quarterly return",
    )
    finding = measure.findings.get()
    green = on_time(plan=measure.plan, weakness=finding, status=BRAG.GREEN, lead=owner)
    amber = on_time(plan=measure.plan, weakness=finding, status=BRAG.AMBER, lead=owner)

    suggestion = status_suggestion(green)
    assert suggestion is not None and suggestion.status == BRAG.AMBER
    assert (
        "Green but its measure is off track: Exclusions of primary pupils with EHC plans."
        in suggestion.reason_texts
    )
    assert status_suggestion(amber) is None

    client.force_login(owner)
    page = client.get(
        reverse(
            "action_detail",
            kwargs={"area_slug": green.plan.local_area.slug, "reference": green.reference},
        )
    )
    assert "Green but its measure is off track" in page.content.decode()


def test_an_on_track_measure_suggests_nothing(measure, owner):
    services.measure_value_record(
        measure=measure,
        actor=owner,
        period_end=timezone.localdate() - dt.timedelta(days=30),
        value=D("7.5"),
        note="",
        reason="Quarterly return",
    )
    green = on_time(
        plan=measure.plan, weakness=measure.findings.get(), status=BRAG.GREEN, lead=owner
    )
    assert status_suggestion(green) is None
