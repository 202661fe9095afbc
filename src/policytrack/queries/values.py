"""Values as the databases hand them back, made uniform for the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any


def as_date(value: Any) -> dt.date | None:
    """A date from what a query returned: a date (PostgreSQL), ISO text (SQLite, or an
    aggregate cast to text), or nothing (None, or NaN where pandas holds a missing one)."""
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    return dt.date.fromisoformat(value[:10])
