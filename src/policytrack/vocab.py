"""Controlled vocabularies: every closed set of values the records use, in one place.

Values are stored as their lower-case string; labels are what pages show. Where Open Civic
Data has a vocabulary (vote options, vote results) we use its values.
"""

from __future__ import annotations

from enum import StrEnum


class JurisdictionKind(StrEnum):
    """What kind of government a jurisdiction is (OCD division types)."""

    STATE = "state"
    COUNTY = "county"  # includes parishes, boroughs and Virginia's independent cities
    PLACE = "place"  # city, town, village, township


class VoteOption(StrEnum):
    """How one member voted (Open Civic Data VOTE_OPTION_CHOICES)."""

    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"
    ABSENT = "absent"
    EXCUSED = "excused"
    NOT_VOTING = "not voting"
    PAIRED = "paired"
    OTHER = "other"


class Action(StrEnum):
    """What the measure would do to cooperation with ICE if it passed."""

    APPROVE = "approve"  # enter, ratify, renew, expand
    REJECT = "reject"  # decline or oppose entering
    RESCIND = "rescind"  # void, terminate, ban
    DEFER = "defer"  # table, postpone
    OTHER = "other"


class Outcome(StrEnum):
    """Whether the measure voted on passed (OCD VOTE_RESULT_CHOICES plus deferred/withdrawn)."""

    PASSED = "passed"
    FAILED = "failed"
    DEFERRED = "deferred"
    WITHDRAWN = "withdrawn"


class Topic(StrEnum):
    """What policy a vote concerns."""

    AGREEMENT_287G = "287g_agreement"
    ICE_COOPERATION = "ice_cooperation"  # other local cooperation with ICE, not 287(g)
    STATE_POLICY = "state_policy"  # state mandates and bans


class Stance(StrEnum):
    """A stakeholder's stance toward the agreement itself (not toward the motion)."""

    SUPPORT = "support"
    OPPOSE = "oppose"
    NEUTRAL = "neutral"
    MIXED = "mixed"


class StakeholderKind(StrEnum):
    """What kind of organisation or person a stakeholder is."""

    ELECTED_OFFICIAL = "elected_official"
    GOVERNMENT_AGENCY = "government_agency"
    LAW_ENFORCEMENT = "law_enforcement"
    FEDERAL_GOVERNMENT = "federal_government"
    ADVOCACY_ORG = "advocacy_org"
    UNION = "union"
    RESIDENT = "resident"
    PARTY = "party"
    OTHER = "other"


class Model287g(StrEnum):
    """The 287(g) model of an agreement, as ICE names them."""

    JAIL_ENFORCEMENT = "jail_enforcement"
    TASK_FORCE = "task_force"
    WARRANT_SERVICE_OFFICER = "warrant_service_officer"
    UNKNOWN = "unknown"


class AgreementStatus(StrEnum):
    """Where an agreement stands on ICE's lists."""

    ACTIVE = "active"
    PENDING = "pending"
    SUPERSEDED = "superseded"
    REMOVED = "removed"  # no longer on the newest list; never deleted
    TERMINATED = "terminated"


class Confidence(StrEnum):
    """How well the sources establish a record."""

    HIGH = "high"  # explicit in a source, or two sources agree
    MEDIUM = "medium"
    LOW = "low"


class ListKind(StrEnum):
    """Which of ICE's two lists an agreement was last seen on."""

    PARTICIPATING = "participating"
    PENDING = "pending"


class AgreementChangeKind(StrEnum):
    """What changed for an agreement between two of ICE's lists."""

    ADDED = "added"
    REMOVED = "removed"
    RENAMED = "renamed"
    REDATED = "redated"
    SIGNED = "signed"
    RELABELLED = "relabelled"
    STATUS = "status"


# The one vocabulary of labels: every page, chart and download for people shows these; codes
# appear only where a machine reads them (CLI exports, Open Civic Data, backups, record JSON),
# and the codebook on Data & about pairs them. A code means the same in every vocabulary it
# appears in ("other", "pending"), so one table serves them all.
LABELS: dict[str, str] = {
    # topics
    Topic.AGREEMENT_287G: "287(g) agreement",
    Topic.ICE_COOPERATION: "Other ICE cooperation",
    Topic.STATE_POLICY: "State law",
    # 287(g) models, as ICE names them
    Model287g.JAIL_ENFORCEMENT: "Jail Enforcement Model",
    Model287g.TASK_FORCE: "Task Force Model",
    Model287g.WARRANT_SERVICE_OFFICER: "Warrant Service Officer",
    Model287g.UNKNOWN: "Not reported",
    # jurisdiction kinds
    JurisdictionKind.PLACE: "City / town",
    # agreement statuses and lists
    AgreementStatus.REMOVED: "Removed from ICE's list",
    AgreementChangeKind.ADDED: "Added to a list",
    AgreementChangeKind.RENAMED: "Agency renamed",
    AgreementChangeKind.REDATED: "Signing date changed",
    AgreementChangeKind.SIGNED: "Signing date given",
    AgreementChangeKind.RELABELLED: "Model changed",
    AgreementChangeKind.STATUS: "Status changed",
    # stakeholders
    StakeholderKind.ADVOCACY_ORG: "Advocacy organisation",
}
VOCABULARIES: tuple[type[StrEnum], ...] = (
    JurisdictionKind, VoteOption, Action, Outcome, Topic, Stance, StakeholderKind, Model287g,
    AgreementStatus, Confidence, ListKind, AgreementChangeKind,
)  # fmt: skip
CODES = frozenset(str(member) for vocabulary in VOCABULARIES for member in vocabulary)
MODEL_LABELS: dict[Model287g, str] = {model: LABELS[model] for model in Model287g}

