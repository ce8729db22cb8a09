"""The project's own promises: its records lint clean, its docs cover every rule."""

from __future__ import annotations

import re

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
    documented = dict(re.findall(r"^\| `([a-z-]+)` \| (error|warning) \|", text, re.MULTILINE))
    assert documented == {rule.id: rule.severity.value for rule in REGISTRY.values()}
