"""The markdown report of a bench.run (small enough to commit)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

TARGETS = {"rerun_s": 0.3, "first_s": 2.0, "peak_mb": 300.0, "map_s": 4.0}


def _ok(value: Any, target: float) -> str:
    if not isinstance(value, int | float) or value != value:
        return "–"
    return "met" if value <= target else "**not met**"


def render(r: dict[str, Any], s: Callable[[Any], str]) -> str:
    c = r["counts"]
    lines = [
        f"# Benchmark {r['date']}: {c['vote_event']:,} vote events (SYNTHETIC data)",
        "",
        f"Database `{r['db']}` {r['db_mb']:,.0f} MB: {c['vote_event']:,} vote events, "
        f"{c['member_vote']:,} member votes, {c['position']:,} positions, "
        f"{c['jurisdiction']:,} jurisdictions, {c['stakeholder']:,} stakeholders, "
        f"{c['source']:,} sources, {c['agreement']:,} agreements.",
        "",
        f"Machine: {r['machine']}. Medians of {r['repeat']} runs, OS page cache warm.",
        f"Page scripts present: {', '.join(r['pages_present'])}.",
        "",
        "1-minute load average before → after each step (2 cores; other work on the machine "
        "inflates timings): "
        + ", ".join(f"{k} {a:.1f} → {b:.1f}" for k, (a, b) in r.get("load", {}).items())
        + ".",
        "",
    ]
    lines += _pages(r, s) + _naive(r, s) + _queries(r, s) + _plans(r, s) + _browser(r, s)
    return "\n".join(lines) + "\n"


def _pages(r: dict[str, Any], s: Callable[[Any], str]) -> list[str]:
    pages = r.get("pages")
    if not pages:
        return []
    if "error" in pages:
        return ["## Pages (AppTest)", "", "```", pages["error"], "```", ""]
    out = [
        "## Pages (AppTest: script time only, no browser)",
        "",
        "First load = fresh AppTest with Streamlit caches cleared (imports already warm); "
        "rerun = a different state chosen in the sidebar each time (a cache miss). "
        f"Process first run (imports included): {s(pages['process_first_run_s'])}.",
        "",
        "| page | title | first load | rerun after filter change | charts | note |",
        "|---|---|---|---|---|---|",
    ]
    for name, p in pages["pages"].items():
        note = "stub ('being built')" if p["stub"] else ""
        if p["errors"]:
            note += (" · " if note else "") + "errors: " + "; ".join(p["errors"])[:160]
        out.append(f"| {name} | {p['title']} | {s(p['first_s'])} | {s(p['rerun_s'])} | "
                   f"{p['charts']} | {note} |")  # fmt: skip
    out += [
        "",
        f"Peak RSS of the process that ran every page as above: **{pages['peak_mb']:.0f} MB**.",
        "",
    ]
    return out


def _naive(r: dict[str, Any], s: Callable[[Any], str]) -> list[str]:
    app, pandas_, sql, pages = (
        r.get("naive_app"),
        r.get("naive_pandas"),
        r.get("sql"),
        r.get("pages"),
    )
    if not (app or pandas_):
        return []
    out = ["## Naive (all rows → pandas) vs ours (filters and GROUP BY in SQL)", ""]
    for name, part in (("naive_app", app), ("naive_pandas", pandas_), ("sql", sql)):
        if part and "error" in part:
            out += [f"{name} failed:", "```", part["error"], "```", ""]
    ok = lambda x: x and "error" not in x  # noqa: E731
    if ok(app) and ok(pages):
        data = pages["pages"].get("data.py", {})
        worst_first = max(p["first_s"] for p in pages["pages"].values())
        worst_rerun = max(p["rerun_s"] for p in pages["pages"].values())
        out += [
            "| Streamlit page | first load | rerun after filter change | peak RSS |",
            "|---|---|---|---|",
            f"| naive (bench/naive_app.py: cached full DataFrame, pandas filter/group, 2 charts + table) "
            f"| {s(app['first_s'])} | {s(app['rerun_s'])} | {app['peak_mb']:.0f} MB |",
            f"| ours, Data page (SQL count + newest 500 rows) | {s(data.get('first_s'))} | "
            f"{s(data.get('rerun_s'))} | {pages['peak_mb']:.0f} MB (all pages) |",
            f"| ours, slowest page | {s(worst_first)} | {s(worst_rerun)} | |",
            f"| target | ≤ 2 s ({_ok(worst_first, 2.0)}) | ≤ 0.3 s ({_ok(worst_rerun, 0.3)}) | "
            f"≤ 300 MB ({_ok(pages['peak_mb'], 300.0)}) |",
            "",
            f"Naive process first run (imports + load): {s(app['process_first_run_s'])}. "
            f"Naive first loads: {', '.join(s(x) for x in app['first_all'])}.",
            "",
        ]
    if ok(pandas_) and ok(sql):
        same = pandas_["answer"] == sql["answers"]["answer"]
        out += [
            "Same three answers (count by state, by month, markers per jurisdiction) for one "
            "state from 2015, outside Streamlit:",
            "",
            "| approach | load | answer a filter change | peak RSS |",
            "|---|---|---|---|",
            f"| naive: pd.read_sql(votes ⋈ jurisdictions ⋈ bodies ⋈ position counts) "
            f"({pandas_['rows']:,} rows, {pandas_['frame_mb']:,.0f} MB frame), pandas filter + groupby "
            f"| {s(pandas_['load_s'])} | {s(pandas_['filter_group_s'])} | {pandas_['peak_mb']:.0f} MB |",
            f"| ours: 3 SQL queries (policytrack.filters.vote_conditions) | – | "
            f"{s(sql['answers']['all_three_s'])} | {sql['peak_mb']:.0f} MB |",
            "",
            f"Answers identical: {'yes' if same else 'NO: ' + str(pandas_['answer'])[:200] + ' vs ' + str(sql['answers']['answer'])[:200]}.",
            "",
        ]
    return out


def _queries(r: dict[str, Any], s: Callable[[Any], str]) -> list[str]:
    sql = r.get("sql")
    if not sql or "error" in sql or not sql.get("functions"):
        return []
    out = [
        "## Real query functions (policytrack.queries.*, one state from 2015, median)",
        "",
        "| function | median | error |",
        "|---|---|---|",
    ]
    for name, f in sql["functions"].items():
        out.append(f"| {name} | {s(f['median_s'])} | {f['error']} |")
    return [*out, ""]


def _plans(r: dict[str, Any], s: Callable[[Any], str]) -> list[str]:
    from bench.sqlq import flags

    plans = r.get("plans")
    if not plans:
        return []
    indexes = plans.get("indexes", [])
    names = [i["name"] for i in indexes]
    out = [
        "## Query plans and candidate indexes (measured on a copy of the database)",
        "",
        "Each column adds one more index to the copy (cumulative); times are medians.",
        "",
        "| query | now | " + " | ".join(f"+ {n}" for n in names) + " | flags now |",
        "|---|---|" + "---|" * len(names) + "---|",
    ]
    for query, before in plans["before"].items():
        cells = [s(i["after"][query]) for i in indexes]
        flag = "; ".join(flags(plans["plans"][query])) or "–"
        out.append(f"| {query} | {s(before)} | " + " | ".join(cells) + f" | {flag} |")
    out += [
        "",
        "Index build times: " + ", ".join(f"{i['name']} {i['build_s']:.1f} s" for i in indexes),
        "",
    ]
    out += [
        "<details><summary>EXPLAIN QUERY PLAN now (and with all candidate indexes)</summary>",
        "",
    ]
    last = indexes[-1]["plans"] if indexes else {}
    for query, plan in plans["plans"].items():
        out += [f"**{query}**", "```", *plan, "```"]
        if last and last.get(query) != plan:
            out += ["with all candidates:", "```", *last[query], "```"]
    out += ["</details>", ""]
    return out


def _browser(r: dict[str, Any], s: Callable[[Any], str]) -> list[str]:
    browser = r.get("browser")
    if not browser:
        return []
    out = [
        "## Browser (Debian Chromium via Playwright, --disable-gpu, non-local requests blocked)",
        "",
        "Navigation → plotly SVG shapes drawn (choropleth paths / geo points; ≥ 3,000 for county "
        "maps). One unmeasured warm-up first, then fresh browser contexts.",
        "",
        "| view | median | runs | shapes | target ≤ 4 s | note |",
        "|---|---|---|---|---|---|",
    ]
    for name, b in browser.items():
        runs = ", ".join(f"{x:.2f}" for x in b.get("all", []))
        note = b.get("error", "")[:160]
        if b.get("blocked"):
            note += f" blocked: {b['blocked']}"
        out.append(f"| {name} | {s(b.get('median_s'))} | {runs} | {b.get('shapes')} | "
                   f"{_ok(b.get('median_s'), 4.0)} | {note} |")  # fmt: skip
    return [*out, ""]
