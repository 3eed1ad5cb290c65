"""Who may open and post each Board paper URL: rows for the permission matrix of
tests/actions/test_permission_matrix.py, and how to set each URL up for the `cast`.

The approver named on the paper is the Board member; the programme manager locks, minutes
and publishes it. A published paper's public report is open to everyone.
"""

from django.urls import reverse
from django.utils import timezone

from papers import services

MEMBERS = (
    "officer_own_action",
    "officer_other_action",
    "lead_own_workstream",
    "lead_other_workstream",
    "board_member",
    "programme_manager",
)


def _row(get: int, post: dict[str, int] | int, *, outsider=(404, 404)) -> dict:
    posts = post if isinstance(post, dict) else dict.fromkeys(MEMBERS, post)
    row = {person: (get, posts.get(person, 403)) for person in MEMBERS}
    row["anonymous"] = (302, 302)
    row["other_area_user"] = outsider
    return row


# Read by every member, GET only.
_READ = (
    "board_paper",
    "board_paper_compare",
    "board_paper_pdf",
    "board_paper_csv",
    "board_paper_xlsx",
)

PAPER_MATRIX = {
    "board_papers": _row(200, {"programme_manager": 302}),
    **{name: _row(200, 405, outsider=(404, 405)) for name in _READ},
    # The approver named on the paper is the Board member; the forum's member reads it only.
    "board_paper_approve": {
        **_row(405, {"board_member": 302}, outsider=(405, 404)),
        "forum_member": (405, 403),
    },
    "board_paper_minutes": {
        **_row(405, {"board_member": 302, "programme_manager": 302}, outsider=(405, 404)),
        "forum_member": (405, 403),
    },
    "board_paper_publish": _row(405, {"programme_manager": 302}, outsider=(405, 404)),
    "progress_report": {
        person: (200, 405) for person in (*MEMBERS, "anonymous", "other_area_user")
    },
}
PAPER_PUBLIC_URLS = {"progress_report"}

POST_DATA = {
    "board_paper_approve": {"note": "Agreed as read"},
    "board_paper_minutes": {"minutes": "The Board noted the paper."},
    "board_paper_publish": {"introduction": "How the plan stood this month."},
}


def paper_url_and_post_data(name: str, cast) -> tuple[str, dict]:
    today = timezone.localdate()
    if name == "board_papers":
        url = reverse(name, kwargs={"area_slug": "sutton"})
        return url, {"as_at": today.isoformat(), "approver": cast.board.pk}
    paper = services.paper_lock(
        plan=cast.plan, actor=cast.manager, as_at=today, approver=cast.board
    )
    if name in ("board_paper_publish", "progress_report"):
        services.paper_approve(paper=paper, actor=cast.board, reason="Agreed")
    if name == "progress_report":
        services.paper_publish(paper=paper, actor=cast.manager, reason="Our progress")
    url = reverse(name, kwargs={"area_slug": "sutton", "number": paper.number})
    return url, POST_DATA.get(name, {})
