"""HTTPS, HSTS, cookies and the Content-Security-Policy, as production gets them."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from tests.scenarios import build_sutton
from wsoa.lib.env import env_proxy_ssl_header

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "PATH": "/usr/bin:/bin",
    "DEBUG": "false",
    "SECRET_KEY": "k2V9-production-like-secret-key-of-more-than-fifty-characters-x7Qp",
    "ALLOWED_HOSTS": "wsoa.example.org",
    "DATABASE_URL": "sqlite://:memory:",
}
NAMES = [
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_PROXY_SSL_HEADER",
]


def settings_with(**env) -> dict:
    code = (
        "import json, wsoa.settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {NAMES!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**PRODUCTION, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_is_https_only_by_default():
    values = settings_with()
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] == 365 * 24 * 60 * 60
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] is None


def test_each_https_setting_can_be_turned_off_for_a_plain_http_demo():
    values = settings_with(
        SECURE_SSL_REDIRECT="false", SECURE_HSTS_SECONDS="0", SECURE_COOKIES="no"
    )
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SECURE_HSTS_SECONDS"] == 0
    assert values["SESSION_COOKIE_SECURE"] is False
    assert values["CSRF_COOKIE_SECURE"] is False


def test_a_proxy_that_ends_tls_is_named_by_its_header():
    values = settings_with(SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO")
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_a_proxy_header_can_carry_its_own_value(monkeypatch):
    monkeypatch.setenv("PROXY", "HTTP_X_FORWARDED_SSL=on")
    assert env_proxy_ssl_header("PROXY") == ("HTTP_X_FORWARDED_SSL", "on")


def test_a_proxy_header_not_as_django_sees_it_is_an_error(monkeypatch):
    monkeypatch.setenv("PROXY", "X-Forwarded-Proto")
    with pytest.raises(ImproperlyConfigured, match="HTTP_X_FORWARDED_PROTO"):
        env_proxy_ssl_header("PROXY")


def test_the_deployment_checklist_passes_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=PRODUCTION,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


# --- responses ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/accessibility/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/accessibility/"


@pytest.mark.django_db
def test_a_request_the_proxy_says_came_over_https_is_not_redirected(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = client.get("/accessibility/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@pytest.mark.django_db
def test_https_responses_carry_hsts(client):
    response = client.get("/accessibility/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000; includeSubDomains")


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_without_unsafe_inline(client):
    response = client.get("/accounts/login/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


@pytest.mark.django_db
def test_every_inline_script_carries_the_nonce_of_its_response(client):
    first = client.get("/accounts/login/")
    nonce = re.search(r"script-src 'self' 'nonce-([^']+)'", first["Content-Security-Policy"])[1]
    scripts = re.findall(r"<script[^>]*>", first.text)
    assert len(scripts) == 2
    assert all(f'nonce="{nonce}"' in tag for tag in scripts)
    second = client.get("/accounts/login/")
    assert nonce not in second["Content-Security-Policy"]


def test_no_template_has_a_script_without_a_nonce():
    for template in (ROOT / "templates").rglob("*.html"):
        for tag in re.findall(r"<script[^>]*>", template.read_text()):
            assert "nonce=" in tag, f"{template}: {tag}"


@pytest.mark.django_db
def test_a_not_modified_answer_carries_no_policy(client):
    # Its policy would have no nonce, and the browser lays it over the page it kept.
    build_sutton()
    kept = client.get("/progress/sutton/")
    response = client.get("/progress/sutton/", headers={"if-modified-since": kept["Last-Modified"]})
    assert response.status_code == 304
    assert "Content-Security-Policy" not in response
