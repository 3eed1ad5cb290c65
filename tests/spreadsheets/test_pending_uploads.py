import datetime as dt

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.utils import timezone

from spreadsheets import pending_uploads
from spreadsheets.models import PendingUpload
from tests.factories import LocalAreaFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager():
    return UserFactory()


@pytest.fixture
def area():
    return LocalAreaFactory()


def a_request():
    request = RequestFactory().post("/")
    request.session = SessionStore()
    return request


def keep(request, manager, area, content=b"a,b"):
    upload = SimpleUploadedFile("plan.csv", content)
    return pending_uploads.keep(request, upload, owner=manager, area=area)


def test_a_kept_upload_waits_in_the_database_with_its_owner_and_area(manager, area):
    request = a_request()
    token = keep(request, manager, area)
    pending = PendingUpload.objects.get()
    assert (pending.token, pending.owner, pending.local_area) == (token, manager, area)
    assert (pending.name, pending.size, bytes(pending.content)) == ("plan.csv", 3, b"a,b")
    assert pending.stored_name == ""
    assert request.session[pending_uploads.SESSION_KEY] == [token]


def test_a_kept_upload_is_taken_by_its_session_only(manager, area):
    request = a_request()
    token = keep(request, manager, area)
    assert pending_uploads.take(a_request(), token, owner=manager, area=area) is None
    assert pending_uploads.take(request, token, owner=manager, area=LocalAreaFactory()) is None
    assert pending_uploads.take(request, token, owner=UserFactory(), area=area) is None
    taken = pending_uploads.take(request, token, owner=manager, area=area)
    assert (taken.name, taken.size, taken.content) == ("plan.csv", 3, b"a,b")


def test_an_upload_is_taken_only_once(manager, area):
    request = a_request()
    token = keep(request, manager, area)
    assert pending_uploads.take(request, token, owner=manager, area=area) is not None
    assert pending_uploads.take(request, token, owner=manager, area=area) is None
    assert not PendingUpload.objects.exists()


def test_uploads_older_than_a_day_are_cleared_out(manager, area):
    stale_token = keep(a_request(), manager, area)
    two_days_ago = timezone.now() - dt.timedelta(days=2)
    PendingUpload.objects.filter(token=stale_token).update(created=two_days_ago)
    keep(a_request(), manager, area)
    assert not PendingUpload.objects.filter(token=stale_token).exists()
    assert PendingUpload.objects.count() == 1


def test_an_upload_past_a_day_old_is_not_taken(manager, area):
    request = a_request()
    token = keep(request, manager, area)
    PendingUpload.objects.update(created=timezone.now() - dt.timedelta(days=1, minutes=1))
    assert pending_uploads.take(request, token, owner=manager, area=area) is None


def test_a_session_keeps_only_its_latest_few_uploads(manager, area):
    request = a_request()
    tokens = [
        keep(request, manager, area, b"a") for _ in range(pending_uploads.MAX_PER_SESSION + 2)
    ]
    assert PendingUpload.objects.count() == pending_uploads.MAX_PER_SESSION
    assert pending_uploads.take(request, tokens[0], owner=manager, area=area) is None
    assert pending_uploads.take(request, tokens[-1], owner=manager, area=area) is not None


def test_a_configured_storage_holds_the_file_instead_of_the_database(
    settings, tmp_path, manager, area
):
    settings.IMPORT_UPLOAD_STORAGE = "django.core.files.storage.FileSystemStorage"
    settings.STORAGES = {
        **settings.STORAGES,
        "imports": {"BACKEND": settings.IMPORT_UPLOAD_STORAGE, "OPTIONS": {"location": tmp_path}},
    }
    request = a_request()
    token = keep(request, manager, area)
    pending = PendingUpload.objects.get()
    assert bytes(pending.content) == b""
    assert (tmp_path / pending.stored_name).read_bytes() == b"a,b"
    taken = pending_uploads.take(request, token, owner=manager, area=area)
    assert taken.content == b"a,b"
    assert not (tmp_path / pending.stored_name).exists()
