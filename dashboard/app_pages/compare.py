"""Compare: two to six jurisdictions side by side — agreements, every vote with its tally,
roll call, who took which side and the sources — and a table of the facts that differ."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from policytrack.queries import compare

import data
from components.downloads import chart_downloads, downloads, labelled
from components.filters import current, describe
from components.footer import footer
from components.links import escape_markdown as plain
from components.links import http_only, is_http, record_link, source_list
from components.members_votes import members_section
from components.outside_text import HEADING, shown, shown_table
from components.style import OUTCOME_COLOURS, STANCE_COLOURS, label

KEY = "jurisdictions"  # the URL parameter: ?jurisdictions=Miami, FL&jurisdictions=…
EXAMPLE = ("Miami, FL", "Key West, FL", "Fort Myers, FL")
# Okabe–Ito: yes/no in the colours of support/oppose, abstain orange, absent grey.
TALLY = {
    "yes": ("Yes", STANCE_COLOURS["support"], "white"),
    "no": ("No", STANCE_COLOURS["oppose"], "white"),
    "abstain": ("Abstain", OUTCOME_COLOURS["deferred"], "black"),
    "absent": ("Absent", OUTCOME_COLOURS["withdrawn"], "black"),
}
MARKED = "font-weight: bold; background-color: #FFF3C4"  # bold carries it; the tint helps
STANCE_MARKS = {"support": "▲", "oppose": "▼", "mixed": "◆", "neutral": "●"}
SUMMARY_COLUMNS = {
    "jurisdiction": "Jurisdiction", "votes": "Votes", "passed": "Passed", "failed": "Failed",
    "latest_vote": "Latest vote", "agreements_active": "Active agreements",
    "models_active": "Active models", "stakeholders": "Stakeholders",
    "supporting": "Supporting", "opposing": "Opposing",
    "mixed_or_disputed": "Mixed or disputed", "differs": "Differs from the others in",
}  # fmt: skip


def _example() -> None:
    st.session_state[KEY] = list(EXAMPLE)


def choose(options: dict[str, str]) -> list[str]:
    """The URL-bound picker of 2–6 jurisdictions."""
    return st.multiselect(
        "Jurisdictions to compare (two to six)", list(options), key=KEY, bind="query-params",
        max_selections=6, placeholder="Type a name, e.g. Miami, FL", format_func=shown,
        help="Jurisdictions with a recorded vote or a 287(g) agreement, as “Name, ST”.",
    )  # fmt: skip


def share_link(chosen: list[str]) -> str:
    """The address of exactly this comparison (the chosen places and the shared filters)."""
    pairs = [(KEY, value) for value in chosen]
    for name in st.query_params:
        if name != KEY:
            pairs += [(name, value) for value in st.query_params.get_all(name)]
    base = st.context.url or "compare"
    return f"{base}?{urlencode(pairs)}"


def tally_text(vote: compare.ComparedVote) -> str:
    """`3 yes · 2 no · 1 absent` (unreported counts said as such)."""
    counts = {c: getattr(vote, c) for c in TALLY}
    parts = [f"{counts[c]} {c}" for c in TALLY if counts[c] is not None]
    missing = [c for c in ("yes", "no") if counts[c] is None]
    parts += [f"{c}: not reported" for c in missing]
    return " · ".join(parts)


def short_tally(vote: compare.ComparedVote) -> str:
    """`3–2` (yes–no), `?` where a count was not reported."""
    yes, no = ("?" if c is None else str(c) for c in (vote.yes, vote.no))
    return f"{yes}–{no}"


def vote_title(vote: compare.ComparedVote) -> str:
    """Our own words only: date, outcome, tally."""
    day = vote.vote_date.isoformat() if vote.vote_date else "date unknown"
    return f"{day} · {label(vote.outcome)} {short_tally(vote)}"


def tally_figure(place: compare.ComparedPlace) -> go.Figure:
    """One stacked bar per vote (newest on top), each part labelled with its count."""
    votes = place.votes
    rows = list(range(len(votes)))
    ticks = [f"{v.vote_date or 'date unknown'}<br>{label(v.outcome)}" for v in votes]
    figure = go.Figure()
    for column, (word, colour, ink) in TALLY.items():
        counts = [getattr(v, column) or 0 for v in votes]
        figure.add_bar(
            y=rows, x=counts, orientation="h", name=word, marker_color=colour,
            text=[str(n) if n else "" for n in counts], textposition="inside", textangle=0,
            insidetextanchor="middle", textfont={"color": ink, "size": 13},
            customdata=[vote_title(v) for v in votes],
            hovertemplate="%{customdata}<br>" + word + ": %{x}<extra></extra>",
        )  # fmt: skip
    figure.update_layout(
        barmode="stack", height=70 + 52 * len(votes), bargap=0.3,
        margin={"l": 0, "r": 0, "t": 30, "b": 0}, font={"size": 11},
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "traceorder": "normal"},
        xaxis={"dtick": 1, "rangemode": "tozero", "showgrid": False, "visible": False},
        yaxis={"tickvals": rows, "ticktext": ticks, "autorange": "reversed"},
        uniformtext={"minsize": 9, "mode": "show"},
    )  # fmt: skip
    return figure


def first_http(sources: Sequence[str]) -> str | None:
    """The first source that is a link."""
    return next((s for s in sources if is_http(s)), None)


def said(position: compare.ComparedPosition) -> str:
    """Our summary, then the quote (both shown as text)."""
    summary = position.summary or ""
    return f"{summary} Quote: “{position.quote}”".strip() if position.quote else summary


def stakeholders_by_stance(vote: compare.ComparedVote, key: str) -> None:
    """Who took which side on a vote: one small table per stance, words and symbols."""
    positions = vote.positions
    if not positions:
        st.text("No stakeholder positions recorded for this vote.")
        return
    for stance, mark in STANCE_MARKS.items():
        group = [p for p in positions if p.stance == stance]
        if not group:
            continue
        st.markdown(f"**{mark} {label(stance)}** ({len(group)})")
        table = pd.DataFrame({
            "stakeholder": [p.stakeholder for p in group],
            "said": [said(p) for p in group],
            "speaker": [", ".join(x for x in (p.speaker, p.role) if x) for p in group],
            "source": [first_http(p.sources) for p in group],
            "cited": [", ".join(s for s in p.sources if not is_http(s)) for p in group],
        })  # fmt: skip
        st.dataframe(
            shown_table(table), hide_index=True, key=f"{key}-{stance}",
            column_config={
                "stakeholder": "Stakeholder",
                "said": st.column_config.TextColumn("Summary / quote", width="large"),
                "speaker": "Speaker, role",
                "source": st.column_config.LinkColumn(
                    "Source", display_text=r"https?://(?:www\.)?([^/]+)"
                ),
                "cited": "Other citation",
            },
        )  # fmt: skip


def vote_card(vote: compare.ComparedVote, key: str, expanded: bool) -> None:
    """One vote: measure, tally, roll call, stakeholders by stance, sources."""
    with st.expander(vote_title(vote), expanded=expanded):
        st.text(shown(f"{vote.body}: {vote.motion_text}"))
        st.text(f"Tally: {tally_text(vote)}")
        model = "" if vote.model == "unknown" else f" · {label(vote.model)}"
        st.text(f"Action: {label(vote.action)} · Outcome: {label(vote.outcome)}{model}")
        if vote.disputed:
            st.text(f"⚠ Sources disagree: {shown(vote.disputed)}")
        if vote.roll_call:
            st.caption("Roll call (names as printed in the sources)")
            roll = pd.DataFrame(list(vote.roll_call))
            st.dataframe(
                shown_table(roll), hide_index=True, key=f"{key}-roll",
                column_config={"name": "Member", "option": "Vote"},
            )  # fmt: skip
        else:
            st.text("Roll call: not reported.")
        stakeholders_by_stance(vote, key)
        st.caption("Sources")
        source_list(vote.sources)
        record_link("vote", vote.key, "Full record of this vote")


def agreements_block(place: compare.ComparedPlace, filters_text: str) -> None:
    """The place's 287(g) agreements (its agencies on ICE's lists)."""
    agreements = place.agreements
    if not agreements:
        st.text("No 287(g) agreement on ICE's lists for its agencies" + filters_text + ".")
        return
    table = labelled(
        pd.DataFrame(list(agreements))[["agency", "model", "status", "signed_on", "moa_url"]]
    )
    table["moa_url"] = http_only(table["moa_url"])
    st.dataframe(
        shown_table(table), hide_index=True, key=f"agreements-{place.ocd_id}",
        column_config={
            "agency": "Agency", "model": "Model", "status": "Status",
            "signed_on": st.column_config.DateColumn("Signed"),
            "moa_url": st.column_config.LinkColumn("MOA", display_text="MOA"),
        },
    )  # fmt: skip
    if place.agreements_total > len(agreements):
        st.caption(f"{len(agreements)} of {place.agreements_total} agreements shown.")


def place_column(place: compare.ComparedPlace, filters_text: str) -> None:
    """Everything about one jurisdiction, in its column."""
    st.subheader(plain(place.label, HEADING), anchor=False)
    record_link("jurisdiction", place.ocd_id, "Jurisdiction record")
    st.markdown("**287(g) agreements**")
    agreements_block(place, filters_text)
    votes = place.votes
    st.markdown(f"**Votes** ({len(votes)} of {place.votes_total})")
    if not votes:
        st.text("No votes recorded here" + filters_text + ".")
        return
    figure = tally_figure(place)
    st.plotly_chart(figure, key=f"tally-{place.ocd_id}", config={"displaylogo": False})
    chart_downloads(figure, f"tally-{place.ocd_id.rsplit('/', 1)[-1]}", f"tally-{place.ocd_id}")
    for index, vote in enumerate(votes):
        vote_card(vote, f"vote-{vote.key}", expanded=len(votes) <= 3 or index == 0)


def marked_summary(summary: pd.DataFrame) -> Any:
    """The summary as shown: differing cells get `≠` and bold (never colour alone)."""
    facts = [
        c for c in summary.columns if c in SUMMARY_COLUMNS and c not in ("jurisdiction", "differs")
    ]
    shown = summary[list(SUMMARY_COLUMNS)].astype(object).where(summary.notna(), "—")
    differs = [set(text.split(", ")) if text else set() for text in summary["differs"]]
    for fact in facts:
        name = fact.replace("_", " ")
        pairs = zip(shown[fact], differs, strict=True)
        shown[fact] = [f"{value} ≠" if name in marks else str(value) for value, marks in pairs]

    def emphasise(column: pd.Series) -> list[str]:
        return [MARKED if str(value).endswith(" ≠") else "" for value in column]

    return shown.style.apply(emphasise, subset=pd.Index(facts))


def summary_block(summary: pd.DataFrame) -> None:
    """The facts side by side, one row per jurisdiction, differences marked."""
    st.subheader("At a glance", anchor=False)
    st.caption(
        "≠ and bold mark a value that differs from what most of the others share. Stakeholders "
        "count once per place; one with different stances there counts as mixed or disputed."
    )
    st.dataframe(
        marked_summary(shown_table(summary)), hide_index=True, key="compare-summary",
        column_config={name: title for name, title in SUMMARY_COLUMNS.items()},
    )  # fmt: skip
    downloads(
        lambda: summary.drop(columns=["ocd_id"]), "policytrack-comparison", len(summary),
        key="compare-summary-dl",
    )  # fmt: skip


def intro(options: dict[str, str]) -> None:
    """What to do when fewer than two places are chosen."""
    st.info("Pick two to six jurisdictions to see their votes and agreements side by side.")
    if all(name in options for name in EXAMPLE):
        st.button("Compare Miami, Key West and Fort Myers (FL)", on_click=_example)


def main() -> None:
    """The page."""
    filters = current()
    st.title("Compare jurisdictions")
    st.caption(
        "Votes, tallies, roll calls, stakeholders and 287(g) agreements of several places, "
        "side by side. The sidebar filters apply to the votes and agreements shown."
    )
    options = data.query(compare.jurisdiction_options)
    chosen = choose(options)
    if len(chosen) < 2:
        intro(options)
        st.stop()
    result = data.query(compare.comparison, filters, ocd_ids=tuple(options[c] for c in chosen))
    st.caption("Link to exactly this comparison:")
    st.code(share_link(chosen), language=None, wrap_lines=True)
    filters_text = f" that match the filters ({describe(filters)})" if filters.active() else ""
    summary = result.summary
    if filters.active():
        st.caption(f"Filtered: {describe(filters)}.")
    if int(summary["votes"].sum()) == 0 and int(summary["agreements_total"].sum()) == 0:
        # filters_text holds `describe`, escaped already: our words around it need none.
        st.info("No votes or agreements recorded in these places" + filters_text + ".")
    summary_block(summary)
    votes = result.votes
    st.caption("Every vote shown below, in one table:")
    downloads(lambda: votes, "policytrack-compared-votes", len(votes), key="compare-votes-dl")
    columns = st.columns(len(result.places), gap="medium")
    for column, place in zip(columns, result.places, strict=True):
        with column:
            place_column(place, filters_text)
    members_section({c: options[c] for c in chosen})
    footer()


main()
