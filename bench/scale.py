"""The national-scale benchmark: every page, the raw-SQL floor, plan sizes, and load.

    make bench            # or, by hand:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wsoa_bench SECRET_KEY=bench DEBUG=false \\
        ALLOWED_HOSTS=testserver,127.0.0.1 SECURE_SSL_REDIRECT=false \\
        .venv/bin/python bench/scale.py [--areas 150 --actions 300 --months 24] [--repeat 30]

Runs against its own database (never the live one): builds it with `generate_scale_data`
when it holds no scale data yet (150 areas × 300 actions × 24 months, then one area each of
100, 1,000 and 3,000 actions), then
1. times every page of the product for one 300-action area, in process (median and p95 of
   the server's time, with the page's queries);
2. runs the raw-SQL floor for the dashboard's figures on the same tables and prints each
   page's data time (the selector) and page time as a ratio to it;
3. repeats the dashboard for areas of 100, 300, 1,000 and 3,000 actions;
4. starts gunicorn (2 workers, Redis cache) on loopback and measures requests a second and
   p95 with `wrk` for the public area page and the signed-in dashboard.
Writes bench/RESULTS.md, with a description of the machine.
"""

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wsoa.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from actions.models import BRAG, Action, Plan  # noqa: E402
from actions.selectors import current_plan, end_of_day  # noqa: E402
from board.dates import previous_month_end  # noqa: E402
from board.selectors.dashboard import dashboard  # noqa: E402
from inspections.models import LocalArea  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS.md"
SIZES = (100, 300, 1000, 3000)
PORT = 8765


