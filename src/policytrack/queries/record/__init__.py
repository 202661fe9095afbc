"""Read side of the Record page: one vote, jurisdiction or agreement by its key (indexed
lookups, children capped with totals), one module per record kind; each returns a frozen
dataclass (`VoteRecord`, `PlaceRecord`, `AgreementRecord`) or None."""

from policytrack.queries.record.agreement import AgreementRecord, agreement_record
from policytrack.queries.record.place import PlaceRecord, jurisdiction_record
from policytrack.queries.record.shared import Capped, PositionShown, SourceRef
from policytrack.queries.record.vote import VoteRecord, vote_record

__all__ = [
    "AgreementRecord",
    "Capped",
    "PlaceRecord",
    "PositionShown",
    "SourceRef",
    "VoteRecord",
    "agreement_record",
    "jurisdiction_record",
    "vote_record",
]
