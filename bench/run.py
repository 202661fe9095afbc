"""Performance evidence for issue 4: dashboard pages vs the naive pandas approach.

    python -m bench.run --db var/bench-1m.sqlite3            # everything
    python -m bench.run --db var/bench-1m.sqlite3 --only pages,naive,queries,plans,browser

Each measurement that reports memory runs in its own subprocess (`--worker NAME`), so the
RSS high-water mark (`ru_maxrss`) belongs to that measurement alone. Timings are medians of
`--repeat` runs (default 5; browser 3) with the OS page cache warm (the database is read once
before measuring). Results: a table on stdout and `bench/results/<date>-<size>.md`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import inspect
import json
import os
import pkgutil
import platform
import resource
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
APP = REPO / "dashboard" / "streamlit_app.py"
PAGES_DIR = REPO / "dashboard" / "app_pages"
RESULTS = REPO / "bench" / "results"
STATES = ["TX", "CA", "FL", "NY", "GA", "NC", "PA", "OH", "AZ", "VA"]
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-quic", "--no-first-run", "--disable-component-update",
                  "--disable-sync"]  # fmt: skip


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def peak_mb() -> float:
    """RSS high-water mark of this process, MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_reference_ms() -> float:
    """Milliseconds for a fixed pure-Python loop (median of 5): machines of the same kind
    differ here by 2-3x from one session to the next, and every figure moves with it."""
    times = [timed(lambda: sum(range(10_000_000)))[0] for _ in range(5)]
    return statistics.median(times) * 1000


def compile_pages_once() -> None:
    """Let AppTest keep compiled page scripts between runs, as a server does.

    `streamlit run` keeps one script cache for its lifetime; AppTest makes a new one on
    every run, so each timed rerun also parsed and compiled the page (~7 % of a Timeline
    rerun at 1M votes), time no reader waits for."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    shared = ScriptCache()
    for module in (app_test, local_script_runner):
        module.ScriptCache = lambda: shared  # type: ignore[attr-defined,assignment,misc]


def timed(function: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def filter_sets(n: int) -> list[Any]:
    """n different filter choices (different states, a date floor): each one a cache miss."""
    from policytrack.filters import Filters

    return [
        Filters(states=(STATES[i % len(STATES)],), date_from=dt.date(2015, 1, 1)) for i in range(n)
    ]


# --------------------------------------------------------------------------- workers


def worker_pages(db: str, repeat: int) -> dict[str, Any]:
    """AppTest: first load (fresh AppTest, cleared Streamlit caches) and rerun after a state
    filter change, for every page script; the peak RSS covers all of it."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["POLICYTRACK_DATABASE_URL"] = f"sqlite:///{Path(db).resolve()}"
    compile_pages_once()
    pages = sorted(p.name for p in PAGES_DIR.glob("*.py") if not p.name.startswith("_"))
    out: dict[str, Any] = {"pages": {}}
    # The very first run in a process also pays for imports (streamlit, pandas, plotly).
    at = AppTest.from_file(str(APP), default_timeout=600)
    out["process_first_run_s"], _ = timed(at.run)
    for page in pages:
        path = f"app_pages/{page}"
        firsts, reruns, errors, title = [], [], [], ""
        for _ in range(repeat):
            st.cache_data.clear()
            st.cache_resource.clear()
            at = AppTest.from_file(str(APP), default_timeout=600)
            at.switch_page(path)
            seconds, _ = timed(at.run)
            firsts.append(seconds)
            errors += [str(e.value)[:200] for e in at.exception]
            title = title or (at.title[0].value if len(at.title) else "")
        for state in STATES[:repeat]:
            widget = at.multiselect(key="state")
            if state not in widget.options:
                errors.append(f"state {state} not offered")
                continue
            seconds, _ = timed(lambda w=widget, s=state: w.set_value([s]).run())
            reruns.append(seconds)
            errors += [str(e.value)[:200] for e in at.exception]
        out["pages"][page] = {
            "title": title,
            "first_s": median(firsts),
            "first_all": firsts,
            "rerun_s": median(reruns),
            "rerun_all": reruns,
            "errors": sorted(set(errors)),
            "charts": len(at.get("plotly_chart")),
            "stub": "being built" in (PAGES_DIR / page).read_text(encoding="utf-8"),
        }
    out["peak_mb"] = peak_mb()
    return out


