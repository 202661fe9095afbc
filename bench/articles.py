"""The article assistant on the labelled articles: drafts, the scorer's headline, speed.

    python -m bench.articles                  # all articles in ../shared/data/articles
    python -m bench.articles --write          # also bench/results/<date>-articles.md
    python -m bench.articles --synthetic      # the invented regression set in tests/data
    python -m bench.articles --articles DIR   # another labelled folder (same layout)

Each article's text goes through exactly what `policytrack draft FILE --url URL --published
DATE --json` runs (read_article on a .txt file, then draft_with_backend, offline unless an
endpoint is configured); the JSON lines are scored with the shared `score.py` as it is. The
held-out third (every third vote key in sorted order) is scored on its own as well.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from policytrack.articles.backend import draft_with_backend
from policytrack.articles.reading import read_article

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data" / "articles"
RESULTS = REPO / "bench" / "results"
SYNTHETIC = REPO / "tests" / "data" / "articles_synthetic"


def held_out_keys(folder: Path) -> list[str]:
    """Every third vote key in sorted order: the third kept aside while developing rules."""
    keys = sorted({_load(p)["truth"]["vote_key"] for p in folder.glob("[0-9]*.json")})
    return keys[2::3]


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def draft_all(folder: Path, out: Path, cpu: list[float] | None = None) -> list[float]:
    """Draft every article into `out` (JSON lines); the wall seconds each took (and the CPU
    seconds into `cpu`: on a shared machine they say more than the wall clock)."""
    seconds = []
    with out.open("w", encoding="utf-8") as fh, tempfile.TemporaryDirectory() as tmp:
        for path in sorted(folder.glob("[0-9]*.json")):
            record = _load(path)
            text_file = Path(tmp) / f"{path.stem}.txt"
            text_file.write_text(record["text"], encoding="utf-8")
            published = (
                dt.date.fromisoformat(record["published"]) if record.get("published") else None
            )
            start, start_cpu = time.perf_counter(), time.process_time()
            article = read_article(text_file, url=record.get("url"), published=published)
            prediction = draft_with_backend(article).to_json()
            seconds.append(time.perf_counter() - start)
            if cpu is not None:
                cpu.append(time.process_time() - start_cpu)
            fh.write(
                json.dumps({"file": path.name, "prediction": prediction}, ensure_ascii=False) + "\n"
            )
    return seconds


def score(preds: Path, folder: Path, votes: list[str] | None = None) -> dict:
    """The shared scorer's JSON result."""
    scorer = SHARED / "score.py" if (SHARED / "score.py").exists() else folder.parent / "score.py"
    command = [
        sys.executable,
        str(scorer),
        str(preds),
        "--articles",
        str(folder),
        "--json",
    ]
    if votes:
        command += ["--votes", ",".join(votes)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def headline(result: dict) -> str:
    """The four headline figures on one line."""
    sh = result["stakeholders"]
    return (
        f"field accuracy {result['field_accuracy']:.3f} | roll-call F1 {result['roll_call']['f1']:.3f} | "
        f"stakeholder F1 {sh['f1']:.3f} | stance accuracy {sh['stance_accuracy']:.3f} "
        f"({result['n_articles']} articles)"
    )


def main(argv: list[str] | None = None) -> None:
    """Draft, score, print; `--write` keeps a dated results file."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=Path, default=SHARED / "articles")
    parser.add_argument(
        "--synthetic",
        action="store_true",
        help=f"score the invented regression set ({SYNTHETIC.relative_to(REPO)})",
    )
    parser.add_argument(
        "--write", action="store_true", help="write bench/results/<date>-articles.md"
    )
    args = parser.parse_args(argv)
    folder: Path = SYNTHETIC if args.synthetic else args.articles
    RESULTS.mkdir(parents=True, exist_ok=True)
    preds = RESULTS / "articles-preds.tmp"
    load_before = os.getloadavg()[0]  # the machine is shared: say how busy it was
    start = time.perf_counter()
    cpu: list[float] = []
    seconds = draft_all(folder, preds, cpu)
    total = time.perf_counter() - start
    everything = score(preds, folder)
    # The held-out third is the one kept aside while the rules were written on the 65.
    held = held_out_keys(folder) if folder.resolve() != SYNTHETIC.resolve() else []
    held_result = score(preds, folder, held) if held else None
    lines = [
        f"all:      {headline(everything)}",
        *([f"held out: {headline(held_result)} — votes {', '.join(held)}"] if held_result else []),
        f"speed:    {total:.2f} s for {len(seconds)} articles; per article median "
        f"{statistics.median(seconds):.3f} s, slowest {max(seconds):.3f} s (the first loads the "
        f"gazetteer); load average before {load_before:.1f}, after {os.getloadavg()[0]:.1f}",
        f"CPU:      {sum(cpu):.2f} s in all; per article median {statistics.median(cpu):.3f} s, "
        f"first {cpu[0]:.3f} s, slowest after it {max(cpu[1:], default=0):.3f} s",
    ]
    print("\n".join(lines))
    if args.write:
        _write(lines, everything, folder)
    preds.unlink(missing_ok=True)


TARGETS = """Targets (issue 11): field accuracy ≥ 0.93, roll-call F1 ≥ 0.90, stakeholder F1 ≥ 0.70, stance
accuracy ≥ 0.80 on these articles; ≤ 1 s per article and ≤ 30 s for all."""
TARGETS_SYNTHETIC = """Targets on articles the extractor has not seen (issue 11): field accuracy ≥ 0.85, roll-call F1 ≥
0.80, stakeholder F1 ≥ 0.55. These invented texts were seen while the rules were generalised, so
their figures overstate unseen performance; they guard against regressions."""


def _write(lines: list[str], result: dict, folder: Path) -> None:
    day = dt.date.today().isoformat()
    synthetic = folder.resolve() == SYNTHETIC.resolve()
    what = "the invented regression set (tests/data/articles_synthetic)" if synthetic else folder
    fields = "\n".join(
        f"| {name} | {row['accuracy']:.3f} | {row['correct']} | {row['wrong']} | {row['missed']} | {row['spurious']} |"
        for name, row in result["fields"].items()
    )
    title = "the synthetic regression set" if synthetic else "the labelled articles"
    text = f"""# Article assistant on {title}, {day}

`python -m bench.articles --write{" --synthetic" if synthetic else ""}` on {what} — offline
rules (no endpoint configured), {platform.python_version()}, {platform.machine()}, shared 2-core
machine. Scored with ../shared/data/articles/score.py as it is.

```
{chr(10).join(lines)}
```

| field | accuracy | correct | wrong | missed | spurious |
|---|---:|---:|---:|---:|---:|
{fields}

{TARGETS_SYNTHETIC if synthetic else TARGETS}
"""
    name = f"{day}-articles-synthetic.md" if synthetic else f"{day}-articles.md"
    (RESULTS / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
