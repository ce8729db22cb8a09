"""The project's own promises: its records lint clean, its docs cover every rule."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys

import pytest

from conftest import REPO

from mkdocs_decisions.archive import Archive
from mkdocs_decisions.config import load_settings
from mkdocs_decisions.rules import REGISTRY


def test_own_decisions_are_lint_clean():
    archive = Archive.load(load_settings(REPO / "mkdocs.yml", REPO))
    assert len([r for r in archive.records if r.kind == "adr"]) >= 5
    assert len([r for r in archive.records if r.kind == "rfc"]) >= 2
    assert archive.check().diagnostics == []


def test_docs_describe_every_rule_with_its_severity():
    text = (REPO / "docs" / "lint.md").read_text(encoding="utf-8")
    documented = dict(re.findall(r"^\| `([a-z-]+)` \| (error|warning|info) \|", text, re.MULTILINE))
    assert documented == {rule.id: rule.severity.value for rule in REGISTRY.values()}


def _third_party_imports() -> set[str]:
    """Top-level names of what the package imports outside the standard library."""
    found = set()
    for path in (REPO / "plugin" / "mkdocs_decisions").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return {name for name in found if name not in sys.stdlib_module_names and name != "mkdocs_decisions"}


def test_every_package_the_code_imports_is_declared_and_nothing_else():
    tomllib = pytest.importorskip("tomllib")  # Python 3.11
    declared = {
        re.split(r"[<>=!~ \[;]", requirement)[0].lower()
        for requirement in tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
    }
    distributions = importlib.metadata.packages_distributions()
    imported = {distributions[name][0].lower() for name in _third_party_imports()}
    assert imported == declared
