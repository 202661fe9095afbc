"""One vocabulary of labels for people (policytrack.vocab): pages show "287(g) agreement",
"Task Force Model", "Approve", never the codes the records store."""

import pytest
from sqlalchemy import Engine

from tests.app.conftest import app_on, signed_in

MIAMI = "fl-miami-2025-06-17"


def test_the_edit_form_offers_labels_and_keeps_codes(
    seeded_sqlite: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = signed_in(seeded_sqlite, monkeypatch)
    at.text_input(key="vote").input(MIAMI).run()
    topic = at.selectbox(key=f"{MIAMI}-topic")
    assert topic.options == ["287(g) agreement", "Other ICE cooperation", "State law"]
    assert topic.value == "287g_agreement"
    model = at.selectbox(key=f"{MIAMI}-model")
    assert "Task Force Model" in model.options and "task_force" not in model.options


def test_the_map_places_table_reads_in_words(
    seeded_sqlite: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = app_on(seeded_sqlite, monkeypatch)
    at.query_params["zoom"] = "Florida"
    at.run()
    places = next(d.value for d in at.dataframe if "latest_outcome" in d.value.columns)
    assert set(places["kind"]) == {"City / town", "County"}
    assert set(places["latest_outcome"]) <= {"Passed", "Failed", "Deferred", "Withdrawn"}
    assert "Approve" in set(places["latest_action"])
