"""The readers of each format, value by value and position by position: the
exact fields, spans, duplicate keys and links each one makes of small texts
(written for the survivors of the mutation run, docs/testing.md)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from mkdocs_decisions.archive import scheme_for
from mkdocs_decisions.config import Settings, load_settings
from mkdocs_decisions.model import FILE_START, Position, ReadProblem
from mkdocs_decisions.readers import _registered_readers, detect, parse_record, read_record
from mkdocs_decisions.readers.markdown import first_heading

SETTINGS = Settings.from_mapping(None, Path("."))


def parse(text: str, name: str = "0002-use-x.md"):
    return parse_record(text.encode("utf-8"), f"adr/{name}", SETTINGS.kind("adr"), scheme_for(SETTINGS))


def spans(field) -> tuple[tuple, tuple]:
    """(key position, start, end) and (value position, start, end) of a field."""
    key, value = field.key_span, field.value_span
    return (key.position, key.start, key.end), (value.position, value.start, value.end)


def links(record) -> list[tuple]:
    """(relation, target, written, position, href); a link's target is the
    id it names, or what it says until the archive follows its href."""
    return [(l.relation, l.target, l.written, l.position, l.href) for l in record.links]


# adr-tools


def test_adr_tools_date_is_the_first_date_line_located_exactly():
    text = "# 2. Use X\n\nDate:  2019-04-02\nDate: 2020-01-01\n\n## Status\n\nAccepted\n"
    record = parse(text)
    assert record.format == "adr-tools"
    field = record.fields["date"]
    assert (field.key, field.value, record.date) == ("date", "2019-04-02", "2019-04-02")
    line = text.index("Date:  2019")
    value = text.index("2019-04-02")
    assert spans(field) == ((Position(3, 1), line, value), (Position(3, 8), value, value + 10))
    assert text[value : value + 10] == "2019-04-02"
    assert text[line:value] == "Date:  "


def test_adr_tools_date_on_the_first_line_is_read():
    record = parse("Date: 2019-04-02\n# 2. Use X\n\n## Status\n\nAccepted\n")
    assert record.fields["date"].value_span == (Position(1, 7), 6, 16)
    assert (record.date, record.title) == ("2019-04-02", "Use X")


def test_adr_tools_status_lines_first_wins_and_the_others_are_duplicates():
    text = "# 2. Use X\n\nDate: 2019-04-02\n\n## Status\n\n  Proposed, pending review\nAccepted\nRejected\n"
    record = parse(text)
    field = record.fields["status"]
    assert (field.key, field.value, record.status) == ("status", "Proposed", "proposed")
    start = text.index("Proposed")
    assert spans(field) == ((Position(7, 3), start, start), (Position(7, 3), start, start + 8))
    assert text[start : start + 8] == "Proposed"
    assert record.duplicate_keys == [
        ("status", Position(7, 3), Position(8, 1)),
        ("status", Position(7, 3), Position(9, 1)),
    ]


def test_adr_tools_status_implied_by_the_first_superseded_by_line():
    text = (
        "# 2. Use X\n\n## Status\n\n"
        "Superceded by [4. Use Y](0004-use-y.md)\n"
        "Superseded by ADR-0005\n"
        "Amends [1. Use W](0001-use-w.md)\n"
    )
    record = parse(text)
    field = record.fields["status"]
    assert (field.key, field.value, record.status) == ("status", "superseded", "superseded")
    start = text.index("Superceded")
    assert spans(field) == ((Position(5, 1), start, start), (Position(5, 1), start, start + 10))
    assert record.duplicate_keys == []
    assert links(record) == [
        ("superseded_by", "4. Use Y", "4. Use Y", Position(5, 15), "0004-use-y.md"),
        ("superseded_by", "ADR-0005", "ADR-0005", Position(6, 15), None),
        ("amends", "1. Use W", "1. Use W", Position(7, 8), "0001-use-w.md"),
    ]


def test_adr_tools_a_link_line_without_a_status_of_its_own_implies_none():
    """`Amends [...]` implies no status: the record has none, and no crash."""
    record = parse("# 2. Use X\n\n## Status\n\nAmends [1. Use W](0001-use-w.md)\n")
    assert "status" not in record.fields
    assert record.status is None
    assert links(record) == [("amends", "1. Use W", "1. Use W", Position(5, 8), "0001-use-w.md")]


def test_adr_tools_a_status_written_after_a_link_line_is_the_status():
    text = "# 2. Use X\n\n## Status\n\nSuperseded by [4. Use Y](0004-use-y.md)\nAmends ADR-0001\nAccepted\n"
    record = parse(text)
    field = record.fields["status"]
    assert (field.value, record.status) == ("Accepted", "accepted")
    assert field.value_span.position == Position(7, 1)
    assert record.duplicate_keys == []


def test_adr_tools_empty_status_section_means_no_status():
    record = parse("# 2. Use X\n\n## Status\n\n## Context\n\nAccepted\n")
    assert record.format == "adr-tools"
    assert "status" not in record.fields and record.status is None
    assert record.title == "Use X"


def test_adr_tools_relation_on_the_first_line_is_read_where_it_stands():
    text = "Supersedes [ADR-0001](0001-use-w.md)\n# 2. Use X\n\n## Status\n\nAccepted\n"
    record = parse(text)
    assert record.format == "adr-tools"
    assert links(record) == [("supersedes", "ADR-0001", "ADR-0001", Position(1, 12), "0001-use-w.md")]


# inline


def test_inline_people_are_lists_located_item_by_item():
    text = "# Use X\n\n**Status**: Accepted\n**Authors**: Ann, , Bo\n"
    record = parse(text)
    assert record.format == "inline"
    field = record.fields["authors"]
    assert (field.key, field.value, field.style) == ("authors", ["Ann", "Bo"], "block")
    start = text.index("Ann")
    raw = "Ann, , Bo"
    assert field.value_span == (Position(4, 14), start, start + len(raw))
    assert text[start : start + len(raw)] == raw
    bo = text.index("Bo\n")
    assert [tuple(s) for s in field.item_spans] == [
        (Position(4, 14), start, start + 3),
        (Position(4, 21), bo, bo + 2),
    ]


def test_inline_relation_on_the_first_line_is_read_where_it_stands():
    text = "**Supersedes**: [ADR-0001](0001-use-w.md)\n**Status**: Accepted\n# Use X\n"
    record = parse(text)
    assert record.format == "inline"
    assert links(record) == [("supersedes", "ADR-0001", "ADR-0001", Position(1, 17), "0001-use-w.md")]


# madr


def test_madr_field_names_are_canonical_and_lists_skip_empty_items():
    text = "# Use X\n\n- Status: accepted\n- Decision Makers: Ann, , Bo\n- Technical Story: #12\n"
    record = parse(text)
    assert record.format == "madr"
    assert sorted(record.fields) == ["deciders", "status", "story"]
    assert record.people("deciders") == ["Ann", "Bo"]
    field = record.fields["deciders"]
    assert field.key == "deciders"
    start = text.index("Ann")
    assert field.value_span == (Position(4, 20), start, start + len("Ann, , Bo"))
    assert record.value("story") == "#12"


def test_madr_frontmatter_status_carrying_its_successor_is_located():
    text = "---\nstatus: superseded by ADR-0123\ndecision-makers: [Ann]\n---\n# Use X\n"
    record = parse(text)
    assert record.format == "madr"
    assert (record.value("status"), record.status) == ("superseded", "superseded")
    assert links(record) == [("superseded_by", "ADR-0123", "ADR-0123", Position(2, 23), None)]


def test_madr_frontmatter_status_without_a_successor_stays_as_written():
    record = parse("---\nstatus: accepted (for now)\ndecision-makers: [Ann]\n---\n# Use X\n")
    assert record.value("status") == "accepted (for now)"
    assert record.links == []


def test_madr_frontmatter_status_that_is_not_text_is_left_to_the_schema():
    record = parse("---\nstatus: [accepted, superseded]\ndecision-makers: [Ann]\n---\n# Use X\n")
    assert record.value("status") == ["accepted", "superseded"]
    assert record.status is None
    assert record.links == []


def test_madr_bullets_are_read_up_to_the_first_section_located_exactly():
    text = (
        "# Use X\n\n- **Status**: Accepted. For now\n- Date: 2021-01-04\n- Status: rejected\n"
        "- status: proposed\n- Deciders: Ann\n\n## Context\n\n- Date: 2030-01-01\n- Consulted: Bo\n"
    )
    record = parse(text)
    assert record.format == "madr"
    assert sorted(record.fields) == ["date", "deciders", "status"]
    status, date = record.fields["status"], record.fields["date"]
    assert (status.key, status.value, record.status) == ("status", "Accepted", "accepted")
    at = text.index("Accepted")
    assert spans(status) == ((Position(3, 5), text.index("Status"), at), (Position(3, 15), at, at + 8))
    at = text.index("2021-01-04")
    assert (date.key, date.value) == ("date", "2021-01-04")
    assert spans(date) == ((Position(4, 3), at - 6, at), (Position(4, 9), at, at + 10))
    assert record.duplicate_keys == [
        ("status", Position(3, 5), Position(5, 3)),
        ("status", Position(3, 5), Position(6, 3)),
    ]
    assert record.people("deciders") == ["Ann"]


def test_madr_status_without_a_word_stays_as_written():
    record = parse("# Use X\n\n- Status: 42\n")
    assert (record.value("status"), record.status) == ("42", None)


def test_madr_bullets_after_frontmatter_are_located_in_the_file():
    text = "---\nparent: Decisions\n---\n# Use X\n\n- Status: accepted\n"
    record = parse(text)
    assert record.format == "madr"
    at = text.index("accepted")
    assert record.fields["status"].value_span == (Position(6, 11), at, at + 8)


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        ("[Superseded by [ADR-0019](0019-x.md)] Push metrics", "Push metrics"),
        ("[WIP] Push metrics", "[WIP] Push metrics"),
    ],
)
def test_madr_title_note_is_dropped_only_when_it_states_a_relation(heading, title):
    record = parse(f"# {heading}\n\n- Status: superseded\n\n## Context and Problem Statement\n")
    assert record.format == "madr"
    assert record.title == title


# titles (markdown.first_heading)


def test_title_is_not_a_yaml_comment_in_the_frontmatter():
    record = parse("---\n# not the title\nstatus: accepted\n---\n# Use X\n")
    assert record.title == "Use X"


def test_title_on_the_last_line_without_a_line_break():
    record = parse("---\nstatus: accepted\n---\n# Use X")
    assert record.title == "Use X"
    assert first_heading(record.text, record.body_start, record.body_line) == ("Use X", Position(4, 3))


def test_title_position_counts_the_lines_before_it():
    """Only `\\n` ends a line (CommonMark): a form feed inside a line does not."""
    text = "---\nstatus: accepted\n---\nIntro\x0cmore\n\n# Use X\n\n## Context\n\n```\ncode\n```\n"
    record = parse(text)
    assert (record.body_start, record.body_line) == (25, 4)
    assert first_heading(text, record.body_start, record.body_line) == ("Use X", Position(6, 3))


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_title_after_a_code_fence_is_read_whole(newline):
    text = newline.join(["---", "status: accepted", "---", "```", "# not the title", "```", "# Use X", "", "Text", ""])
    record = parse(text)
    assert record.title == "Use X"
    assert first_heading(text, record.body_start, record.body_line) == ("Use X", Position(7, 3))


@pytest.mark.parametrize("fence", ["", "```\ncode\n```\n"])
def test_title_keeps_a_trailing_no_break_space(fence):
    """Only spaces and tabs around a heading's text are left out (CommonMark)."""
    record = parse(f"---\nstatus: accepted\n---\n{fence}# Use X\u00a0\n\nText\n")
    assert record.title == "Use X\u00a0"


