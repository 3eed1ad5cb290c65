"""The decisions of scripts/ensure-system-packages, made against a fake machine."""

from importlib.machinery import SourceFileLoader
from importlib.util import module_from_spec, spec_from_loader
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "ensure-system-packages"
LOCAL_DATABASE = "postgres://postgres@127.0.0.1:5432/wsoa"


def load_script():
    loader = SourceFileLoader("ensure_system_packages", str(SCRIPT))
    module = module_from_spec(spec_from_loader(loader.name, loader))
    loader.exec_module(module)
    return module


script = load_script()
EVERYTHING = {package.provides for package in script.PACKAGES} | {"apt-get"}
PDF_LIBRARIES = {"libpangoft2-1.0.so.0", "libharfbuzz-subset.so.0"}


class FakeMachine(script.Machine):
    def __init__(
        self,
        *,
        present=EVERYTHING,
        root=True,
        postgres_running=True,
        redis_running=True,
        clusters=(("15", "main"),),
        failing=(),
    ):
        self.redis_running = redis_running
        self.present = set(present)
        self.root = root
        self.postgres_running = postgres_running
        self.clusters = list(clusters)
        self.failing = failing
        self.commands = []

    def has(self, provides):
        return provides in self.present

    def is_root(self):
        return self.root

    def accepts_connections(self, host, port):
        if (host, port) == ("127.0.0.1", 6379):
            return self.redis_running
        return self.postgres_running and (host, port) == ("127.0.0.1", 5432)

    def postgres_clusters(self):
        return self.clusters

    def run(self, command):
        self.commands.append(command)
        if command[0] in self.failing:
            raise script.subprocess.CalledProcessError(100, command)


def run(machine, database_url=LOCAL_DATABASE):
    lines = []
    status = script.main(machine, say=lines.append, database_url=database_url)
    return status, lines


def test_when_everything_is_there_it_says_nothing_and_runs_nothing():
    machine = FakeMachine()
    assert run(machine) == (0, [])
    assert machine.commands == []


def test_missing_packages_are_installed_with_one_update_and_one_install():
    machine = FakeMachine(present={"apt-get", "redis-server", *PDF_LIBRARIES})
    status, lines = run(machine)
    assert status == 0
    assert machine.commands == [
        ["apt-get", "update", "-qq"],
        [
            "apt-get",
            "install",
            "-y",
            "-qq",
            "--no-install-recommends",
            "chromium",
            "default-jre-headless",
        ],
    ]
    assert lines == [
        "Updating the list of Debian packages (apt-get update)",
        "Installing from Debian: chromium default-jre-headless",
    ]


def test_without_root_it_names_what_to_install_and_fails():
    machine = FakeMachine(present=EVERYTHING - {"java"}, root=False)
    status, lines = run(machine)
    assert status == 1
    assert lines == [
        "The tests need Debian packages that are not installed: default-jre-headless for the "
        "Nu HTML checker.\n"
        "This needs root, so install them by hand:\n"
        "    apt-get install --no-install-recommends default-jre-headless"
    ]
    assert machine.commands == []


def test_without_apt_get_it_names_what_to_install_and_fails():
    machine = FakeMachine(present={"java", "redis-server", *PDF_LIBRARIES})
    status, lines = run(machine)
    assert status == 1
    assert lines == [
        "The tests need Debian packages that are not installed: chromium for the browser tests.\n"
        "There is no apt-get here, so install them by hand:\n"
        "    apt-get install --no-install-recommends chromium"
    ]
    assert machine.commands == []


def test_a_failed_install_fails_and_says_which_command():
    machine = FakeMachine(present={"apt-get"}, failing={"apt-get"})
    status, lines = run(machine)
    assert status == 1
    assert lines[-1] == "Failed: apt-get update -qq"
    assert len(machine.commands) == 1


def test_postgresql_installed_but_stopped_is_started():
    machine = FakeMachine(postgres_running=False, clusters=[("15", "main"), ("16", "main")])
    status, lines = run(machine)
    assert status == 0
    assert machine.commands == [
        ["pg_ctlcluster", "--skip-systemctl-redirect", "15", "main", "start"]
    ]
    assert lines == ["Starting PostgreSQL 15/main"]


def test_postgresql_stopped_without_root_says_how_to_start_it():
    machine = FakeMachine(postgres_running=False, root=False)
    status, lines = run(machine)
    assert status == 1
    assert lines == [
        "PostgreSQL 15/main is not running; start it as root: pg_ctlcluster 15 main start"
    ]
    assert machine.commands == []


def test_postgresql_neither_running_nor_installed_is_named():
    machine = FakeMachine(postgres_running=False, clusters=[])
    status, lines = run(machine)
    assert status == 1
    assert lines == [
        "PostgreSQL is not running on port 5432 and not installed here: install it "
        "(apt-get install postgresql) or point DATABASE_URL at a running server."
    ]


@pytest.mark.parametrize(
    "database_url", ["postgres://wsoa@db.internal:5432/wsoa", "sqlite:///var/wsoa.sqlite3"]
)
def test_a_database_elsewhere_is_left_alone(database_url):
    machine = FakeMachine(postgres_running=False)
    assert run(machine, database_url) == (0, [])
    assert machine.commands == []


def test_the_list_covers_what_the_browser_and_html_checks_use():
    assert [(p.name, p.provides) for p in script.PACKAGES][:2] == [
        ("chromium", "/usr/bin/chromium"),
        ("default-jre-headless", "java"),
    ]


def test_the_list_covers_the_libraries_weasyprint_loads_for_the_board_pdf():
    assert {(p.name, p.provides) for p in script.PACKAGES} >= {
        ("libpangoft2-1.0-0", "libpangoft2-1.0.so.0"),
        ("libharfbuzz-subset0", "libharfbuzz-subset.so.0"),
    }


def test_a_library_is_there_when_the_dynamic_loader_finds_it():
    machine = script.Machine()
    assert machine.has("libc.so.6")
    assert not machine.has("libno-such-library-here.so.0")


def test_a_stopped_redis_server_is_started_on_loopback():
    machine = FakeMachine(redis_running=False)
    status, lines = run(machine)
    assert status == 0
    assert lines == ["Starting redis-server on 127.0.0.1:6379"]
    [command] = machine.commands
    assert command[:3] == ["redis-server", "--daemonize", "yes"]
    assert "127.0.0.1" in command


def test_a_running_redis_server_is_left_alone():
    machine = FakeMachine(redis_running=True)
    assert run(machine) == (0, [])
