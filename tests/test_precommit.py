"""The pre-commit hook and the CI workflow, as users copy them.

* `decisions lint --records-only`, what the hook runs: pre-commit names every
  file a commit changes, and only the project's records may be checked;
* the hook of `.pre-commit-hooks.yaml`, installed by the real pre-commit from
  this checkout into its own virtualenv, on real commits of a small project;
* the GitHub Actions workflow of `docs/examples/decisions-workflow.yml` (the
  one `docs/lint.md` shows), each `run:` step run in a git repository with a
  base branch.

pre-commit and the workflow install the package with pip, from a snapshot
commit of this checkout as it is now (tracked and new files, as `git add -A`
would take them); its dependencies come from the package index pip is set up
with. Without git or pre-commit the tests are skipped, in CI they fail.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO, accepted_adr, decisions

from mkdocs_decisions import __version__

HOOKS = REPO / ".pre-commit-hooks.yaml"
WORKFLOW = REPO / "docs" / "examples" / "decisions-workflow.yml"
LINT_DOCS = REPO / "docs" / "lint.md"

VALID = "adr/0001-use-postgresql.md"
BROKEN = "adr/0002-use-kafka.md"
# line 2, `status: acepted`: the value starts at column 9
BROKEN_TEXT = (
    "---\nstatus: acepted\ndate: 2026-01-10\ndeciders: [alice]\n---\n# Use Kafka\n\nOrders arrive in bursts.\n"
)
BROKEN_FINDING = (
    f"{BROKEN}:2:9: error unknown-status: unknown status 'acepted' (did you mean 'accepted'?); "
    "ADR statuses are: proposed, accepted, rejected, deprecated, superseded"
)
# what pre-commit names on a commit that changes no record: none of these is one
NOT_RECORDS = ("README.md", "docs/index.md", "adr/README.md", "adr/template.md", "mkdocs.yml")


def _missing(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{what} (CI must run these tests)")
    pytest.skip(what)


def _environment(**extra: str) -> dict[str, str]:
    """This process's environment without git's per-repository variables (as
    set when pytest itself runs inside a git hook), and without the user's
    git configuration: no global hooksPath, signing or default branch."""
    environment = {name: value for name, value in os.environ.items() if not name.startswith("GIT_")}
    environment.update(
        GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Ann", GIT_AUTHOR_EMAIL="ann@example.invalid",
        GIT_COMMITTER_NAME="Ann", GIT_COMMITTER_EMAIL="ann@example.invalid",
        PRE_COMMIT_COLOR="never", **extra,
    )
    return environment


def git(cwd: Path, *arguments: str) -> str:
    return subprocess.run(
        ["git", *arguments], cwd=cwd, check=True, capture_output=True, text=True, env=_environment()
    ).stdout


def write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def user_project(root: Path) -> Path:
    """A git repository with a site: mkdocs.yml with the plugin's section,
    pages, and an adr/ folder holding a valid record, one with an error (an
    unknown status) and two files that are not records. All committed."""
    write(root, "mkdocs.yml", "site_name: Team\nplugins:\n  - search\n  - decisions:\n"
          "      kinds:\n        adr: {directory: adr}\n")
    write(root, "README.md", "# Team\n")
    write(root, "docs/index.md", "# Home\n")
    write(root, VALID, accepted_adr("Use PostgreSQL"))
    write(root, BROKEN, BROKEN_TEXT)
    write(root, "adr/README.md", "# Our decisions\n\nOne file per decision.\n")
    write(root, "adr/template.md", "---\nstatus: proposed\ndate: YYYY-MM-DD\n---\n# [Title]\n")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "start")
    return root


# -- decisions lint --records-only -------------------------------------------------


@pytest.fixture
def records(project):
    """A project with a valid record, a broken one, and files that are not records."""
    project.write("mkdocs.yml", "site_name: Team\nplugins:\n  - decisions\n")
    project.write("README.md", "# Team\n")
    project.write("docs/index.md", "# Home\n")
    project.write(VALID, accepted_adr("Use PostgreSQL"))
    project.write(BROKEN, BROKEN_TEXT)
    project.write("adr/0003-use-redis.md", BROKEN_TEXT.replace("# Use Kafka", "# Use Redis"))
    project.write("adr/README.md", "# Our decisions\n")
    project.write("adr/template.md", "---\nstatus: proposed\ndate: YYYY-MM-DD\n---\n# [Title]\n")
    return project


def assert_clean(result) -> None:
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_records_only_naming_no_record_passes_silently(records):
    assert_clean(records.run("lint", "--records-only", *NOT_RECORDS))


def test_records_only_naming_no_record_prints_a_clean_document_in_json(records):
    result = records.run("lint", "--records-only", "--format", "json", "README.md", "docs/index.md")
    assert (result.returncode, result.stderr) == (0, "")
    assert json.loads(result.stdout) == {
        "diagnostics": [], "summary": {"records": 3, "errors": 0, "warnings": 0, "fixed": 0}
    }


def test_records_only_naming_a_valid_record_passes(records):
    assert_clean(records.run("lint", "--records-only", "README.md", VALID, "docs/index.md"))


def test_records_only_reports_the_named_records_findings_only(records):
    # adr/0003 has the same error, but is not named
    result = records.run("lint", "--records-only", "README.md", BROKEN, "adr/README.md", VALID)
    assert result.returncode == 1
    assert result.stdout == BROKEN_FINDING + "\n"
    assert result.stderr == "1 error(s), 0 warning(s) in 3 record(s)\n"


def test_records_only_keeps_folders(records):
    result = records.run("lint", "--records-only", "README.md", "adr")
    assert result.returncode == 1
    assert result.stdout == BROKEN_FINDING + "\n" + BROKEN_FINDING.replace(BROKEN, "adr/0003-use-redis.md") + "\n"


def test_records_only_still_refuses_a_name_that_does_not_exist(records):
    result = records.run("lint", "--records-only", "README.md", "adr/0001-use-postgress.md")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "decisions: error: adr/0001-use-postgress.md: no such file or directory\n"


def test_without_records_only_a_file_that_is_not_a_record_is_a_usage_error_that_says_why(records):
    result = records.run("lint", "README.md", VALID)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"decisions: error: README.md: not a record of this project (records live in adr/, rfc/ under "
        f"{records.root.resolve()}); run from the project's root or name its mkdocs.yml with -f\n"
    )
    result = records.run("lint", "adr/README.md", VALID)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "decisions: error: adr/README.md: not read as a record: 'README.md' matches 'README.md' in the "
        "'exclude' option\n"
    )


def test_records_only_follows_the_configured_folders_and_extensions(project):
    """Records are what mkdocs.yml says they are: another folder, another
    extension (.markdown here; a reader of another package may read .yaml)."""
    project.write("mkdocs.yml", "site_name: Team\nplugins:\n  - decisions:\n      kinds:\n"
                  "        adr: {directory: docs/decisions}\n"
                  "        rfc: {directory: proposals, extensions: [.markdown]}\n")
    project.write("docs/decisions/0001-use-kafka.md", BROKEN_TEXT)
    project.write("docs/decisions/index.md", "# Decisions\n")
    project.write("proposals/0001-plan.markdown",
                  "---\nstatus: drafty\ndate: 2026-01-10\nauthors: [carol]\n---\n# Plan\n\nText.\n")
    project.write("proposals/notes.md", "# Notes\n")
    project.write("adr/0001-old.md", BROKEN_TEXT)  # not a record folder any more
    not_records = ("docs/decisions/index.md", "proposals/notes.md", "adr/0001-old.md", "mkdocs.yml")
    assert_clean(project.run("lint", "--records-only", *not_records))
    result = project.run("lint", "--records-only", *not_records, "proposals/0001-plan.markdown",
                         "docs/decisions/0001-use-kafka.md")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        BROKEN_FINDING.replace(BROKEN, "docs/decisions/0001-use-kafka.md"),
        "proposals/0001-plan.markdown:2:9: error unknown-status: unknown status 'drafty' (did you mean "
        "'draft'?); RFC statuses are: draft, in-review, accepted, rejected, implemented, withdrawn",
    ]


def test_records_only_follows_a_found_folder(project):
    """No kinds configured: the ADR folder adr-tools' .adr-dir names (config.discover_directory)."""
    project.write(".adr-dir", "doc/architecture/decisions\n")
    project.write("doc/architecture/decisions/0001-use-kafka.md", BROKEN_TEXT)
    project.write("doc/architecture/decisions/README.md", "# Decisions\n")
    project.write("adr/0001-old.md", BROKEN_TEXT)  # not the ADR folder here
    not_records = ("doc/architecture/decisions/README.md", "adr/0001-old.md", ".adr-dir")
    assert_clean(project.run("lint", "--records-only", *not_records))
    result = project.run("lint", "--records-only", *not_records, "doc/architecture/decisions/0001-use-kafka.md")
    assert result.returncode == 1
    assert result.stdout == BROKEN_FINDING.replace(BROKEN, "doc/architecture/decisions/0001-use-kafka.md") + "\n"


