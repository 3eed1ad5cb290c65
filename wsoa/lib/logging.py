"""Logging helpers named in settings.LOGGING."""

import logging

from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404

# Refusals the service makes on purpose: the message says what was refused, and the traceback
# would only show Django's own request handling.
EXPECTED_REFUSALS = (PermissionDenied, Http404, BadRequest, SuspiciousOperation)


class RefusalsOnOneLine(logging.Filter):
    """Log an expected refusal (403, 404, 400) as its one-line message, without the traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], EXPECTED_REFUSALS):
            record.exc_info = None
            record.exc_text = None
        return True
