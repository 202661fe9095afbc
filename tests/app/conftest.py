"""AppTest runs the dashboard in this process: its cached engines (one per database URL,
`data.engine`) would keep their pooled connections open after each test, and on PostgreSQL
a run of the app tests then held dozens of idle connections until the server refused more
("too many clients"). Each test's engines are closed when it ends."""

from collections.abc import Iterator

import pytest
import streamlit as st


@pytest.fixture(autouse=True)
def close_cached_engines() -> Iterator[None]:
    """Clear Streamlit's resource cache after each test (`data.engine` disposes on release)."""
    yield
    st.cache_resource.clear()
