"""The changes (`queries.changes`) as an Atom 1.0 feed (RFC 4287) anyone can subscribe to.

One entry per change, newest first, each with an id that never changes (a `tag:` URI made
of the change's natural key) and a link to its record page under the public base URL.
What the first list of each kind on record had is one entry for that list (on the list
when tracking began is no news). Outside text (agency names, measures) goes out as plain
text (`type="text"`), never as HTML; characters XML cannot carry are dropped, and those
that hide or reorder text are written out. The same
database gives the same bytes, so a cron job that rewrites the file changes it only when
something changed.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from urllib.parse import quote, urlencode, urlsplit

from policytrack.hidden_text import visible
from policytrack.queries.changes import Change, ListCount
from policytrack.schemas import check_http_url
from policytrack.vocab import MODEL_LABELS, Model287g

ATOM = "http://www.w3.org/2005/Atom"
DEFAULT_PUBLIC_URL = "http://127.0.0.1:8501"  # `policytrack serve` on this machine
TAG_YEAR = 2025  # the `tag:` URIs' date: when these ids were first minted
# What XML 1.0 cannot carry at all (most control characters, lone surrogates, U+FFFE/FFFF).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def public_base(url: str | None) -> str:
    """The public base URL, checked (http or https with a host), without a trailing slash;
    ValueError when it is not one. Empty means this machine's dashboard."""
    return check_http_url(url or DEFAULT_PUBLIC_URL).rstrip("/")


def record_url(base: str, record: str, key: str) -> str:
    """The address of a record page (`record?agreement=KEY`, `record?vote=KEY`)."""
    return f"{base}/record?{urlencode({record: key})}"


def atom_feed(
    changes: Iterable[Change],
    *,
    base: str,
    first_lists: Iterable[ListCount] = (),
    states: tuple[str, ...] = (),
    self_url: str | None = None,
    now: dt.datetime | None = None,
) -> bytes:
    """The Atom document (UTF-8): an entry per change (newest first) and one per first list
    on record (`first_lists`: the counts of what those lists had), links under `base`.

    `now` is used only when there is no entry (Atom needs a time; an empty feed has none)."""
    entries = [(c.at, _entry(c, base)) for c in changes if not c.first_list]
    entries += [
        (_midnight(listed.on), _first_list_entry(listed, base, states))
        for listed in first_lists
        if listed.first_list and listed.counts.get("added")
    ]
    entries.sort(key=lambda pair: pair[0], reverse=True)  # stable: ties keep their order
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "id", _tag(base, "changes" + (f"/{'+'.join(states)}" if states else "")))
    where = f" ({', '.join(states)})" if states else ""
    _text(feed, "title", f"policytrack: changes to ICE's 287(g) lists and to votes{where}")
    _text(
        feed,
        "subtitle",
        "What ICE added, removed, renamed, re-dated, relabelled and moved from pending to "
        "active on its 287(g) lists, by list date, and which votes were added or edited.",
    )
    latest = max((entry[0] for entry in entries), default=now or dt.datetime.now(dt.UTC))
    _text(feed, "updated", _rfc3339(latest))
    _link(feed, f"{base}/", "alternate", "text/html")
    if self_url:
        _link(feed, check_http_url(self_url), "self", "application/atom+xml")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "policytrack")
    _text(feed, "generator", "policytrack")
    for _, entry in entries:
        feed.append(entry)
    out = io.BytesIO()
    ET.ElementTree(feed).write(out, encoding="utf-8", xml_declaration=True)
    return out.getvalue() + b"\n"


ET.register_namespace("", ATOM)


def _entry(change: Change, base: str) -> ET.Element:
    entry = ET.Element(f"{{{ATOM}}}entry")
    _text(entry, "id", _tag(base, change.id))
    _text(entry, "title", f"{change.state} · {change.name}: {change.summary}")
    _text(entry, "updated", _rfc3339(change.at))
    _link(entry, record_url(base, change.record, change.key), "alternate", "text/html")
    _text(entry, "summary", _details(change))
    _category(entry, change.change)
    _category(entry, change.state)
    return entry


def _details(change: Change) -> str:
    """The entry's summary: what, which record, where it was seen."""
    lines = [change.summary]
    if change.record == "vote" and change.after:
        lines.append(f"Measure: {change.after}")
    model = _model(change.model)
    if model:
        lines.append(f"287(g) model: {model}")
    day = change.on.isoformat()
    if change.record == "agreement":
        lines.append(f"Seen on: {change.source}")
    elif change.source == "policytrack":
        lines.append(f"Added to policytrack on {day}")
    else:
        lines.append(f"Edited on {day} ({change.source})")
    lines.append(f"Record: {change.record} {change.key}")
    return "\n".join(lines)


def _first_list_entry(listed: ListCount, base: str, states: tuple[str, ...]) -> ET.Element:
    entry = ET.Element(f"{{{ATOM}}}entry")
    scope = "+".join(states) or "all"
    day = listed.on.isoformat()
    _text(entry, "id", _tag(base, f"first-list/{listed.list_kind}/{day}/{scope}"))
    added = listed.counts["added"]
    what = f"{added} agreement{'s' if added != 1 else ''}" + (
        f" in {', '.join(states)}" if states else ""
    )
    _text(entry, "title", f"{listed.source}: the first list on record, {what}")
    _text(entry, "updated", _rfc3339(_midnight(listed.on)))
    query = urlencode([("state", s) for s in states])
    _link(entry, f"{base}/data" + (f"?{query}" if query else ""), "alternate", "text/html")
    _text(
        entry,
        "summary",
        f"{what} on ICE's {listed.list_kind} list of {day}, the first such list on record: "
        "changes are counted from the next list on.",
    )
    _category(entry, "first_list")
    return entry


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def _model(value: str) -> str:
    try:
        model = Model287g(value)
    except ValueError:
        return value
    return "" if model is Model287g.UNKNOWN else MODEL_LABELS[model]


def _tag(base: str, specific: str) -> str:
    """A `tag:` URI (RFC 4151) under the public site's host: ids are the publisher's own."""
    host = urlsplit(base).hostname or "localhost"
    return f"tag:{host},{TAG_YEAR}:policytrack/{quote(specific, safe='/:+~-._')}"


def _rfc3339(moment: dt.datetime) -> str:
    aware = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _text(parent: ET.Element, name: str, value: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{name}")
    if name in ("title", "subtitle", "summary"):
        element.set("type", "text")  # plain text: feed readers never render it as HTML
    element.text = _shown(value)
    return element


def _shown(value: str) -> str:
    """Text as XML can carry it, with characters that hide or reorder text written out as
    `[U+202E]` (the dashboard's one rule, `hidden_text.visible`)."""
    return _NOT_XML.sub("", visible(value))


def _link(parent: ET.Element, href: str, rel: str = "alternate", kind: str = "") -> None:
    link = ET.SubElement(parent, f"{{{ATOM}}}link", {"rel": rel, "href": href})
    if kind:
        link.set("type", kind)


def _category(parent: ET.Element, term: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}category", {"term": _shown(term)})