# ids and link fields (fields.normalise)


@pytest.mark.parametrize(
    ("name", "id_"),
    [
        ("20210104-use-x.md", "ADR-20210104-use-x"),  # named by date, as log4brains does: the whole name
        ("2021/20211004-use-v1.2.md", "ADR-20211004-use-v1.2"),  # in a folder, dots in the name
        ("2021011-use-x.md", "ADR-2021011"),  # seven digits are a number, not a date
        ("20210231-use-x.md", "ADR-20210231"),  # no 31 February: a number
    ],
)
def test_id_of_a_file_named_by_date(name, id_):
    assert parse("---\nstatus: accepted\n---\n# T\n", name=name).id == id_


def test_written_id_wins_over_the_file_number():
    record = parse("---\nid: adr-7\nstatus: accepted\n---\n# T\n", name="0003-t.md")
    assert record.id == "ADR-0007"


def test_a_field_read_from_markdown_is_a_scalar_without_items():
    field = parse("# 2. Use X\n\nDate: 2019-04-02\n\n## Status\n\nAccepted\n").fields["date"]
    assert (field.style, field.items_at) == ("scalar", ())


def test_native_link_fields_every_value_located():
    text = (
        "---\nstatus: superseded\nsuperseded_by: ['[Use Z](0009-use-z.md)', '', 5, ADR 8]\n"
        "amends: '[ADR-0004: Use W](0004-use-w.md)'\n---\n# T\n"
    )
    record = parse(text, name="0007-t.md")
    assert record.problems == []
    assert links(record) == [
        ("superseded_by", "Use Z", "Use Z", Position(3, 17), "0009-use-z.md"),
        ("superseded_by", "ADR-0005", "5", Position(3, 47), None),
        ("superseded_by", "ADR-0008", "ADR 8", Position(3, 50), None),
        ("amends", "ADR-0004", "ADR-0004: Use W", Position(4, 9), "0004-use-w.md"),
    ]


