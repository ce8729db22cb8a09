"""The native format: YAML frontmatter between `---` lines, then markdown."""

from __future__ import annotations

import re

from ..config import KindSettings
from ..ids import IdScheme
from ..model import FILE_START, Link, Position, ReadProblem, Record
from . import frontmatter

_DELIMITER = re.compile(r"---[ \t]*\r?\n?$")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX_H1 = re.compile(r"^ {0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")

#: frontmatter keys holding links to other records
LINK_FIELDS = ("supersedes", "superseded_by")


def read(record: Record, text: str, kind: KindSettings, scheme: IdScheme) -> None:
    record.text = text
    first_end = text.find("\n") + 1 or len(text)
    if not _DELIMITER.match(text, 0, first_end):
        record.problems.append(ReadProblem("missing-frontmatter", FILE_START, ""))
        return
    closing = _CLOSING.search(text, first_end)
    if closing is None:
        record.problems.append(ReadProblem("unterminated-frontmatter", FILE_START, ""))
        return
    start, offset = first_end, closing.start()
    number = text.count("\n", 0, offset) + 1
    record.frontmatter_span = (start, offset)
    record.frontmatter_end_line = number
    record.body_start = closing.end() + (1 if text.startswith("\n", closing.end()) else 0)
    record.body_line = number + 1
    parsed = frontmatter.parse(text[start:offset], start, first_line=2)
    if parsed.problem:
        record.problems.append(parsed.problem)
    record.fields = parsed.fields
    record.duplicate_keys = parsed.duplicate_keys
    _normalise(record, kind, scheme)


def _normalise(record: Record, kind: KindSettings, scheme: IdScheme) -> None:
    written_id = record.value("id")
    if isinstance(written_id, str):
        record.id = scheme.normalise(written_id, kind.name)
    if record.id is None and record.file_number is not None:
        record.id = scheme.normalise(record.file_number, kind.name)
    status = record.value("status")
    if isinstance(status, str):
        record.status = kind.canonical_status(status)
    date = record.value("date")
    if isinstance(date, str):
        record.date = date.strip()
    title = record.value("title")
    if isinstance(title, str) and title.strip():
        record.title = title.strip()
        record.title_position = record.position_of("title")
    else:
        found = first_heading(record.text, record.body_start, record.body_line)
        if found:
            record.title, record.title_position = found
    for relation in LINK_FIELDS:
        field = record.fields.get(relation)
        if field is None:
            continue
        values = field.value if isinstance(field.value, list) else [field.value]
        spans = field.item_spans or (field.value_span,)
        for value, span in zip(values, spans):
            if not isinstance(value, str) or not value.strip():
                continue
            target = scheme.normalise(value, kind.name)
            record.links.append(
                Link(relation, target or value.strip(), value, span.position)
            )


_ANY_H1 = re.compile(r"^ {0,3}#[ \t]+\S", re.MULTILINE)
_ANY_FENCE = re.compile(r"^ {0,3}(?:`{3,}|~{3,})", re.MULTILINE)


def first_heading(text: str, start: int, first_line: int) -> tuple[str, Position] | None:
    """The first level-one ATX heading of the body, outside code fences."""
    candidate = _ANY_H1.search(text, start)
    if candidate and not _ANY_FENCE.search(text, start, candidate.start()):
        line_end = text.find("\n", candidate.start())
        line = text[candidate.start() : line_end if line_end >= 0 else len(text)].rstrip("\r")
        heading = _ATX_H1.match(line)
        if heading:
            number = first_line + text.count("\n", start, candidate.start())
            return heading.group(1), Position(number, heading.start(1) + 1)
    fence = ""
    for number, line in enumerate(text[start:].splitlines(), start=first_line):
        marker = _FENCE.match(line)
        if fence:
            if marker and marker.group(1)[0] == fence[0] and len(marker.group(1)) >= len(fence):
                fence = ""
            continue
        if marker:
            fence = marker.group(1)
            continue
        heading = _ATX_H1.match(line)
        if heading:
            return heading.group(1), Position(number, heading.start(1) + 1)
    return None
