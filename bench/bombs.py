"""Hostile workbooks against the importers (issue 12, item 9): time and peak memory of
`policytrack import votes` / `import ice` refusing them, each in a fresh process under a
memory limit, and of the largest file the limits accept.

    .venv/bin/python -m bench.bombs [--limit-mb 1024] [--out bench/results/<date>-bombs.md]

The bombs are built in a temporary folder (never committed), every cell SYNTHETIC:
- `inline-1gb.xlsx`: ~1 MB on disk, one inline string of 1 GB;
- `rows-3m.xlsx`: ~25 MB on disk, 3 million rows;
- `rows-at-limit.xlsx`: as many vote rows as the row limit allows (accepted), for scale.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from policytrack.config import get_settings

PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        "</Relationships>"
    ),
}
SHEET_OPEN = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_CLOSE = "</sheetData></worksheet>"
VOTE_HEADER = ["vote_key", "state", "jurisdiction", "jurisdiction_kind", "body", "vote_date",
               "policy", "action", "outcome", "yes", "no", "sources"]  # fmt: skip


def _cell(column: int, row: int, value: str) -> str:
    return f'<c r="{chr(65 + column)}{row}" t="inlineStr"><is><t>{value}</t></is></c>'


def _row(number: int, values: list[str]) -> str:
    cells = "".join(_cell(i, number, v) for i, v in enumerate(values))
    return f'<row r="{number}">{cells}</row>'


def _workbook(path: Path, rows: Iterable[str]) -> Path:
    """An .xlsx whose sheet streams from `rows` (an iterable of XML text)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        for name, text in PARTS.items():
            book.writestr(name, text)
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(SHEET_OPEN.encode())
            for chunk in rows:
                sheet.write(chunk.encode())
            sheet.write(SHEET_CLOSE.encode())
    return path


def inline_string_bomb(path: Path, size: int = 2**30) -> Path:
    """A header and one row whose notes cell is `size` characters."""

    def rows() -> Iterator[str]:
        yield _row(1, [*VOTE_HEADER, "notes"])
        yield '<row r="2"><c r="M2" t="inlineStr"><is><t>'
        chunk = "SYNTHETIC " * 100_000
        for _ in range(size // len(chunk)):
            yield chunk
        yield "</t></is></c></row>"

    return _workbook(path, rows())


def rows_bomb(path: Path, count: int = 3_000_000) -> Path:
    """A header and `count` tiny rows."""

    def rows() -> Iterator[str]:
        yield _row(1, ["STATE", "LAW ENFORCEMENT AGENCY", "SUPPORT TYPE"])
        for n in range(2, count + 2):
            yield _row(n, ["FLORIDA", f"SYNTHETIC {n}", "TFM"])

    return _workbook(path, rows())


def votes_at_limit(path: Path, count: int) -> Path:
    """`count` valid SYNTHETIC votes (what the limits accept)."""

    def rows() -> Iterator[str]:
        yield _row(1, VOTE_HEADER)
        for n in range(2, count + 2):
            yield _row(n, [f"synthetic-{n}", "FL", "Palm Bay", "city", "City Council",
                           "2025-04-03", "SYNTHETIC 287(g)", "approve", "passed", "5", "0",
                           f"https://example.invalid/synthetic/{n}"])  # fmt: skip

    return _workbook(path, rows())


def measure(command: list[str], env: dict[str, str], limit_mb: int) -> dict[str, object]:
    """Run `command` under an address-space limit: wall time, its own peak RSS, exit status
    and the first lines it said."""

    def limited() -> None:
        limit = limit_mb * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    with tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, env=env, stdout=output, stderr=output, preexec_fn=limited
        )
        _, status, usage = os.wait4(process.pid, 0)  # this child's own rusage
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        said = output.read().decode(errors="replace").strip().splitlines()
    return {"seconds": seconds, "peak_mb": usage.ru_maxrss / 1024, "exit": process.returncode,
            "said": said[:2]}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit-mb", type=int, default=1024, help="address-space limit")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument(
        "--skip-accepted", action="store_true", help="not the (slow) import at the row limit"
    )
    args = parser.parse_args()
    settings = get_settings()
    with tempfile.TemporaryDirectory(prefix="policytrack-bombs-") as folder:
        base = Path(folder)
        database = base / "bench.sqlite3"
        env = {**os.environ, "POLICYTRACK_DATABASE_URL": f"sqlite:///{database}"}
        cli = [sys.executable, "-m", "policytrack.cli"]
        subprocess.run([*cli, "db", "upgrade"], env=env, check=True, capture_output=True)
        # The row limit alone: the unpacked-size check lifted, so reading streams to it.
        lifted = {**env, "POLICYTRACK_MAX_INPUT_BYTES": str(2**31)}
        cases = [
            ("1 GB inline string", inline_string_bomb(base / "inline-1gb.xlsx"), "votes", env),
            ("3 million rows", rows_bomb(base / "rows-3m.xlsx"), "ice", env),
            ("3 million rows", base / "rows-3m.xlsx", "votes", env),
            ("3 million rows, size check lifted", base / "rows-3m.xlsx", "ice", lifted),
            ("3 million rows, size check lifted", base / "rows-3m.xlsx", "votes", lifted),
        ]
        if not args.skip_accepted:
            at_limit = votes_at_limit(base / "rows-at-limit.xlsx", settings.max_input_rows)
            cases.append((f"{settings.max_input_rows:,} votes (accepted)", at_limit, "votes", env))
        lines = [
            f"# Hostile workbooks ({dt.date.today()})",
            "",
            f"Each import in a fresh process limited to {args.limit_mb} MB of address space "
            f"(RLIMIT_AS); limits: {settings.max_input_bytes // 2**20} MB unpacked, "
            f"{settings.max_input_rows:,} rows, {settings.max_input_columns} columns, "
            f"{settings.max_cell_chars:,} characters a cell.",
            "",
            "| workbook | on disk | unpacked | command | exit | wall | peak RSS | said |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for name, path, kind, case_env in cases:
            with zipfile.ZipFile(path) as book:
                unpacked = sum(i.file_size for i in book.infolist())
            result = measure([*cli, "import", kind, str(path)], case_env, args.limit_mb)
            said = " / ".join(map(str, result["said"]))[:160]  # type: ignore[call-overload]
            lines.append(
                f"| {name} | {path.stat().st_size / 2**20:.1f} MB | {unpacked / 2**20:,.0f} MB "
                f"| import {kind} | {result['exit']} | {result['seconds']:.1f} s "
                f"| {result['peak_mb']:.0f} MB | {said} |"
            )
            print(lines[-1], flush=True)
    report = "\n".join(lines) + "\n"
    if args.out:
        args.out.write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
