"""Reading Open Civic Data VoteEvents (`ocd_to_row`): one OCD VoteEvent (as pupa /
python-opencivicdata scrapers emit it) becomes a row of our votes table, so that the same
rules (`ingest.votes.vote_from_row`) apply with the same messages. Structure that no column
can hold (`counts` that is not a list of {option, value}, an unknown count option, a
roll-call entry without a voter name, `extras` that is not an object, …) is a `ShapeIssue`
naming record, OCD field and rule; `read_event` returns the row without the columns those
fields fill, so that the same record's value errors (a bad date, an unknown state) are
reported with its shape errors, in one round.

- What OCD has no field for is read from `extras.policytrack` when present (our own export);
  it wins over what the OCD fields say.
- Without it: state, jurisdiction and kind come from the first `ocd-division` /
  `ocd-jurisdiction` id found (`division_id`, `jurisdiction`, `jurisdiction_id`,
  `organization_id`, or the same keys inside `organization`): `state:xx` alone is the state,
  `place:miami_beach` is the city "Miami Beach", `county:orange` (or `parish:`) is the county
  "Orange"; a `~NNNNN` suffix on a place (our ids for same-named places) is its county FIPS.
- `result` pass → passed, fail → failed; the action is the first `motion_classification`
  entry that is one of ours (approve, reject, rescind, defer, other), else "other".
- `start_date` with a time keeps its date part (the local date as written, no time zones).
- Counts: yes, no, abstain, absent go to their columns (aye/yea/nay accepted). `excused`
  counts as absent only when `absent` is not given; otherwise, and for `not voting`,
  `paired` and `other` (no column here), non-zero counts are kept in words in `notes`.
- The key: `extras.policytrack.vote_key`; else, with an OCD `identifier` (unique only within
  its jurisdiction in pupa), `state-jurisdiction-date-identifier`; else blank, so the
  importer derives `state-jurisdiction-date`.

Writing is `policytrack.ocd_export`: what it writes, this reads back.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from policytrack.ingest.fields import FieldError, parse_count, text
from policytrack.ingest.jurisdictions import ocd_slug
from policytrack.vocab import Action, Outcome

COUNT_COLUMNS = ("yes", "no", "abstain", "absent")
OCD_COUNT_OPTIONS = ("yes", "no", "abstain", "absent", "excused", "not voting", "paired", "other")
ROW_KEYS = (
    "vote_key", "state", "jurisdiction", "jurisdiction_kind", "county", "body", "vote_date",
    "policy", "topic", "model", "action", "outcome", "yes", "no", "abstain", "absent",
    "roll_call", "sources", "confidence", "notes", "disputed", "seats",
)  # fmt: skip
EXTRA_KEYS = (
    "vote_key", "state", "jurisdiction", "jurisdiction_kind", "county", "topic", "model",
    "action", "outcome", "confidence", "notes", "disputed", "seats",
)  # fmt: skip
OCD_MARKERS = ("motion_text", "counts", "start_date")

_COUNT_ALIASES = {"aye": "yes", "yea": "yes", "nay": "no", "not_voting": "not voting"}
_RESULTS = {"pass": Outcome.PASSED.value, "fail": Outcome.FAILED.value}

_SHAPES: dict[str, tuple[type, ...]] = {
    "motion_text": (str,),
    "motion_classification": (list,),
    "counts": (list,),
    "votes": (list,),
    "sources": (list, str),
    "organization": (str, dict),
    "extras": (dict,),
    "identifier": (str, int),
}
# The columns of our votes table each OCD field fills (a shape issue leaves them blank;
# broken `extras` fill nothing, and the other fields are read as without them).
_COLUMNS_OF = {
    "motion_text": ("policy",), "motion_classification": ("action",), "counts": COUNT_COLUMNS,
    "votes": ("roll_call",), "sources": ("sources",), "organization": ("body",),
    "identifier": ("vote_key",),
}  # fmt: skip
_SHAPE_WORDS = {list: "a list", str: "text", dict: "an object", int: "a number"}
_DIVISION = re.compile(
    r"(?:^|/)(state|place|city|town|village|township|county|parish|borough):([^/]+)"
)
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]")


@dataclass(frozen=True)
class ShapeIssue:
    """One OCD field whose structure no column of ours can hold."""

    field: str
    value: Any
    rule: str


class OcdShapeError(ValueError):
    """An OCD VoteEvent whose structure cannot be read; every issue is listed."""

    def __init__(self, issues: list[ShapeIssue]) -> None:
        self.issues = issues
        super().__init__("; ".join(f"{i.field}: {i.rule}" for i in issues))


def looks_like_ocd(record: dict[str, Any]) -> bool:
    """An OCD VoteEvent has motion_text, counts or start_date and no jurisdiction_kind."""
    return "jurisdiction_kind" not in record and any(key in record for key in OCD_MARKERS)


# ------------------------------------------------------------------------------ reading


def ocd_to_row(event: dict[str, Any]) -> dict[str, Any]:
    """One OCD VoteEvent as a row of our votes table (raises OcdShapeError on bad structure)."""
    row, issues = read_event(event)
    if issues:
        raise OcdShapeError(issues)
    return row


def read_event(event: dict[str, Any]) -> tuple[dict[str, Any], list[ShapeIssue]]:
    """One OCD VoteEvent as a row of our votes table, and every structure issue; the columns
    a broken field would fill are left blank (`shape_columns`)."""
    issues = [issue for field in _SHAPES if (issue := _shape_issue(event, field))]
    ours = _our_extras(event.get("extras"), issues)
    columns, leftover = _counts(event.get("counts"), issues)
    roll_call = _roll_call(event.get("votes"), issues)
    row = _row(event, ours, columns, leftover, roll_call)
    for issue in issues:
        row.update(dict.fromkeys(shape_columns(issue.field)))
    return row, issues


def shape_columns(field: str) -> tuple[str, ...]:
    """The columns of our votes table that the OCD field `field` fills."""
    return _COLUMNS_OF.get(field, ())


def _row(
    event: dict[str, Any],
    ours: dict[str, Any],
    columns: dict[str, Any],
    leftover: dict[str, int],
    roll_call: list[dict[str, Any]],
) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(ROW_KEYS)
    row.update(_place(event))
    row.update(columns)
    row.update(
        body=_organization_name(event.get("organization")),
        vote_date=_day(event.get("start_date")),
        policy=event.get("motion_text"),
        action=_action(event.get("motion_classification")),
        outcome=_outcome(event.get("result")),
        roll_call=roll_call,
        sources=_source_urls(event.get("sources")),
    )
    row["vote_key"] = _identifier_key(row, event.get("identifier"))
    row.update({key: ours[key] for key in EXTRA_KEYS if key in ours})
    row["notes"] = _notes(row["notes"], leftover, ours.get("citations"))
    return row


def _shape_issue(event: dict[str, Any], field: str) -> ShapeIssue | None:
    value, allowed = event.get(field), _SHAPES[field]
    if value is None or (isinstance(value, allowed) and not isinstance(value, bool)):
        return None
    words = " or ".join(_SHAPE_WORDS[kind] for kind in allowed)
    return ShapeIssue(field, value, f"OCD {field} must be {words}")


def _our_extras(extras: Any, issues: list[ShapeIssue]) -> dict[str, Any]:
    ours = extras.get("policytrack") if isinstance(extras, dict) else None
    if ours is None or isinstance(ours, dict):
        return ours or {}
    issues.append(ShapeIssue("extras", ours, "extras.policytrack must be an object"))
    return {}


def _counts(raw: Any, issues: list[ShapeIssue]) -> tuple[dict[str, Any], dict[str, int]]:
    """Counts by our column, and the counts no column holds (kept in notes)."""
    given: dict[str, Any] = {}
    for number, entry in enumerate(raw if isinstance(raw, list) else [], start=1):
        option = _count_option(number, entry, issues)
        if option in given:
            issues.append(ShapeIssue("counts", entry, f"option {option!r} appears twice"))
        elif option is not None:
            given[option] = entry.get("value")
    if "absent" not in given and "excused" in given:
        given["absent"] = given.pop("excused")
    columns = {key: value for key, value in given.items() if key in COUNT_COLUMNS}
    return columns, _leftover_counts(given, issues)


def _count_option(number: int, entry: Any, issues: list[ShapeIssue]) -> str | None:
    if not isinstance(entry, dict) or "option" not in entry:
        rule = f"entry {number} must be an object {{option, value}}"
        issues.append(ShapeIssue("counts", entry, rule))
        return None
    option = text(entry["option"]).lower()
    option = _COUNT_ALIASES.get(option, option)
    if option not in OCD_COUNT_OPTIONS:
        allowed = ", ".join(OCD_COUNT_OPTIONS)
        rule = f"count option {text(entry['option'])!r} is not one of: {allowed}"
        issues.append(ShapeIssue("counts", entry, rule))
        return None
    return option


def _leftover_counts(given: dict[str, Any], issues: list[ShapeIssue]) -> dict[str, int]:
    leftover = {}
    for option, value in given.items():
        if option in COUNT_COLUMNS:
            continue
        try:
            number = parse_count(value)
        except FieldError as error:
            issues.append(ShapeIssue("counts", {"option": option, "value": value}, str(error)))
            continue
        if number:
            leftover[option] = number
    return leftover


def _roll_call(raw: Any, issues: list[ShapeIssue]) -> list[dict[str, Any]]:
    members = []
    for number, entry in enumerate(raw if isinstance(raw, list) else [], start=1):
        if not isinstance(entry, dict) or not text(entry.get("voter_name")):
            issues.append(ShapeIssue("votes", entry, f"entry {number} needs a voter_name"))
            continue
        members.append({"voter_name": entry["voter_name"], "option": entry.get("option")})
    return members


def _division_ids(event: dict[str, Any]) -> list[str]:
    holders = [event] + [event[k] for k in ("organization", "jurisdiction") if k in event]
    keys = ("division_id", "jurisdiction_id", "organization_id", "jurisdiction", "id")
    found = [h.get(k) for h in holders if isinstance(h, dict) for k in keys]
    return [i for i in found if isinstance(i, str) and "state:" in i]


def _place(event: dict[str, Any]) -> dict[str, Any]:
    """State, jurisdiction, kind and county from the first OCD division/jurisdiction id."""
    for ocd_id in _division_ids(event):
        parts = _DIVISION.findall(ocd_id.lower())
        states = [slug for kind, slug in parts if kind == "state"]
        if states:
            return _place_from_parts(states[0], [p for p in parts if p[0] != "state"])
    return {}


def _place_from_parts(state: str, local: list[tuple[str, str]]) -> dict[str, Any]:
    if not local:
        return {"state": state.upper(), "jurisdiction": state.upper(), "jurisdiction_kind": "state"}
    kind, slug = local[-1]
    name, _, suffix = slug.partition("~")
    counties = [_name(s) for k, s in local[:-1] if k in ("county", "parish")]
    county = suffix if re.fullmatch(r"\d{5}", suffix) else next(iter(counties), None)
    return {
        "state": state.upper(),
        "jurisdiction": _name(name),
        "jurisdiction_kind": "city" if kind == "place" else kind,
        "county": county,
    }


def _name(slug: str) -> str:
    return slug.replace("_", " ").title()


def _organization_name(raw: Any) -> Any:
    if isinstance(raw, str) and raw.startswith("~{"):  # a pupa pseudo-id: ~{"name": ...}
        try:
            raw = json.loads(raw[1:])
        except json.JSONDecodeError:
            return raw
    return raw.get("name") if isinstance(raw, dict) else raw


def _day(raw: Any) -> Any:
    if isinstance(raw, str) and _DATETIME.match(raw.strip()):
        return raw.strip()[:10]
    return raw


def _action(classification: Any) -> str:
    ours = {action.value for action in Action}
    listed = classification if isinstance(classification, list) else []
    found = [text(c).lower() for c in listed if text(c).lower() in ours]
    return found[0] if found else Action.OTHER.value


def _outcome(result: Any) -> Any:
    return _RESULTS.get(text(result).lower(), result)


def _source_urls(raw: Any) -> Any:
    if not isinstance(raw, list):
        return raw
    return [(item.get("url") or "") if isinstance(item, dict) else item for item in raw]


def _identifier_key(row: dict[str, Any], identifier: Any) -> str | None:
    if not text(identifier) or not row.get("state") or not row.get("jurisdiction"):
        return None
    date = row["vote_date"] if isinstance(row["vote_date"], str) else ""
    parts = [row["state"], row["jurisdiction"], date or "undated", text(identifier)]
    return "-".join(ocd_slug(str(p)).replace("_", "-") for p in parts)


def _notes(notes: Any, leftover: dict[str, int], citations: Any) -> Any:
    extra = []
    if leftover:
        counted = ", ".join(f"{option} {n}" for option, n in leftover.items())
        extra.append(f"OCD counts with no column here: {counted}.")
    if isinstance(citations, list) and citations:
        extra.append("Also cited (no URL): " + "; ".join(text(c) for c in citations) + ".")
    if not extra:
        return notes
    return " ".join([text(notes), *extra]).strip()
