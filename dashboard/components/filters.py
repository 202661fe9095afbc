"""The shared filters, in the sidebar of every page and in the URL (`bind="query-params"`),
so any view can be shared, bookmarked and reopened exactly — and never silently wider.

A shared link may carry what no filter knows (`?state=ZZ`, `?action=Explode`,
`?from=notadate`, a misspelt parameter name). Streamlit drops such values without a word and
the page would show everything; here every value of the link is read before the widgets
draw, what they did not take is named in a notice, and a filter keeps what it could not
understand, so it matches nothing rather than everything: a link never widens silently.
Codes and names are both understood (`?state=FL`, `?state=Florida`, `?action=approve`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

import streamlit as st

from policytrack.filters import Filters
from policytrack.geo.shapes import state_names
from policytrack.queries.options import stakeholders_named
from policytrack.vocab import Action, JurisdictionKind, Model287g, Outcome, Topic, parse_label

import data
from components.links import escape_markdown
from components.outside_text import shown
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
# Every parameter some page reads; any other name in a link is reported as not understood.
# A page that binds a new control to the URL adds its key here.
PAGE_PARAMETERS = frozenset({
    "level", "zoom", "layer", "shade", "status",  # Map
    "by", "split", "month",  # Timeline (and its own `layer`)
    "jurisdictions",  # Compare
    "record", "said",  # Stakeholders
    "first",  # Changes
    "vote", "jurisdiction", "agreement", "person", "stakeholder_key",  # Record and Edit
    "lang",  # the reader's language (components/language.py)
    "embed", "embed_options",  # Streamlit's own
    "only",  # an embed: the one chart shown (components/embeds.py)
})  # fmt: skip
# Dates a link may ask for: the widgets accept these, so that `?to=2099-01-01` is kept as
# asked (it selects everything up to today) rather than dropped.
EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2100, 12, 31)
ASKED = "url-asked"  # session state: the URL's values, read before the widgets drew
FRESH = "url-fresh"  # session state: those of them that came new with this run
UNREAD = "url-unread"  # session state: link values no widget could hold, kept until cleared
SEARCH_CHARACTERS = 200


@dataclass(frozen=True)
class NotUnderstood:
    """One value of a link that no filter understood, and why."""

    name: str  # the filter, as the sidebar titles it
    value: str
    why: str


def render_filters() -> Filters:
    """Draw the filters in the sidebar and return what they select; say above the page what
    the link asked for that was not understood."""
    link, asked = _read_link()
    options = data.filter_options()
    problems: list[NotUnderstood] = []
    with st.sidebar:
        st.header("Filters")
        search = _search(asked, problems)
        states = _states(options.states, problems)
        topics = _multi("Policy topic", Topic, KEYS["topics"], problems)
        actions = _multi("Action", Action, KEYS["actions"], problems)
        outcomes = _multi("Outcome", Outcome, KEYS["outcomes"], problems)
        models = _multi("287(g) model", Model287g, KEYS["models"], problems)
        kinds = _multi("Jurisdiction", JurisdictionKind, KEYS["kinds"], problems)
        date_from, date_to = _dates(asked, problems)
        stakeholder = _stakeholder(options.stakeholders, problems)
    problems += _unknown_names(link)
    notice(problems)
    return Filters(
        states=states, topics=topics, actions=actions, outcomes=outcomes, models=models,
        kinds=kinds, date_from=date_from, date_to=date_to, stakeholder=stakeholder,
        search=search.strip(),
        unmatched=tuple(f"{p.name.lower()} “{p.value}”" for p in problems if p.name in UNREADABLE),
    )  # fmt: skip


def _read_link() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """The URL's parameters now, and those of them that changed since the last run: only
    those come from a link (a first load, back/forward); on a rerun after the reader moved
    a widget the server's copy of the URL can lag behind it, and must not be read as asked."""
    link = {key: st.query_params.get_all(key) for key in st.query_params}
    before = st.session_state.get(ASKED)
    st.session_state[ASKED] = link
    fresh = link
    if isinstance(before, dict):
        fresh = {key: values for key, values in link.items() if before.get(key) != values}
    st.session_state[FRESH] = fresh
    return link, fresh


