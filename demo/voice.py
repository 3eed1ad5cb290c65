"""The demo's families' voice for Sutton: the parent carer forum's view of each finding over
the last two quarters, a few "You said, we did" entries and an easy-read summary.

All of it is illustrative and says so in its own words: the forum's words and the entries
are written for the demo, not quoted from Sutton's forum. Written through voice.services,
so the history names the forum's demo user and the programme manager.
"""

import datetime as dt

from django.contrib.auth.models import User

from actions.models import Plan
from inspections.models import AreaOfWeakness
from voice import services
from voice.models import ForumRating, quarter_start

ILLUSTRATIVE = "Illustrative, not the forum's own words:"
REASON = "Demo data loaded"

# Finding number -> (rating last quarter, rating this quarter, words this quarter).
FORUM_VIEWS = {
    1: (
        ForumRating.NO_CHANGE,
        ForumRating.SOME_CHANGE,
        "parents say health, education and care now come to the same meetings, but many still "
        "tell their child's story again to each service.",
    ),
    2: (
        ForumRating.SOME_CHANGE,
        ForumRating.SOME_CHANGE,
        "more families get their EHC plan within 20 weeks, but annual reviews are often late "
        "and plans are not always updated after them.",
    ),
    3: (
        ForumRating.SOME_CHANGE,
        ForumRating.REAL_CHANGE,
        "families reach the information and advice service more easily since it has more staff; "
        "calls are returned within a week.",
    ),
}

# (finding number or None, months ago, you said, we did, evidence)
ENTRIES = (
    (
        3,
        5,
        "Nobody answers the phone at the information and advice service.",
        "We funded two more advisers and a call-back promise of five working days.",
        "The service's call log, reported to the Steering Board each month.",
    ),
    (
        2,
        3,
        "We don't know where our child's EHC needs assessment has got to.",
        "Families now get a letter at each step of the 20 weeks, with a named officer to call.",
        "Template letters agreed with the parent carer forum.",
    ),
    (
        None,
        1,
        "The Local Offer website is hard to search.",
        "We rebuilt the search with parents testing it, and added a page for each age group.",
        "",
    ),
)

EASY_READ = {
    2: (
        "Inspectors said plans for children with special needs were not good enough and often "
        "late.\n\nWe are checking every new plan and training the people who write them.\n\n"
        "More plans are now on time. Reviews of plans are still often late. (Illustrative "
        "summary for the demo.)"
    ),
}


def _months_ago(today: dt.date, months: int) -> dt.date:
    return today - dt.timedelta(days=30 * months)


def load_sutton_voice(*, plan: Plan, forum: User, manager: User, today: dt.date) -> dict[str, int]:
    findings = {
        f.number: f for f in AreaOfWeakness.objects.filter(inspection_id=plan.inspection_id)
    }
    this_quarter = quarter_start(today)
    last_quarter = quarter_start(this_quarter - dt.timedelta(days=1))
    views = 0
    for number, (before, now, words) in FORUM_VIEWS.items():
        for quarter, rating, text in (
            (last_quarter, before, "families told us of little change so far."),
            (this_quarter, now, words),
        ):
            services.forum_view_record(
                actor=forum,
                weakness=findings[number],
                quarter=quarter,
                rating=rating,
                words=f"{ILLUSTRATIVE} {text}",
                published=True,
                reason=REASON,
            )
            views += 1
    for finding_number, months, said, did, evidence in ENTRIES:
        services.you_said_we_did_save(
            actor=manager,
            local_area=plan.local_area,
            weakness=findings[finding_number] if finding_number else None,
            date=_months_ago(today, months),
            you_said=said,
            we_did=f"{did} (Illustrative entry for the demo.)",
            evidence=evidence,
            published=True,
            reason=REASON,
        )
    for number, text in EASY_READ.items():
        services.easy_read_summary_set(
            actor=manager, weakness=findings[number], text=text, published=True, reason=REASON
        )
    return {"forum_views": views, "entries": len(ENTRIES), "easy_read": len(EASY_READ)}
