"""Shared fixtures: a throw-away project directory and ways to lint it."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import os
import subprocess
import sys
import textwrap
import traceback
from pathlib import Path

import pytest

from mkdocs_decisions.archive import Archive
from mkdocs_decisions.config import load_settings

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


#: Set by the mutation run (benchmarks/mutation.py): `decisions()` then runs the
#: command inside the test's own process, where the mutated code is loaded, in a
#: fraction of the time a new interpreter takes to start. Everywhere else, CI
#: included, the command runs in a child process, as users run it.
IN_PROCESS = bool(os.environ.get("DECISIONS_TESTS_IN_PROCESS"))


def decisions(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real `decisions ARGS` in `cwd` (with `env`, the whole environment, if given)."""
    if IN_PROCESS:
        return _in_process(list(args), cwd, env)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs_decisions", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def _in_process(args: list[str], cwd: Path, env: dict[str, str] | None) -> subprocess.CompletedProcess[str]:
    """`decisions ARGS` as `python -m mkdocs_decisions` runs it, here: the same
    arguments, working directory, environment and exit status, and its
    output captured."""
    from mkdocs_decisions.cli import main

    saved = os.getcwd(), sys.argv, dict(os.environ)
    out, err = io.StringIO(), io.StringIO()
    os.chdir(cwd)
    sys.argv = ["decisions", *args]
    if env is not None:
        os.environ.clear()
        os.environ.update(env)
        # mutmut reads which mutant is active from here at every call
        os.environ["MUTANT_UNDER_TEST"] = saved[2].get("MUTANT_UNDER_TEST", "")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main()
                code = 0
            except SystemExit as done:
                code = done.code if isinstance(done.code, int) else int(done.code is not None)
            except Exception:  # as the interpreter would: the traceback on stderr, status 1
                traceback.print_exc()
                code = 1
    finally:
        os.chdir(saved[0])
        sys.argv = saved[1]
        os.environ.clear()
        os.environ.update(saved[2])
    return subprocess.CompletedProcess(["decisions", *args], code, out.getvalue(), err.getvalue())


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
        """Run the real `decisions` command."""
        return decisions(*args, cwd=cwd or self.root)

    def findings(self, *rules: str) -> list[tuple[str, str, int, int, str]]:
        """(rule, path, line, column, message) of every finding, in the library."""
        archive = Archive.load(load_settings(None, self.root))
        result = archive.check(select=rules)
        return [(d.rule, d.path, d.line, d.column, d.message) for d in result.diagnostics]


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path)
