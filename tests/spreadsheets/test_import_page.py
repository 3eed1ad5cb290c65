import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actions.models import BRAG, Action, Commitment, Membership
from spreadsheets.models import PendingUpload
from tests.factories import (
    AreaOfWeaknessFactory,
    LocalAreaFactory,
    MembershipFactory,
    PlanFactory,
    UserFactory,
)
from tests.spreadsheets.plan_files import csv_bytes, new_row

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = PlanFactory(local_area=LocalAreaFactory(name="Sutton", slug="sutton"))
    AreaOfWeaknessFactory(inspection=plan.inspection, number=1, short_title="Joint working")
    AreaOfWeaknessFactory(inspection=plan.inspection, number=2, short_title="EHC plans")
    return plan


def person(plan, role: str):
    user = UserFactory(username=role)
    MembershipFactory(user=user, local_area=plan.local_area, role=role)
    return user


@pytest.fixture
def manager(plan):
    return person(plan, Membership.Role.PROGRAMME_MANAGER)


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


def import_url(slug: str = "sutton") -> str:
    return reverse("plan_import", kwargs={"area_slug": slug})


def confirm_url(slug: str = "sutton") -> str:
    return reverse("plan_import_confirm", kwargs={"area_slug": slug})


def upload(content: bytes, name: str = "sutton-wsoa.csv") -> dict:
    return {"file": SimpleUploadedFile(name, content, content_type="text/csv")}


def page_text(response) -> str:
    html = response.content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def token_of(response) -> str:
    match = re.search(r'name="token" value="([^"]+)"', response.content.decode())
    return match.group(1) if match else ""


GOOD_FILE = csv_bytes(
    [
        new_row("1.1.1", title="Appoint an Assistant Director", status="Green"),
        new_row(
            "2.1.1",
            area_of_weakness="2 - EHC plans",
            commitment="2.1 - We will improve the EHC needs assessment process",
            workstream="2 - EHC Planning",
        ),
    ]
)
BAD_FILE = csv_bytes(
    [
        new_row("1.1.1", status="Blue", evidence="Minutes"),
        new_row("1.1.2", due_date="31/02/2019"),
        new_row("1.1.3"),
    ]
)


# Who may import


def test_the_import_page_is_under_the_area():
    assert import_url() == "/areas/sutton/import/"


def test_someone_signed_out_is_sent_to_sign_in(client, plan):
    response = client.get(import_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    "role",
    [Membership.Role.OFFICER, Membership.Role.WORKSTREAM_LEAD, Membership.Role.BOARD_MEMBER],
)
def test_members_who_do_not_manage_the_plan_are_refused(client, plan, role):
    client.force_login(person(plan, role))
    assert client.get(import_url()).status_code == 403
    assert client.post(import_url(), upload(GOOD_FILE)).status_code == 403
    assert client.post(confirm_url(), {"token": "x" * 32}).status_code == 403
    assert Action.objects.count() == 0


def test_an_outsider_cannot_tell_the_area_exists(client, plan):
    other = PlanFactory()
    outsider = UserFactory(username="outsider")
    MembershipFactory(user=outsider, local_area=other.local_area, role="programme_manager")
    client.force_login(outsider)
    assert client.get(import_url()).status_code == 404
    assert client.post(import_url(), upload(GOOD_FILE)).status_code == 404


def test_the_programme_manager_sees_the_upload_form_and_export_links(manager_client):
    response = manager_client.get(import_url())
    assert response.status_code == 200
    text = page_text(response)
    assert "Import the plan from a spreadsheet" in text
    assert 'enctype="multipart/form-data"' in response.content.decode()
    assert 'href="/areas/sutton/export.csv"' in response.content.decode()
    assert 'href="/areas/sutton/export.xlsx"' in response.content.decode()


# Preview


def test_the_preview_shows_what_will_be_created_and_saves_nothing(manager_client, plan):
    response = manager_client.post(import_url(), upload(GOOD_FILE))
    assert response.status_code == 200
    text = page_text(response)
    assert "Check the import of sutton-wsoa.csv" in text
    assert "Actions to create 2 (1.1.1, 2.1.1)" in text
    assert "Actions to update 0" in text
    assert "Actions unchanged 0" in text
    assert "Areas of weakness to add" not in text
    assert "Commitments to add 2.1 - We will improve the EHC needs assessment process" in text
    assert "Workstreams to add 2 - EHC Planning" in text
    assert token_of(response)
    assert Action.objects.count() == 0
    assert not Commitment.objects.exists()


def test_the_preview_lists_every_problem_and_offers_no_import(manager_client, plan):
    response = manager_client.post(import_url(), upload(BAD_FILE))
    assert response.status_code == 200
    text = page_text(response)
    assert "Error: Check the import" in response.content.decode()
    assert "2 problems to fix" in text
    assert (
        "row 2, column completed_date: A Blue (complete) action needs the date it was completed."
        in text
    )
    assert "row 3, column due_date: 31/02/2019 is not a real date." in text
    assert "Nothing has been imported." in text
    assert token_of(response) == ""
    assert Action.objects.count() == 0


