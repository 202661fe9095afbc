"""An agreement's history derived from its sightings on ICE's lists (pure logic)."""

import datetime as dt

from policytrack.ingest.ice_history import Listed, Seen, derive, sighting_model
from policytrack.vocab import AgreementStatus, Model287g

TFM, JEM = Model287g.TASK_FORCE, Model287g.JAIL_ENFORCEMENT
P1 = Listed(dt.date(2025, 5, 1), 1, "participating")
P2 = Listed(dt.date(2025, 6, 1), 2, "participating")
P3 = Listed(dt.date(2025, 7, 18), 3, "participating")
PENDING = Listed(dt.date(2025, 5, 15), 4, "pending")
LISTS = [P1, P2, P3, PENDING]


def seen(listed: Listed, agency: str = "Largo Police Department", model: Model287g = TFM,
         signed: dt.date | None = dt.date(2025, 3, 1)) -> Seen:  # fmt: skip
    return Seen(listed, agency, model, signed)


def changes(found: list[Seen]) -> list[tuple[int, str, str | None, str | None]]:
    events, _ = derive(found, LISTS)
    return [(e.list_id, e.change, e.before, e.after) for e in events]


def test_the_story_is_told_in_list_order_whatever_order_the_lists_came_in() -> None:
    found = [
        seen(P3, "Largo Police Services Department", JEM, dt.date(2025, 3, 4)),
        seen(P1, signed=None),
    ]
    assert changes(found) == [
        (1, "added", None, "Largo Police Department"),
        (2, "removed", "active", "removed"),
        (3, "renamed", "Largo Police Department", "Largo Police Services Department"),
        (3, "signed", "", "2025-03-04"),
        (3, "relabelled", "task_force", "jail_enforcement"),
        (3, "status", "removed", "active"),
    ]
    assert derive(found, LISTS)[1] is AgreementStatus.ACTIVE


def test_missing_from_the_next_list_of_its_kind_is_removed_there() -> None:
    events, status = derive([seen(P1), seen(P2)], LISTS)
    assert [(e.list_id, e.change) for e in events] == [(1, "added"), (3, "removed")]
    assert status is AgreementStatus.REMOVED


def test_pending_then_participating_is_moved_to_active() -> None:
    found = [seen(PENDING, signed=None), seen(P2, signed=dt.date(2025, 5, 20)), seen(P3)]
    assert changes(found) == [
        (4, "added", None, "Largo Police Department"),
        (2, "signed", "", "2025-05-20"),
        (2, "status", "pending", "active"),
        (3, "redated", "2025-05-20", "2025-03-01"),
    ]


def test_a_sighting_reads_its_model_as_the_list_reader_does() -> None:
    assert sighting_model("Task Force Model (TFM)") is TFM
    assert sighting_model("287(g) Jail Enforcement Model") is JEM
    assert sighting_model("") is Model287g.UNKNOWN
    assert sighting_model("Something else") is Model287g.UNKNOWN
