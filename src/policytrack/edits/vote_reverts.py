"""Reverting a change to a vote (planned by `edits.reverts`): undo one change and keep the
later ones, or restore the vote to how it was before a change. The fields go back through
`votes.save_vote`, so a revert is validated, version-checked and audited like a save."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from policytrack.auth import Editor, require
from policytrack.edits import audit
from policytrack.edits.guards import claim_version
from policytrack.edits.refusals import NotFound, validated
from policytrack.edits.reverts import RevertPlan, Values, doable, plan
from policytrack.edits.votes import VOTE, save_vote, stored_vote, vote_as_input
from policytrack.models import Source, VoteEvent
from policytrack.schemas import SourceIn, VoteEventIn


def vote_now(session: Session, key: str) -> Values:
    """The vote as it is stored, as the audit log snapshots it (retired or not included)."""
    item, _ = vote_as_input(session, key)
    return {**item.model_dump(mode="json"), "retired": stored_vote(session, key).retired}


def vote_revert_plan(session: Session, entry_id: int, restore: bool = False) -> RevertPlan:
    """What undoing change `entry_id` to a vote (or restoring the vote to before it) would
    write, field by field; its `refusal` says why it cannot be done."""
    entry = audit.change_to_revert(session, entry_id, VOTE)
    return plan(session, VOTE, entry_id, vote_now(session, entry.record_key), restore)


def revert_vote(
    session: Session,
    editor: Editor | None,
    entry_id: int,
    expected_version: int,
    *,
    restore: bool = False,
) -> VoteEvent:
    """Undo change `entry_id` keeping later changes (or restore to before it); RevertRefused
    if that would throw later work away, StaleEdit if the vote moved on from
    `expected_version`. Itself an audited change."""
    who = require(editor)
    found = doable(vote_revert_plan(session, entry_id, restore))
    targets = found.targets
    retired = targets.pop("retired", None)
    vote = stored_vote(session, found.record_key)
    if not targets:
        return _set_retired(session, who, vote, expected_version, bool(retired), found.note)
    item, _ = vote_as_input(session, vote.key)
    values = item.model_dump(mode="json") | _writable(session, targets)
    vote = save_vote(session, who, validated(VoteEventIn, values), expected_version)
    session.flush()
    entry = audit.changes(session, VOTE, [vote.key])[0]  # the stored entry: it is relabelled
    audit.mark_revert(entry, entry_id, found.note)
    if retired is not None:  # one change, one entry: the retirement goes in the same one
        vote.retired = retired
        entry.before = {**(entry.before or {}), "retired": not retired}
        entry.after = {**(entry.after or {}), "retired": retired}
    return vote


def _set_retired(
    session: Session, who: Editor, vote: VoteEvent, expected: int, retired: bool, note: str
) -> VoteEvent:
    assert vote.id is not None
    claim_version(session, VoteEvent, vote.id, expected, who, (VOTE, vote.key))
    session.refresh(vote)
    vote.retired = retired
    action = "retire" if retired else "restore"
    audit.record(session, who, action, VOTE, vote.key, vote.version, {"retired": not retired},
                 {"retired": retired}, note)  # fmt: skip
    return vote


def _writable(session: Session, targets: Values) -> Values:
    """Planned values as a vote's fields take them: sources by key become the stored
    sources (their titles as they are now), roll-call lines become members' votes."""
    values = dict(targets)
    if "sources" in values:
        keys = list(values["sources"])
        stored = {s.key: s for s in session.exec(select(Source).where(col(Source.key).in_(keys)))}
        missing = [k for k in keys if k not in stored]
        if missing:
            raise NotFound(f"the sources {missing} of the earlier version are gone")
        values["sources"] = [_source(stored[k]) for k in keys]
    if "roll_call" in values:
        values["roll_call"] = [_member(line) for line in values["roll_call"]]
    return values


def _source(source: Source) -> dict[str, Any]:
    return SourceIn.model_validate(source, from_attributes=True).model_dump(mode="json")


def _member(line: str) -> dict[str, str]:
    name, _, option = line.rpartition(": ")
    return {"voter_name": name, "option": option}
