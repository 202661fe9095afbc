"""Tables of the record store (SQLModel). Alembic owns the schema: see `migrations/`.

Every entity has an integer primary key for joins and a unique natural `key` so that loading
the same data twice changes nothing. VoteEvent, Agreement and Position must cite at least one
Source: `db.py` refuses a flush that would write one without.
"""

import datetime as dt

from sqlalchemy import JSON, Column, Index, String, UniqueConstraint
from sqlmodel import Field, Relationship, SQLModel

from policytrack.vocab import (
    Action,
    AgreementStatus,
    Confidence,
    JurisdictionKind,
    Model287g,
    Outcome,
    StakeholderKind,
    Stance,
    Topic,
    VoteOption,
)


def utc_now() -> dt.datetime:
    """The time now, in UTC: every stored timestamp (defaults, versions, sign-in throttles)."""
    return dt.datetime.now(dt.UTC)


# Vocabularies are stored as their plain string values (not database enum types), so
# filters read like the data and a new value needs no type migration.
VOCAB = String(32)


class VoteEventSource(SQLModel, table=True):
    """Which sources a vote event cites."""

    __tablename__ = "vote_event_source"
    # The votes citing a source, from the source's side: a search of source titles and URLs
    # (policytrack.vote_search) otherwise read every citation (migration 0016).
    __table_args__ = (Index("ix_vote_event_source_source", "source_id", "vote_event_id"),)
    # Removing a vote (only tests ever do) drops its citations; a cited source cannot go.
    vote_event_id: int = Field(foreign_key="vote_event.id", primary_key=True, ondelete="CASCADE")
    source_id: int = Field(foreign_key="source.id", primary_key=True, ondelete="RESTRICT")


class AgreementSource(SQLModel, table=True):
    """Which sources an agreement cites."""

    __tablename__ = "agreement_source"
    agreement_id: int = Field(foreign_key="agreement.id", primary_key=True, ondelete="CASCADE")
    source_id: int = Field(foreign_key="source.id", primary_key=True, ondelete="RESTRICT")


class PositionSource(SQLModel, table=True):
    """Which sources a position cites."""

    __tablename__ = "position_source"
    # The positions citing a source (the shared search, as for votes above; migration 0016).
    __table_args__ = (Index("ix_position_source_source", "source_id", "position_id"),)
    position_id: int = Field(foreign_key="position.id", primary_key=True, ondelete="CASCADE")
    source_id: int = Field(foreign_key="source.id", primary_key=True, ondelete="RESTRICT")


class Source(SQLModel, table=True):
    """A published document a fact comes from: a URL (http/https only) or a citation."""

    __tablename__ = "source"
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, index=True)  # the URL, or `article:…` for URL-less citations
    url: str | None = None
    publisher: str | None = None
    title: str | None = None
    author: str | None = None
    published_on: dt.date | None = None
    accessed_on: dt.date | None = None
    citation: str | None = None  # how to cite a source that has no URL


class Jurisdiction(SQLModel, table=True):
    """A government: a state, a county (or equivalent) or a place."""

    __tablename__ = "jurisdiction"
    id: int | None = Field(default=None, primary_key=True)
    ocd_id: str = Field(unique=True, index=True)
    name: str
    kind: JurisdictionKind = Field(sa_type=VOCAB)
    state: str = Field(index=True, max_length=2)
    fips: str | None = None  # state 2, county 5, place GEOID 7 digits where known
    county_fips: str | None = None  # for places: the county they lie in
    lat: float | None = None
    lon: float | None = None


class PlaceLookup(SQLModel, table=True):
    """One question to the online geocoder (off unless POLICYTRACK_GEOCODER=nominatim) and
    its answer, found or not: asked once, kept with its source, and reviewed by an editor
    before anyone relies on it. Places the offline gazetteer knows are never asked."""

    __tablename__ = "place_lookup"
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, index=True)  # state|place|county, folded: one question once
    state: str = Field(max_length=2)
    name: str  # the place asked for, as the input wrote it
    county: str | None = None  # the county the input gave, if any
    service: str = Field(sa_type=VOCAB)  # nominatim
    url: str  # the request as sent: the answer's source
    asked_at: dt.datetime = Field(default_factory=utc_now)
    found: bool
    lat: float | None = None
    lon: float | None = None
    address: str | None = None  # the service's name for what it found
    answer: dict[str, object] | None = Field(default=None, sa_column=Column(JSON))
    review: str = Field(default="unreviewed", sa_type=VOCAB, index=True)  # accepted | rejected
    reviewed_by: str | None = None
    reviewed_at: dt.datetime | None = None


