"""What changed: on ICE's lists (by list date: agreements added, removed, renamed, re-dated,
relabelled, moved from pending to active) and in our votes (added, edited). One read for the
Changes page, the Atom feed (`policytrack.feed`) and the `changes` command.

Changes on the first list of its kind on record are marked `first_list`: there was nothing
earlier to compare with, so "added" there means "on the list when we started", not "added by
ICE that day". Every change has a natural `id` that stays the same however often it is read
(the feed's entry ids).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

import sqlalchemy as sa
from sqlmodel import Session, col, select

from policytrack.filters import Filters, agreement_conditions, vote_conditions
from policytrack.models import (
    Agency,
    Agreement,
    AgreementChange,
    AuditEntry,
    Body,
    Jurisdiction,
    OfficialList,
    VoteEvent,
)
from policytrack.vocab import MODEL_LABELS, Model287g, label

RecordKind = Literal["agreement", "vote"]
VOTE_ADDED, VOTE_EDITED = "vote_added", "vote_edited"
VOTE_RECORD = "vote_event"  # the audit log's record type for votes
_EDITS = ("update", "revert", "restore")  # audited actions that change a live vote


@dataclass(frozen=True)
class Change:
    """One change, as every reader of changes shows it."""

    id: str  # natural key, stable across reads: what the feed's entry ids are made of
    record: RecordKind  # the record page it links to: record?agreement=… or record?vote=…
    key: str  # the record's key
    change: str  # added removed renamed redated signed relabelled status | vote_added vote_edited
    on: dt.date  # the list's date (ICE) or the day of the change (UTC)
    at: dt.datetime  # when, in UTC: midnight of the list's date for ICE's changes
    state: str
    name: str  # the agency as last listed, or the vote's body and place
    model: str
    before: str | None
    after: str | None
    source: str  # where it was seen: `ICE participating list of 2025-07-18`, `update by ann`
    list_kind: str | None = None  # participating | pending: the ICE list (None for votes)
    first_list: bool = False  # on the first list of its kind on record

    @property
    def summary(self) -> str:
        """The change in words (`renamed: A → B`, `moved from pending to active`)."""
        return describe(self)

    def as_dict(self) -> dict[str, Any]:
        """A plain record for JSON and CSV (dates as ISO 8601), the summary included."""
        record = {**asdict(self), "summary": self.summary}
        return {**record, "on": self.on.isoformat(), "at": self.at.isoformat()}


@dataclass(frozen=True)
class ListCount:
    """How many changes of each kind one of ICE's lists brought (that the filters select)."""

    on: dt.date  # the list's date
    list_kind: str  # participating | pending
    first_list: bool  # the first list of its kind on record: all of it is "added"
    counts: dict[str, int]  # change → how many

    @property
    def source(self) -> str:
        """The list in words, as `Change.source` names it."""
        return f"ICE {self.list_kind} list of {self.on.isoformat()}"


def change_list(
    session: Session,
    filters: Filters | None = None,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int | None = None,
    votes: bool = True,
    first_lists: bool = True,
) -> list[Change]:
    """Changes newest first, at most `limit`. `filters` select the records (state, model,
    kind, search; topic, action and outcome select votes only); their dates and
    `since`/`until` bound the day of the change, not the vote or signing date. Without
    `first_lists`, what the first list of each kind had is left out (`list_counts` counts it)."""
    filters = filters or Filters()
    window = _window(filters, since, until)
    found = _agreement_changes(session, filters, window, limit, first_lists)
    if votes:
        found += _votes_added(session, filters, window, limit)
        found += _votes_edited(session, filters, window, limit)
    found.sort(key=lambda c: (c.at, c.id), reverse=True)
    return found[:limit] if limit is not None else found


