"""Regression guard: the extractor on the team's labelled articles (../shared), scored with
the shared scorer as it is. Fails when a headline figure falls below its floor."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.articles import draft_all, score

from tests.conftest import require_shared

# Floors: issue 11's targets on these articles (reached: bench/results/*-articles.md).
FLOORS = {"field_accuracy": 0.93, "roll_call": 0.90, "stakeholders": 0.70, "stance": 0.80}


@pytest.mark.shared
def test_headline_figures_stay_at_or_above_their_floors(tmp_path: Path) -> None:
    folder = require_shared() / "data" / "articles" / "articles"
    preds = tmp_path / "preds.jsonl"
    seconds = draft_all(folder, preds)
    result = score(preds, folder)
    reached = {
        "field_accuracy": result["field_accuracy"],
        "roll_call": result["roll_call"]["f1"],
        "stakeholders": result["stakeholders"]["f1"],
        "stance": result["stakeholders"]["stance_accuracy"],
    }
    below = {k: round(v, 3) for k, v in reached.items() if v < FLOORS[k]}
    assert not below, f"below the floor {FLOORS}: {below}"
    assert len(seconds) == result["n_articles"] == 65
