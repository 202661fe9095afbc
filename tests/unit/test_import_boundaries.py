"""The dashboard talks to the read and write sides through their front doors only (issue 16
item 2): `policytrack.queries`, `policytrack.edits`, ingest's public entry points and a few
pure modules. Sessions, engines, models and ingest internals stay below them; `data.py`
alone opens sessions for the pages.

An AST walk over every import in dashboard/ (module level or inside a function). Each
import is read as the dotted name it brings in: `from policytrack.queries import compare` is
`policytrack.queries.compare`, `from sqlmodel import Session` is `sqlmodel.Session`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from policytrack.config import REPO_ROOT

DASHBOARD = REPO_ROOT / "dashboard"

# What a page or component may import from policytrack (a name matches its dotted prefix).
ALLOWED = (
    "policytrack.queries",  # the read side
    "policytrack.edits",  # the write side
    "policytrack.auth",  # who may edit (the write side's gate)
    # ingest's public entry points and the refusal they raise; its other modules are internal
    "policytrack.ingest.pipeline",
    "policytrack.ingest.official_lists",
    "policytrack.ingest.problems",
    # pure modules: no database, no session
    "policytrack.filters",
    "policytrack.vocab",
    "policytrack.config",
    "policytrack.hidden_text",
    "policytrack.schemas",
    "policytrack.export",
    "policytrack.failures",
    "policytrack.geo.shapes",
    "policytrack.articles",  # the article assistant: reads text, drafts a record, no database
    "policytrack.key_dates",
    "policytrack.citations",  # writes a record's citation from facts the page gathered
    "policytrack.chart_images",  # a figure as PNG/SVG (kaleido): no database
    "policytrack.i18n",  # the reader's language: catalogues, dates and numbers
)
# Never imported by a page or component: the database layer's libraries.
FORBIDDEN = ("sqlmodel", "sqlalchemy", "psycopg")

# Imports below the line that are known and kept for now, each by file and exact name. An
# entry goes when its import goes (test_every_exception_is_still_needed says so): the list
# only shrinks.
EXCEPTIONS: dict[str, frozenset[str]] = {
    # The seam itself: the one engine per database, the schema check, the data version and
    # the session each cached query runs on.
    "data.py": frozenset(
        {
            "sqlalchemy.Engine",
            "sqlmodel.Session",
            "policytrack.data_version",
            "policytrack.migrations",
            "policytrack.db.make_engine",
        }
    ),
}


def imported_names(source: str) -> list[tuple[int, str]]:
    """(line, dotted name) of every import in `source`, however deeply nested."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def _under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def crosses(name: str) -> bool:
    """True for an import a page or component may not make."""
    if any(_under(name, package) for package in FORBIDDEN):
        return True
    if not _under(name, "policytrack"):
        return False  # the standard library, streamlit, pandas, our own components
    return not any(_under(name, allowed) for allowed in ALLOWED)


def _excepted(name: str, exceptions: frozenset[str]) -> bool:
    return any(
        name == entry or (entry.endswith(".*") and _under(name, entry[:-2])) for entry in exceptions
    )


def violations(source: str, where: str, exceptions: frozenset[str] = frozenset()) -> list[str]:
    """`file:line imports name` for each import of `source` below the line."""
    return [
        f"{where}:{line} imports {name}"
        for line, name in imported_names(source)
        if crosses(name) and not _excepted(name, exceptions)
    ]


def _dashboard_files() -> list[Path]:
    return sorted(DASHBOARD.rglob("*.py"))


def _relative(path: Path) -> str:
    return path.relative_to(DASHBOARD).as_posix()


def test_pages_and_components_import_only_through_the_front_doors() -> None:
    files = _dashboard_files()
    assert len(files) > 20, "the walk found the dashboard"
    found = [
        problem
        for path in files
        for problem in violations(
            path.read_text(encoding="utf-8"),
            _relative(path),
            EXCEPTIONS.get(_relative(path), frozenset()),
        )
    ]
    assert not found, "Below the query/edit layer:\n" + "\n".join(found)


def test_every_exception_is_still_needed() -> None:
    """An allowed crossing whose import is gone is taken off the list (it only shrinks)."""
    stale = []
    for where, exceptions in EXCEPTIONS.items():
        path = DASHBOARD / where
        names = [name for _, name in imported_names(path.read_text(encoding="utf-8"))]
        stale += [
            f"{where}: {entry}"
            for entry in sorted(exceptions)
            if not any(crosses(name) and _excepted(name, frozenset({entry})) for name in names)
        ]
    assert not stale, "No longer imported, remove from EXCEPTIONS:\n" + "\n".join(stale)


@pytest.mark.parametrize(
    "source",
    [
        "from policytrack.models import VoteEvent",
        "import policytrack.db",
        "from policytrack import db",
        "from sqlmodel import Session",
        "import sqlalchemy as sa",
        "from policytrack.ingest import fields",
        "from policytrack.ingest.fields import parse_sources",
        "from policytrack.services import update_vote",
        "def page() -> None:\n    from policytrack.models import AuditEntry\n",
    ],
)
def test_an_import_below_the_line_is_caught(source: str) -> None:
    assert violations(source, "app_pages/bad.py") == [
        f"app_pages/bad.py:{imported_names(source)[0][0]} imports {imported_names(source)[0][1]}"
    ]


@pytest.mark.parametrize(
    "source",
    [
        "from policytrack.queries import compare",
        "from policytrack.queries.record import VoteRecord",
        "from policytrack.edits.sources import update_source",
        "from policytrack.ingest.pipeline import import_votes",
        "from policytrack import key_dates",
        "from policytrack.filters import Filters",
        "import pandas as pd\nimport data\nfrom components.links import record_link",
    ],
)
def test_the_front_doors_pass(source: str) -> None:
    assert violations(source, "app_pages/good.py") == []


def test_an_exception_covers_its_file_and_name_only() -> None:
    source = "from sqlmodel import Session\nfrom policytrack.models import Agreement\n"
    allowed = frozenset({"sqlmodel.Session"})
    assert violations(source, "components/x.py", allowed) == [
        "components/x.py:2 imports policytrack.models.Agreement"
    ]
    assert violations(source, "components/x.py", frozenset({"policytrack.services.*"})) == [
        "components/x.py:1 imports sqlmodel.Session",
        "components/x.py:2 imports policytrack.models.Agreement",
    ]
