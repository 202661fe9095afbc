"""The vote editing form: fields with the import rules' messages shown under the field they
concern, the version the editor loaded carried to the save (a form that never showed the
record saves nothing), retire, and the history with undo and restore.
Drawn only for a signed-in editor (the page checks first; the edits check again)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from policytrack.auth import Editor
from policytrack.edits.refusals import InvalidEdit
from policytrack.edits.transactions import DatabaseBusy
from policytrack.edits.vote_fields import edited_vote
from policytrack.edits.vote_reverts import revert_vote, vote_revert_plan
from policytrack.edits.votes import (
    NotFound,
    StaleEdit,
    history,
    retire_vote,
    save_vote,
    vote_as_input,
)
from policytrack.ingest.problems import ImportRefused
from policytrack.schemas import VoteEventIn
from policytrack.vocab import Action, Confidence, Model287g, Outcome, Topic, VoteOption
from policytrack.vocab import label as vocab_label

import data
from components.edit_state import (
    busy,
    field_error,
    first_loaded,
    forget,
    hidden_note,
    notice,
    session,
    shown_earlier,
    stale_notice,
    writing,
)
from components.links import escape_markdown
from components.record_editing import history_with_revert

SLOT = "edit-vote"  # this editor's copy of the vote: the version first loaded, errors


def load(key: str) -> tuple[VoteEventIn, int] | None:
    """The vote as stored, and the version this editor first saw (kept across reruns)."""
    with session() as db:
        try:
            item, version = vote_as_input(db, key)
        except NotFound:
            st.warning("No vote with this key. Check the key on the vote's record page.")
            return None
    return item, first_loaded(SLOT, key, version)


def _choice(label: str, vocabulary: Any, current: Any, key: str) -> Any:
    values = [v.value for v in vocabulary]
    return st.selectbox(
        label, values, index=values.index(str(current)), key=key, format_func=vocab_label
    )


def _count(label: str, value: int | None, key: str) -> int | None:
    number = st.number_input(label, value=value, min_value=0, step=1, key=key)
    return None if number is None else int(number)


def form(item: VoteEventIn, version: int | None, editor: Editor) -> None:
    """The editable fields of one vote; on save, the service decides. With `version` None,
    `item` holds initial values (a draft) and the save creates the vote — refused if a vote
    with its key exists by then."""
    notice(SLOT)
    stale_notice(SLOT, f"{item.key}-")
    with st.form(f"edit-{item.key}"):
        where = f"{item.key} ({item.jurisdiction.name}, {item.body})"
        done = "New vote" if version is None else f"Editing version {version} of"
        st.caption(f"{done} {escape_markdown(where)}")
        values = _fields(item)
        submitted = st.form_submit_button("Save changes", type="primary")
    if submitted and (version is None or shown_earlier(SLOT, f"{item.key}-")):
        _save(item, values, version, editor)


def _fields(item: VoteEventIn) -> dict[str, Any]:
    key = item.key
    values: dict[str, Any] = {}
    values["vote_date"] = st.date_input("Vote date", value=item.vote_date, key=f"{key}-date",
                                        max_value=dt.date.today())  # fmt: skip
    field_error(SLOT, "vote_date")
    values["motion_text"] = st.text_area("Measure", value=item.motion_text, key=f"{key}-motion")
    hidden_note(item.motion_text)
    field_error(SLOT, "motion_text")
    columns = st.columns(3)
    with columns[0]:
        values["action"] = _choice("Action", Action, item.action, f"{key}-action")
        values["topic"] = _choice("Topic", Topic, item.topic, f"{key}-topic")
    with columns[1]:
        values["outcome"] = _choice("Outcome", Outcome, item.outcome, f"{key}-outcome")
        values["model"] = _choice("287(g) model", Model287g, item.model, f"{key}-model")
    with columns[2]:
        values["confidence"] = _choice("Confidence", Confidence, item.confidence, f"{key}-conf")
        values["seats"] = _count("Seats on the body", item.seats, f"{key}-seats")
    counts = st.columns(4)
    for column, name in zip(counts, ("yes", "no", "abstain", "absent"), strict=True):
        with column:
            values[name] = _count(name.capitalize(), getattr(item, name), f"{key}-{name}")
    field_error(SLOT, "yes")
    values["roll_call"] = _roll_call_editor(item)
    field_error(SLOT, "roll_call")
    sources = "\n".join(s.url or s.key for s in item.sources)
    values["sources"] = st.text_area("Sources (one http(s) URL per line)", value=sources,
                                     key=f"{key}-sources")  # fmt: skip
    hidden_note(sources)
    field_error(SLOT, "sources")
    values["notes"] = st.text_area("Notes", value=item.notes or "", key=f"{key}-notes")
    hidden_note(item.notes)
    values["disputed"] = st.text_input(
        "What the sources disagree on (if anything)", value=item.disputed or "",
        key=f"{key}-disputed",
    )  # fmt: skip
    hidden_note(item.disputed)
    return values


def _roll_call_editor(item: VoteEventIn) -> pd.DataFrame:
    frame = pd.DataFrame(
        [{"voter_name": m.voter_name, "option": str(m.option)} for m in item.roll_call],
        columns=["voter_name", "option"],
    )
    return st.data_editor(
        frame,
        num_rows="dynamic",
        key=f"{item.key}-roll",
        column_config={
            "voter_name": st.column_config.TextColumn("Member (as printed)", required=True),
            "option": st.column_config.SelectboxColumn(
                "Vote", options=[o.value for o in VoteOption], required=True
            ),
        },
        hide_index=True,
    )


def _save(item: VoteEventIn, values: dict[str, Any], version: int | None, editor: Editor) -> None:
    try:
        roll = values.pop("roll_call")
        edited = edited_vote(item, values, roll.to_dict("records"))
        with writing() as db:
            save_vote(db, editor, edited, version)
    except DatabaseBusy as error:
        busy(error)
        return
    except InvalidEdit as error:
        st.session_state[f"{SLOT}-errors"] = error.fields
        st.rerun()
    except ImportRefused as error:
        st.session_state[f"{SLOT}-errors"] = {p.field: p.rule for p in error.problems}
        st.rerun()
    except StaleEdit as error:
        st.session_state[f"{SLOT}-stale"] = str(error)
        st.rerun()
    forget(SLOT)
    data.clear()
    st.session_state[f"{SLOT}-done"] = "Saved."
    st.rerun()  # the form, its history and the next save start from the vote as stored


def retire_panel(item: VoteEventIn, version: int, editor: Editor) -> None:
    """Retire the vote (hidden everywhere, kept with its history)."""
    with st.expander("Retire this vote"):
        reason = st.text_input("Why (kept in the history)", key=f"{item.key}-retire-reason")
        if st.button("Retire", key=f"{item.key}-retire", disabled=not reason.strip()):
            try:
                with writing() as db:
                    retire_vote(db, editor, item.key, version, reason.strip())
            except DatabaseBusy as error:
                busy(error)
                return
            except StaleEdit as error:
                st.session_state[f"{SLOT}-stale"] = str(error)
                st.rerun()
            forget(SLOT)
            data.clear()
            st.session_state[f"{SLOT}-done"] = "Retired. Undo the change below to bring it back."
            st.rerun()


def history_panel(key: str, version: int, editor: Editor) -> None:
    """Every change to the vote (who, when, each field old → new), and a revert of any one:
    undo it alone or restore the vote to before it, after seeing what would be written."""
    st.subheader("History")
    history_with_revert(
        SLOT, f"{SLOT}-{key}", lambda db: history(db, key),
        "No edits yet: the record is as imported.", vote_revert_plan,
        lambda db, change, restore: revert_vote(db, editor, change, version, restore=restore),
        f"{key}-",
    )  # fmt: skip
