import os
import time

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from spreadsheets import pending_uploads


@pytest.fixture(autouse=True)
def upload_dir(settings, tmp_path):
    settings.IMPORT_UPLOAD_DIR = tmp_path
    return tmp_path


def a_request():
    request = RequestFactory().post("/")
    request.session = SessionStore()
    return request


@pytest.mark.django_db
def test_a_kept_upload_is_found_again_by_its_session_only():
    request = a_request()
    token = pending_uploads.keep(request, SimpleUploadedFile("plan.csv", b"a,b"), purpose="p")
    found = pending_uploads.find(request, token, purpose="p")
    assert (found.name, found.size, found.path.read_bytes()) == ("plan.csv", 3, b"a,b")
    assert pending_uploads.find(a_request(), token, purpose="p") is None
    assert pending_uploads.find(request, token, purpose="another area") is None


@pytest.mark.django_db
def test_a_discarded_upload_is_deleted(upload_dir):
    request = a_request()
    token = pending_uploads.keep(request, SimpleUploadedFile("plan.csv", b"a,b"), purpose="p")
    pending_uploads.discard(request, token)
    assert pending_uploads.find(request, token, purpose="p") is None
    assert list(upload_dir.iterdir()) == []


@pytest.mark.django_db
def test_uploads_older_than_a_day_are_cleared_out(upload_dir):
    stale = upload_dir / "old-token-that-was-never-confirmed.upload"
    stale.write_bytes(b"x")
    two_days_ago = time.time() - 2 * 24 * 60 * 60
    os.utime(stale, (two_days_ago, two_days_ago))
    pending_uploads.keep(a_request(), SimpleUploadedFile("plan.csv", b"a,b"), purpose="p")
    assert not stale.exists()


@pytest.mark.django_db
def test_a_session_keeps_only_its_latest_few_uploads(upload_dir):
    request = a_request()
    tokens = [
        pending_uploads.keep(request, SimpleUploadedFile("plan.csv", b"a"), purpose="p")
        for _ in range(pending_uploads.MAX_PER_SESSION + 2)
    ]
    assert pending_uploads.find(request, tokens[0], purpose="p") is None
    assert pending_uploads.find(request, tokens[-1], purpose="p") is not None
    assert len(list(upload_dir.iterdir())) == pending_uploads.MAX_PER_SESSION
