"""`decisions init`, run as a user runs it, in a fresh git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import decisions

STARTERS = [
    "mkdocs.yml",
    "docs/index.md",
    "adr/0001-record-architecture-decisions.md",
    "rfc/0001-propose-changes-in-rfcs.md",
    ".pre-commit-config.yaml",
    ".github/workflows/decisions.yml",
]


def run(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return decisions(*args, cwd=root, env={**os.environ, "SOURCE_DATE_EPOCH": "1764720000", **(env or {})})


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "payments"
    root.mkdir()
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
    subprocess.run(["git", "config", "user.name", "Ann Example"], cwd=root, check=True)
    subprocess.run(["git", "config", "user.email", "ann@example.invalid"], cwd=root, check=True)
    return root


def test_init_sets_up_a_repository_that_lints_and_builds_clean(repo):
    done = run(repo, "init")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [f"wrote {path}" for path in STARTERS] + [
        "edit .github/workflows/decisions.yml: put the git URL you install mkdocs-decisions from in its "
        "'pip install' line (OWNER is a placeholder)",
        "next: decisions lint, then mkdocs serve",
    ]
    adr = (repo / STARTERS[2]).read_text()
    assert adr.startswith("---\nstatus: accepted\ndate: 2025-12-03\ndeciders: [Ann Example]\n---\n")
    lint = run(repo, "lint")
    assert (lint.returncode, lint.stdout, lint.stderr) == (0, "", "")
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=repo,
                           capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr
    for page in ("adr/0001-record-architecture-decisions/index.html", "rfc/index.html", "handbook/index.html"):
        assert (repo / "site" / page).is_file(), page


def test_init_never_overwrites_a_file(repo):
    (repo / "mkdocs.yml").write_text("site_name: Ours\n")
    (repo / "adr").mkdir()
    (repo / "adr" / "0007-use-kafka.md").write_text("# 7. Use Kafka\n\n## Status\n\nAccepted\n")
    done = run(repo, "init", "--author", "Bo")
    assert done.returncode == 0, done.stderr
    assert "kept mkdocs.yml: add '- decisions: {handbook: true}' to its plugins" in done.stdout.splitlines()
    assert "kept adr/0001-record-architecture-decisions.md: the folder has records already" in done.stdout
    assert (repo / "mkdocs.yml").read_text() == "site_name: Ours\n"
    assert sorted(p.name for p in (repo / "adr").iterdir()) == ["0007-use-kafka.md"]
    first = {path: (repo / path).read_bytes() for path in STARTERS if (repo / path).exists()}
    again = run(repo, "init", "--author", "Bo")
    assert again.returncode == 0
    assert "kept rfc/0001-propose-changes-in-rfcs.md: as init wrote it" in again.stdout
    assert not any(line.startswith("wrote ") for line in again.stdout.splitlines())
    assert {path: (repo / path).read_bytes() for path in first} == first


def test_init_needs_someone_to_name(tmp_path):
    empty_home = {"HOME": str(tmp_path), "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    done = run(tmp_path, "init", env=empty_home)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "decisions: error: who decided the first ADR? give --author NAME (git has no user.name here)\n"
    assert not (tmp_path / "mkdocs.yml").exists()


def test_the_generated_ci_workflow_runs_lint_and_a_strict_build(repo):
    run(repo, "init")
    workflow = yaml.safe_load((repo / ".github" / "workflows" / "decisions.yml").read_text())
    steps = [step.get("run") for step in workflow["jobs"]["lint"]["steps"] if "run" in step]
    assert steps[0].startswith('pip install "mkdocs-decisions @ git+https://')
    assert steps[1:] == ["decisions lint --format github --since origin/${{ github.base_ref }}", "mkdocs build --strict"]


def test_the_generated_pre_commit_hook_passes_other_files_and_stops_a_bad_record(repo):
    if shutil.which("pre-commit") is None:
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    run(repo, "init")
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    hook = subprocess.run(["pre-commit", "run", "--all-files"], cwd=repo, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home")})
    assert hook.returncode == 0, hook.stdout + hook.stderr
    (repo / "README.md").write_text("# Payments\n")
    (repo / "adr" / "0002-use-kafka.md").write_text("---\nstatus: acepted\ndate: 2026-01-01\n---\n# Use Kafka\n")
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    hook = subprocess.run(["pre-commit", "run", "--files", "README.md", "adr/0002-use-kafka.md"], cwd=repo,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home")})
    assert hook.returncode == 1
    assert "adr/0002-use-kafka.md:2:9: error unknown-status: unknown status 'acepted'" in hook.stdout
