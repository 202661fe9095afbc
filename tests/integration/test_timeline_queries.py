"""Timeline queries on SQLite and PostgreSQL: numbers checked by hand against the bundled
votes (data/seed/votes.csv) and ICE's July 2025 lists (../shared)."""

import datetime as dt

from sqlalchemy import Engine
from sqlmodel import Session

from policytrack import key_dates
from policytrack.filters import Filters
from policytrack.queries import timeline

from tests.conftest import require_shared


def run(engine: Engine, name: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        return getattr(timeline, name)(session, *args, **kwargs)


def cell(frame, month: str, group: str) -> int:  # type: ignore[no-untyped-def]
    rows = frame[(frame["month"] == month) & (frame["group"] == group)]
    return int(rows["n"].sum())


def test_florida_march_2025_votes_by_outcome(seeded_engine: Engine) -> None:
    # votes.csv: Hialeah 03-11 passed, Fort Myers 03-17 failed and 03-21 passed, Punta Gorda
    # 03-19 passed, Orange County 03-25 passed, Jacksonville 03-25 passed.
    frame = run(seeded_engine, "votes_by_month", Filters(states=("FL",)), by="outcome")
    assert cell(frame, "2025-03", "passed") == 5
    assert cell(frame, "2025-03", "failed") == 1
    assert set(frame["group"]) <= {"passed", "failed", "deferred", "withdrawn"}


def test_votes_by_month_count_every_dated_vote_once_and_report_undated(
    seeded_engine: Engine,
) -> None:
    for by in ("outcome", "state", "model"):
        frame = run(seeded_engine, "votes_by_month", Filters(), by=by)
        assert frame["n"].sum() == 33, by
    summary = run(seeded_engine, "summary", Filters()).votes
    # Washington County TN and Chicago have no date in votes.csv.
    assert (summary.votes, summary.dated_votes, summary.undated_votes) == (35, 33, 2)
    assert (summary.first_vote_month, summary.last_vote_month) == ("2015-05", "2026-02")


def test_by_state_keeps_the_busiest_states_and_buckets_the_rest(seeded_engine: Engine) -> None:
    frame = run(seeded_engine, "votes_by_month", Filters(), by="state", top=2)
    totals = frame.groupby("group")["n"].sum().to_dict()
    # FL has 14 dated votes; MD and TX have 4 each, the tie goes to the first by name.
    assert totals == {"FL": 14, "MD": 4, "other": 15}
    assert cell(frame, "2026-02", "MD") == 4


def test_filters_change_the_numbers(seeded_engine: Engine) -> None:
    failed = run(seeded_engine, "votes_by_month", Filters(outcomes=("failed",)), by="outcome")
    assert set(failed["group"]) == {"failed"} and failed["n"].sum() == 4
    recent = Filters(date_from=dt.date(2026, 1, 1))
    assert run(seeded_engine, "votes_by_month", recent, by="outcome")["n"].sum() == 7


def test_cumulative_votes_passed_by_action(seeded_engine: Engine) -> None:
    frame = run(seeded_engine, "cumulative_votes_passed", Filters(states=("MD",)))
    # Four passed MD ban votes (action rescind): two on 2026-02-03 and two on 2026-02-12.
    assert frame[["month", "group", "n", "total"]].values.tolist() == [["2026-02", "rescind", 4, 4]]
    florida = run(seeded_engine, "cumulative_votes_passed", Filters(states=("FL",)))
    approve = florida[florida["group"] == "approve"].set_index("month")["total"]
    assert approve["2025-03"] == 5 and approve.is_monotonic_increasing


def test_running_totals_table_carries_each_action_through_quiet_months(
    seeded_engine: Engine,
) -> None:
    # votes.csv, Florida, passed: 2025-03 five approvals (Hialeah, Punta Gorda, Fort Myers,
    # Orange County, Jacksonville); 2025-04 Palm Bay, Doral; 2025-06 Miami approves, Key West
    # rescinds; 2025-07 Key West approves; 2025-08 Orange County approves.
    passed = run(seeded_engine, "cumulative_votes_passed", Filters(states=("FL",)))
    table = timeline.month_by_group(passed, "total")
    assert table.to_dict("records") == [
        {"month": "2025-03", "approve": 5, "rescind": 0, "total": 5},
        {"month": "2025-04", "approve": 7, "rescind": 0, "total": 7},
        {"month": "2025-06", "approve": 8, "rescind": 1, "total": 9},
        {"month": "2025-07", "approve": 9, "rescind": 1, "total": 10},
        {"month": "2025-08", "approve": 10, "rescind": 1, "total": 11},
    ]


def test_state_counts_until_a_month_for_votes(seeded_engine: Engine) -> None:
    frame = run(seeded_engine, "state_counts_until", Filters(), month="2025-03", layer="votes")
    counts = dict(zip(frame["state"], frame["n"], strict=True))
    # Up to the end of March 2025: FL 6 (March) , CA 2 (2015), OK, VA, GA, NC, OH 1 each.
    assert counts == {"FL": 6, "CA": 2, "GA": 1, "NC": 1, "OH": 1, "OK": 1, "VA": 1}


def test_state_law_votes_are_the_maryland_and_georgia_votes_with_their_sources(
    seeded_engine: Engine,
) -> None:
    frame = run(seeded_engine, "state_law_votes", Filters())
    assert [(str(d), s) for d, s in zip(frame["vote_date"], frame["state"], strict=True)] == [
        ("2024-03-28", "GA"),
        ("2026-02-03", "MD"),
        ("2026-02-03", "MD"),
        ("2026-02-12", "MD"),
        ("2026-02-12", "MD"),
    ]
    georgia = frame.iloc[0]
    assert "HB 1105" in georgia["motion_text"]
    assert georgia["source"].startswith("https://keyt.com/news/2024/03/28/")
    marks = key_dates.from_state_law_votes(frame)
    assert {m.shown_date for m in marks} == {"2024-03-28", "2026-02-03", "2026-02-12"}
    assert all(m.source.startswith("https://") for m in marks)
    only_ga = run(seeded_engine, "state_law_votes", Filters(states=("GA",)))
    assert list(only_ga["state"]) == ["GA"]


def test_florida_order_is_shown_by_month_only_and_cites_the_article() -> None:
    [order] = key_dates.state_actions(states=("FL",))
    assert order.shown_date == "Feb 2025" and order.precision == "month"
    assert "In February, Florida Governor Ron DeSantis" in order.source
    article = (require_shared() / "mission" / "seed-article.txt").read_text(encoding="utf-8")
    assert "In February, Florida Governor Ron DeSantis issued an Executive Order" in article
    assert "06-22-2025" in article  # the article's date gives the year
    assert key_dates.state_actions(states=("MD",)) == []


def test_empty_database_gives_empty_results(engine: Engine) -> None:
    assert run(engine, "votes_by_month", Filters(), by="state").empty
    assert run(engine, "cumulative_adoption", Filters()).empty
    assert run(engine, "months", Filters(), layer="votes") == []
    assert run(engine, "list_dates").empty


def test_july_list_cumulative_adoption_matches_agreements_signed_by_end_of_july(
    seeded_engine: Engine,
) -> None:
    frame = run(seeded_engine, "cumulative_adoption", Filters())
    totals = frame.set_index("month")["total"]
    # 832 participating rows, one without a signing date; 26 pending, none dated.
    assert totals["2025-07"] == 831 == totals.max()
    assert totals["2025-02"] - totals["2025-01"] == 155  # February 2025 signings
    by_model = run(seeded_engine, "cumulative_adoption", Filters(), by_model=True)
    last = by_model.groupby("group")["total"].max().to_dict()
    assert sum(last.values()) == 831
    summary = run(seeded_engine, "summary", Filters()).agreements
    assert (summary.signed, summary.unsigned) == (831, 27)


def test_an_unreadable_signing_date_is_not_counted_as_pending(seeded_engine: Engine) -> None:
    # The participating list's row 639 (Grundy County, TN) has the signing date 5025-07-07:
    # not read, the agreement stays active; the 26 pending ones have no date at all.
    summary = run(seeded_engine, "agreement_summary", Filters())
    assert (summary.unsigned_pending, summary.unsigned_other) == (26, 1)
    tennessee = run(seeded_engine, "agreement_summary", Filters(states=("TN",)))
    assert tennessee.unsigned_other == 1


def test_july_list_by_month_and_state(seeded_engine: Engine) -> None:
    signings = run(seeded_engine, "signings_by_month", Filters(states=("FL",)), by="state")
    assert cell(signings, "2025-02", "FL") == 108
    until = run(seeded_engine, "state_counts_until", Filters(), month="2025-07")
    assert until["n"].sum() == 831 and len(until) == 40
    assert until.iloc[0].tolist() == ["FL", 309]
    earlier = run(seeded_engine, "state_counts_until", Filters(), month="2024-12")
    assert earlier["n"].sum() == 831 - 696  # 696 of them were signed in 2025
    months = run(seeded_engine, "months", Filters())
    assert (months[0], months[-1], len(months)) == ("2019-04", "2025-07", 76)


def test_list_dates_become_one_key_date(seeded_engine: Engine) -> None:
    lists = run(seeded_engine, "list_dates")
    assert [str(d) for d in lists["as_of"]] == ["2025-07-18", "2025-07-18"]
    [mark] = key_dates.from_official_lists(lists)
    assert mark.shown_date == "2025-07-18" and mark.state is None
    assert "858 rows" in mark.text


def test_month_arithmetic_crosses_years() -> None:
    assert timeline.next_month("2024-12") == "2025-01"
    assert timeline.month_list("2024-11", "2025-02") == ["2024-11", "2024-12", "2025-01", "2025-02"]
