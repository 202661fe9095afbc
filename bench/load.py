"""Bounded load test (issue 5, item 7): N concurrent viewer sessions against `streamlit run`.

    python -m bench.load                                   # 20 sessions, bundled data
    python -m bench.load --db var/bench-100k.sqlite3       # a bench.generate database
    python -m bench.load --sessions 20 --rounds 3 --think 0   # no think time: a stress run

Each viewer is a websocket client speaking Streamlit's own protocol (the `streamlit.proto`
BackMsg/ForwardMsg protobufs shipped with streamlit): a rerun is a BackMsg `rerun_script`
carrying the page's script hash, the URL query and the widget states, and it ends with the
ForwardMsg `script_finished`. One rerun's time is measured at the client, from sending the
BackMsg to receiving `script_finished`: the server's script run plus the transfer of every
delta over loopback and its protobuf parsing. Browser rendering (React, plotly.js drawing),
static files and the basemaps are NOT included. bench/README.md says why this driver.

Every viewer opens the dashboard (its default page), then, for each round, visits every page
and on each one picks a different State in the sidebar filter. All loops are bounded in count
and in time (`--max-seconds`); only the local server is ever contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import math
import os
import random
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
APP = REPO / "dashboard" / "streamlit_app.py"
RESULTS = REPO / "bench" / "results"
STATE_KEY = "state"  # the sidebar State multiselect (components/filters.py)
OK = 0  # ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
# A served dashboard does not watch its sources; here it must not: other people editing the
# checkout mid-run made Streamlit drop and re-import modules under running sessions
# (KeyError: 'data', ImportError) — failures of the test set-up, not of the app.
BASE_OPTIONS = ("server.fileWatcherType=none",)


# --------------------------------------------------------------------------- the database


def seeded_database(folder: Path) -> Path:
    """A fresh SQLite database, migrated, holding the bundled data (data/seed)."""
    from policytrack import migrations
    from policytrack.db import make_engine
    from policytrack.ingest.pipeline import seed

    path = folder / "load.sqlite3"
    url = f"sqlite:///{path}"
    migrations.upgrade(url)
    engine = make_engine(url)
    seed(engine, REPO / "data" / "seed")
    engine.dispose()
    return path


def code_version() -> str:
    """The commit served, flagged when dashboard/ or src/ hold uncommitted edits."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True)
        return done.stdout.strip()

    dirty = git("status", "--porcelain", "--", "dashboard", "src")
    return git("rev-parse", "--short", "HEAD") + (" + uncommitted edits" if dirty else "")


def describe_database(path: Path) -> dict[str, Any]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        votes = connection.execute("SELECT COUNT(*) FROM vote_event").fetchone()[0]
    return {"path": str(path), "mb": path.stat().st_size / 1e6, "vote_events": votes}


# --------------------------------------------------------------------------- the server


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_healthy(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 90
    while True:
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"streamlit did not start: {log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)


@contextmanager
def served(db: Path, log: Path, options: tuple[str, ...] = ()) -> Iterator[tuple[str, int]]:
    """`streamlit run dashboard/streamlit_app.py` on `db` (the repo's .streamlit/config.toml
    applies, as for `policytrack serve`, plus BASE_OPTIONS and `options`, each a
    `section.name=value`);
    yields the URL and the server's process id."""
    port = _free_port()
    env = {**os.environ, "POLICYTRACK_DATABASE_URL": f"sqlite:///{db.resolve()}"}
    command = [sys.executable, "-m", "streamlit", "run", str(APP), "--server.port", str(port),
               "--server.address", "127.0.0.1", "--server.headless", "true"]  # fmt: skip
    for option in (*BASE_OPTIONS, *options):
        name, _, value = option.partition("=")
        command += [f"--{name}", value]
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as handle:
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=handle, stderr=handle)
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_healthy(url, process, log)
            yield url, process.pid
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


