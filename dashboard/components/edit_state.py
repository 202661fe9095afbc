"""What the editor's forms keep across reruns, and how they run a write: the record as first
loaded (the version or values a save is checked against), the errors of a refused save by
field, the stale-edit notice with a reload, the history table with a revert picker."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import pandas as pd
import streamlit as st
from sqlmodel import Session

from policytrack.auth import AuthError
from policytrack.config import Settings
from policytrack.db import DatabaseBusy, session_scope, waiting
from policytrack.edits.refusals import InvalidEdit, NotFound, StaleEdit
from policytrack.models import AuditEntry

import data
from components.links import escape_markdown

T = TypeVar("T")


def session() -> Session:
    """A session on the configured database (the services decide what is written)."""
    return Session(data.engine(data.database_url()))


@contextmanager
def writing() -> Iterator[Session]:
    """One write transaction for an editor's save. If another write holds the database (an
    import, another editor), it waits its turn, saying so on the page, for up to the
    `edit_wait_seconds` setting; then DatabaseBusy, with nothing written."""
    notice = st.empty()

    def tell(waited: float) -> None:
        so_far = f" ({waited:.0f} s so far)" if waited >= 1 else ""
        notice.info(
            f"Waiting for another write to finish (an import or another editor's save)"
            f"{so_far}. Your changes are kept.",
            icon=":material/hourglass_top:",
        )

    try:
        with waiting(tell, Settings().edit_wait_seconds), session_scope(_engine()) as db:
            yield db
    finally:
        notice.empty()


def busy(error: DatabaseBusy) -> None:
    """Say the save waited too long; the form keeps what the editor typed."""
    st.warning(
        f"{escape_markdown(error)} Your changes are still in the form: save again in a moment.",
        icon=":material/hourglass_disabled:",
    )


def _engine() -> Any:
    return data.engine(data.database_url())


def not_found(error: Exception) -> None:
    """Say a record was not found; the message may hold what the editor typed, so it is
    escaped (Streamlit renders alert text as markdown)."""
    st.warning(escape_markdown(error))


def first_loaded(slot: str, key: str, value: T) -> T:
    """`value` as this editor first loaded record `key` (kept until saved or reloaded)."""
    stored = st.session_state.get(slot)
    if not (isinstance(stored, tuple) and stored[0] == key):
        st.session_state[slot] = (key, value)
        st.session_state.pop(f"{slot}-errors", None)
        st.session_state.pop(f"{slot}-stale", None)
    return st.session_state[slot][1]  # type: ignore[no-any-return]


def forget(slot: str) -> None:
    """Load the record afresh on the next run."""
    for suffix in ("", "-errors", "-stale"):
        st.session_state.pop(f"{slot}{suffix}", None)


def field_error(slot: str, field: str) -> None:
    """The refused save's message about `field`, drawn right under that field."""
    errors = st.session_state.get(f"{slot}-errors")
    if isinstance(errors, dict) and errors.get(field):
        st.error(escape_markdown(errors[field]), icon=":material/error:")


def attempt(slot: str, write: Callable[[Session], object], done: str) -> bool:
    """Run `write` in one transaction (after any other write: `writing`). Refused input goes
    under its fields (rerun), a stale save becomes the reload notice, anything else refused
    or a database too busy is said here; nothing is written then. On success the record is
    loaded afresh and the cached views cleared."""
    try:
        with writing() as db:
            write(db)
    except DatabaseBusy as error:
        busy(error)
        return False
    except InvalidEdit as error:
        st.session_state[f"{slot}-errors"] = error.fields
        st.rerun()
    except StaleEdit as error:
        st.session_state[f"{slot}-stale"] = str(error)
        st.rerun()
    except (NotFound, AuthError) as error:
        st.error(escape_markdown(error))
        return False
    forget(slot)
    data.clear()
    st.success(done)
    return True


def stale_notice(slot: str, widget_prefix: str) -> None:
    """After a refused stale save: who changed the record and when, and a reload that drops
    this editor's copy (their typed values too) so they see the record as it is now."""
    message = st.session_state.get(f"{slot}-stale")
    if not message:
        return
    st.error(escape_markdown(message), icon=":material/sync_problem:")
    if st.button("Reload", key=f"{slot}-reload"):
        for name in [k for k in st.session_state if str(k).startswith(widget_prefix)]:
            del st.session_state[name]
        forget(slot)
        st.rerun()


def history_table(entries: list[AuditEntry]) -> None:
    """Who changed what when (values shown as table cells: text, never markdown)."""
    rows = [
        {"change": e.id, "when": e.at, "who": e.user_name, "what": e.action,
         "record": e.record_key, "note": e.note or "",
         "fields changed": ", ".join(_changed(e.before, e.after))}
        for e in entries
    ]  # fmt: skip
    st.dataframe(pd.DataFrame(rows), hide_index=True)


def revert_choice(slot: str, entries: list[AuditEntry]) -> int | None:
    """The change the editor asks to revert (None until they press Revert)."""
    choice = st.selectbox("Revert change", [e.id for e in entries], key=f"{slot}-revert-pick")
    if st.button("Revert", key=f"{slot}-revert") and choice is not None:
        return int(choice)
    return None


def _changed(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[str]:
    before, after = before or {}, after or {}
    return sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
