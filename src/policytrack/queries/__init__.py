"""Read side: filters → SQL → small results: frozen dataclasses for what a page reads field
by field, DataFrames for tables and charts (records for files: `records`, `changes`). One
module per concern; pages reach them through `dashboard/data.py`, which caches by filter."""

from policytrack.queries.changes import agreement_changes
from policytrack.queries.records import (
    agreement_records,
    count_votes,
    import_report,
    stats,
    vote_records,
    vote_table,
)

__all__ = [
    "agreement_changes",
    "agreement_records",
    "count_votes",
    "import_report",
    "stats",
    "vote_records",
    "vote_table",
]
