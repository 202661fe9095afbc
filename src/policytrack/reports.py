"""Plain-text reports for the command line: what an import did, what changed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from policytrack.ingest.official_lists import ListImport
from policytrack.queries.changes import Change

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
        yield "  an older list than one already imported: the history between lists derived again"
        if result.removed:
            yield f"  {result.removed} of its agreements are not on the next list: removed then"
    elif result.removed:
        yield f"  {result.removed} agreements no longer listed: marked removed"
    counts = Counter(note.category for note in result.notes)
    if counts:
        yield "  report: " + ", ".join(f"{n} {category}" for category, n in sorted(counts.items()))
    for note in result.notes:
        where = f"row {note.row}" if note.row is not None else "file"
        yield f"    {where} [{note.category}] {note.field} {note.value!r}: {note.message}"
    for line in result.links:
        yield f"  linked {line}"


def describe_change(change: Change) -> str:
    """One change (between ICE's lists, or to a vote) as a line of text."""
    model = f" ({change.model})" if change.model != "unknown" else ""
    return (
        f"{change.on} {change.change:<10} {change.state} {change.name}{model} "
        f"[{change.key}]: {change.summary}"
    )
