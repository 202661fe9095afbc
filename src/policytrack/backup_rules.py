"""The rules every restored row must keep: the import's and the editor's rules, applied to
each row of an `export all` folder, so that a damaged or tampered backup cannot bring in
what no import or edit would write — a negative count, a `javascript:` URL, a value outside
a vocabulary, a tally larger than its body, a vote without a source, an account with a role
or password no one set. Every problem is collected (file, row, field, value, rule)."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable
from enum import StrEnum
from typing import Any

from policytrack.auth import ROLES
from policytrack.geo import Gazetteer, load_gazetteer
from policytrack.ingest.fields import FieldError, parse_count
from policytrack.ingest.problems import Problem
from policytrack.ingest.stored import COUNT_FIELDS
from policytrack.schemas import check_http_url
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

Check = Callable[[Any], None]  # raises FieldError(rule) when a value breaks the rule
_USER_NAME = re.compile(r"^[A-Za-z0-9._@-]{2,64}$")  # as `policytrack users add` requires
# The link tables that give each citing table its sources: (link table, its column).
CITATIONS = {
    "vote_event": ("vote_event_source", "vote_event_id"),
    "position": ("position_source", "position_id"),
    "agreement": ("agreement_source", "agreement_id"),
}


def one_of(vocabulary: type[StrEnum] | tuple[str, ...]) -> Check:
    """A value of a controlled vocabulary, exactly as stored."""
    allowed = (
        tuple(vocabulary) if isinstance(vocabulary, tuple) else tuple(v.value for v in vocabulary)
    )

    def check(value: Any) -> None:
        if value not in allowed:
            raise FieldError(f"must be one of: {', '.join(allowed)}")

    return check


def count(value: Any) -> None:
    """A whole number of votes or seats (or not reported), by the import's rule."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise FieldError("counts must be whole numbers")
    parse_count(value)


def url(value: Any) -> None:
    """An http(s) URL (or none), stored as checked."""
    if value is None:
        return
    try:
        if check_http_url(str(value)) != value:
            raise FieldError("URLs are stored without surrounding spaces")
    except ValueError as error:
        raise FieldError(str(error)) from None


def text(value: Any) -> None:
    """Text that is not blank."""
    if not isinstance(value, str) or not value.strip():
        raise FieldError("must not be blank")


def past(value: Any) -> None:
    """A date (restored already as one) that is not in the future."""
    if isinstance(value, dt.date) and value > dt.date.today():
        raise FieldError(f"cannot be in the future (today is {dt.date.today().isoformat()})")


def password_hash(value: Any) -> None:
    """An argon2 hash (as `users add` stores), or none."""
    if value is not None and not str(value).startswith("$argon2"):
        raise FieldError("must be an argon2 hash (set passwords with `policytrack users add`)")


def user_name(value: Any) -> None:
    """A login name `users add` would accept."""
    if not isinstance(value, str) or not _USER_NAME.match(value):
        raise FieldError("user names are 2–64 letters, digits, '.', '_', '@' or '-'")


def _column_rules(gazetteer: Gazetteer) -> dict[str, dict[str, Check]]:
    def state(value: Any) -> None:
        found = gazetteer.state(value) if isinstance(value, str) else None
        if found is None or found.code != value:
            raise FieldError("unknown state: a two-letter postal code such as FL")

    return {
        "source": {"key": text, "url": url},
        "jurisdiction": {"ocd_id": text, "name": text, "kind": one_of(JurisdictionKind),
                         "state": state},
        "body": {"name": text, "seats": count},
        "agency": {"key": text, "name": text},
        "agreement": {"key": text, "model": one_of(Model287g),
                      "status": one_of(AgreementStatus), "moa_url": url},
        "agreement_sighting": {"moa_url": url},
        "vote_event": {
            "key": text, "state": state, "motion_text": text, "vote_date": past,
            "topic": one_of(Topic), "action": one_of(Action), "outcome": one_of(Outcome),
            "model": one_of(Model287g), "confidence": one_of(Confidence),
            "jurisdiction_kind": one_of(JurisdictionKind),
            **dict.fromkeys(COUNT_FIELDS, count),
        },
        "member_vote": {"voter_name": text, "option": one_of(VoteOption)},
        "stakeholder": {"key": text, "name": text, "kind": one_of(StakeholderKind)},
        "position": {"key": text, "stance": one_of(Stance), "said_on": past},
        "app_user": {"name": user_name, "role": one_of(ROLES), "password_hash": password_hash},
    }  # fmt: skip


class RestoreChecker:
    """Checks the rows of one restore as they are read, then what needs every row."""

    def __init__(self) -> None:
        self.rules = _column_rules(load_gazetteer())
        self.problems: list[Problem] = []
        self._seats: dict[int, int] = {}  # body id → seats
        self._cited: dict[str, set[int]] = defaultdict(set)  # citing table → ids with a source
        self._citing: dict[str, dict[int, int]] = defaultdict(dict)  # table → id → line

    def row(self, table: str, line: int, row: dict[str, Any]) -> None:
        """Check one row of `table` (line `line` of its file)."""
        for column, check in self.rules.get(table, {}).items():
            try:
                check(row.get(column))
            except FieldError as error:
                self._problem(table, line, column, row.get(column), str(error))
        if table == "body" and isinstance(row.get("seats"), int):
            self._seats[row["id"]] = row["seats"]
        if table == "vote_event":
            self._tally(line, row)
        if table == "app_user" and not (row.get("password_hash") or row.get("email")):
            self._problem(
                table, line, "password_hash", None, "an account needs a password or an e-mail"
            )
        if table in CITATIONS:
            self._citing[table][row["id"]] = line
        for citing, (link, column) in CITATIONS.items():
            if table == link:
                self._cited[citing].add(row[column])

    def _tally(self, line: int, row: dict[str, Any]) -> None:
        counts = [row.get(field) for field in COUNT_FIELDS]
        if not all(isinstance(c, int) or c is None for c in counts):
            return  # reported by the column rules
        total, seats = sum(c or 0 for c in counts), self._seats.get(row.get("body_id"))  # type: ignore[arg-type]
        if seats is not None and total > seats:
            rule = f"{total} votes counted but the body has {seats} seats"
            self._problem("vote_event", line, "yes", row.get("yes"), rule)

    def finish(self) -> list[Problem]:
        """Every problem found, with the records that cite no source."""
        for table, lines in self._citing.items():
            for record_id, line in lines.items():
                if record_id not in self._cited[table]:
                    self._problem(
                        table,
                        line,
                        "(sources)",
                        record_id,
                        "every record cites at least one source",
                    )
        return self.problems

    def _problem(self, table: str, line: int, column: str, value: Any, rule: str) -> None:
        shown = "" if value is None else str(value)
        self.problems.append(Problem(f"{table}.jsonl", line, column, shown, rule))