class Body(SQLModel, table=True):
    """Who votes: a council, commission, board or chamber of a jurisdiction."""

    __tablename__ = "body"
    __table_args__ = (UniqueConstraint("jurisdiction_id", "name"),)
    id: int | None = Field(default=None, primary_key=True)
    # A body belongs to its government; a jurisdiction with bodies cannot be removed.
    jurisdiction_id: int = Field(foreign_key="jurisdiction.id", index=True, ondelete="RESTRICT")
    name: str
    seats: int | None = None


class Agency(SQLModel, table=True):
    """A law-enforcement agency (sheriff, police department, state agency)."""

    __tablename__ = "agency"
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, index=True)  # state code + normalised name
    name: str
    state: str = Field(index=True, max_length=2)
    kind: str | None = None  # as the source types it: County, Municipality, State Agency
    # An agency outlives a jurisdiction record being merged away: keep it, unlinked.
    jurisdiction_id: int | None = Field(
        default=None, foreign_key="jurisdiction.id", index=True, ondelete="SET NULL"
    )


class Agreement(SQLModel, table=True):
    """One 287(g) instrument between ICE and an agency."""

    __tablename__ = "agreement"
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, index=True)
    # Agreements are facts about an agency; an agency with agreements cannot be removed.
    agency_id: int = Field(foreign_key="agency.id", index=True, ondelete="RESTRICT")
    state: str = Field(index=True, max_length=2)
    model: Model287g = Field(sa_type=VOCAB, index=True)
    signed_on: dt.date | None = Field(default=None, index=True)
    status: AgreementStatus = Field(sa_type=VOCAB, index=True)
    list_kind: str = Field(default="participating", sa_type=VOCAB)  # the list it was last on
    moa_url: str | None = None
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None
    notes: str | None = None
    version: int = 1
    updated_at: dt.datetime = Field(default_factory=utc_now)
    sources: list[Source] = Relationship(link_model=AgreementSource)


class OfficialList(SQLModel, table=True):
    """One imported copy of an official list (ICE's participating or pending 287(g) list)."""

    __tablename__ = "official_list"
    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(sa_type=VOCAB, index=True)  # participating | pending
    as_of: dt.date = Field(index=True)
    as_of_source: str = Field(sa_type=VOCAB)  # option | file name | today
    file_name: str
    sha256: str = Field(unique=True, index=True)  # the same file twice is one list
    rows: int
    imported_at: dt.datetime = Field(default_factory=utc_now)
    # The Source every agreement seen on this list cites.
    source_id: int = Field(foreign_key="source.id", ondelete="RESTRICT")


class AgreementSighting(SQLModel, table=True):
    """An agreement as one list printed it: the raw row, kept for history and review."""

    __tablename__ = "agreement_sighting"
    __table_args__ = (UniqueConstraint("official_list_id", "row"),)
    id: int | None = Field(default=None, primary_key=True)
    # Sightings are the history of their agreement and list: they go with either.
    agreement_id: int = Field(foreign_key="agreement.id", index=True, ondelete="CASCADE")
    official_list_id: int = Field(foreign_key="official_list.id", index=True, ondelete="CASCADE")
    row: int
    agency: str
    agency_type: str | None = None
    county: str | None = None
    model_text: str | None = None
    signed_on: dt.date | None = None
    signed_text: str | None = None
    moa_url: str | None = None


class AgreementChange(SQLModel, table=True):
    """What changed for an agreement between lists: added, removed, renamed, re-dated, …"""

    __tablename__ = "agreement_change"
    id: int | None = Field(default=None, primary_key=True)
    agreement_id: int = Field(foreign_key="agreement.id", index=True, ondelete="CASCADE")
    official_list_id: int = Field(foreign_key="official_list.id", index=True, ondelete="CASCADE")
    as_of: dt.date = Field(index=True)
    change: str = Field(sa_type=VOCAB, index=True)
    before: str | None = None
    after: str | None = None


class ImportNote(SQLModel, table=True):
    """One line of an import report: a row that was corrected, unresolved or doubtful."""

    __tablename__ = "import_note"
    id: int | None = Field(default=None, primary_key=True)
    official_list_id: int = Field(foreign_key="official_list.id", index=True, ondelete="CASCADE")
    row: int | None = None
    field: str
    value: str
    category: str = Field(sa_type=VOCAB, index=True)  # corrected | unresolved | doubtful | …
    message: str