def test_a_file_that_is_not_a_spreadsheet_is_an_error_next_to_the_field(manager_client):
    response = manager_client.post(import_url(), upload(b"%PDF-1.7\n\x00\x01", name="minutes.pdf"))
    assert response.status_code == 200
    text = page_text(response)
    assert "There is a problem" in text
    assert "Error: The file is not a spreadsheet." in text
    assert 'class="govuk-file-upload govuk-file-upload--error"' in response.content.decode()


def test_an_empty_file_is_an_error_next_to_the_field(manager_client):
    response = manager_client.post(import_url(), upload(b""))
    assert "Error: The file is empty." in page_text(response)


def test_a_missing_file_is_an_error_next_to_the_field(manager_client):
    response = manager_client.post(import_url(), {})
    assert "Error: Choose a CSV file or an Excel workbook (.xlsx) to upload." in page_text(response)


def test_a_50_mb_file_is_refused(manager_client):
    content = b"reference," + b" " * (50 * 1024 * 1024)
    response = manager_client.post(import_url(), upload(content, name="huge.csv"))
    assert "Error: The file is 50 MB; the largest file that can be imported is 10 MB." in (
        page_text(response)
    )
    assert Action.objects.count() == 0


def test_a_workbook_that_unpacks_huge_is_refused_on_the_upload_page(manager_client):
    from tests.spreadsheets.test_import_limits import rebuilt, small_workbook

    response = manager_client.post(
        import_url(), upload(rebuilt(small_workbook(), padding_mb=60), name="bomb.xlsx")
    )
    assert response.status_code == 200
    assert "Error: The workbook unpacks to 60 MB; the most that can be imported is 50 MB." in (
        page_text(response)
    )
    assert not PendingUpload.objects.exists()


# Confirming


def test_confirming_imports_the_previewed_file_and_records_the_manager(
    manager_client, manager, plan
):
    token = token_of(manager_client.post(import_url(), upload(GOOD_FILE)))
    response = manager_client.post(confirm_url(), {"token": token}, follow=True)
    assert response.status_code == 200
    assert "sutton-wsoa.csv imported: 2 actions created, 0 updated, 0 unchanged." in page_text(
        response
    )
    assert plan.actions.count() == 2
    record = plan.actions.get(reference="1.1.1").history.get()
    assert (record.history_user, record.history_change_reason) == (
        manager,
        "Imported from sutton-wsoa.csv",
    )


def test_the_corrected_file_imports_after_the_problems_are_fixed(manager_client, plan):
    manager_client.post(import_url(), upload(BAD_FILE))
    fixed = csv_bytes(
        [
            new_row("1.1.1", status="Blue", evidence="Minutes", completed_date="01/05/2018"),
            new_row("1.1.2", due_date="28/02/2019"),
            new_row("1.1.3"),
        ]
    )
    token = token_of(manager_client.post(import_url(), upload(fixed)))
    manager_client.post(confirm_url(), {"token": token})
    assert plan.actions.count() == 3
    assert plan.actions.get(reference="1.1.1").status == BRAG.BLUE


def test_an_upload_is_confirmed_only_once(manager_client, plan):
    token = token_of(manager_client.post(import_url(), upload(GOOD_FILE)))
    assert PendingUpload.objects.filter(token=token).exists()
    manager_client.post(confirm_url(), {"token": token})
    assert not PendingUpload.objects.exists()
    response = manager_client.post(confirm_url(), {"token": token}, follow=True)
    assert "That upload has expired. Upload the file again to import it." in page_text(response)
    assert plan.actions.count() == 2


def test_a_token_from_another_session_imports_nothing(client, manager_client, plan):
    token = token_of(manager_client.post(import_url(), upload(GOOD_FILE)))
    other_manager = UserFactory(username="deputy")
    MembershipFactory(user=other_manager, local_area=plan.local_area, role="programme_manager")
    client.logout()
    client.force_login(other_manager)
    client.post(confirm_url(), {"token": token})
    assert Action.objects.count() == 0


def test_a_file_with_nothing_new_offers_nothing_to_import(manager_client, plan):
    token = token_of(manager_client.post(import_url(), upload(GOOD_FILE)))
    manager_client.post(confirm_url(), {"token": token})
    response = manager_client.post(import_url(), upload(GOOD_FILE))
    text = page_text(response)
    assert "Actions unchanged 2" in text
    assert "There is nothing to import" in text
    assert token_of(response) == ""


def test_confirming_needs_a_post(manager_client):
    assert manager_client.get(confirm_url()).status_code == 405


def test_the_error_summary_links_to_a_problem_list_that_can_take_focus(manager_client, plan):
    html = manager_client.post(import_url(), upload(BAD_FILE)).content.decode()
    assert 'href="#problems"' in html
    target = re.search(r'<[^>]* id="problems"[^>]*>', html).group(0)
    assert 'tabindex="-1"' in target


def test_the_download_links_name_the_plan_for_screen_reader_users(manager_client, plan):
    html = manager_client.get(import_url()).content.decode()
    links = re.findall(r'<a [^>]*href="[^"]*export\.(?:csv|xlsx)"[^>]*>(.*?)</a>', html)
    texts = [re.sub(r"<[^>]+>", "", link) for link in links]
    assert texts == ["CSV file of the current plan", "Excel workbook of the current plan"]
