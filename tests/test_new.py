"""`decisions new`: records from templates, numbering, supersession, overrides."""

from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import REPO, accepted_adr

from mkdocs_decisions.archive import Archive
from mkdocs_decisions.authoring import write
from mkdocs_decisions.authoring.new import slugify
from mkdocs_decisions.config import load_settings

TODAY = datetime.date.today().isoformat()


def findings(project, *args):
    result = project.run("lint", "--format", "json", *args)
    return json.loads(result.stdout)["diagnostics"]


def written(text: str) -> str:
    """A new record's text with every template prompt written, as its author would."""
    return re.sub(r"\[TODO\b[^\]\n]*\]", "Written.", text).replace("YYYY-MM-DD", TODAY)


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


def test_supersedes_links_both_records_and_the_old_one_stays_in_force(project):
    old = "---\r\nstatus: accepted   # settled\r\ndate: 2025-01-02\r\ndeciders: [alice]\r\n---\r\n# Use MySQL\r\n\r\nText.\r\n"
    project.write("adr/0002-use-mysql.md", old.encode("utf-8"))
    result = project.run("new", "adr", "Use PostgreSQL", "--supersedes", "ADR-0002", "--author", "bob")
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "adr/0003-use-postgresql.md\n",
        "updated adr/0002-use-mysql.md: superseded_by ADR-0003; it stays accepted until ADR-0003 is accepted "
        "('decisions status ADR-0003 accepted' marks it superseded)\n",
    )
    # the link on both sides, byte exactly; the old decision is still the one in force
    assert (project.root / "adr" / "0002-use-mysql.md").read_bytes() == (
        b"---\r\nstatus: accepted   # settled\r\ndate: 2025-01-02\r\ndeciders: [alice]\r\n"
        b"superseded_by: [ADR-0003]\r\n---\r\n# Use MySQL\r\n\r\nText.\r\n"
    )
    new = project.root / "adr" / "0003-use-postgresql.md"
    assert "\nsupersedes: [ADR-0002]\n---\n" in new.read_text()
    # all the lint says is the prompts of the new record, which are the author's to write
    found = findings(project)
    assert found and {(d["rule"], d["path"]) for d in found} == {("placeholder", "adr/0003-use-postgresql.md")}
    # once written and accepted, the old record is superseded, and the archive is clean
    new.write_text(written(new.read_text()))
    accepted = project.run("status", "ADR-0003", "accepted")
    assert (accepted.returncode, accepted.stdout, accepted.stderr) == (
        0,
        "adr/0002-use-mysql.md: accepted -> superseded (superseded by ADR-0003)\n"
        "adr/0003-use-postgresql.md: proposed -> accepted\n",
        "",
    )
    assert (project.root / "adr" / "0002-use-mysql.md").read_bytes() == (
        b"---\r\nstatus: superseded   # settled\r\ndate: 2025-01-02\r\ndeciders: [alice]\r\n"
        b"superseded_by: [ADR-0003]\r\n---\r\n# Use MySQL\r\n\r\nText.\r\n"
    )
    assert project.findings() == []


def test_supersedes_an_unknown_record_is_refused(project):
    project.write("adr/0001-a.md", accepted_adr())
    result = project.run("new", "adr", "B", "--supersedes", "ADR-0009")
    # like a path that does not exist: the command could not run
    assert (result.returncode, result.stdout) == (2, "")
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


# -- every format: the new record in the archive's own format, the link in each record's own ----------

OLD = "adr/0001-use-mysql.md"
NEW = "adr/0002-use-postgresql.md"
NEWER = "adr/0003-use-cockroachdb.md"
#: the lines of our ADR template after `deciders`: the governance fields, and the tags
GOVERNANCE = (
    "owners: []  # who keeps the decision current once accepted; then add review_by: DATE, when to look again\n"
    "approvals: []  # each sign-off, as 'decisions approve ID --as NAME' records it\n"
    "tags: []\n"
)

PENDING = (
    "updated adr/0001-use-mysql.md: superseded_by ADR-0002; it stays accepted until ADR-0002 is accepted "
    "('decisions status ADR-0002 accepted' marks it superseded)\n"
)

