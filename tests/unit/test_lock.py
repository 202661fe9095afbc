"""requirements.lock pins every dependency pyproject.toml declares, at a version it allows:
`make` installs from the lock, so a dependency added to pyproject.toml without `make lock`
would be missing on a fresh machine."""

from __future__ import annotations

import re
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from policytrack.config import REPO_ROOT


def _pins() -> dict[str, list[str]]:
    pins: dict[str, list[str]] = {}
    text = (REPO_ROOT / "requirements.lock").read_text(encoding="utf-8")
    for name, version in re.findall(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)", text, re.MULTILINE):
        pins.setdefault(canonicalize_name(name), []).append(version)
    return pins


def test_every_declared_dependency_is_pinned_at_an_allowed_version() -> None:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    declared = [
        *project["project"]["dependencies"],
        *project["project"]["optional-dependencies"]["dev"],
    ]
    pins = _pins()
    for line in declared:
        requirement = Requirement(line)
        versions = pins.get(canonicalize_name(requirement.name))
        assert versions, f"{requirement.name} is declared but not in requirements.lock: make lock"
        assert any(requirement.specifier.contains(v) for v in versions), (
            f"requirements.lock pins {requirement.name} {versions}, outside {requirement.specifier}"
        )
