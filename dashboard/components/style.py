"""Colours and labels shared by every chart: Okabe–Ito colour-blind-safe palette, and the
words shown for each vocabulary value (values never rely on colour alone)."""

from __future__ import annotations

# Words for codes: the one vocabulary of labels (policytrack.vocab), re-exported for pages.
from policytrack.vocab import label as label

OUTCOME_COLOURS = {
    "passed": "#0072B2",  # blue
    "failed": "#D55E00",  # vermillion
    "deferred": "#E69F00",  # orange
    "withdrawn": "#999999",  # grey
}
STATUS_COLOURS = {
    "active": "#009E73",  # bluish green
    "pending": "#E69F00",  # orange
    "removed": "#999999",  # grey
    "superseded": "#56B4E9",  # sky blue
    "terminated": "#CC79A7",  # reddish purple
}
STANCE_COLOURS = {
    "support": "#0072B2",
    "oppose": "#D55E00",
    "mixed": "#CC79A7",
    "neutral": "#999999",
}
MODEL_COLOURS = {
    "task_force": "#0072B2",
    "jail_enforcement": "#009E73",
    "warrant_service_officer": "#E69F00",
    "unknown": "#999999",
}
# Markers differ by shape as well as colour, so outcomes read in grey scale too.
OUTCOME_SYMBOLS = {"passed": "circle", "failed": "x", "deferred": "diamond", "withdrawn": "square"}
STATUS_SYMBOLS = {
    "active": "circle",
    "pending": "diamond",
    "removed": "x",
    "superseded": "square",
    "terminated": "triangle-up",
}
SEQUENTIAL = "Blues"  # choropleths: one hue, light to dark (readable without colour vision)
