"""The SQL side of the comparison: the answers the naive baseline computes in pandas, computed
with the real Filters → SQL code (policytrack.filters.vote_conditions); query plans; timings
for the index experiments."""

from __future__ import annotations

import datetime as dt
import statistics
import time
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event, func
from sqlmodel import Session, col

from policytrack.filters import Filters, vote_conditions
from policytrack.models import Jurisdiction, VoteEvent


def by_state(filters: Filters) -> Any:
    return (
        sa.select(col(VoteEvent.state), func.count())
        .where(*vote_conditions(filters))
        .group_by(col(VoteEvent.state))
    )


def by_month(filters: Filters) -> Any:
    month = func.strftime("%Y-%m", col(VoteEvent.vote_date))
    return sa.select(month, func.count()).where(*vote_conditions(filters)).group_by(month)


def markers(filters: Filters) -> Any:
    counts = (
        sa.select(col(VoteEvent.jurisdiction_id).label("jid"), func.count().label("votes"))
        .where(*vote_conditions(filters))
        .group_by(col(VoteEvent.jurisdiction_id))
        .subquery()
    )
    return sa.select(
        col(Jurisdiction.id), col(Jurisdiction.name), col(Jurisdiction.lat),
        col(Jurisdiction.lon), counts.c.votes,
    ).join(counts, counts.c.jid == col(Jurisdiction.id))  # fmt: skip


def answers(session: Session, filters: Filters) -> dict[str, list[Any]]:
    """Count by state, by month and per jurisdiction, as the naive app computes them."""
    return {
        "by_state": [tuple(r) for r in session.execute(by_state(filters))],
        "by_month": [tuple(r) for r in session.execute(by_month(filters))],
        "markers": [tuple(r) for r in session.execute(markers(filters))],
    }


def _vote_table(session: Session, filters: Filters) -> Any:
    from policytrack.queries.records import vote_table

    return vote_table(session, filters, limit=500)


def _count(session: Session, filters: Filters) -> Any:
    from policytrack.queries.records import count_votes

    return count_votes(session, filters)


SINCE_2020 = dt.date(2020, 1, 1)
# name → (callable(session, filters), filters). Callables run real code; plans are captured
# from the SQL they send.
QUERIES: dict[str, tuple[Callable[[Session, Filters], Any], Filters]] = {
    "count by state · no filter": (lambda s, f: s.execute(by_state(f)).all(), Filters()),
    "count by state · from 2020": (lambda s, f: s.execute(by_state(f)).all(), Filters(date_from=SINCE_2020)),
    "count by state · passed + 287(g) topic": (
        lambda s, f: s.execute(by_state(f)).all(),
        Filters(outcomes=("passed",), topics=("287g_agreement",)),
    ),
    "by month · no filter": (lambda s, f: s.execute(by_month(f)).all(), Filters()),
    "by month · TX from 2015": (
        lambda s, f: s.execute(by_month(f)).all(),
        Filters(states=("TX",), date_from=dt.date(2015, 1, 1)),
    ),
    "markers · no filter": (lambda s, f: s.execute(markers(f)).all(), Filters()),
    "markers · TX": (lambda s, f: s.execute(markers(f)).all(), Filters(states=("TX",))),
    "markers · from 2020": (lambda s, f: s.execute(markers(f)).all(), Filters(date_from=SINCE_2020)),
    "records.count_votes · county kind": (_count, Filters(kinds=("county",))),
    "records.vote_table newest 500 · no filter": (_vote_table, Filters()),
    "records.vote_table newest 500 · TX": (_vote_table, Filters(states=("TX",))),
    "maps.headline · no filter": (lambda s, f: _real("maps.headline")(s, f), Filters()),
    "maps.state_summary · no filter": (lambda s, f: _real("maps.state_summary")(s, f), Filters()),
    "maps.markers · no filter": (lambda s, f: _real("maps.markers")(s, f), Filters()),
    "maps.markers · TX": (lambda s, f: _real("maps.markers")(s, f, state="TX"), Filters(states=("TX",))),
    "timeline.votes_by_month · no filter": (lambda s, f: _real("timeline.votes_by_month")(s, f), Filters()),
    "timeline.votes_by_month · TX from 2015": (
        lambda s, f: _real("timeline.votes_by_month")(s, f),
        Filters(states=("TX",), date_from=dt.date(2015, 1, 1)),
    ),
}  # fmt: skip