# format -> (the old record, how `new --supersedes` leaves it, how accepting the new one leaves it,
#            the start of the new record, how the new record ends, the format it is read as, --author allowed)
FORMATS = {
    "native": (
        "---\nstatus: accepted\ndate: 2025-01-02\ndeciders: [alice]\n---\n# Use MySQL\n\n## Context\n\nOrders need a database.\n",
        "---\nstatus: accepted\ndate: 2025-01-02\ndeciders: [alice]\nsuperseded_by: [ADR-0002]\n---\n"
        "# Use MySQL\n\n## Context\n\nOrders need a database.\n",
        "---\nstatus: superseded\ndate: 2025-01-02\ndeciders: [alice]\nsuperseded_by: [ADR-0002]\n---\n"
        "# Use MySQL\n\n## Context\n\nOrders need a database.\n",
        f"---\nstatus: proposed\ndate: {TODAY}\ndeciders: [bob]\n{GOVERNANCE}supersedes: [ADR-0001]\n---\n"
        "# Use PostgreSQL\n\n## Context and problem statement\n\n",
        "\n",
        "native",
        True,
    ),
    "madr": (
        "# Use MySQL\n\n* Status: accepted\n* Deciders: alice\n* Date: 2025-01-02\n\n"
        "## Context and Problem Statement\n\nOrders need a database.\n",
        "# Use MySQL\n\n* Status: accepted\n* Deciders: alice\n* Date: 2025-01-02\n\n"
        "## Context and Problem Statement\n\nOrders need a database.\n\n"
        "## Links\n\n* Superseded by [ADR-0002](0002-use-postgresql.md)\n",
        "# Use MySQL\n\n* Status: superseded by [ADR-0002](0002-use-postgresql.md)\n* Deciders: alice\n"
        "* Date: 2025-01-02\n\n## Context and Problem Statement\n\nOrders need a database.\n\n"
        "## Links\n\n* Superseded by [ADR-0002](0002-use-postgresql.md)\n",
        f"# Use PostgreSQL\n\n* Status: proposed\n* Deciders: bob\n* Date: {TODAY}\n\n## Context and problem statement\n\n",
        "\n\n## Links\n\n* Supersedes [ADR-0001](0001-use-mysql.md)\n",
        "madr",
        True,
    ),
    "madr 4": (
        "---\nstatus: accepted\ndate: 2025-01-02\ndecision-makers: [alice]\n---\n# Use MySQL\n\n"
        "## Context and Problem Statement\n\nOrders need a database.\n",
        "---\nstatus: accepted\ndate: 2025-01-02\ndecision-makers: [alice]\nsuperseded_by: [ADR-0002]\n---\n"
        "# Use MySQL\n\n## Context and Problem Statement\n\nOrders need a database.\n",
        "---\nstatus: superseded by ADR-0002\ndate: 2025-01-02\ndecision-makers: [alice]\nsuperseded_by: [ADR-0002]\n---\n"
        "# Use MySQL\n\n## Context and Problem Statement\n\nOrders need a database.\n",
        f"---\nstatus: proposed\ndate: {TODAY}\ndecision-makers: [bob]\nsupersedes: [ADR-0001]\n---\n"
        "# Use PostgreSQL\n\n## Context and problem statement\n\n",
        "\n",
        "madr",
        True,
    ),
    "adr-tools": (
        "# 1. Use MySQL\n\nDate: 2025-01-02\n\n## Status\n\nAccepted\n\n## Context\n\nOrders need a database.\n",
        "# 1. Use MySQL\n\nDate: 2025-01-02\n\n## Status\n\nAccepted\n\n"
        "Superseded by [2. Use PostgreSQL](0002-use-postgresql.md)\n\n## Context\n\nOrders need a database.\n",
        "# 1. Use MySQL\n\nDate: 2025-01-02\n\n## Status\n\nSuperseded\n\n"
        "Superseded by [2. Use PostgreSQL](0002-use-postgresql.md)\n\n## Context\n\nOrders need a database.\n",
        f"# 2. Use PostgreSQL\n\nDate: {TODAY}\n\n## Status\n\nProposed\n\n"
        "Supersedes [1. Use MySQL](0001-use-mysql.md)\n\n## Context and problem statement\n\n",
        "\n",
        "adr-tools",
        False,  # an adr-tools record has no deciders line
    ),
    "inline": (
        "# Use MySQL\n\n**Status**: Accepted\n**Date**: 2025-01-02\n**Deciders**: alice\n\n## Context\n\nOrders need a database.\n",
        "# Use MySQL\n\n**Status**: Accepted\n**Date**: 2025-01-02\n**Deciders**: alice\n"
        "**Superseded by**: [ADR-0002](0002-use-postgresql.md)\n\n## Context\n\nOrders need a database.\n",
        "# Use MySQL\n\n**Status**: Superseded\n**Date**: 2025-01-02\n**Deciders**: alice\n"
        "**Superseded by**: [ADR-0002](0002-use-postgresql.md)\n\n## Context\n\nOrders need a database.\n",
        f"# Use PostgreSQL\n\n**Status**: Proposed\n**Date**: {TODAY}\n**Deciders**: bob\n"
        "**Supersedes**: [ADR-0001](0001-use-mysql.md)\n\n## Context and problem statement\n\n",
        "\n",
        "inline",
        True,
    ),
    "inline, quoted": (
        "# Use MySQL\n\n> **Status**: Accepted\n> **Date**: 2025-01-02\n\n## Context\n\nOrders need a database.\n",
        "# Use MySQL\n\n> **Status**: Accepted\n> **Date**: 2025-01-02\n"
        "> **Superseded by**: [ADR-0002](0002-use-postgresql.md)\n\n## Context\n\nOrders need a database.\n",
        "# Use MySQL\n\n> **Status**: Superseded\n> **Date**: 2025-01-02\n"
        "> **Superseded by**: [ADR-0002](0002-use-postgresql.md)\n\n## Context\n\nOrders need a database.\n",
        f"# Use PostgreSQL\n\n**Status**: Proposed\n**Date**: {TODAY}\n**Deciders**: bob\n"
        "**Supersedes**: [ADR-0001](0001-use-mysql.md)\n\n## Context and problem statement\n\n",
        "\n",
        "inline",
        True,
    ),
}


