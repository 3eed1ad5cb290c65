"""A PostgreSQL cluster of a test's own, for faults the shared server must never see.

Made with Debian's postgresql-common (`pg_createcluster`), which needs root; the cluster
trusts local connections, listens on a free port from 5440 and is dropped afterwards.
"""

import os
import shutil
import socket
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest

PG_VERSION = "15"
PORTS = range(5440, 5500)


@dataclass(frozen=True)
class Cluster:
    name: str
    port: int

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def ctl(self, action: str) -> None:
        """start, stop or restart (fast: open sessions are cut off, as in a real restart)."""
        command = ["pg_ctlcluster", "--skip-systemctl-redirect", PG_VERSION, self.name, action]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def psql(self, sql: str, database: str = "postgres") -> str:
        command = ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres"]
        command += ["-d", database, "-v", "ON_ERROR_STOP=1", "-Atqc", sql]
        return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def _taken_ports() -> set[int]:
    listing = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True).stdout
    return {int(line.split()[2]) for line in listing.splitlines() if line.strip()}


def free_port(candidates=PORTS) -> int:
    taken = _taken_ports()
    for port in candidates:
        if port in taken:
            continue
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        return port
    raise RuntimeError(f"No free port in {candidates}.")


@contextmanager
def throwaway_cluster(prefix: str) -> Iterator[Cluster]:
    if shutil.which("pg_createcluster") is None or os.geteuid() != 0:
        pytest.fail(
            f"This test starts its own PostgreSQL {PG_VERSION} cluster: it needs root and "
            "postgresql-common's pg_createcluster."
        )
    cluster = Cluster(name=f"{prefix}_{os.getpid()}", port=free_port())
    create = ["pg_createcluster", PG_VERSION, cluster.name, "--port", str(cluster.port)]
    subprocess.run([*create, "--", "--auth=trust"], check=True, capture_output=True, timeout=120)
    try:
        cluster.ctl("start")
        yield cluster
    finally:
        subprocess.run(
            ["pg_dropcluster", PG_VERSION, cluster.name, "--stop"], capture_output=True, timeout=120
        )
