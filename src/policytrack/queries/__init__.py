"""Read side: filters → SQL → small results (DataFrames, dicts). One module per concern;
pages reach them through `dashboard/data.py`, which caches by filter."""

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