def formats_of(project) -> dict[str, str]:
    return {record.path: record.format for record in Archive.load(load_settings(None, project.root)).records}


@pytest.mark.parametrize("name", FORMATS)
def test_supersedes_in_every_format_leaves_a_clean_archive(project, name):
    old, linked, superseded, head, tail, read_as, people = FORMATS[name]
    project.write(OLD, old)
    author = ["--author", "bob"] if people else []
    result = project.run("new", "adr", "Use PostgreSQL", "--supersedes", "ADR-0001", *author)
    assert (result.returncode, result.stdout, result.stderr) == (0, NEW + "\n", PENDING)
    # both sides name each other, each in its own format; the old record stays in force
    assert (project.root / OLD).read_text() == linked
    text = (project.root / NEW).read_text()
    assert text.startswith(head) and text.endswith(tail), text
    assert formats_of(project) == {OLD: read_as, NEW: read_as}
    # the linter then has nothing to say but the new record's prompts, which are its author's to write
    found = project.findings()
    assert found and {(rule, path) for rule, path, *_ in found} == {("placeholder", NEW)}

    (project.root / NEW).write_text(written(text))
    accepted = project.run("status", "ADR-0002", "accepted")
    assert (accepted.returncode, accepted.stderr) == (0, "")
    assert accepted.stdout == f"{OLD}: accepted -> superseded (superseded by ADR-0002)\n{NEW}: proposed -> accepted\n"
    assert (project.root / OLD).read_text() == superseded
    assert project.findings() == []

    # the next one in the chain: the middle record gets its second link beside its first
    again = project.run("new", "adr", "Use CockroachDB", "--supersedes", "ADR-0002", *author)
    assert (again.returncode, again.stdout) == (0, NEWER + "\n"), again.stderr
    (project.root / NEWER).write_text(written((project.root / NEWER).read_text()))
    assert project.run("status", "ADR-0003", "accepted").returncode == 0
    assert project.findings() == []
    archive = Archive.load(load_settings(None, project.root))
    middle = archive.by_path[NEW]
    assert (middle.format, middle.status) == (read_as, "superseded")
    assert sorted((link.relation, link.target) for link in middle.links) == [
        ("superseded_by", "ADR-0003"), ("supersedes", "ADR-0001")
    ]
    assert formats_of(project) == {OLD: read_as, NEW: read_as, NEWER: read_as}


def test_rfc_supersedes_keeps_the_old_rfc_in_force_and_clean(project):
    # an RFC has no superseded status: both sides are linked, and the old one's status stays
    project.write("rfc/0001-plan.md", "---\nstatus: accepted\ndate: 2025-01-01\nauthors: [carol]\n---\n# Plan\n\nText.\n")
    result = project.run("new", "rfc", "Better plan", "--supersedes", "RFC-1", "--author", "dan")
    assert (result.returncode, result.stderr) == (0, "updated rfc/0001-plan.md: superseded_by RFC-0002\n")
    path = project.root / "rfc" / "0002-better-plan.md"
    path.write_text(written(path.read_text()))
    assert project.run("status", "RFC-2", "in-review").returncode == 0
    assert project.run("status", "RFC-2", "accepted").stdout == "rfc/0002-better-plan.md: in-review -> accepted\n"
    assert (project.root / "rfc" / "0001-plan.md").read_text() == (
        "---\nstatus: accepted\ndate: 2025-01-01\nauthors: [carol]\nsuperseded_by: [RFC-0002]\n---\n# Plan\n\nText.\n"
    )
    assert project.findings() == []


