"""Draft from an article, for editors: paste a news report (or upload the saved page, or
fetch it when asked), review the draft with the sentence each field came from highlighted in
the article, correct it in the vote form and save. The article (URL, publisher, date) is the
source of everything saved from it. A vote already stored for the place within a few days
gets the article and its positions added instead, and where the report disagrees (tally,
date) is kept in the vote's `disputed` text — the record's values are never overwritten.
Nothing is written before the editor saves. Drawn only for a signed-in editor."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from policytrack.articles.backend import draft_with_backend
from policytrack.articles.draft import Draft, Evidence, Fact
from policytrack.articles.fetch import ArticleUnreachable, fetch_page
from policytrack.articles.reading import Article, ArticleUnreadable, article_from_text, decode
from policytrack.articles.records import DraftIncomplete, to_vote_event
from policytrack.auth import Editor
from policytrack.edits.article_drafts import (
    ReportedPosition,
    add_report,
    disagreement,
    votes_near,
)
from policytrack.edits.votes import vote_as_input
from policytrack.schemas import SourceIn, VoteEventIn, check_http_url
from policytrack.vocab import Action, Outcome, StakeholderKind, Stance
from policytrack.vocab import label as vocab_label

from components import vote_form
from components.edit_state import (
    attempt,
    clear_widgets,
    field_error,
    first_loaded,
    notice,
    session,
)
from components.outside_text import markdown, shown

SLOT = "draft-vote"  # the stored vote the report is added to: the version first loaded
RESULT = "draft-result"  # (Article, Draft) of the last "Draft" press
NEW = "(a new vote)"
CONTEXT = 80  # characters of the article shown either side of an evidence sentence
KINDS = ("city", "town", "village", "township", "county", "state")


def article_draft_panel(editor: Editor) -> None:
    """The article inputs, then (once drafted) the evidence, the form and the save."""
    st.caption(
        "Paste a news report about a vote, or upload the saved page. The draft fills the vote "
        "form; each field shows the sentence it came from. Nothing is written until you save."
    )
    _article_inputs()
    drafted = st.session_state.get(RESULT)
    if drafted is None:
        return
    article, draft = drafted
    for message in draft.notices:
        st.warning(markdown(message), icon=":material/cloud_off:")
    item = _reviewed(article, draft)
    if item is None:
        return
    _evidence_panel(article, draft)
    _save_panel(article, draft, item, editor)


def _article_inputs() -> None:
    st.text_area("Article text", key="draft-text", height=220,
                 placeholder="Paste the report's text here")  # fmt: skip
    st.file_uploader("…or upload the article (.txt or a saved .html page)",
                     type=["txt", "html", "htm"], key="draft-file")  # fmt: skip
    columns = st.columns([3, 2, 2])
    with columns[0]:
        st.text_input("Article URL (the source of every fact saved)", key="draft-url")
    with columns[1]:
        st.text_input("Publisher of the article", key="draft-publisher")
    with columns[2]:
        st.date_input("Article published on", value=None, key="draft-published",
                      max_value=dt.date.today())  # fmt: skip
    left, right = st.columns(2)
    with left:
        st.button("Draft", type="primary", key="draft-run", on_click=_draft)
    with right:
        st.button("Fetch the article from its URL", key="draft-fetch", on_click=_fetch,
                  disabled=not str(st.session_state.get("draft-url") or "").strip())  # fmt: skip
    for name, show in (("draft-error", st.error), ("draft-fetched", st.success)):
        message = st.session_state.pop(name, None)
        if message:
            show(markdown(message))


def _fetch() -> None:
    """Fetch the page at the URL (only on this button) and put its main text in the box."""
    url = str(st.session_state.get("draft-url") or "").strip()
    try:
        article = article_from_text(fetch_page(url), url=url, where=url)
    except (ArticleUnreachable, ArticleUnreadable) as error:
        st.session_state["draft-error"] = str(error)
        return
    st.session_state["draft-text"] = article.text
    st.session_state["draft-title"] = article.title
    if article.published and st.session_state.get("draft-published") is None:
        st.session_state["draft-published"] = article.published
    st.session_state["draft-fetched"] = f"Fetched {len(article.text)} characters from {url}."


def _draft() -> None:
    """Draft the pasted or uploaded article (offline rules, or the configured endpoint)."""
    url = str(st.session_state.get("draft-url") or "").strip() or None
    published = st.session_state.get("draft-published")
    upload = st.session_state.get("draft-file")
    try:
        if upload is not None:
            name = str(upload.name)
            html = name.lower().endswith((".html", ".htm"))
            article = article_from_text(decode(upload.getvalue()), url, published, name, html)
        else:
            text = str(st.session_state.get("draft-text") or "")
            if not text.strip():
                st.session_state["draft-error"] = "Paste the article's text or upload it first."
                return
            title = st.session_state.get("draft-title")
            article = Article(text=article_from_text(text).text, url=url, published=published,
                              title=title)  # fmt: skip
    except ArticleUnreadable as error:
        st.session_state["draft-error"] = str(error)
        return
    drafted = draft_with_backend(article)
    st.session_state[RESULT] = (article, drafted)
    st.session_state["draft-n"] = int(st.session_state.get("draft-n", 0)) + 1
    if drafted.vote_key():  # the vote form shows this draft, not one drafted earlier
        clear_widgets(f"{drafted.vote_key()}-")


def _highlighted(text: str, evidence: Evidence) -> str:
    """The evidence sentence highlighted in its place in the article (markdown of text)."""
    before = text[max(evidence.start - CONTEXT, 0) : evidence.start]
    after = text[evidence.end : evidence.end + CONTEXT]
    lead = "…" if evidence.start > CONTEXT else ""
    tail = "…" if evidence.end + CONTEXT < len(text) else ""
    sentence = text[evidence.start : evidence.end] or evidence.sentence
    return (
        f"{lead}{markdown(before)} :orange-background[{markdown(sentence)}] {markdown(after)}{tail}"
    )


def _show_evidence(text: str, evidence: Evidence | None) -> None:
    if evidence is None:
        st.caption("Not stated in the text.")
    else:
        st.caption(_highlighted(text, evidence))


def _reviewed(article: Article, draft: Draft) -> VoteEventIn | None:
    """Where and what the vote was, as the editor corrects the draft; the record to review
    in the vote form, or None (with the reason) while something it needs is missing."""
    st.subheader("Where and what")
    n = st.session_state.get("draft-n", 0)
    fields: dict[str, Any] = {}
    columns = st.columns(3)
    picks = {
        "jurisdiction_kind": KINDS,
        "action": [a.value for a in Action],
        "outcome": [o.value for o in Outcome],
    }
    labels = {
        "jurisdiction": "Place", "state": "State (two letters)", "body": "Body",
        "jurisdiction_kind": "Kind of place", "action": "Action", "outcome": "Outcome",
    }  # fmt: skip
    for number, (name, label) in enumerate(labels.items()):
        fact: Fact[Any] = getattr(draft, name)
        value = str(fact.value) if fact.value is not None else None
        with columns[number % 3]:
            if name in picks:
                options = list(picks[name])
                fields[name] = st.selectbox(
                    label, options, index=options.index(value) if value in options else None,
                    key=f"draft-{n}-{name}", format_func=vocab_label, placeholder="Not stated",
                )  # fmt: skip
            else:
                fields[name] = st.text_input(label, value=value or "", key=f"draft-{n}-{name}")
            _show_evidence(article.text, fact.evidence)
    source = _article_source(article)
    if source is None:
        return None
    update = {
        name: Fact[Any](value=(str(v).strip() or None) if v is not None else None,
                        evidence=getattr(draft, name).evidence)
        for name, v in fields.items()
    }  # fmt: skip
    corrected = draft.model_copy(update={**update, "url": str(source.url)})
    try:
        item = to_vote_event(corrected, article.title)
    except (DraftIncomplete, ValueError) as error:
        st.info(f"{markdown(error)}. Fill it in above to review the vote.")
        return None
    return item.model_copy(update={"sources": [source]})


def _article_source(article: Article) -> SourceIn | None:
    """The article as the source: its URL (required), publisher and date as typed."""
    url = str(st.session_state.get("draft-url") or "").strip()
    if not url:
        st.info("Give the article's URL above: it is the source of every fact saved from it.")
        return None
    try:
        source = SourceIn.from_url(check_http_url(url))
    except ValueError as error:
        st.error(f"Article URL: {markdown(error)}")
        return None
    publisher = str(st.session_state.get("draft-publisher") or "").strip()
    return source.model_copy(update={
        "publisher": publisher or source.publisher, "title": article.title,
        "published_on": st.session_state.get("draft-published") or article.published,
    })  # fmt: skip


def _evidence_panel(article: Article, draft: Draft) -> None:
    """Every other drafted field with the sentence it came from, highlighted in place."""
    with st.expander("Evidence for the vote form's fields", expanded=True):
        rows: list[tuple[str, Fact[Any]]] = [
            ("Vote date", draft.vote_date), ("Measure", draft.policy),
            ("287(g) model", draft.model),
            *((f"{n.capitalize()} votes", getattr(draft.tally, n))
              for n in ("yes", "no", "abstain", "absent")),
        ]  # fmt: skip
        for label, fact in rows:
            value = "—" if fact.value is None else fact.value
            st.markdown(f"**{markdown(label)}:** {markdown(value)}")
            _show_evidence(article.text, fact.evidence)
        for member in draft.roll_call:
            st.markdown(f"**Roll call:** {markdown(member.member)} — {markdown(member.vote)}")
            _show_evidence(article.text, member.evidence)


def _save_panel(article: Article, draft: Draft, item: VoteEventIn, editor: Editor) -> None:
    """A new vote through the vote form, or the report added to a stored vote near it."""
    notice(vote_form.SLOT)  # "Saved." of the vote form, which is gone once the vote exists
    with session() as db:
        near = votes_near(db, item.jurisdiction.ocd_id, item.vote_date)
    if near:
        st.info(
            f"{len(near)} stored vote(s) of {markdown(item.jurisdiction.name)} within three "
            "days of this date: add the article and its positions to one, or make a new vote."
        )
    # once a vote with the draft's key exists (saved from it, say) it cannot be made again
    options = [*near, *([] if item.key in near else [NEW])]
    choice = st.radio("Save as", options, key=f"draft-target-{item.key}",
                      format_func=shown, horizontal=True)  # fmt: skip
    if choice == NEW:
        st.subheader("The vote, as drafted: correct it and save")
        vote_form.form(item, None, editor)
        st.caption("Once the vote is saved, add the article's positions to it here.")
        return
    _add_to_stored(article, draft, item, str(choice), editor)


def _add_to_stored(
    article: Article, draft: Draft, item: VoteEventIn, key: str, editor: Editor
) -> None:
    with session() as db:
        stored, current = vote_as_input(db, key)
    version = first_loaded(SLOT, key, current)
    source = item.sources[0]
    notice(SLOT)
    cited = source.key in {s.key for s in stored.sources}
    st.subheader(f"Add the report to {markdown(key)}")
    differs = None if cited else disagreement(stored, item, source)
    if cited:
        st.caption("This vote cites the article already: only its positions are added.")
    elif differs:
        st.warning(
            f"The report disagrees with the record. Kept as a disagreement on the vote (its "
            f"values are not changed): {markdown(differs)}",
            icon=":material/difference:",
        )
    else:
        st.caption("The report agrees with the record on the date and tally.")
    rows = _positions_editor(article, draft, key)
    field_error(SLOT, "positions")
    chosen = [_reported({str(k): v for k, v in r.items()}) for r in rows.to_dict("records")
              if r.get("add")]  # fmt: skip
    what = "the article" if not cited else None
    label = " and ".join(filter(None, [what, f"{len(chosen)} position(s)"]))
    if st.button(f"Add {label} to this vote", type="primary", key=f"draft-add-{key}"):
        attempt(
            SLOT, lambda db: add_report(db, editor, key, version, source, differs, chosen),
            f"Added {label} to {key}.",
        )  # fmt: skip


def _positions_editor(article: Article, draft: Draft, key: str) -> pd.DataFrame:
    frame = pd.DataFrame(
        [
            {"add": True, "stakeholder": s.name, "kind": str(s.kind), "speaker": s.person or "",
             "stance": str(s.stance), "quote": s.quote or "",
             "summary": "" if s.quote else (s.evidence.sentence if s.evidence else ""),
             "evidence": s.evidence.sentence if s.evidence else ""}
            for s in draft.stakeholders
        ],
        columns=["add", "stakeholder", "kind", "speaker", "stance", "quote", "summary",
                 "evidence"],
    )  # fmt: skip
    st.caption("Positions the article reports (untick a row to leave it out):")
    edited: pd.DataFrame = st.data_editor(
        frame,
        key=f"draft-{st.session_state.get('draft-n', 0)}-positions-{key}",
        column_config={
            "add": st.column_config.CheckboxColumn("Add"),
            "stakeholder": st.column_config.TextColumn("Stakeholder", required=True),
            "kind": st.column_config.SelectboxColumn(
                "Kind", options=[k.value for k in StakeholderKind], required=True
            ),
            "speaker": st.column_config.TextColumn("Speaker"),
            "stance": st.column_config.SelectboxColumn(
                "Stance", options=[s.value for s in Stance], required=True
            ),
            "quote": st.column_config.TextColumn("Quote (as printed)"),
            "summary": st.column_config.TextColumn("Summary"),
            "evidence": st.column_config.TextColumn("Sentence in the article", disabled=True),
        },
        hide_index=True,
    )
    return edited


def _reported(row: dict[str, Any]) -> ReportedPosition:
    def text(name: str) -> str | None:
        value = row.get(name)
        return str(value).strip() or None if isinstance(value, str) else None

    return ReportedPosition(
        name=text("stakeholder") or "",
        kind=StakeholderKind(row["kind"]),
        stance=Stance(row["stance"]),
        speaker=text("speaker"),
        quote=text("quote"),
        summary=text("summary"),
    )
