"""History from git, in real repositories made by the tests with controlled dates."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import accepted_adr, decisions
from test_plugin import make_site, run_build, soup

from mkdocs_decisions import history
from mkdocs_decisions.archive import Archive
from mkdocs_decisions.baseline import baseline
from mkdocs_decisions.config import Settings, load_settings

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(root: Path, *arguments: str, date: str = "2026-01-01T10:00:00+00:00") -> None:
    environment = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
                   "GIT_AUTHOR_NAME": "Ann", "GIT_AUTHOR_EMAIL": "ann@example.invalid",
                   "GIT_COMMITTER_NAME": "Ann", "GIT_COMMITTER_EMAIL": "ann@example.invalid"}
    subprocess.run(["git", "-C", str(root), *arguments], check=True, capture_output=True, env=environment)


def commit(root: Path, message: str, date: str) -> None:
    git(root, "add", "-A", date=date)
    git(root, "commit", "-q", "-m", message, date=date)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "adr").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    proposed = accepted_adr("Use Kafka").replace("status: accepted", "status: proposed")
    (root / "adr" / "0001-use-kafka.md").write_text(proposed)
    commit(root, "Propose Kafka", "2026-01-05T09:00:00+00:00")
    (root / "adr" / "0001-use-kafka.md").write_text(accepted_adr("Use Kafka"))
    commit(root, "Accept Kafka", "2026-02-10T09:00:00+00:00")
    (root / "adr" / "0001-use-kafka.md").rename(root / "adr" / "0001-use-kafka-for-events.md")
    commit(root, "Rename", "2026-03-01T09:00:00+00:00")
    (root / "adr" / "0002-gone.md").write_text(accepted_adr("Gone"))
    commit(root, "Add a record", "2026-03-02T09:00:00+00:00")
    (root / "adr" / "0002-gone.md").unlink()
    commit(root, "Remove it", "2026-03-03T09:00:00+00:00")
    return root


def test_one_pass_gives_creation_last_change_and_statuses(repository):
    found = history.load(Settings.from_mapping(None, repository))
    assert found is not None and found.notice == ""
    assert set(found.records) == {"adr/0001-use-kafka-for-events.md"}
    record = found.records["adr/0001-use-kafka-for-events.md"]
    assert record.created.date == "2026-01-05T09:00:00+00:00"
    assert record.updated.date == "2026-03-01T09:00:00+00:00"
    assert [(status, change.subject) for status, change in record.statuses] == [
        ("proposed", "Propose Kafka"),
        ("accepted", "Accept Kafka"),
    ]


#: one record in each format, as it reads while proposed; the line that changes, before and
#: after; and the statuses as written, which the history must list
IN_EACH_FORMAT = {
    "madr": ("adr/0001-x.md", "# Use X\n\n* Status: proposed\n* Date: 2026-01-05\n\n## Context and Problem Statement\n\nX.\n",
             "* Status: proposed", "* Status: accepted", ("proposed", "accepted")),
    "adr-tools": ("adr/0001-x.md", "# 1. Use X\n\nDate: 2026-01-05\n\n## Status\n\nProposed\n\n## Context\n\nX.\n",
                  "\nProposed\n", "\nAccepted\n", ("Proposed", "Accepted")),
    "inline": ("adr/0001-x.md", "# Use X\n\n**Status**: Proposed\n**Date**: 2026-01-05\n\nX.\n",
               "**Status**: Proposed", "**Status**: Accepted", ("Proposed", "Accepted")),
    "pep": ("peps/pep-0001.rst", "PEP: 1\nTitle: X\nAuthor: Ann\nStatus: Draft\nType: Process\nCreated: 05-Jan-2026\n\nX.\n",
            "Status: Draft", "Status: Active", ("Draft", "Active")),
    "kep": ("keps/sig-x/0001-x/kep.yaml", "title: X\nkep-number: 1\nauthors: [ann]\nstatus: provisional\n"
            "creation-date: 2026-01-05\n", "status: provisional", "status: implementable", ("provisional", "implementable")),
}


@pytest.mark.parametrize("name", sorted(IN_EACH_FORMAT))
def test_status_history_in_every_format(tmp_path, name):
    path, text, before, after, expected = IN_EACH_FORMAT[name]
    root = tmp_path / name
    (root / path).parent.mkdir(parents=True)
    kinds = f"{{{name}: {{preset: {name}}}}}" if name in ("pep", "kep") else "{adr: {}}"
    (root / "mkdocs.yml").write_text(f"site_name: H\nplugins:\n  - decisions:\n      kinds: {kinds}\n")
    git(root, "init", "-q", "-b", "main")
    (root / path).write_text(text)
    commit(root, "Propose", "2026-01-05T09:00:00+00:00")
    (root / path).write_text(text.replace(before, after))
    commit(root, "Decide", "2026-02-10T09:00:00+00:00")
    found = history.load(load_settings(None, root))
    statuses = [(status, change.subject) for status, change in found.records[path].statuses]
    assert statuses == [(expected[0], "Propose"), (expected[1], "Decide")]


def test_history_of_a_project_in_a_subfolder(tmp_path, repository):
    outer = tmp_path / "outer"
    outer.mkdir()
    git(outer, "init", "-q", "-b", "main")
    shutil.copytree(repository / "adr", outer / "docs-project" / "adr")
    commit(outer, "Import", "2026-04-01T09:00:00+00:00")
    found = history.load(Settings.from_mapping(None, outer / "docs-project"))
    assert list(found.records) == ["adr/0001-use-kafka-for-events.md"]


def test_shallow_clone_says_where_history_starts(tmp_path, repository):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", repository.as_uri(), str(clone)], check=True)
    found = history.load(Settings.from_mapping(None, clone))
    assert found.notice == "this is a shallow clone: history starts at its oldest commit"
    assert [status for status, _ in found.records["adr/0001-use-kafka-for-events.md"].statuses] == ["accepted"]


def test_without_git_there_is_no_history(tmp_path):
    (tmp_path / "adr").mkdir()
    assert history.load(Settings.from_mapping(None, tmp_path)) is None


def test_record_pages_and_json_show_the_history(repository):
    (repository / "docs").mkdir()
    (repository / "docs" / "index.md").write_text("# Home\n")
    site = run_build(make_site(repository))
    page = soup(site / "adr" / "0001-use-kafka-for-events" / "index.html")
    rows = [item.get_text(" ", strip=True) for item in page.select("section.decisions-history li")]
    assert [row.split()[:2] for row in rows] == [["2026-01-05", "proposed"], ["2026-02-10", "accepted"]]
    card = {div.dt.get_text(): div.dd.get_text() for div in page.select("dl.decisions-card > div")}
    assert card["Last changed"] == "2026-03-01"
    exported = json.loads((site / "decisions.json").read_text())["records"][0]["history"]
    assert exported["created"]["date"] == "2026-01-05T09:00:00+00:00"
    assert [entry["status"] for entry in exported["statuses"]] == ["proposed", "accepted"]


def test_statuses_from_history_are_escaped(tmp_path):
    root = tmp_path / "repo"
    (root / "adr").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    record = root / "adr" / "0001-x.md"
    record.write_text(accepted_adr("X").replace("status: accepted", "status: proposed"))
    commit(root, "Propose it", "2026-01-04T09:00:00+00:00")
    record.write_text(accepted_adr("X").replace("status: accepted", "status: <img src=x onerror=alert(1)>"))
    commit(root, "An odd status", "2026-01-05T09:00:00+00:00")
    record.write_text(accepted_adr("X"))
    commit(root, "Accept it", "2026-02-10T09:00:00+00:00")
    site = run_build(make_site(root))
    changes = soup(site / "changes" / "index.html")
    assert changes.find("img") is None
    assert [badge.get_text() for badge in changes.select(".decisions-badge")] == [
        "accepted",
        "<img src=x onerror=alert(1)>",
    ]
    page = soup(site / "adr" / "0001-x" / "index.html")
    assert page.find("img") is None
    assert "<img src=x onerror=alert(1)>" in page.select_one("section.decisions-history").get_text()


def test_site_builds_without_git(tmp_path):
    (tmp_path / "adr").mkdir()
    (tmp_path / "adr" / "0001-x.md").write_text(accepted_adr())
    site = run_build(make_site(tmp_path))
    assert soup(site / "adr" / "0001-x" / "index.html").select_one("section.decisions-history") is None


# -- lint --since REF and renumber ---------------------------------------------------------


def lint_since(root: Path, ref: str) -> list[tuple[str, int, int, str, str]]:
    result = decisions("lint", "--since", ref, "--format", "json", cwd=root)
    assert "Traceback" not in result.stderr, result.stderr
    return [(d["path"], d["line"], d["column"], d["rule"], d["message"]) for d in json.loads(result.stdout)["diagnostics"]]


@pytest.fixture
def accepted_base(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "adr").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    (root / "adr" / "0001-use-kafka.md").write_text(accepted_adr("Use Kafka"))
    (root / "adr" / "0002-use-redis.md").write_text(accepted_adr("Use Redis").replace("status: accepted", "status: rejected"))
    (root / "adr" / "0003-cache.md").write_text(accepted_adr("Cache"))
    commit(root, "Base", "2026-01-10T09:00:00+00:00")
    git(root, "checkout", "-q", "-b", "feature")
    return root


def test_since_finds_a_rewritten_accepted_decision(accepted_base):
    record = accepted_base / "adr" / "0001-use-kafka.md"
    record.write_text(record.read_text().replace("Orders arrive in bursts.", "Orders arrive steadily."))
    assert lint_since(accepted_base, "main") == [
        ("adr/0001-use-kafka.md", 10, 1, "rewritten-decision", "ADR-0001 was accepted at main: its decision must "
         "not be rewritten, only its status and links may change; write a new record that supersedes or amends it"),
    ]


def test_since_allows_status_and_links_to_change(accepted_base):
    record = accepted_base / "adr" / "0003-cache.md"
    record.write_text(record.read_text().replace("status: accepted", "status: deprecated").replace(
        "deciders: [alice]\n", "deciders: [alice]\ntags: [legacy]\n"))
    assert lint_since(accepted_base, "main") == []


def test_since_refuses_a_status_the_lifecycle_forbids(accepted_base):
    record = accepted_base / "adr" / "0002-use-redis.md"
    record.write_text(record.read_text().replace("status: rejected", "status: accepted"))
    assert lint_since(accepted_base, "main") == [
        ("adr/0002-use-redis.md", 2, 9, "invalid-transition", "status went from rejected (at main) to accepted, "
         "which the lifecycle does not allow (rejected may become nothing); write a new record instead"),
    ]


def test_since_finds_a_deleted_record(accepted_base):
    (accepted_base / "adr" / "0003-cache.md").unlink()
    assert lint_since(accepted_base, "main") == [
        ("adr/0003-cache.md", 1, 1, "deleted-record", "ADR-0003 was deleted since main; a decision record stays "
         "in the archive: restore it and mark it deprecated, rejected or superseded instead"),
    ]


def test_number_taken_on_another_branch_and_renumber(accepted_base):
    root = accepted_base
    # this branch adds ADR-0004 and links to it
    (root / "adr" / "0004-use-grpc.md").write_text(accepted_adr("Use gRPC"))
    commit(root, "Add gRPC", "2026-01-12T09:00:00+00:00")
    # meanwhile main also took ADR-0004
    git(root, "checkout", "-q", "main")
    (root / "adr" / "0004-use-rest.md").write_text(accepted_adr("Use REST"))
    commit(root, "Add REST", "2026-01-13T09:00:00+00:00")
    git(root, "checkout", "-q", "feature")
    (root / "adr" / "0005-later.md").write_text(accepted_adr("Later", extra="supersedes: [ADR-0004]\n")
                                               + "\nBuilds on [gRPC](0004-use-grpc.md) and ADR-0004.\n")
    (root / "adr" / "0004-use-grpc.md").write_text(
        accepted_adr("Use gRPC", extra="superseded_by: [ADR-0005]\n").replace("status: accepted", "status: superseded"))
    assert lint_since(root, "main") == [
        ("adr/0004-use-grpc.md", 1, 1, "reused-number", "ADR-0004 is already taken by adr/0004-use-rest.md at "
         "main; run 'decisions renumber adr/0004-use-grpc.md' to move this record to the next free number"),
    ]
    moved = decisions("renumber", "adr/0004-use-grpc.md", "--since", "main", cwd=root)
    assert moved.returncode == 0, moved.stderr
    assert moved.stdout == (
        "adr/0004-use-grpc.md -> adr/0006-use-grpc.md: ADR-0004 is now ADR-0006\n"
        "adr/0005-later.md: links to ADR-0006\n"
    )
    later = (root / "adr" / "0005-later.md").read_text()
    assert "supersedes: [ADR-0006]\n" in later
    assert "Builds on [gRPC](0006-use-grpc.md) and ADR-0006." in later
    assert not (root / "adr" / "0004-use-grpc.md").exists()
    assert lint_since(root, "main") == []


# -- what changed, the feed, what is in force ---------------------------------------------


def test_changes_page_and_atom_feed(repository):
    import xml.etree.ElementTree as ElementTree

    (repository / "docs").mkdir()
    (repository / "docs" / "index.md").write_text("# Home\n")
    site = run_build(make_site(repository))
    rows = [li.get_text(" ", strip=True) for li in soup(site / "changes" / "index.html").select(".decisions-changes li")]
    assert [row.split(" ")[:2] for row in rows] == [["2026-02-10", "ADR-0001:"], ["2026-01-05", "ADR-0001:"]]
    assert "became accepted" in rows[0] and "new record" in rows[1]
    feed = ElementTree.fromstring((site / "decisions.atom").read_text())
    atom = "{http://www.w3.org/2005/Atom}"
    entries = feed.findall(f"{atom}entry")
    assert [e.find(f"{atom}updated").text for e in entries] == ["2026-02-10T09:00:00+00:00", "2026-01-05T09:00:00+00:00"]
    first_ids = [e.find(f"{atom}id").text for e in entries]
    assert first_ids[0].startswith("urn:mkdocs-decisions:ADR-0001:accepted:")
    assert entries[0].find(f"{atom}link").get("href") == "https://example.invalid/adr/0001-use-kafka-for-events/"
    # a later change adds an entry; the earlier ids stay the same
    record = repository / "adr" / "0001-use-kafka-for-events.md"
    record.write_text(record.read_text().replace("status: accepted", "status: deprecated"))
    commit(repository, "Deprecate Kafka", "2026-05-01T09:00:00+00:00")
    site = run_build(make_site(repository))
    later = [e.find(f"{atom}id").text for e in ElementTree.fromstring((site / "decisions.atom").read_text()).findall(f"{atom}entry")]
    assert later[1:] == first_ids and ":deprecated:" in later[0]


def test_decisions_in_force_with_their_amendments(tmp_path):
    root = tmp_path
    (root / "adr").mkdir()
    (root / "adr" / "0001-old.md").write_text(
        accepted_adr("Old", extra="superseded_by: [ADR-0002]\n").replace("status: accepted", "status: superseded"))
    (root / "adr" / "0002-new.md").write_text(accepted_adr("New", extra="supersedes: [ADR-0001]\n"))
    (root / "adr" / "0003-tune.md").write_text(accepted_adr("Tune", extra="amends: [ADR-0002]\n"))
    (root / "adr" / "0004-idea.md").write_text(accepted_adr("Idea").replace("status: accepted", "status: proposed"))
    site = run_build(make_site(root))
    items = [li.get_text(" ", strip=True) for li in soup(site / "in-force" / "index.html").select(".decisions-in-force li")]
    assert items == ["ADR-0002: New accepted amended by ADR-0003", "ADR-0003: Tune accepted"]


def test_timeline_shows_each_records_status_history(repository):
    (repository / "docs").mkdir()
    (repository / "docs" / "index.md").write_text("# Home\n")
    site = run_build(make_site(repository))
    entry = soup(site / "timeline" / "index.html").select_one(".decisions-timeline-list li")
    assert entry.select_one(".decisions-status-history").get_text() == "(proposed 2026-01-05, accepted 2026-02-10)"


def test_both_records_of_an_amendment_show_it(tmp_path):
    (tmp_path / "adr").mkdir()
    (tmp_path / "adr" / "0001-base.md").write_text(accepted_adr("Base"))
    (tmp_path / "adr" / "0002-tune.md").write_text(accepted_adr("Tune", extra="amends: [ADR-0001]\n"))
    site = run_build(make_site(tmp_path))
    base = soup(site / "adr" / "0001-base" / "index.html").select_one("section.decisions-lineage")
    assert base.find("h3").get_text() == "Amended by"
    assert [a.get_text() for a in base.select("ul a")] == ["ADR-0002: Tune"]
    tune = soup(site / "adr" / "0002-tune" / "index.html").select_one("section.decisions-lineage")
    assert [a.get_text() for a in tune.select("ul a")] == ["ADR-0001: Base"]


def test_since_an_unknown_ref_or_without_git(accepted_base, tmp_path):
    result = decisions("lint", "--since", "no-such-branch", cwd=accepted_base)
    assert (result.returncode, result.stderr) == (2, "decisions: error: --since no-such-branch: no such commit, branch or tag\n")
    (tmp_path / "plain" / "adr").mkdir(parents=True)
    plain = decisions("lint", "--since", "main", cwd=tmp_path / "plain")
    assert (plain.returncode, plain.stderr) == (2, "decisions: error: --since needs a git repository\n")


# -- the --since rules in this process: quick enough to run for every change to rules/since.py ----


def since(root: Path, ref: str = "main") -> list[tuple[str, int, int, str, str]]:
    """What `decisions lint --since REF` finds, without a child process: (path, line, column, rule, message)."""
    settings = load_settings(None, root)
    result = Archive.load(settings).check(baseline=baseline(settings, ref))
    return [(d.path, d.line, d.column, d.rule, d.message) for d in result.diagnostics]


def add_to_base(root: Path, files: dict[str, str]) -> None:
    """Commit `files` on main, the base, and bring the feature branch up to it."""
    git(root, "checkout", "-q", "main")
    for relative, text in files.items():
        (root / relative).write_text(text)
    commit(root, "More records", "2026-01-11T09:00:00+00:00")
    git(root, "checkout", "-q", "feature")
    git(root, "merge", "-q", "--ff-only", "main")


def rewritten(record_id: str, status: str = "accepted") -> str:
    return (f"{record_id} was {status} at main: its decision must not be rewritten, only its status and "
            "links may change; write a new record that supersedes or amends it")


def test_since_rewritten_decision_at_the_first_changed_line(accepted_base):
    kafka = accepted_base / "adr" / "0001-use-kafka.md"
    kafka.write_text(kafka.read_text().replace("Orders arrive in bursts.", "Orders arrive steadily."))
    # text added after the end: the first line the old version does not have
    cache = accepted_base / "adr" / "0003-cache.md"
    cache.write_text(cache.read_text() + "\nEntries expire after an hour.\n")
    assert since(accepted_base) == [
        ("adr/0001-use-kafka.md", 10, 1, "rewritten-decision", rewritten("ADR-0001")),
        ("adr/0003-cache.md", 11, 1, "rewritten-decision", rewritten("ADR-0003")),
    ]


def test_since_rewritten_decision_in_the_frontmatter(accepted_base):
    """A field added (or changed) is reported at its key, one removed at the top of the file;
    the fields that may change (status here), sorted before it, are passed over."""
    kafka = accepted_base / "adr" / "0001-use-kafka.md"
    kafka.write_text(kafka.read_text().replace("deciders: [alice]\n", "deciders: [alice]\ntitle: Use Kafka everywhere\n"))
    cache = accepted_base / "adr" / "0003-cache.md"
    cache.write_text(cache.read_text().replace("deciders: [alice]\n", ""))
    assert since(accepted_base) == [
        ("adr/0001-use-kafka.md", 5, 1, "rewritten-decision", rewritten("ADR-0001")),
        ("adr/0003-cache.md", 1, 1, "rewritten-decision", rewritten("ADR-0003")),
        ("adr/0003-cache.md", 2, 9, "missing-field", "status 'accepted' requires 'deciders'; add e.g. 'deciders: [name]'"),
    ]


def test_since_rewritten_decision_after_changes_that_are_allowed(accepted_base):
    """Before the rewritten ADR-0003: an accepted record whose status and tags changed, and a
    rejected one (not in force) whose text was rewritten."""
    kafka = accepted_base / "adr" / "0001-use-kafka.md"
    kafka.write_text(kafka.read_text().replace("status: accepted", "status: deprecated").replace(
        "deciders: [alice]\n", "deciders: [alice]\ntags: [legacy]\n"))
    redis = accepted_base / "adr" / "0002-use-redis.md"
    redis.write_text(redis.read_text().replace("Orders arrive in bursts.", "Orders arrive steadily."))
    cache = accepted_base / "adr" / "0003-cache.md"
    cache.write_text(cache.read_text().replace("# Cache", "# Cache everything"))
    assert since(accepted_base) == [
        ("adr/0003-cache.md", 6, 1, "rewritten-decision", rewritten("ADR-0003")),
    ]


def test_since_rewritten_decision_after_an_unreadable_and_a_new_record(accepted_base):
    """An accepted record that can no longer be read is not compared (the reading rules report it),
    nor is a new one."""
    (accepted_base / "adr" / "0001-use-kafka.md").write_bytes(b"---\nstatus: accepted\n---\n# Use Kafka \xff\n")
    (accepted_base / "adr" / "0000-start.md").write_text(accepted_adr("Start"))
    git(accepted_base, "add", "adr/0000-start.md")  # git diff (what --since compares) sees only tracked files
    cache = accepted_base / "adr" / "0003-cache.md"
    cache.write_text(cache.read_text().replace("# Cache", "# Cache everything"))
    assert since(accepted_base) == [
        ("adr/0001-use-kafka.md", 4, 13, "encoding", "byte 0xff is not valid UTF-8; save the file with UTF-8 encoding"),
        ("adr/0003-cache.md", 6, 1, "rewritten-decision", rewritten("ADR-0003")),
    ]


def test_since_deleted_records_by_id_or_by_path(accepted_base):
    add_to_base(accepted_base, {"adr/notes.md": accepted_adr("Notes").replace("deciders: [alice]\n", "deciders: [alice]\nid: ADR-0009\n"),
                                "adr/draft.md": "---\nstatus: proposed\ndate: 2026-01-10\n---\n# Draft\n\nText.\n"})
    for name in ("0003-cache.md", "notes.md", "draft.md"):
        (accepted_base / "adr" / name).unlink()
    stays = ("a decision record stays in the archive: restore it and mark it deprecated, rejected or "
             "superseded instead")
    assert since(accepted_base) == [
        ("adr/0003-cache.md", 1, 1, "deleted-record", f"ADR-0003 was deleted since main; {stays}"),
        ("adr/draft.md", 1, 1, "deleted-record", f"adr/draft.md was deleted since main; {stays}"),
        ("adr/notes.md", 1, 1, "deleted-record", f"ADR-0009 was deleted since main; {stays}"),
    ]


def test_since_invalid_transition_after_changes_the_lifecycle_allows(accepted_base):
    """Before the two forbidden changes (ADR-0005, ADR-0006): statuses left as they were (ADR-0001,
    ADR-0002), one step of the lifecycle (ADR-0003) and several at once (ADR-0004: proposed ->
    accepted -> deprecated)."""
    proposed = accepted_adr("Use gRPC").replace("status: accepted", "status: proposed")
    add_to_base(accepted_base, {
        "adr/0004-use-grpc.md": proposed,
        "adr/0005-use-rest.md": accepted_adr("Use REST").replace("status: accepted", "status: rejected"),
        "adr/0006-use-soap.md": accepted_adr("Use SOAP"),
    })
    changes = {
        "0001-use-kafka.md": ("deciders: [alice]\n", "deciders: [alice]\ntags: [queue]\n"),
        "0002-use-redis.md": ("Orders arrive in bursts.", "Orders arrive steadily."),
        "0003-cache.md": ("status: accepted", "status: deprecated"),
        "0004-use-grpc.md": ("status: proposed", "status: deprecated"),
        "0005-use-rest.md": ("status: rejected", "status: proposed"),
        "0006-use-soap.md": ("status: accepted", "status: proposed"),
    }
    for name, (before, after) in changes.items():
        record = accepted_base / "adr" / name
        record.write_text(record.read_text().replace(before, after))
    assert since(accepted_base) == [
        ("adr/0005-use-rest.md", 2, 9, "invalid-transition", "status went from rejected (at main) to proposed, "
         "which the lifecycle does not allow (rejected may become nothing); write a new record instead"),
        ("adr/0006-use-soap.md", 2, 9, "invalid-transition", "status went from accepted (at main) to proposed, "
         "which the lifecycle does not allow (accepted may become deprecated, superseded); write a new record instead"),
    ]


def test_since_reused_number_in_process(accepted_base):
    """main took ADR-0004 after this branch was made. A new record with a free number, and a record
    renamed (keeping its number), are no finding; nor is a changed record sorted before them."""
    git(accepted_base, "checkout", "-q", "main")
    (accepted_base / "adr" / "0004-use-rest.md").write_text(accepted_adr("Use REST"))
    commit(accepted_base, "Add REST", "2026-01-13T09:00:00+00:00")
    git(accepted_base, "checkout", "-q", "feature")
    kafka = accepted_base / "adr" / "0001-use-kafka.md"
    kafka.write_text(kafka.read_text().replace("deciders: [alice]\n", "deciders: [alice]\ntags: [queue]\n"))
    git(accepted_base, "mv", "adr/0003-cache.md", "adr/0003-cache-everything.md")
    (accepted_base / "adr" / "0004-use-grpc.md").write_text(accepted_adr("Use gRPC"))
    (accepted_base / "adr" / "0005-use-grpc-web.md").write_text(accepted_adr("Use gRPC-Web"))
    git(accepted_base, "add", "-A")  # git diff (what --since compares) sees only tracked files
    assert since(accepted_base) == [
        ("adr/0004-use-grpc.md", 1, 1, "reused-number", "ADR-0004 is already taken by adr/0004-use-rest.md at "
         "main; run 'decisions renumber adr/0004-use-grpc.md' to move this record to the next free number"),
    ]


# -- a KEP: its decision is the README.md beside its kep.yaml ------------------------------


@pytest.fixture
def kep_base(tmp_path: Path) -> Path:
    """A KEP archive whose KEP 1 is implementable at main, on a feature branch."""
    root = tmp_path / "keps-repo"
    folder = root / "keps" / "sig-x" / "0001-x"
    folder.mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: K\nplugins:\n  - decisions:\n      kinds: {kep: {preset: kep}}\n")
    (folder / "kep.yaml").write_text("title: X\nkep-number: 1\nauthors: [ann]\nstatus: implementable\n"
                                     "creation-date: 2026-01-05\n")
    (folder / "README.md").write_text("# KEP-1: X\n\n## Summary\n\nServe X.\n\n## Motivation\n\nY needs it.\n")
    git(root, "init", "-q", "-b", "main")
    commit(root, "KEP 1", "2026-01-05T09:00:00+00:00")
    git(root, "checkout", "-q", "-b", "feature")
    return root


def test_since_a_kep_whose_status_alone_changed_is_not_rewritten(kep_base):
    """The README beside the kep.yaml is its decision, at the base as now: moving the
    status on changes the kep.yaml only, and leaves the decision as it was."""
    kep = kep_base / "keps/sig-x/0001-x/kep.yaml"
    kep.write_text(kep.read_text().replace("status: implementable", "status: implemented"))
    assert since(kep_base) == []


def test_since_a_kep_without_a_readme_whose_status_alone_changed_is_not_rewritten(kep_base):
    """No README at the base nor now: no text, before or after."""
    git(kep_base, "rm", "-q", "keps/sig-x/0001-x/README.md")
    commit(kep_base, "No README", "2026-01-06T09:00:00+00:00")
    git(kep_base, "branch", "-q", "-f", "main")
    kep = kep_base / "keps/sig-x/0001-x/kep.yaml"
    kep.write_text(kep.read_text().replace("status: implementable", "status: implemented"))
    assert since(kep_base) == []


def test_since_a_kep_whose_readme_changed_is_rewritten_at_the_readme_line(kep_base):
    """A change to the README of a KEP in force is a rewritten decision even when its kep.yaml
    did not change; the finding is told on the record (its kep.yaml) and names the README's line."""
    readme = kep_base / "keps/sig-x/0001-x/README.md"
    readme.write_text(readme.read_text().replace("Y needs it.", "Z needs it."))
    assert since(kep_base) == [
        ("keps/sig-x/0001-x/kep.yaml", 1, 1, "rewritten-decision",
         "KEP-0001 was implementable at main: its decision must not be rewritten, only its status and links "
         "may change; write a new record that supersedes or amends it (README.md, line 9)"),
    ]