def test_new_accepted_at_once_supersedes_at_once(project):
    project.write(OLD, FORMATS["native"][0])
    result = project.run("new", "adr", "Use PostgreSQL", "--supersedes", "ADR-1", "--status", "accepted", "--author", "bob")
    assert (result.returncode, result.stderr) == (
        0, "updated adr/0001-use-mysql.md: accepted -> superseded (superseded by ADR-0002)\n"
    )
    assert (project.root / OLD).read_text() == FORMATS["native"][2]
    # an accepted ADR needs its deciders: without them, the command is used wrongly
    refused = project.run("new", "adr", "Use Oracle", "--status", "accepted")
    assert (refused.returncode, refused.stdout, refused.stderr) == (
        2, "", "decisions: error: ADR records with status 'accepted' need deciders: name them with --author\n"
    )


def test_new_follows_the_kind_format_option_and_the_dominant_format(project):
    # most records are adr-tools, one is ours: the new one is written like most
    project.write("adr/0001-a.md", FORMATS["adr-tools"][0])
    project.write("adr/0002-b.md", FORMATS["adr-tools"][0].replace("# 1. Use MySQL", "# 2. Use B"))
    project.write("adr/0003-c.md", FORMATS["native"][0])
    assert project.run("new", "adr", "Next").stdout == "adr/0004-next.md\n"
    assert formats_of(project)["adr/0004-next.md"] == "adr-tools"
    # the kind's `format` option, when it names one, is followed (here in a kind with no records yet)
    project.write("mkdocs.yml", "site_name: T\nplugins:\n  - decisions:\n      kinds: {adr: {format: inline}}\n")
    for path in (project.root / "adr").iterdir():
        path.unlink()
    assert project.run("new", "adr", "Inline one").stdout == "adr/0001-inline-one.md\n"
    assert (project.root / "adr" / "0001-inline-one.md").read_text().startswith(
        f"# Inline one\n\n**Status**: Proposed\n**Date**: {TODAY}\n\n## Context and problem statement\n"
    )


def test_what_a_format_cannot_hold_is_refused(project):
    project.write(OLD, FORMATS["adr-tools"][0])
    before = (project.root / OLD).read_bytes()
    people = project.run("new", "adr", "Use PostgreSQL", "--author", "bob")
    assert (people.returncode, people.stdout, people.stderr) == (
        1, "", "decisions: the adr records are in adr-tools format, which has no place for deciders; "
        "leave out --author, or write the names in the record's text\n"
    )
    # a format no builtin reader writes
    project.write("mkdocs.yml", "site_name: T\nplugins:\n  - decisions:\n      kinds: {adr: {format: yaml-proposal}}\n")
    unknown = project.run("new", "adr", "Use PostgreSQL")
    assert (unknown.returncode, unknown.stdout, unknown.stderr) == (
        1, "", "decisions: the adr records are in yaml-proposal format, which 'decisions new' cannot write; "
        "it writes native, madr, adr-tools, inline\n"
    )
    assert sorted(p.name for p in (project.root / "adr").iterdir()) == ["0001-use-mysql.md"]
    assert (project.root / OLD).read_bytes() == before


def test_a_link_that_would_not_read_back_is_refused(project):
    # MADR frontmatter with none of our keys: a `superseded_by` key would make it read as our format
    old = "---\nlabels: [db]\n---\n# Use MySQL\n\n## Context and Problem Statement\n\nOrders need a database.\n"
    project.write(OLD, old)
    result = project.run("new", "adr", "Use PostgreSQL", "--supersedes", "ADR-0001")
    assert (result.returncode, result.stdout, result.stderr) == (
        1, "", "decisions: adr/0001-use-mysql.md: the change would not read back from this madr record "
        "(it would be read as native); nothing was written: make the change by hand\n"
    )
    assert sorted(p.name for p in (project.root / "adr").iterdir()) == ["0001-use-mysql.md"]
    assert (project.root / OLD).read_text() == old


# -- real archives, copied to a temporary folder ------------------------------------------------

REAL = REPO.parent / "shared" / "real-archives"


