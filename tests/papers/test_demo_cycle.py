"""The month's paper in the demo, as the Board goes through it: the programme manager locks
it, the chair approves it, it appears on the public page, and a status changed afterwards
leaves the locked paper as it was."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from actions.models import BRAG, Action
from papers.models import BoardPaper

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_demo", stdout=None)
    users = get_user_model().objects
    return {name: users.get(username=name) for name in ("manager", "board", "lead")}


def test_the_month_s_paper_is_locked_approved_published_and_stays_as_it_was(client, demo):
    today = timezone.localdate()
    papers_url = reverse("board_papers", kwargs={"area_slug": "sutton"})

    client.force_login(demo["manager"])
    form = client.get(papers_url).context["form"]
    assert form["approver"].value() == demo["board"].pk, "the chair is named by default"
    locked = client.post(papers_url, {"as_at": today.isoformat(), "approver": demo["board"].pk})
    assert locked.status_code == 302
    paper = BoardPaper.objects.get(plan__local_area__slug="sutton")
    kwargs = {"area_slug": "sutton", "number": paper.number}

    client.force_login(demo["board"])
    approved = client.post(
        reverse("board_paper_approve", kwargs=kwargs), {"note": "Agreed as the exception report"}
    )
    assert approved.status_code == 302

    client.force_login(demo["manager"])
    published = client.post(
        reverse("board_paper_publish", kwargs=kwargs),
        {"introduction": f"How the plan stood in {today:%B %Y}."},
    )
    assert published.status_code == 302
    client.logout()
    public = client.get(reverse("progress:area", kwargs={"area_slug": "sutton"})).content.decode()
    report_url = reverse("progress_report", kwargs=kwargs)
    assert f'href="{report_url}"' in public
    report = client.get(report_url).content.decode()
    assert f"Monthly progress report, {today:%B %Y}" in report

    # A status changed afterwards: the live figures move, the paper does not.
    client.force_login(demo["manager"])
    before = client.get(reverse("board_paper", kwargs=kwargs)).content.decode()
    frozen = BoardPaper.objects.get(pk=paper.pk).content
    action = Action.objects.filter(plan=paper.plan, status=BRAG.GREEN).first()
    client.post(
        reverse("action_update", kwargs={"area_slug": "sutton", "reference": action.reference}),
        {
            "status": BRAG.RED,
            "narrative": "Provider withdrew after the Board met",
            "remedial_action": "New provider sought",
            "version": action.version,
        },
    )
    action.refresh_from_db()
    assert action.status == BRAG.RED
    after = client.get(reverse("board_paper", kwargs=kwargs)).content.decode()
    assert BoardPaper.objects.get(pk=paper.pk).content == frozen
    assert "Provider withdrew after the Board met" not in after
    assert after.count("app-brag--red") == before.count("app-brag--red")
