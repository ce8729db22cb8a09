"""The native reader: values as written, positions, titles, odd bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from mkdocs_decisions.archive import Archive, scheme_for
from mkdocs_decisions.config import Settings
from mkdocs_decisions.model import Position
from mkdocs_decisions.readers import read_record
from mkdocs_decisions.readers.common import first_heading


def read(tmp_path: Path, data: bytes, name: str = "0003-use-x.md"):
    settings = Settings.from_mapping(None, tmp_path)
    path = tmp_path / "adr" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    return read_record(path, f"adr/{name}", settings.kind("adr"), scheme_for(settings))


def test_values_stay_as_written(tmp_path):
    record = read(
        tmp_path,
        b"---\nid: 010\nstatus: accepted\ndate: 2026-03-01\ntags: [no, yes, on, 1.0, ~]\n"
        b"reviewers:\n---\n# T\n",
        name="0010-t.md",
    )
    assert record.value("id") == "010"
    assert record.id == "ADR-0010"
    assert record.value("date") == "2026-03-01"
    assert record.value("tags") == ["no", "yes", "on", "1.0", None]
    assert record.value("reviewers") is None


def test_python_tags_are_not_executed(tmp_path):
    record = read(tmp_path, b"---\ntitle: !!python/object/apply:os.system [echo pwned]\n---\n# T\n")
    assert record.value("title") == ["echo pwned"]


def test_positions_of_keys_values_and_items(tmp_path):
    record = read(tmp_path, b"---\nstatus:   accepted\ntags:\n  - a\n  - b\n---\n# T\n")
    assert record.fields["status"].key_span.position == Position(2, 1)
    assert record.fields["status"].value_span.position == Position(2, 11)
    assert [s.position for s in record.fields["tags"].item_spans] == [Position(4, 5), Position(5, 5)]


def test_bom_and_crlf_are_accepted(tmp_path):
    record = read(tmp_path, b"\xef\xbb\xbf---\r\nstatus: accepted\r\ndate: 2026-01-01\r\n---\r\n# Title here\r\n\r\nText\r\n")
    assert record.problems == []
    assert record.bom
    assert record.status == "accepted"
    assert record.fields["date"].value_span.position == Position(3, 7)
    assert record.title == "Title here"
    assert first_heading(record.text, record.body_start, record.body_line) == ("Title here", Position(5, 3))


def test_title_comes_from_first_level_one_heading_outside_code(tmp_path):
    record = read(
        tmp_path,
        b"---\nstatus: proposed\ndate: 2026-01-01\n---\n```\n# not this\n```\n## Nor this\n# Use X #\n",
    )
    assert record.title == "Use X"
    assert first_heading(record.text, record.body_start, record.body_line) == ("Use X", Position(9, 3))


def test_title_field_wins_over_heading(tmp_path):
    record = read(tmp_path, b"---\ntitle: From field\nstatus: proposed\ndate: 2026-01-01\n---\n# Heading\n")
    assert record.title == "From field"


@pytest.mark.parametrize(
    ("written", "canonical"),
    [("ADR-3", "ADR-0003"), ("adr-0003", "ADR-0003"), ("0003", "ADR-0003"), ("3", "ADR-0003"),
     ("RFC-12", "RFC-0012"), ("ADR-0004a", "ADR-0004a"), ("ADR-12345", "ADR-12345")],
)
def test_ids_are_normalised(tmp_path, written, canonical):
    scheme = scheme_for(Settings.from_mapping(None, tmp_path))
    assert scheme.normalise(written, "adr") == canonical


def test_alias_bomb_is_cut_off(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        previous = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([previous] * 10)}]")
    data = ("---\nstatus: accepted\n" + "\n".join(lines) + "\n---\n# T\n").encode()
    record = read(tmp_path, data)
    [problem] = record.problems
    assert problem.kind == "yaml-syntax"
    assert "more than 20000 values" in problem.detail


def test_self_referencing_alias_is_reported(tmp_path):
    record = read(tmp_path, b"---\nstatus: &a [*a]\n---\n# T\n")
    [problem] = record.problems
    assert (problem.kind, problem.detail) == ("yaml-syntax", "an alias refers to itself")


def test_archive_reads_nested_folders_and_skips_readme(tmp_path):
    (tmp_path / "adr" / "platform").mkdir(parents=True)
    (tmp_path / "adr" / "README.md").write_text("# About\n")
    (tmp_path / "adr" / "platform" / "0002-x.md").write_text("---\nstatus: proposed\ndate: 2026-01-01\n---\n# X\n\nText\n")
    archive = Archive.load(Settings.from_mapping(None, tmp_path))
    assert [r.path for r in archive.records] == ["adr/platform/0002-x.md"]
    assert archive.records[0].id == "ADR-0002"
