"""`decisions migrate --to native`: rewrite an archive into our frontmatter format.

Each record read from another format gets a YAML frontmatter block built
from what its reader found (status, date, people, tags, links as ids, and
the title when the heading carried a number). The lines those values were
read from (`- Status: accepted`, `**Date**: ...`, `Date:` and adr-tools'
`## Status` section) leave the text, or the page would say them twice;
the rest of the file is kept byte for byte, and a MADR 4 file keeps the
other keys of its old frontmatter. The report says what was mapped, and what could not be. Nothing is
written unless every file is still as it was read; then each file is
written atomically, one by one.
"""

from __future__ import annotations

import dataclasses
import re

from ..archive import Archive
from ..model import RELATIONS, Record
from ..readers import markdown
from ..readers.markdown import first_heading
from . import write
from .quoting import scalar

_PEOPLE = ("deciders", "authors", "reviewers", "consulted", "informed", "tags")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


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


def apply(archive: Archive, changes: list[Change]) -> None:
    """Write the migrated records (`write.FileChanged` if one changed since it was read)."""
    root = archive.settings.root
    writes = []
    for change in changes:
        record = archive.by_path[change.path]
        read = write.record_bytes(record.text, record.bom)
        writes.append(write.edit(root, change.path, read, write.record_bytes(change.text, record.bom)))
    write.apply(writes)


def _change(archive: Archive, record: Record) -> Change:
    text = record.text
    newline = "\r\n" if "\r\n" in text[:2000] else "\n"
    lines: list[str] = []
    mapped: list[str] = []
    unmapped: list[str] = []
    if record.status:
        lines.append(f"status: {scalar(record.status)}")
        mapped.append(f"status {record.status}")
    elif isinstance(record.value("status"), str):
        lines.append(f"status: {scalar(record.value('status'))}")
        unmapped.append(f"status '{record.value('status')}' is not one of the kind's statuses")
    else:
        unmapped.append("no status found; add one")
    if record.date:
        # a date stays a bare date, as our records write it; anything else is text
        lines.append(f"date: {record.date if _ISO_DATE.fullmatch(record.date) else scalar(record.date)}")
        mapped.append(f"date {record.date}")
    else:
        unmapped.append("no date found; add one")
    heading = _heading(record)
    if record.title and heading != record.title:
        lines.append(f"title: {scalar(record.title)}")
        mapped.append(f"title '{record.title}'")
    for key in _PEOPLE:
        names = record.people(key)
        if names:
            lines.append(f"{key}: [{', '.join(scalar(n) for n in names)}]")
            mapped.append(f"{key} {', '.join(names)}")
    people = "authors" if archive.settings.kind(record.kind).schema == "rfc" else "deciders"
    if not record.people(people):
        # `status` and `date` alone over MADR's sections would read as MADR 3 again
        lines.append(f"{people}: []")
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
            lines.append(f"{relation}: [{', '.join(scalar(target) for target in unique)}]")
            mapped.append(f"{relation} {', '.join(unique)}")
    kept = _kept_frontmatter(record)
    block = newline.join(["---", *lines, *kept, "---"]) + newline
    moved = _moved_lines(archive, record, written={line.split(":", 1)[0] for line in lines})
    return Change(record.path, record.format, block + _without(record, moved), mapped, unmapped)


_STATUS_SECTION = re.compile(r"^##\s+Status\s*$", re.IGNORECASE)


def _moved_lines(archive: Archive, record: Record, written: set[str]) -> set[int]:
    """The numbers of the body's lines whose values the frontmatter now holds:
    the field lines of the keys `written`, and an adr-tools `## Status`
    section when each of its lines is its status or links that were mapped."""
    moved = {
        field.key_at[0]
        for key, field in record.fields.items()
        if key in written and field.key_at[0] >= record.body_line
    }
    if record.format != "adr-tools":
        return moved
    mapped = {link.position.line for link in record.links if link.target in archive.by_id}
    unmapped = {link.position.line for link in record.links if link.target not in archive.by_id}
    section: list[tuple[int, str]] = []
    for number, _, line in markdown.lines(record.text, record.body_start, record.body_line):
        if section and line.startswith("#"):
            break
        if section or _STATUS_SECTION.match(line):
            section.append((number, line))
    content = [number for number, line in section[1:] if line.strip()]
    if content and all((n in moved or n in mapped) and n not in unmapped for n in content):
        return moved | {number for number, _ in section}
    return moved - {number for number, _ in section}  # kept whole, with what could not be mapped


def _without(record: Record, moved: set[int]) -> str:
    """The body without the `moved` lines, and without the blank line each
    removal would leave doubled."""
    kept: list[str] = []
    dropped = False
    for number, line in enumerate(record.body.splitlines(keepends=True), start=record.body_line):
        if number in moved:
            dropped = True
            continue
        if dropped and not line.strip() and (not kept or not kept[-1].strip()):
            continue
        dropped = False
        kept.append(line)
    return "".join(kept)


def _heading(record: Record) -> str | None:
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