# relations stated in the text (relations.prose_links, links_after, add_links)


def test_prose_relations_each_phrase_its_own_links_once_each():
    text = (
        "# 2. Use X\n\n## Status\n\nAccepted\n\n## Context\n\nSupersedes the old way of doing it.\n"
        "Supersedes [W](0001-w.md) and ADR-0003, amended by [the fix](https://example.com/fix) "
        "[ADR-0009: Fix](0009-fix.md) ADR-0010\n"
        "Supersedes [ADR-0001](0001-w.md#why) and [ADR-0003](0003-y.md)\n"
        "Amends [7](0007-use-z.md)\n"
    )
    record = parse(text)
    assert record.format == "adr-tools"
    assert links(record) == [
        ("supersedes", "W", "W", Position(10, 12), "0001-w.md"),
        ("supersedes", "ADR-0003", "ADR-0003", Position(10, 31), None),
        # the web page is no record; the same record under another href fragment is one link
        ("amended_by", "ADR-0009", "ADR-0009: Fix", Position(10, 87), "0009-fix.md"),
        ("amended_by", "ADR-0010", "ADR-0010", Position(10, 116), None),
        ("supersedes", "ADR-0003", "ADR-0003", Position(11, 42), "0003-y.md"),
        ("amends", "ADR-0007", "7", Position(12, 8), "0007-use-z.md"),  # a bare number: a record of this kind
    ]


