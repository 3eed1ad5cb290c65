"""The accessibility statement follows the GOV.UK sample and names this installation."""

import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from wsoa.lib.env import env_date

SECTIONS = [
    "Accessibility statement for WSoA tracker",
    "How accessible this website is",
    "Feedback and contact information",
    "Reporting accessibility problems with this website",
    "Enforcement procedure",
    "Technical information about this website",
    "Compliance status",
    "Non-accessible content",
    "What we're doing to improve accessibility",
    "Preparation of this accessibility statement",
]


def _statement(client) -> str:
    return client.get("/accessibility/").content.decode().replace("&#x27;", "'")


@pytest.mark.django_db
@pytest.mark.parametrize("heading", SECTIONS)
def test_the_statement_has_each_section_of_the_govuk_sample(client, heading):
    assert heading in _statement(client)


@pytest.mark.django_db
def test_the_statement_links_to_the_equality_advisory_and_support_service(client):
    html = _statement(client)
    assert 'href="https://www.equalityadvisoryservice.com/"' in html
    assert "Equality and Human Rights Commission" in html


@pytest.mark.django_db
def test_the_statement_says_the_admin_is_for_superusers_and_not_accessible(client):
    html = _statement(client)
    assert "only superusers can open" in html
    assert "<code>/admin/</code>" in html


@pytest.mark.django_db
@override_settings(
    ACCESSIBILITY_ORGANISATION="London Borough of Sutton and NHS South West London",
    ACCESSIBILITY_CONTACT_EMAIL="send.improvement@sutton.gov.uk",
    ACCESSIBILITY_CONTACT_PHONE="020 8770 5000",
    ACCESSIBILITY_RESPONSE_DAYS=10,
    ACCESSIBILITY_PREPARED_DATE=dt.date(2025, 3, 14),
    ACCESSIBILITY_REVIEWED_DATE=dt.date(2026, 9, 1),
)
def test_the_statement_shows_the_installations_own_details(client):
    html = _statement(client)
    assert "run by London Borough of Sutton and NHS South West London" in html
    assert 'href="mailto:send.improvement@sutton.gov.uk"' in html
    assert "call 020 8770 5000" in html
    assert "get back to you in 10 working days" in html
    assert "prepared on 14 March 2025" in html
    assert "last reviewed on 1 September 2026" in html


@pytest.mark.django_db
@override_settings(ACCESSIBILITY_CONTACT_PHONE="")
def test_the_statement_offers_no_phone_number_when_none_is_set(client):
    assert "call " not in _statement(client)


def test_statement_dates_are_parsed_strictly(monkeypatch):
    monkeypatch.setenv("WHEN", "2025-03-14")
    assert env_date("WHEN", dt.date(2000, 1, 1)) == dt.date(2025, 3, 14)
    monkeypatch.setenv("WHEN", "14/03/2025")
    with pytest.raises(ImproperlyConfigured, match="WHEN='14/03/2025' is not a date"):
        env_date("WHEN", dt.date(2000, 1, 1))