@pytest.mark.parametrize(
    "name", ["alphagov__govuk-aws", "elastisys__compliantkubernetes", "adr__madr", "thomvaill__log4brains"]
)
def test_supersedes_then_accept_in_a_real_archive_leaves_it_clean(project, name):
    if not (REAL / name).is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{REAL / name} is missing")
        pytest.skip(f"{REAL / name} is not here (it is in CI)")
    shutil.copytree(REAL / name, project.root / "archive")
    project.write("mkdocs.yml", "site_name: Real\nplugins:\n  - decisions:\n      kinds: {adr: {directory: archive}}\n")
    # the archive's own faults (tests/test_formats.py lists them) stay; the commands add none
    faults = project.findings()
    archive = Archive.load(load_settings(None, project.root))
    ordered = archive.ordered("adr")
    old = ([r for r in ordered if r.status == "accepted"] or ordered)[-1]
    before = {p: p.read_bytes() for p in (project.root / "archive").rglob("*.md")}

    result = project.run("new", "adr", "Use PostgreSQL", "--supersedes", old.id)
    assert result.returncode == 0, result.stderr
    new_path = result.stdout.strip()
    assert result.stderr.startswith(f"updated {old.path}: superseded_by ")
    found = [finding for finding in project.findings() if finding not in faults]
    assert {(rule, path) for rule, path, *_ in found} == {("placeholder", new_path)}
    changed = {p for p in (project.root / "archive").rglob("*.md") if before.get(p) != p.read_bytes()}
    assert {p.relative_to(project.root).as_posix() for p in changed} == {old.path, new_path}

    new_file = project.root / new_path
    new_file.write_text(written(new_file.read_text()))
    new_id = Archive.load(load_settings(None, project.root)).by_path[new_path].id
    accepted = project.run("status", new_id, "accepted")
    assert (accepted.returncode, accepted.stderr) == (0, "")
    assert project.findings() == faults
    after = Archive.load(load_settings(None, project.root))
    assert (after.by_path[old.path].format, after.by_path[old.path].status) == (old.format, "superseded")
    assert after.by_path[new_path].format == old.format
    assert after.by_path[old.path].targets("superseded_by") == [new_id]
    assert after.by_path[new_path].targets("supersedes") == [old.id]


# -- what `new` fills in, and what it refuses, whatever the archive -----------------------------


def test_an_empty_title_is_refused_before_anything_is_made(project):
    """A record needs a title for its heading and file name: a blank one is a usage error."""
    result = project.run("new", "adr", "   ")
    assert (result.returncode, result.stdout, result.stderr) == (
        2, "", "decisions: error: the title is empty; give the decision a short title\n"
    )
    assert not (project.root / "adr").exists()


def test_a_slug_cut_at_its_length_does_not_end_in_a_dash():
    """A long title is cut at 60 characters; a cut that falls on a word break leaves no trailing dash."""
    assert slugify("a" * 59 + " b") == "a" * 59
    assert slugify("--" + "b" * 70) == "b" * 60


def test_a_kind_of_the_teams_own_starts_at_its_proposal_status_with_its_authors(project):
    """A custom kind's record starts at its first proposal status (not its first status),
    with the names under `authors`, from the team's template; a kind with no template is refused."""
    project.write(
        "mkdocs.yml",
        "site_name: T\nplugins:\n  - decisions:\n      templates_dir: templates\n"
        "      kinds: {spec: {statuses: [final, draft], proposed: [draft]}, memo: {statuses: [open]}}\n",
    )
    project.write("templates/spec.md", "---\nstatus: final\ndate: YYYY-MM-DD\nauthors: []\n---\n# [Title]\n\n## Proposal\n\n[TODO: what]\n")
    result = project.run("new", "spec", "Wire format", "--author", "Ann", "--author", "Bo Li")
    assert (result.returncode, result.stdout, result.stderr) == (0, "spec/0001-wire-format.md\n", "")
    assert (project.root / "spec" / "0001-wire-format.md").read_text() == (
        f"---\nstatus: draft\ndate: {TODAY}\nauthors: [Ann, Bo Li]\n---\n# Wire format\n\n## Proposal\n\n[TODO: what]\n"
    )
    memo = project.run("new", "memo", "Hello")
    assert (memo.returncode, memo.stdout, memo.stderr) == (
        2, "", "decisions: error: no template for kind 'memo': add memo.md to your templates_dir\n"
    )
    assert not (project.root / "memo").exists()


def test_a_template_that_cannot_start_a_record_is_refused(project):
    """A team template that is not UTF-8, or has no frontmatter for a record in our format,
    is named in a usage error, and no record is written."""
    project.write("mkdocs.yml", "site_name: T\nplugins:\n  - decisions:\n      templates_dir: templates\n")
    project.write("templates/adr.md", b"\xff# [Title]\n")
    unreadable = project.run("new", "adr", "Use PostgreSQL")
    assert (unreadable.returncode, unreadable.stdout, unreadable.stderr) == (
        2, "", "decisions: error: templates_dir: cannot read adr.md: "
        "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte\n"
    )
    project.write("templates/adr.md", "# [Title]\n\n## Context\n\n[TODO: why]\n")
    bare = project.run("new", "adr", "Use PostgreSQL")
    assert (bare.returncode, bare.stdout, bare.stderr) == (
        2, "", "decisions: error: the template has no frontmatter block, so it cannot start a record\n"
    )
    assert list((project.root / "adr").glob("*.md")) == []