def test_prose_relations_after_frontmatter_and_a_field_already_naming_them():
    text = "---\nparent: Decisions\nsupersedes: ADR-0001\n---\n# Use X\n\n- Status: accepted\n\nSupersedes ADR-0001 and [ADR-0002](0002-y.md)\n"
    record = parse(text)
    assert record.format == "madr"
    assert links(record) == [
        ("supersedes", "ADR-0001", "ADR-0001", Position(3, 13), None),
        ("supersedes", "ADR-0002", "ADR-0002", Position(9, 25), "0002-y.md"),
    ]


# native frontmatter (native.read_frontmatter)


@pytest.mark.parametrize(
    ("text", "problem"),
    [("# T\n", "missing-frontmatter"), ("---\nstatus: accepted\n# T\n", "unterminated-frontmatter")],
)
def test_without_a_closed_frontmatter_nothing_else_is_read(text, problem):
    record = parse(text)
    assert record.problems == [ReadProblem(problem, FILE_START, "")]
    assert (record.fields, record.id, record.title, record.status) == ({}, None, "", None)


def test_frontmatter_closed_on_the_last_line_and_duplicate_keys():
    text = "---\nstatus: accepted\nstatus: rejected\n---"
    record = parse(text)
    assert record.problems == []
    assert (record.frontmatter_span, record.body_start, record.body_line) == ((4, 38), 41, 5)
    assert record.value("status") == "accepted"
    assert record.duplicate_keys == [("status", Position(2, 1), Position(3, 1))]