def percentile(times: list[float], share: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Timing:
    def __init__(self, label: str, times: list[float], queries: int) -> None:
        self.label, self.times, self.queries = label, times, queries

    @property
    def median(self) -> float:
        return statistics.median(self.times) * 1000

    @property
    def p95(self) -> float:
        return percentile(self.times, 0.95) * 1000


def timed(label: str, repeat: int, run: Callable[[], object], before=None) -> Timing:
    times, queries = [], 0
    run()  # warm: connections, templates, first cache fill
    for _ in range(repeat):
        if before:
            before()
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            run()
        times.append(time.perf_counter() - start)
        queries = max(queries, len(captured.captured_queries))
    print(
        f"  {label:<46} median {statistics.median(times) * 1000:7.1f} ms  "
        f"p95 {percentile(times, 0.95) * 1000:7.1f} ms  {queries:3d} queries",
        flush=True,
    )
    return Timing(label, times, queries)


# --- the data -------------------------------------------------------------------------------


def ensure_data(options) -> None:
    if not LocalArea.objects.filter(slug="scale-001").exists():
        print(
            f"Building {options.areas} areas × {options.actions} actions × {options.months} months…"
        )
        start = time.perf_counter()
        call_command(
            "generate_scale_data",
            areas=options.areas,
            actions=options.actions,
            months=options.months,
            force=True,
        )
        print(f"  built in {time.perf_counter() - start:.0f} s")
    for size in SIZES:
        if size != 300 and not LocalArea.objects.filter(slug=f"size{size}-001").exists():
            call_command(
                "generate_scale_data",
                areas=1,
                actions=size,
                months=options.months,
                prefix=f"size{size}",
                force=True,
            )
    with connection.cursor() as cursor:  # as autovacuum would have by now
        cursor.execute("VACUUM ANALYZE")


def area_for(size: int) -> LocalArea:
    return LocalArea.objects.get(slug="scale-001" if size == 300 else f"size{size}-001")


# --- the raw-SQL floor ----------------------------------------------------------------------

FLOOR_NOW = """
SELECT weakness_id, status, count(*) FROM actions_action
WHERE plan_id = %(plan)s AND (withdrawn_date IS NULL OR withdrawn_date > %(today)s)
GROUP BY weakness_id, status
"""
FLOOR_AS_AT = """
SELECT weakness_id, status, count(*) FROM (
  SELECT DISTINCT ON (id) id, weakness_id, status, withdrawn_date, history_type
  FROM actions_historicalaction WHERE plan_id = %(plan)s AND history_date < %(cutoff)s
  ORDER BY id, history_date DESC, history_id DESC) latest
WHERE history_type <> '-' AND (withdrawn_date IS NULL OR withdrawn_date > %(since)s)
GROUP BY weakness_id, status
"""
FLOOR_SERIES = """
WITH spans AS (
  SELECT status, history_type, history_date,
         lead(history_date) OVER (PARTITION BY id ORDER BY history_date, history_id) AS until
  FROM actions_historicalaction WHERE plan_id = %(plan)s),
ends AS MATERIALIZED (
  SELECT day, (day + 1)::timestamptz AS cutoff FROM (
    SELECT (date_trunc('month', %(today)s::date) - make_interval(months => n)
            - interval '1 day')::date AS day
    FROM generate_series(0, 24) AS n) month_ends)
SELECT ends.day, spans.status, count(*) FROM ends JOIN spans
  ON spans.history_date < ends.cutoff AND (spans.until IS NULL OR spans.until >= ends.cutoff)
WHERE spans.history_type <> '-'
GROUP BY ends.day, spans.status
"""


def floor(plan: Plan, repeat: int) -> Timing:
    today = timezone.localdate()
    since = previous_month_end(today)
    params: dict[str, Any] = {
        "plan": plan.pk,
        "today": today,
        "since": since,
        "cutoff": end_of_day(since),
    }

    def run() -> None:
        with connection.cursor() as cursor:
            for sql in (FLOOR_NOW, FLOOR_AS_AT, FLOOR_SERIES):
                cursor.execute(sql, params)
                cursor.fetchall()

    return timed("raw-SQL floor (3 statements)", repeat, run)


# --- pages ----------------------------------------------------------------------------------


def people(area: LocalArea):
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    return users.get(username=f"{area.slug}-board"), users.get(username=f"{area.slug}-officer1")


def pages(area: LocalArea, repeat: int) -> tuple[list[Timing], dict[str, Timing]]:
    plan = current_plan(area)
    assert plan is not None
    today = timezone.localdate()
    last_month = previous_month_end(today)
    board_user, officer = people(area)
    board, lead = Client(), Client()
    board.force_login(board_user)
    lead.force_login(officer)
    slug = {"area_slug": area.slug}
    action = (
        Action.objects.filter(plan=plan, lead=officer, withdrawn_date__isnull=True)
        .exclude(status=BRAG.BLUE)
        .order_by("reference")
        .first()
    )
    assert action is not None
    public_action = Action.objects.filter(plan=plan, published=True).order_by("reference").first()
    assert public_action is not None

    def get(client: Client, name: str, params=None, **kw) -> Callable[[], None]:
        url = reverse(name) if name == "my_actions" else reverse(name, kwargs={**slug, **kw})
        return lambda: _ok(client.get(url, params or {}))

    toggle = {"status": BRAG.GREEN}

    def update() -> None:
        fresh = Action.objects.get(pk=action.pk)
        toggle["status"] = BRAG.AMBER if fresh.status == BRAG.GREEN else BRAG.GREEN
        response = lead.post(
            reverse("action_update", kwargs={**slug, "reference": fresh.reference}),
            {
                "status": toggle["status"],
                "narrative": "Monthly update: milestones reviewed with the team.",
                "remedial_action": "Recovery plan agreed with the workstream lead.",
                "version": fresh.version,
            },
        )
        assert response.status_code == 302, response.status_code

    timings = [
        timed("Board dashboard (today)", repeat, get(board, "dashboard")),
        timed(
            "Board dashboard (last month-end, cached)",
            repeat,
            get(board, "dashboard", {"as_at": last_month.isoformat()}),
        ),
        timed(
            "Board dashboard (last month-end, not cached)",
            repeat,
            get(board, "dashboard", {"as_at": last_month.isoformat()}),
            before=cache.clear,
        ),
        timed("Workstream dashboard", repeat, get(board, "workstream_dashboard", number=1)),
        timed("Board report", repeat, get(board, "board_report")),
        timed("Summary CSV", repeat, get(board, "summary_csv")),
        timed("My actions", repeat, get(lead, "my_actions")),
        timed("Action list", repeat, get(lead, "action_list")),
        timed("Action detail", repeat, get(lead, "action_detail", reference=action.reference)),
        timed("Update (POST)", repeat, update),
        timed("Public area page (cached)", repeat, get(Client(), "progress:area")),
        timed(
            "Public area page (not cached)",
            repeat,
            get(Client(), "progress:area"),
            before=cache.clear,
        ),
        timed(
            "Public action page (cached)",
            repeat,
            get(Client(), "progress:action", reference=public_action.reference),
        ),
    ]
    data = {
        "now": timed("dashboard() data (today)", repeat, lambda: dashboard(plan=plan, as_at=today)),
        "past": timed(
            "dashboard() data (last month-end)",
            repeat,
            lambda: dashboard(plan=plan, as_at=last_month),
        ),
        "floor": floor(plan, repeat),
    }
    return timings, data


def _get_ok(client: Client, url: str) -> None:
    _ok(client.get(url))


def _ok(response) -> None:
    assert response.status_code == 200, response.status_code
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)