class VoteEvent(SQLModel, table=True):
    """A body's vote on a measure, with its tally, roll call and sources."""

    __tablename__ = "vote_event"
    # Every page reads live (not retired) votes, filters by state and dates, then groups by
    # month or outcome: leading with `retired` keeps those reads on covering indexes
    # (measured at 1M votes: a count by state 4.3 s without, 0.19 s with).
    __table_args__ = (
        Index("ix_vote_event_live_state_date", "retired", "state", "vote_date"),
        Index("ix_vote_event_live_state_outcome", "retired", "state", "outcome"),
        # Per-place markers (counts, outcomes, newest vote of each place), nationally and
        # within states; at 1M votes 13.8 s -> 1.5 s unfiltered, 0.6 s -> 0.03 s for a state.
        # The trailing filter columns keep a topic, action, model or kind filter on these
        # indexes too (markers at 1M votes 2 s -> 0.3 s with a topic filter; migration 0010).
        Index(
            "ix_vote_event_live_place_date",
            "retired",
            "jurisdiction_id",
            "vote_date",
            "outcome",
            "topic",
            "action",
            "model",
            "jurisdiction_kind",
            "state",
        ),
        # The newest votes first (tables list the newest 500): 4 s -> 0.1 s at 1M votes.
        Index("ix_vote_event_live_date_key", "retired", "vote_date", "key"),
        # The votes added most recently (the Changes page and the Atom feed; migration 0019).
        Index("ix_vote_event_live_created", "retired", "created_at"),
        Index(
            "ix_vote_event_live_state_place",
            "retired",
            "state",
            "jurisdiction_id",
            "vote_date",
            "outcome",
            "topic",
            "action",
            "model",
            "jurisdiction_kind",
        ),
        # Counts by month (Timeline): a stored month keeps GROUP BY on covering indexes that
        # stream in order (at 1M votes 0.6-1.8 s -> 0.1 s a chart); every filter column is
        # carried so that a topic, action, model or kind filter reads no row (1.6 s -> 0.07 s).
        Index(
            "ix_vote_event_live_month_outcome",
            "retired",
            "vote_month",
            "outcome",
            "state",
            "topic",
            "action",
            "model",
            "jurisdiction_kind",
            "vote_date",
        ),
        Index(
            "ix_vote_event_live_month_state",
            "retired",
            "vote_month",
            "state",
            "outcome",
            "topic",
            "action",
            "model",
            "jurisdiction_kind",
            "vote_date",
        ),
        Index(
            "ix_vote_event_live_month_model",
            "retired",
            "vote_month",
            "model",
            "state",
            "outcome",
            "topic",
            "action",
            "jurisdiction_kind",
            "vote_date",
        ),
        Index(
            "ix_vote_event_live_outcome_month",
            "retired",
            "outcome",
            "vote_month",
            "action",
            "state",
            "topic",
            "model",
            "jurisdiction_kind",
            "vote_date",
        ),
        Index(
            "ix_vote_event_live_state_month",
            "retired",
            "state",
            "vote_month",
            "outcome",
            "action",
            "topic",
            "model",
            "jurisdiction_kind",
            "vote_date",
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, index=True)
    jurisdiction_id: int = Field(foreign_key="jurisdiction.id", index=True, ondelete="RESTRICT")
    body_id: int = Field(foreign_key="body.id", index=True, ondelete="RESTRICT")
    # The agreement a vote concerns; if that agreement record goes the vote stays, unlinked.
    agreement_id: int | None = Field(
        default=None, foreign_key="agreement.id", index=True, ondelete="SET NULL"
    )
    agreement_link: str | None = Field(default=None, sa_type=VOCAB)  # auto | manual
    state: str = Field(index=True, max_length=2)  # denormalised: state filters stay join-free
    # Filter columns carry no index of their own: the covering indexes above end with them,
    # and a one-column index lured SQLite into a row lookup per match (migration 0010).
    jurisdiction_kind: JurisdictionKind = Field(
        default=JurisdictionKind.PLACE, sa_type=VOCAB
    )  # denormalised like state
    vote_date: dt.date | None = Field(default=None, index=True)
    # "YYYY-MM" of vote_date, derived on every flush (policytrack.derived): never set by hand.
    vote_month: str | None = Field(default=None, max_length=7)
    motion_text: str
    topic: Topic = Field(sa_type=VOCAB)
    action: Action = Field(sa_type=VOCAB)
    outcome: Outcome = Field(sa_type=VOCAB)
    model: Model287g = Field(default=Model287g.UNKNOWN, sa_type=VOCAB)
    yes: int | None = None
    no: int | None = None
    abstain: int | None = None
    absent: int | None = None
    confidence: Confidence = Field(default=Confidence.HIGH, sa_type=VOCAB)
    notes: str | None = None
    disputed: str | None = None  # what the sources disagree on, in words
    warnings: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    version: int = 1
    updated_at: dt.datetime = Field(default_factory=utc_now)
    updated_by: str | None = None
    # When the vote was first stored (the Changes page and the feed say "vote added" then);
    # votes stored before migration 0017 carry their last update time, the nearest known.
    created_at: dt.datetime | None = Field(default_factory=utc_now)
    retired: bool = False  # records are retired, never deleted (indexed with state above)
    sources: list[Source] = Relationship(link_model=VoteEventSource)
    roll_call: list["MemberVote"] = Relationship(
        sa_relationship_kwargs={"cascade": "all, delete-orphan", "order_by": "MemberVote.id"}
    )


class MemberVote(SQLModel, table=True):
    """One member's vote, with the name as printed in the source."""

    __tablename__ = "member_vote"
    __table_args__ = (UniqueConstraint("vote_event_id", "voter_name"),)
    id: int | None = Field(default=None, primary_key=True)
    # A roll call means nothing without its vote: it goes with it.
    vote_event_id: int = Field(foreign_key="vote_event.id", index=True, ondelete="CASCADE")
    voter_name: str
    option: VoteOption = Field(sa_type=VOCAB)


class Stakeholder(SQLModel, table=True):
    """An organisation or person who takes sides."""

    __tablename__ = "stakeholder"
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, index=True)
    name: str
    kind: StakeholderKind = Field(sa_type=VOCAB, index=True)