def test_frontmatter_keys_written_under_another_name_are_renamed():
    text = "---\nStatus: accepted\nCreated: 2026-01-02\nauthor: Ann\ndate: 2026-01-01\nreplaced-by: ADR-0009\n---\n# T\n"
    record = parse(text)
    assert record.format == "native"
    # `Status` is no alias: its case is the schema's to report
    assert list(record.fields) == ["Status", "Created", "authors", "date", "superseded_by"]
    assert (record.value("authors"), record.value("date"), record.date) == ("Ann", "2026-01-01", "2026-01-01")
    assert record.value("Created") == "2026-01-02"  # kept under its own name: the record has a `date`
    assert record.targets("superseded_by") == ["ADR-0009"]


def test_a_frontmatter_alias_written_in_capitals_is_renamed():
    record = parse("---\nStatus: accepted\nAuthor: Ann\n---\n# T\n")
    assert list(record.fields) == ["Status", "authors"]


# people lists: commas inside brackets, and MADR 4's frontmatter strings


@pytest.mark.parametrize(("raw", "items"), [
    ("Ann (x, y), Bo [p, q]; Cy {a, b}, Dee", ["Ann (x, y)", "Bo [p, q]", "Cy {a, b}", "Dee"]),
    ("A (b (c, d), e), F", ["A (b (c, d), e)", "F"]),  # nested: the comma after `)` of the inner pair is inside
    ("a), b, c", ["a)", "b", "c"]),  # a closing bracket with none open changes nothing
    ("(a, b", ["(a, b"]),  # a bracket never closed holds the rest
    ("a,, b ,c", ["a", "b", "c"]),
    ("Xena (X, Y), Bo", ["Xena (X, Y)", "Bo"]),  # letters are letters, even X
])
def test_people_are_split_at_commas_and_semicolons_outside_brackets(raw, items):
    text = f"# Use X\n\n- Status: accepted\n- Deciders: {raw}\n\n## Context and Problem Statement\n\nText.\n"
    field = parse(text).fields["deciders"]
    assert field.value == items
    # each item located at its first character, on line 4, after "- Deciders: " (12 characters)
    assert [(at[0], at[1], text[at[2] : at[3]]) for at in field.items_at] == [
        (4, 13 + raw.index(item), item) for item in items
    ]


@pytest.mark.parametrize("written", ['"Ann, Bo"', "'Ann, Bo'", "Ann, Bo"])
def test_madr4_decision_makers_in_one_string_are_people_located_one_by_one(written):
    text = f"---\nstatus: accepted\ndecision-makers: {written}\n---\n# Use X\n\n## Context and Problem Statement\n\nText.\n"
    record = parse(text)
    field = record.fields["deciders"]
    assert field.value == ["Ann", "Bo"]
    assert field.key_at[:2] == (3, 1)
    assert [(at[0], at[1], text[at[2] : at[3]]) for at in field.items_at] == [
        (3, text.index("Ann") - text.index("decision-makers") + 1, "Ann"),
        (3, text.index("Bo") - text.index("decision-makers") + 1, "Bo"),
    ]


# more than one people field, one of them already a list (madr._split_people)