# --- load -----------------------------------------------------------------------------------

WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.1f %.2f %d %d\\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(95) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout,
    summary.requests))
end
"""


def load(area: LocalArea, seconds: int) -> list[tuple[str, float, float, int, int]]:
    wrk = shutil.which("wrk")
    if not wrk:
        print("  wrk is not installed (apt-get install wrk): load test skipped")
        return []
    board_user, _ = people(area)
    client = Client()
    client.force_login(board_user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    env = {
        **os.environ,
        "REDIS_URL": os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/3",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "DEBUG": "false",
    }
    # The project's gunicorn.conf.py, as deployed (sync workers, worker recycling), with two
    # workers and no access log; gunicorn's and Django's log lines go to a file, never to an
    # unread pipe that would stall the workers once full.
    log = tempfile.NamedTemporaryFile("w+", suffix=".log", prefix="bench-gunicorn-", delete=False)
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "--config",
            str(ROOT / "gunicorn.conf.py"),
            "wsoa.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
            "--access-logfile",
            "/dev/null",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
    )
    results = []
    try:
        time.sleep(4)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(WRK_SCRIPT)
        targets = [
            ("Public area page", f"/progress/{area.slug}/", []),
            (
                "Signed-in Board dashboard",
                reverse("dashboard", kwargs={"area_slug": area.slug}),
                ["-H", f"Cookie: {settings.SESSION_COOKIE_NAME}={session}"],
            ),
        ]
        for label, path, headers in targets:
            url = f"http://127.0.0.1:{PORT}{path}"
            subprocess.run(
                [
                    "curl",
                    "-s",
                    "-o",
                    "/dev/null",
                    *sum((["-H", h] for h in headers[1::2]), []),
                    url,
                ],
                check=False,
            )
            out = subprocess.run(
                [wrk, "-t2", "-c8", f"-d{seconds}s", "-s", script.name, *headers, url],
                capture_output=True,
                text=True,
                check=False,
            ).stdout
            line = next((row for row in out.splitlines() if row.startswith("RESULT")), None)
            if line is None:
                print(out)
                continue
            _, rps, p95, errors, count = line.split()
            results.append((label, float(rps), float(p95), int(errors), int(count)))
            print(
                f"  {label:<30} {float(rps):7.0f} requests/s   p95 {float(p95):6.1f} ms   "
                f"{errors} errors of {count}",
                flush=True,
            )
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.seek(0)
        logged = log.read().strip()
        log.close()
        os.unlink(log.name)
        if logged:
            print("  gunicorn said:\n    " + "\n    ".join(logged.splitlines()[-20:]))
    return results


# --- the report -----------------------------------------------------------------------------


def machine() -> list[str]:
    cpu = platform.processor() or platform.machine()
    try:
        for row in Path("/proc/cpuinfo").read_text().splitlines():
            if row.startswith("model name"):
                cpu = row.split(":", 1)[1].strip()
                break
        memory = next(
            int(row.split()[1]) // 1024 // 1024
            for row in Path("/proc/meminfo").read_text().splitlines()
            if row.startswith("MemTotal")
        )
    except (OSError, StopIteration):
        memory = 0
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    return [
        f"- CPU: {cpu}, {os.cpu_count()} cores visible; memory {memory} GB",
        f"- Load average when the run began: {', '.join(f'{x:.1f}' for x in os.getloadavg())}"
        " over 1, 5 and 15 minutes (the machine is shared and wall-clock figures move with"
        " its load; each section below gives the 1-minute figure as it began)",
        f"- {platform.system()} {platform.release()}, Python {platform.python_version()}, "
        f"Django {django.get_version()}, PostgreSQL {postgres}, same machine, loopback",
    ]


def counts() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM inspections_localarea")
        areas = cursor.fetchone()[0]
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE relname = 'actions_historicalaction'"
        )
        history = cursor.fetchone()[0]
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE relname = 'actions_progressupdate'"
        )
        updates = cursor.fetchone()[0]
    return (
        f"{areas} areas, {Action.objects.count():,} actions, about {history:,} history rows "
        f"and {updates:,} progress updates"
    )


def load_now() -> str:
    """The 1-minute load average now: other work on the machine inflates every wall-clock figure."""
    return f"load average {os.getloadavg()[0]:.1f}"


LOADS: dict[str, str] = {}


def write(options, machine_lines, data_line, timings, data, sizes, load_rows) -> None:
    floor_ms = data["floor"].median
    lines = [
        "# Benchmark results",
        "",
        f"Generated by `make bench` (bench/scale.py) on {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC.",
        "",
        "## Machine",
        "",
        *machine_lines,
        "",
        f"Data: {data_line}.",
        "",
        f"## Every page, one 300-action area ({options.repeat} requests each, server time in process; {LOADS['pages']})",
        "",
        "| page | median | p95 | queries | page ÷ floor |",
        "|---|---:|---:|---:|---:|",
        *(
            f"| {t.label} | {t.median:.1f} ms | {t.p95:.1f} ms | {t.queries} | {t.median / floor_ms:.1f}× |"
            for t in timings
        ),
        "",
        "## The dashboard's data against the raw-SQL floor",
        "",
        "The floor: the same figures by hand-written SQL on the same tables (current counts by theme, "
        "counts as at last month-end, 25 month-end counts with a `lead()` window).",
        "",
        "| read | median | p95 | queries | ÷ floor |",
        "|---|---:|---:|---:|---:|",
        *(
            f"| {t.label} | {t.median:.1f} ms | {t.p95:.1f} ms | {t.queries} | {t.median / floor_ms:.2f}× |"
            for t in data.values()
        ),
        "",
        f"## Plan sizes: Board dashboard (today; {LOADS['sizes']})",
        "",
        "| actions | data median | page median | page p95 | queries | floor | data ÷ floor |",
        "|---:|---:|---:|---:|---:|---:|---:|",
        *(
            f"| {size:,} | {d.median:.1f} ms | {p.median:.1f} ms | {p.p95:.1f} ms | {p.queries} | "
            f"{f.median:.1f} ms | {d.median / f.median:.2f}× |"
            for size, (d, p, f) in sizes.items()
        ),
        "",
        f"## Load: gunicorn, 2 workers, Redis cache, `wrk -t2 -c8 -d{options.seconds}s` on loopback ({LOADS['load']}; {LOADS['end']} at the end)",
        "",
        "| page | requests a second | p95 | errors |",
        "|---|---:|---:|---:|",
        *(
            f"| {label} | {rps:.0f} | {p95:.1f} ms | {errors} of {count} |"
            for label, rps, p95, errors, count in load_rows
        ),
        "",
        "Errors are answers other than 2xx or 3xx and requests `wrk` gave up on after 2 s.",
        "",
    ]
    RESULTS.write_text("\n".join(lines))
    print(f"\nWrote {RESULTS.relative_to(ROOT)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--areas", type=int, default=150)
    parser.add_argument("--actions", type=int, default=300)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--seconds", type=int, default=15)
    options = parser.parse_args()
    if "bench" not in connection.settings_dict["NAME"]:
        sys.exit("Point DATABASE_URL at a benchmark database (its name must contain 'bench').")
    machine_lines = machine()
    ensure_data(options)
    data_line = counts()
    print(f"Data: {data_line}\n\nPages, one 300-action area:")
    LOADS["pages"] = load_now()
    timings, data = pages(area_for(300), options.repeat)
    print("\nPlan sizes:")
    LOADS["sizes"] = load_now()
    sizes = {}
    for size in SIZES:
        plan = current_plan(area_for(size))
        assert plan is not None
        board_user, _ = people(area_for(size))
        client = Client()
        client.force_login(board_user)
        url = reverse("dashboard", kwargs={"area_slug": area_for(size).slug})
        today = timezone.localdate()
        sizes[size] = (
            timed(
                f"{size} actions: dashboard() data",
                options.repeat,
                partial(dashboard, plan=plan, as_at=today),
            ),
            timed(
                f"{size} actions: dashboard page",
                options.repeat,
                partial(_get_ok, client, url),
            ),
            floor(plan, options.repeat),
        )
    print("\nLoad:")
    LOADS["load"] = load_now()
    load_rows = load(area_for(300), options.seconds)
    LOADS["end"] = load_now()
    write(options, machine_lines, data_line, timings, data, sizes, load_rows)


if __name__ == "__main__":
    main()
