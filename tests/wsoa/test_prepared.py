"""A prepared read builds its SQL once per shape and answers as the queryset itself would."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import DateField, IntegerField, Q
from django.test.utils import CaptureQueriesContext

from actions import rules
from actions.models import BRAG, Action
from tests.factories import ActionFactory, PlanFactory
from wsoa.lib.prepared import PreparedRead

pytestmark = pytest.mark.django_db


def overdue_in(shape, *, plan, today):
    """A plan's overdue actions; with the shape "red only", the Red ones among them."""
    actions = Action.objects.filter(plan_id=plan).filter(rules.past_due_q(today))
    if shape == "red only":
        actions = actions.filter(Q(status=BRAG.RED))
    return actions.order_by("reference").values("reference", "due_date")


@pytest.fixture
def read():
    built = []

    def build(shape, **inputs):
        built.append(shape)
        return overdue_in(shape, **inputs)

    prepared = PreparedRead(build, fields={"plan": IntegerField(), "today": DateField()})
    prepared.built = built  # type: ignore[attr-defined]
    return prepared


@pytest.fixture
def plans():
    first, second = PlanFactory(), PlanFactory()
    for plan, reference, status, due in (
        (first, "1.1", BRAG.RED, dt.date(2019, 1, 31)),
        (first, "1.2", BRAG.GREEN, dt.date(2019, 2, 28)),
        (first, "1.3", BRAG.BLUE, dt.date(2019, 1, 1)),
        (second, "2.1", BRAG.AMBER, dt.date(2019, 1, 15)),
    ):
        ActionFactory(plan=plan, reference=reference, status=status, due_date=due)
    return first, second


def test_a_prepared_read_answers_as_the_queryset_does(read, plans):
    first, second = plans
    for plan in plans:
        for today in (dt.date(2019, 1, 20), dt.date(2019, 3, 1)):
            for shape in ("all", "red only"):
                expected = list(overdue_in(shape, plan=plan.pk, today=today))
                assert read.rows(shape, plan=plan.pk, today=today) == expected


def test_its_sql_is_built_once_per_shape_and_reused_with_new_values(read, plans):
    first, second = plans
    read.rows("all", plan=first.pk, today=dt.date(2019, 3, 1))
    read.rows("all", plan=second.pk, today=dt.date(2019, 1, 20))
    read.rows("red only", plan=first.pk, today=dt.date(2019, 3, 1))
    with CaptureQueriesContext(connection) as queries:
        later = read.rows("all", plan=first.pk, today=dt.date(2019, 2, 1))
    assert read.built == ["all", "red only"]
    assert len(queries) == 1
    assert later == [{"reference": "1.1", "due_date": dt.date(2019, 1, 31)}]


def test_every_input_is_needed_and_no_other(read, plans):
    with pytest.raises(TypeError, match="Inputs"):
        read.rows("all", plan=plans[0].pk)
    with pytest.raises(TypeError, match="Inputs"):
        read.rows("all", plan=plans[0].pk, today=dt.date(2019, 1, 1), workstream=1)