class Person(SQLModel, table=True):
    """One person across roll calls and positions in one place (`policytrack.people`):
    the printings of their name are `person_name` rows, a stakeholder who is this person
    is a `stakeholder_person` row."""

    __tablename__ = "person"
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, index=True)  # state, place and name: /record?person=KEY
    name: str  # the printing most used
    jurisdiction_id: int = Field(foreign_key="jurisdiction.id", index=True, ondelete="CASCADE")


class PersonName(SQLModel, table=True):
    """A name as printed in a place's roll calls, and the person it is. `decided_by` is
    "auto" (the reading of `people.identity`) or the editor who merged or split it."""

    __tablename__ = "person_name"
    __table_args__ = (UniqueConstraint("jurisdiction_id", "printed"),)
    id: int | None = Field(default=None, primary_key=True)
    jurisdiction_id: int = Field(foreign_key="jurisdiction.id", ondelete="CASCADE")
    printed: str
    person_id: int = Field(foreign_key="person.id", index=True, ondelete="CASCADE")
    decided_by: str = Field(default="auto")


class StakeholderPerson(SQLModel, table=True):
    """A stakeholder who is a person of a roll call ("Commissioner Rosado")."""

    __tablename__ = "stakeholder_person"
    stakeholder_id: int = Field(foreign_key="stakeholder.id", primary_key=True, ondelete="CASCADE")
    person_id: int = Field(foreign_key="person.id", index=True, ondelete="CASCADE")
    decided_by: str = Field(default="auto")


