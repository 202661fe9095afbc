"""What is wrong with input, said so a person can find and fix it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import ValidationError

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One rule broken by one value: where (file, row, field), what (value) and why (rule)."""

    file: str
    row: int | None
    field: str
    value: str
    rule: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file}, row {self.row}"
        value = self.value if len(self.value) <= 80 else self.value[:77] + "..."
        return f"{where}, field '{self.field}' = {value!r}: {self.rule}"


class ImportRefused(Exception):
    """Input broke at least one rule; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = [p for p in problems if p.severity == "error"]
        super().__init__(self.summary())

    def summary(self) -> str:
        """Every error, one per line, after a count."""
        count = len(self.problems)
        lines = [f"import refused, nothing written: {count} problem{'s' * (count != 1)}"]
        lines += [f"  {problem}" for problem in self.problems]
        return "\n".join(lines)


def problems_from_validation(
    error: ValidationError, file: str, row: int | None, row_values: dict[str, object]
) -> list[Problem]:
    """Turn pydantic's errors into problems that name the input column and its value."""
    problems = []
    for item in error.errors():
        field = str(item["loc"][0]) if item["loc"] else "(row)"
        value = row_values.get(field, item.get("input", ""))
        rule = str(item["msg"]).removeprefix("Value error, ")
        problems.append(Problem(file, row, field, "" if value is None else str(value), rule))
    return problems
