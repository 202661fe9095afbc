"""Full page loads in Chromium, page by page, and where the time goes (issue 13, item 13).

    python -m bench.page_load [--db FILE] [--runs 3] [--pages map,data] [--out FILE]

`streamlit run` on the bundled data (a fresh SQLite database seeded like `make run`, with
ICE's July 2025 lists from ../shared when present) or `--db FILE`; Debian Chromium with
every non-local request aborted. Each page is opened once unmeasured (the server's imports
and caches), then `--runs` times in a fresh browser context (cold browser cache: a first
visit) and `--runs` times again in one context (warm: a return visit, the hashed assets
cached "immutable"). Times are from navigation start (`performance.timeOrigin`):

- html / js / css: the document and Streamlit's static bundles received;
- socket open / first message: the websocket to the server;
- title: the page's h1 (the first words a reader can read);
- content: the first meaningful content, the title and the page's first metric, table,
  chart, notice or form drawn;
- done: the script finished and every plotly chart drawn (a full page load);
- plotly: the plotly.js chunk requested and received (when the page draws a chart).

The CPU reference (`sum(range(10**7))`) and the 1-minute load average are printed beside
the figures: this is a shared 2-core machine (notes/PERF.md).
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.run import APP, CHROMIUM_FLAGS, REPO, cpu_reference_ms, streamlit_server

PAGES = {
    "map": "",
    "timeline": "timeline",
    "compare": "compare?jurisdictions=Miami%2C+FL&jurisdictions=Key+West%2C+FL",
    "stakeholders": "stakeholders",
    "data": "data",
    "changes": "changes",
    "record": "record?vote=fl-miami-2025-06-17",
    "edit": "edit",
}
CONTENT = (
    "[data-testid=stMetricValue], [data-testid=stDataFrame] canvas, "
    "[data-testid=stPlotlyChart] .main-svg, [data-testid=stAlert], [data-testid=stForm], "
    "[data-testid=stTable]"
)
# Injected before any page script: records when each milestone first happens.
MILESTONES_JS = """(() => {
  const marks = {};
  window.__load = marks;
  const mark = (k) => { if (!(k in marks)) marks[k] = performance.now(); };
  const Socket = window.WebSocket;
  window.WebSocket = class extends Socket {
    constructor(...args) {
      super(...args);
      this.addEventListener('open', () => mark('socket_open'));
      this.addEventListener('message', () => mark('first_message'));
    }
  };
  const main = () => document.querySelector('[data-testid=stMain]');
  new MutationObserver(() => {
    const here = main();
    if (!here) return;
    if (here.querySelector('h1')) mark('title');
    if (here.querySelector('h1') && here.querySelector(CONTENT)) mark('content');
  }).observe(document, {subtree: true, childList: true});
})()""".replace("CONTENT", repr(CONTENT))
DONE_JS = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (!document.querySelector('[data-testid=stMain] h1')) return false;
  if (document.querySelector('[data-testid=stSkeleton]')) return false;
  const charts = [...document.querySelectorAll('[data-testid=stPlotlyChart]')];
  if (!charts.every((c) => c.querySelector('.main-svg'))) return false;
  window.__load.done = window.__load.done ?? performance.now();
  return true;
}"""
FILES_JS = """() => {
  const pick = (re) => performance.getEntriesByType('resource').filter((r) => re.test(r.name));
  const end = (list) => list.length ? Math.max(...list.map((r) => r.responseEnd)) : null;
  const nav = performance.getEntriesByType('navigation')[0];
  const plotly = pick(/PlotlyChart/);
  const all = performance.getEntriesByType('resource');
  const chunks = pick(/static\\/js\\//).map((r) => [r.name.split('/').pop().split('.')[0],
    Math.round(r.decodedBodySize / 1024)]);
  return {chunks,
    html: nav ? nav.responseEnd : null,
    js: end(pick(/static\\/js\\/index\\./)), css: end(pick(/static\\/css\\//)),
    plotly_start: plotly.length ? plotly[0].startTime : null, plotly: end(plotly),
    kb: all.reduce((a, r) => a + (r.transferSize || 0), 0) / 1024,
    kb_decoded: all.reduce((a, r) => a + (r.decodedBodySize || 0), 0) / 1024,
  };
}"""
KEYS = ("html", "js", "css", "socket_open", "first_message", "title", "content", "plotly_start",
        "plotly", "done")  # fmt: skip


def bundled_database(folder: Path) -> str:
    """A SQLite file with the bundled data and, when ../shared is here, ICE's July 2025 lists."""
    from policytrack import migrations
    from policytrack.db import make_engine
    from policytrack.ingest.official_lists import import_official_list
    from policytrack.ingest.pipeline import seed

    path = folder / "page-load.sqlite3"
    url = f"sqlite:///{path}"
    migrations.upgrade(url)
    engine = make_engine(url)
    seed(engine, REPO / "data" / "seed")
    lists = REPO.parent / "shared" / "data" / "ice-287g"
    for name in ("participating_2025-07-18.xlsx", "pending_2025-07-18.xlsx"):
        if (lists / name).exists():
            import_official_list(engine, lists / name)
    engine.dispose()
    return str(path)


