"""Import an official 287(g) list (ICE's participating or pending agencies) with history.

One transaction per list: the list and its source, one sighting per row, agreements matched
across lists (`ice_identity`), agencies placed in their jurisdictions (`ice_agencies`),
every change logged, agreements missing from the newest list marked `removed` (never
deleted), and an import report kept in the database. The same file twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from policytrack.db import session_scope
from policytrack.geo import Gazetteer, load_gazetteer
from policytrack.geo.lookups import online_fallback
from policytrack.ingest import ice_history
from policytrack.ingest import ice_identity as identity
from policytrack.ingest.ice_agencies import AgencyPlace, place_agency
from policytrack.ingest.ice_list import IceList, IceRow, read_ice_list
from policytrack.ingest.links import link_votes
from policytrack.ingest.load import Loader
from policytrack.models import (
    Agency,
    Agreement,
    AgreementChange,
    AgreementSighting,
    ImportNote,
    Jurisdiction,
    OfficialList,
    Source,
)
from policytrack.schemas import SourceIn
from policytrack.vocab import AgreementStatus

ICE_287G_PAGE = "https://www.ice.gov/identify-and-arrest/287g"
ICE_PUBLISHER = "U.S. Immigration and Customs Enforcement"
_EVIDENCE = {  # why a row was taken for a known agreement (ice_identity's passes)
    "redated": "same agency and model, signing date corrected by days",
    "renamed": "same model and signing date, agency name corrected",
    "relabelled": "same agency and signing date, model corrected",
    "relisted": "same state, place, model and signing date under another agency name, "
    "and no other agreement fits",
    "activated": "a pending agreement of this agency and model, now participating",
}
Progress = Callable[[int, int], None]


@dataclass
class ListImport:
    """What one list import did, for the command line and the tests."""

    file: str
    kind: str
    as_of: dt.date
    as_of_source: str
    rows: int
    already_imported: bool = False
    newest: bool = True
    how: dict[str, int] = field(default_factory=dict)  # exact/new/renamed/… -> rows
    removed: int = 0
    notes: list[ImportNote] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def import_official_list(
    engine: Engine,
    path: Path,
    *,
    pending: bool | None = None,
    as_of: dt.date | None = None,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> ListImport:
    """Import one list file all-or-nothing (ImportRefused when it cannot be read)."""
    with session_scope(engine) as session:
        return load_official_list(
            session, path, pending=pending, as_of=as_of, today=today, progress=progress
        )


def load_official_list(
    session: Session,
    path: Path,
    *,
    pending: bool | None = None,
    as_of: dt.date | None = None,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> ListImport:
    """Import one list file inside the caller's transaction."""
    listed = read_ice_list(
        path, pending=pending, as_of=as_of, today=today, gazetteer=load_gazetteer(),
        progress=progress,
    )  # fmt: skip
    return load_read_list(session, listed, file_digest(path))


def load_read_list(session: Session, listed: IceList, digest: str) -> ListImport:
    """Load a list already read (from ICE's file, or the bundled copy of what was read from
    it, `ice_bundle`) inside the caller's transaction; `digest` is the file's SHA-256, by
    which the same file imported again is recognised and changes nothing."""
    result = ListImport(
        listed.file, listed.kind, listed.as_of, listed.as_of_source, len(listed.rows)
    )
    existing = session.exec(select(OfficialList).where(OfficialList.sha256 == digest)).first()
    if existing is not None:
        result.already_imported = True
        result.as_of = existing.as_of
        return result
    gazetteer = online_fallback(load_gazetteer(), session)  # the opt-in online geocoder
    _ListLoader(session, gazetteer, listed, digest, result).run()
    result.links = link_votes(session)
    return result


@dataclass
class _Placed:
    """An agency placed by the gazetteer, and whether the import report has said how."""

    found: AgencyPlace
    reported: bool = False

    @property
    def ocd_id(self) -> str | None:
        """The jurisdiction the agency sits in, as its OCD id (None when not placed)."""
        return self.found.jurisdiction.ocd_id if self.found.jurisdiction else None


