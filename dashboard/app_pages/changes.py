"""Changes: what ICE changed on its 287(g) lists (by list date: added, removed, renamed,
re-dated, relabelled, moved from pending to active) and which votes were added or edited,
filtered by the sidebar, each row linking to its record, counts per list, a download of every
row and how to subscribe (the Atom feed). Then the coverage worklist: agreements on ICE's
lists that no vote on record concerns, by state — the places a reporter should call."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from policytrack.filters import Filters
from policytrack.queries import agreement_tables, changes, coverage
from policytrack.queries.agreement_tables import OfficialListEntry
from policytrack.queries.changes import (
    VOTE_ADDED,
    VOTE_EDITED,
    Change,
    ListCount,
    change_label,
)
from policytrack.vocab import AgreementChangeKind

import data
from components.agreement_tables import agreements_for_people, agreements_shown, shown_columns
from components.downloads import downloads, labelled, public_base, record_url
from components.filters import current, describe
from components.footer import footer
from components.links import escape_markdown, record_href
from components.outside_text import shown_table

PAGE_SIZE = 500
FIRST = "first"  # URL parameter: list what the first list of each kind had, too
LINK = st.column_config.LinkColumn
CHANGE_COLUMNS: dict[str, Any] = {
    "record": LINK("Record", display_text="Open"),
    "on": st.column_config.DateColumn("Date", help="The list's date, or the day of the edit"),
    "change": "Change",
    "summary": st.column_config.TextColumn("What changed", width="large"),
    "state": "State",
    "name": st.column_config.TextColumn("Agency or vote", width="medium"),
    "model": "287(g) model",
    "source": "Seen in",
}
CHANGE_FILE_COLUMNS = (
    "on", "change", "summary", "state", "name", "model", "before", "after", "source",
    "list_kind", "first_list", "record_kind", "key", "record", "at", "id",
)  # fmt: skip
WORKLIST_COLUMNS = shown_columns("list_kind", "first_seen", "last_seen")
WORKLIST_FILE_COLUMNS = (
    "state", "agency", "agency_type", "jurisdiction", "model", "signed_on", "status", "moa_url",
    "key", "record",
)  # fmt: skip
FEED_COMMANDS = """\
policytrack feed -o changes.xml                 # every change, newest first
policytrack feed --state FL -o changes-fl.xml   # one state
# after each `policytrack sync ice` (e.g. a daily cron job), then copy the file to any
# static web host; set POLICYTRACK_PUBLIC_URL so its links open this dashboard's records"""


def filters_phrase(filters: Filters) -> str:
    """` under the filters (…)`, or nothing when none is set (markdown-safe)."""
    return f" under the filters ({describe(filters)})" if filters.active() else ""


# ── counts per list ─────────────────────────────────────────────────────────────────────


def count_table(counts: list[ListCount]) -> pd.DataFrame:
    """One row per ICE list (newest first): its date, kind and each kind of change counted."""
    kinds = [str(kind) for kind in AgreementChangeKind]
    rows = [
        {
            "list_date": item.on,
            "list_kind": item.list_kind,
            "first_list": "yes: all of it is “added”" if item.first_list else "",
            **{change_label(kind): item.counts.get(kind, 0) for kind in kinds},
        }
        for item in counts
    ]
    return labelled(pd.DataFrame(rows))


def one_list_each(lists: list[OfficialListEntry]) -> bool:
    """Whether no kind of ICE list has a second list to compare with."""
    kinds = [item.kind for item in lists]
    return all(kinds.count(kind) == 1 for kind in kinds)


def lists_in_words(lists: list[OfficialListEntry]) -> str:
    """`participating list of 2025-07-18, pending list of 2025-07-18`."""
    return ", ".join(f"{item.kind} list of {item.as_of}" for item in lists)


