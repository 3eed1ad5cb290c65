"""Keep an uploaded file between a preview and the person's confirmation, on any web server.

The file waits as a `PendingUpload`: in the database by default, or in the shared storage
settings.IMPORT_UPLOAD_STORAGE names (S3, Azure), never on one server's own disk. Only the
person's session holds the token that finds it, and only for the person and area it was
uploaded for. Confirming takes it (once: a second confirmation finds nothing). Uploads older
than a day are removed whenever another is kept.
"""

import datetime as dt
import re
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from inspections.models import LocalArea
from spreadsheets.models import PendingUpload, upload_storage

SESSION_KEY = "pending_uploads"
MAX_AGE = dt.timedelta(days=1)
# A person previewing file after file keeps only their latest few.
MAX_PER_SESSION = 5
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


@dataclass(frozen=True)
class TakenUpload:
    name: str
    size: int
    content: bytes


def _in_storage() -> bool:
    return bool(settings.IMPORT_UPLOAD_STORAGE)


def _delete(uploads) -> None:
    """Delete pending uploads, and their files when they wait in a storage."""
    for upload in uploads:
        if upload.stored_name:
            upload_storage().delete(upload.stored_name)
        upload.delete()


def remove_stale(*, now: dt.datetime | None = None) -> None:
    cutoff = (now or timezone.now()) - MAX_AGE
    _delete(PendingUpload.objects.filter(created__lt=cutoff).defer("content"))


@transaction.atomic
def keep(request: HttpRequest, upload: UploadedFile, *, owner: User, area: LocalArea) -> str:
    """Store `upload` for a later request of this session; returns the token that finds it."""
    remove_stale()
    token = secrets.token_urlsafe(24)
    upload.seek(0)
    content = upload.read()
    pending = PendingUpload(
        token=token, owner=owner, local_area=area, name=upload.name or "", size=len(content)
    )
    if _in_storage():
        pending.stored_name = upload_storage().save(f"imports/{token}.upload", ContentFile(content))
    else:
        pending.content = content
    pending.full_clean(exclude=["content"])
    pending.save()
    tokens = [*request.session.get(SESSION_KEY, []), token]
    for old in tokens[:-MAX_PER_SESSION]:
        _delete(PendingUpload.objects.filter(token=old).defer("content"))
    request.session[SESSION_KEY] = tokens[-MAX_PER_SESSION:]
    return token


def _mine(request: HttpRequest, token: str, *, owner: User, area: LocalArea):
    if not _TOKEN.match(token or "") or token not in request.session.get(SESSION_KEY, []):
        return PendingUpload.objects.none()
    return PendingUpload.objects.filter(
        token=token, owner=owner, local_area=area, created__gte=timezone.now() - MAX_AGE
    )


@transaction.atomic
def take(request: HttpRequest, token: str, *, owner: User, area: LocalArea) -> TakenUpload | None:
    """The upload this session kept under `token`, removed so it cannot be confirmed twice."""
    pending = (
        _mine(request, token, owner=owner, area=area).select_for_update(skip_locked=True).first()
    )
    if pending is None:
        return None
    forget(request, token)
    if pending.stored_name:
        with upload_storage().open(pending.stored_name, "rb") as file:
            content = file.read()
    else:
        content = bytes(pending.content)
    taken = TakenUpload(name=pending.name, size=pending.size, content=content)
    _delete([pending])
    return taken


def forget(request: HttpRequest, token: str) -> None:
    tokens = request.session.get(SESSION_KEY, [])
    if token in tokens:
        request.session[SESSION_KEY] = [t for t in tokens if t != token]