def list_counts(
    session: Session,
    filters: Filters | None = None,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[ListCount]:
    """Changes counted by ICE list and kind of change, newest list first (counted in SQL)."""
    filters = filters or Filters()
    window = _window(filters, since, until)
    statement: Any = (
        sa.select(
            col(OfficialList.id),
            col(OfficialList.as_of),
            col(OfficialList.kind),
            col(AgreementChange.change),
            sa.func.count(),
        )
        .join(OfficialList, col(OfficialList.id) == col(AgreementChange.official_list_id))
        .join(Agreement, col(Agreement.id) == col(AgreementChange.agreement_id))
        .where(*agreement_conditions(_record_filters(filters).for_agreements()))
        .where(*window.on_day(AgreementChange.as_of))
        .group_by(col(OfficialList.id), col(OfficialList.as_of), col(OfficialList.kind))
        .group_by(col(AgreementChange.change))
    )
    firsts = _first_lists(session)
    counted: dict[tuple[dt.date, int, str], dict[str, int]] = {}
    for list_id, as_of, kind, change, n in session.execute(statement):
        counted.setdefault((as_of, list_id, kind), {})[change] = int(n)
    return [
        ListCount(as_of, kind, list_id in firsts, dict(sorted(counts.items())))
        for (as_of, list_id, kind), counts in sorted(counted.items(), reverse=True)
    ]


def _window(filters: Filters, since: dt.date | None, until: dt.date | None) -> _Window:
    """The days of change: the filters' dates and the explicit bounds, the narrower."""
    return _Window(
        max(filter(None, [since, filters.date_from]), default=None),
        min(filter(None, [until, filters.date_to]), default=None),
    )


@dataclass(frozen=True)
class _Window:
    since: dt.date | None
    until: dt.date | None

    def on_day(self, column: Any) -> list[sa.ColumnElement[bool]]:
        """Conditions on a date column."""
        conditions = []
        if self.since:
            conditions.append(col(column) >= self.since)
        if self.until:
            conditions.append(col(column) <= self.until)
        return conditions

    def on_time(self, column: Any) -> list[sa.ColumnElement[bool]]:
        """Conditions on a UTC timestamp column (whole days)."""
        conditions = []
        if self.since:
            conditions.append(col(column) >= _midnight(self.since))
        if self.until:
            conditions.append(col(column) < _midnight(self.until + dt.timedelta(days=1)))
        return conditions


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def _record_filters(filters: Filters) -> Filters:
    """The filters that select records; the dates bound the changes instead."""
    return replace(filters, date_from=None, date_to=None)


def _agreement_changes(
    session: Session, filters: Filters, window: _Window, limit: int | None, first_lists: bool
) -> list[Change]:
    firsts = _first_lists(session)
    statement: Any = (
        sa.select(
            col(AgreementChange.as_of),
            col(AgreementChange.change),
            col(AgreementChange.before),
            col(AgreementChange.after),
            col(Agreement.key),
            col(Agreement.state),
            col(Agreement.model),
            col(Agency.name),
            col(OfficialList.id).label("list_id"),
            col(OfficialList.kind).label("list_kind"),
            col(OfficialList.sha256),
        )
        .join(Agreement, col(Agreement.id) == col(AgreementChange.agreement_id))
        .join(Agency, col(Agency.id) == col(Agreement.agency_id))
        .join(OfficialList, col(OfficialList.id) == col(AgreementChange.official_list_id))
        .where(*agreement_conditions(_record_filters(filters).for_agreements()))
        .where(*window.on_day(AgreementChange.as_of))
        .order_by(col(AgreementChange.as_of).desc(), col(AgreementChange.id).desc())
    )
    if not first_lists and firsts:
        statement = statement.where(col(OfficialList.id).not_in(firsts))
    if limit is not None:
        statement = statement.limit(limit)
    return [_agreement_change(row, row.list_id in firsts) for row in session.execute(statement)]


def _first_lists(session: Session) -> set[int]:
    """The first list of each kind on record (by list date, then import)."""
    statement = select(OfficialList.id, OfficialList.kind).order_by(
        col(OfficialList.as_of), col(OfficialList.id)
    )
    first: dict[str, int | None] = {}
    for list_id, kind in session.exec(statement):
        first.setdefault(kind, list_id)
    return {list_id for list_id in first.values() if list_id is not None}


def _agreement_change(row: Any, first_list: bool) -> Change:
    source = f"ICE {row.list_kind} list of {row.as_of.isoformat()}"
    list_id = f"{row.list_kind}-{row.as_of.isoformat()}-{row.sha256[:12]}"
    return Change(
        id=f"agreement/{row.key}/{row.change}/{list_id}",
        record="agreement",
        key=row.key,
        change=row.change,
        on=row.as_of,
        at=_midnight(row.as_of),
        state=row.state,
        name=row.name,
        model=str(row.model),
        before=row.before,
        after=row.after,
        source=source,
        list_kind=row.list_kind,
        first_list=first_list,
    )


def _vote_base(filters: Filters) -> Any:
    return (
        sa.select(
            col(VoteEvent.key),
            col(VoteEvent.state),
            col(VoteEvent.model),
            col(VoteEvent.vote_date),
            col(VoteEvent.motion_text),
            col(Jurisdiction.name).label("place"),
            col(Body.name).label("body"),
        )
        .join(Jurisdiction, col(Jurisdiction.id) == col(VoteEvent.jurisdiction_id))
        .join(Body, col(Body.id) == col(VoteEvent.body_id))
        .where(*vote_conditions(_record_filters(filters)))
    )


def _votes_added(
    session: Session, filters: Filters, window: _Window, limit: int | None
) -> list[Change]:
    statement = (
        _vote_base(filters)
        .add_columns(col(VoteEvent.created_at).label("at"))
        .where(col(VoteEvent.created_at).is_not(None), *window.on_time(VoteEvent.created_at))
        .order_by(col(VoteEvent.created_at).desc(), col(VoteEvent.key))
    )
    if limit is not None:
        statement = statement.limit(limit)
    return [_vote_change(row, VOTE_ADDED, "policytrack") for row in session.execute(statement)]


def _votes_edited(
    session: Session, filters: Filters, window: _Window, limit: int | None
) -> list[Change]:
    statement = (
        _vote_base(filters)
        .add_columns(
            col(AuditEntry.at), col(AuditEntry.user_name), col(AuditEntry.action).label("action")
        )
        .join(
            AuditEntry,
            sa.and_(
                col(AuditEntry.record_type) == VOTE_RECORD,
                col(AuditEntry.record_key) == col(VoteEvent.key),
            ),
        )
        .where(col(AuditEntry.action).in_(_EDITS), *window.on_time(AuditEntry.at))
        .order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc())
    )
    if limit is not None:
        statement = statement.limit(limit)
    return [
        _vote_change(row, VOTE_EDITED, f"{row.action} by {row.user_name}")
        for row in session.execute(statement)
    ]