@pytest.mark.parametrize("listed", ["decision-makers", "consulted", "informed"])
def test_madr4_people_strings_are_split_whichever_field_is_already_a_list(listed):
    """A list in one people field does not stop the others' strings being split (a list
    is kept as written, under the key it was written with)."""
    names = {"decision-makers": "deciders", "consulted": "consulted", "informed": "informed"}
    lines = "".join(f"{key}: [Ann]\n" if key == listed else f"{key}: Ann, Bo\n" for key in names)
    record = parse(f"---\nstatus: accepted\n{lines}---\n# Use X\n\n## Context and Problem Statement\n\nText.\n")
    assert record.format == "madr"
    assert {key: (field.key, field.value) for key, field in record.fields.items() if key != "status"} == {
        names[key]: (key, ["Ann"]) if key == listed else (names[key], ["Ann", "Bo"]) for key in names
    }


# titles that start with an id (fields._without_own_id)


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        ("ADR-0002: X marks the spot", "X marks the spot"),  # its own id: left out, with the `: ` after it
        ("ADR-2 - Use X", "Use X"),  # its own id, written otherwise
        ("ADR-0003 Use X", "ADR-0003 Use X"),  # another record's id is part of the title
        ("ADR-0002", "ADR-0002"),  # nothing but the id: the id is the title
    ],
)
def test_a_title_loses_only_its_own_id(heading, title):
    assert parse(f"---\nstatus: accepted\n---\n# {heading}\n", name="0002-x.md").title == title


# relations (relations.status_with_successor, links_after, relation fallbacks)


def test_a_two_word_frontmatter_status_naming_a_record_is_a_link():
    """`status: supersedes ADR-0001` states a relation: the link is read; the status is the schema's to judge."""
    record = parse("---\nstatus: supersedes ADR-0001\n---\n# T\n")
    assert record.value("status") == "supersedes ADR-0001"
    assert links(record) == [("supersedes", "ADR-0001", "ADR-0001", Position(2, 20), None)]


def test_an_id_written_right_after_a_link_is_a_link_of_its_own():
    text = "# 2. Use X\n\n## Status\n\nAccepted\n\n## Context\n\nSupersedes [W](0001-w.md)ADR-0003\n"
    assert links(parse(text)) == [
        ("supersedes", "W", "W", Position(9, 12), "0001-w.md"),
        ("supersedes", "ADR-0003", "ADR-0003", Position(9, 26), None),
    ]


def test_a_phrase_matched_only_by_unicode_case_folding_relates_the_records():
    """`ſupersedes` (long s) reads as a relation phrase, but names none of ours: it relates the records."""
    text = (
        "# 2. Use X\n\n## Status\n\nAccepted\n\n## Context\n\n"
        "ſupersedes ADR-0001\n"
        "Supersedes ADR-0004 and ſupersedes ADR-0005\n"
    )
    assert links(parse(text)) == [
        ("relates_to", "ADR-0001", "ADR-0001", Position(9, 12), None),
        ("supersedes", "ADR-0004", "ADR-0004", Position(10, 12), None),
        ("relates_to", "ADR-0005", "ADR-0005", Position(10, 36), None),
    ]
    record = parse("---\nstatus: ſuperseded by ADR-0005\n---\n# T\n")
    assert record.value("status") == "ſuperseded by ADR-0005"
    assert links(record) == [("relates_to", "ADR-0005", "ADR-0005", Position(2, 23), None)]


# empty values in the formats whose templates leave fields empty (fields.without_no_value)


def test_tep_placeholder_values_in_capitals_are_no_values():
    """`TBD`, `N/A`, `None` left by a template mean nothing was written, in any case."""
    kind = Settings.from_mapping({"kinds": {"adr": {"format": "tep"}}}, Path(".")).kind("adr")
    text = "---\nstatus: proposed\nauthors: TBD\nreviewers: N/A\nreplaces: None\ndiscussion: '-'\ntitle: Use X\n---\nText.\n"
    record = parse_record(text.encode(), "adr/0002-use-x.md", kind, scheme_for(SETTINGS))
    assert list(record.fields) == ["status", "title"]


# detecting the format (readers.detect)


