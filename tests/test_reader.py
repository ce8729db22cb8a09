"""The native reader: values as written, positions, titles, odd bytes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mkdocs_decisions.archive import Archive, scheme_for
from mkdocs_decisions.config import Settings
from mkdocs_decisions.model import FILE_START, Position, ReadProblem
from mkdocs_decisions.readers import frontmatter, parse_record, read_record
from mkdocs_decisions.readers.markdown import first_heading


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


@pytest.mark.parametrize("character", ["@", "`"])
def test_a_value_starting_with_a_character_yaml_keeps_says_to_quote_it(tmp_path, character):
    """GitHub names people `@ann`, which YAML cannot read unquoted: say how to fix it, where."""
    record = read(tmp_path, f"---\nstatus: accepted\ndeciders: {character}ann {character}bo\n---\n# T\n".encode())
    assert record.problems == [
        ReadProblem("yaml-syntax", Position(3, 11),
                    f"a value cannot start with '{character}' in YAML; put the whole value in quotes")
    ]


def test_a_tab_where_yaml_wants_spaces_says_to_indent_with_spaces(tmp_path):
    record = read(tmp_path, b"---\nstatus: accepted\ntags:\n\t- db\n---\n# T\n")
    assert record.problems == [
        ReadProblem("yaml-syntax", Position(4, 1), "a tab where YAML expects spaces; indent with spaces")
    ]


def test_archive_reads_nested_folders_and_skips_readme(tmp_path):
    (tmp_path / "adr" / "platform").mkdir(parents=True)
    (tmp_path / "adr" / "README.md").write_text("# About\n")
    (tmp_path / "adr" / "platform" / "0002-x.md").write_text("---\nstatus: proposed\ndate: 2026-01-01\n---\n# X\n\nText\n")
    archive = Archive.load(Settings.from_mapping(None, tmp_path))
    assert [r.path for r in archive.records] == ["adr/platform/0002-x.md"]
    assert archive.records[0].id == "ADR-0002"


# -- frontmatter closed with `...`, YAML's end-of-document marker ----------------------

DOCUMENT_END = (
    b"---\nstatus: accepted\ndate: 2026-03-01\ndeciders: [alice, bob]\nsupersedes: [ADR-0001]\n...\n"
    b"# Use Kafka\n\n## Context\n\nOrders arrive in bursts.\n\n---\n\nstatus: rejected\n"
)


def test_frontmatter_closed_with_yaml_document_end(tmp_path):
    # The `---` thematic break and the `status:` line in the body are markdown, not frontmatter.
    record = read(tmp_path, DOCUMENT_END, name="0002-use-kafka.md")
    assert record.format == "native"
    assert record.problems == []
    assert {key: field.value for key, field in record.fields.items()} == {
        "status": "accepted",
        "date": "2026-03-01",
        "deciders": ["alice", "bob"],
        "supersedes": ["ADR-0001"],
    }
    assert record.fields["supersedes"].item_spans[0].position == Position(5, 14)
    text = DOCUMENT_END.decode()
    assert record.frontmatter_span == (4, text.index("...\n"))
    assert record.body_start == text.index("# Use Kafka")
    assert record.body_line == 7
    assert record.body == "# Use Kafka\n\n## Context\n\nOrders arrive in bursts.\n\n---\n\nstatus: rejected\n"
    assert (record.id, record.status, record.title) == ("ADR-0002", "accepted", "Use Kafka")
    assert [(link.relation, link.target, link.position) for link in record.links] == [
        ("supersedes", "ADR-0001", Position(5, 14))
    ]
    assert first_heading(record.text, record.body_start, record.body_line) == ("Use Kafka", Position(7, 3))


def test_frontmatter_closed_with_yaml_document_end_and_crlf(tmp_path):
    record = read(tmp_path, b"---\r\nstatus: proposed\r\ndate: 2026-03-01\r\n...  \r\n# Use X\r\n\r\nText\r\n")
    assert record.problems == []
    assert (record.status, record.date, record.title, record.body_line) == ("proposed", "2026-03-01", "Use X", 5)
    assert record.body == "# Use X\r\n\r\nText\r\n"


def test_frontmatter_closed_with_yaml_document_end_lints_clean(project):
    project.write(
        "adr/0001-use-a-queue.md",
        b"---\nstatus: superseded\ndate: 2026-02-01\ndeciders: [alice]\nsuperseded_by: [ADR-0002]\n...\n"
        b"# Use a queue\n\nText.\n",
    )
    project.write("adr/0002-use-kafka.md", DOCUMENT_END)
    result = project.run("lint")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_findings_after_a_yaml_document_end_point_into_the_file(project):
    # placeholders above the `...` line are in the frontmatter, those below in the body,
    # each at its line and column in the file
    project.write(
        "adr/0001-use-queue.md",
        b"---\nstatus: proposed\ndate: YYYY-MM-DD\ndeciders: [alice]\n...\n# [Title]\n\n## Context\n\n"
        b"[TODO: why now?] Orders arrive in bursts.\n",
    )
    result = project.run("lint", "--format", "json")
    assert (result.returncode, result.stderr) == (1, "")
    placeholder = "placeholder", "error", "adr/0001-use-queue.md"
    assert [
        (d["rule"], d["severity"], d["path"], d["line"], d["column"], d["message"])
        for d in json.loads(result.stdout)["diagnostics"]
    ] == [
        (*placeholder, 3, 7, "template placeholder 'YYYY-MM-DD' left in the frontmatter; "
         "replace it with the record's own text"),
        (*placeholder, 6, 3, "template placeholder '[Title]' left in section '[Title]'; "
         "replace it with the record's own text"),
        (*placeholder, 10, 1, "template placeholder '[TODO: why now?]' left in section 'Context'; "
         "replace it with the record's own text"),
    ]


def test_a_record_closed_with_yaml_document_end_is_native_whatever_its_body_says():
    """Format detection reads the frontmatter up to `...` as the reader does: a
    body line like `layout: x` must not make a native record look like MADR."""
    from mkdocs_decisions.readers import detect

    text = "---\nstatus: accepted\ndate: 2026-01-01\n...\n# Use queues\n\nlayout: boxes\n"
    assert detect(text) == "native"
    assert detect(text.replace("...", "---")) == "native"


def test_an_older_version_is_too_large_only_above_the_limit():
    """`parse_record` reads records from git (`--since`) with the same size limit as files."""
    settings = Settings.from_mapping(None, Path("."))
    kind, scheme = settings.kind("adr"), scheme_for(settings)
    limit = kind.max_file_bytes
    head = b"---\nstatus: accepted\n---\n# Fits\n"
    at_limit = head + b"x" * (limit - len(head))
    assert [p.kind for p in parse_record(at_limit, "adr/0001-x.md", kind, scheme).problems] == []
    over = parse_record(at_limit + b"x", "adr/0001-x.md", kind, scheme)
    assert over.problems == [ReadProblem("file-too-large", FILE_START, f"{limit + 1} bytes")]


#: what `frontmatter.parse` makes of text that is not a plain mapping, with the block
#: starting on line 2 (after the opening `---`): where the problem is, and what it says
HOSTILE_FRONTMATTER = [
    # the 513th bracket (column 4 + 512) is one too deep: refused before YAML reads it
    ("a: " + "[" * 600, Position(2, 516), "brackets nest more than 512 levels deep"),
    # 40 lists inside each other: the value at depth 33 starts at column 4 + 32
    ("a: " + "[" * 40 + "]" * 40, Position(2, 36), "values nest more than 32 levels deep"),
    # 600 lists inside each other, written as YAML's indented lists: the 512th list
    # (depth 513 with the mapping) starts at column 1 + 2 * 511; libyaml would recurse
    # once for each, and 200,000 of them overflowed the C stack (the process was killed)
    ("a:\n" + "- " * 600 + "x\n", Position(3, 1023), "lists and mappings nest more than 512 levels deep"),
    # the same with mappings only (`k:` under `k:`), and with YAML's explicit keys (`? ? ? x`)
    ("".join(" " * n + "k:\n" for n in range(600)) + " " * 600 + "x\n", Position(514, 513),
     "lists and mappings nest more than 512 levels deep"),
    ("? " * 600 + "x\n", Position(2, 1025), "lists and mappings nest more than 512 levels deep"),
    # a list opened and closed first: the depth goes down again, so it is counted from there
    ("a: [[x]]\nb:\n" + "- " * 600 + "x\n", Position(4, 1023), "lists and mappings nest more than 512 levels deep"),
    ("a:\n- [x]\n- " + "- " * 600 + "x\n", Position(4, 1023), "lists and mappings nest more than 512 levels deep"),
    ("- a\n- b\n", Position(2, 1), "frontmatter must be a mapping of `key: value` lines, not a list"),
    ("just words\n", Position(2, 1), "frontmatter must be a mapping of `key: value` lines, not a single value"),
    ("? [a, b]\n: c\n", Position(2, 3), "a key must be a plain word, not a list or mapping"),
]


@pytest.mark.parametrize(("text", "where", "detail"), HOSTILE_FRONTMATTER)
def test_frontmatter_that_is_no_plain_mapping_is_one_problem(text, where, detail):
    parsed = frontmatter.parse(text, 4, first_line=2)
    assert (parsed.fields, parsed.duplicate_keys, parsed.problem) == ({}, [], ReadProblem("yaml-syntax", where, detail))