def test_a_template_is_filled_once_and_what_it_repeats_is_left_for_the_linter(project):
    """Only the first date, status, deciders and [Title] of a template are filled in: a key the
    template repeats stays as written, so the linter reports it instead of `new` hiding it."""
    project.write("mkdocs.yml", "site_name: T\nplugins:\n  - decisions:\n      templates_dir: templates\n")
    project.write(
        "templates/adr.md",
        "---\nstatus: proposed\ndate: YYYY-MM-DD\ndeciders: []\ndate: YYYY-MM-DD\nstatus: draft\ndeciders: []\n---\n"
        "# [Title]\n\nSee [Title].\n",
    )
    result = project.run("new", "adr", "Use PostgreSQL", "--author", "Ann")
    assert (result.returncode, result.stdout) == (0, "adr/0001-use-postgresql.md\n"), result.stderr
    assert (project.root / "adr" / "0001-use-postgresql.md").read_text() == (
        f"---\nstatus: proposed\ndate: {TODAY}\ndeciders: [Ann]\ndate: YYYY-MM-DD\nstatus: draft\ndeciders: []\n---\n"
        "# Use PostgreSQL\n\nSee [Title].\n"
    )
    assert [(rule, line, column) for rule, _, line, column, _ in project.findings()] == [
        ("duplicate-key", 5, 1), ("placeholder", 5, 7), ("duplicate-key", 6, 1), ("duplicate-key", 7, 1),
        ("placeholder", 11, 5),
    ]


def test_our_format_from_a_template_of_the_teams_own_may_read_as_madr(project):
    """A team template with only MADR's keys and sections makes a MADR record in a new archive:
    the team chose that shape, so `new` writes it rather than refusing."""
    project.write("mkdocs.yml", "site_name: T\nplugins:\n  - decisions:\n      templates_dir: templates\n")
    project.write(
        "templates/adr.md",
        "---\nstatus: proposed\ndate: YYYY-MM-DD\n---\n# [Title]\n\n## Context and Problem Statement\n\n[TODO: why]\n",
    )
    result = project.run("new", "adr", "Use PostgreSQL")
    assert (result.returncode, result.stdout, result.stderr) == (0, "adr/0001-use-postgresql.md\n", "")
    assert (project.root / "adr" / "0001-use-postgresql.md").read_text() == (
        f"---\nstatus: proposed\ndate: {TODAY}\n---\n# Use PostgreSQL\n\n## Context and Problem Statement\n\n[TODO: why]\n"
    )
    assert formats_of(project) == {"adr/0001-use-postgresql.md": "madr"}


def test_a_new_record_that_would_read_as_another_format_is_refused(project):
    """In an inline archive, a template whose `## Status` section would make the record read as
    adr-tools is refused with the reason, and nothing is written."""
    project.write("mkdocs.yml", "site_name: T\nplugins:\n  - decisions:\n      templates_dir: templates\n")
    project.write(OLD, FORMATS["inline"][0])
    project.write(
        "templates/adr.md",
        "---\nstatus: proposed\ndate: YYYY-MM-DD\ndeciders: []\n---\n# [Title]\n\n## Status\n\n[TODO: status]\n",
    )
    result = project.run("new", "adr", "Use PostgreSQL")
    assert (result.returncode, result.stdout, result.stderr) == (
        1, "", "decisions: adr/0002-use-postgresql.md: the new record cannot be written in inline format "
        "(it would be read as adr-tools, not inline); nothing was written\n"
    )
    assert sorted(p.name for p in (project.root / "adr").iterdir()) == ["0001-use-mysql.md"]


def test_in_an_archive_named_by_date_a_second_record_of_the_day_with_that_title_is_refused(project):
    """Files named by date (log4brains) get today's date as their number, so the same title twice
    in a day names a file that exists: it is refused, never overwritten."""
    project.write(
        "adr/20250102-use-mysql.md",
        "# Use MySQL\n\n* Status: accepted\n* Date: 2025-01-02\n\n## Context and Problem Statement\n\nOrders need a database.\n",
    )
    day = TODAY.replace("-", "")
    first = project.run("new", "adr", "Use PostgreSQL")
    assert (first.returncode, first.stdout, first.stderr) == (0, f"adr/{day}-use-postgresql.md\n", "")
    path = project.root / "adr" / f"{day}-use-postgresql.md"
    assert path.read_text().startswith(
        f"# Use PostgreSQL\n\n* Status: proposed\n* Date: {TODAY}\n\n## Context and problem statement\n\n"
    )
    mine = path.read_bytes().replace(b"[TODO", b"[MINE")
    path.write_bytes(mine)
    again = project.run("new", "adr", "Use PostgreSQL")
    assert (again.returncode, again.stdout, again.stderr) == (
        1, "", f"decisions: adr/{day}-use-postgresql.md already exists; not overwriting it\n"
    )
    assert path.read_bytes() == mine