def test_records_only_with_a_config_file_in_a_subfolder_leaves_out_files_outside_it(project):
    """A monorepo: pre-commit runs at the top, the site lives in site/ (args: [-f, site/mkdocs.yml])."""
    project.write("site/mkdocs.yml", "site_name: Team\nplugins:\n  - decisions\n")
    project.write("site/adr/0001-use-kafka.md", BROKEN_TEXT)
    project.write("README.md", "# Monorepo\n")
    project.write("adr/0001-elsewhere.md", BROKEN_TEXT)  # outside the site's project
    args = ("lint", "--records-only", "-f", "site/mkdocs.yml", "README.md", "adr/0001-elsewhere.md")
    assert_clean(project.run(*args))
    result = project.run(*args, "site/adr/0001-use-kafka.md")
    assert result.returncode == 1
    assert result.stdout == BROKEN_FINDING.replace(BROKEN, "adr/0001-use-kafka.md") + "\n"


# -- the hook, run by pre-commit ------------------------------------------------------


@pytest.fixture(scope="module")
def tools() -> None:
    if shutil.which("git") is None:
        _missing("git is not installed")
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        _missing("pre-commit is not installed (pip install -e '.[test]')")


@pytest.fixture(scope="module")
def snapshot(tools, tmp_path_factory) -> tuple[Path, str]:
    """This checkout as `git add -A` would commit it now, as a repository of
    its own: (its path, its commit)."""
    if not (REPO / ".git").exists():
        _missing(f"{REPO} is not a git checkout")
    listed = git(REPO, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    copy = tmp_path_factory.mktemp("checkout") / "mkdocs-decisions"
    for relative in filter(None, listed):
        source = REPO / relative
        if source.is_file() and not source.is_symlink():  # deleted and not yet staged: left out
            (copy / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / relative)
    git(copy, "init", "-q", "-b", "main")
    git(copy, "add", "-A")
    git(copy, "commit", "-q", "-m", "snapshot")
    return copy, git(copy, "rev-parse", "HEAD").strip()


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory) -> Path:
    """Shared by the module's tests: pre-commit builds the hook's virtualenv once."""
    return tmp_path_factory.mktemp("pre-commit-home")


