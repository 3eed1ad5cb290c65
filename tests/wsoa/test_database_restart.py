"""A database restart costs no failed request: gunicorn, configured by gunicorn.conf.py, serves
from a PostgreSQL cluster of the test's own, which is restarted between two runs of requests."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.conf import settings

from tests.throwaway_cluster import Cluster, free_port, throwaway_cluster

BEFORE, AFTER = 40, 80
# Each request reads the database (the published local areas).
PAGE = "/progress/"


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    with throwaway_cluster("wsoa_restart") as cluster:
        cluster.psql("CREATE DATABASE wsoa")
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--no-input"],
            cwd=settings.BASE_DIR,
            env=service_env(cluster),
            check=True,
            capture_output=True,
            timeout=600,
        )
        yield cluster


def service_env(cluster: Cluster, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": cluster.url("wsoa"),
        "SECRET_KEY": "restart-test-only",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "CRITICAL",
        # Plain HTTP on loopback, as the demo serves it: no redirect to HTTPS.
        "SECURE_COOKIES": "false",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        **extra,
    }


@contextmanager
def gunicorn(cluster: Cluster, app: str = "wsoa.wsgi:application") -> Iterator[str]:
    port = free_port(range(8100, 8200))
    env = service_env(
        cluster,
        GUNICORN_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="2",
        GUNICORN_THREADS="2",
    )
    # Run from the project directory, where gunicorn finds gunicorn.conf.py.
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", app],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while status(base + PAGE) != 200:
            assert server.poll() is None, "gunicorn stopped"
            assert time.monotonic() < deadline, "gunicorn did not answer in 60 seconds"
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=60)


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def requests(base: str, count: int) -> Counter:
    return Counter(status(base + PAGE) for _ in range(count))


def test_after_a_database_restart_every_request_succeeds(cluster):
    with gunicorn(cluster) as base:
        assert requests(base, BEFORE) == {200: BEFORE}
        cluster.ctl("restart")
        assert requests(base, AFTER) == {200: AFTER}


def test_without_health_checks_the_same_restart_fails_requests(cluster):
    # The failure the health checks prevent, so the test above cannot pass by accident.
    with gunicorn(cluster, "tests.wsoa.wsgi_without_health_checks:application") as base:
        assert requests(base, BEFORE) == {200: BEFORE}
        cluster.ctl("restart")
        after = requests(base, AFTER)
    assert after[500] >= 1
    assert after[200] + after[500] == AFTER


def test_the_database_settings_check_connections_before_reuse():
    database = settings.DATABASES["default"]
    assert database["CONN_HEALTH_CHECKS"] is True
    assert database["CONN_MAX_AGE"] > 0
