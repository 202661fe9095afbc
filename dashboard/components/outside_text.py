"""Text from outside (names, measures, quotes, notes, keys, file names, anything typed) on its
way to the screen. Every such string goes through one of these, by where it is shown:

- `shown`: plain text (`st.text`, selectbox options): characters that hide or reorder text
  written out as `[U+202E]`;
- `shown_table`: the same for every text cell of a frame given to `st.dataframe`;
- `markdown`: anywhere Streamlit renders markdown (titles, subheaders, captions, alerts,
  page-link and button labels): every markdown-active character escaped, and whatever
  Streamlit would turn into an element even when escaped — bare URLs, `www.` and e-mail
  addresses (GFM autolinks), `:material/…:` icons, `:streamlit:` — set as inline code, which
  shows it literally;
- `plotly`: chart labels, hover text and titles, which plotly.js reads as a subset of HTML
  (`<a href>`, `<span style>`, `<br>`): `<`, `>` and `&` escaped;
- `plotly_labels`: axis categories, capped and kept distinct.

Downloads (CSV, JSON) carry the stored text unchanged: they are data, not a page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

import pandas as pd

from policytrack.hidden_text import visible

HEADING = 200  # characters of outside text in a title, subheader or link label
HOVER = 300  # characters of one outside text in a chart's hover or cell
TICK = 60  # characters of an axis label: longer ones squeeze the chart itself

_MARKDOWN_ACTIVE = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$&=^\"'/])")
# What Streamlit's markdown makes an element of after escapes are resolved: GFM autolink
# literals (http(s)://, www., e-mail, mailto:, xmpp:) and its own icon shortcodes.
_BECOMES_ELEMENT = re.compile(r"://|www\.|@[-\w]+\.|mailto:|xmpp:|:streamlit:|:material_", re.I)
# Streamlit rewrites `:material/` to `:material_` before parsing (inside code too): escaped,
# the slash keeps it from doing so.
_ICON_PREFIX = ":material/"


def cap(text: str, limit: int | None) -> str:
    """`text` cut to `limit` characters, the cut marked with an ellipsis."""
    if limit is None or len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)] + "…"


def shown(text: object, limit: int | None = None) -> str:
    """Outside text for a plain-text element: hidden characters written out (and capped)."""
    return cap(visible(str(text)), limit)


def markdown(text: object, limit: int | None = None) -> str:
    """Outside text for anywhere Streamlit renders markdown: shows literally, on one line."""
    one_line = " ".join(shown(text).split())
    return "".join(_word(w) for w in re.split(r"(\s+)", cap(one_line, limit)))


def _word(word: str) -> str:
    """One word (no white space) as markdown; `:material/` stays escaped text between the
    pieces, since Streamlit rewrites it before parsing, inside inline code too."""
    return _escaped(_ICON_PREFIX).join(_piece(p) for p in word.split(_ICON_PREFIX))


def _piece(text: str) -> str:
    return _code_span(text) if _BECOMES_ELEMENT.search(text) else _escaped(text)


def _escaped(text: str) -> str:
    return _MARKDOWN_ACTIVE.sub(r"\\\1", text)


def _code_span(text: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def plotly(text: object, limit: int | None = HOVER) -> str:
    """Outside text for a plotly label, hover or title: shows literally."""
    return html.escape(shown(text, limit), quote=False)


def plotly_labels(values: Iterable[object], limit: int = TICK) -> list[str]:
    """Axis categories for plotly: escaped, capped, and still distinct after the cut (two
    long names with one beginning would otherwise be drawn as one row)."""
    labels: list[str] = []
    taken: set[str] = set()
    for value in values:
        label, number = plotly(value, limit), 1
        while label in taken:
            number += 1
            label = f"{plotly(value, limit - len(str(number)) - 3)} ({number})"
        taken.add(label)
        labels.append(label)
    return labels


def shown_table(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame for `st.dataframe` with every text cell (and list of texts) as `shown`."""
    columns = [
        name
        for name, column in frame.items()
        if column.dtype == object or pd.api.types.is_string_dtype(column.dtype)
    ]
    if not columns:
        return frame
    cleaned = frame.copy()
    for name in columns:
        cleaned[name] = frame[name].map(_shown_cell)
    return cleaned


def _shown_cell(value: object) -> object:
    if isinstance(value, str):
        return shown(value)
    if isinstance(value, list | tuple):
        return [shown(v) if isinstance(v, str) else v for v in value]
    return value
