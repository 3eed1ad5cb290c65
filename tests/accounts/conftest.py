import json

import pytest

from tests.factories import UserFactory


@pytest.fixture
def olu(db):
    return UserFactory(username="olu", first_name="Olu", last_name="Adeyemi")


@pytest.fixture
def security_log(caplog):
    """The security log's lines so far, as dictionaries."""
    caplog.set_level("INFO", logger="wsoa.security")

    def lines(event: str | None = None) -> list[dict]:
        found = [
            json.loads(record.getMessage())
            for record in caplog.records
            if record.name == "wsoa.security"
        ]
        return [line for line in found if event is None or line["event"] == event]

    return lines
