"""Shared fixtures: a throw-away project directory and ways to lint it."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mkdocs_decisions.archive import Archive
from mkdocs_decisions.config import load_settings

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def accepted_adr(title: str = "Use a message queue", extra: str = "", date: str = "2026-01-10") -> str:
    """A valid ADR, with `extra` frontmatter lines added."""
    return (
        f"---\nstatus: accepted\ndate: {date}\ndeciders: [alice]\n{extra}---\n"
        f"# {title}\n\n## Context\n\nOrders arrive in bursts.\n"
    )


@dataclasses.dataclass
class Project:
    root: Path

    def write(self, relative: str, text: str | bytes, dedent: bool = True) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_bytes((textwrap.dedent(text) if dedent else text).encode("utf-8"))
        return path

    def run(self, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        """Run the real `decisions` command in a subprocess."""
        return subprocess.run(
            [sys.executable, "-m", "mkdocs_decisions", *args],
            cwd=cwd or self.root,
            capture_output=True,
            text=True,
            timeout=120,
        )

    def findings(self, *rules: str) -> list[tuple[str, str, int, int, str]]:
        """(rule, path, line, column, message) of every finding, in the library."""
        archive = Archive.load(load_settings(None, self.root))
        result = archive.check(select=rules)
        return [(d.rule, d.path, d.line, d.column, d.message) for d in result.diagnostics]


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path)
