"""MADR 2, 3 and 4, and log4brains: metadata as `- Status: accepted` list
items under the title, or (MADR 4) in YAML frontmatter with its own names
(`decision-makers`, `consulted`, `informed`). The status is optional in
MADR, so a record without one is read as having none, not as broken.
"""

from __future__ import annotations

import re

from ..config import KindSettings
from ..ids import IdScheme
from ..model import Position, Record
from . import fields, markdown, native, relations

_BULLET = re.compile(
    r"^(\s*[-*+]\s+)(\*\*)?(status|deciders|decision[- ]makers|date|consulted|informed|technical story|"
    r"owners?|review[- ]by|comments?[- ]until)"
    r"(?:\*\*)?\s*:(?:\*\*)?\s*(.*?)\s*$",
    re.IGNORECASE,
)
#: what a bullet's name stands for, when it is not ours (governance: docs/governance.md)
GOVERNANCE_KEYS = {"review by": "review_by", "review-by": "review_by", "comment until": "comment_until",
                   "comment-until": "comment_until", "comments until": "comment_until",
                   "comments-until": "comment_until"}
_KEYS = {"decision makers": "deciders", "decision-makers": "deciders", "technical story": "story", **GOVERNANCE_KEYS}
_LISTS = {"deciders", "consulted", "informed", "owners"}
_TITLE_NOTE = re.compile(r"^\[((?:[^\[\]]|\[[^\]]*\])*)\]\s*")


def read(record: Record, text: str, kind: KindSettings, scheme: IdScheme) -> None:
    record.text = text
    if native.has_frontmatter(text) and not native.read_frontmatter(record, text, kind):
        return
    _split_people(record, text)
    read_bullets(record, text, _BULLET, lambda key: _KEYS.get(key, key), scheme)
    carried = relations.status_with_successor(record, scheme)
    fields.normalise(record, kind, scheme, native.LINK_FIELDS)
    relations.add_links(record, carried, kind, scheme)
    # "[Superseded by [ADR-0019](0019-x.md)] Push metrics": the note is not the title
    note = _TITLE_NOTE.match(record.title)
    if note and relations.relation_line(scheme).search(note.group(1)):
        record.title = record.title[note.end() :]
    relations.add_links(record, relations.prose_links(record, record.body_start, record.body_line, scheme), kind, scheme)


def _split_people(record: Record, text: str) -> None:
    """MADR 4 writes `decision-makers: Ann, Bo` in its frontmatter, one
    string: the people, one by one."""
    for key in _LISTS:
        field = record.fields.get(key)
        if field is None or not isinstance(field.value, str):
            continue
        line, column, start, _ = field.value_at
        quote = int(text[start : start + 1] in ('"', "'"))  # the value's span starts at its quote
        record.fields[key] = fields.list_field(
            key, field.value, line, field.key_at[1], column + quote, start + quote
        )


def read_bullets(record: Record, text: str, pattern: re.Pattern[str], canonical, scheme: IdScheme) -> None:
    """Metadata lines before the first `##` heading, as fields with positions."""
    for number, offset, line in markdown.lines(text, record.body_start, record.body_line):
        if line.startswith("## "):
            break
        match = pattern.match(line)
        if not match:
            continue
        key = canonical(" ".join(match.group(3).lower().split()))
        raw = match.group(4)
        column = match.start(4) + 1
        start = offset + match.start(4)
        key_column = match.start(3) + 1
        if key in record.fields:
            first = record.fields[key].key_span.position
            record.duplicate_keys.append((key, first, Position(number, key_column)))
            continue
        if key == "status":
            status, _ = relations.status_and_links(raw, number, column, scheme)
            value, lead = (status, relations.words_start(raw)) if status else (raw, 0)  # ✅ Accepted: the word
            record.fields[key] = fields.text_field(
                key, value, number, key_column, column + lead, start + lead, start + lead + len(value))
        elif key in _LISTS:
            record.fields[key] = fields.list_field(key, raw, number, key_column, column, start)
        else:
            record.fields[key] = fields.text_field(key, raw, number, key_column, column, start, start + len(raw))