def controls_notice(controls: dict[str, str]) -> None:
    """After a page's URL-bound controls drew (key → title): name the link's values they
    did not take, and what they show instead."""
    asked = _fresh()
    problems = []
    for key, title in controls.items():
        shown = st.session_state.get(key)
        for value in asked.get(key, []):
            if value != str(shown):
                problems.append(NotUnderstood(title, value, f"showing “{shown}” instead"))
    if problems:
        items = "; ".join(f"{p.name} “{p.value}” ({p.why})" for p in problems)
        st.warning(
            escape_markdown(f"This link's settings were not all understood: {items}."),
            icon=":material/link_off:",
        )


def _fresh() -> dict[str, list[str]]:
    found = st.session_state.get(FRESH)
    return found if isinstance(found, dict) else {}


# ── one filter each ─────────────────────────────────────────────────────────────────────


def _search(asked: dict[str, list[str]], problems: list[NotUnderstood]) -> str:
    text = st.text_input(
        "Search", key=KEYS["search"], bind="query-params",
        placeholder="place, measure, person, source…", max_chars=SEARCH_CHARACTERS,
    )  # fmt: skip
    shown = str(text or "")
    _check_read("Search", asked.get(KEYS["search"], []), shown, problems)
    return shown


def _states(codes: list[str], problems: list[NotUnderstood]) -> tuple[str, ...]:
    """States by name or code: typing "Flo" finds Florida; `?state=FL`, `?state=Florida`
    and `?state=fl` all select it. A value that is no state stays in the filter (matching
    nothing) and is named."""
    names = state_names()
    offered = sorted(codes, key=lambda code: names.get(code, code))
    chosen = st.multiselect(
        "State", offered, key=KEYS["states"], bind="query-params", placeholder="All",
        format_func=lambda code: names.get(code, code), accept_new_options=True,
    )  # fmt: skip
    by_word = {w.casefold(): code for code, name in names.items() for w in (code, name)}
    found = []
    for value in chosen:
        code = by_word.get(" ".join(str(value).split()).casefold())
        if code is None:
            problems.append(NotUnderstood("State", str(value), "no US state or territory"))
        found.append(code or str(value))
    return tuple(dict.fromkeys(found))


def _multi(
    title: str, vocabulary: type[StrEnum], key: str, problems: list[NotUnderstood]
) -> tuple[str, ...]:
    """A multiselect of a vocabulary shown as labels (the URL carries the labels, and reads
    codes too). A value that is neither stays in the filter, matching nothing, and is named."""
    chosen = st.multiselect(
        title, [str(v) for v in vocabulary], key=key, bind="query-params", placeholder="All",
        format_func=label, accept_new_options=True,
    )  # fmt: skip
    found = []
    for value in chosen:
        member = parse_label(str(value), vocabulary)
        if member is None:
            shown = ", ".join(label(v) for v in vocabulary)
            problems.append(NotUnderstood(title, str(value), f"not one of {shown}"))
        found.append(str(member) if member is not None else str(value))
    return tuple(dict.fromkeys(found))


# Filters whose unreadable values cannot be kept in the filter itself (a date must be a
# date; a cut search would match more): they make the selection empty (`Filters.unmatched`).
UNREADABLE = ("From", "To", "Search")


def _dates(
    asked: dict[str, list[str]], problems: list[NotUnderstood]
) -> tuple[dt.date | None, dt.date | None]:
    left, right = st.columns(2)
    found: list[dt.date | None] = []
    for column, title, key in ((left, "From", KEYS["date_from"]), (right, "To", KEYS["date_to"])):
        day = column.date_input(
            title, value=None, min_value=EARLIEST, max_value=LATEST, key=key,
            bind="query-params", format="YYYY-MM-DD",
        )  # fmt: skip
        chosen = day if isinstance(day, dt.date) else None
        found.append(chosen)
        read = [_as_iso(value) for value in asked.get(key, [])]
        _check_read(title, read, chosen.isoformat() if chosen else "", problems)
    return found[0], found[1]


def _as_iso(value: str) -> str:
    """A date of the link as ISO text where Python reads it (else as it came)."""
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        return value


def _why_unread(title: str, value: str) -> str:
    if title == "Search":
        return f"longer than {SEARCH_CHARACTERS} characters"
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        return "not a date: write it YYYY-MM-DD"
    if not EARLIEST <= day <= LATEST:
        return f"outside {EARLIEST.year}–{LATEST.year}"
    return "not read"


