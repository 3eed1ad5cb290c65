"""Keep an uploaded file on disk between a preview and the person's confirmation.

The file is stored under settings.IMPORT_UPLOAD_DIR with a random name; only the person's
session knows that name, so nobody else can confirm (or read) it. Files older than a day are
removed whenever another is kept.
"""

import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest

SESSION_KEY = "pending_uploads"
MAX_AGE_SECONDS = 24 * 60 * 60
# A person previewing file after file keeps only their latest few.
MAX_PER_SESSION = 5
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


@dataclass(frozen=True)
class PendingUpload:
    token: str
    name: str
    size: int
    path: Path


def _directory() -> Path:
    directory = Path(settings.IMPORT_UPLOAD_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def _remove_stale(directory: Path) -> None:
    cutoff = time.time() - MAX_AGE_SECONDS
    for path in directory.glob("*.upload"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except FileNotFoundError:
            pass


def keep(request: HttpRequest, upload: UploadedFile, *, purpose: str) -> str:
    """Store `upload` for a later request of this session; returns the token that finds it."""
    directory = _directory()
    _remove_stale(directory)
    token = secrets.token_urlsafe(24)
    upload.seek(0)
    with (directory / f"{token}.upload").open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    pending = dict(request.session.get(SESSION_KEY, {}))
    pending[token] = {"purpose": purpose, "name": upload.name, "size": upload.size}
    for old in list(pending)[:-MAX_PER_SESSION]:
        _forget(request, pending, old)
    request.session[SESSION_KEY] = pending
    return token


def find(request: HttpRequest, token: str, *, purpose: str) -> PendingUpload | None:
    """The upload kept under `token` by this session for `purpose`, if it is still there."""
    entry = request.session.get(SESSION_KEY, {}).get(token)
    if not _TOKEN.match(token or "") or not entry or entry["purpose"] != purpose:
        return None
    path = _directory() / f"{token}.upload"
    if not path.is_file():
        return None
    return PendingUpload(token=token, name=entry["name"], size=entry["size"], path=path)


def discard(request: HttpRequest, token: str) -> None:
    pending = dict(request.session.get(SESSION_KEY, {}))
    _forget(request, pending, token)
    request.session[SESSION_KEY] = pending


def _forget(request: HttpRequest, pending: dict, token: str) -> None:
    if pending.pop(token, None) is not None and _TOKEN.match(token):
        (_directory() / f"{token}.upload").unlink(missing_ok=True)
