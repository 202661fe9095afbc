"""Write the query planner's statistics of a bench database (SQLite `sqlite_stat1` rows for
the vote and position tables) to the file the plan tests load:

    python -m bench.planner_stats --db var/bench-1m.sqlite3

tests/integration/test_query_plans.py puts these statistics into an empty database, so
SQLite plans the dashboard's queries as it would at 1M SYNTHETIC votes, and checks the plans.
Run it again after a migration adds or changes an index on these tables.
"""

from __future__ import annotations

import argparse
import csv
import sqlite3
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "sqlite_stat1_1m.csv"
TABLES = ("vote_event", "position", "jurisdiction", "stakeholder")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="SQLite file made by bench.generate")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    with sqlite3.connect(f"file:{args.db}?mode=ro", uri=True) as connection:
        marks = ",".join("?" for _ in TABLES)
        rows = connection.execute(
            f"SELECT tbl, idx, stat FROM sqlite_stat1 WHERE tbl IN ({marks}) ORDER BY tbl, idx",
            TABLES,
        ).fetchall()
    with args.out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["tbl", "idx", "stat"])
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {args.out}")


if __name__ == "__main__":
    main()