def pre_commit(cwd: Path, home: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *arguments], cwd=cwd, capture_output=True, text=True,
        timeout=600, env=_environment(PRE_COMMIT_HOME=str(home)),
    )


@pytest.fixture
def hooked(snapshot, pre_commit_home, tmp_path) -> Path:
    """A user's project whose .pre-commit-config.yaml names this repository's
    hook, installed as a git pre-commit hook (`pre-commit install`)."""
    checkout, commit = snapshot
    root = user_project(tmp_path / "project")
    write(root, ".pre-commit-config.yaml",
          f"repos:\n  - repo: {checkout}\n    rev: {commit}\n    hooks:\n      - id: decisions-lint\n")
    git(root, "add", ".pre-commit-config.yaml")
    installed = pre_commit(root, pre_commit_home, "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return root


def commit(root: Path, home: Path, *changes: tuple[str, str]) -> subprocess.CompletedProcess[str]:
    """Change files, stage them and commit, through the git hook pre-commit installed."""
    for relative, text in changes:
        write(root, relative, text)
        git(root, "add", relative)
    return subprocess.run(
        ["git", "commit", "-m", "change"], cwd=root, capture_output=True, text=True, timeout=600,
        env=_environment(PRE_COMMIT_HOME=str(home)),
    )


def hook_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    """pre-commit's report of the hook, without its set-up messages ([INFO] ...);
    git gives a hook's output to its standard error."""
    lines = result.stderr.splitlines()
    return [line for line in lines if line.strip() and not line.startswith("[INFO]")]


def test_hook_passes_a_commit_that_changes_no_record(hooked, pre_commit_home):
    result = commit(hooked, pre_commit_home, *((name, "# Changed\n") for name in ("README.md", "docs/index.md")),
                    ("adr/README.md", "# Our decisions, listed\n"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.fullmatch(r"decisions lint\.+Passed", hook_lines(result)[0]), result.stdout + result.stderr
    assert git(hooked, "log", "--format=%s") == "change\nstart\n"


def test_hook_passes_a_commit_that_changes_a_valid_record(hooked, pre_commit_home):
    # adr/0002 has an error, but this commit does not touch it
    result = commit(hooked, pre_commit_home, ("README.md", "# Changed\n"),
                    (VALID, accepted_adr("Use PostgreSQL 16")))
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.fullmatch(r"decisions lint\.+Passed", hook_lines(result)[0])


def test_hook_fails_a_commit_that_changes_a_broken_record_naming_file_line_column(hooked, pre_commit_home):
    result = commit(hooked, pre_commit_home, ("README.md", "# Changed\n"),
                    (BROKEN, BROKEN_TEXT.replace("bursts", "waves")))
    assert result.returncode == 1
    lines = hook_lines(result)
    assert re.fullmatch(r"decisions lint\.+Failed", lines[0]), result.stdout + result.stderr
    assert lines[1:] == [
        "- hook id: decisions-lint", "- exit code: 1", BROKEN_FINDING,
        "1 error(s), 0 warning(s) in 2 record(s)",
    ]
    assert git(hooked, "log", "--format=%s") == "start\n"  # nothing was committed


def test_hook_checks_records_of_any_configured_extension(hooked, pre_commit_home):
    """The hook's own file filter must not stand between pre-commit and a record (.markdown here)."""
    config = ("site_name: Team\nplugins:\n  - decisions:\n      kinds:\n"
              "        adr: {directory: adr}\n        rfc: {directory: proposals, extensions: [.markdown]}\n")
    result = commit(hooked, pre_commit_home, ("mkdocs.yml", config), ("proposals/0001-plan.markdown", BROKEN_TEXT))
    assert result.returncode == 1
    assert "\nproposals/0001-plan.markdown:2:9: error unknown-status: unknown status 'acepted'" in result.stderr


def test_try_repo_runs_the_hook_of_the_checkout(snapshot, tmp_path):
    """`pre-commit try-repo`, the way to try a hook before adding it (it
    builds the hook's virtualenv in a temporary store of its own)."""
    checkout, commit_id = snapshot
    root = user_project(tmp_path / "project")
    arguments = ("try-repo", str(checkout), "decisions-lint", "--ref", commit_id, "--files")
    # once only: each run builds the virtualenv again (10 s or so)
    result = pre_commit(root, tmp_path / "unused-home", *arguments, *NOT_RECORDS, VALID, BROKEN)
    assert result.returncode == 1, result.stdout + result.stderr
    report = result.stdout[result.stdout.rindex("=" * 79) + 80:]  # after the config it prints
    lines = [line for line in report.splitlines() if line.strip() and not line.startswith("[INFO]")]
    assert re.fullmatch(r"decisions lint\.+Failed", lines[0]), report
    assert lines[1:] == [
        "- hook id: decisions-lint", "- exit code: 1", BROKEN_FINDING, "1 error(s), 0 warning(s) in 2 record(s)",
    ]


def test_the_local_since_hook_of_the_docs_runs_on_a_commit_that_only_deletes_a_record(tools, tmp_path):
    """docs/lint.md's `decisions-since-main` hook, as written there: a deletion
    names no file, so without always_run pre-commit would skip the hook."""
    hook = re.search(r"```yaml\n(  - repo: local\n.*?)```", LINT_DOCS.read_text(encoding="utf-8"), re.DOTALL)
    assert hook, "docs/lint.md no longer shows the local decisions-since-main hook"
    root = user_project(tmp_path / "project")
    git(root, "rm", "-q", "adr/0002-use-kafka.md")
    git(root, "commit", "-q", "-m", "without the broken record")
    git(root, "checkout", "-q", "-b", "topic")
    write(root, ".pre-commit-config.yaml", "repos:\n" + hook.group(1))
    git(root, "add", ".pre-commit-config.yaml")
    git(root, "commit", "-q", "-m", "hooks")
    home = tmp_path / "home"
    assert pre_commit(root, home, "install").returncode == 0
    git(root, "rm", "-q", VALID)
    # language: system: the `decisions` of the Python running the tests
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    result = subprocess.run(["git", "commit", "-m", "drop"], cwd=root, capture_output=True, text=True,
                            timeout=600, env=_environment(PRE_COMMIT_HOME=str(home), PATH=path))
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(r"^decisions lint --since main\.+Failed$", result.stderr, re.MULTILINE), result.stderr
    assert f"\n{VALID}:1:1: error deleted-record: " in result.stderr


# -- the GitHub Actions workflow -------------------------------------------------------

INSTALL = re.compile(
    r'pip install "mkdocs-decisions @ git\+https://github\.com/OWNER/mkdocs-decisions@v(?P<version>[^"]+)"'
)


def workflow_steps() -> list[dict]:
    document = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    (job,) = document["jobs"].values()
    return job["steps"]


def test_docs_show_the_workflow_file_as_it_is():
    """What users copy from the page is the file the next tests run."""
    page = LINT_DOCS.read_text(encoding="utf-8")
    assert f"```yaml\n{WORKFLOW.read_text(encoding='utf-8')}```\n" in page
    assert "(examples/decisions-workflow.yml)" in page


def test_docs_and_hooks_file_install_from_the_repository_at_this_version():
    page = LINT_DOCS.read_text(encoding="utf-8")
    assert "pip install mkdocs-decisions\n" not in page
    config = re.search(r"```yaml\n(repos:\n  - repo: https://.*?)```", page, re.DOTALL)
    assert config, "docs/lint.md no longer shows a .pre-commit-config.yaml"
    (repo,) = yaml.safe_load(config.group(1))["repos"]
    assert repo["repo"] == "https://github.com/OWNER/mkdocs-decisions"
    assert repo["rev"] == f"v{__version__}"
    hooks = {hook["id"]: hook for hook in yaml.safe_load(HOOKS.read_text(encoding="utf-8"))}
    assert [hook["id"] for hook in repo["hooks"]] == ["decisions-lint"]
    assert hooks["decisions-lint"]["entry"] == "decisions lint --records-only"
    assert hooks["decisions-lint"]["require_serial"] is True
    assert "files" not in hooks["decisions-lint"]
    assert f"#     rev: v{__version__}\n" in HOOKS.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def runner(snapshot, tmp_path_factory):
    """The workflow's steps, made runnable here: the `uses:` steps are what
    the test does itself (a clone with all history; a Python with pip), the
    install step installs the snapshot, and `${{ github.base_ref }}` is main."""
    checkout, commit_id = snapshot
    steps = workflow_steps()
    assert [step.get("uses") for step in steps if "uses" in step] == ["actions/checkout@v4", "actions/setup-python@v5"]
    assert steps[0]["with"] == {"fetch-depth": 0}
    commands = [step["run"] for step in steps if "run" in step]
    installs = [command for command in commands if INSTALL.fullmatch(command)]
    assert len(installs) == 1, commands
    assert INSTALL.fullmatch(installs[0])["version"] == __version__
    # (file://localhost/...: older pips want a host in a git+file URL)
    local = f'pip install "mkdocs-decisions @ git+file://localhost{checkout.as_posix()}@{commit_id}"'
    runnable = [local if command == installs[0] else command.replace("${{ github.base_ref }}", "main")
                for command in commands]
    changed = [(before, after) for before, after in zip(commands, runnable) if before != after]
    assert [before for before, _ in changed] == [installs[0], *(c for c in commands if "${{ github.base_ref }}" in c)]
    assert not any("${{" in command for command in runnable), runnable
    # setup-python: a virtualenv (pre-commit brings virtualenv, which makes one in
    # a second; venv takes ten) that sees this Python's packages, so that pip finds
    # the dependencies installed and puts only the package, from the git URL, in
    # it (a fresh resolution of the dependencies is the hook tests' part, and .ci/new-user's)
    venv = tmp_path_factory.mktemp("setup-python") / "venv"
    subprocess.run([sys.executable, "-m", "virtualenv", "-q", "--system-site-packages", str(venv)],
                   check=True, capture_output=True)
    path = f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}"

    def step(command: str, workspace: Path) -> subprocess.CompletedProcess[str]:
        # GitHub's `run:` shell: bash --noprofile --norc -eo pipefail {0}
        return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", command], cwd=workspace,
                              capture_output=True, text=True, timeout=900,
                              env=_environment(PATH=path, VIRTUAL_ENV=str(venv)))

    # the install step once, for both pull requests; then the steps after it
    (position,) = [n for n, command in enumerate(runnable) if command == local]
    assert runnable[:position] == [], "a step before the install step would not be run"
    installed = step(local, venv.parent)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert shutil.which("decisions", path=str(venv / "bin")), "the install step installed no 'decisions' command"
    where = "import mkdocs_decisions; print(mkdocs_decisions.__file__)"
    imported = subprocess.run([str(venv / "bin" / "python"), "-c", where],
                              capture_output=True, text=True, check=True, cwd=venv.parent).stdout
    assert Path(imported.strip()).is_relative_to(venv), f"the venv runs {imported}, not the package it installed"
    return lambda workspace: [step(command, workspace) for command in runnable[position + 1:]]


def pull_request(tmp_path: Path, *changes: tuple[str, str]) -> Path:
    """A clone of a repository whose main branch holds the user's project,
    on a branch that makes `changes`: what actions/checkout gives a pull request."""
    origin = user_project(tmp_path / "origin")
    git(origin, "rm", "-q", BROKEN)  # main is clean
    git(origin, "commit", "-q", "-m", "clean")
    workspace = tmp_path / "workspace"
    git(tmp_path, "clone", "-q", str(origin), str(workspace))
    git(workspace, "checkout", "-q", "-b", "topic")
    for relative, text in changes:
        write(workspace, relative, text)
    git(workspace, "add", "-A")
    git(workspace, "commit", "-q", "-m", "change")
    return workspace


def test_workflow_passes_a_clean_pull_request(runner, tmp_path):
    proposed = accepted_adr("Use Redis").replace("status: accepted", "status: proposed")
    (lint,) = runner(pull_request(tmp_path, ("adr/0003-use-redis.md", proposed), ("README.md", "# Changed\n")))
    assert (lint.returncode, lint.stdout, lint.stderr) == (0, "", "")


def test_workflow_fails_a_pull_request_that_rewrites_an_accepted_record(runner, tmp_path):
    (lint,) = runner(pull_request(tmp_path, (VALID, accepted_adr("Use MySQL"))))
    assert lint.returncode == 1, lint.stdout + lint.stderr
    annotation = f"::error file={VALID},line=6,col=1,title=decisions rewritten-decision::"
    assert lint.stdout.startswith(annotation), lint.stdout


def test_generate_hook_fails_a_commit_that_leaves_the_generated_pages_stale(snapshot, pre_commit_home, tmp_path):
    """For a site built by Zensical from the pages `decisions generate` wrote: a commit that
    changes a record but not its page fails, naming the page; generating again lets it through."""
    checkout, revision = snapshot
    root = user_project(tmp_path / "project")
    generated = decisions("generate", cwd=root)
    assert generated.returncode == 0, generated.stderr
    write(root, ".pre-commit-config.yaml",
          f"repos:\n  - repo: {checkout}\n    rev: {revision}\n    hooks:\n      - id: decisions-generate\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "generated")
    assert pre_commit(root, pre_commit_home, "install").returncode == 0
    result = commit(root, pre_commit_home, (VALID, accepted_adr("Use PostgreSQL 16")))
    assert result.returncode == 1
    lines = hook_lines(result)
    assert re.fullmatch(r"decisions generate --check\.+Failed", lines[0]), result.stdout + result.stderr
    assert lines[1:3] == ["- hook id: decisions-generate", "- exit code: 1"]
    assert f"  adr/{Path(VALID).stem}/index.md (stale)" in lines
    assert decisions("generate", cwd=root).returncode == 0
    git(root, "add", "-A")
    passed = commit(root, pre_commit_home)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.fullmatch(r"decisions generate --check\.+Passed", hook_lines(passed)[0])
