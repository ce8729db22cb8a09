"""`decisions new`: records from templates, numbering, supersession, overrides."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys

import pytest

from conftest import accepted_adr

from mkdocs_decisions.authoring import write
from mkdocs_decisions.authoring.new import slugify

TODAY = datetime.date.today().isoformat()


def findings(project, *args):
    result = project.run("lint", "--format", "json", *args)
    return json.loads(result.stdout)["diagnostics"]


@pytest.mark.parametrize(("kind", "people_key"), [("adr", "deciders"), ("rfc", "authors")])
def test_new_record_is_lint_ready_but_for_its_prompts(project, kind, people_key):
    result = project.run("new", kind, "Use PostgreSQL for orders", "--author", "Ann", "--author", "Bo Li")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{kind}/0001-use-postgresql-for-orders.md\n"
    text = (project.root / kind / "0001-use-postgresql-for-orders.md").read_text()
    assert f"\ndate: {TODAY}\n" in text
    assert f"\n{people_key}: [Ann, Bo Li]\n" in text
    assert "\n# Use PostgreSQL for orders\n" in text
    found = findings(project)
    assert found, "the template's prompts must be reported until they are written"
    assert {d["rule"] for d in found} == {"placeholder"}
    assert all(d["message"].startswith("template placeholder '") for d in found)


def test_numbers_continue_after_the_highest(project):
    project.write("adr/0007-old.md", accepted_adr())
    result = project.run("new", "adr", "Next one")
    assert result.stdout == "adr/0008-next-one.md\n"


def test_supersedes_updates_the_old_record_byte_exactly(project):
    old = "---\r\nstatus: accepted   # settled\r\ndate: 2025-01-02\r\ndeciders: [alice]\r\n---\r\n# Use MySQL\r\n\r\nText.\r\n"
    project.write("adr/0002-use-mysql.md", old.encode("utf-8"))
    result = project.run("new", "adr", "Use PostgreSQL", "--supersedes", "ADR-0002")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "adr/0003-use-postgresql.md\n"
    updated = (project.root / "adr" / "0002-use-mysql.md").read_bytes()
    assert updated == (
        b"---\r\nstatus: superseded   # settled\r\ndate: 2025-01-02\r\ndeciders: [alice]\r\n"
        b"superseded_by: [ADR-0003]\r\n---\r\n# Use MySQL\r\n\r\nText.\r\n"
    )
    new = (project.root / "adr" / "0003-use-postgresql.md").read_text()
    assert "\nsupersedes: [ADR-0002]\n---\n" in new
    rules = {d["rule"] for d in findings(project)}
    # links are consistent; the successor is still proposed, which the linter points out
    assert rules == {"placeholder", "successor-not-accepted"}


def test_supersedes_an_unknown_record_is_refused(project):
    project.write("adr/0001-a.md", accepted_adr())
    result = project.run("new", "adr", "B", "--supersedes", "ADR-0009")
    assert result.returncode == 2
    assert result.stderr == "decisions: error: --supersedes ADR-0009: no record has that id\n"
    assert sorted(p.name for p in (project.root / "adr").iterdir()) == ["0001-a.md"]


def test_unknown_kind_and_status(project):
    kind = project.run("new", "adrs", "X")
    assert (kind.returncode, kind.stderr) == (2, "decisions: error: unknown kind 'adrs' (did you mean 'adr'?); kinds: adr, rfc\n")
    status = project.run("new", "adr", "X", "--status", "acceptd")
    assert status.returncode == 2
    assert status.stderr == (
        "decisions: error: unknown status 'acceptd' (did you mean 'accepted'?); ADR statuses are: "
        "proposed, accepted, rejected, deprecated, superseded\n"
    )


def test_exclusive_write_refuses_to_overwrite(tmp_path):
    target = tmp_path / "0001-x.md"
    target.write_bytes(b"mine")
    with pytest.raises(FileExistsError):
        write.replace(target, b"theirs", exclusive=True)
    assert target.read_bytes() == b"mine"
    assert [p.name for p in tmp_path.iterdir()] == ["0001-x.md"]


def test_concurrent_new_calls_take_different_numbers(project):
    (project.root / "adr").mkdir()
    command = [sys.executable, "-m", "mkdocs_decisions", "new", "adr"]
    runs = [
        subprocess.Popen([*command, f"Parallel {n}"], cwd=project.root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for n in range(6)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert all(run.returncode == 0 for run in runs), outputs
    numbers = sorted(out.split("/")[1][:4] for out, _ in outputs)
    assert numbers == ["0001", "0002", "0003", "0004", "0005", "0006"]


def test_own_templates_override_ours(project):
    project.write("mkdocs.yml", "site_name: T\nplugins:\n  - decisions:\n      templates_dir: templates\n")
    project.write(
        "templates/adr.md",
        "---\nstatus: proposed\ndate: YYYY-MM-DD\ndeciders: []\n---\n# [Title]\n\n## Why\n\n[TODO: house style]\n",
    )
    listing = project.run("new", "--list")
    rows = {line.split()[0]: line.split(None, 1)[1] for line in listing.stdout.splitlines()}
    assert rows["adr"] == "Architecture decision record  (templates/adr.md)"
    assert rows["rfc"] == "Request for comments  (builtin)"
    created = project.run("new", "adr", "House style")
    assert (project.root / created.stdout.strip()).read_text() == (
        f"---\nstatus: proposed\ndate: {TODAY}\ndeciders: []\n---\n# House style\n\n## Why\n\n[TODO: house style]\n"
    )


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Use PostgreSQL!", "use-postgresql"),
        ("Über Ärger: naïve café", "uber-arger-naive-cafe"),
        ("CON", "con-record"),
        ("../../etc/passwd", "etc-passwd"),
        ("日本語", "record"),
        ("a" * 100, "a" * 60),
    ],
)
def test_slugs_are_safe_file_names(title, slug):
    assert slugify(title) == slug
