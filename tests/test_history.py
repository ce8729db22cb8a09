"""History from git, in real repositories made by the tests with controlled dates."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import accepted_adr
from test_plugin import make_site, run_build, soup

from mkdocs_decisions import history
from mkdocs_decisions.config import Settings

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


def test_site_builds_without_git(tmp_path):
    (tmp_path / "adr").mkdir()
    (tmp_path / "adr" / "0001-x.md").write_text(accepted_adr())
    site = run_build(make_site(tmp_path))
    assert soup(site / "adr" / "0001-x" / "index.html").select_one("section.decisions-history") is None
