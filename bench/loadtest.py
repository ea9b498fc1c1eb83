"""`make loadtest`: the production stack of `make serve` under load from wrk, on 127.0.0.1.

Set-up: the demo meetings and a published Draft 2 of BMS7 (Draft 1 with 10 % of its
paragraphs changed, by ``bench.generate.mutate``) in the database of ``DATABASE_URL`` (the
Makefile gives ``var/loadtest.sqlite3`` when it is unset); the PDFs the demo queued are
rendered first, so that the worker is idle while wrk runs. Then ``make serve`` starts on
``LOADTEST_BIND`` (a free port of 127.0.0.1 by default) and wrk requests a static file, the published Draft 1 and the published
comparison of Draft 1 and Draft 2, at 50 and then 200 connections, for 20 s each. Every
step has a time limit; the server is stopped however the run ends.

Prints one table: requests per second, p50 and p99 latency, errors (responses other than
2xx or 3xx, and socket errors: connect, read, write, timeout), and each page's requests
per second as a share of the static file's at the same number of connections.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECONDS = int(os.environ.get("LOADTEST_SECONDS", "20"))
CONNECTIONS = (50, 200)
# wrk gives up on a request after this; gunicorn's own timeout is the same.
REQUEST_TIMEOUT = "30s"
SERVER_START_LIMIT = 240  # seconds: the first `make serve` compresses every static file
VERSION_PAGE = "/meetings/BMS7/drafts/draft-1/"
COMPARISON_PAGE = "/meetings/BMS7/compare/draft-1...draft-2/"

# wrk's summary as one JSON line, written by its Lua `done` hook.
REPORT_LUA = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'REPORT {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, '
    .. '"status": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status, e.connect, e.read, e.write, e.timeout))
end
"""


@dataclass(frozen=True)
class Result:
    target: str
    connections: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    non_2xx: int
    socket_errors: int


