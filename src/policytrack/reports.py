"""Plain-text reports for the command line: what an import did, what changed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from policytrack.ingest.official_lists import ListImport

_ORDER = ("exact", "new", "renamed", "redated", "relabelled", "relisted", "activated")


def describe_list_import(result: ListImport) -> Iterator[str]:
    """What a list import did, then its report: corrected, unresolved and doubtful rows."""
    if result.already_imported:
        yield f"{result.file}: already imported (list as of {result.as_of}); nothing changed"
        return
    yield (
        f"{result.file}: {result.kind} list as of {result.as_of} "
        f"(date from the {result.as_of_source}), {result.rows} rows"
    )
    how = ", ".join(f"{result.how[k]} {k}" for k in _ORDER if result.how.get(k))
    yield f"  rows: {how or 'none'}"
    if not result.newest:
        yield "  an older list than one already imported: history updated, statuses kept"
    if result.removed:
        yield f"  {result.removed} agreements no longer listed: marked removed"
    counts = Counter(note.category for note in result.notes)
    if counts:
        yield "  report: " + ", ".join(f"{n} {category}" for category, n in sorted(counts.items()))
    for note in result.notes:
        where = f"row {note.row}" if note.row is not None else "file"
        yield f"    {where} [{note.category}] {note.field} {note.value!r}: {note.message}"
    for line in result.links:
        yield f"  linked {line}"


def describe_change(change: dict[str, Any]) -> str:
    """One change between lists as a line of text."""
    detail = ""
    if change["change"] != "added" and (change.get("before") or change.get("after")):
        detail = f": {change.get('before') or '—'} → {change.get('after') or '—'}"
    return (
        f"{change['as_of']} {change['change']:<10} {change['state']} {change['agency']} "
        f"({change['model']}) [{change['agreement']}]{detail}"
    )
