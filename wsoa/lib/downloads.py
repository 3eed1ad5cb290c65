"""Files the browser saves rather than shows."""

from django.http import HttpResponse


def download(content: bytes | str, *, content_type: str, file_name: str) -> HttpResponse:
    """A response the browser saves as `file_name`."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response