def counts_section(
    filters: Filters, lists: list[OfficialListEntry], votes: dict[str, int]
) -> list[ListCount]:
    """What each ICE list brought and how many votes were added or edited."""
    st.header("Counts per list", anchor=False)
    counts: list[ListCount] = data.query(changes.list_counts, filters)
    left, right = st.columns(2)
    left.metric("Votes added", f"{votes[VOTE_ADDED]:,}", help="Votes recorded in this window.")
    right.metric("Vote edits", f"{votes[VOTE_EDITED]:,}", help="Edits, reverts and restores.")
    if not lists:
        st.info(
            "No ICE list loaded yet, so there is no change of ICE's to show. Load the bundled "
            "lists with `policytrack seed`, fetch the current ones with `policytrack sync ice`, "
            "or import one with `policytrack import ice FILE.xlsx`."
        )
        return counts
    if one_list_each(lists):
        st.info(
            f"Only one ICE list of each kind is on record ({lists_in_words(lists)}): there is "
            "nothing earlier to compare it with, so ICE's additions, removals and renamings "
            "show here once a second list is imported. Fetch the current lists with "
            "`policytrack sync ice`, import another (older or newer: lists may come in any "
            "order) with `policytrack import ice FILE.xlsx`, or upload one on the Edit page "
            "(editors).",
            icon=":material/info:",
        )
    if counts:
        st.dataframe(
            shown_table(count_table(counts)),
            hide_index=True,
            column_config={"list_date": st.column_config.DateColumn("List date")}
            | {"list_kind": "List", "first_list": "First list on record"},
        )
    else:
        st.caption(f"No change on ICE's lists{filters_phrase(filters)}.")
    return counts


# ── the changes ─────────────────────────────────────────────────────────────────────────


def changes_shown(changes: list[Change]) -> pd.DataFrame:
    """The changes as the table shows them: labels, a record link per row."""
    frame = pd.DataFrame(
        [
            {
                "record": record_href(c.record, c.key),
                "on": c.on,
                "change": change_label(c.change),
                "summary": c.summary,
                "state": c.state,
                "name": c.name,
                "model": c.model,
                "source": c.source,
            }
            for c in changes
        ],
        columns=list(CHANGE_COLUMNS),
    )
    return labelled(frame.drop(columns=["change"])).assign(change=frame["change"])


def changes_for_people(records: list[dict[str, Any]], base: str) -> pd.DataFrame:
    """Every change as the files hold it: labels, the record page's full address."""
    if not records:
        return pd.DataFrame(columns=list(CHANGE_FILE_COLUMNS))
    frame = pd.DataFrame(records)
    frame = frame.assign(
        change=frame["change_label"],
        record_kind=frame["record"],
        record=[record_url(base, r, k) for r, k in zip(frame["record"], frame["key"], strict=True)],
    )
    return labelled(frame[list(CHANGE_FILE_COLUMNS)])


def changes_section(filters: Filters, first: bool, total: int) -> None:
    """The changes, newest first, each linking to its record; a download of every one."""
    st.header("What changed, newest first", anchor=False)
    st.caption(
        "The sidebar's state, 287(g) model, jurisdiction and search filters select the "
        "agreements and votes (topic, action, outcome and stakeholder select votes only); its "
        "dates bound the day of the change (the list's date, or the day a vote was added or "
        "edited). Open a row's record for every fact and its sources."
    )
    if total == 0:
        if filters.active():
            st.info(f"No change matches these filters ({describe(filters)}). Remove one.")
        else:
            st.info("No change recorded yet.")
        return
    newest: list[Change] = data.query(
        changes.change_list, filters, limit=PAGE_SIZE, first_lists=first
    )
    shown = changes_shown(newest)
    if total > len(shown):
        st.caption(f"The newest {len(shown):,} of {total:,} changes; download all of them below.")
    st.dataframe(
        shown_table(shown[list(CHANGE_COLUMNS)]), hide_index=True, column_config=CHANGE_COLUMNS
    )
    base = public_base()

    def frame() -> pd.DataFrame:
        records = list(data.stream(changes.change_records, filters, first_lists=first))
        return changes_for_people(records, base)

    downloads(
        frame, "policytrack-changes", total, key="changes",
        note=f"Downloads: all {total:,} changes{filters_phrase(filters)}",
    )  # fmt: skip


def feed_section() -> None:
    """How to subscribe: the Atom feed the command line writes."""
    st.header("Subscribe: the Atom feed", anchor="subscribe")
    st.markdown(
        "The same changes, as an Atom feed any feed reader can follow: one entry per change, "
        "each linking to its record page. The feed is a file written by the command line and "
        "served by any static web host (see the README, *What changed, and subscribing to "
        "it*):"
    )
    st.code(FEED_COMMANDS, language="sh")