class Position(SQLModel, table=True):
    """A stakeholder's stance on a vote (or agreement), as a source reports it."""

    __tablename__ = "position"
    # The Stakeholders page ranks and groups 3M positions at 1M votes: the vote's place and
    # whether the position counts are copied onto it (policytrack.derived keeps them
    # current), so ranking stakeholders and places reads covering indexes, no join.
    __table_args__ = (
        # Carries every copied filter column: a topic, action, outcome, model or kind filter
        # ranks stakeholders from this index alone.
        Index(
            "ix_position_live_holder",
            "live",
            "stakeholder_id",
            "jurisdiction_id",
            "stance",
            "vote_date",
            "state",
            "topic",
            "action",
            "outcome",
            "model",
            "jurisdiction_kind",
        ),
        Index(
            "ix_position_live_state_holder",
            "live",
            "state",
            "stakeholder_id",
            "jurisdiction_id",
            "stance",
        ),
        # Newest first (quote search). One stakeholder's record sorts its positions from
        # ix_position_live_holder (a narrower (live, stakeholder_id, vote_date) index lured
        # SQLite into reading every row under a topic filter; migration 0011 dropped it).
        Index(
            "ix_position_live_date",
            "live",
            "vote_date",
            "stakeholder_id",
            "jurisdiction_id",
            "stance",
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, index=True)
    stakeholder_id: int = Field(foreign_key="stakeholder.id", index=True, ondelete="RESTRICT")
    # A position about a vote goes with that vote (tests only; records are retired, not deleted).
    vote_event_id: int | None = Field(
        default=None, foreign_key="vote_event.id", index=True, ondelete="CASCADE"
    )
    agreement_id: int | None = Field(
        default=None, foreign_key="agreement.id", index=True, ondelete="CASCADE"
    )
    stance: Stance = Field(sa_type=VOCAB, index=True)
    speaker: str | None = None
    role: str | None = None
    summary: str | None = None
    quote: str | None = None
    said_on: dt.date | None = None
    version: int = 1
    updated_at: dt.datetime = Field(default_factory=utc_now)
    updated_by: str | None = None
    retired: bool = Field(default=False, index=True)
    # Derived (policytrack.derived), never set by hand: not retired and about a live vote,
    # i.e. counted on the Stakeholders page; and the columns of its vote that filters read.
    live: bool = False
    state: str | None = Field(default=None, max_length=2)
    jurisdiction_id: int | None = None  # a copy, so no foreign key of its own
    vote_date: dt.date | None = None
    topic: str | None = Field(default=None, sa_type=VOCAB)
    action: str | None = Field(default=None, sa_type=VOCAB)
    outcome: str | None = Field(default=None, sa_type=VOCAB)
    model: str | None = Field(default=None, sa_type=VOCAB)
    jurisdiction_kind: str | None = Field(default=None, sa_type=VOCAB)
    sources: list[Source] = Relationship(link_model=PositionSource)


class User(SQLModel, table=True):
    """Someone who may edit: a local account (password hash) or an OIDC identity (email)."""

    __tablename__ = "app_user"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True)
    role: str = Field(sa_type=VOCAB)  # editor | admin (viewers need no account)
    email: str | None = Field(default=None, unique=True)  # OIDC identity, when configured
    password_hash: str | None = None  # argon2; never the password itself
    created_at: dt.datetime = Field(default_factory=utc_now)
    retired: bool = False


class SignInThrottle(SQLModel, table=True):
    """Failed sign-ins of one account name or one client address, kept in the database so
    that a new browser session (or another server) does not start afresh; past the limit,
    sign-in is paused until `paused_until` (or `policytrack users unlock`)."""

    __tablename__ = "sign_in_throttle"
    __table_args__ = (UniqueConstraint("kind", "subject"),)
    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(sa_type=VOCAB)  # account | address
    subject: str  # the account name as typed, or the client's IP address
    failures: int = 0  # since the last success or pause
    last_failure_at: dt.datetime = Field(default_factory=utc_now)
    paused_until: dt.datetime | None = None


class AuditEntry(SQLModel, table=True):
    """One change to a record: who, when, what, and the record before and after."""

    __tablename__ = "audit_entry"
    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(default_factory=utc_now, index=True)
    user_name: str = Field(index=True)
    action: str = Field(sa_type=VOCAB)  # create | update | retire | restore | revert
    record_type: str = Field(sa_type=VOCAB, index=True)  # vote_event | position | …
    record_key: str = Field(index=True)
    version: int  # the record's version after the change
    before: dict[str, object] | None = Field(default=None, sa_column=Column(JSON))
    after: dict[str, object] | None = Field(default=None, sa_column=Column(JSON))
    note: str | None = None


class DataVersion(SQLModel, table=True):
    """One row: a counter every committed write moves on (policytrack.data_version), so that
    cached pages notice a write made anywhere. Bookkeeping, not a record: backups skip it."""

    __tablename__ = "data_version"
    id: int = Field(default=1, primary_key=True)
    version: int = 0


CITING_TABLES: tuple[type[SQLModel], ...] = (VoteEvent, Agreement, Position)

__all__ = [
    "Agency",
    "Agreement",
    "AgreementChange",
    "AgreementSighting",
    "AgreementSource",
    "AuditEntry",
    "Body",
    "DataVersion",
    "ImportNote",
    "Jurisdiction",
    "MemberVote",
    "OfficialList",
    "PlaceLookup",
    "Position",
    "PositionSource",
    "SignInThrottle",
    "Source",
    "Stakeholder",
    "User",
    "VoteEvent",
    "VoteEventSource",
]
