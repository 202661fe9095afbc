"""The load driver (bench/load.py) on the bundled data, 2 viewers × 1 round, so it cannot rot:
it still speaks Streamlit's protocol, still finds the pages and the State filter, and every
page still runs without an exception. Timings are not asserted (a shared 2-core machine)."""

from pathlib import Path

from bench import load


def test_two_viewers_visit_every_page_and_change_the_state(tmp_path: Path) -> None:
    report = tmp_path / "load.md"
    results = load.run(["--sessions", "2", "--rounds", "1", "--think", "0", "--ramp", "0",
                        "--timeout", "30", "--max-seconds", "60", "--out", str(report),
                        "--json", str(tmp_path / "load.json")])  # fmt: skip
    samples = results["samples"]
    assert results["errors"] == []
    assert all(s["ok"] for s in samples)
    pages = {s["page"] for s in samples if s["action"] == "open"}
    assert {"Map", "Timeline", "Data & about", "Edit"} <= pages
    for session in (0, 1):
        mine = [s for s in samples if s["session"] == session]
        assert len(mine) == 1 + 2 * len(pages)  # the first page, then open + filter per page
        assert {s["state"] for s in mine if s["action"] == "filter"} - {""}
    assert results["server"]["rss_peak_mb"] > 0
    assert "| all reruns | " in report.read_text(encoding="utf-8")
