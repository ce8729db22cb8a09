"""The fixture corpora, linted through the real command.

tests/fixtures/bad holds one fault per file (the file name says which). The
table below was written by reading each file: the line and the 1-based column
of the offending key or value.
"""

from __future__ import annotations

import json
from collections import Counter

from conftest import FIXTURES, decisions

BAD = FIXTURES / "bad"
GOOD = FIXTURES / "good"

EXPECTED = [
    # byte 0xfc in `deciders: [j\xfcrgen]` on line 4: 'deciders: [j' is 12 characters
    ("adr/0001-not-utf8.md", 4, 13, "encoding"),
    # PNG header: `\x89PNG\r\n` `\x1a\n`, then the first NUL starts line 3
    ("adr/0002-binary.md", 3, 1, "binary-file"),
    # zero bytes
    ("adr/0003-empty.md", 1, 1, "empty-file"),
    # starts with `# Use Redis`
    ("adr/0004-no-frontmatter.md", 1, 1, "missing-frontmatter"),
    # `---` on line 1, never closed
    ("adr/0005-unterminated.md", 1, 1, "unterminated-frontmatter"),
    # `deciders: [alice` on line 4: the unclosed '[' is column 11
    ("adr/0006-yaml-error.md", 4, 11, "yaml-syntax"),
    # the second `date:` key, line 5 column 1
    ("adr/0007-duplicate-key.md", 5, 1, "duplicate-key"),
    # `deciders: {lead: alice}` on line 4: the mapping value starts at column 11
    ("adr/0008-wrong-type.md", 4, 11, "schema"),
    # `status: aproved-ish` on line 2: the value starts at column 9
    ("adr/0009-unknown-status.md", 2, 9, "unknown-status"),
    # `id: ADR-0011` on line 2 in file 0010: the value starts at column 5
    ("adr/0010-id-mismatch.md", 2, 5, "id-mismatch"),
    # `id: ADR-0013` in file 0012 disagrees with its name ...
    ("adr/0012-duplicate-id.md", 2, 5, "id-mismatch"),
    # ... and takes the id of 0013, whose name agrees with it: 0012 is told, at its `id` value
    ("adr/0012-duplicate-id.md", 2, 5, "duplicate-id"),
    # `supersedes: [ADR-0099]` on line 5: the item starts at column 14
    ("adr/0014-missing-target.md", 5, 14, "missing-target"),
    # `superseded_by: [ADR-0016]` on line 5, item at column 17; 0016 does not say `supersedes`
    ("adr/0015-old.md", 5, 17, "one-sided-link"),
    # 0017 <-> 0018 supersede each other; reported once, on the smaller id's
    # `supersedes: [ADR-0018]` (line 5, item at column 14)
    ("adr/0017-cycle-a.md", 5, 14, "supersession-cycle"),
    # `status: superseded` on line 2 with no successor anywhere: value at column 9
    ("adr/0019-superseded-alone.md", 2, 9, "superseded-without-successor"),
    # `superseded_by: [ADR-0021]` on line 4 (item column 17); 0021 is only proposed
    ("adr/0020-replaced.md", 4, 17, "successor-not-accepted"),
    # `date: 2026-13-01` on line 3: the value starts at column 7
    ("adr/0022-bad-date.md", 3, 7, "invalid-date"),
    # `date: 2999-01-01` on line 3
    ("adr/0023-future-date.md", 3, 7, "future-date"),
    # 0025 (2026-01-01) `supersedes: [ADR-0024]` (2026-06-01) on line 5, item at column 14
    ("adr/0025-older-new.md", 5, 14, "supersedes-newer"),
    # `# ADR-[NUMBER]: [Title]` on line 5: '[NUMBER]' at column 7, '[Title]' at column 17
    ("adr/0026-placeholders.md", 5, 7, "placeholder"),
    ("adr/0026-placeholders.md", 5, 17, "placeholder"),
    # `Decided on YYYY-MM-DD.` on line 9: 'YYYY-MM-DD' at column 12
    ("adr/0026-placeholders.md", 9, 12, "placeholder"),
    # four lines, frontmatter only: reported on the last line there is (the closing `---`)
    ("adr/0027-empty-body.md", 4, 1, "empty-body"),
    # `status: accepted` (line 2, value column 9) without `deciders`
    ("adr/0028-missing-deciders.md", 2, 9, "missing-field"),
    # `supercedes:` key on line 4, column 1
    ("adr/0029-misspelled-key.md", 4, 1, "unknown-field"),
    # `status: Superceded` on line 2 (value column 9) is an alias ...
    ("adr/0030-alias.md", 2, 9, "status-alias"),
    # ... and its `superseded_by: [ADR-0016]` (line 4, item column 17) is not mirrored by 0016
    ("adr/0030-alias.md", 4, 17, "one-sided-link"),
    # `status: accepted` (line 2) although the accepted 0016 replaced it ...
    ("adr/0031-stale.md", 2, 9, "stale-status"),
    # ... and `superseded_by: [ADR-0016]` (line 5, item column 17) is one-sided too
    ("adr/0031-stale.md", 5, 17, "one-sided-link"),
    # no number in the name and no `id` key
    ("adr/use-without-number.md", 1, 1, "invalid-id"),
    # an RFC without `authors`: reported at the first key, `status` on line 2
    ("rfc/0001-no-authors.md", 2, 1, "missing-field"),
    # `status: In Review` on line 2 (LF among CRLF lines): an alias of in-review
    ("rfc/0002-mixed-endings.md", 2, 9, "status-alias"),
]