def _stakeholder(names: dict[str, str], problems: list[NotUnderstood]) -> str | None:
    """The sidebar offers the most active stakeholders; one named in the URL (by the shown
    name, or by key) is offered too, so that a shared link keeps its filter. A stakeholder
    the records do not know stays in the filter (matching nothing) and is named."""
    asked = st.query_params.get(KEYS["stakeholder"])
    if asked and asked not in names.values() and asked not in names:
        names = {**names, **data.query(stakeholders_named, shown=asked)}
    choice = st.selectbox(
        "Stakeholder", list(names), index=None, key=KEYS["stakeholder"], bind="query-params",
        format_func=lambda key: shown(names.get(key, key)), placeholder="Anyone",
        accept_new_options=True,
    )  # fmt: skip
    if not choice:
        return None
    if choice not in names:
        by_name = [key for key, name in names.items() if name == choice]
        if by_name:
            return by_name[0]
        problems.append(NotUnderstood("Stakeholder", str(choice), "no stakeholder of that name"))
    return str(choice)


def _unknown_names(asked: dict[str, list[str]]) -> list[NotUnderstood]:
    known = set(KEYS.values()) | PAGE_PARAMETERS
    return [
        NotUnderstood(
            "Parameter", f"{name}={', '.join(values)}", "no filter or setting of that name"
        )
        for name, values in asked.items()
        if name not in known
    ]


# ── values a widget could not hold ──────────────────────────────────────────────────────
# A date or a search the widget refused is gone from the URL after the first run, and the
# widget shows nothing: remembered here (with what the widget showed then) until the reader
# changes that widget or asks to see the page without it, so it keeps selecting nothing.


def _unread() -> dict[str, tuple[str, str]]:
    found = st.session_state.get(UNREAD)
    return found if isinstance(found, dict) else {}


def _check_read(title: str, asked: list[str], shown: str, problems: list[NotUnderstood]) -> None:
    """Remember a value of the link the widget did not take as it was; name it while kept."""
    unread = _unread()
    for value in asked:
        if value.strip() and value.strip() != shown:
            unread = {**unread, title: (value, shown)}
    if title in unread and unread[title][1] != shown:
        unread = {k: v for k, v in unread.items() if k != title}  # the reader changed it
    st.session_state[UNREAD] = unread
    if title in unread:
        value = unread[title][0]
        short = value if len(value) <= 60 else value[:59] + "…"
        problems.append(NotUnderstood(title, short, _why_unread(title, value)))


def _clear_unread() -> None:
    st.session_state[UNREAD] = {}


# ── the notice ──────────────────────────────────────────────────────────────────────────


def notice(problems: list[NotUnderstood]) -> None:
    """Say, above the page, what the link asked for that was not understood, and what is
    shown instead."""
    if not problems:
        return
    items = "; ".join(f"{p.name} “{p.value}” ({p.why})" for p in problems)
    unread = [p for p in problems if p.name in UNREADABLE]
    named = [p for p in problems if p not in unread and p.name != "Parameter"]
    instead = []
    if named:
        instead.append("a filter value that names nothing matches nothing")
    if unread:
        instead.append("a value no filter can read selects nothing at all")
    if any(p.name == "Parameter" for p in problems):
        instead.append("an unknown parameter is ignored")
    st.warning(
        escape_markdown(f"This link asks for something not understood: {items}.")
        + "  \n"
        + escape_markdown(
            "Shown instead: " + ", and ".join(instead) + ". Correct or remove them in the "
            "sidebar to see more."
        ),
        icon=":material/link_off:",
    )
    if unread:
        st.button("Show the page without the values not understood", on_click=_clear_unread)


def describe(filters: Filters) -> str:
    """The active filters in words, for empty states and captions — markdown-escaped,
    because the search text comes from the URL and these messages render markdown."""
    parts = []
    for name, value in filters.active().items():
        if name == "unmatched":
            parts.append(f"not understood: {', '.join(value)}")
        elif name == "states":
            parts.append(f"states: {', '.join(value)}")
        elif isinstance(value, tuple):
            parts.append(f"{name.replace('_', ' ')}: {', '.join(map(label, value))}")
        else:
            parts.append(f"{name.replace('_', ' ')}: {value}")
    return escape_markdown("; ".join(parts) or "no filters")


def current() -> Filters:
    """The filters chosen in the sidebar for this run (set by streamlit_app.py)."""
    value = st.session_state.get("filters")
    return value if isinstance(value, Filters) else Filters()