@contextmanager
def nginx_in_front(url: str, folder: Path) -> Iterator[str]:
    """deploy/nginx.conf (gzip, Streamlit's bundles from disk) in front of `url`, on a free
    port: the address to open instead."""
    import streamlit

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    static = Path(streamlit.__file__).parent / "static"
    conf = (REPO / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    conf = conf.replace("STREAMLIT_STATIC", str(static)).replace("listen 8080", f"listen {port}")
    conf = conf.replace("http://127.0.0.1:8501", url.rstrip("/"))
    conf = conf.replace("include mime.types;", "include /etc/nginx/mime.types;")
    head = f"pid {folder}/nginx.pid; error_log {folder}/nginx-error.log;\n"
    body = conf.replace(
        "http {", f"http {{\n    access_log off;\n    client_body_temp_path {folder};"
    )
    (folder / "nginx.conf").write_text(head + body, encoding="utf-8")
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    command = [binary, "-c", str(folder / "nginx.conf"), "-p", str(folder), "-g", "daemon off;"]
    process = subprocess.Popen(command)
    try:
        time.sleep(1.0)
        if process.poll() is not None:
            raise RuntimeError((folder / "nginx-error.log").read_text(errors="replace"))
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def _open(context: Any, url: str, timeout_ms: int = 90_000) -> dict[str, float | None]:
    """Open `url` in `context`; the milestones (ms from navigation start) once it is done."""
    page = context.new_page()
    page.goto(url, wait_until="commit")
    page.wait_for_function(DONE_JS, timeout=timeout_ms, polling=50)
    found: dict[str, Any] = {**page.evaluate("() => window.__load"), **page.evaluate(FILES_JS)}
    page.close()
    return found


def page_loads(url: str, pages: dict[str, str], runs: int) -> dict[str, dict[str, Any]]:
    """Cold and warm loads of each page (medians of `runs`, ms) after one warm-up."""
    from playwright.sync_api import sync_playwright

    origin = url.rstrip("/")
    results: dict[str, dict[str, Any]] = {}
    with sync_playwright() as playwright:
        # Off-machine requests go to a proxy that is not there (loopback bypasses it): a
        # Playwright route would block them too, but it turns the browser's cache off.
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("POLICYTRACK_CHROMIUM", "/usr/bin/chromium"),
            args=CHROMIUM_FLAGS,
            proxy={"server": "http://127.0.0.1:9", "bypass": "127.0.0.1"},
        )

        def context() -> Any:
            made = browser.new_context(viewport={"width": 1280, "height": 900})
            made.add_init_script(MILESTONES_JS)
            return made

        try:
            for name, path in pages.items():
                target = f"{origin}/{path}"
                warm_up = context()
                _open(warm_up, target)
                warm_up.close()
                cold = []
                for _ in range(runs):
                    fresh = context()
                    cold.append(_open(fresh, target))
                    fresh.close()
                returning = context()
                _open(returning, target)  # fills its cache
                warm = [_open(returning, target) for _ in range(runs)]
                returning.close()
                results[name] = {"cold": _medians(cold), "warm": _medians(warm)}
        finally:
            browser.close()
    return results


def _medians(runs: list[dict[str, Any]]) -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    for key in (*KEYS, "kb", "kb_decoded"):
        values = [r[key] for r in runs if r.get(key) is not None]
        out[key] = statistics.median(values) if values else None
    return out


def table(results: dict[str, dict[str, Any]]) -> str:
    """Markdown: one row per page and cache state, seconds from navigation start."""
    head = ["page", "cache", *KEYS, "KB over the wire / decoded"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, found in results.items():
        for state in ("cold", "warm"):
            row = found[state]
            cells = ["–" if row[k] is None else f"{row[k] / 1000:.2f}" for k in KEYS]
            size = f"{row['kb'] or 0:,.0f} / {row['kb_decoded'] or 0:,.0f}"
            lines.append(f"| {name} | {state} | " + " | ".join(cells) + f" | {size} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="SQLite file (default: the bundled data, made afresh)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", help=f"comma-separated, of {','.join(PAGES)}")
    parser.add_argument("--out", type=Path, help="append the report to this file")
    parser.add_argument(
        "--nginx", action="store_true", help="also through deploy/nginx.conf (needs nginx)"
    )
    args = parser.parse_args(argv)
    pages = {k: PAGES[k] for k in args.pages.split(",")} if args.pages else PAGES
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or bundled_database(Path(folder))
        cpu, load = cpu_reference_ms(), os.getloadavg()[0]
        started = time.perf_counter()
        with streamlit_server(APP, db, Path(folder) / "streamlit.log") as url:
            reports = [("streamlit directly", table(page_loads(url, pages, args.runs)))]
            if args.nginx:
                with nginx_in_front(url, Path(folder)) as proxied:
                    reports.append(("through nginx", table(page_loads(proxied, pages, args.runs))))
        report = "\n\n".join(f"**{name}**\n\n{found}" for name, found in reports) + (
            f"\n\nSeconds from navigation start, medians of {args.runs} runs (cold: a fresh "
            f"browser context each; warm: one context reloading). Load average {load:.1f} → "
            f"{os.getloadavg()[0]:.1f}; CPU reference (sum of range(10**7)) {cpu:.0f} ms; "
            f"{time.perf_counter() - started:.0f} s in all."
        )
    print(report)
    if args.out:
        with args.out.open("a", encoding="utf-8") as handle:
            handle.write(report + "\n")


if __name__ == "__main__":
    main()