def worker_naive_app(db: str, repeat: int) -> dict[str, Any]:
    """The naive Streamlit page (bench/naive_app.py) through AppTest, same protocol."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["POLICYTRACK_DATABASE_URL"] = f"sqlite:///{Path(db).resolve()}"
    compile_pages_once()
    script = str(REPO / "bench" / "naive_app.py")
    firsts, reruns = [], []
    at = AppTest.from_file(script, default_timeout=900)
    process_first, _ = timed(at.run)
    for _ in range(max(1, repeat - 1)):
        st.cache_data.clear()
        at = AppTest.from_file(script, default_timeout=900)
        seconds, _ = timed(at.run)
        firsts.append(seconds)
    for state in STATES[:repeat]:
        seconds, _ = timed(lambda s=state: at.multiselect(key="state").set_value([s]).run())
        reruns.append(seconds)
    errors = sorted({str(e.value)[:200] for e in at.exception})
    return {"process_first_run_s": process_first, "first_s": median(firsts), "first_all": firsts,
            "rerun_s": median(reruns), "rerun_all": reruns, "errors": errors,
            "peak_mb": peak_mb()}  # fmt: skip


def worker_naive_pandas(db: str, repeat: int) -> dict[str, Any]:
    """pd.read_sql of the joined table once, then filter + group in pandas per filter set."""
    import pandas as pd  # noqa: F401  (import time is not measured)

    from bench.naive_app import answers, load_joined

    url = f"sqlite:///{Path(db).resolve()}"
    load_s, frame = timed(lambda: load_joined(url))
    per = []
    first_answer: dict[str, Any] = {}
    for filters in filter_sets(repeat):
        seconds, result = timed(lambda f=filters: answers(frame, list(f.states), f.date_from))
        per.append(seconds)
        if not first_answer:
            first_answer = {
                "by_state": {r.state: int(r.votes) for r in result["by_state"].itertuples()},
                "months": len(result["by_month"]),
                "markers": len(result["markers"]),
            }
    return {"rows": len(frame), "frame_mb": frame.memory_usage(deep=True).sum() / 1e6,
            "load_s": load_s, "filter_group_s": median(per), "filter_group_all": per,
            "answer": first_answer, "peak_mb": peak_mb()}  # fmt: skip


def worker_sql(db: str, repeat: int) -> dict[str, Any]:
    """The same three answers in SQL (the real Filters → SQL code), plus every real query
    function in policytrack.queries that takes filters, each timed per filter set."""
    from sqlmodel import Session

    from bench import sqlq
    from policytrack.db import make_engine

    engine = make_engine(f"sqlite:///{Path(db).resolve()}")
    out: dict[str, Any] = {"answers": {}, "functions": {}}
    with Session(engine) as session:
        per: list[float] = []
        first_answer: dict[str, Any] = {}
        for filters in filter_sets(repeat):
            seconds, result = timed(lambda f=filters: sqlq.answers(session, f))
            per.append(seconds)
            if not first_answer:
                first_answer = {
                    "by_state": dict(result["by_state"]),
                    "months": len(result["by_month"]),
                    "markers": len(result["markers"]),
                }
        out["answers"] = {"all_three_s": median(per), "all": per, "answer": first_answer}
        for name, function in query_functions():
            times, error = [], ""
            for filters in filter_sets(repeat):
                try:
                    seconds, _ = timed(lambda fn=function, f=filters: call_query(fn, session, f))
                    times.append(seconds)
                except Exception as exc:  # a module being written by someone else
                    error = f"{type(exc).__name__}: {str(exc)[:150]}"
                    session.rollback()
                    break
            out["functions"][name] = {"median_s": median(times), "error": error}
    out["peak_mb"] = peak_mb()
    return out


def query_functions() -> Iterator[tuple[str, Callable[..., Any]]]:
    """Public functions of policytrack.queries.* whose second parameter is `filters`."""
    import policytrack.queries as package

    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        try:
            module = importlib.import_module(f"policytrack.queries.{info.name}")
        except Exception:
            continue
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or function.__module__ != module.__name__:
                continue
            parameters = list(inspect.signature(function).parameters.values())
            if len(parameters) < 2 or parameters[1].name != "filters":
                continue
            required = [p for p in parameters[2:] if p.default is inspect.Parameter.empty
                        and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]  # fmt: skip
            if not required:
                yield f"{info.name}.{name}", function


def call_query(function: Callable[..., Any], session: Any, filters: Any) -> Any:
    kwargs = {"limit": 500} if "limit" in inspect.signature(function).parameters else {}
    return function(session, filters, **kwargs)


WORKERS = {
    "pages": worker_pages,
    "naive_app": worker_naive_app,
    "naive_pandas": worker_naive_pandas,
    "sql": worker_sql,
}


def run_worker(name: str, db: str, repeat: int) -> dict[str, Any]:
    """Run one worker in a fresh interpreter and return its JSON."""
    command = [sys.executable, "-m", "bench.run", "--worker", name, "--db", db,
               "--repeat", str(repeat)]  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    if done.returncode != 0 or not last.startswith("{"):
        return {"error": (done.stderr or done.stdout)[-1500:]}
    result: dict[str, Any] = json.loads(last)
    result["wall_s"] = time.perf_counter() - started
    return result


# --------------------------------------------------------------------------- plans & indexes


def warm(db: str) -> None:
    """Read the database file once so that every measurement starts with a warm page cache."""
    with open(db, "rb") as handle:
        while handle.read(16 << 20):
            pass


def plans_and_indexes(db: str, repeat: int, copy_dir: Path) -> dict[str, Any]:
    """EXPLAIN QUERY PLAN of the main queries; then, on a COPY of the database, the same
    queries timed before and after each candidate index."""
    from bench import sqlq

    out: dict[str, Any] = {"plans": sqlq.explain_all(db)}
    copy_dir.mkdir(parents=True, exist_ok=True)
    copy = copy_dir / "bench-index-copy.sqlite3"
    shutil.copyfile(db, copy)
    try:
        out["before"] = sqlq.time_all(str(copy), repeat)
        out["indexes"] = []
        for name, ddl in sqlq.CANDIDATE_INDEXES:
            connection = sqlite3.connect(copy)
            seconds, _ = timed(lambda c=connection, d=ddl: (c.execute(d), c.execute("ANALYZE")))
            connection.commit()
            connection.close()
            out["indexes"].append({"name": name, "ddl": ddl, "build_s": seconds,
                                   "after": sqlq.time_all(str(copy), repeat),
                                   "plans": sqlq.explain_all(str(copy))})  # fmt: skip
            # Keep each index for the next measurement: the last 'after' is all indexes.
        out["copy_size_mb"] = copy.stat().st_size / 1e6
    finally:
        copy.unlink(missing_ok=True)
    return out


# --------------------------------------------------------------------------- browser


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def streamlit_server(script: Path, db: str, log: Path) -> Iterator[str]:
    """`streamlit run script` on a free port (as tests/browser/conftest.py does)."""
    port = _free_port()
    env = {**os.environ, "POLICYTRACK_DATABASE_URL": f"sqlite:///{Path(db).resolve()}"}
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
               "--server.address", "127.0.0.1", "--server.headless", "true",
               "--server.enableStaticServing", "true"]  # fmt: skip
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as handle:
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=handle, stderr=handle)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 90
            while True:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"streamlit did not start: {log.read_text(errors='replace')}"
                    )
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                        if response.status == 200:
                            break
                except OSError:
                    time.sleep(0.3)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


SHAPES_JS = """(minimum) => {
  const plots = document.querySelectorAll('.js-plotly-plot');
  let n = 0;
  for (const p of plots) {
    n += p.querySelectorAll('path.choroplethlocation, .scattergeo path.point, '
                            + '.scatterlayer path.point').length;
  }
  return n >= minimum ? n : false;
}"""


# Where the time goes: the page records, from navigation start, when the app shell, the
# chart's div and its first shape appear, each websocket message (time, bytes: the script
# streams its elements as it runs; the largest is the figure or the sidebar's option lists)
# and plotly's resources.
MILESTONES_JS = """(() => {
  const marks = {}; const messages = [];
  window.__bench = {marks, messages};
  const mark = (k) => { if (!(k in marks)) marks[k] = performance.now(); };
  const Socket = window.WebSocket;
  window.WebSocket = class extends Socket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => messages.push(
        [performance.now(), e.data.byteLength ?? e.data.size ?? e.data.length ?? 0]));
    }
  };
  new MutationObserver(() => {
    if (document.querySelector('h1')) mark('title');
    if (document.querySelector('.js-plotly-plot')) mark('chart_div');
    if (document.querySelector('.js-plotly-plot .main-svg')) mark('chart_svg');
    if (document.querySelector('path.choroplethlocation, .scattergeo path.point')) mark('first_shape');
  }).observe(document, {subtree: true, childList: true});
})()"""
BREAKDOWN_JS = """() => {
  const {marks, messages} = window.__bench;
  const big = messages.reduce((a, m) => (m[1] > a[1] ? m : a), [0, 0]);
  const files = performance.getEntriesByType('resource')
    .filter((r) => /topojson|static\\/geo|plotly/i.test(r.name))
    .map((r) => [r.name.split('/').pop(), r.startTime, r.responseEnd, r.transferSize]);
  return {marks, largest_message: big, bytes: messages.reduce((a, m) => a + m[1], 0),
          last_message: messages.length ? messages[messages.length - 1][0] : 0, files};
}"""


def time_map(url: str, minimum: int, runs: int, shots: Path, name: str) -> dict[str, Any]:
    """Navigation → plotly SVG shapes drawn, in Debian Chromium, every non-local request
    blocked. One unmeasured warm-up (server imports and caches), then `runs` fresh contexts."""
    from playwright.sync_api import sync_playwright

    times: list[float] = []
    details: list[dict[str, Any]] = []
    blocked: list[str] = []
    shapes = 0
    error = ""
    warmup: float | None = None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS
        )
        local = url.split("/", 3)[:3]
        origin = "/".join(local)
        try:
            for attempt in range(runs + 1):
                context = browser.new_context(viewport={"width": 1280, "height": 900})

                def route(route: Any) -> None:
                    target = route.request.url
                    if target.startswith(origin) or target.startswith(("data:", "blob:")):
                        route.continue_()
                    else:
                        blocked.append(target)
                        route.abort()

                context.route("**/*", route)
                context.add_init_script(MILESTONES_JS)
                page = context.new_page()
                started = time.perf_counter()
                page.goto(url, wait_until="commit")
                limit = 90_000 if attempt == 0 else 60_000
                handle = page.wait_for_function(SHAPES_JS, arg=minimum, timeout=limit, polling=50)
                elapsed = time.perf_counter() - started
                shapes = int(handle.json_value())
                if attempt > 0:
                    times.append(elapsed)
                    details.append(page.evaluate(BREAKDOWN_JS))
                else:
                    warmup = elapsed
                if attempt == runs:
                    shots.mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=str(shots / f"{name}.png"))
                context.close()
        except Exception as exc:
            error = f"{type(exc).__name__}: {str(exc)[:300]}"
        finally:
            browser.close()
    return {"url": url, "median_s": median(times), "all": times, "shapes": shapes,
            "warmup_s": warmup, "blocked": sorted(set(blocked))[:5],
            "error": error, "breakdown": breakdown(details)}  # fmt: skip


def breakdown(details: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians over the runs of each milestone (s from navigation start), the largest
    websocket message (s, KB) and all bytes received (KB)."""
    if not details:
        return {}
    out: dict[str, Any] = {}
    for key in ("title", "chart_div", "chart_svg", "first_shape"):
        found = [d["marks"][key] / 1000 for d in details if key in d["marks"]]
        out[key] = median(found) if found else None
    out["largest_message_s"] = median([d["largest_message"][0] / 1000 for d in details])
    out["largest_message_kb"] = median([d["largest_message"][1] / 1024 for d in details])
    out["received_kb"] = median([d["bytes"] / 1024 for d in details])
    out["files"] = details[-1]["files"]
    return out