def test_an_rfc_is_authored_by_gits_user_unless_named(project):
    """A new RFC names git's user.name as its author when no --author is given; an ADR's deciders
    are never guessed, and names given replace the default."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    subprocess.run(["git", "init", "-q"], cwd=project.root, check=True)
    subprocess.run(["git", "config", "user.name", "Carol Example"], cwd=project.root, check=True)
    assert project.run("new", "rfc", "Better plan").stdout == "rfc/0001-better-plan.md\n"
    assert "\nauthors: [Carol Example]\nreviewers: []\n" in (project.root / "rfc" / "0001-better-plan.md").read_text()
    assert project.run("new", "rfc", "Other plan", "--author", "Dan").stdout == "rfc/0002-other-plan.md\n"
    assert "\nauthors: [Dan]\nreviewers: []\n" in (project.root / "rfc" / "0002-other-plan.md").read_text()
    assert project.run("new", "adr", "Use PostgreSQL").stdout == "adr/0001-use-postgresql.md\n"
    assert f"\ndeciders: []\n{GOVERNANCE}" in (project.root / "adr" / "0001-use-postgresql.md").read_text()


def test_new_in_an_adr_tools_archive_named_by_date_has_no_number_in_its_heading(project):
    """adr-tools headings carry the record's number (`# 3. Title`); a record
    named by its date has none to show, and a date there would read back as a
    wrong number (heading-number): the heading is the title alone."""
    project.write("adr/20250102-use-mysql.md", "# Use MySQL\n\nDate: 2025-01-02\n\n## Status\n\nAccepted\n\n"
                  "## Context\n\nText.\n", dedent=False)
    result = project.run("new", "adr", "Use PostgreSQL", "--supersedes", "ADR-20250102-use-mysql")
    assert result.returncode == 0, result.stderr
    [created] = [p for p in (project.root / "adr").iterdir() if p.name != "20250102-use-mysql.md"]
    assert re.fullmatch(r"\d{8}-use-postgresql\.md", created.name)
    assert created.read_text().startswith("# Use PostgreSQL\n\nDate: ")
    assert (project.root / "adr" / "20250102-use-mysql.md").read_text().endswith(
        f"## Status\n\nAccepted\n\nSuperseded by [Use PostgreSQL]({created.name})\n\n## Context\n\nText.\n"
    )
    assert [f for f in findings(project) if f["rule"] != "placeholder"] == []


def test_supersedes_after_an_empty_list_item_writes_a_valid_item(project):
    """`superseded_by:` ending in an empty item (`  -`): the new item gets its
    own dash and space, not `  -ADR-0002`, which is no YAML list item."""
    project.write("adr/0001-use-mysql.md", "---\nstatus: accepted\ndate: 2025-01-02\ndeciders: [ann]\n"
                  "superseded_by:\n  -\n---\n# Use MySQL\n\n## Context\n\nText.\n", dedent=False)
    result = project.run("new", "adr", "Use PostgreSQL", "--supersedes", "ADR-0001", "--author", "ann")
    assert result.returncode == 0, result.stderr
    assert (project.root / "adr" / "0001-use-mysql.md").read_text().startswith(
        "---\nstatus: accepted\ndate: 2025-01-02\ndeciders: [ann]\nsuperseded_by:\n  -\n  - ADR-0002\n---\n"
    )


def test_the_supersedes_line_ends_as_the_templates_lines_do(project):
    """Templates are read as text, so their lines end in LF, and so does the
    `supersedes:` line `new` adds: the new file has one kind of line ending,
    even from a team's template saved with CRLF."""
    project.write("adr/0001-use-mysql.md", accepted_adr("Use MySQL"))
    project.write("mkdocs.yml", "site_name: T\nplugins:\n  - decisions:\n      templates_dir: templates\n")
    project.write("templates/adr.md", b"---\r\nstatus: proposed\r\ndate: YYYY-MM-DD\r\ndeciders: []\r\n---\r\n"
                  b"# [Title]\r\n\r\n## Why\r\n\r\nBecause.\r\n")
    result = project.run("new", "adr", "Use SQLite", "--supersedes", "ADR-0001", "--author", "bob")
    assert result.returncode == 0, result.stderr
    assert (project.root / "adr" / "0002-use-sqlite.md").read_bytes() == (
        f"---\nstatus: proposed\ndate: {TODAY}\ndeciders: [bob]\nsupersedes: [ADR-0001]\n---\n"
        "# Use SQLite\n\n## Why\n\nBecause.\n"
    ).encode()


