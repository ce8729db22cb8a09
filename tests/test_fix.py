"""`decisions lint --fix`: byte-preserving, atomic, idempotent edits.

Every expected file is written out in full: only the one value (or the one
inserted line) differs from the input, every other byte stays.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from conftest import FIXTURES
from test_rules import MIXED_FORMATS

A = "adr/0001-use-queue.md"
B = "adr/0002-use-kafka.md"
C = "adr/0003-use-pulsar.md"

QUEUE_SUPERSEDED = b"---\nstatus: superseded\ndate: 2026-01-10\ndeciders: [alice]\n---\n# Use a queue\n\nText.\n"
KAFKA_SUPERSEDES_1 = (
    b"---\nstatus: accepted\ndate: 2026-02-01\ndeciders: [bob]\nsupersedes: [ADR-0001]\n---\n"
    b"# Use Kafka\n\nText.\n"
)


def snapshot(root: Path) -> dict[str, tuple[bytes, int, int, int]]:
    """Every file under root: (bytes, permission bits, inode, mtime)."""
    found = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            info = path.stat()
            found[path.relative_to(root).as_posix()] = (
                path.read_bytes(), stat.S_IMODE(info.st_mode), info.st_ino, info.st_mtime_ns
            )
    return found


def fix(project, files: dict[str, bytes], expected: dict[str, bytes], mode: int = 0o640, fixed: int | None = None):
    """Write `files` (with permission bits `mode`), run --fix, and check that exactly
    the files in `expected` now hold those bytes, that nothing else changed, that
    permissions are kept, that no temporary file is left, and that a second run
    changes nothing."""
    for relative, data in files.items():
        project.write(relative, data)
        os.chmod(project.root / relative, mode)
    before = snapshot(project.root)

    result = project.run("lint", "--fix")
    assert result.returncode == 0, (result.stdout, result.stderr)
    assert result.stdout == ""
    count = len(expected) if fixed is None else fixed
    assert result.stderr == f"0 error(s), 0 warning(s) in {len(files)} record(s); fixed {count} file(s)\n"

    after = snapshot(project.root)
    # no temporary file (or anything else) appeared or disappeared
    assert set(after) == set(before) == set(files)
    for relative, data in files.items():
        assert after[relative][0] == expected.get(relative, data), relative
        assert after[relative][1] == mode, (relative, oct(after[relative][1]))
        if relative not in expected:
            assert after[relative][2:] == before[relative][2:], f"{relative} was rewritten"

    again = project.run("lint", "--fix")
    assert (again.returncode, again.stdout, again.stderr) == (0, "", "")
    assert snapshot(project.root) == after  # same bytes, same inodes: nothing rewritten


# -- (a) the other record has no key for the link yet ------------------------------


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664])
def test_one_sided_link_adds_the_missing_key(project, mode):
    fix(
        project,
        {A: QUEUE_SUPERSEDED, B: KAFKA_SUPERSEDES_1},
        {A: b"---\nstatus: superseded\ndate: 2026-01-10\ndeciders: [alice]\nsuperseded_by: [ADR-0002]\n"
            b"---\n# Use a queue\n\nText.\n"},
        mode=mode,
    )


def test_one_sided_link_adds_the_canonical_id_of_a_loosely_written_link(project):
    fix(
        project,
        {A: QUEUE_SUPERSEDED,
         B: b"---\nstatus: accepted\ndate: 2026-02-01\ndeciders: [bob]\nsupersedes: [adr-1]\n---\n# K\n\nText.\n"},
        {A: b"---\nstatus: superseded\ndate: 2026-01-10\ndeciders: [alice]\nsuperseded_by: [ADR-0002]\n"
            b"---\n# Use a queue\n\nText.\n"},
    )


def test_lint_without_fix_never_writes(project):
    project.write(A, QUEUE_SUPERSEDED)
    project.write(B, KAFKA_SUPERSEDES_1)
    before = snapshot(project.root)
    result = project.run("lint")
    assert result.returncode == 1
    assert result.stdout == (
        f"{B}:5:14: error one-sided-link: ADR-0002 supersedes ADR-0001, but {A} does not name "
        "ADR-0002 in 'superseded_by'; add it there (decisions lint --fix does)\n"
    )
    assert snapshot(project.root) == before


def test_fix_reports_the_fixed_count_in_json(project):
    project.write(A, QUEUE_SUPERSEDED)
    project.write(B, KAFKA_SUPERSEDES_1)
    result = project.run("lint", "--fix", "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout) == {
        "diagnostics": [],
        "summary": {"records": 2, "errors": 0, "warnings": 0, "fixed": 1},
    }


# -- (b), (c), (d): appending to a value that is already there ---------------------

# ADR-0001 and ADR-0002 both say ADR-0003 replaced them; ADR-0003 names only ADR-0001.
FIRST = b"---\nstatus: superseded\ndate: 2026-01-10\ndeciders: [alice]\nsuperseded_by: [ADR-0003]\n---\n# Use a queue\n\nText.\n"
SECOND = b"---\nstatus: superseded\ndate: 2026-01-20\ndeciders: [alice]\nsuperseded_by: [ADR-0003]\n---\n# Use a broker\n\nText.\n"


def successor(supersedes: bytes) -> bytes:
    return b"---\nstatus: accepted\ndate: 2026-02-01\ndeciders: [bob]\n" + supersedes + b"---\n# Use Pulsar\n\nText.\n"


def test_append_to_a_flow_list(project):
    fix(
        project,
        {A: FIRST, B: SECOND, C: successor(b"supersedes: [ADR-0001]\n")},
        {C: b"---\nstatus: accepted\ndate: 2026-02-01\ndeciders: [bob]\nsupersedes: [ADR-0001, ADR-0002]\n"
            b"---\n# Use Pulsar\n\nText.\n"},
    )


def test_append_to_an_empty_flow_list(project):
    fix(
        project,
        {A: FIRST, B: SECOND, C: successor(b"supersedes: []  # none yet\n")},
        {C: b"---\nstatus: accepted\ndate: 2026-02-01\ndeciders: [bob]\nsupersedes: [ADR-0001, ADR-0002]  # none yet\n"
            b"---\n# Use Pulsar\n\nText.\n"},
    )


def test_append_to_a_flow_list_with_a_trailing_comma(project):
    # `[ADR-0001,]` is valid YAML; the fixed file must still be valid YAML.
    fix(
        project,
        {A: FIRST, B: SECOND, C: successor(b"supersedes: [ADR-0001,]\n")},
        {C: b"---\nstatus: accepted\ndate: 2026-02-01\ndeciders: [bob]\nsupersedes: [ADR-0001, ADR-0002]\n"
            b"---\n# Use Pulsar\n\nText.\n"},
    )


def test_append_to_a_block_list(project):
    fix(
        project,
        {A: FIRST, B: SECOND, C: successor(b"supersedes:\n  - ADR-0001  # the first\n")},
        {C: b"---\nstatus: accepted\ndate: 2026-02-01\ndeciders: [bob]\nsupersedes:\n  - ADR-0001  # the first\n"
            b"  - ADR-0002\n---\n# Use Pulsar\n\nText.\n"},
    )


def test_append_to_an_unindented_block_list_followed_by_other_keys(project):
    files = {
        A: FIRST,
        B: SECOND,
        C: b"---\nstatus: accepted\nsupersedes:\n- ADR-0001\ndate: 2026-02-01\ndeciders: [bob]\n---\n# P\n\nText.\n",
    }
    fix(
        project,
        files,
        {C: b"---\nstatus: accepted\nsupersedes:\n- ADR-0001\n- ADR-0002\ndate: 2026-02-01\ndeciders: [bob]\n---\n# P\n\nText.\n"},
    )


def test_append_to_a_scalar(project):
    fix(
        project,
        {A: FIRST, B: SECOND, C: successor(b"supersedes: ADR-0001\n")},
        {C: b"---\nstatus: accepted\ndate: 2026-02-01\ndeciders: [bob]\nsupersedes: [ADR-0001, ADR-0002]\n"
            b"---\n# Use Pulsar\n\nText.\n"},
    )


def test_append_to_an_empty_value(project):
    fix(
        project,
        {A: b"---\nstatus: superseded\ndate: 2026-01-10\ndeciders: [alice]\nsuperseded_by:\n---\n# Use a queue\n\nText.\n",
         B: KAFKA_SUPERSEDES_1},
        {A: b"---\nstatus: superseded\ndate: 2026-01-10\ndeciders: [alice]\nsuperseded_by: [ADR-0002]\n"
            b"---\n# Use a queue\n\nText.\n"},
    )


def test_two_records_missing_from_the_same_list_are_added_at_once(project):
    third = b"---\nstatus: superseded\ndate: 2026-01-25\ndeciders: [alice]\nsuperseded_by: [ADR-0004]\n---\n# Use a bus\n\nText.\n"
    first = FIRST.replace(b"ADR-0003", b"ADR-0004")
    second = SECOND.replace(b"ADR-0003", b"ADR-0004")
    fix(
        project,
        {A: first, B: second, C: third,
         "adr/0004-use-nats.md": successor(b"supersedes: [ADR-0001]\n")},
        {"adr/0004-use-nats.md": b"---\nstatus: accepted\ndate: 2026-02-01\ndeciders: [bob]\n"
            b"supersedes: [ADR-0001, ADR-0002, ADR-0003]\n---\n# Use Pulsar\n\nText.\n"},
    )


# -- (e) status aliases and stale statuses: one value replaced ---------------------


def test_status_alias_is_replaced_by_the_canonical_status(project):
    fix(
        project,
        {A: b"---\nstatus: Superceded\ndate: 2026-01-10\ndeciders: [alice]\nsuperseded_by: [ADR-0002]\n---\n# Q\n\nText.\n",
         B: KAFKA_SUPERSEDES_1,
         "rfc/0001-plan.md": b"---\nstatus: In Review  # waiting for dan\ndate: 2026-01-01\nauthors: [carol]\n---\n# Plan\n\nText.\n"},
        {A: b"---\nstatus: superseded\ndate: 2026-01-10\ndeciders: [alice]\nsuperseded_by: [ADR-0002]\n---\n# Q\n\nText.\n",
         "rfc/0001-plan.md": b"---\nstatus: in-review  # waiting for dan\ndate: 2026-01-01\nauthors: [carol]\n---\n# Plan\n\nText.\n"},
    )


def test_stale_status_becomes_superseded(project):
    fix(
        project,
        {A: b"---\nstatus: accepted\ndate: 2026-01-10\ndeciders: [alice]\nsuperseded_by: [ADR-0002]\n---\n# Q\n\nText.\n",
         B: KAFKA_SUPERSEDES_1},
        {A: b"---\nstatus: superseded\ndate: 2026-01-10\ndeciders: [alice]\nsuperseded_by: [ADR-0002]\n---\n# Q\n\nText.\n"},
    )


MIXED_ENDINGS = b"---\r\nstatus: In Review\ndate: 2026-01-01\r\nauthors: [a]\n---\n# Plan\r\n\r\nText\n"


def test_mixed_line_endings_fixture_keeps_its_line_endings(project):
    assert (FIXTURES / "bad" / "rfc" / "0002-mixed-endings.md").read_bytes() == MIXED_ENDINGS
    fix(
        project,
        {"rfc/0002-mixed-endings.md": MIXED_ENDINGS},
        {"rfc/0002-mixed-endings.md": b"---\r\nstatus: in-review\ndate: 2026-01-01\r\nauthors: [a]\n---\n# Plan\r\n\r\nText\n"},
    )


# -- (f) CRLF, a BOM and comments ----------------------------------------------------


def test_crlf_bom_and_comments_survive_an_inserted_key(project):
    fix(
        project,
        {A: b"\xef\xbb\xbf---\r\n# lineage is kept below\r\nstatus: superseded  # replaced by Kafka\r\n"
            b"date: 2026-01-10\r\ndeciders: [alice]  # the owner\r\n---\r\n# Use a queue\r\n\r\nText.\r\n",
         B: KAFKA_SUPERSEDES_1},
        {A: b"\xef\xbb\xbf---\r\n# lineage is kept below\r\nstatus: superseded  # replaced by Kafka\r\n"
            b"date: 2026-01-10\r\ndeciders: [alice]  # the owner\r\nsuperseded_by: [ADR-0002]\r\n"
            b"---\r\n# Use a queue\r\n\r\nText.\r\n"},
    )


def test_crlf_bom_and_comments_survive_two_edits_in_one_file(project):
    fix(
        project,
        {A: b"\xef\xbb\xbf---\r\nstatus: Superceded  # old spelling\r\ndate: 2026-01-10\r\ndeciders: [alice]\r\n"
            b"superseded_by:\r\n  - ADR-0002  # the first successor\r\n---\r\n# Use a queue\r\n\r\nText.\r\n",
         B: KAFKA_SUPERSEDES_1,
         C: b"---\nstatus: accepted\ndate: 2026-03-01\ndeciders: [bob]\nsupersedes: [ADR-0001]\n---\n# Use Pulsar\n\nText.\n"},
        {A: b"\xef\xbb\xbf---\r\nstatus: superseded  # old spelling\r\ndate: 2026-01-10\r\ndeciders: [alice]\r\n"
            b"superseded_by:\r\n  - ADR-0002  # the first successor\r\n  - ADR-0003\r\n---\r\n# Use a queue\r\n\r\nText.\r\n"},
    )


# -- what --fix leaves alone -----------------------------------------------------------


def test_fix_leaves_unfixable_errors_and_exits_1(project):
    project.write(A, QUEUE_SUPERSEDED)
    project.write(B, KAFKA_SUPERSEDES_1.replace(b"status: accepted", b"status: accepted\nsquad: x"))
    project.write(C, b"---\nstatus: acepted\ndate: 2026-01-10\n---\n# P\n\nText.\n")
    unfixable = (project.root / C).read_bytes()
    result = project.run("lint", "--fix")
    assert result.returncode == 1
    assert result.stdout == (
        f"{B}:3:1: warning unknown-field: unknown field 'squad'; remove it, or declare it in a "
        "schema of your own (the kind's 'schema' option)\n"
        f"{C}:2:9: error unknown-status: unknown status 'acepted' (did you mean 'accepted'?); "
        "ADR statuses are: proposed, accepted, rejected, deprecated, superseded\n"
    )
    assert result.stderr == "1 error(s), 1 warning(s) in 3 record(s); fixed 1 file(s)\n"
    assert (project.root / A).read_bytes() == (
        b"---\nstatus: superseded\ndate: 2026-01-10\ndeciders: [alice]\nsuperseded_by: [ADR-0002]\n"
        b"---\n# Use a queue\n\nText.\n"
    )
    assert (project.root / C).read_bytes() == unfixable
    assert sorted(os.listdir(project.root / "adr")) == sorted(Path(p).name for p in (A, B, C))


def test_fix_with_select_fixes_only_the_selected_rules(project):
    alias = b"---\nstatus: Superceded\ndate: 2026-01-10\ndeciders: [alice]\n---\n# Q\n\nText.\n"
    project.write(A, alias)
    project.write(B, KAFKA_SUPERSEDES_1)
    result = project.run("lint", "--fix", "--select", "status-alias")
    assert result.returncode == 0
    assert (project.root / A).read_bytes() == alias.replace(b"Superceded", b"superseded")


def test_fix_through_a_symbolic_link_edits_the_target_and_keeps_the_link(project):
    # adr/0001-use-queue.md is a link to a file elsewhere in the project: the fix
    # belongs in the file the link points to, and the link must stay a link.
    project.write("shared/0001-use-queue.md", QUEUE_SUPERSEDED)
    (project.root / "adr").mkdir()
    (project.root / A).symlink_to("../shared/0001-use-queue.md")
    project.write(B, KAFKA_SUPERSEDES_1)
    result = project.run("lint", "--fix")
    assert result.returncode == 0, result.stdout
    assert (project.root / A).is_symlink()
    assert (project.root / "shared" / "0001-use-queue.md").read_bytes() == (
        b"---\nstatus: superseded\ndate: 2026-01-10\ndeciders: [alice]\nsuperseded_by: [ADR-0002]\n"
        b"---\n# Use a queue\n\nText.\n"
    )
    assert sorted(os.listdir(project.root / "shared")) == ["0001-use-queue.md"]


def test_fix_with_paths_leaves_files_outside_the_paths_alone(project):
    # Like other linters' --fix, `decisions lint --fix PATH` edits only what it
    # reports: the alias in A is outside PATH, so neither reported nor fixed.
    alias = b"---\nstatus: Superceded\ndate: 2026-01-10\ndeciders: [alice]\n---\n# Q\n\nText.\n"
    project.write(A, alias)
    project.write(B, b"---\nstatus: proposed\ndate: 2026-02-01\n---\n# K\n\nText.\n")
    result = project.run("lint", "--fix", B)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert (project.root / A).read_bytes() == alias


# -- records in other formats are never edited -----------------------------------------


def test_fix_between_formats_rewrites_only_native_records(project):
    """Native records linked one-sidedly to and from adr-tools, MADR 2 and MADR 4 records:
    --fix writes the missing side where it is our frontmatter (ADR-0007, ADR-0010, and
    ADR-0011 of a pair of native records), and leaves the records of other formats, whose
    missing sides stay findings, for their authors."""
    for relative, data in MIXED_FORMATS.items():
        project.write(relative, data)
    before = snapshot(project.root)
    result = project.run("lint", "--fix")
    assert result.returncode == 1
    assert result.stderr == "5 error(s), 0 warning(s) in 13 record(s); fixed 3 file(s)\n"
    assert [line.split(": ")[0] for line in result.stdout.splitlines()] == [
        "adr/0003-use-postgres.md:5:14", "adr/0003-use-postgres.md:5:24", "adr/0003-use-postgres.md:5:34",
        "adr/0004-log-to-files.md:5:17", "adr/0004-log-to-files.md:5:27",
    ]
    after = snapshot(project.root)
    assert {path for path in after if after[path][0] != before[path][0]} == {
        "adr/0007-use-rest.md", "adr/0010-use-airflow.md", "adr/0011-use-yaml.md",
    }
    assert after["adr/0007-use-rest.md"][0] == (
        b"---\nstatus: superseded\ndate: 2026-03-01\ndeciders: [carol]\nsuperseded_by: [ADR-0008]\n---\n# Use REST\n\nText.\n"
    )
    assert after["adr/0010-use-airflow.md"][0] == (
        b"---\nstatus: accepted\ndate: 2026-03-04\ndeciders: [dan]\nsupersedes: [ADR-0009]\n---\n# Use Airflow\n\nText.\n"
    )
    assert after["adr/0011-use-yaml.md"][0] == (
        b"---\nstatus: superseded\ndate: 2026-03-05\ndeciders: [erin]\nsuperseded_by: [ADR-0012]\n---\n# Use YAML\n\nText.\n"
    )


# -- frontmatter closed with `...` (YAML's end of document) --------------------------------


def test_fix_keeps_a_yaml_document_end_line(project):
    # an inserted key goes above the `...` line, a replaced status stays where it was
    fix(
        project,
        {A: b"---\nstatus: Superceded\ndate: 2026-01-10\ndeciders: [alice]\n...\n# Use a queue\n\n---\n\nText.\n",
         B: KAFKA_SUPERSEDES_1.replace(b"\n---\n#", b"\n...\n#")},
        {A: b"---\nstatus: superseded\ndate: 2026-01-10\ndeciders: [alice]\nsuperseded_by: [ADR-0002]\n...\n"
            b"# Use a queue\n\n---\n\nText.\n"},
    )


def test_fix_keeps_a_yaml_document_end_line_with_crlf(project):
    fix(
        project,
        {A: b"---\r\nstatus: superseded\r\ndate: 2026-01-10\r\ndeciders: [alice]\r\n...\r\n# Use a queue\r\n\r\nText.\r\n",
         B: KAFKA_SUPERSEDES_1},
        {A: b"---\r\nstatus: superseded\r\ndate: 2026-01-10\r\ndeciders: [alice]\r\nsuperseded_by: [ADR-0002]\r\n...\r\n"
            b"# Use a queue\r\n\r\nText.\r\n"},
    )


# -- a file that changes between the check and the write is left alone, and named -------------


def _checked(project):
    """The archive as `lint --fix` reads it, and the fixes its check offers."""
    from mkdocs_decisions.archive import Archive
    from mkdocs_decisions.config import load_settings

    archive = Archive.load(load_settings(None, project.root))
    return archive, [fix for _, fix in archive.check().fixes]


def test_fix_skips_a_file_edited_after_the_check_and_fixes_the_others(project):
    """An editor's save between the check and the write is never overwritten; the rest is still fixed."""
    from mkdocs_decisions.authoring import fix as fixing

    project.write(A, QUEUE_SUPERSEDED)
    project.write(B, KAFKA_SUPERSEDES_1)
    project.write(C, b"---\nstatus: Superceded\ndate: 2026-01-10\ndeciders: [carol]\n---\n# Use Pulsar\n\nText.\n")
    archive, fixes = _checked(project)
    edited = QUEUE_SUPERSEDED.replace(b"Text.", b"Edited meanwhile.")
    project.write(A, edited)
    assert fixing.apply(archive, fixes) == (1, [f"{A}: not fixed, it changed while it was being checked"])
    assert (project.root / A).read_bytes() == edited
    assert (project.root / C).read_bytes() == (
        b"---\nstatus: superseded\ndate: 2026-01-10\ndeciders: [carol]\n---\n# Use Pulsar\n\nText.\n"
    )


def test_fix_names_a_file_it_cannot_read_again_and_why(project):
    """A record that became unreadable (here: a folder) since the check is skipped with the reason."""
    from mkdocs_decisions.authoring import fix as fixing

    project.write(A, QUEUE_SUPERSEDED)
    project.write(B, KAFKA_SUPERSEDES_1)
    archive, fixes = _checked(project)
    (project.root / A).unlink()
    (project.root / A).mkdir()
    assert fixing.apply(archive, fixes) == (
        0, [f"{A}: not fixed, cannot read it again: [Errno 21] Is a directory: '{project.root / A}'"]
    )
