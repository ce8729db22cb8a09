"""What every reader shares: turning fields into a record's id, status,
title and links, and reading the markdown conventions real archives use
(status phrases such as "Superseded by [5. Use X](0005-use-x.md)").
"""

from __future__ import annotations

import datetime
import re
from typing import Any, Iterator

from ..config import KindSettings
from ..ids import IdScheme
from ..model import Field, Link, Position, Record

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX_H1 = re.compile(r"^ {0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_ANY_H1 = re.compile(r"^ {0,3}#[ \t]+\S", re.MULTILINE)
_ANY_FENCE = re.compile(r"^ {0,3}(?:`{3,}|~{3,})", re.MULTILINE)

#: a markdown link: [text](href "title")
MARKDOWN_LINK = re.compile(r"\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")

#: how people write relations between records, and what each means
PHRASES = {
    "supersedes": "supersedes",
    "supercedes": "supersedes",
    "replaces": "supersedes",
    "superseded by": "superseded_by",
    "superceded by": "superseded_by",
    "replaced by": "superseded_by",
    "amends": "amends",
    "modifies": "amends",
    "refines": "amends",
    "extends": "amends",
    "amended by": "amended_by",
    "modified by": "amended_by",
    "refined by": "amended_by",
    "extended by": "amended_by",
    "relates to": "relates_to",
    "related to": "relates_to",
    "clarifies": "relates_to",
    "clarified by": "relates_to",
    "see also": "relates_to",
}
_PHRASE = "|".join(sorted((re.escape(p).replace(r"\ ", r"\s+") for p in PHRASES), key=len, reverse=True))
#: a phrase followed by links or ids: "Superseded by [5. Use X](0005-use-x.md)", "modifies ADR 0002"
RELATION_LINE = re.compile(rf"(?i)\b({_PHRASE})\b\s*:?\s*(?=\[|(?:ADR|RFC)[- ]?\d)")
_ID_TOKEN = re.compile(r"\b(?:ADR|RFC)[- ]?\d+[a-z]?\b", re.IGNORECASE)

#: statuses that a relation phrase implies when it stands in for the status
IMPLIED_STATUS = {"superseded_by": "superseded"}


def relation_of(phrase: str) -> str | None:
    return PHRASES.get(" ".join(phrase.lower().split()))


def lines(text: str, start: int = 0, first_line: int = 1) -> Iterator[tuple[int, int, str]]:
    """(line number, offset, line without its line break) outside code fences."""
    fence = ""
    offset = start
    for number, raw in enumerate(text[start:].splitlines(keepends=True), start=first_line):
        line = raw.rstrip("\r\n")
        marker = _FENCE.match(line)
        if fence:
            if marker and marker.group(1)[0] == fence[0] and len(marker.group(1)) >= len(fence):
                fence = ""
        elif marker:
            fence = marker.group(1)
        else:
            yield number, offset, line
        offset += len(raw)


def text_field(key: str, value: Any, line: int, key_column: int, value_column: int, start: int, end: int) -> Field:
    """A field read from markdown text (not YAML), located like a YAML one."""
    key_at = (line, key_column, start - (value_column - key_column), start)
    return Field(key, value, key_at, (line, value_column, start, end), (), "scalar")


def list_field(
    key: str, raw: str, line: int, key_column: int, value_column: int, start: int
) -> Field:
    """A comma-separated value (`Deciders: Ann, Bo`) as a list, each item located."""
    items, at = [], []
    for match in re.finditer(r"[^,;]+", raw):
        item = match.group().strip()
        if not item:
            continue
        lead = len(match.group()) - len(match.group().lstrip())
        column = value_column + match.start() + lead
        at.append((line, column, start + match.start() + lead, start + match.start() + lead + len(item)))
        items.append(item)
    field = text_field(key, items, line, key_column, value_column, start, start + len(raw))
    field.items_at = tuple(at)
    field.style = "block"
    return field


def status_and_links(
    raw: str, line: int, column: int, offset: int
) -> tuple[str | None, list[tuple[str, str, str | None, Position]]]:
    """Read a status value as real archives write it.

    `superseded by [ADR-0019](0019-x.md)` is the status `superseded` and a
    link; `proposed. **No consensus...**` is `proposed`. Returns the status
    word(s) and `(relation, written, href, position)` for each link.
    """
    found: list[tuple[str, str, str | None, Position]] = []
    relation_at = RELATION_LINE.match(raw.strip())
    if relation_at:
        relation = relation_of(relation_at.group(1)) or "relates_to"
        lead = len(raw) - len(raw.lstrip())
        found = links_after(raw, lead + relation_at.end(), relation, line, column)
        return IMPLIED_STATUS.get(relation), found
    word = re.match(r"\s*([A-Za-z][A-Za-z \-]*[A-Za-z]|[A-Za-z])", raw)
    return (word.group(1) if word else None), found


def links_after(
    raw: str, start: int, relation: str, line: int, column: int
) -> list[tuple[str, str, str | None, Position]]:
    """Markdown links and bare ids in `raw` from `start` on, up to the next phrase."""
    stop = RELATION_LINE.search(raw, start)
    segment_end = stop.start() if stop else len(raw)
    found = []
    taken: list[tuple[int, int]] = []
    for match in MARKDOWN_LINK.finditer(raw, start, segment_end):
        found.append((relation, match.group(1), match.group(2), Position(line, column + match.start())))
        taken.append(match.span())
    for match in _ID_TOKEN.finditer(raw, start, segment_end):
        if not any(a <= match.start() < b for a, b in taken):
            found.append((relation, match.group(), None, Position(line, column + match.start())))
    if stop:
        next_relation = relation_of(stop.group(1)) or "relates_to"
        found += links_after(raw, stop.end(), next_relation, line, column)
    return found


#: a line that states a relation: "Supersedes [3. Use Y](...)", "- Amended by ADR-0009",
#: "This modifies ADR 0002", "- Status: superseded by [ADR-0019](...)"
_STATEMENT = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:\*\*)?(?:status\s*:\s*(?:\*\*)?\s*)?"
    r"(?:this(?:\s+(?:adr|rfc|decision|record|proposal))?\s+)?(?=" + _PHRASE + r")",
    re.IGNORECASE,
)


