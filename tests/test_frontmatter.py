"""YAML frontmatter as `frontmatter.parse` reads it and as `decisions lint`
reports it: each value as written, where it stands, and each YAML problem's
exact message, line and column (written for the survivors of the mutation
run, docs/testing.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mkdocs_decisions.model import Field, Position, ReadProblem
from mkdocs_decisions.readers import frontmatter
from mkdocs_decisions.readers.frontmatter import Frontmatter

A = "adr/0001-use-x.md"


def parse(text: str) -> Frontmatter:
    """`text` as the block of a file that opens with `---\\n`: it starts at
    offset 4, on line 2."""
    return frontmatter.parse(text, 4, first_line=2)


def problem(text: str) -> ReadProblem:
    """The one problem of a block that cannot be read: nothing else is kept."""
    parsed = parse(text)
    assert (parsed.fields, parsed.duplicate_keys) == ({}, [])
    return parsed.problem


def too_deep(where: Position) -> ReadProblem:
    return ReadProblem("yaml-syntax", where, "brackets nest more than 512 levels deep")


# brackets nested too deeply for libyaml (refused before YAML reads them)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        # `{` counts as `[` does: the 513th at column 3 + 513
        ("a: " + "{" * 600, Position(2, 516)),
        # on the second line of the block (line 3), the 513th `[` of `[X[X...`
        # after `c: ` is at column 3 + 2 * 513 - 1; letters between them count for nothing
        ("a: b\nc: " + "[X" * 600, Position(3, 1028)),
        # ten open, one closed: nine deep, so the 504th `[` of the run (which
        # starts at column 15) is the 513th level
        ("a: " + "[" * 10 + "]" + "[" * 600, Position(2, 15 + 503)),
        # a `]` with nothing open leaves the depth at nothing: the 513th `[` is too deep
        ("a: ]" + "[" * 600, Position(2, 5 + 512)),
    ],
)
def test_brackets_nested_too_deep_are_refused_where_the_513th_level_opens(text, where):
    """libyaml would overflow the C stack on such text: it is refused, pointing at the bracket."""
    assert problem(text) == too_deep(where)


def test_many_brackets_that_never_nest_deep_are_read():
    """600 empty lists side by side are two levels deep: read, not refused (capital X is plain text)."""
    text = "a: [" + ", ".join(["[]"] * 600) + "]\nb: " + "X" * 600 + "\n"
    parsed = parse(text)
    assert parsed.problem is None
    assert parsed.fields["a"].value == [[] for _ in range(600)]
    assert (parsed.fields["b"].value, parsed.fields["b"].value_at[:2]) == ("X" * 600, (3, 4))


# blocks with nothing in them


@pytest.mark.parametrize("text", ["", "# only a comment\n", "\n\n"])
def test_a_block_with_no_values_is_an_empty_mapping_without_problems(text):
    """`---` straight after `---` (or only comments) is valid: no fields, no duplicates, no problem."""
    assert parse(text) == Frontmatter({}, [], None)


# YAML's own problems: message and position as the user sees them


YAML_PROBLEMS = [
    # a bracket never closed: YAML notices at the end of the block; the bracket is what to fix
    ("tags: [a, b\n", Position(2, 7), "did not find expected ',' or ']' (while parsing a flow sequence that starts here)"),
    # the same without the block's last line break: the problem is exactly at the end of the text
    ("tags: [a, b", Position(2, 7), "did not find expected ',' or ']' (while parsing a flow sequence that starts here)"),
    ("a: {b\n", Position(2, 4), "did not find expected ',' or '}' (while parsing a flow mapping that starts here)"),
    # an anchor without a name, the last thing in the block: YAML's mark is at the end of the text
    ("a: &\n", Position(2, 4), "did not find expected alphabetic or numeric character (while scanning an anchor that starts here)"),
    ('a: "abc\n', Position(2, 4), "found unexpected end of stream (while scanning a quoted scalar that starts here)"),
    # inside the block, the problem itself is where to look
    ("tags: [a, b\ndate: 2026-01-01\n", Position(3, 5), "did not find expected ',' or ']' (while parsing a flow sequence)"),
    # problems without a context: only the problem is said
    ("a: b: c\n", Position(2, 5), "mapping values are not allowed in this context"),
    ("a: *nope\n", Position(2, 4), "found undefined alias"),
    ("a: b\n---\nc: d\n", Position(3, 1), "but found another document (expected a single document in the stream)"),
    # a control character is no YAML at all: YAML's reader gives no line, so the block's first line
    ("a: b\x07c\n", Position(2, 1),
     'unacceptable character #x0007: control characters are not allowed\n  in "<unicode string>", position 4'),
]


@pytest.mark.parametrize(("text", "where", "detail"), YAML_PROBLEMS)
def test_yaml_problem_is_one_problem_with_its_message_and_position(text, where, detail):
    assert problem(text) == ReadProblem("yaml-syntax", where, detail)


def test_lint_reports_yaml_problems_at_their_line_and_column_in_the_file(project):
    """What `decisions lint` says: the file's line and column, not the block's."""
    project.write(A, "---\nstatus: accepted\ndate: 2026-01-01\ntags: &\n---\n# Use X\n\nText.\n")
    project.write("adr/0002-use-y.md", "---\nstatus: accepted\ndate: 2026-01-01\ndeciders: [Ann, Bo\n---\n# Use Y\n\nText.\n")
    project.write("adr/0003-use-z.md", "---\nstatus: accepted\ntitle: a\x07b\n---\n# Use Z\n\nText.\n")
    assert project.findings("yaml-syntax") == [
        ("yaml-syntax", A, 4, 7, "invalid frontmatter: did not find expected alphabetic or numeric character "
         "(while scanning an anchor that starts here)"),
        ("yaml-syntax", "adr/0002-use-y.md", 4, 11, "invalid frontmatter: did not find expected ',' or ']' "
         "(while parsing a flow sequence that starts here)"),
        ("yaml-syntax", "adr/0003-use-z.md", 2, 1, "invalid frontmatter: unacceptable character #x0007: "
         'control characters are not allowed\\n  in "<unicode string>", position 25'),
    ]


# what the block holds, located


def test_fields_keep_their_style_and_positions_and_a_repeated_key_the_first_value():
    """Every key after a repeated one is still read; each value says how it was written."""
    text = (
        "status: accepted\n"  # offsets 0-16 of the block (4-20 of the file)
        "status: rejected\n"  # 17-33
        "tags: [a, b]\n"  # 34-46
        "deciders:\n"  # 47-56
        "  - Ann\n"  # 57-64
        "links: {x: y}\n"  # 65-78
    )
    assert parse(text) == Frontmatter(
        {
            "status": Field("status", "accepted", (2, 1, 4, 10), (2, 9, 12, 20), (), "scalar"),
            "tags": Field("tags", ["a", "b"], (4, 1, 38, 42), (4, 7, 44, 50), ((4, 8, 45, 46), (4, 11, 48, 49)), "flow"),
            # a block list starts at its first `-` and ends where the next key starts
            "deciders": Field("deciders", ["Ann"], (5, 1, 51, 59), (6, 3, 63, 69), ((6, 5, 65, 68),), "block"),
            "links": Field("links", {"x": "y"}, (7, 1, 69, 74), (7, 8, 76, 82), (), "mapping"),
        },
        [("status", Position(2, 1), Position(3, 1))],
    )


def test_an_anchor_used_twice_is_read_twice():
    """Using one anchor twice is no cycle: only an alias inside its own anchor is."""
    parsed = parse("a: &x [1]\nb: [*x, *x]\nc: {k: *x, l: *x}\n")
    assert parsed.problem is None
    assert [parsed.fields[key].value for key in "abc"] == [["1"], [["1"], ["1"]], {"k": ["1"], "l": ["1"]}]


def test_an_alias_inside_its_own_anchor_is_reported_where_the_anchor_is():
    assert problem("status: &a [*a]\n") == ReadProblem("yaml-syntax", Position(2, 9), "an alias refers to itself")


# limits: how many values, how deep


def aliased(last: int) -> str:
    """`a` (the list and its 99 items: 100 values), `b` (a list of 198 uses of
    `a`: 19801 values) and `c`, a list of `last` items, the k-th (from 0)
    at column 5 + 3k of line 4."""
    return (
        "a: &x [" + ", ".join(["x"] * 99) + "]\n"
        "b: [" + ", ".join(["*x"] * 198) + "]\n"
        "c: [" + ", ".join(["y"] * last) + "]\n"
    )


def test_a_block_of_exactly_20000_values_is_read():
    """Each use of an alias counts again: 100 + 19801 + 99 values is the most a block may hold."""
    parsed = parse(aliased(98))
    assert parsed.problem is None
    assert [len(parsed.fields[key].value) for key in "abc"] == [99, 198, 98]


def test_the_20001st_value_is_refused_where_it_is_written():
    parsed = parse(aliased(99))
    assert (parsed.fields, parsed.duplicate_keys) == ({}, [])
    # the last item of `c` (k = 98) is the 20001st value
    assert parsed.problem == ReadProblem(
        "yaml-syntax",
        Position(4, 5 + 3 * 98),
        "frontmatter expands to more than 20000 values (too many aliases or entries)",
    )


def test_mappings_nested_too_deep_are_refused_at_the_33rd_level():
    """`{b: {b: ...}}`: the value at depth d starts at column 4 + 4(d - 1)."""
    text = "a: " + "{b: " * 40 + "c" + "}" * 40 + "\n"
    assert problem(text) == ReadProblem("yaml-syntax", Position(2, 4 + 4 * 32), "values nest more than 32 levels deep")


#: parse blocks with PyYAML's pure-Python parser, as where PyYAML was
#: installed without libyaml: print what each block's problem is
_WITHOUT_LIBYAML = textwrap.dedent(
    """
    import json, sys, yaml
    del yaml.CSafeLoader  # as PyYAML built without libyaml has none
    sys.setrecursionlimit(500)  # a small stack: 400 levels exhaust it
    from mkdocs_decisions.readers import frontmatter
    out = []
    for text in json.load(sys.stdin):
        parsed = frontmatter.parse(text, 4, first_line=2)
        p = parsed.problem
        out.append([parsed.fields == {}, parsed.duplicate_keys, p.kind, list(p.position), p.detail])
    print(json.dumps(out))
    """
)


def test_without_libyaml_nesting_too_deep_for_python_is_one_problem_on_the_first_line():
    """Block lists nested deeper than allowed (`- - - ...`) are refused before
    they are composed; nested less deep but enough to exhaust Python's
    recursion in the pure-Python composer, they are reported, not a crash."""
    package_root = str(Path(frontmatter.__file__).parents[2])  # the package these tests import
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))}
    texts = ["a:\n" + "- " * 1500 + "x\n", "a:\n" + "- " * 400 + "x\n"]
    result = subprocess.run(
        [sys.executable, "-c", _WITHOUT_LIBYAML], input=json.dumps(texts), env=env,
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        [True, [], "yaml-syntax", [3, 1023], "lists and mappings nest more than 512 levels deep"],
        [True, [], "yaml-syntax", [2, 1], "nesting is too deep"],
    ]
