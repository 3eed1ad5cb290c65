"""Writes of Board papers: lock, approve, record minutes, publish.

Who may: the programme manager locks a paper, names its approver (the Board chair, or a
Board member standing in), records minutes and publishes it once approved; only the named
approver approves. Every write is a new row, never a change: a locked paper stays as it was.
"""

import datetime as dt

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from actions import permissions
from actions.models import Membership, Plan
from papers.content import freeze
from papers.models import BoardPaper, PaperDecision

Kind = PaperDecision.Kind


def approvers_for(plan: Plan):
    """The people who may be named to approve a paper: the area's current Board members."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            memberships__local_area_id=plan.local_area_id,
            memberships__role=Membership.Role.BOARD_MEMBER,
            memberships__ended_at__isnull=True,
            is_active=True,
        )
        .order_by("first_name", "last_name", "username")
    )


def default_approver(plan: Plan):
    """Who approves unless someone else is named: the approver of the plan's last paper (the
    chair carries over) while still a Board member, else the area's only Board member."""
    approvers = approvers_for(plan)
    latest = BoardPaper.objects.filter(plan=plan).order_by("-as_at").first()
    if latest is not None:
        chair = approvers.filter(pk=latest.approver_id).first()
        if chair is not None:
            return chair
    only = list(approvers[:2])
    return only[0] if len(only) == 1 else None


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


@transaction.atomic
def paper_lock(
    *,
    plan: Plan,
    actor: User,
    as_at: dt.date,
    approver: User | None,
    reason: str = "",
    today: dt.date | None = None,
) -> BoardPaper:
    """Lock the plan's Board paper as at the end of `as_at`: a frozen copy of its figures."""
    if not permissions.can_manage_plan(actor, plan.local_area):
        raise PermissionDenied("Only the programme manager locks the Board paper.")
    # One paper at a time per plan: its number and date are checked against the last one.
    Plan.objects.select_for_update().filter(pk=plan.pk).first()
    today = today or timezone.localdate()
    errors: dict[str, str] = {}
    if as_at > today:
        errors["as_at"] = "A paper can only be locked for today or an earlier day."
    latest = BoardPaper.objects.filter(plan=plan).order_by("-as_at").first()
    if latest is not None and as_at <= latest.as_at:
        errors["as_at"] = (
            f"Paper {latest.number} is already locked as at {_day(latest.as_at)}: "
            "a new paper must be as at a later day."
        )
    if approver is None:
        errors["approver"] = "Choose who approves the paper: the Board chair, or who stands in."
    elif not approvers_for(plan).filter(pk=approver.pk).exists():
        errors["approver"] = "The approver must be a Steering Board member of the area."
    if errors:
        raise ValidationError(errors)
    assert approver is not None
    number = (BoardPaper.objects.filter(plan=plan).aggregate(last=Max("number"))["last"] or 0) + 1
    paper = BoardPaper(
        plan=plan,
        number=number,
        as_at=as_at,
        content=freeze(plan, as_at),
        locked_by=actor,
        approver=approver,
        note=(reason or "").strip(),
    )
    paper.full_clean()
    paper.save()
    return paper


def _decide(paper: BoardPaper, *, kind: str, actor: User, note: str) -> PaperDecision:
    decision = PaperDecision(paper=paper, kind=kind, actor=actor, note=note)
    decision.full_clean()
    decision.save()
    return decision


def _lock_paper(paper: BoardPaper) -> BoardPaper:
    # Decisions on one paper are taken one at a time.
    return BoardPaper.objects.select_for_update().select_related("plan").get(pk=paper.pk)


def can_approve(user, paper: BoardPaper) -> bool:
    """The approver named on the paper, while a member of the area (or a superuser)."""
    if not user.is_authenticated:
        return False
    if permissions.is_superuser(user):
        return True
    return user.pk == paper.approver_id and permissions.can_view_area(
        user, paper.plan.local_area_id
    )


def can_manage(user, paper: BoardPaper) -> bool:
    """The programme manager locks, publishes and minutes the area's papers."""
    return permissions.can_manage_plan(user, paper.plan.local_area_id)


def can_record_minutes(user, paper: BoardPaper) -> bool:
    return can_manage(user, paper) or can_approve(user, paper)


@transaction.atomic
def paper_approve(*, paper: BoardPaper, actor: User, reason: str) -> PaperDecision:
    """The named approver approves the paper, with a note of what the Board agreed."""
    locked = _lock_paper(paper)
    if not can_approve(actor, locked):
        raise PermissionDenied("Only the approver named on the paper approves it.")
    note = (reason or "").strip()
    if not note:
        raise ValidationError({"note": "Say what the Board agreed, for the record."})
    if locked.decisions.filter(kind=Kind.APPROVED).exists():
        raise ValidationError({"note": "This paper is already approved."})
    return _decide(locked, kind=Kind.APPROVED, actor=actor, note=note)


@transaction.atomic
def paper_record_minutes(*, paper: BoardPaper, actor: User, minutes: str) -> PaperDecision:
    """Add the minutes of the meeting that took the paper (as often as they are amended)."""
    locked = _lock_paper(paper)
    if not can_record_minutes(actor, locked):
        raise PermissionDenied("Only the programme manager or the approver records minutes.")
    minutes = (minutes or "").strip()
    if not minutes:
        raise ValidationError({"minutes": "Enter the minutes."})
    return _decide(locked, kind=Kind.MINUTES, actor=actor, note=minutes)


@transaction.atomic
def paper_publish(*, paper: BoardPaper, actor: User, reason: str) -> PaperDecision:
    """Publish an approved paper as the area's monthly progress report for parents.

    `reason` is the introduction parents read above it, in plain words.
    """
    locked = _lock_paper(paper)
    if not can_manage(actor, locked):
        raise PermissionDenied("Only the programme manager publishes the paper.")
    note = (reason or "").strip()
    errors = {}
    if not locked.decisions.filter(kind=Kind.APPROVED).exists():
        errors["introduction"] = "Only an approved paper can be published."
    elif locked.decisions.filter(kind=Kind.PUBLISHED).exists():
        errors["introduction"] = "This paper is already published."
    if not note:
        errors.setdefault("introduction", "Write a short introduction for parents.")
    if errors:
        raise ValidationError(errors)
    return _decide(locked, kind=Kind.PUBLISHED, actor=actor, note=note)
