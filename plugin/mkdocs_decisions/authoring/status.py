"""`decisions status`: move a record through its lifecycle without hand-editing.

The kind's `transitions` say which status may follow which. Linked records
change in the same step: accepting a record that supersedes others marks
them superseded (and names it in their `superseded_by`); superseding a
record `--by` another links both ways; a record that amends another leaves
it in force and only adds `amended_by`. Every file is edited like `--fix`
edits it (only the values concerned), and nothing is written unless every
file is still as it was read.
"""

from __future__ import annotations

from ..archive import Archive
from ..config import did_you_mean
from ..model import Fix, Record
from . import AuthoringError, find_record, fix, write


def change_status(archive: Archive, record_id: str, status: str, by: str | None = None) -> list[str]:
    """Apply the change; return one line per file changed, saying what changed."""
    record = find_record(archive, record_id)
    kind = archive.settings.kind(record.kind)
    new = kind.canonical_status(status)
    if new is None:
        raise AuthoringError(
            f"unknown status '{status}'{did_you_mean(status, kind.statuses)}; "
            f"{kind.prefix} statuses are: {', '.join(kind.statuses)}"
        )
    current = record.status
    allowed = kind.transitions.get(current or "", ())
    if new == current:
        raise AuthoringError(f"{record.id} is already {current}")
    if new not in allowed:
        after = ", ".join(allowed) if allowed else "no other status"
        raise AuthoringError(
            f"{record.id} is {current}, which may only become {after}; "
            "to reverse a decision, write a new record that supersedes it"
        )
    if (new == kind.superseded_status) != (by is not None):
        raise AuthoringError(
            f"name the successor with --by when a record becomes {kind.superseded_status}"
            if by is None
            else f"--by names a successor, which only a change to {kind.superseded_status} has"
        )
    fixes = [Fix(record.path, "status", "replace", new)]
    notes = {record.path: f"{current} -> {new}"}
    if by is not None:
        successor = find_record(archive, by)
        fixes.append(Fix(record.path, "superseded_by", "append", successor.id or ""))
        if record.id not in successor.targets("supersedes"):
            fixes.append(Fix(successor.path, "supersedes", "append", record.id or ""))
            notes[successor.path] = f"now supersedes {record.id}"
    if new in kind.in_force:
        fixes += _consequences_of_acceptance(archive, record, notes)
    fix.require_native(archive, fixes)
    writes = fix.edits(archive, fixes)
    write.apply(writes)
    return [f"{change.shown}: {notes.get(change.shown, 'updated')}" for change in sorted(writes, key=lambda w: w.shown)]


def _consequences_of_acceptance(archive: Archive, record: Record, notes: dict[str, str]) -> list[Fix]:
    """What accepting `record` does to the records it supersedes or amends."""
    fixes = []
    for older_id in record.targets("supersedes"):
        older = archive.by_id.get(older_id)
        if older is None:
            continue
        superseded = archive.settings.kind(older.kind).superseded_status
        if superseded and older.status != superseded:
            fixes.append(Fix(older.path, "status", "replace", superseded))
        if record.id not in older.targets("superseded_by"):
            fixes.append(Fix(older.path, "superseded_by", "append", record.id or ""))
        notes[older.path] = f"{older.status} -> {superseded or older.status} (superseded by {record.id})"
    for amended_id in record.targets("amends"):
        amended = archive.by_id.get(amended_id)
        if amended is not None and record.id not in amended.targets("amended_by"):
            fixes.append(Fix(amended.path, "amended_by", "append", record.id or ""))
            notes[amended.path] = f"stays {amended.status}, amended by {record.id}"
    return fixes