class ProcessWatch(threading.Thread):
    """Samples a process's resident memory (and reads its CPU time) from /proc."""

    def __init__(self, pid: int, every: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.samples_mb: list[float] = []
        self._done = threading.Event()

    def status(self, field_name: str) -> float:
        """A `VmRSS`/`VmHWM` line of /proc/PID/status, in MB."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def run(self) -> None:
        while not self._done.wait(self.every):
            try:
                self.samples_mb.append(self.status("VmRSS"))
            except OSError:
                return

    def stop(self) -> None:
        self._done.set()
        self.join(timeout=2)


# --------------------------------------------------------------------------- the protocol


@dataclass(frozen=True)
class Page:
    """One page of the navigation, as the browser asks for it."""

    title: str
    script_hash: str
    url_path: str
    default: bool = False


@dataclass
class Sample:
    """One measured rerun."""

    session: int
    page: str
    action: str  # first | open | filter
    state: str
    seconds: float
    ok: bool
    error: str = ""
    messages: int = 0
    kilobytes: float = 0.0
    at: float = 0.0  # seconds since the run started


@dataclass
class RunResult:
    """What one rerun sent back, as far as the load test cares."""

    status: int = -1
    messages: int = 0
    size: int = 0
    exceptions: list[str] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    state_id: str = ""
    states: list[str] = field(default_factory=list)
    not_found: bool = False
    cacheable: set[str] = field(default_factory=set)  # hashes the browser would cache


def rerun_message(
    page: Page | None, state: str, state_id: str, cached: frozenset[str] = frozenset()
) -> bytes:
    """The BackMsg a browser sends to (re)run `page` with the State filter set to `state`,
    listing the large messages it has cached (the server then sends references)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    message = BackMsg()
    request = message.rerun_script
    request.query_string = f"{STATE_KEY}={state}" if state else ""
    if page is not None:
        request.page_script_hash = page.script_hash
        request.page_name = page.url_path
    request.context_info.timezone = "UTC"
    request.context_info.locale = "en-US"
    request.cached_message_hashes.extend(sorted(cached))
    if state_id:
        widget = request.widget_states.widgets.add()
        widget.id = state_id
        widget.string_array_value.data.extend([state] if state else [])
    return message.SerializeToString()


def _read_element(element: Any, result: RunResult) -> None:
    kind = element.WhichOneof("type")
    if kind == "exception":
        result.exceptions.append(element.exception.message[:200] or "exception")
    elif kind == "multiselect" and element.multiselect.id.endswith(f"-{STATE_KEY}"):
        result.state_id = element.multiselect.id
        result.states = list(element.multiselect.options)


def read_message(data: bytes, result: RunResult) -> bool:
    """Fold one ForwardMsg into `result`; True when the script run has finished."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    message = ForwardMsg()
    message.ParseFromString(data)
    result.messages += 1
    result.size += len(data)
    if message.metadata.cacheable and message.hash:
        result.cacheable.add(message.hash)
    kind = message.WhichOneof("type")
    if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
        _read_element(message.delta.new_element, result)
    elif kind == "navigation":
        result.pages = [
            Page(p.page_name, p.page_script_hash, p.url_pathname, p.is_default)
            for p in message.navigation.app_pages
        ]
    elif kind == "page_not_found":
        result.not_found = True
    elif kind == "script_finished":
        result.status = int(message.script_finished)
        return True
    return False


class Viewer:
    """One browser session of an anonymous viewer, without the browser."""

    def __init__(self, number: int, url: str, timeout: float, started: float) -> None:
        self.number, self.timeout, self.started = number, timeout, started
        self.stream = url.replace("http://", "ws://") + "/_stcore/stream"
        self.connection: Any = None
        self.pages: list[Page] = []
        self.states: list[str] = []
        self.state_id = ""
        self.cached: set[str] = set()

    async def connect(self) -> None:
        import websockets

        self.connection = await websockets.connect(
            self.stream, subprotocols=["streamlit"], max_size=None, open_timeout=self.timeout
        )  # type: ignore[arg-type]

    async def close(self) -> None:
        if self.connection is not None:
            await self.connection.close()

    async def _receive(self, result: RunResult) -> None:
        while not read_message(await self.connection.recv(), result):
            pass

    async def rerun(self, page: Page | None, state: str, action: str) -> Sample:
        """Send one rerun and wait for its end; never raises (a failure is a sample)."""
        result = RunResult()
        sample = Sample(self.number, page.title if page else "(default)", action, state, 0, False)
        began = time.perf_counter()
        sample.at = began - self.started
        try:
            request = rerun_message(page, state, self.state_id, frozenset(self.cached))
            await self.connection.send(request)
            await asyncio.wait_for(self._receive(result), self.timeout)
        except Exception as error:  # a timeout or a closed socket: count it, go on
            sample.error = f"{type(error).__name__}: {str(error)[:150]}"
        sample.seconds = time.perf_counter() - began
        self._learn(result)
        if page is None:
            sample.page = next((p.title for p in self.pages if p.default), sample.page)
        sample.messages, sample.kilobytes = result.messages, result.size / 1024
        sample.ok = not sample.error and result.status == OK and not result.exceptions
        sample.ok = sample.ok and not result.not_found
        if not sample.error and not sample.ok:
            sample.error = _why(result)
        return sample

    def _learn(self, result: RunResult) -> None:
        self.pages = result.pages or self.pages
        self.state_id = result.state_id or self.state_id
        self.states = result.states or self.states
        self.cached |= result.cacheable


def _why(result: RunResult) -> str:
    if result.not_found:
        return "page not found"
    if result.exceptions:
        return "exception shown: " + "; ".join(result.exceptions)[:200]
    return f"script finished with status {result.status}"


# --------------------------------------------------------------------------- the scenario


@dataclass(frozen=True)
class Plan:
    """What every viewer does, and the bounds."""

    sessions: int = 20
    rounds: int = 3
    think: tuple[float, float] = (1.0, 3.0)
    ramp: float = 2.0
    timeout: float = 60.0
    max_seconds: float = 600.0
    seed: int = 5
    server_options: tuple[str, ...] = ()
    pages: tuple[str, ...] = ()  # titles or URL paths; empty = every page


async def think(plan: Plan, rng: random.Random) -> None:
    low, high = plan.think
    if high > 0:
        await asyncio.sleep(rng.uniform(low, high))


def chosen(pages: list[Page], wanted: tuple[str, ...]) -> list[Page]:
    """The pages named in `wanted` (title or URL path), or all of them."""
    names = {w.strip().lower() for w in wanted}
    return [p for p in pages if not names or {p.title.lower(), p.url_path.lower()} & names]


async def viewer_session(number: int, url: str, plan: Plan, started: float) -> list[Sample]:
    """One viewer: the default page, then every page per round with a new State each time."""
    rng = random.Random(plan.seed * 1000 + number)
    await asyncio.sleep(plan.ramp * number / max(1, plan.sessions))
    viewer = Viewer(number, url, plan.timeout, started)
    try:
        await viewer.connect()
    except Exception as error:
        return [Sample(number, "(connect)", "first", "", 0, False, f"{type(error).__name__}")]
    samples = [await viewer.rerun(None, "", "first")]
    deadline = started + plan.max_seconds
    state = ""
    try:
        for _ in range(plan.rounds):
            pages = chosen(viewer.pages, plan.pages)
            rng.shuffle(pages)  # viewers hit different pages at the same moment
            for page in pages:
                if time.perf_counter() > deadline:
                    return samples
                await think(plan, rng)
                samples.append(await viewer.rerun(page, state, "open"))
                await think(plan, rng)
                state = rng.choice([s for s in viewer.states if s != state] or [""])
                samples.append(await viewer.rerun(page, state, "filter"))
    finally:
        await viewer.close()
    return samples


async def drive(url: str, plan: Plan) -> list[Sample]:
    started = time.perf_counter()
    sessions = [viewer_session(n, url, plan, started) for n in range(plan.sessions)]
    results = await asyncio.gather(*sessions)
    return [sample for session in results for sample in session]


async def warm_up(url: str, plan: Plan) -> list[Sample]:
    """One unmeasured viewer through every page once (imports, engine, first caches)."""
    viewer = Viewer(-1, url, plan.timeout * 3, time.perf_counter())
    await viewer.connect()
    try:
        samples = [await viewer.rerun(None, "", "first")]
        for page in chosen(viewer.pages, plan.pages):
            samples.append(await viewer.rerun(page, "", "open"))
        return samples
    finally:
        await viewer.close()


# --------------------------------------------------------------------------- the figures


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (no interpolation: it is a value that was measured)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def summary(samples: list[Sample]) -> dict[str, Any]:
    times = [s.seconds for s in samples if s.ok]
    return {"n": len(samples), "failures": sum(not s.ok for s in samples),
            "p50": percentile(times, 50), "p95": percentile(times, 95),
            "max": max(times, default=float("nan")),
            "kb": percentile([s.kilobytes for s in samples], 50)}  # fmt: skip


def tables(samples: list[Sample]) -> dict[str, dict[str, Any]]:
    """Per page (opening it and changing the State on it), per action, and overall."""
    out: dict[str, dict[str, Any]] = {}
    for page in sorted({s.page for s in samples if s.action != "first"}):
        out[f"page: {page}"] = summary(
            [s for s in samples if s.page == page and s.action != "first"]
        )
    for action in ("first", "open", "filter"):
        out[f"action: {action}"] = summary([s for s in samples if s.action == action])
    out["all reruns"] = summary(samples)
    return out


def measure(db: Path, plan: Plan, log: Path, warm: bool = True) -> dict[str, Any]:
    """Serve `db`, (warm it up,) drive `plan.sessions` viewers, and collect the figures."""
    with served(db, log, plan.server_options) as (url, pid):
        watch = ProcessWatch(pid)
        warmup = in_own_loop(lambda: warm_up(url, plan)) if warm else []
        rss_before = watch.status("VmRSS")
        cpu_before, client_before = watch.cpu_seconds(), time.process_time()
        load_before = os.getloadavg()
        watch.start()
        wall, samples = _timed(lambda: in_own_loop(lambda: drive(url, plan)))
        watch.stop()
        server = {"rss_before_mb": rss_before, "rss_peak_mb": max(watch.samples_mb, default=0),
                  "rss_end_mb": watch.status("VmRSS"), "hwm_mb": watch.status("VmHWM"),
                  "cpu_s": watch.cpu_seconds() - cpu_before}  # fmt: skip
    return {"plan": asdict(plan), "wall_s": wall, "server": server,
            "client_cpu_s": time.process_time() - client_before,
            "load_before": load_before, "load_after": os.getloadavg(),
            "warmup": [asdict(s) for s in warmup], "tables": tables(samples),
            "errors": sorted({s.error for s in samples if s.error})[:20],
            "samples": [asdict(s) for s in samples]}  # fmt: skip


def in_own_loop(factory: Any) -> Any:
    """`asyncio.run(factory())` on a thread of its own: callers may already run an event
    loop in this thread (Playwright's sync API does, e.g. in the same pytest session)."""
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = asyncio.run(factory())
        except BaseException as error:  # handed back to the caller below
            box["error"] = error

    thread = threading.Thread(target=target, name="load-driver")
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["value"]


def _timed(function: Any) -> tuple[float, Any]:
    began = time.perf_counter()
    value = function()
    return time.perf_counter() - began, value


def _ms(seconds: float) -> str:
    return "–" if seconds != seconds else f"{seconds * 1000:,.0f} ms"


def render(results: dict[str, Any]) -> str:
    """The figures as a markdown section (the report file holds one per run)."""
    plan, server, database = results["plan"], results["server"], results["database"]
    load = results["load_before"], results["load_after"]
    lines = [
        f"### {plan['sessions']} sessions × {plan['rounds']} rounds, think time "
        f"{plan['think'][0]:g}–{plan['think'][1]:g} s — {database['vote_events']:,} vote events "
        f"({database['mb']:,.1f} MB)"
        + (
            f" — server options: `{' '.join(plan['server_options'])}`"
            if plan["server_options"]
            else ""
        ),
        "",
        f"{results['date']}, code {results['code']}. Load average (1/5/15 min) before {load[0][0]:.2f} / {load[0][1]:.2f} / "
        f"{load[0][2]:.2f}, after {load[1][0]:.2f} / {load[1][1]:.2f} / {load[1][2]:.2f}. "
        f"Wall {results['wall_s']:.0f} s; server CPU {server['cpu_s']:.0f} s "
        f"({server['cpu_s'] / results['wall_s']:.2f} cores); load-driver CPU "
        f"{results['client_cpu_s']:.0f} s. Server RSS {server['rss_before_mb']:.0f} MB after "
        f"warm-up, peak {server['rss_peak_mb']:.0f} MB, end {server['rss_end_mb']:.0f} MB.",
        "",
        "| reruns | n | failures | p50 | p95 | max | median KB sent |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in results["tables"].items():
        lines.append(f"| {name} | {row['n']} | {row['failures']} | {_ms(row['p50'])} | "
                     f"{_ms(row['p95'])} | {_ms(row['max'])} | {row['kb']:,.0f} |")  # fmt: skip
    if results["errors"]:
        lines += ["", "Failures: " + "; ".join(results["errors"])]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- command line


def _think(text: str) -> tuple[float, float]:
    low, _, high = text.partition(",")
    return float(low), float(high or low)


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="N concurrent viewer sessions (issue 5)")
    parser.add_argument("--db", type=Path, help="SQLite file (default: fresh bundled data)")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3, help="visits of every page")
    parser.add_argument("--think", type=_think, default=(1.0, 3.0),
                        help="think time between actions, LOW,HIGH seconds (0 = none)")  # fmt: skip
    parser.add_argument("--ramp", type=float, default=2.0, help="seconds to start all sessions")
    parser.add_argument("--timeout", type=float, default=60.0, help="per rerun, seconds")
    parser.add_argument("--max-seconds", type=float, default=600.0, help="bound on the run")
    parser.add_argument("--pages", default="", help="comma-separated titles or URL paths")
    parser.add_argument("--no-warmup", action="store_true")
    parser.add_argument("--server-option", action="append", default=[], metavar="NAME=VALUE",
                        help="extra streamlit setting, e.g. runner.postScriptGC=false")  # fmt: skip
    parser.add_argument("--out", type=Path, help="append the markdown section to this file")
    parser.add_argument("--json", type=Path, help="raw samples (default var/load-<n>.json)")
    return parser.parse_args(argv)


def run(argv: list[str] | None = None) -> dict[str, Any]:
    """Parse, measure, write; returns the results (the smoke test reads them)."""
    args = parse(argv)
    plan = Plan(args.sessions, args.rounds, args.think, args.ramp, args.timeout,
                args.max_seconds, server_options=tuple(args.server_option),
                pages=tuple(p for p in args.pages.split(",") if p.strip()))  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="policytrack-load-") as folder:
        db = args.db or seeded_database(Path(folder))
        if not db.exists():
            raise SystemExit(f"{db} not found (bench/README.md says how to make one)")
        log = REPO / "var" / "load" / "streamlit.log"
        results = measure(db, plan, log, warm=not args.no_warmup)
        results["database"] = describe_database(db)
    results["date"] = dt.datetime.now().isoformat(timespec="seconds")
    results["code"] = code_version()
    text = render(results)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        with args.out.open("a", encoding="utf-8") as handle:
            handle.write("\n" + text)
    raw = args.json or REPO / "var" / f"load-{results['database']['vote_events']}.json"
    raw.parent.mkdir(parents=True, exist_ok=True)
    raw.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    return results


def main(argv: list[str] | None = None) -> None:
    results = run(argv)
    if results["tables"]["all reruns"]["failures"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
