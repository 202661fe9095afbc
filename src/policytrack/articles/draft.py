"""The draft record: every field with the sentence it came from and that sentence's span.

`Draft.to_json()` gives the keys and conventions of the labelled articles' `truth` (so the
shared scorer reads it as it is); `records.py` turns a reviewed draft into the project's
input models.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from policytrack.vocab import Action, Outcome, StakeholderKind, Stance

T = TypeVar("T")
MemberOption = Literal["yes", "no", "abstain", "absent"]
MODEL_NAMES = ("Jail Enforcement Model", "Task Force Model", "Warrant Service Officer")


class Evidence(BaseModel):
    """A sentence of the article and where it is: `text[start:end] == sentence`."""

    model_config = ConfigDict(frozen=True)

    sentence: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Fact(BaseModel, Generic[T]):
    """One drafted value, the evidence for it and how it was read; None when not stated."""

    value: T | None = None
    evidence: Evidence | None = None
    why: str | None = None


class Tally(BaseModel):
    """Counts the text states (or that follow by plain arithmetic)."""

    yes: Fact[int] = Fact[int]()
    no: Fact[int] = Fact[int]()
    abstain: Fact[int] = Fact[int]()
    absent: Fact[int] = Fact[int]()


class MemberVote(BaseModel):
    """How one member voted on the drafted measure, with the sentence that says so."""

    member: str = Field(min_length=1)
    vote: MemberOption
    evidence: Evidence | None = None
    why: str | None = None


class StakeholderDraft(BaseModel):
    """A person, office, organisation or crowd and its stance toward the agreement itself."""

    name: str = Field(min_length=1)
    kind: StakeholderKind
    person: str | None = None
    stance: Stance
    evidence: Evidence | None = None
    quote: str | None = None
    why: str | None = None


class Draft(BaseModel):
    """A vote record drafted from one article; a field the text does not give is None."""

    url: str | None = None
    published: dt.date | None = None
    jurisdiction: Fact[str] = Fact[str]()
    jurisdiction_kind: Fact[str] = Fact[str]()
    state: Fact[str] = Fact[str]()
    body: Fact[str] = Fact[str]()
    vote_date: Fact[dt.date] = Fact[dt.date]()
    policy: Fact[str] = Fact[str]()
    model: Fact[str] = Fact[str]()
    action: Fact[Action] = Fact[Action]()
    outcome: Fact[Outcome] = Fact[Outcome]()
    tally: Tally = Tally()
    roll_call: list[MemberVote] = []
    stakeholders: list[StakeholderDraft] = []
    backend: str = "rules"
    notices: list[str] = []

    def vote_key(self) -> str | None:
        """`state-jurisdiction-date` as the project writes vote keys ('unk' for no date)."""
        if not self.state.value or not self.jurisdiction.value:
            return None
        place = "-".join(
            "".join(c for c in w if c.isalnum()) for w in self.jurisdiction.value.lower().split()
        )
        day = self.vote_date.value.isoformat() if self.vote_date.value else "unk"
        return f"{self.state.value.lower()}-{place}-{day}"

    def to_json(self) -> dict[str, Any]:
        """The draft with the keys and value conventions of the labelled `truth` blocks."""
        return {
            "vote_key": self.vote_key(),
            "jurisdiction": self.jurisdiction.value,
            "jurisdiction_kind": self.jurisdiction_kind.value,
            "state": self.state.value,
            "body": self.body.value,
            "vote_date": self.vote_date.value.isoformat() if self.vote_date.value else None,
            "policy": self.policy.value,
            "model": self.model.value,
            "action": str(self.action.value) if self.action.value else None,
            "outcome": str(self.outcome.value) if self.outcome.value else None,
            "tally": {k: getattr(self.tally, k).value for k in ("yes", "no", "abstain", "absent")},
            "roll_call": [{"member": m.member, "vote": m.vote} for m in self.roll_call],
            "stakeholders": [
                {
                    "name": s.name,
                    "kind": str(s.kind),
                    "person": s.person,
                    "stance": str(s.stance),
                    "evidence": s.quote or (s.evidence.sentence if s.evidence else None),
                }
                for s in self.stakeholders
            ],
        }
