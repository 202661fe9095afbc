"""What the editor's forms keep across reruns, and how they run a write: the record as first
loaded (the version or values a save is checked against, and whether a form has shown it
yet), the errors of a refused save by field, the stale-edit notice with a reload, and what
became of the last write."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import streamlit as st

from policytrack.auth import AuthError
from policytrack.config import Settings
from policytrack.edits.refusals import InvalidEdit, NotFound, StaleEdit
from policytrack.edits.reverts import RevertRefused
from policytrack.edits.transactions import DatabaseBusy, EditSession, waiting
from policytrack.hidden_text import visible
from policytrack.ingest.problems import ImportRefused

import data
from components.links import escape_markdown

T = TypeVar("T")


def session() -> EditSession:
    """A session on the configured database (the edits decide what is written)."""
    return data.session()


@contextmanager
def writing() -> Iterator[EditSession]:
    """One write transaction for an editor's save. If another write holds the database (an
    import, another editor), it waits its turn, saying so on the page, for up to the
    `edit_wait_seconds` setting; then DatabaseBusy, with nothing written."""
    with waiting_shown(), data.transaction() as db:
        yield db


@contextmanager
def waiting_shown() -> Iterator[None]:
    """Every write begun inside (a save, an upload's import) that finds another writer
    holding the database says so on the page while it waits its turn."""
    notice = st.empty()

    def tell(waited: float) -> None:
        so_far = f" ({waited:.0f} s so far)" if waited >= 1 else ""
        notice.info(
            f"Waiting for another write to finish (an import or another editor's save)"
            f"{so_far}. Your changes are kept.",
            icon=":material/hourglass_top:",
        )

    try:
        with waiting(tell, Settings().edit_wait_seconds):
            yield
    finally:
        notice.empty()


def busy(error: DatabaseBusy) -> None:
    """Say the save waited too long; the form keeps what the editor typed."""
    st.warning(
        f"{escape_markdown(error)} Your changes are still in the form: save again in a moment.",
        icon=":material/hourglass_disabled:",
    )


def not_found(error: Exception) -> None:
    """Say a record was not found; the message may hold what the editor typed, so it is
    escaped (Streamlit renders alert text as markdown)."""
    st.warning(escape_markdown(error))


def first_loaded(slot: str, key: str, value: T) -> T:
    """`value` as this editor first loaded record `key` (kept until saved or reloaded).
    Loaded on this very run, no form has shown it yet: `shown_earlier` says so."""
    stored = st.session_state.get(slot)
    fresh = not (isinstance(stored, tuple) and stored[0] == key)
    if fresh:
        st.session_state[slot] = (key, value)
        st.session_state.pop(f"{slot}-errors", None)
        st.session_state.pop(f"{slot}-stale", None)
    st.session_state[f"{slot}-fresh"] = fresh
    return st.session_state[slot][1]  # type: ignore[no-any-return]


def forget(slot: str) -> None:
    """Load the record afresh on the next run."""
    for suffix in ("", "-errors", "-stale", "-fresh"):
        st.session_state.pop(f"{slot}{suffix}", None)


def clear_widgets(prefix: str) -> None:
    """Drop what the form's widgets hold, so they show the record as stored on the next run."""
    for name in [k for k in st.session_state if str(k).startswith(prefix)]:
        del st.session_state[name]


def shown_earlier(slot: str, widget_prefix: str) -> bool:
    """Whether the record this save would be checked against was loaded on an earlier run,
    that is, shown by the form being saved. If not — the form had not loaded the record (a
    new session, a save sent while the page was still loading) — its values cannot be
    trusted: nothing is saved, the form is reset to the stored record, and the editor told."""
    if st.session_state.get(f"{slot}-fresh") is False:
        return True
    clear_widgets(widget_prefix)
    st.session_state[f"{slot}-notice"] = (
        "Nothing was saved: the form had not finished loading the record when it was saved. "
        "It now shows the record as stored; make your change again and save."
    )
    st.rerun()
    return False  # not reached: st.rerun stops this run


def notice(slot: str) -> None:
    """What became of the last write (done, or why nothing was saved), kept across the rerun
    that followed it."""
    message = st.session_state.pop(f"{slot}-notice", None)
    if message:
        st.warning(message, icon=":material/info:")
    done = st.session_state.pop(f"{slot}-done", None)
    if done:
        st.success(done)


_WRITTEN_OUT = re.compile(r"\[(U\+[0-9A-F]{4,6})\]")


def hidden_note(value: object) -> None:
    """Under a field whose stored text holds characters that hide or reorder it — the box
    shows them as the browser does, reordered or unseen — which they are, and the text with
    each written out."""
    text = str(value or "")
    shown = visible(text)
    if shown == text:
        return
    marks = sorted(set(_WRITTEN_OUT.findall(shown)) - set(_WRITTEN_OUT.findall(text)))
    st.warning(
        f"This text holds characters that hide or reorder it ({', '.join(marks)}); the box "
        f"shows it as a browser would. Written out: {' '.join(_around_marks(shown))}",
        icon=":material/visibility:",
    )


def _around_marks(shown: str, context: int = 40, most: int = 5) -> list[str]:
    """Where the written-out characters are: a few words either side of the first few."""
    spans: list[list[int]] = []
    for mark in _WRITTEN_OUT.finditer(shown):
        start, end = max(mark.start() - context, 0), min(mark.end() + context, len(shown))
        if spans and start <= spans[-1][1]:
            spans[-1][1] = end
        else:
            spans.append([start, end])
    cut = len(shown)
    return [
        f"{'…' if start else ''}{escape_markdown(shown[start:end])}{'…' if end < cut else ''}"
        for start, end in spans[:most]
    ]


def field_error(slot: str, field: str) -> None:
    """The refused save's message about `field`, drawn right under that field."""
    errors = st.session_state.get(f"{slot}-errors")
    if isinstance(errors, dict) and errors.get(field):
        st.error(escape_markdown(errors[field]), icon=":material/error:")


def attempt(
    slot: str,
    write: Callable[[EditSession], object],
    done: str,
    *,
    clear: str | None = None,
    tell: str | None = None,
) -> None:
    """Run `write` in one transaction, after any other write (`writing`). Refused input goes
    under its fields (rerun), a stale save becomes the reload notice, anything else refused
    or a database too busy is said here; nothing is written then (and the form keeps what
    was typed). On success the record is loaded afresh, the cached views cleared, the
    widgets under `clear` emptied, and the page drawn again — so the form, its history and
    the next save start from the record as stored — with `done` said by
    `notice(tell or slot)`."""
    try:
        with writing() as db:
            write(db)
    except DatabaseBusy as error:
        busy(error)
        return
    except InvalidEdit as error:
        st.session_state[f"{slot}-errors"] = error.fields
        st.rerun()
    except StaleEdit as error:
        st.session_state[f"{slot}-stale"] = str(error)
        st.rerun()
    except (NotFound, AuthError, RevertRefused, ImportRefused) as error:
        st.error(escape_markdown(error))
        return
    forget(slot)
    data.clear()
    if clear:
        clear_widgets(clear)
    st.session_state[f"{tell or slot}-done"] = done
    st.rerun()


def stale_notice(slot: str, widget_prefix: str) -> None:
    """After a refused stale save: who changed the record and when, and a reload that drops
    this editor's copy (their typed values too) so they see the record as it is now."""
    message = st.session_state.get(f"{slot}-stale")
    if not message:
        return
    st.error(escape_markdown(message), icon=":material/sync_problem:")
    if st.button("Reload", key=f"{slot}-reload"):
        clear_widgets(widget_prefix)
        forget(slot)
        st.rerun()
