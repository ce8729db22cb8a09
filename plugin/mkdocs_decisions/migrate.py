"""`decisions migrate --to native`: rewrite an archive into our frontmatter format.

Each record read from another format gets a YAML frontmatter block built
from what its reader found (status, date, people, tags, links as ids, and
the title when the heading carried a number). The rest of the file is kept
byte for byte: a file without frontmatter keeps all of its text, a MADR 4
file keeps everything after its old frontmatter (whose other keys are kept
too). Every file is written atomically. The report says what was mapped,
and what could not be.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from pathlib import Path

from . import edits
from .archive import Archive
from .model import RELATIONS, Record

_PEOPLE = ("deciders", "authors", "reviewers", "consulted", "informed", "tags")
_PLAIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._/-]*$")
_RESERVED = {"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"}


@dataclasses.dataclass
class Change:
    path: str
    source_format: str
    text: str  # the new file text
    mapped: list[str]
    unmapped: list[str]


def plan(archive: Archive, scope: list[str] | None = None) -> list[Change]:
    """What migrating each non-native record would write."""
    changes = []
    for record in archive.records:
        if record.format == "native" or not record.readable:
            continue
        if scope is not None and not any(record.path == s or record.path.startswith(s.rstrip("/") + "/") for s in scope):
            continue
        changes.append(_change(archive, record))
    return changes


def _change(archive: Archive, record: Record) -> Change:
    text = record.text
    newline = "\r\n" if "\r\n" in text[:2000] else "\n"
    lines: list[str] = []
    mapped: list[str] = []
    unmapped: list[str] = []
    if record.status:
        lines.append(f"status: {record.status}")
        mapped.append(f"status {record.status}")
    elif isinstance(record.value("status"), str):
        lines.append(f"status: {_scalar(record.value('status'))}")
        unmapped.append(f"status '{record.value('status')}' is not one of the kind's statuses")
    else:
        unmapped.append("no status found; add one")
    if record.date:
        lines.append(f"date: {_scalar(record.date)}")
        mapped.append(f"date {record.date}")
    else:
        unmapped.append("no date found; add one")
    heading = _heading(record)
    if record.title and heading != record.title:
        lines.append(f"title: {_scalar(record.title)}")
        mapped.append(f"title '{record.title}'")
    for key in _PEOPLE:
        names = record.people(key)
        if names:
            lines.append(f"{key}: [{', '.join(_scalar(n) for n in names)}]")
            mapped.append(f"{key} {', '.join(names)}")
    for relation in RELATIONS:
        targets = []
        for link in record.links:
            if link.relation != relation:
                continue
            if link.target in archive.by_id:
                targets.append(link.target)
            else:
                unmapped.append(f"'{relation}' link to {link.href or link.written}: no such record")
        if targets:
            unique = list(dict.fromkeys(targets))
            lines.append(f"{relation}: [{', '.join(unique)}]")
            mapped.append(f"{relation} {', '.join(unique)}")
    kept = _kept_frontmatter(record)
    block = newline.join(["---", *lines, *kept, "---"]) + newline
    return Change(record.path, record.format, block + record.body, mapped, unmapped)


def _heading(record: Record) -> str | None:
    from .readers.common import first_heading

    found = first_heading(record.text, record.body_start, record.body_line)
    return found[0] if found else None


def _kept_frontmatter(record: Record) -> list[str]:
    """Lines of an old frontmatter block whose keys we do not write ourselves."""
    if record.frontmatter_span is None:
        return []
    ours = {"status", "date", "title", *_PEOPLE, *RELATIONS}
    ours_as_written = {field.key for key, field in record.fields.items() if key in ours}
    start, end = record.frontmatter_span
    kept, keeping = [], False
    for line in record.text[start:end].splitlines():
        key = re.match(r"^([A-Za-z_][\w-]*)\s*:", line)
        if key:
            keeping = key.group(1) not in ours_as_written
        if keeping:
            kept.append(line)
    return kept


def _scalar(value: str) -> str:
    """A YAML scalar that reads back as the same text."""
    if _PLAIN.match(value) and value.lower() not in _RESERVED and not value[0].isdigit() or re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    return json.dumps(value, ensure_ascii=False)


def apply(archive: Archive, changes: list[Change]) -> None:
    for change in changes:
        record = archive.by_path[change.path]
        edits.write_text(Path(os.path.realpath(archive.settings.root / change.path)), change.text, bom=record.bom)
