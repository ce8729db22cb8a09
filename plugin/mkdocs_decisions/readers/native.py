"""The native format: YAML frontmatter between `---` lines, then markdown."""

from __future__ import annotations

import re

from ..config import KindSettings
from ..ids import IdScheme
from ..model import FILE_START, RELATIONS, Field, ReadProblem, Record
from . import fields, frontmatter, relations

_DELIMITER = re.compile(r"---[ \t]*\r?\n?$")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)

#: frontmatter keys holding links to other records
LINK_FIELDS = tuple(RELATIONS)


def has_frontmatter(text: str) -> bool:
    first_end = text.find("\n") + 1 or len(text)
    return bool(_DELIMITER.match(text, 0, first_end))


def read(record: Record, text: str, kind: KindSettings, scheme: IdScheme, *, no_value: bool = False) -> None:
    """Read our format; with `no_value`, an empty value (or `TBD`, `N/A`) is no value at all."""
    record.text = text
    if not read_frontmatter(record, text, kind):
        return
    if no_value:
        record.fields = fields.without_no_value(record.fields)
    carried = relations.status_with_successor(record, scheme)
    fields.normalise(record, kind, scheme, LINK_FIELDS)
    relations.add_links(record, carried, kind, scheme)


def frontmatter_text(text: str) -> str | None:
    """The text between the frontmatter's opening line and its closing
    `---` or `...` line, or None when the file has no closed frontmatter."""
    first_end = text.find("\n") + 1 or len(text)
    if not _DELIMITER.match(text, 0, first_end):
        return None
    closing = _CLOSING.search(text, first_end)
    return None if closing is None else text[first_end : closing.start()]


def read_frontmatter(record: Record, text: str, kind: KindSettings) -> bool:
    """Parse the frontmatter into `record.fields` (renaming aliased keys);
    False when there is no usable block (a problem is recorded)."""
    first_end = text.find("\n") + 1 or len(text)
    if not _DELIMITER.match(text, 0, first_end):
        record.problems.append(ReadProblem("missing-frontmatter", FILE_START, ""))
        return False
    closing = _CLOSING.search(text, first_end)
    if closing is None:
        record.problems.append(ReadProblem("unterminated-frontmatter", FILE_START, ""))
        return False
    start, offset = first_end, closing.start()
    number = text.count("\n", 0, offset) + 1
    record.frontmatter_span = (start, offset)
    record.body_start = closing.end() + (1 if text.startswith("\n", closing.end()) else 0)
    record.body_line = number + 1
    parsed = frontmatter.parse(text[start:offset], start, first_line=2)
    if parsed.problem:
        record.problems.append(parsed.problem)
    record.fields = renamed(parsed.fields, kind.field_aliases)
    record.duplicate_keys = parsed.duplicate_keys
    return True


def renamed(fields: dict[str, Field], aliases: dict[str, str]) -> dict[str, Field]:
    """Keys written under another name (`decision-makers`) under ours (`deciders`),
    unless the record also has ours."""
    if not aliases or (aliases.keys().isdisjoint(fields) and all(key.islower() for key in fields)):
        return fields
    renamed: dict[str, Field] = {}
    for key, field in fields.items():
        canonical = aliases.get(key.lower(), key)
        if canonical in fields and canonical != key:
            renamed[key] = field
            continue
        renamed.setdefault(canonical, field)
    return renamed
