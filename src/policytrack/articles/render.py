"""The readable draft: each field with the sentence it came from (plain text, no markup)."""

from __future__ import annotations

from policytrack.articles.draft import Draft, Evidence, Fact


def _quote(evidence: Evidence | None) -> str:
    if evidence is None:
        return ""
    text = " ".join(evidence.sentence.split())
    short = text if len(text) <= 160 else text[:157] + "…"
    return f'\n      from [{evidence.start}:{evidence.end}] "{short}"'


def _line(label: str, fact: Fact[object]) -> str:
    if fact.value is None:
        return f"  {label:<12} — (not stated in the text)"
    why = f"  ({fact.why})" if fact.why else ""
    return f"  {label:<12} {fact.value}{why}{_quote(fact.evidence)}"


def describe(draft: Draft) -> str:
    """The draft as text a person reviews before saving anything."""
    lines = [f"Draft vote record ({draft.backend})", f"  vote key     {draft.vote_key() or '—'}"]
    lines += [n for n in draft.notices]
    for label in ("state", "jurisdiction", "body", "vote_date", "action", "outcome", "model"):
        lines.append(_line(label.replace("_", " "), getattr(draft, label)))
    for side in ("yes", "no", "abstain", "absent"):
        lines.append(_line(f"tally {side}", getattr(draft.tally, side)))
    lines.append("Roll call" + ("" if draft.roll_call else ": none stated"))
    for m in draft.roll_call:
        lines.append(f"  {m.member}: {m.vote}  ({m.why}){_quote(m.evidence)}")
    lines.append("Stakeholders" + ("" if draft.stakeholders else ": none found"))
    for s in draft.stakeholders:
        who = f"{s.person} — {s.name}" if s.person else s.name
        lines.append(f"  {who} [{s.kind}]: {s.stance}  ({s.why}){_quote(s.evidence)}")
    return "\n".join(lines)
