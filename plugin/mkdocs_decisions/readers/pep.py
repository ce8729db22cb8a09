"""Python's PEPs: an RFC 822 header block (`PEP: 554`, `Status: Superseded`,
`Superseded-By: 734`), then a blank line and reStructuredText.

A header's value may go on over indented lines (`Author:`, `Post-History:`);
every item of a list header keeps its own line and column. PEP 1 writes
dates as `05-Sep-2017`: the record's date is that day in ISO form, while
the field still points at what was written.
"""

from __future__ import annotations

import datetime
import re

from ..config import KindSettings
from ..ids import IdScheme
from ..model import FILE_START, Field, Position, ReadProblem, Record, Where
from . import fields

_HEADER = re.compile(r"^([A-Za-z][A-Za-z0-9-]*):[ \t]*(.*?)[ \t]*$")
_CONTINUATION = re.compile(r"^[ \t]+(\S.*?)[ \t]*$")

#: PEP header -> our field (the rest keep their name, lower-cased, with `_`)
_FIELDS = {
    "pep": "id",
    "title": "title",
    "status": "status",
    "type": "type",
    "created": "date",
    "author": "authors",
    "sponsor": "sponsor",
    "pep-delegate": "delegate",
    "bdfl-delegate": "delegate",
    "discussions-to": "discussion",
    "replaces": "supersedes",
    "superseded-by": "superseded_by",
    "requires": "relates_to",
}
#: headers holding comma-separated lists
_LISTS = frozenset({"authors", "supersedes", "superseded_by", "relates_to", "post_history"})
#: what the headers' names are in the files, for messages about a missing one
WRITTEN_NAMES = {"date": "Created", "authors": "Author", "status": "Status", "title": "Title"}

LINK_FIELDS = ("supersedes", "superseded_by", "relates_to")


def read(record: Record, text: str, kind: KindSettings, scheme: IdScheme) -> None:
    record.text = text
    headers, (record.body_start, record.body_line) = _headers(text)
    if not headers:
        record.problems.append(ReadProblem("missing-frontmatter", FILE_START, _NO_HEADER))
        return
    for name, parts in headers:
        key = _FIELDS.get(name.lower(), name.lower().replace("-", "_"))
        if key in record.fields:
            first = record.fields[key].key_span.position
            record.duplicate_keys.append((key, first, Position(parts[0][0], 1)))
            continue
        record.fields[key] = _list(key, parts) if key in _LISTS else _scalar(key, parts)
    created = record.fields.get("date")
    if created is not None:
        created.value = _iso_date(created.value)
    kind_of = record.fields.get("type")
    if kind_of is not None and "tags" not in record.fields:
        # the index filters by tag: a PEP's type is what PEP 0 sorts by
        record.fields["tags"] = Field("tags", [kind_of.value], kind_of.key_at, kind_of.value_at, (kind_of.value_at,), "block")
    fields.normalise(record, kind, scheme, LINK_FIELDS)


#: one line of a header: its number, the offset where its value starts, the
#: value's column, and the value
Part = tuple[int, int, int, str]


_NO_HEADER = (
    "no PEP header; start the file with header lines such as 'PEP: 8', 'Title: ...', "
    "'Status: Draft' and 'Created: 05-Jul-2001', then a blank line"
)


def _headers(text: str) -> tuple[list[tuple[str, list[Part]]], tuple[int, int]]:
    """The header block's headers, each its name and its lines, and the offset
    and line number where the body starts; no headers when the file does not
    start with one."""
    found: list[tuple[str, list[Part]]] = []
    offset = number = 0
    for number, raw in enumerate(text.splitlines(keepends=True), start=1):
        line = raw.rstrip("\r\n")
        header = None if line[:1].isspace() else _HEADER.match(line)
        more = _CONTINUATION.match(line) if found else None
        if header:
            found.append((header.group(1), [(number, offset + header.start(2), header.start(2) + 1, header.group(2))]))
        elif more:
            found[-1][1].append((number, offset + more.start(1), more.start(1) + 1, more.group(1)))
        elif not found:
            return [], (0, 1)
        elif line.strip():  # text right after the headers
            return found, (offset, number)
        else:  # the blank line after them
            return found, (offset + len(raw), number + 1)
        offset += len(raw)
    return found, (offset, number + 1)


def _scalar(key: str, parts: list[Part]) -> Field:
    """A header as one text: its lines joined by spaces, found where its text
    starts (a header may leave its first line empty and go on below)."""
    line, start, column, _ = next((part for part in parts if part[3]), parts[0])
    joined = " ".join(part[3] for part in parts if part[3])
    return fields.text_field(key, joined, line, 1, column, start, parts[-1][1] + len(parts[-1][3]))


def _list(key: str, parts: list[Part]) -> Field:
    """A header of comma-separated items, over one line or several, each item located."""
    items: list[str] = []
    at: list[Where] = []
    for line, start, column, value in parts:
        for begin, end in fields.item_spans(value):
            item = value[begin:end].strip()
            if not item:
                continue
            lead = len(value[begin:end]) - len(value[begin:end].lstrip())
            at.append((line, column + begin + lead, start + begin + lead, start + begin + lead + len(item)))
            items.append(item)
    line, start, column, _ = parts[0]
    field = fields.text_field(key, items, line, 1, column, start, parts[-1][1] + len(parts[-1][3]))
    field.items_at = tuple(at)
    field.style = "block"
    return field


_MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_PEP_DATE = re.compile(r"^(\d{1,2})-([A-Za-z]{3})-(\d{4})$")


def _iso_date(written: object) -> object:
    """`05-Sep-2017` as `2017-09-05`; anything else as written (the date
    rule then says what is wrong with it)."""
    match = _PEP_DATE.match(written) if isinstance(written, str) else None
    if match is None or match.group(2).lower() not in _MONTHS:
        return written
    try:
        day = datetime.date(int(match.group(3)), _MONTHS[match.group(2).lower()], int(match.group(1)))
    except ValueError:
        return written
    return day.isoformat()
