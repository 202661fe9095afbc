"""A table of every vote looks up its sources in batches (SQLite refuses an IN list of 400,000
parameters, as `export votes` at 1M votes did); batching changes nothing in the result."""

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from policytrack.queries import records


def test_sources_are_the_same_in_small_batches(
    seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Session(seeded_engine) as session:
        whole = records.vote_table(session)
        monkeypatch.setattr(records, "ID_BATCH", 4)
        batched = records.vote_table(session)
    assert len(whole) == 35 and whole["sources"].map(len).min() > 0
    assert batched["sources"].tolist() == whole["sources"].tolist()
