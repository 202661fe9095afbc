"""Characters that hide or reorder what a reader sees: bidirectional controls (a right-to-left
override makes `https://ok.example/\\u202egpj.exe` display as "exe.png"), zero-width
characters (`Ron\\u200bDeSantis` looks like `RonDeSantis`) and other control characters.

URLs holding one are refused (`first_hidden`); text holding one is shown with each such
character written out as `[U+202E]` (`visible`), so that nothing is silently reordered,
hidden or dropped. Stored records keep the characters as they came.
"""

from __future__ import annotations

import re

# Explicit bidi embeddings, overrides and isolates, and the implicit marks (LRM, RLM, ALM).
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
# Zero-width space, word joiner, zero-width no-break space (BOM), soft hyphen, combining
# grapheme joiner, Mongolian vowel separator, invisible operators, Hangul and Khmer fillers,
# interlinear annotation marks; joiners (ZWNJ, ZWJ) are apart: scripts and emoji need them.
ZERO_WIDTH = (
    "\u200b\u2060\ufeff\u00ad\u034f\u180e\u2061\u2062\u2063\u2064\u115f\u1160\u3164"
    "\uffa0\u17b4\u17b5\ufff9\ufffa\ufffb"
)
# Tag characters: invisible, they can carry a whole hidden text ("ASCII smuggling").
TAGS = "\U000e0000-\U000e007f"
JOINERS = "\u200c\u200d"
# C0 and C1 controls other than tab, line feed and carriage return.
CONTROLS = "".join(chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
CONTROLS += "".join(chr(c) for c in range(0x7F, 0xA0))

_HIDDEN = re.compile(f"[{re.escape(BIDI_CONTROLS + ZERO_WIDTH + CONTROLS)}{TAGS}]")
# A joiner does real work between two letters of a script that joins (Persian, Indic) or two
# emoji; next to ASCII, a space or the end of the text it only hides a difference.
_STRAY_JOINER = re.compile(f"(?:^|(?<=[\\x00-\\x7f]))[{JOINERS}]|[{JOINERS}](?=[\\x00-\\x7f]|$)")


def code_point(character: str) -> str:
    """`U+202E`: how a hidden character is named to a reader."""
    return f"U+{ord(character):04X}"


def first_hidden(text: str) -> str | None:
    """The first character in `text` that hides or reorders text (joiners included), or None."""
    found = _HIDDEN.search(text) or re.search(f"[{JOINERS}]", text)
    return found.group() if found else None


def visible(text: str) -> str:
    """`text` with every hiding or reordering character written out as `[U+XXXX]`."""
    if text.isascii() and text.isprintable():
        return text  # the common case, at the cost of one scan
    shown = _HIDDEN.sub(lambda m: f"[{code_point(m.group())}]", text)
    return _STRAY_JOINER.sub(lambda m: f"[{code_point(m.group())}]", shown)
