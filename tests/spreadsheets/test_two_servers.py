"""An upload previewed on one web server is confirmed on another.

Two gunicorn servers, each with its own scratch disk, share one PostgreSQL database made for
this test (migrated with manage.py, dropped afterwards), as two machines behind a load
balancer would. A person signs in, previews a file on the first and confirms on the second.
"""

import http.cookiejar
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from tests.spreadsheets.plan_files import csv_bytes, new_row

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PASSWORD = "correct horse battery staple"
SEED = f"""
from actions.models import Membership
from tests.factories import AreaOfWeaknessFactory, LocalAreaFactory, MembershipFactory
from tests.factories import PlanFactory, UserFactory
plan = PlanFactory(local_area=LocalAreaFactory(name="Sutton", slug="sutton"))
AreaOfWeaknessFactory(inspection=plan.inspection, number=1, short_title="Joint working")
manager = UserFactory(username="manager")
manager.set_password({PASSWORD!r})
manager.save()
MembershipFactory(user=manager, local_area=plan.local_area, role=Membership.Role.PROGRAMME_MANAGER)
"""
FILE = csv_bytes([new_row(f"1.1.{n}") for n in range(1, 4)])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def database(django_db_blocker):
    """A database of its own, which both servers and this test reach by DATABASE_URL."""
    name = f"wsoa_two_servers_{secrets.token_hex(4)}"
    settings = connection.settings_dict
    with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    auth = settings["USER"] + (f":{settings['PASSWORD']}" if settings["PASSWORD"] else "")
    host = f"{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
    try:
        yield f"postgres://{auth}@{host}/{name}"
    finally:
        with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def environment(database_url: str, scratch: Path) -> dict[str, str]:
    scratch.mkdir(parents=True, exist_ok=True)
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "two-servers-test-only",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "http://127.0.0.1",
        "SECURE_COOKIES": "false",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        # Each server's own disk, as on separate machines.
        "TMPDIR": str(scratch),
        "IMPORT_UPLOAD_DIR": str(scratch / "imports"),
    }


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


@pytest.fixture
def servers(database, tmp_path):
    env = environment(database, tmp_path / "setup")
    manage(env, "migrate", "--no-input")
    manage(env, "shell", "-c", SEED)
    processes, urls = [], []
    try:
        for name in ("first", "second"):
            port = free_port()
            log = (tmp_path / f"{name}.log").open("wb")
            processes.append(
                subprocess.Popen(
                    [
                        str(BIN / "gunicorn"),
                        "wsoa.wsgi",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--workers",
                        "1",
                        "--timeout",
                        "120",
                    ],
                    cwd=ROOT,
                    env=environment(database, tmp_path / name),
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
            urls.append(f"http://127.0.0.1:{port}")
        for url in urls:
            wait_until_serving(url)
        yield urls
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


def wait_until_serving(url: str) -> None:
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(f"{url}/accounts/login/", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.5)


class Browser:
    """Cookies shared across both servers, as one host name in front of both would."""

    def __init__(self) -> None:
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, url: str) -> str:
        with self.opener.open(url, timeout=60) as response:
            return response.read().decode()

    def post(self, url: str, fields: dict[str, str], files: dict | None = None) -> str:
        if files:
            boundary = secrets.token_hex(16)
            parts = []
            for name, value in fields.items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                    f"{value}\r\n".encode()
                )
            for name, (file_name, content) in files.items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                    f'filename="{file_name}"\r\nContent-Type: text/csv\r\n\r\n'.encode()
                    + content
                    + b"\r\n"
                )
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            content_type = f"multipart/form-data; boundary={boundary}"
        else:
            body = urllib.parse.urlencode(fields).encode()
            content_type = "application/x-www-form-urlencoded"
        request = urllib.request.Request(url, data=body, headers={"Content-Type": content_type})
        with self.opener.open(request, timeout=60) as response:
            return response.read().decode()


def csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_an_upload_previewed_on_one_server_is_confirmed_on_another(servers):
    first, second = servers
    browser = Browser()
    login = browser.get(f"{first}/accounts/login/")
    browser.post(
        f"{first}/accounts/login/",
        {"csrfmiddlewaretoken": csrf_token(login), "username": "manager", "password": PASSWORD},
    )
    form = browser.get(f"{first}/areas/sutton/import/")
    preview = browser.post(
        f"{first}/areas/sutton/import/",
        {"csrfmiddlewaretoken": csrf_token(form)},
        files={"file": ("sutton-wsoa.csv", FILE)},
    )
    token = re.search(r'name="token" value="([^"]+)"', preview).group(1)

    done = browser.post(
        f"{second}/areas/sutton/import/confirm/",
        {"csrfmiddlewaretoken": csrf_token(preview), "token": token},
    )
    assert "That upload has expired" not in text(done)
    assert "sutton-wsoa.csv imported: 3 actions created, 0 updated, 0 unchanged." in text(done)

    again = browser.post(
        f"{first}/areas/sutton/import/confirm/",
        {"csrfmiddlewaretoken": csrf_token(preview), "token": token},
    )
    assert "That upload has expired. Upload the file again to import it." in text(again)
