"""Fields read from markdown text (not YAML), and a record's normalised
id, status, date, title and links made from its fields."""

from __future__ import annotations

import datetime
from typing import Any

from ..config import KindSettings
from ..ids import IdScheme, qualified, record_stem
from ..model import Field, Link, Record
from .markdown import MARKDOWN_LINK, first_heading

def text_field(key: str, value: Any, line: int, key_column: int, value_column: int, start: int, end: int) -> Field:
    """A field read from markdown text (not YAML), located like a YAML one."""
    key_at = (line, key_column, start - (value_column - key_column), start)
    return Field(key, value, key_at, (line, value_column, start, end), (), "scalar")


def list_field(
    key: str, raw: str, line: int, key_column: int, value_column: int, start: int
) -> Field:
    """A comma-separated value (`Deciders: Ann, Bo`) as a list, each item
    located; a comma inside brackets is part of its item (`Rob (a.k.a., the
    working group)`)."""
    items, at = [], []
    for begin, end in item_spans(raw):
        item = raw[begin:end].strip()
        if not item:
            continue
        lead = len(raw[begin:end]) - len(raw[begin:end].lstrip())
        column = value_column + begin + lead
        at.append((line, column, start + begin + lead, start + begin + lead + len(item)))
        items.append(item)
    field = text_field(key, items, line, key_column, value_column, start, start + len(raw))
    field.items_at = tuple(at)
    field.style = "block"
    return field


def item_spans(raw: str) -> list[tuple[int, int]]:
    """Where the items of `raw` are: between commas or semicolons outside brackets."""
    spans, begin, depth = [], 0, 0
    for at, character in enumerate(raw):
        if character in "([{":
            depth += 1
        elif character in ")]}":
            depth = max(depth - 1, 0)
        elif character in ",;" and depth == 0:
            spans.append((begin, at))
            begin = at + 1
    spans.append((begin, len(raw)))
    return spans


def _without_own_id(title: str, record_id: str | None, scheme: IdScheme, kind: str) -> str:
    """`# RFC-0001 Memorandum on …` is titled `Memorandum on …`: the page
    shows the id beside the title already."""
    token = scheme.reference_pattern.match(title)
    if token is None or record_id is None or scheme.normalise(token.group(), kind) != record_id:
        return title
    return title[token.end() :].lstrip(" \t:.-–—") or title


def is_date_number(number: str) -> bool:
    """`20210101`: a file named by date, as log4brains names them."""
    if len(number) != 8 or not number.isdigit():
        return False
    try:
        datetime.date(int(number[:4]), int(number[4:6]), int(number[6:]))
    except ValueError:
        return False
    return True


def normalise(record: Record, kind: KindSettings, scheme: IdScheme, link_fields: tuple[str, ...]) -> None:
    """Fill in the record's id, status, date, title and links from its fields."""
    written_id = record.value("id")
    if isinstance(written_id, str):
        record.id = scheme.normalise(written_id, kind.name)
    if record.id is None and record.file_number is not None:
        if is_date_number(record.file_number):
            # named by date: several records can share a day, so the whole name is the id
            stem = record_stem(record.path)
            record.id = f"{kind.prefix}-{stem.lower()}"
        else:
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
    else:
        found = first_heading(record.text, record.body_start, record.body_line)
        if found:
            record.title = _without_own_id(found[0], record.id, scheme, kind.name)
    for relation in link_fields:
        field = record.fields.get(relation)
        if field is None:
            continue
        for value, span in field.values_and_spans():
            if not isinstance(value, str) or not value.strip():
                continue
            href = None
            link = MARKDOWN_LINK.fullmatch(value.strip())
            if link:
                value, href = link.group(1), link.group(2)
            token = scheme.reference_pattern.search(value)
            target = scheme.normalise(token.group() if token and href else value, kind.name)
            other = qualified(value) if target is None and href is None else None
            if other is not None and scheme.normalise(other[1], kind.name):  # another repository's record
                target = f"{other[0]}:{scheme.normalise(other[1], kind.name)}"
            record.links.append(Link(relation, target or value.strip(), value, span.position, href))


#: what KEPs and TEPs write for "nobody yet" and "none": their templates leave `replaces:`
#: empty, and `reviewers: [TBD]` or `- N/A` stand for no one
_NO_VALUE = frozenset({"", "tbd", "n/a", "none", "-"})


def without_no_value(found: dict[str, Field]) -> dict[str, Field]:
    """The fields with a value, and of lists only the items that are one (for the
    formats whose templates leave fields empty; in ours, an empty value is a mistake)."""
    kept = {}
    for key, field in found.items():
        if isinstance(field.value, list):
            pairs = [
                (value, where)
                for value, where in zip(field.value, field.items_at)
                if not (isinstance(value, str) and value.strip().lower() in _NO_VALUE)
            ]
            if not pairs:
                continue
            field.value, field.items_at = [value for value, _ in pairs], tuple(where for _, where in pairs)
        elif field.value is None or (isinstance(field.value, str) and field.value.strip().lower() in _NO_VALUE):
            continue
        kept[key] = field
    return kept
