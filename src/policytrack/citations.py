"""How to cite one record: a plain-text citation, BibTeX and CSL-JSON built from the same
few facts (publisher, title, as-of date, permanent URL, accessed date). Pure functions: the
Record page gathers the facts, these only write them out.

The publisher is the dashboard itself ("policytrack"), written as a corporate author so that
reference managers do not split it into first and last names. The as-of date is the record's
last change (or, where none is recorded, how current the data are); the accessed date is the
reader's today, as citation styles for web pages ask."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

PUBLISHER = "policytrack"

# What each record kind is called in a citation ("vote record").
KIND_NAMES = {
    "vote": "vote",
    "jurisdiction": "jurisdiction",
    "agreement": "287(g) agreement",
    "person": "person",
    "stakeholder": "stakeholder",
}
# BibTeX's special characters, each written so that LaTeX prints it as itself.
_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}


@dataclass(frozen=True, slots=True)
class Citation:
    """The facts a citation of one record is made of."""

    kind: str  # vote, jurisdiction, agreement, person or stakeholder
    key: str
    title: str
    as_of: dt.date | None
    url: str
    accessed: dt.date


def kind_name(kind: str) -> str:
    """The record kind in words (`stakeholder_key` is a stakeholder)."""
    return KIND_NAMES.get(kind.removesuffix("_key"), kind)


def one_line(text: str) -> str:
    """Text on one line, runs of white space (line breaks included) made one space."""
    return " ".join(text.split())


def plain_text(citation: Citation) -> str:
    """`policytrack. “Title” (vote record, as of 2025-06-17). URL (accessed 2026-12-08).`"""
    as_of = f", as of {citation.as_of.isoformat()}" if citation.as_of else ""
    return (
        f"{PUBLISHER}. “{one_line(citation.title)}” ({kind_name(citation.kind)} record{as_of})."
        f" {citation.url} (accessed {citation.accessed.isoformat()})."
    )


def bibtex_escaped(text: str) -> str:
    """Text that LaTeX prints as written (special characters escaped, one line)."""
    return "".join(_BIBTEX_ESCAPES.get(c, c) for c in one_line(text))


def bibtex_key(citation: Citation) -> str:
    """A citation key BibTeX accepts: `policytrack:vote:fl-miami-2025-06-17`."""
    key = re.sub(r"[^A-Za-z0-9._-]+", "-", citation.key).strip("-") or "record"
    return f"{PUBLISHER}:{citation.kind.removesuffix('_key')}:{key}"


def _url_for_bibtex(url: str) -> str:
    """Braces and spaces cannot stand in a BibTeX URL field: percent-encode them."""
    return url.replace("{", "%7B").replace("}", "%7D").replace(" ", "%20")


def bibtex(citation: Citation) -> str:
    """A BibTeX `@misc` entry (biblatex's `url`, `urldate` and `date` fields, and
    `howpublished`/`year`/`note` for classic BibTeX styles)."""
    url = _url_for_bibtex(citation.url)
    fields = [
        ("author", f"{{{PUBLISHER}}}"),
        ("title", f"{{{bibtex_escaped(citation.title)}}}"),
        ("publisher", PUBLISHER),
        ("howpublished", f"\\url{{{url}}}"),
        ("url", url),
        ("urldate", citation.accessed.isoformat()),
    ]
    if citation.as_of:
        fields += [("date", citation.as_of.isoformat()), ("year", str(citation.as_of.year))]
    note = f"{kind_name(citation.kind).capitalize()} record"
    if citation.as_of:
        note += f", as of {citation.as_of.isoformat()}"
    fields.append(("note", bibtex_escaped(note)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{bibtex_key(citation)},\n{body}\n}}\n"


def _date_parts(day: dt.date) -> dict[str, list[list[int]]]:
    return {"date-parts": [[day.year, day.month, day.day]]}


def csl_item(citation: Citation) -> dict[str, object]:
    """The record as one CSL-JSON item (type `dataset`; the publisher as a literal author)."""
    item: dict[str, object] = {
        "id": bibtex_key(citation),
        "type": "dataset",
        "title": one_line(citation.title),
        "author": [{"literal": PUBLISHER}],
        "publisher": PUBLISHER,
        "genre": f"{kind_name(citation.kind)} record",
        "URL": citation.url,
        "accessed": _date_parts(citation.accessed),
    }
    if citation.as_of:
        item["issued"] = _date_parts(citation.as_of)
    return item


def csl_json(citation: Citation) -> str:
    """CSL-JSON as reference managers import it: a list holding the one item."""
    return json.dumps([csl_item(citation)], ensure_ascii=False, indent=2) + "\n"