def prose_links(record: Record, start: int, first_line: int) -> list[tuple[str, str, str | None, Position]]:
    """Relations stated by lines of the text: `Supersedes [3. Use Y](0003-use-y.md)`,
    `- Refined by [ADR-0005](0005-x.md)`, `This modifies ADR 0002.` A relation
    word in the middle of a sentence is prose, not a link."""
    found = []
    for number, _, line in lines(record.text, start, first_line):
        lead = _STATEMENT.match(line)
        if lead is None:
            continue
        match = RELATION_LINE.match(line, lead.end())
        if match is None:
            continue
        found += links_after(line, match.end(), relation_of(match.group(1)) or "relates_to", number, 1)
    return found


def add_links(record: Record, links: list[tuple[str, str, str | None, Position]], kind: KindSettings, scheme: IdScheme) -> None:
    seen = {(link.relation, link.href or link.target) for link in record.links}
    for relation, written, href, position in links:
        if href is not None and not _RECORD_HREF.match(href):
            continue  # a web page or another kind of file, not a record
        token = _ID_TOKEN.search(written)
        target = scheme.normalise(token.group() if token else written, kind.name) or written.strip()
        key = (relation, href.split("#")[0] if href else target)
        if key in seen:
            continue
        seen.add(key)
        record.links.append(Link(relation, target, written, position, href))


#: a relative link to a markdown file (a record), not a URL
_RECORD_HREF = re.compile(r"^(?![a-z][a-z0-9+.-]*:)(?!/)[^#?]*\.md(?:#.*)?$", re.IGNORECASE)


def first_heading(text: str, start: int, first_line: int) -> tuple[str, Position] | None:
    """The first level-one ATX heading, outside code fences."""
    candidate = _ANY_H1.search(text, start)
    if candidate and not _ANY_FENCE.search(text, start, candidate.start()):
        line_end = text.find("\n", candidate.start())
        line = text[candidate.start() : line_end if line_end >= 0 else len(text)].rstrip("\r")
        heading = _ATX_H1.match(line)
        if heading:
            number = first_line + text.count("\n", start, candidate.start())
            return heading.group(1), Position(number, heading.start(1) + 1)
    for number, _, line in lines(text, start, first_line):
        heading = _ATX_H1.match(line)
        if heading:
            return heading.group(1), Position(number, heading.start(1) + 1)
    return None


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
            stem = record.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
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
            record.title = found[0]
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
            token = _ID_TOKEN.search(value)
            target = scheme.normalise(token.group() if token and href else value, kind.name)
            record.links.append(Link(relation, target or value.strip(), value, span.position, href))
