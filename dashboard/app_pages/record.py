"""Record: one vote, jurisdiction or agreement at a permanent URL (`?vote=KEY`,
`?jurisdiction=OCD_ID`, `?agreement=KEY`), every fact with its sources. Text from the
records is shown as text (st.text, table cells); markdown carries only our own words."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

import data
from components import maps
from components.add_vote import add_vote_prompt
from components.downloads import labelled, public_base, record_url
from components.footer import footer
from components.links import escape_markdown as escaped
from components.links import is_http, markdown_link, record_href, record_link
from components.outside_text import HEADING, shown, shown_table
from components.people_records import show_person, show_stakeholder
from components.style import label

KINDS = {
    "vote": "record.vote_record",
    "jurisdiction": "record.jurisdiction_record",
    "agreement": "record.agreement_record",
    "person": "people.person_record",
    "stakeholder": "people.stakeholder_record",
}
STANCES = ("support", "oppose", "mixed", "neutral")
STANCE_ICONS = {
    "support": ":material/thumb_up:",
    "oppose": ":material/thumb_down:",
    "mixed": ":material/balance:",
    "neutral": ":material/remove:",
}
TALLY: tuple[tuple[str, str, str], ...] = (
    ("yes", "Yes", "#0072B2"),
    ("no", "No", "#D55E00"),
    ("abstain", "Abstain", "#999999"),
)
TALLY += (("absent", "Absent", "#CCCCCC"),)
HOW_LINKED = {
    "auto": "linked automatically: the only agreement of an agency there that fits the "
    "vote's 287(g) model and date",
    "manual": "linked by an editor",
}


def field(column: Any, name: str, value: object) -> None:
    """A labelled fact: our label as a caption, the value as text."""
    column.caption(name)
    column.text("not reported" if value in (None, "") else shown(value))


def facts(items: list[tuple[str, object]], per_row: int = 4) -> None:
    """Facts in a grid of columns (wraps on a phone)."""
    for start in range(0, len(items), per_row):
        columns = st.columns(per_row)
        for column, (name, value) in zip(columns, items[start : start + per_row], strict=False):
            field(column, name, value)


def sources(items: list[dict[str, Any]], shown_above: tuple[str, ...] = ()) -> None:
    """Each source once: a link (http/https only) with its title as text; or its citation as
    text. Sources already shown above (an agreement's MOA) are not listed again."""
    listed = [s for s in items if not s.get("url") or s["url"] not in shown_above]
    unique = list({(s.get("url") or s.get("key")): s for s in listed}.values())
    if not items:
        st.text("No source recorded.")
    elif not unique:
        st.caption("Only the document shown above.")
    for source in unique:
        if is_http(source.get("url")):
            st.markdown("- " + markdown_link(source["url"]))
        if source.get("title") or source.get("citation"):
            st.text(shown(source.get("citation") or source.get("title")))


def record_table(frame: pd.DataFrame, kind: str, columns: dict[str, Any]) -> None:
    """A table whose first column opens each row's record page (labels for codes)."""
    with_links = labelled(frame).assign(record=[record_href(kind, str(k)) for k in frame["key"]])
    config = {"record": st.column_config.LinkColumn("Record", display_text="Open")}
    st.dataframe(
        shown_table(with_links[["record", *columns]]),
        hide_index=True,
        column_config={**config, **columns},
    )


def capped(part: dict[str, Any], noun: str) -> pd.DataFrame:
    """The rows of a capped list, with a caption when more exist than are shown."""
    frame = pd.DataFrame(part["rows"])
    if part["total"] > len(frame):
        st.caption(f"The first {len(frame):,} of {part['total']:,} {noun}.")
    return frame


def as_json(record: Any) -> dict[str, Any]:
    """A record (a dict, or a dataclass of values and tables) as JSON-ready data."""
    if isinstance(record, dict):
        return record
    return {
        name: value.to_dict("records") if isinstance(value, pd.DataFrame) else value
        for name in record.__dataclass_fields__
        for value in [getattr(record, name)]
    }


def json_download(record: dict[str, Any], name: str) -> None:
    """The record as shown, as one JSON file."""
    st.download_button(
        "Download this record (JSON)",
        lambda: json.dumps(record, ensure_ascii=False, indent=2, default=str) + "\n",
        file_name=f"policytrack-{re.sub(r'[^A-Za-z0-9_-]+', '-', name)}.json",
        mime="application/json",
        key="record-json",
        icon=":material/download:",
        on_click="ignore",
    )


# ── vote ────────────────────────────────────────────────────────────────────────────────


def vote_warnings(vote: dict[str, Any]) -> None:
    """Retired, disputed and import warnings, each visible, the stored words as text."""
    if vote.get("retired"):
        st.warning(
            "An editor retired this record: it is kept here but no longer counted in lists, "
            "maps or totals.",
            icon=":material/archive:",
        )
    disputed = vote.get("disputed")
    if disputed and not any(disputed in w for w in vote["warnings"]):
        with st.container(border=True):
            st.warning("Sources disagree about this vote. What they disagree on:", icon="⚠️")
            st.text(shown(disputed))
    for warning in vote["warnings"]:
        with st.container(border=True):
            st.warning("This record was accepted with a warning:", icon="⚠️")
            st.text(shown(warning))


def tally_chart(vote: dict[str, Any]) -> None:
    """The reported counts as numbers and as one labelled bar (numbers on the bar too)."""
    columns = st.columns(4)
    for column, (name, title, _) in zip(columns, TALLY, strict=True):
        value = vote.get(name)
        column.metric(title, "—" if value is None else str(value))
    reported = [(title, vote[name], colour) for name, title, colour in TALLY if vote.get(name)]
    if not reported:
        st.caption("The sources do not report the counts.")
        return
    figure = go.Figure(
        [
            go.Bar(
                x=[count],
                y=["votes"],
                orientation="h",
                name=title,
                marker_color=colour,
                text=[f"{title} {count}"],
                textposition="inside",
                insidetextanchor="middle",
                hovertemplate=f"{title}: {count}<extra></extra>",
            )
            for title, count, colour in reported
        ]
    )
    figure.update_layout(
        barmode="stack", height=110, showlegend=False, margin={"l": 0, "r": 0, "t": 0, "b": 0},
        xaxis={"visible": False}, yaxis={"visible": False},
    )  # fmt: skip
    st.plotly_chart(figure, key="tally", config={"displayModeBar": False})


def roll_call(vote: dict[str, Any]) -> None:
    """Every member's vote, names as printed in the sources."""
    st.subheader("Roll call")
    if not vote["roll_call"]:
        st.caption("The sources name no member's vote.")
        return
    frame = pd.DataFrame(vote["roll_call"])
    st.dataframe(
        shown_table(frame.assign(option=frame["option"].map(label))),
        hide_index=True,
        column_config={"voter_name": "Member (as printed)", "option": "Vote"},
    )


def position_card(position: dict[str, Any]) -> None:
    """One stakeholder's position: who, what they said (as text), and its sources."""
    with st.container(border=True):
        who = position["stakeholder"]
        if position.get("speaker"):
            who += f" — {position['speaker']}"
        if position.get("role"):
            who += f" ({position['role']})"
        st.text(shown(who))
        st.caption(label(position["stakeholder_kind"]))
        if position.get("summary"):
            st.text(shown(position["summary"]))
        if position.get("quote"):
            st.text(f"“{shown(position['quote'])}”")
        sources(position["sources"])


def positions(items: list[dict[str, Any]]) -> None:
    """Positions grouped by stance, each group titled in words (not colour alone)."""
    st.subheader("Who argued for and against")
    if not items:
        st.caption("No stakeholder positions are recorded for this record.")
        return
    for stance in STANCES:
        group = [p for p in items if p["stance"] == stance]
        if group:
            st.markdown(f"#### {STANCE_ICONS[stance]} {label(stance)} ({len(group)})")
            for position in group:
                position_card(position)


def linked_agreement(vote: dict[str, Any]) -> None:
    """The agreement the vote concerns, and how the link was made."""
    st.subheader("Agreement")
    agreement = vote.get("agreement")
    if not agreement:
        st.caption("Not linked to an agreement on ICE's lists.")
        return
    title = f"{agreement['agency']} · {label(agreement['model'])} · {label(agreement['status'])}"
    record_link("agreement", agreement["key"], title)
    st.caption(HOW_LINKED.get(vote.get("agreement_link") or "", "link kind not recorded"))


def related_votes(vote: dict[str, Any]) -> None:
    """Other votes in the same jurisdiction, each linking to its record."""
    st.subheader(f"Other votes in {escaped(vote['jurisdiction'], HEADING)}")
    frame = capped(vote["related_votes"], "other votes")
    if frame.empty:
        st.caption("No other vote recorded there.")
        return
    record_table(frame, "vote", vote_columns())


def vote_columns() -> dict[str, Any]:
    """Column headings of vote lists."""
    return {
        "vote_date": "Date",
        "body": "Body",
        "motion_text": st.column_config.TextColumn("Measure", width="large"),
        "action": "Action",
        "outcome": "Outcome",
        "yes": "Yes",
        "no": "No",
    }


def show_vote(vote: dict[str, Any]) -> None:
    """The whole vote record."""
    place, body = escaped(vote["jurisdiction"], HEADING), escaped(vote["body"], HEADING)
    st.title(f"{place}, {escaped(vote['state'])}: {body} vote")
    record_link(
        "jurisdiction",
        vote["jurisdiction_ocd_id"],
        f"Jurisdiction: {vote['jurisdiction']}",
    )
    vote_warnings(vote)
    st.subheader("Measure")
    st.text(shown(vote["motion_text"]))
    facts(
        [
            ("Date", vote["vote_date"] or "date not reported"),
            ("Body", vote["body"]),
            ("Topic", label(vote["topic"])),
            ("287(g) model", label(vote["model"])),
            ("Action", label(vote["action"])),
            ("Outcome", label(vote["outcome"])),
            ("Confidence", label(vote["confidence"])),
            ("Seats", vote.get("seats")),
        ]
    )
    st.subheader("Tally")
    tally_chart(vote)
    roll_call(vote)
    positions(vote["positions"])
    st.subheader("Sources")
    sources(vote["sources"])
    if vote.get("notes"):
        st.subheader("Notes")
        st.text(shown(vote["notes"]))
    linked_agreement(vote)
    related_votes(vote)
    edit_history(vote["key"])


def edit_history(key: str) -> None:
    """Who changed the vote, its positions or its link, and when (reverts: the Edit page)."""
    changes = data.query("edit_history.vote_changes", key=key)
    with st.expander(f"History of edits ({len(changes)})"):
        if not changes:
            st.caption("No edits: the record is as imported.")
            return
        st.dataframe(shown_table(pd.DataFrame(changes)), hide_index=True)


# ── jurisdiction ────────────────────────────────────────────────────────────────────────


def point_map(place: dict[str, Any]) -> None:
    """A small offline map of the jurisdiction's point."""
    if place.get("lat") is None:
        st.caption("No map point: the offline gazetteer does not place this jurisdiction.")
        return
    figure = go.Figure(
        go.Scattergeo(
            lat=[place["lat"]],
            lon=[place["lon"]],
            mode="markers",
            marker={"size": 12, "color": "#0072B2", "symbol": "circle"},
            hovertemplate="%{lat:.3f}, %{lon:.3f}<extra></extra>",
        )
    )
    in_usa_scope = -180 < place["lon"] < -60 and 18 < place["lat"] < 72
    figure.update_geos(
        scope="usa" if in_usa_scope else "world", projection_type="albers usa" if in_usa_scope
        else "natural earth", showlakes=False, fitbounds=False if in_usa_scope else "locations",
    )  # fmt: skip
    figure.update_layout(height=260, margin={"l": 0, "r": 0, "t": 0, "b": 0})
    maps.show(figure, key="point-map")


def jurisdiction_agreements(place: dict[str, Any]) -> None:
    """Agencies there and their agreements, with MOA links (http/https only)."""
    st.subheader("Agencies and their 287(g) agreements")
    frame = capped(place["agreements"], "agreements")
    if frame.empty:
        st.caption("No agency here appears on ICE's 287(g) lists that were loaded.")
        return
    frame["moa_url"] = frame["moa_url"].where(
        frame["moa_url"].map(lambda u: isinstance(u, str) and is_http(u)), None
    )
    record_table(frame, "agreement", agreement_columns())


def agreement_columns() -> dict[str, Any]:
    """Column headings of agreement lists."""
    return {
        "agency": "Agency",
        "model": "287(g) model",
        "status": "Status",
        "signed_on": "Signed",
        "first_seen": "First seen",
        "last_seen": "Last seen",
        "moa_url": st.column_config.LinkColumn("MOA", display_text="MOA (PDF)"),
    }


def jurisdiction_stakeholders(place: dict[str, Any]) -> None:
    """Stakeholders with positions on votes there, by stance."""
    st.subheader("Stakeholders active here")
    frame = capped(place["stakeholders"], "stakeholders")
    if frame.empty:
        st.caption("No stakeholder positions recorded on votes here.")
        return
    st.dataframe(
        shown_table(frame.assign(kind=frame["kind"].map(label)).drop(columns=["key"])),
        hide_index=True,
        column_config={"name": "Stakeholder", "kind": "Kind", "positions": "Positions"}
        | {stance: label(stance) for stance in STANCES},
    )


def show_jurisdiction(place: dict[str, Any]) -> None:
    """The whole jurisdiction record."""
    st.title(f"{escaped(place['name'], HEADING)}, {escaped(place['state'])}")
    point = f"{place['lat']:.4f}, {place['lon']:.4f}" if place.get("lat") is not None else None
    facts(
        [
            ("Kind", label(place["kind"])),
            ("State", place["state"]),
            ("FIPS", place.get("fips")),
            ("County FIPS", place.get("county_fips")),
            ("Point (lat, lon)", point),
        ],
        per_row=5,
    )
    field(st, "OCD id", place["ocd_id"])
    point_map(place)
    st.subheader("Votes here")
    votes = capped(place["votes"], "votes")
    if votes.empty:
        st.caption("No vote recorded in this jurisdiction.")
    else:
        record_table(votes, "vote", vote_columns())
    jurisdiction_agreements(place)
    jurisdiction_stakeholders(place)


# ── agreement ───────────────────────────────────────────────────────────────────────────


def history_tables(agreement: dict[str, Any]) -> None:
    """What changed between lists, and how each list printed the agreement."""
    st.subheader("History on ICE's lists")
    history = pd.DataFrame(agreement["history"])
    if history.empty:
        st.caption("No change recorded.")
    else:
        st.dataframe(
            shown_table(labelled(history)),
            hide_index=True,
            column_config={"as_of": "List date", "list_kind": "List", "change": "Change"}
            | {"before": "Before", "after": "After"},
        )
    st.subheader("How each list printed it")
    sightings = pd.DataFrame(agreement["sightings"])
    if sightings.empty:
        st.caption("Not seen on any loaded list.")
        return
    st.dataframe(
        shown_table(labelled(sightings.drop(columns=["moa_url"]))),
        hide_index=True,
        column_config={"as_of": "List date", "list_kind": "List", "file_name": "File", "row": "Row"}
        | {"agency": "Agency (as printed)", "agency_type": "Type", "county": "County"}
        | {"model_text": "Model (as printed)", "signed_text": "Signed (as printed)"},
    )


def signed(agreement: dict[str, Any]) -> str | None:
    """The signing date, or why there is none: pending, or printed unreadably by ICE."""
    if agreement.get("signed_on"):
        return str(agreement["signed_on"])
    printed = [s["signed_text"] for s in agreement["sightings"] if s.get("signed_text")]
    if printed:
        return f"not readable on ICE's list (printed “{printed[-1]}”)"
    return "not signed yet" if agreement.get("status") == "pending" else None


def show_agreement(agreement: dict[str, Any]) -> None:
    """The whole agreement record."""
    st.title(escaped(agreement["agency"], HEADING))
    st.caption(f"287(g) agreement · {label(agreement['model'])}")
    if agreement.get("jurisdiction_ocd_id"):
        name = agreement["jurisdiction"]
        record_link("jurisdiction", agreement["jurisdiction_ocd_id"], f"Jurisdiction: {name}")
    else:
        st.caption("The agency is not placed in a jurisdiction (see the import report).")
    facts(
        [
            ("Status", label(agreement["status"])),
            ("Signed", signed(agreement)),
            ("List", label(agreement["list_kind"])),
            ("Agency type", agreement["agency_type"]),
            ("First seen", agreement["first_seen"]),
            ("Last seen", agreement["last_seen"]),
            ("State", agreement["state"]),
            ("287(g) model", label(agreement["model"])),
        ]
    )
    st.subheader("Memorandum of agreement")
    if is_http(agreement.get("moa_url")):
        st.markdown(markdown_link(agreement["moa_url"], "MOA on ice.gov (PDF)"))
    else:
        st.caption("ICE's list gives no MOA link for this agreement.")
    if agreement.get("notes"):
        st.text(shown(agreement["notes"]))
    st.subheader("Sources")
    sources(agreement["sources"], shown_above=(str(agreement.get("moa_url") or ""),))
    history_tables(agreement)
    if agreement["positions"]:
        positions(agreement["positions"])
    st.subheader("Votes on this agreement")
    votes = capped(agreement["votes"], "votes")
    if votes.empty:
        st.caption(
            "No recorded vote is linked to this agreement (many were signed by a sheriff alone)."
        )
        add_vote_prompt()  # editors only
        return
    votes["agreement_link"] = votes["agreement_link"].map(lambda v: HOW_LINKED.get(v or "", ""))
    columns = {"vote_date": "Date", "jurisdiction": "Jurisdiction", "body": "Body"}
    what = {"action": "Action", "outcome": "Outcome", "agreement_link": "Link"}
    record_table(votes, "vote", columns | what)


# ── page ────────────────────────────────────────────────────────────────────────────────

SHOW: dict[str, Callable[[Any], None]] = {
    "vote": show_vote,
    "jurisdiction": show_jurisdiction,
    "agreement": show_agreement,
    "person": show_person,
    "stakeholder": show_stakeholder,
}


def permanent_url(kind: str, key: str) -> str:
    """The full address of a record page (the public URL when configured)."""
    return record_url(public_base(), kind, key)


def requested() -> tuple[str, str] | None:
    """Which record the URL asks for: (kind, key), or None."""
    for kind in KINDS:
        key = st.query_params.get(kind)
        if key and key.strip():
            return kind, key.strip()
    return None


def no_record() -> None:
    """What to do when the URL names no record."""
    st.title("Record")
    st.info(
        "Each vote, jurisdiction and agreement has a page of its own with every fact and its "
        "sources. Open one from the tables on **Data & about** (the *Open* links), or use a "
        "permanent address such as `record?vote=fl-miami-2025-06-17`."
    )
    st.page_link("app_pages/data.py", label="Go to Data & about", icon=":material/table:")


def main() -> None:
    """Find the record named in the URL and show it, or say plainly that it does not exist."""
    asked = requested()
    if asked is None:
        no_record()
        return
    kind, key = asked
    record = data.query(KINDS[kind], key=key)
    if record is None:
        st.title("No such record")
        st.error(f"There is no {kind} with this key:", icon=":material/search_off:")
        st.text(shown(key))
        st.caption("Check the address, or find the record from the tables on Data & about.")
        st.page_link("app_pages/data.py", label="Go to Data & about", icon=":material/table:")
        return
    SHOW[kind](record)
    st.divider()
    json_download(as_json(record), f"{kind}-{key}")
    st.caption("Permanent address of this record:")
    st.code(permanent_url(kind, key), language=None)
    footer()


main()