@pytest.mark.parametrize(
    ("text", "format_"),
    [
        # a frontmatter with none of our keys is MADR's
        ("---\ntags: [x]\n---\n# Use X\n", "madr"),
        # MADR's sections and no field lines: MADR leaves the status out
        ("# Use X\n\n## Context and Problem Statement\n\nText.\n", "madr"),
        # a `- Status:` line below the first section is prose, not MADR's field line
        ("# Use X\n\n## Context\n\n- Status: a word in a list\n", "native"),
        # without a section, the first 4000 characters are the head: the colon at index 3999 is in it...
        ("# Use X\n\n" + "x" * 3981 + "\n- Status: accepted\n", "madr"),
        # ...and at index 4000 it is not
        ("# Use X\n\n" + "x" * 3982 + "\n- Status: accepted\n", "native"),
        # an unclosed frontmatter is judged by its first 2000 characters: `id:` ending at index 1999 counts...
        ("---\na: " + "b" * 1989 + "\nid: 1\n", "native"),
        # ...and ending at index 2000 does not
        ("---\na: " + "b" * 1990 + "\nid: 1\n", "madr"),
    ],
)
def test_format_is_detected_from_the_head_of_the_file(text, format_):
    assert detect(text) == format_
    assert parse(text).format == format_


# reading the file (readers.read_record, parse_record)


def settings_for(root: Path, **options) -> Settings:
    return Settings.from_mapping(options, root)


def read_file(path: Path, relative: str, settings: Settings, kind: str = "adr"):
    return read_record(path, relative, settings.kind(kind), scheme_for(settings))


def test_a_file_of_exactly_the_limit_is_read_and_one_byte_more_is_too_large(project):
    """`max_file_bytes` is the most a record may have: that many bytes are read, one more are not."""
    project.write("mkdocs.yml", "site_name: T\nplugins:\n  - decisions:\n      max_file_bytes: 1024\n")
    head = "---\nstatus: accepted\ndate: 2026-01-10\ndeciders: [alice]\n---\n# Fits\n\n"
    project.write("adr/0001-fits.md", head + "x" * (1024 - len(head)))
    project.write("adr/0002-too-big.md", head + "x" * (1025 - len(head)))
    settings = load_settings(None, project.root)
    fits = read_file(project.root / "adr/0001-fits.md", "adr/0001-fits.md", settings)
    assert (fits.problems, fits.title) == ([], "Fits")
    big = read_file(project.root / "adr/0002-too-big.md", "adr/0002-too-big.md", settings)
    assert big.problems == [
        ReadProblem("file-too-large", FILE_START, "1025 bytes is more than the 1024 bytes a record may have")
    ]
    assert project.findings("file-too-large") == [
        ("file-too-large", "adr/0002-too-big.md", 1, 1, "file is too large to be a record: 1025 bytes is more "
         "than the 1024 bytes a record may have; split it into smaller records"),
    ]


def test_a_record_that_is_a_pipe_is_read_no_further_than_one_byte_past_the_limit(tmp_path):
    """A pipe has no size to check first: reading stops one byte past the limit, so no source can hang a lint."""
    settings = settings_for(tmp_path, max_file_bytes=1024)
    (tmp_path / "adr").mkdir()
    pipe = tmp_path / "adr" / "0001-pipe.md"
    os.mkfifo(pipe)
    data = ("---\nstatus: accepted\n---\n# Pipe\n\n" + "x" * 3000).encode()

    def feed() -> None:
        try:
            with open(pipe, "wb") as handle:
                handle.write(data)
        except BrokenPipeError:
            pass

    writer = threading.Thread(target=feed)
    writer.start()
    record = read_file(pipe, "adr/0001-pipe.md", settings)
    writer.join(timeout=60)
    assert record.text == data[:1025].decode()


