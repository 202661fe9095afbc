"""Rerun time of every page after a change of each shared filter (not only the state).

    python -m bench.reruns --db var/bench-1m.sqlite3 [--rounds 3] [--pages map.py,data.py]

For each page: a fresh AppTest with Streamlit caches cleared loads the page unfiltered; then
each filter is set on its own (a cache miss: each round picks another value), timed, and
cleared again (back to the cached unfiltered view, not timed). AppTest times the script
only, no browser. Prints a markdown table (medians over rounds) and the peak RSS.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.run import APP, PAGES_DIR, compile_pages_once, cpu_reference_ms, peak_mb, warm

Change = Callable[[Any, int], Any]


def _multi(key: str) -> tuple[Change, Change]:
    def choose(at: Any, round_: int) -> Any:
        widget = at.multiselect(key=key)
        return widget.set_value([widget.options[round_ % len(widget.options)]])

    return choose, lambda at, _: at.multiselect(key=key).set_value([])


def _date(key: str, first_year: int) -> tuple[Change, Change]:
    def choose(at: Any, round_: int) -> Any:
        return at.date_input(key=key).set_value(dt.date(first_year + round_, 7, 1))

    return choose, lambda at, _: at.date_input(key=key).set_value(None)


def _stakeholder() -> tuple[Change, Change]:
    def choose(at: Any, round_: int) -> Any:
        widget = at.selectbox(key="stakeholder")
        return widget.set_value(widget.options[round_ * 7 % len(widget.options)])

    return choose, lambda at, _: at.selectbox(key="stakeholder").set_value(None)


def _search(words: tuple[str, ...]) -> tuple[Change, Change]:
    def choose(at: Any, round_: int) -> Any:
        return at.text_input(key="q").input(words[round_ % len(words)])

    return choose, lambda at, _: at.text_input(key="q").input("")


CHANGES: dict[str, tuple[Change, Change]] = {
    "state": _multi("state"),
    "topic": _multi("topic"),
    "action": _multi("action"),
    "outcome": _multi("outcome"),
    "model": _multi("model"),
    "kind": _multi("kind"),
    "from date": _date("from", 2016),
    "to date": _date("to", 2019),
    "stakeholder": _stakeholder(),
    "search (a place)": _search(("Miami", "Worcester", "Tallahassee")),
    "search (common word)": _search(("county", "sheriff", "city")),
    # People as the synthetic data name them: a stakeholder, a speaker for one, a roll-call
    # member (on a 9-seat body only: one vote in four).
    "search (a person)": _search(
        ("Synthetic stakeholder 00042", "Synthetic speaker 917", "Synthetic member 9")
    ),
}


def _timed(function: Callable[[], Any]) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def page_reruns(page: str, rounds: int) -> dict[str, Any]:
    """Medians of the first load and of the rerun after each filter change, for one page."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    firsts: list[float] = []
    times: dict[str, list[float]] = {name: [] for name in CHANGES}
    errors: set[str] = set()
    for round_ in range(rounds):
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(str(APP), default_timeout=600)
        at.switch_page(f"app_pages/{page}")
        firsts.append(_timed(at.run))
        for name, (choose, clear) in CHANGES.items():
            times[name].append(_timed(lambda c=choose, r=round_: c(at, r).run()))
            errors.update(f"{name}: {str(e.value)[:120]}" for e in at.exception)
            clear(at, round_).run()
    return {
        "first_s": statistics.median(firsts),
        "reruns": {name: statistics.median(values) for name, values in times.items()},
        "errors": sorted(errors),
    }


def table(results: dict[str, dict[str, Any]]) -> str:
    """Markdown: one row per page, one column per filter changed (seconds)."""
    head = ["page", "first load", *CHANGES, "median"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for page, found in results.items():
        reruns = list(found["reruns"].values())
        cells = [f"{found['first_s']:.2f}", *(f"{v:.2f}" for v in reruns)]
        cells.append(f"{statistics.median(reruns):.2f}")
        lines.append(f"| {page} | " + " | ".join(cells) + " |")
    for page, found in results.items():
        lines += [f"- {page}: {e}" for e in found["errors"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="SQLite file made by bench.generate")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pages", help="comma-separated page files (default: all)")
    args = parser.parse_args(argv)
    os.environ["POLICYTRACK_DATABASE_URL"] = f"sqlite:///{Path(args.db).resolve()}"
    warm(args.db)
    compile_pages_once()
    cpu = cpu_reference_ms()
    pages = (
        args.pages.split(",")
        if args.pages
        else sorted(p.name for p in PAGES_DIR.glob("*.py") if not p.name.startswith("_"))
    )
    load = os.getloadavg()[0]
    results = {page: page_reruns(page, args.rounds) for page in pages}
    print(table(results))
    print(
        f"\nSeconds, medians of {args.rounds} rounds (each a different value). Peak RSS "
        f"{peak_mb():.0f} MB. Load average {load:.1f} → {os.getloadavg()[0]:.1f}. CPU "
        f"reference (sum of range(10**7)): {cpu:.0f} ms."
    )


if __name__ == "__main__":
    main()
