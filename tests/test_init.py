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


# -- without git: the install line, the names given, the files kept ---------------------------

WORKFLOW = ".github/workflows/decisions.yml"
EDIT_LINE = ("edit .github/workflows/decisions.yml: put the git URL you install mkdocs-decisions from in its "
             "'pip install' line (OWNER is a placeholder)")


def installed_as(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, direct_url: str | None) -> dict[str, str]:
    """The environment of a copy of mkdocs-decisions 9.8.7 installed with this PEP 610
    `direct_url.json` (None: none, as from a wheel on PyPI), ahead of the real one."""
    site = tmp_path / "site"
    info = site / "mkdocs_decisions-9.8.7.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: mkdocs-decisions\nVersion: 9.8.7\n")
    if direct_url is not None:
        (info / "direct_url.json").write_text(direct_url)
    monkeypatch.syspath_prepend(str(site))  # when the command runs in this process
    paths = [str(site), *filter(None, [os.environ.get("PYTHONPATH")])]
    return {"PYTHONPATH": os.pathsep.join(paths)}


GIT_URL = "https://example.invalid/team/mkdocs-decisions.git"


@pytest.mark.parametrize(
    ("direct_url", "install"),
    [
        (f'{{"url": "{GIT_URL}", "vcs_info": {{"vcs": "git", "requested_revision": "v1.2", "commit_id": "0a1b2c"}}}}',
         f"mkdocs-decisions @ git+{GIT_URL}@v1.2"),
        (f'{{"url": "{GIT_URL}", "vcs_info": {{"vcs": "git", "commit_id": "0a1b2c"}}}}',
         f"mkdocs-decisions @ git+{GIT_URL}@0a1b2c"),
        (f'{{"url": "{GIT_URL}", "vcs_info": {{"vcs": "git"}}}}', f"mkdocs-decisions @ git+{GIT_URL}"),
        (None, None),
        ("not json", None),
        ('{"url": "file:///src/mkdocs-decisions", "dir_info": {"editable": true}}', None),
        (f'{{"url": "{GIT_URL}", "vcs_info": {{"vcs": "hg", "commit_id": "0a1b2c"}}}}', None),
    ],
    ids=["tag", "commit", "branch", "wheel", "broken", "editable", "hg"],
)
def test_ci_installs_from_the_git_url_this_copy_came_from(tmp_path, monkeypatch, direct_url, install):
    """CI must install the same plugin: the git URL (and tag or commit) pip recorded, else a
    placeholder URL with this version, which the user is told to fill in."""
    env = installed_as(tmp_path, monkeypatch, direct_url)
    root = tmp_path / "payments"
    root.mkdir()
    done = run(root, "init", "--author", "Ann", env=env)
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    expected = install or "mkdocs-decisions @ git+https://github.com/OWNER/mkdocs-decisions@v9.8.7"
    assert f'      - run: pip install "{expected}"\n' in (root / WORKFLOW).read_text()
    assert done.stdout.splitlines() == [f"wrote {path}" for path in STARTERS] + (
        [] if install else [EDIT_LINE]
    ) + ["next: decisions lint, then mkdocs serve"]


def test_init_writes_the_names_and_date_it_is_given(tmp_path, monkeypatch):
    """The site's name heads mkdocs.yml and the home page, and the person and the day are those
    of the first ADR and RFC, quoted where YAML needs it."""
    root = tmp_path / "payments"
    root.mkdir()
    done = run(root, "init", "--name", "Payments: core", "--author", "O'Brien, Ann",
               env=installed_as(tmp_path, monkeypatch, None))
    assert done.returncode == 0, done.stderr
    assert (root / "mkdocs.yml").read_text() == (
        'site_name: "Payments: core"\ntheme:\n  name: mkdocs\nplugins:\n  - search\n  - decisions:\n      handbook: true\n'
    )
    assert (root / "docs" / "index.md").read_text().startswith("# Payments: core\n\nWhat we decided, ")
    assert (root / STARTERS[2]).read_text().startswith(
        "---\nstatus: accepted\ndate: 2025-12-03\ndeciders: [\"O'Brien, Ann\"]\n---\n# Record architecture decisions\n"
    )
    assert (root / STARTERS[3]).read_text().startswith(
        "---\nstatus: accepted\ndate: 2025-12-03\nauthors: [\"O'Brien, Ann\"]\n---\n# Propose changes in RFCs\n"
    )
    assert (run(root, "lint").returncode, run(root, "lint").stdout) == (0, "")


def test_init_keeps_every_file_there_is_and_says_what_to_add_to_each(tmp_path, monkeypatch):
    """A repository set up already keeps all its files; each is named with what to add by hand,
    and a first record is not added to a folder that has records."""
    root = tmp_path / "payments"
    mine = {
        "mkdocs.yml": "site_name: Ours\n",
        "docs/index.md": "# Ours\n",
        "adr/0007-use-kafka.md": "# 7. Use Kafka\n\n## Status\n\nAccepted\n",
        "rfc/0003-plan.md": "---\nstatus: draft\ndate: 2025-01-01\nauthors: [Bo]\n---\n# Plan\n",
        ".pre-commit-config.yaml": "repos: []\n",
        WORKFLOW: "name: ours\n",
    }
    for path, text in mine.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    done = run(root, "init", "--author", "Ann", env=installed_as(tmp_path, monkeypatch, None))
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines() == [
        "kept mkdocs.yml: add '- decisions: {handbook: true}' to its plugins",
        "kept docs/index.md: link the decision pages from it: adr/, rfc/, timeline/",
        "kept adr/0001-record-architecture-decisions.md: the folder has records already",
        "kept rfc/0001-propose-changes-in-rfcs.md: the folder has records already",
        "kept .pre-commit-config.yaml: add the decisions-lint hook from docs/lint.md",
        "kept .github/workflows/decisions.yml: add the decisions lint step from docs/lint.md",
        "next: decisions lint, then mkdocs serve",
    ]
    assert {p.relative_to(root).as_posix(): p.read_text() for p in root.rglob("*") if p.is_file()} == mine