def set_up() -> None:
    """Migrate, load the demo, publish a Draft 2 of BMS7 and render the queued PDFs."""
    manage = [sys.executable, "manage.py"]
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    for command in (["migrate", "--noinput"], ["load_demo"]):
        subprocess.run(manage + command, cwd=ROOT, env=env, check=True, timeout=600)
    subprocess.run(
        [sys.executable, "-m", "bench.loadtest", "--draft-2"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )
    if os.environ.get("REDIS_URL"):
        worker = ["rqworker", "--burst", "--job-class", "django_tasks_rq.Job", "default"]
    else:
        worker = ["db_worker", "--batch", "--no-reload", "--no-startup-delay", "-v", "0"]
    subprocess.run(manage + worker, cwd=ROOT, env=env, check=True, timeout=900)


def publish_draft_2() -> None:
    """A published Draft 2 of BMS7, made once from Draft 1 (run inside Django)."""
    import datetime

    import django

    django.setup()
    from bench.generate import mutate
    from drafting.models import Publication, Version

    draft_1 = Version.objects.get(document__meeting__code="BMS7", slug="draft-1")
    draft_2 = Version.objects.filter(document=draft_1.document, slug="draft-2").first()
    if draft_2 is None:
        draft_2 = Version.objects.create_from_tree(
            mutate(draft_1.tree(), fraction=0.1, seed=7),
            document=draft_1.document,
            label="Draft 2",
            kind=Version.Kind.DRAFT,
            status=Version.Status.ISSUED,
            date=datetime.date(2021, 6, 24),
            title=draft_1.title,
            note=draft_1.note,
        )
    Publication.objects.get_or_create(version=draft_2)


def free_address() -> str:
    """A port on the loopback address that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"127.0.0.1:{probe.getsockname()[1]}"


BIND = os.environ.get("LOADTEST_BIND") or free_address()


def start_server() -> subprocess.Popen:
    """`make serve` on ``BIND`` in its own process group, once it answers."""
    host, port = BIND.rsplit(":", 1)
    with socket.socket() as probe:
        if probe.connect_ex((host, int(port))) == 0:
            raise SystemExit(f"Something else already listens on {BIND}: set LOADTEST_BIND.")
    server = subprocess.Popen(
        ["make", "--no-print-directory", "serve"],
        cwd=ROOT,
        env=os.environ | {"BIND": BIND},
        start_new_session=True,
    )
    deadline = time.monotonic() + SERVER_START_LIMIT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"make serve stopped with exit code {server.returncode}")
        try:
            urllib.request.urlopen(f"http://{BIND}/", timeout=2).close()
            return server
        except OSError:
            time.sleep(1)
    stop_server(server)
    raise SystemExit(f"make serve did not answer on {BIND} within {SERVER_START_LIMIT} s")


def stop_server(server: subprocess.Popen) -> None:
    """Stop `make serve` and wait until its processes are gone: scripts/run-together, in
    the group, waits for gunicorn's graceful shutdown before it exits."""
    try:
        os.killpg(server.pid, signal.SIGTERM)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            server.poll()
            os.killpg(server.pid, 0)
            time.sleep(0.5)
        os.killpg(server.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def static_file() -> str:
    """The stylesheet every page loads, under the hashed name WhiteNoise serves."""
    manifest = json.loads((ROOT / "var" / "static" / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/app.css"]


def check(path: str) -> None:
    """Each target answers 200 before it is measured (wrk counts a redirect as a success)."""
    with urllib.request.urlopen(f"http://{BIND}{path}", timeout=30) as response:
        if response.status != 200:
            raise SystemExit(f"{path} answered {response.status}, not 200")


def wrk(target: str, path: str, connections: int, script: Path) -> Result:
    output = subprocess.run(
        [
            "wrk",
            f"--threads={min(connections, os.cpu_count() or 1)}",
            f"--connections={connections}",
            f"--duration={SECONDS}s",
            f"--timeout={REQUEST_TIMEOUT}",
            f"--script={script}",
            f"http://{BIND}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=SECONDS + 60,
    ).stdout
    found = re.search(r"^REPORT (.*)$", output, re.MULTILINE)
    if found is None:
        raise SystemExit(f"wrk printed no report for {path}:\n{output}")
    report = json.loads(found.group(1))
    return Result(
        target=target,
        connections=connections,
        requests_per_second=report["requests"] / (report["duration_us"] / 1e6),
        p50_ms=report["p50_us"] / 1000,
        p99_ms=report["p99_us"] / 1000,
        non_2xx=report["status"],
        socket_errors=sum(report[kind] for kind in ("connect", "read", "write", "timeout")),
    )


def table(results: list[Result]) -> str:
    static = {r.connections: r.requests_per_second for r in results if r.target == "static file"}
    lines = [
        f"{'target':<16} {'conns':>5} {'req/s':>9} {'p50 ms':>9} {'p99 ms':>9} "
        f"{'non-2xx':>8} {'socket':>7} {'x static':>9}"
    ]
    for r in results:
        share = r.requests_per_second / static[r.connections]
        lines.append(
            f"{r.target:<16} {r.connections:>5} {r.requests_per_second:>9.1f} {r.p50_ms:>9.1f} "
            f"{r.p99_ms:>9.1f} {r.non_2xx:>8} {r.socket_errors:>7} {share:>9.2f}"
        )
    return "\n".join(lines)


def main() -> int:
    if sys.argv[1:] == ["--draft-2"]:
        publish_draft_2()
        return 0
    set_up()
    targets = [
        ("static file", None),
        ("version page", VERSION_PAGE),
        ("comparison page", COMPARISON_PAGE),
    ]
    server = start_server()
    try:
        paths = {name: path or static_file() for name, path in targets}
        for path in paths.values():
            check(path)
        with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
            script.write(REPORT_LUA)
            script.flush()
            results = [
                wrk(name, path, connections, Path(script.name))
                for connections in CONNECTIONS
                for name, path in paths.items()
            ]
    finally:
        stop_server(server)
    print(f"\nmake serve on {BIND}, {SECONDS} s per run, wrk timeout {REQUEST_TIMEOUT}")
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