class _ListLoader:
    """Writes one list into one session."""

    def __init__(
        self,
        session: Session,
        gazetteer: Gazetteer,
        listed: IceList,
        digest: str,
        result: ListImport,
    ) -> None:
        self.session = session
        self.gazetteer = gazetteer
        self.listed = listed
        self.result = result
        self.loader = Loader(session)
        self.newest = self._is_newest()
        result.newest = self.newest
        self.source = self._source(digest)
        self.record = OfficialList(
            kind=listed.kind,
            as_of=listed.as_of,
            as_of_source=listed.as_of_source,
            file_name=listed.file,
            sha256=digest,
            rows=len(listed.rows),
            source_id=_id(self.source.id),
        )
        session.add(self.record)
        session.flush()
        self._places: dict[tuple[str, str, str, str], _Placed] = {}
        self._keys: set[str] = set(session.exec(select(Agreement.key)))

    def _is_newest(self) -> bool:
        statement = select(func.max(OfficialList.as_of)).where(
            OfficialList.kind == self.listed.kind
        )
        newest = self.session.exec(statement).one()
        return newest is None or self.listed.as_of >= newest

    def _source(self, digest: str) -> Source:
        kind, as_of = self.listed.kind, self.listed.as_of.isoformat()
        item = SourceIn(
            key=f"ice-287g:{kind}:{as_of}:{digest[:12]}",
            url=ICE_287G_PAGE,
            publisher=ICE_PUBLISHER,
            title=f"287(g) {kind} agencies list, as of {as_of}",
            published_on=self.listed.as_of,
            citation=f"ICE, 287(g) {kind} agencies list as of {as_of} (file {self.listed.file})",
        )
        [source] = self.loader.sources([item])
        self.session.flush()
        return source

    def run(self) -> None:
        """Match, write and report every row, then mark what the list no longer has."""
        known = self._known()
        # A row needs its state and agency to be an agreement; the others are only reported.
        rows = [r for r in self.listed.rows if r.state is not None and r.agency]
        for row in self.listed.rows:
            if row.state is None:
                self._note(row, "state", row.state_name, "unresolved", "unknown state: row kept")
        incoming = [
            identity.Incoming(
                row.row,
                row.state or "",
                identity.canonical_agency(row.agency),
                row.model,
                row.signed_on,
                self._placed(row).ocd_id,
            )
            for row in rows
        ]
        plan = identity.plan_matches(incoming, known, self.listed.kind, self.listed.as_of)
        by_id = {_id(a.id): a for a in self.session.exec(select(Agreement))}
        for row in rows:
            self._row(row, plan, by_id)
        for problem in self.listed.problems:
            self._add_note(problem.row, problem.field, problem.value, "warning", problem.rule)
        if self.newest:
            self._mark_removed()
        else:  # an older list than one of its kind already here: the story between changes
            self.result.removed = ice_history.rebuild(self.session, self.listed.kind)

    def _known(self) -> list[identity.Known]:
        statement = (
            select(Agreement, Agency.name, Jurisdiction.ocd_id)
            .join(Agency, col(Agency.id) == col(Agreement.agency_id))
            .outerjoin(Jurisdiction, col(Jurisdiction.id) == col(Agency.jurisdiction_id))
        )
        return [
            identity.Known(
                agreement.id or 0,
                agreement.state,
                identity.canonical_agency(name),
                agreement.model,
                agreement.signed_on,
                agreement.list_kind,
                agreement.last_seen,
                place,
            )
            for agreement, name, place in self.session.exec(statement)
        ]

    def _row(self, row: IceRow, plan: identity.Plan, by_id: dict[int, Agreement]) -> None:
        agency = self._agency(row)
        how = plan.how(row.row)
        self.result.how[how] = self.result.how.get(how, 0) + 1
        if how == "new":
            agreement = self._new_agreement(row, agency)
        else:
            agreement = by_id[plan.matches[row.row][0]]
            self._update_agreement(agreement, row, agency, how)
        if row.row in plan.doubtful:
            keys = ", ".join(by_id[i].key for i in plan.doubtful[row.row])
            message = f"could be the same agreement as {keys}: kept apart; review and merge"
            self._note(row, "agency", row.agency, "doubtful", message)
        self._sighting(agreement, row)

    def _placed(self, row: IceRow) -> _Placed:
        """Where the row's agency sits (placed once per agency, county and type)."""
        state = self.gazetteer.state(row.state)
        assert state is not None
        place_key = (state.code, row.agency, row.agency_type, row.county)
        placed = self._places.get(place_key)
        if placed is None:
            found = place_agency(self.gazetteer, row.agency, row.agency_type, row.county, state)
            placed = self._places[place_key] = _Placed(found)
        return placed

    def _agency(self, row: IceRow) -> Agency:
        placed = self._placed(row)
        if not placed.reported and placed.found.category != "resolved":
            found = placed.found
            value = row.county if found.field == "county" else row.agency
            self._note(row, found.field, value, found.category, found.note)
        placed.reported = True
        where = placed.found.jurisdiction
        jurisdiction = self.loader.jurisdiction(where) if where else None
        key = f"{(row.state or '').lower()}:{_slug(row.agency)}"
        agency = self.session.exec(select(Agency).where(Agency.key == key)).first()
        if agency is None:
            agency = Agency(key=key, name=row.agency, state=row.state or "")
            self.session.add(agency)
        agency.name, agency.kind = row.agency, row.agency_type or None
        agency.jurisdiction_id = jurisdiction.id if jurisdiction else None
        self.session.flush()
        return agency

    def _status(self) -> AgreementStatus:
        if not self.newest:
            return AgreementStatus.REMOVED
        if self.listed.kind == "pending":
            return AgreementStatus.PENDING
        return AgreementStatus.ACTIVE

    def _new_key(self, row: IceRow) -> str:
        date = row.signed_on.isoformat() if row.signed_on else self.listed.kind
        base = f"{(row.state or '').lower()}:{_slug(row.agency)}:{row.model}:{date}"
        key, n = base, 1
        while key in self._keys:
            n += 1
            key = f"{base}~{n}"
        self._keys.add(key)
        return key

    def _new_agreement(self, row: IceRow, agency: Agency) -> Agreement:
        assert agency.id is not None
        agreement = Agreement(
            key=self._new_key(row),
            agency_id=agency.id,
            state=row.state or "",
            model=row.model,
            signed_on=row.signed_on,
            status=self._status(),
            list_kind=self.listed.kind,
            moa_url=row.moa_url,
            first_seen=self.listed.as_of,
            last_seen=self.listed.as_of,
            sources=self._sources(row),
        )
        self.session.add(agreement)
        self.session.flush()
        self._change(agreement, "added", None, row.agency)
        return agreement

    def _sources(self, row: IceRow) -> list[Source]:
        sources = [self.source]
        for url in (row.moa_url, row.addendum_url):
            if url:
                sources += self.loader.sources([SourceIn.from_url(url)])
        return sources

    def _update_agreement(
        self, agreement: Agreement, row: IceRow, agency: Agency, how: str
    ) -> None:
        if self.newest:
            self._log_differences(agreement, row, agency, how)
        elif how != "exact":
            self._merged(row, agreement, how)
        as_of = self.listed.as_of
        agreement.first_seen = min(filter(None, [agreement.first_seen, as_of]))
        agreement.last_seen = max(filter(None, [agreement.last_seen, as_of]))
        if self.newest:
            self._take_newest(agreement, row, agency)
        for source in self._sources(row):
            if source not in agreement.sources:
                agreement.sources.append(source)
        agreement.version += 1

    def _take_newest(self, agreement: Agreement, row: IceRow, agency: Agency) -> None:
        assert agency.id is not None
        status = self._status()
        if agreement.status != status:
            self._change(agreement, "status", str(agreement.status), str(status))
        agreement.agency_id = agency.id
        agreement.model, agreement.status = row.model, status
        agreement.signed_on = row.signed_on or agreement.signed_on
        agreement.list_kind = self.listed.kind
        agreement.moa_url = row.moa_url or agreement.moa_url

    def _log_differences(self, agreement: Agreement, row: IceRow, agency: Agency, how: str) -> None:
        dated = "redated" if agreement.signed_on else "signed"
        changes = {
            "renamed": (self._last_listed_name(agreement), row.agency),
            dated: (_iso(agreement.signed_on), _iso(row.signed_on)),
            "relabelled": (str(agreement.model), str(row.model)),
        }
        for change, (before, after) in changes.items():
            if before != after and (change not in ("redated", "signed") or row.signed_on):
                self._change(agreement, change, before, after)
        if how != "exact":
            self._merged(row, agreement, how)

    def _merged(self, row: IceRow, agreement: Agreement, how: str) -> None:
        """Say in the import report which agreement a row was taken for, and on what evidence."""
        message = f"row matched agreement {agreement.key} ({how}: {_EVIDENCE[how]})"
        self._note(row, "agency", row.agency, "merged", message)

    def _last_listed_name(self, agreement: Agreement) -> str:
        """The agency's name as the newest earlier list printed it."""
        statement = (
            select(AgreementSighting.agency)
            .join(OfficialList, col(OfficialList.id) == col(AgreementSighting.official_list_id))
            .where(
                AgreementSighting.agreement_id == agreement.id,
                OfficialList.id != self.record.id,
            )
            .order_by(col(OfficialList.as_of).desc(), col(OfficialList.id).desc())
        )
        return self.session.exec(statement).first() or ""

    def _mark_removed(self) -> None:
        seen = select(AgreementSighting.agreement_id).where(
            AgreementSighting.official_list_id == self.record.id
        )
        statement = select(Agreement).where(
            Agreement.list_kind == self.listed.kind,
            col(Agreement.status).in_([AgreementStatus.ACTIVE, AgreementStatus.PENDING]),
            col(Agreement.id).not_in(seen),
        )
        for agreement in self.session.exec(statement):
            self._change(agreement, "removed", str(agreement.status), "removed")
            agreement.status = AgreementStatus.REMOVED
            agreement.version += 1
            self.result.removed += 1

    def _sighting(self, agreement: Agreement, row: IceRow) -> None:
        assert agreement.id is not None and self.record.id is not None
        self.session.add(
            AgreementSighting(
                agreement_id=agreement.id,
                official_list_id=self.record.id,
                row=row.row,
                agency=row.agency,
                agency_type=row.agency_type or None,
                county=row.county or None,
                model_text=row.model_text or None,
                signed_on=row.signed_on,
                signed_text=row.signed_text or None,
                moa_url=row.moa_url,
            )
        )
        self.session.flush()

    def _change(
        self, agreement: Agreement, change: str, before: str | None, after: str | None
    ) -> None:
        assert agreement.id is not None and self.record.id is not None
        self.session.add(
            AgreementChange(
                agreement_id=agreement.id,
                official_list_id=self.record.id,
                as_of=self.listed.as_of,
                change=change,
                before=before,
                after=after,
            )
        )

    def _note(self, row: IceRow, field: str, value: str, category: str, message: str) -> None:
        self._add_note(row.row, field, value, category, message)

    def _add_note(
        self, row: int | None, field: str, value: str, category: str, message: str
    ) -> None:
        assert self.record.id is not None
        note = ImportNote(
            official_list_id=self.record.id,
            row=row,
            field=field,
            value=value,
            category=category,
            message=message,
        )
        self.session.add(note)
        self.result.notes.append(note)


def _slug(agency: str) -> str:
    """`Key West Police Department` → `key-west-police-department` (canonical words)."""
    return identity.canonical_agency(agency).replace(" ", "-")


def _id(value: int | None) -> int:
    """The id of a flushed record."""
    assert value is not None
    return value


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""