def test_a_successor_the_old_record_already_names_is_not_named_twice(project):
    """The old record already says `superseded_by: [ADR-0002]` (written ahead
    by hand): creating ADR-0002 leaves it as it is."""
    old = accepted_adr("Use MySQL", extra="superseded_by: [ADR-0002]\n")
    project.write("adr/0001-use-mysql.md", old)
    result = project.run("new", "adr", "Use PostgreSQL", "--supersedes", "ADR-0001", "--author", "bob")
    assert (result.returncode, result.stdout, result.stderr) == (0, "adr/0002-use-postgresql.md\n", "")
    assert (project.root / "adr" / "0001-use-mysql.md").read_text() == old


def test_a_second_successor_is_added_to_the_old_records_list(project):
    """Two proposals to replace one decision: the second is added to the old
    record's `superseded_by`, the first stays."""
    project.write("adr/0001-use-mysql.md", accepted_adr("Use MySQL", extra="superseded_by: [ADR-0002]\n"))
    project.write("adr/0002-use-postgresql.md",
                  accepted_adr("Use PostgreSQL", extra="supersedes: [ADR-0001]\n").replace("accepted", "proposed"))
    result = project.run("new", "adr", "Use SQLite", "--supersedes", "ADR-0001", "--author", "bob")
    assert result.returncode == 0, result.stderr
    assert "\nsuperseded_by: [ADR-0002, ADR-0003]\n" in (project.root / "adr" / "0001-use-mysql.md").read_text()


def test_supersedes_takes_the_number_in_the_new_records_kind(project):
    """`new rfc … --supersedes 1` with both ADR-0001 and RFC-0001 means RFC-0001."""
    project.write("adr/0001-use-mysql.md", accepted_adr("Use MySQL"))
    project.write("rfc/0001-api-style.md", accepted_adr("API style").replace("deciders: [alice]", "authors: [alice]"))
    before = (project.root / "adr" / "0001-use-mysql.md").read_text()
    result = project.run("new", "rfc", "API style 2", "--supersedes", "1", "--author", "bob")
    assert result.returncode == 0, result.stderr
    assert "\nsuperseded_by: [RFC-0002]\n" in (project.root / "rfc" / "0001-api-style.md").read_text()
    assert (project.root / "adr" / "0001-use-mysql.md").read_text() == before


def test_madr_record_accepted_at_once_marks_the_old_one_superseded_by_a_link(project):
    """MADR writes the successor into the status: `superseded by [ADR-0002](…)`."""
    project.write("adr/0001-use-mysql.md", "# Use MySQL\n\n- Status: accepted\n- Date: 2024-01-02\n\n"
                  "## Context and Problem Statement\n\nText.\n", dedent=False)
    result = project.run("new", "adr", "Use PostgreSQL", "--status", "accepted", "--supersedes", "ADR-0001")
    assert result.returncode == 0, result.stderr
    assert "\n- Status: superseded by [ADR-0002](0002-use-postgresql.md)\n" in (
        project.root / "adr" / "0001-use-mysql.md").read_text()


def test_superseding_a_record_without_a_status_says_it_stays_without_one(project):
    project.write("adr/0001-use-mysql.md", "# Use MySQL\n\n## Context and Problem Statement\n\nText.\n\n"
                  "## Decision Outcome\n\nMySQL.\n", dedent=False)
    result = project.run("new", "adr", "Use PostgreSQL", "--supersedes", "ADR-0001")
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        "updated adr/0001-use-mysql.md: superseded_by ADR-0002; it stays without a status until ADR-0002 is "
        "accepted ('decisions status ADR-0002 accepted' marks it superseded)\n"
    )


def test_new_refuses_a_supersedes_link_that_would_not_read_back(project):
    """Every command reads back what it would write: a MADR link to a file
    whose name holds `#` is cut there by readers, so the new record would not
    say what it supersedes; `new` refuses and writes nothing."""
    project.write("adr/0001-use-c#.md", "# Use C#\n\n- Status: accepted\n- Date: 2024-01-02\n\n"
                  "## Context and Problem Statement\n\nText.\n", dedent=False)
    before = {p.name: p.read_bytes() for p in (project.root / "adr").iterdir()}
    result = project.run("new", "adr", "Use Rust", "--supersedes", "ADR-0001")
    assert (result.returncode, result.stdout, result.stderr) == (
        1, "", "decisions: adr/0002-use-rust.md: the new record cannot be written in madr format "
        "(its 'supersedes' link to ADR-0001 would not be read); nothing was written\n"
    )
    assert {p.name: p.read_bytes() for p in (project.root / "adr").iterdir()} == before
