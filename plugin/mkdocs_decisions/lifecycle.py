"""`decisions status`: move a record through its lifecycle without hand-editing.

The kind's `transitions` say which status may follow which. Linked records
change in the same step: accepting a record that supersedes others marks
them superseded (and names it in their `superseded_by`); superseding a
record `--by` another links both ways; a record that amends another leaves
it in force and only adds `amended_by`. Every file is edited like `--fix`
edits it: only the values concerned, written atomically.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from . import edits
from .archive import Archive
from .config import did_you_mean
from .ids import IdScheme
from .model import RELATIONS, Record


class LifecycleError(Exception):
    """The change is not allowed or not possible; the message says why."""


def change_status(archive: Archive, record_id: str, status: str, by: str | None = None) -> list[str]:
    """Apply the change; return one line per file changed, saying what changed."""
    record = _find(archive, record_id)
    kind = archive.settings.kind(record.kind)
    new = kind.canonical_status(status)
    if new is None:
        raise LifecycleError(
            f"unknown status '{status}'{did_you_mean(status, kind.statuses)}; "
            f"{kind.prefix} statuses are: {', '.join(kind.statuses)}"
        )
    current = record.status
    allowed = kind.transitions.get(current or "", ())
    if new == current:
        raise LifecycleError(f"{record.id} is already {current}")
    if new not in allowed:
        after = ", ".join(allowed) if allowed else "no other status"
        raise LifecycleError(
            f"{record.id} is {current}, which may only become {after}; "
            "to reverse a decision, write a new record that supersedes it"
        )
    if (new == kind.superseded_status) != (by is not None):
        raise LifecycleError(
            f"name the successor with --by when a record becomes {kind.superseded_status}"
            if by is None
            else f"--by names a successor, which only a change to {kind.superseded_status} has"
        )
    fixes = [edits.Fix(record.path, "status", "replace", new)]
    notes = {record.path: f"{current} -> {new}"}
    if by is not None:
        successor = _find(archive, by)
        fixes.append(edits.Fix(record.path, "superseded_by", "append", successor.id or ""))
        if record.id not in successor.targets("supersedes"):
            fixes.append(edits.Fix(successor.path, "supersedes", "append", record.id or ""))
            notes[successor.path] = f"now supersedes {record.id}"
    if new in kind.in_force:
        fixes += _consequences_of_acceptance(archive, record, notes)
    for path in {fix.path for fix in fixes}:
        if archive.by_path[path].format != "native":
            raise LifecycleError(f"{path} is in {archive.by_path[path].format} format; run 'decisions migrate --to native' first")
    texts = edits.plan(archive.by_path, fixes)
    for path, text in texts.items():
        edits.write_text(Path(os.path.realpath(archive.settings.root / path)), text, bom=archive.by_path[path].bom)
    return [f"{path}: {notes.get(path, 'updated')}" for path in sorted(texts)]


def _consequences_of_acceptance(archive: Archive, record: Record, notes: dict[str, str]) -> list[edits.Fix]:
    fixes = []
    for older_id in record.targets("supersedes"):
        older = archive.by_id.get(older_id)
        if older is None:
            continue
        superseded = archive.settings.kind(older.kind).superseded_status
        if superseded and older.status != superseded:
            fixes.append(edits.Fix(older.path, "status", "replace", superseded))
        if record.id not in older.targets("superseded_by"):
            fixes.append(edits.Fix(older.path, "superseded_by", "append", record.id or ""))
        notes[older.path] = f"{older.status} -> {superseded or older.status} (superseded by {record.id})"
    for amended_id in record.targets("amends"):
        amended = archive.by_id.get(amended_id)
        if amended is not None and record.id not in amended.targets("amended_by"):
            fixes.append(edits.Fix(amended.path, "amended_by", "append", record.id or ""))
            notes[amended.path] = f"stays {amended.status}, amended by {record.id}"
    return fixes


def _find(archive: Archive, written: str) -> Record:
    for kind in archive.settings.kinds:
        record = archive.by_id.get(archive.scheme.normalise(written, kind.name) or "")
        if record is not None:
            return record
    raise LifecycleError(f"no record with id '{written}'")


def renumber(archive: Archive, which: str, taken: set[str] = frozenset()) -> list[str]:
    """Move a record to the next free number of its kind and rewrite every link to it.

    `which` is the record's path (needed when two records share an id) or id;
    `taken` are ids used elsewhere (at a base ref) that the new number must avoid.
    """
    record = archive.by_path.get(which.replace(os.sep, "/")) or _find(archive, which)
    if record.id is None or record.file_number is None:
        raise LifecycleError(f"{record.path} has no number to change")
    kind = archive.settings.kind(record.kind)
    prefix = kind.prefix + "-"
    used = {r.id for r in archive.records if r.id} | set(taken)
    numbers = [int(i[len(prefix):].rstrip("abcdefghijklmnopqrstuvwxyz")) for i in used
               if i.startswith(prefix) and i[len(prefix):].rstrip("abcdefghijklmnopqrstuvwxyz").isdigit()]
    digits = str(max(numbers, default=0) + 1).zfill(archive.settings.id_width)
    new_id = archive.scheme.canonical(digits, "", record.kind)
    old_id = record.id
    folder, _, name = record.path.rpartition("/")
    new_name = digits + name[len(record.file_number):]
    new_path = f"{folder}/{new_name}" if folder else new_name
    texts: dict[str, str] = {}
    for other in archive.records:
        if other is record or not other.readable:
            continue
        text = _rewrite(other, archive.scheme, old_id, new_id, name, new_name)
        if text != other.text:
            texts[other.path] = text
    own = _rewrite(record, archive.scheme, old_id, new_id, name, new_name)
    root = archive.settings.root
    try:
        edits.write_bytes(root / new_path, (b"\xef\xbb\xbf" if record.bom else b"") + own.encode("utf-8"), exclusive=True)
    except FileExistsError:
        raise LifecycleError(f"{new_path} already exists") from None
    for path, text in texts.items():
        edits.write_text(Path(os.path.realpath(root / path)), text, bom=archive.by_path[path].bom)
    os.unlink(root / record.path)
    return [f"{record.path} -> {new_path}: {old_id} is now {new_id}"] + [
        f"{path}: links to {new_id}" for path in sorted(texts)
    ]


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
