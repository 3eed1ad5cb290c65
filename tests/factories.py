import datetime as dt

import factory
from django.contrib.auth import get_user_model

from actions.models import (
    BRAG,
    Action,
    BoardMeeting,
    Commitment,
    KeyObjective,
    Membership,
    MonitoringVisit,
    Plan,
    Priority,
    ProgressUpdate,
    Workstream,
    WorkstreamMember,
)
from inspections.models import AreaOfWeakness, Inspection, LocalArea


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "password")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class LocalAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalArea
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Borough {n}")
    slug = factory.Sequence(lambda n: f"borough-{n}")
    council_name = factory.LazyAttribute(lambda a: f"{a.name} Council")
    health_partner_name = factory.LazyAttribute(lambda a: f"{a.name} ICB")


class InspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inspection

    local_area = factory.SubFactory(LocalAreaFactory)
    framework = Inspection.Framework.SEND_2016
    kind = Inspection.Kind.INITIAL
    start_date = dt.date(2018, 1, 22)
    end_date = dt.date(2018, 1, 26)
    letter_published_date = dt.date(2018, 3, 23)
    outcome = Inspection.Outcome.WSOA_REQUIRED
    plan_required = True


class AreaOfWeaknessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AreaOfWeakness

    inspection = factory.SubFactory(InspectionFactory)
    number = factory.Sequence(lambda n: n + 1)
    short_title = factory.Sequence(lambda n: f"Theme {n + 1}")
    finding = factory.Faker("sentence", nb_words=14)


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    local_area = factory.SubFactory(LocalAreaFactory)
    inspection = factory.SubFactory(
        InspectionFactory, local_area=factory.SelfAttribute("..local_area")
    )
    kind = Plan.Kind.WSOA
    title = factory.LazyAttribute(lambda p: f"{p.local_area.name} Written Statement of Action")
    submitted_date = dt.date(2018, 7, 3)
    fit_for_purpose_date = dt.date(2018, 7, 10)
    status = Plan.Status.FIT_FOR_PURPOSE
    is_published = True


class KeyObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyObjective

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = factory.Faker("sentence")


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = factory.Faker("sentence")


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    weakness = factory.SubFactory(AreaOfWeaknessFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = factory.LazyFunction(lambda: "We will improve joint working")


class WorkstreamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workstream

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Workstream {n + 1}")


class WorkstreamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkstreamMember

    workstream = factory.SubFactory(WorkstreamFactory)
    role = "Head of SEND"
    organisation = "Council"


class ActionFactory(factory.django.DjangoModelFactory):
    """An action of a plan; weakness and workstream default to ones of the same plan."""

    class Meta:
        model = Action

    plan = factory.SubFactory(PlanFactory)
    weakness = factory.SubFactory(
        AreaOfWeaknessFactory, inspection=factory.SelfAttribute("..plan.inspection")
    )
    workstream = factory.SubFactory(WorkstreamFactory, plan=factory.SelfAttribute("..plan"))
    reference = factory.Sequence(lambda n: f"9.9.{n + 1}")
    title = factory.Faker("sentence", nb_words=6)
    lead_role = "SEND Team Manager"
    lead_organisation = "Council"
    start_date = dt.date(2018, 7, 1)
    due_date = dt.date(2019, 3, 31)
    status = BRAG.WHITE

    class Params:
        blue = factory.Trait(
            status=BRAG.BLUE, completed_date=dt.date(2018, 9, 1), evidence="Minutes of the panel"
        )
        amber = factory.Trait(
            status=BRAG.AMBER, remedial_action="Recruitment delayed; agency cover"
        )
        red = factory.Trait(status=BRAG.RED, remedial_action="Escalated to the Board")
        green = factory.Trait(status=BRAG.GREEN)


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    action = factory.SubFactory(ActionFactory)
    author = factory.SubFactory(UserFactory)
    narrative = factory.Faker("sentence")
    status = factory.SelfAttribute("action.status")


class MonitoringVisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MonitoringVisit

    plan = factory.SubFactory(PlanFactory)
    date = dt.date(2018, 10, 15)
    grade = MonitoringVisit.Grade.MET


class BoardMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardMeeting

    plan = factory.SubFactory(PlanFactory)
    date = dt.date(2018, 9, 20)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    local_area = factory.SubFactory(LocalAreaFactory)
    role = Membership.Role.OFFICER

    @factory.post_generation
    def workstreams(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.workstreams.set(extracted)