def test_a_missing_file_is_unreadable_at_its_start(tmp_path):
    settings = settings_for(tmp_path)
    record = read_file(tmp_path / "adr" / "0001-gone.md", "adr/0001-gone.md", settings)
    assert record.problems == [ReadProblem("unreadable-file", FILE_START, "No such file or directory")]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        # the first NUL byte is reported, on its line and column
        (b"---\nstatus: a\x00b\n\x00---\n", ReadProblem("binary-file", Position(2, 10), "")),
        # after a byte order mark, the bad byte is still found where it is in the file
        (b"\xef\xbb\xbf---\nstatus: caf\xe9\n---\n# T\n", ReadProblem("encoding", Position(2, 12), "byte 0xe9 is not valid UTF-8")),
        (b"\xef\xbb\xbf# T\xff\n", ReadProblem("encoding", Position(1, 5), "byte 0xff is not valid UTF-8")),
        (b" \n\t\n", ReadProblem("empty-file", FILE_START, "")),
    ],
)
def test_bytes_that_are_no_text_are_one_problem_located(data, problem):
    record = parse_record(data, "adr/0002-x.md", SETTINGS.kind("adr"), scheme_for(SETTINGS))
    assert record.problems == [problem]


def test_a_kind_naming_no_installed_reader_is_unreadable(project):
    project.write("mkdocs.yml", "site_name: T\nplugins:\n  - decisions:\n      kinds: {adr: {format: nonesuch}}\n")
    project.write("adr/0001-use-x.md", "---\nstatus: accepted\n---\n# Use X\n")
    settings = load_settings(None, project.root)
    record = read_file(project.root / "adr/0001-use-x.md", "adr/0001-use-x.md", settings)
    assert record.problems == [ReadProblem("unreadable-file", FILE_START, "no reader named 'nonesuch' is installed")]
    assert project.findings("unreadable-file") == [
        ("unreadable-file", "adr/0001-use-x.md", 1, 1, "cannot read the file: no reader named 'nonesuch' is installed"),
    ]


@pytest.fixture
def installed_reader(tmp_path, monkeypatch):
    """A package that registers the reader `shouting` (the title in capitals), on `sys.path`."""
    packages = tmp_path / "packages"
    info = packages / "shouting_reader-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: shouting-reader\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[mkdocs_decisions.readers]\nshouting = shouting_reader:read\n")
    (packages / "shouting_reader.py").write_text(
        "def read(record, text, kind, scheme):\n    record.text = text\n    record.title = text.strip().upper()\n"
    )
    monkeypatch.syspath_prepend(str(packages))
    _registered_readers.cache_clear()  # the installed readers are looked up once per process
    yield
    _registered_readers.cache_clear()


def test_a_reader_another_package_registers_reads_the_kind(installed_reader):
    kind = Settings.from_mapping({"kinds": {"adr": {"format": "shouting"}}}, Path(".")).kind("adr")
    record = parse_record(b"use x\n", "adr/0001-use-x.md", kind, scheme_for(SETTINGS))
    assert (record.problems, record.format, record.title) == ([], "shouting", "USE X")


def test_a_kep_text_is_the_readme_beside_it_as_text(tmp_path):
    """The README is decoded leniently (a bad byte is U+FFFD), without its byte order mark, up to the limit."""
    settings = settings_for(tmp_path, kinds={"kep": {"preset": "kep"}}, max_file_bytes=1024)
    folder = tmp_path / "kep" / "sig-a" / "0001-use-x"
    folder.mkdir(parents=True)
    (folder / "kep.yaml").write_text("title: Use X\nkep-number: 1\nstatus: implementable\n")
    (folder / "README.md").write_bytes(b"\xef\xbb\xbf# Use X\n\nCaf\xe9 " + b"y" * 2000)
    record = read_file(folder / "kep.yaml", "kep/sig-a/0001-use-x/kep.yaml", settings, kind="kep")
    # 1024 bytes: the mark (3), `# Use X\n\nCaf` (12), the bad byte, the space and 1007 `y`
    assert record.body_text == "# Use X\n\nCaf\ufffd " + "y" * 1007
    (folder / "README.md").unlink()
    record = read_file(folder / "kep.yaml", "kep/sig-a/0001-use-x/kep.yaml", settings, kind="kep")
    assert (record.title, record.body_text) == ("Use X", "")
