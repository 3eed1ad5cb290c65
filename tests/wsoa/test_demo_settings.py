"""`make run` serves the demo with the environment DEMO_ENV in the Makefile: DEBUG off."""

import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Requests made inside a fresh process: settings are read from the environment only once.
REQUESTS = """
import django
django.setup()
from django.test import Client
client = Client()
unknown = client.get("/", headers={"host": "wsoa.example.org"})
missing = client.get("/no-such-page/", headers={"host": "127.0.0.1:8000"})
print(unknown.status_code, missing.status_code)
print(missing.content.decode())
"""


def demo_environment() -> dict[str, str]:
    makefile = (ROOT / "Makefile").read_text()
    definition = re.search(r"^DEMO_ENV := ((?:.*\\\n)*.*)$", makefile, re.MULTILINE)
    assert definition, "the Makefile defines DEMO_ENV"
    words = shlex.split(definition.group(1).replace("\\\n", " "))
    environment = dict(word.split("=", 1) for word in words)
    # What make fills in when it runs: the generated key, the database file, the port.
    environment.update(SECRET_KEY="demo-settings-test", DATABASE_URL="sqlite://:memory:")
    environment["SITE_URL"] = environment["SITE_URL"].replace("$(PORT)", "8000")
    return environment


def serve_in_demo_settings() -> subprocess.CompletedProcess:
    environment = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "wsoa.settings"}
    return subprocess.run(
        [sys.executable, "-c", REQUESTS],
        env={**environment, **demo_environment()},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_demo_runs_with_debug_off_on_loopback_host_names_over_plain_http():
    environment = demo_environment()
    assert environment["DEBUG"] == "false"
    assert environment["ALLOWED_HOSTS"] == "127.0.0.1,localhost"
    assert environment["SECURE_COOKIES"] == "false"
    assert environment["SECURE_SSL_REDIRECT"] == "false"
    assert environment["SECURE_HSTS_SECONDS"] == "0"


def test_the_demo_refuses_an_unknown_host_and_shows_its_own_404_page():
    result = serve_in_demo_settings()
    assert result.returncode == 0, result.stderr
    statuses, page = result.stdout.split("\n", 1)
    assert statuses == "400 404"
    assert "<title>Page not found – WSoA tracker</title>" in page
    assert "URLconf" not in page
    assert "Traceback" not in result.stderr
