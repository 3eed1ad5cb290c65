"""The security log: one JSON object a line on the `wsoa.security` logger.

Every line has `event`; most have the `user` who acted and the `ip` the request came from.
Passwords, codes and session keys are never logged.
"""

import json
import logging
from typing import Any

from django.http import HttpRequest

from accounts.backends import client_ip

logger = logging.getLogger("wsoa.security")

# Usernames typed at sign-in can be anything; a log line keeps at most this much of one.
MAX_FIELD = 150


def security_event(
    event: str, *, request: HttpRequest | None = None, user: Any = None, **fields: Any
) -> None:
    """Log `event` with the acting user, the client address and `fields`."""
    record: dict[str, Any] = {"event": event}
    if user is None and request is not None:
        user = getattr(request, "user", None)
    if user is not None and getattr(user, "is_authenticated", False):
        record["user"] = user.get_username()
        record["user_id"] = user.pk
    if request is not None:
        record["ip"] = client_ip(request)
    for name, value in fields.items():
        if isinstance(value, str):
            value = value[:MAX_FIELD]
        record[name] = value
    logger.info(json.dumps(record, default=str, ensure_ascii=True))


def plan_imported_event(*, plan: Any, actor: Any, result: Any) -> None:
    """One line for a saved spreadsheet import, from a screen or the import_plan command."""
    security_event(
        "plan_imported",
        user=actor,
        plan_id=plan.pk,
        file=result.file_name,
        created=len(result.created),
        updated=len(result.updated),
    )
