"""Read side of the Record page: one vote, jurisdiction or agreement by its key (indexed
lookups, children capped with totals), one module per record kind."""

from policytrack.queries.record.agreement import agreement_record
from policytrack.queries.record.place import jurisdiction_record
from policytrack.queries.record.vote import vote_record

__all__ = ["agreement_record", "jurisdiction_record", "vote_record"]