# ── the coverage worklist ───────────────────────────────────────────────────────────────


def worklist_shown(frame: pd.DataFrame) -> pd.DataFrame:
    """The worklist as shown; a pending agreement has no signing date yet: a blank cell, not
    "None"."""
    return agreements_shown(frame).assign(
        signed_on=frame["signed_on"].map(lambda d: d.isoformat() if pd.notna(d) else "")
    )


def worklist_for_people(frame: pd.DataFrame, base: str) -> pd.DataFrame:
    """One batch of the worklist as the files hold it."""
    return agreements_for_people(frame, base, WORKLIST_FILE_COLUMNS)


def worklist_section(filters: Filters, lists: list[OfficialListEntry]) -> None:
    """Agreements on ICE's lists with no vote on record, by state, with a download."""
    st.header("Agreements with no vote on record", anchor="worklist")
    st.caption(
        "Agreements on ICE's newest lists (active or pending) that no recorded vote concerns: "
        "the places to ask whether their council or commission voted. An agreement counts as "
        "covered when a vote is linked to it (its record page lists the vote); many were "
        "signed by a sheriff alone. Follows the sidebar's state, 287(g) model, jurisdiction and "
        "search filters, not its dates."
    )
    if not lists:
        st.info("No ICE list loaded yet, so there is no agreement to cover.")
        return
    total: int = data.query(coverage.count_unvoted, filters)
    by_state: pd.DataFrame = data.query(coverage.coverage_by_state, filters)
    if by_state.empty:
        st.info(f"No agreement on ICE's lists{filters_phrase(filters)}.")
        return
    st.metric("Agreements with no vote on record", f"{total:,}")
    st.dataframe(
        by_state, hide_index=True,
        column_config={"state": "State", "listed": "On ICE's lists", "with_vote": "With a vote",
                       "without_vote": "No vote on record"},
    )  # fmt: skip
    downloads(
        lambda: by_state, "policytrack-coverage-by-state", len(by_state), key="by-state",
        note="Downloads: these counts by state",
    )  # fmt: skip
    if total == 0:
        st.success(f"Every agreement on ICE's lists{filters_phrase(filters)} has a vote on record.")
        return
    frame: pd.DataFrame = data.query(coverage.unvoted_agreements, filters, limit=PAGE_SIZE)
    if total > len(frame):
        st.caption(f"The first {len(frame):,} of {total:,}, by state; download all below.")
    shown = worklist_shown(frame)
    st.dataframe(
        shown_table(shown[list(WORKLIST_COLUMNS)]), hide_index=True, column_config=WORKLIST_COLUMNS
    )
    base = public_base()

    def frames() -> Any:
        batches = data.stream(coverage.unvoted_batches, filters)
        return (worklist_for_people(batch, base) for batch in batches)

    downloads(
        frames, "policytrack-no-vote-on-record", total, key="worklist",
        note=f"Downloads: all {total:,} agreements with no vote on record{filters_phrase(filters)}",
    )  # fmt: skip


# ── page ────────────────────────────────────────────────────────────────────────────────


def main() -> None:
    """The whole page."""
    filters = current()
    st.title("Changes")
    st.markdown(
        escape_markdown(
            "What ICE changed on its 287(g) lists, by list date, and which votes were added or "
            "edited; then the agreements no vote on record concerns."
        )
        + " [Subscribe to these changes](#subscribe) · "
        + "[Agreements with no vote on record](#worklist)"
    )
    first = st.toggle(
        "List what the first list of each kind had, too (on the list when tracking began)",
        key=FIRST, bind="query-params",
    )  # fmt: skip
    lists = data.query(agreement_tables.official_lists)
    votes: dict[str, int] = data.query(changes.vote_counts, filters)
    counts = counts_section(filters, lists, votes)
    listed = sum(sum(c.counts.values()) for c in counts if first or not c.first_list)
    changes_section(filters, first, listed + votes[VOTE_ADDED] + votes[VOTE_EDITED])
    feed_section()
    worklist_section(filters, lists)
    footer()


main()