def _vote_change(row: Any, change: str, how: str) -> Change:
    at = row.at if row.at.tzinfo else row.at.replace(tzinfo=dt.UTC)
    at = at.astimezone(dt.UTC)
    day = row.vote_date.isoformat() if row.vote_date else "undated"
    # A vote is added once; it may be edited many times, each at its own moment.
    moment = "" if change == VOTE_ADDED else f"/{at.strftime('%Y%m%dT%H%M%S.%fZ')}"
    return Change(
        id=f"vote/{row.key}/{change}{moment}",
        record="vote",
        key=row.key,
        change=change,
        on=at.date(),
        at=at,
        state=row.state,
        name=f"{row.place} {row.body}, vote of {day}",
        model=str(row.model),
        before=None,
        after=row.motion_text,
        source=how,
    )


_STATUS_WORDS = {
    ("pending", "active"): "moved from pending to active",
    ("removed", "active"): "back on the participating list",
    ("removed", "pending"): "back on the pending list",
}


def describe(change: Change) -> str:
    """A change in words, for people (the feed's titles, the command's lines)."""
    before, after = change.before or "—", change.after or "—"
    kind = change.list_kind or "participating"
    words = {
        "added": (
            f"on ICE's {kind} list (the first list on record)"
            if change.first_list
            else f"added to ICE's {kind} list"
        ),
        "removed": f"no longer on ICE's {kind} list",
        "renamed": f"agency renamed: {before} → {after}",
        "redated": f"signing date changed: {before} → {after}",
        "signed": f"signing date given: {after}",
        "relabelled": f"model changed: {_model(before)} → {_model(after)}",
        "status": _STATUS_WORDS.get(
            (change.before or "", change.after or ""), f"status: {before} → {after}"
        ),
        VOTE_ADDED: "vote added",
        VOTE_EDITED: f"vote edited ({change.source})",
    }
    return words.get(change.change, f"{change.change}: {before} → {after}")


def _model(value: str) -> str:
    try:
        return MODEL_LABELS[Model287g(value)]
    except ValueError:
        return value


def agreement_changes(session: Session, since: dt.date | None = None) -> list[dict[str, Any]]:
    """What changed between official lists (added, removed, renamed, …), oldest first, as
    plain records (the `changes` command's JSON before votes were added to it)."""
    changes = reversed(change_list(session, since=since, votes=False))
    return [
        {
            "as_of": c.on,
            "change": c.change,
            "agreement": c.key,
            "state": c.state,
            "agency": c.name,
            "model": c.model,
            "before": c.before,
            "after": c.after,
        }
        for c in changes
    ]


# ── for the Changes page ────────────────────────────────────────────────────────────────

VOTE_CHANGE_LABELS = {VOTE_ADDED: "Vote added", VOTE_EDITED: "Vote edited"}


def change_label(code: str) -> str:
    """The label people read for a kind of change (the vocabulary's, votes' own here)."""
    return VOTE_CHANGE_LABELS.get(code) or label(code)


def vote_counts(
    session: Session,
    filters: Filters | None = None,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> dict[str, int]:
    """How many votes were added and how many edits were made (that the filters select),
    counted in SQL: `{vote_added: n, vote_edited: m}`."""
    filters = filters or Filters()
    window = _window(filters, since, until)
    added = (
        sa.select(sa.func.count())
        .select_from(VoteEvent)
        .where(*vote_conditions(_record_filters(filters)))
        .where(col(VoteEvent.created_at).is_not(None), *window.on_time(VoteEvent.created_at))
    )
    edited = (
        sa.select(sa.func.count())
        .select_from(VoteEvent)
        .join(
            AuditEntry,
            sa.and_(
                col(AuditEntry.record_type) == VOTE_RECORD,
                col(AuditEntry.record_key) == col(VoteEvent.key),
            ),
        )
        .where(*vote_conditions(_record_filters(filters)))
        .where(col(AuditEntry.action).in_(_EDITS), *window.on_time(AuditEntry.at))
    )
    return {
        VOTE_ADDED: int(session.execute(added).scalar_one()),
        VOTE_EDITED: int(session.execute(edited).scalar_one()),
    }


def change_records(
    session: Session, filters: Filters | None = None, *, first_lists: bool = True
) -> Iterator[dict[str, Any]]:
    """Every change the filters select, newest first, as plain records (`Change.as_dict`)
    with the kind's label: the Changes page's download."""
    for change in change_list(session, filters, first_lists=first_lists):
        yield {**change.as_dict(), "change_label": change_label(change.change)}
