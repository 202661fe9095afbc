"""The shared filters, in the sidebar of every page and in the URL (`bind="query-params"`),
so any view can be shared, bookmarked and reopened exactly."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from policytrack.filters import Filters
from policytrack.vocab import Action, JurisdictionKind, Model287g, Outcome, Topic

import data
from components.links import escape_markdown
from components.style import label

# URL parameter names (the widget keys): short, stable, documented in the README.
KEYS = {
    "states": "state",
    "topics": "topic",
    "actions": "action",
    "outcomes": "outcome",
    "models": "model",
    "kinds": "kind",
    "date_from": "from",
    "date_to": "to",
    "stakeholder": "stakeholder",
    "search": "q",
}


def _multi(title: str, values: list[str], key: str, *, raw: bool = False) -> tuple[str, ...]:
    """A multiselect whose options are the labels people read; the URL carries them too
    (Streamlit binds the shown option text), so labels double as stable URL values."""
    shown = {(value if raw else label(value)): value for value in values}
    chosen = st.multiselect(title, list(shown), key=key, bind="query-params", placeholder="All")
    return tuple(shown[c] for c in chosen if c in shown)


def render_filters() -> Filters:
    """Draw the filters in the sidebar and return what they select."""
    options = data.filter_options()
    with st.sidebar:
        st.header("Filters")
        search = st.text_input(
            "Search", key=KEYS["search"], bind="query-params",
            placeholder="place, measure, person, source…", max_chars=200,
        )  # fmt: skip
        states = _multi("State", options["states"], KEYS["states"], raw=True)
        topics = _multi("Policy topic", [t.value for t in Topic], KEYS["topics"])
        actions = _multi("Action", [a.value for a in Action], KEYS["actions"])
        outcomes = _multi("Outcome", [o.value for o in Outcome], KEYS["outcomes"])
        models = _multi("287(g) model", [m.value for m in Model287g], KEYS["models"])
        kinds = _multi("Jurisdiction", [k.value for k in JurisdictionKind], KEYS["kinds"])
        date_from, date_to = _dates(options)
        stakeholder = _stakeholder(options["stakeholders"])
    return Filters(
        states=states, topics=topics, actions=actions, outcomes=outcomes, models=models,
        kinds=kinds, date_from=date_from, date_to=date_to, stakeholder=stakeholder,
        search=search.strip(),
    )  # fmt: skip


def _dates(options: dict[str, object]) -> tuple[dt.date | None, dt.date | None]:
    low, high = dt.date(2000, 1, 1), dt.date.today()
    left, right = st.columns(2)
    date_from = left.date_input(
        "From", value=None, min_value=low, max_value=high, key=KEYS["date_from"],
        bind="query-params", format="YYYY-MM-DD",
    )  # fmt: skip
    date_to = right.date_input(
        "To", value=None, min_value=low, max_value=high, key=KEYS["date_to"],
        bind="query-params", format="YYYY-MM-DD",
    )  # fmt: skip
    return date_from, date_to  # type: ignore[return-value]


def _stakeholder(names: dict[str, str]) -> str | None:
    """The sidebar offers the most active stakeholders; one named in the URL (which carries
    the shown name) is offered too, so that a shared link keeps its filter."""
    chosen = st.query_params.get(KEYS["stakeholder"])
    if chosen and chosen not in names.values():
        names = {**names, **data.query("options.stakeholders_named", shown=chosen)}
    choice = st.selectbox(
        "Stakeholder", list(names), index=None, key=KEYS["stakeholder"], bind="query-params",
        format_func=lambda key: names.get(key, key), placeholder="Anyone",
    )  # fmt: skip
    return str(choice) if choice else None


def describe(filters: Filters) -> str:
    """The active filters in words, for empty states and captions — markdown-escaped,
    because the search text comes from the URL and these messages render markdown."""
    parts = []
    for name, value in filters.active().items():
        if isinstance(value, tuple):
            shown = ", ".join(value if name == "states" else map(label, value))
        else:
            shown = str(value)
        parts.append(f"{name.replace('_', ' ')}: {shown}")
    return escape_markdown("; ".join(parts) or "no filters")


def current() -> Filters:
    """The filters chosen in the sidebar for this run (set by streamlit_app.py)."""
    value = st.session_state.get("filters")
    return value if isinstance(value, Filters) else Filters()