# Files with no fault of their own: the other side of a fault above.
NO_FINDINGS = {
    "adr/0016-new-one-sided.md",  # the successor that 0015, 0030 and 0031 name
    "adr/0018-cycle-b.md",  # the cycle is reported once, on 0017
    "adr/0021-proposed-successor.md",  # the proposed successor of 0020
    "adr/0024-newer-old.md",  # the later-dated record that 0025 supersedes
    "adr/0013-duplicate-id.md",  # keeps ADR-0013, which its name gives; 0012 took it too
}

WARNINGS = {"unknown-field", "status-alias", "successor-not-accepted", "supersedes-newer"}


def lint(cwd, *args):
    return decisions("lint", *args, cwd=cwd)


def corpus_files(root):
    return {path.relative_to(root).as_posix() for path in root.rglob("*.md")}


def test_the_table_covers_every_bad_fixture():
    assert {path for path, *_ in EXPECTED} | NO_FINDINGS == corpus_files(BAD)
    assert not NO_FINDINGS & {path for path, *_ in EXPECTED}


def test_bad_corpus_gives_exactly_the_expected_findings():
    result = lint(BAD, "--format", "json")
    assert result.returncode == 1, result.stderr
    document = json.loads(result.stdout)
    found = [(d["path"], d["line"], d["column"], d["rule"]) for d in document["diagnostics"]]
    # no finding twice, none missing, none extra
    assert Counter(found) == Counter(EXPECTED)
    assert found == sorted(found, key=lambda f: (f[0], f[1], f[2], f[3]))
    for diagnostic in document["diagnostics"]:
        assert diagnostic["severity"] == ("warning" if diagnostic["rule"] in WARNINGS else "error")
        assert diagnostic["message"]
    warnings = sum(rule in WARNINGS for *_, rule in EXPECTED)
    assert document["summary"] == {
        "records": len(corpus_files(BAD)),
        "errors": len(EXPECTED) - warnings,
        "warnings": warnings,
        "fixed": 0,
    }


def test_bad_corpus_in_text_format_has_one_line_per_finding():
    result = lint(BAD)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    located = [tuple(line.split(": ", 1)[0].rsplit(":", 2)) for line in lines]
    assert located == [(path, str(line), str(column)) for path, line, column, _ in sorted(EXPECTED)]


def test_good_corpus_is_clean():
    result = lint(GOOD)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_good_corpus_json_counts_every_record():
    result = lint(GOOD, "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout) == {
        "diagnostics": [],
        "summary": {"records": len(corpus_files(GOOD)), "errors": 0, "warnings": 0, "fixed": 0},
    }
