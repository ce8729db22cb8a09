"""`decisions renumber`: move a record to the next free number, links and all.

Two branches that each add ADR-0042 collide when they merge; the later one
moves its record. The record's file is renamed, its id changes in its own
frontmatter and in every record that links to it (frontmatter, ids in
prose, markdown links to its file), and every other byte stays. Nothing is
written unless every file involved is still as it was read.
"""

from __future__ import annotations

import os
import re

from ..archive import Archive
from ..ids import IdScheme
from ..model import RELATIONS, Record
from . import AuthoringError, find_record, write


def renumber(archive: Archive, which: str, taken: set[str] = frozenset()) -> list[str]:
    """Move a record to the next free number of its kind; return what changed.

    `which` is the record's path (needed when two records share an id) or id;
    `taken` are ids used elsewhere (at a base ref) that the new number must avoid.
    """
    record = archive.by_path.get(which.replace(os.sep, "/")) or find_record(archive, which)
    if record.id is None or record.file_number is None:
        raise AuthoringError(f"{record.path} has no number to change")
    new_id = archive.next_free_id(record.kind, taken)
    digits = new_id[len(archive.settings.kind(record.kind).prefix) + 1 :]
    old_id = record.id
    folder, _, name = record.path.rpartition("/")
    new_name = digits + name[len(record.file_number) :]
    new_path = f"{folder}/{new_name}" if folder else new_name
    root = archive.settings.root
    read = write.record_bytes(record.text, record.bom)
    own = _rewrite(record, archive.scheme, old_id, new_id, name, new_name)
    writes = [write.create(root, new_path, write.record_bytes(own, record.bom))]
    for other in archive.records:
        if other is record or not other.readable:
            continue
        text = _rewrite(other, archive.scheme, old_id, new_id, name, new_name)
        if text != other.text:
            old, new = write.record_bytes(other.text, other.bom), write.record_bytes(text, other.bom)
            writes.append(write.edit(root, other.path, old, new))
    writes.append(write.remove(root, record.path, read))
    try:
        write.apply(writes)
    except FileExistsError:
        raise AuthoringError(f"{new_path} already exists") from None
    return [f"{record.path} -> {new_path}: {old_id} is now {new_id}"] + sorted(
        f"{change.shown}: links to {new_id}" for change in writes[1:-1]
    )


def _rewrite(record: Record, scheme: IdScheme, old_id: str, new_id: str, old_name: str, new_name: str) -> str:
    """The record's text with the old id (in frontmatter and prose) and the old
    file name (in links) replaced, every other byte kept."""
    text = record.text
    splices = []
    for key in ("id", *RELATIONS):
        field = record.fields.get(key)
        if field is None:
            continue
        for value, span in field.values_and_spans():
            if isinstance(value, str) and record.format == "native" and scheme.normalise(value, record.kind) == old_id:
                splices.append((span.start, span.end, new_id))
    for start, end, replacement in sorted(splices, reverse=True):
        text = text[:start] + replacement + text[end:]
    body_start = record.body_start + sum(len(r) - (e - s) for s, e, r in splices if s < record.body_start)
    body = re.sub(rf"\b{re.escape(old_id)}\b", new_id, text[body_start:])
    body = re.sub(rf"(\]\(\s*<?(?:[^)\s>]*/)?){re.escape(old_name)}", lambda m: m.group(1) + new_name, body)
    return text[:body_start] + body