def _real(name: str) -> Callable[..., Any]:
    """A query function from policytrack.queries (modules other people are writing)."""
    import importlib

    module, _, function = name.rpartition(".")
    return getattr(importlib.import_module(f"policytrack.queries.{module}"), function)  # type: ignore[no-any-return]


# Cumulative: each is added to the copy on top of the previous ones. Partial (`WHERE retired
# IS 0`, exactly the term vote_conditions adds) so that they cover live votes only and stay
# usable by every page query; columns chosen to cover the Map page's needs (state, date,
# outcome, jurisdiction) so SQLite never has to visit the 1M-row table.
CANDIDATE_INDEXES = [
    ("ix_vote_event_live_state_date",
     "CREATE INDEX ix_vote_event_live_state_date ON vote_event "
     "(state, vote_date, outcome, jurisdiction_id) WHERE retired IS 0"),
    ("ix_vote_event_live_date",
     "CREATE INDEX ix_vote_event_live_date ON vote_event "
     "(vote_date, state, outcome, jurisdiction_id) WHERE retired IS 0"),
    ("ix_vote_event_live_jurisdiction",
     "CREATE INDEX ix_vote_event_live_jurisdiction ON vote_event "
     "(jurisdiction_id, vote_date, outcome) WHERE retired IS 0"),
]  # fmt: skip


def _engine(db: str) -> sa.Engine:
    from policytrack.db import make_engine

    return make_engine(f"sqlite:///{db}")


_SENT: dict[str, list[tuple[str, Any]]] = {}  # SQL each query sent (same for every copy)


def explain_all(db: str) -> dict[str, list[str]]:
    """EXPLAIN QUERY PLAN of every SQL statement each query sends (captured at the cursor
    on the first call; the statements do not depend on which indexes exist)."""
    engine = _engine(db)
    plans: dict[str, list[str]] = {}
    for name, (function, filters) in QUERIES.items():
        if name in _SENT:
            plans[name] = _explain(engine, _SENT[name])
            continue
        sent: list[tuple[str, Any]] = []

        def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
            sent.append((statement, parameters))

        event.listen(engine, "before_cursor_execute", capture)
        try:
            with Session(engine) as session:
                function(session, filters)
        except Exception as exc:  # a query module mid-edit must not stop the bench
            plans[name] = [f"error: {type(exc).__name__}: {str(exc)[:150]}", "—"]
            continue
        finally:
            event.remove(engine, "before_cursor_execute", capture)
        _SENT[name] = [(q, p) for q, p in sent if q.lstrip().upper().startswith(("SELECT", "WITH"))]
        plans[name] = _explain(engine, _SENT[name])
    engine.dispose()
    return plans


def _explain(engine: sa.Engine, sent: list[tuple[str, Any]]) -> list[str]:
    lines: list[str] = []
    with engine.connect() as connection:
        for statement, parameters in sent:
            rows = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
            lines += [row[3] for row in rows]
            lines.append("—")
    return lines[:-1]


def flags(plan: list[str]) -> list[str]:
    """Full table scans and temp sorts worth a look."""
    found = []
    for line in plan:
        if line.startswith("SCAN ") and " USING " not in line:
            found.append(f"full scan: {line}")
        elif line.startswith("SCAN ") and "COVERING INDEX" in line:
            found.append(f"full index scan: {line}")
        elif "TEMP B-TREE" in line:
            found.append(line.lower())
    return found


def time_all(db: str, repeat: int) -> dict[str, float]:
    """Median seconds of each query on a fresh engine (warm OS cache; at most 2 runs each:
    the slow ones take seconds at 1M and there are four index states to time)."""
    engine = _engine(db)
    out: dict[str, float] = {}
    with Session(engine) as session:
        for name, (function, filters) in QUERIES.items():
            times = []
            for _ in range(max(1, min(repeat, 2))):
                started = time.perf_counter()
                try:
                    function(session, filters)
                except Exception:  # a query module mid-edit
                    session.rollback()
                    break
                times.append(time.perf_counter() - started)
            out[name] = statistics.median(times) if times else float("nan")
    engine.dispose()
    return out
