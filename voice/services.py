"""Every write of the families' voice: the forum's view, "You said, we did" entries and
easy-read summaries. Each checks who may write, validates, locks the row it changes and
records who made the change and why.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from actions import permissions
from inspections.models import AreaOfWeakness, LocalArea
from voice.models import EasyReadSummary, ForumView, YouSaidWeDid, quarter_start
from wsoa.lib.audit import required_reason, save_with_history


def _area_id_of(weakness: AreaOfWeakness) -> int:
    return weakness.inspection.local_area_id


def forum_view_record(
    *,
    actor,
    weakness: AreaOfWeakness,
    quarter: dt.date,
    rating: str,
    words: str,
    published: bool,
    reason: str,
) -> ForumView:
    """Record the forum's view of `weakness` for the quarter holding `quarter`, or change the
    one already recorded for that quarter. Only the parent carer forum may."""
    if not permissions.can_record_forum_view(actor, _area_id_of(weakness)):
        raise PermissionDenied("Only the parent carer forum records the forum's view.")
    reason = required_reason(reason)
    start = quarter_start(quarter)
    with transaction.atomic():
        view = (
            ForumView.objects.select_for_update()
            .filter(weakness=weakness, quarter_start=start)
            .first()
        ) or ForumView(weakness=weakness, quarter_start=start)
        view.rating = rating
        view.words = (words or "").strip()
        view.published = published
        view.updated_at = timezone.now()
        view.full_clean()
        save_with_history(view, actor=actor, reason=reason)
    return view


def _require_manager(actor, area_id: int) -> None:
    if not permissions.can_manage_plan(actor, area_id):
        raise PermissionDenied("Only the programme manager changes this.")


def you_said_we_did_save(
    *,
    actor,
    local_area: LocalArea,
    entry: YouSaidWeDid | None = None,
    weakness: AreaOfWeakness | None,
    date: dt.date,
    you_said: str,
    we_did: str,
    evidence: str,
    published: bool,
    reason: str,
) -> YouSaidWeDid:
    """Add a "You said, we did" entry to the area, or change `entry`."""
    _require_manager(actor, local_area.pk)
    reason = required_reason(reason)
    with transaction.atomic():
        if entry is None:
            entry = YouSaidWeDid(local_area=local_area)
        else:
            if entry.local_area_id != local_area.pk:
                raise ValueError("The entry belongs to another local area.")
            entry = YouSaidWeDid.objects.select_for_update().get(pk=entry.pk)
            if entry.withdrawn_at is not None:
                raise PermissionDenied("A withdrawn entry cannot be changed.")
        entry.weakness = weakness
        entry.date = date
        entry.you_said = (you_said or "").strip()
        entry.we_did = (we_did or "").strip()
        entry.evidence = (evidence or "").strip()
        entry.published = published
        entry.updated_at = timezone.now()
        entry.full_clean()
        save_with_history(entry, actor=actor, reason=reason)
    return entry


def you_said_we_did_withdraw(*, actor, entry: YouSaidWeDid, reason: str) -> YouSaidWeDid:
    """Withdraw an entry: it leaves every page; the row and its history stay."""
    _require_manager(actor, entry.local_area_id)
    reason = required_reason(reason, "Say why the entry is withdrawn.")
    with transaction.atomic():
        entry = YouSaidWeDid.objects.select_for_update().get(pk=entry.pk)
        if entry.withdrawn_at is None:
            entry.withdrawn_at = timezone.now()
            entry.published = False
            entry.updated_at = entry.withdrawn_at
            save_with_history(entry, actor=actor, reason=reason)
    return entry


def easy_read_summary_set(
    *, actor, weakness: AreaOfWeakness, text: str, published: bool, reason: str
) -> EasyReadSummary:
    """Write, change or unpublish the easy-read summary of a finding."""
    _require_manager(actor, _area_id_of(weakness))
    reason = required_reason(reason)
    with transaction.atomic():
        summary = EasyReadSummary.objects.select_for_update().filter(
            weakness=weakness
        ).first() or EasyReadSummary(weakness=weakness)
        summary.text = (text or "").strip()
        summary.published = published
        summary.updated_at = timezone.now()
        summary.full_clean()
        save_with_history(summary, actor=actor, reason=reason)
    return summary
