from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models

from inspections.models import LocalArea


def upload_storage() -> Storage:
    """The shared storage IMPORT_UPLOAD_STORAGE names, where uploads wait when it is set."""
    return storages["imports"]


class PendingUpload(models.Model):
    """A spreadsheet uploaded for import, waiting between its preview and its confirmation.

    Kept where every web server can reach it: its bytes in `content` by default, or in the
    storage IMPORT_UPLOAD_STORAGE names (then `stored_name` finds it). Only the uploader's session
    knows the token; the confirmation takes the upload and deletes it.
    """

    token = models.CharField(max_length=64, unique=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pending_uploads"
    )
    local_area = models.ForeignKey(
        LocalArea, on_delete=models.CASCADE, related_name="pending_uploads"
    )
    name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    content = models.BinaryField(blank=True, editable=False)
    # The file's name in that storage; empty when the bytes are in `content`.
    stored_name = models.CharField(max_length=255, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            # The clear-out of uploads nobody confirmed: WHERE created < %s.
            models.Index(fields=["created"], name="pending_upload_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.token[:6]}…)"