def breakdown_section(browser: dict[str, Any]) -> str:
    """A markdown table of where the time went in the browser (from `breakdown`)."""
    rows = ["", "### Where the time goes (medians, seconds from navigation start)", "",
            "| view | title shown | chart div | plotly svg | first shape | all shapes | "
            "largest message (s / KB) | received KB |", "|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for name, b in browser.items():
        d = b.get("breakdown") or {}
        if not d:
            continue
        cells = [d.get(k) for k in ("title", "chart_div", "chart_svg", "first_shape")]
        shown = " | ".join("–" if c is None else f"{c:.2f}" for c in cells)
        rows.append(f"| {name} | {shown} | {b['median_s']:.2f} | "
                    f"{d['largest_message_s']:.2f} / {d['largest_message_kb']:.0f} | "
                    f"{d['received_kb']:.0f} |")  # fmt: skip
    return "\n".join(rows) + "\n"


def browser_timings(db: str, runs: int, map_queries: list[str]) -> dict[str, Any]:
    """The dashboard's Map page (and any extra URL queries given, e.g. a county view), and
    the naive county choropleth served from a staging folder with plotly's basemaps."""
    work = REPO / "var" / "bench-browser"
    shots = work / "screenshots"
    out: dict[str, Any] = {}
    with streamlit_server(APP, db, work / "dashboard.log") as url:
        for query in ["", *map_queries]:
            # The Map is the default page, at "/" ("/map" opens a "page not found" dialog).
            target = f"{url}/" + (f"?{query}" if query else "")
            national_counties = "level=counties" in query.lower() and "zoom=" not in query
            minimum = 3000 if national_counties else 50  # states (or one state's counties)
            out[f"dashboard map{' ?' + query if query else ''}"] = time_map(
                target, minimum, runs, shots, f"map-{query or 'default'}".replace("=", "-")
            )
    stage = work / "naive"
    (stage / "static" / "topojson").mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "bench" / "naive_county_map.py", stage / "naive_county_map.py")
    for basemap in (REPO / "dashboard" / "static" / "topojson").glob("*.json"):
        shutil.copy(basemap, stage / "static" / "topojson" / basemap.name)
    os.environ["BENCH_GEO_DIR"] = str(REPO / "data" / "geo")
    with streamlit_server(stage / "naive_county_map.py", db, work / "naive.log") as url:
        out["naive county choropleth (bench/naive_county_map.py)"] = time_map(
            url, 3000, runs, shots, "naive-county"
        )
    return out