_MODEL_ALIASES: dict[str, Model287g] = {
    "jail enforcement model": Model287g.JAIL_ENFORCEMENT,
    "jail enforcement": Model287g.JAIL_ENFORCEMENT,
    "jem": Model287g.JAIL_ENFORCEMENT,
    "task force model": Model287g.TASK_FORCE,
    "task force": Model287g.TASK_FORCE,
    "tfm": Model287g.TASK_FORCE,
    "warrant service officer": Model287g.WARRANT_SERVICE_OFFICER,
    "warrant service officer model": Model287g.WARRANT_SERVICE_OFFICER,
    "wso": Model287g.WARRANT_SERVICE_OFFICER,
}

_KIND_ALIASES: dict[str, JurisdictionKind] = {
    "state": JurisdictionKind.STATE,
    "county": JurisdictionKind.COUNTY,
    "parish": JurisdictionKind.COUNTY,
    "borough": JurisdictionKind.COUNTY,
    "independent city": JurisdictionKind.COUNTY,
    "place": JurisdictionKind.PLACE,
    "city": JurisdictionKind.PLACE,
    "town": JurisdictionKind.PLACE,
    "village": JurisdictionKind.PLACE,
    "township": JurisdictionKind.PLACE,
    "municipality": JurisdictionKind.PLACE,
}


def parse_model(text: str | None) -> Model287g | None:
    """Read a 287(g) model as people write it; blank means not reported, unknown text None."""
    key = " ".join((text or "").split()).lower()
    if not key:
        return Model287g.UNKNOWN
    if key in Model287g.__members__.values():
        return Model287g(key)
    return _MODEL_ALIASES.get(key)


def parse_jurisdiction_kind(text: str) -> JurisdictionKind | None:
    """Read a jurisdiction kind (`city`, `county`, `parish`, …); unknown text gives None."""
    return _KIND_ALIASES.get(" ".join(text.split()).lower())


def label(value: object) -> str:
    """The label people read for a code ("task_force" → "Task Force Model"); text that is no
    code comes back as it is."""
    text = str(value)
    if text not in CODES:
        return text
    return LABELS.get(text) or text.replace("_", " ").capitalize()


def parse_label(text: str, vocabulary: type[StrEnum]) -> StrEnum | None:
    """A vocabulary value from its code or its label, in any case ("Approve", "approve",
    "task force model"); None when it is neither."""
    wanted = " ".join(text.split()).casefold()
    for member in vocabulary:
        if wanted in (str(member).casefold(), label(member).casefold()):
            return member
    return None


# Coded fields of the records, in the codebook's order: (field, vocabulary, what it says).
CODEBOOK: tuple[tuple[str, type[StrEnum], str], ...] = (
    ("topic", Topic, "what policy a vote concerns"),
    ("action", Action, "what the measure would do to cooperation with ICE if it passed"),
    ("outcome", Outcome, "whether the measure passed"),
    ("model", Model287g, "the 287(g) model of a vote or an agreement"),
    ("jurisdiction_kind", JurisdictionKind, "what kind of government voted"),
    ("confidence", Confidence, "how well the sources establish a vote"),
    ("status", AgreementStatus, "where an agreement stands on ICE's lists"),
    ("list_kind", ListKind, "which of ICE's lists an agreement was last seen on"),
    ("option", VoteOption, "how one member voted (roll call)"),
    ("stance", Stance, "a stakeholder's stance toward the agreement"),
    ("stakeholder_kind", StakeholderKind, "what kind of organisation or person"),
    ("change", AgreementChangeKind, "what changed for an agreement between ICE's lists"),
)


def codebook() -> list[dict[str, str]]:
    """Every code with its label and field: the key to the machine formats."""
    return [
        {"field": field, "code": str(member), "label": label(member), "meaning": meaning}
        for field, vocabulary, meaning in CODEBOOK
        for member in vocabulary
    ]
