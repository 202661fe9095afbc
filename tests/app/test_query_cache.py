"""`data.query` caches each query function's own results: two queries called with the same
arguments never share a cache entry (the key names the function, not only its arguments)."""

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest


def _two_counts() -> None:
    import sys

    from policytrack.config import REPO_ROOT

    sys.path.insert(0, str(REPO_ROOT / "dashboard"))
    import streamlit as st

    from policytrack.filters import Filters
    from policytrack.queries import agreement_tables, records

    import data

    everything = Filters()
    st.text(str(data.query(records.count_votes, everything)))
    st.text(str(data.query(agreement_tables.count_agreements, everything)))
    st.text(str(data.query(records.count_votes, everything)))


def test_two_queries_with_the_same_arguments_keep_their_own_results(
    seeded_sqlite: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POLICYTRACK_DATABASE_URL", seeded_sqlite.url.render_as_string(False))
    at = AppTest.from_function(_two_counts, default_timeout=60).run()
    assert not at.exception
    # The seed holds 35 votes and no ICE list.
    assert [t.value for t in at.text] == ["35", "0", "35"]
    at.run()  # a second run reads both from the cache
    assert [t.value for t in at.text] == ["35", "0", "35"]