# --------------------------------------------------------------------------- report


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    except OSError:
        memory = float("nan")
    import pandas
    import plotly
    import streamlit

    return (f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GB RAM, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}, SQLite "
            f"{sqlite3.sqlite_version}, streamlit {streamlit.__version__}, pandas "
            f"{pandas.__version__}, plotly {plotly.__version__}; CPU reference (sum of "
            f"range(10**7)) {cpu_reference_ms():.0f} ms")  # fmt: skip


def size_label(votes: int) -> str:
    if votes >= 1_000_000 and votes % 1_000_000 == 0:
        return f"{votes // 1_000_000}m"
    if votes >= 1_000:
        return f"{round(votes / 1000)}k"
    return str(votes)


def _s(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "–"
    return f"{value:.2f} s" if value >= 0.1 else f"{value * 1000:.1f} ms"


def report(results: dict[str, Any]) -> str:
    from bench.report import render

    return render(results, _s)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="policytrack benchmarks (issue 4)")
    parser.add_argument("--db", required=True, help="SQLite file made by bench.generate")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--browser-runs", type=int, default=3)
    parser.add_argument("--only", default="pages,naive,queries,plans,browser")
    parser.add_argument("--map-query", action="append", default=[],
                        help="extra Map page URL query to time, e.g. level=Counties")  # fmt: skip
    parser.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help="report path (default bench/results/…)")
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(WORKERS[args.worker](args.db, args.repeat), default=str))
        return
    if not Path(args.db).exists():
        raise SystemExit(f"{args.db} not found: make it with `python -m bench.generate`")
    only = set(args.only.split(","))
    warm(args.db)
    with sqlite3.connect(f"file:{args.db}?mode=ro", uri=True) as connection:
        counts = {t: connection.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                  for t in ("vote_event", "member_vote", "position", "jurisdiction", "source",
                            "stakeholder", "agreement")}  # fmt: skip
    results: dict[str, Any] = {
        "date": dt.date.today().isoformat(), "db": args.db, "repeat": args.repeat,
        "db_mb": Path(args.db).stat().st_size / 1e6, "counts": counts, "machine": machine(),
        "pages_present": sorted(p.name for p in PAGES_DIR.glob("*.py")),
    }  # fmt: skip

    results["load"] = {}

    def step(name: str, function: Callable[[], Any]) -> None:
        print(f"… {name}", file=sys.stderr, flush=True)
        before = os.getloadavg()[0]
        seconds, results[name] = timed(function)
        results["load"][name] = (before, os.getloadavg()[0])
        print(f"  {name} done in {seconds:.0f} s", file=sys.stderr, flush=True)

    if "pages" in only:
        step("pages", lambda: run_worker("pages", args.db, args.repeat))
    if "naive" in only:
        step("naive_app", lambda: run_worker("naive_app", args.db, args.repeat))
        step("naive_pandas", lambda: run_worker("naive_pandas", args.db, args.repeat))
    if "queries" in only:
        step("sql", lambda: run_worker("sql", args.db, args.repeat))
    if "plans" in only:
        step("plans", lambda: plans_and_indexes(args.db, min(args.repeat, 3), REPO / "var"))
    if "browser" in only:
        step("browser", lambda: browser_timings(args.db, args.browser_runs, args.map_query))
    text = report(results)
    if results.get("browser"):
        text += breakdown_section(results["browser"])
    print(text)
    out = args.out or RESULTS / f"{results['date']}-{size_label(counts['vote_event'])}.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    raw = REPO / "var" / f"bench-{size_label(counts['vote_event'])}.json"
    raw.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    print(f"\nwrote {out} (raw numbers: {raw})", file=sys.stderr)


if __name__ == "__main__":
    main()
