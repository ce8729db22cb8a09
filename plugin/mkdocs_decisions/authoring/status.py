"""`decisions status`: move a record through its lifecycle without hand-editing.

The kind's `transitions` say which status may follow which. Linked records
change in the same step: accepting a record that supersedes others marks
them superseded (and names it in their `superseded_by`, unless they do
already); superseding a record `--by` another links both ways; a record
that amends another leaves it in force and only adds `amended_by`. Every
file is edited in its own format, like `--fix` edits it (only the values
concerned), and nothing is written unless every file is still as it was
read.

Before writing, the archive is checked as the change would leave it. A
record cannot be accepted (or take any status the kind counts as in force)
while it has errors, such as template placeholders or fields its new
status requires, and no change may cause a finding `decisions lint` would
report (superseding a record `--by` one still proposed, say); `force`
writes it anyway.
"""

from __future__ import annotations

from ..archive import Archive
from ..config import did_you_mean
from ..governance import after_period
from ..model import Fix, Record
from . import AuthoringError, UsageError, find_record, fix, outcome, write


def change_status(
    archive: Archive, record_id: str, status: str, by: str | None = None, force: bool = False,
    review_in: str | None = None,
) -> list[str]:
    """Apply the change; return one line per file changed, saying what changed."""
    record = find_record(archive, record_id)
    kind = archive.settings.kind(record.kind)
    new = kind.canonical_status(status)
    if new is None:
        raise UsageError(
            f"unknown status '{status}'{did_you_mean(status, kind.statuses)}; "
            f"{kind.prefix} statuses are: {', '.join(kind.statuses)}"
        )
    current = record.status
    if current is None:
        written = record.value("status")
        raise AuthoringError(
            f"{record.id} has no status" + (f" this kind knows ('{written}')" if isinstance(written, str) else "")
            + f"; set one of {', '.join(kind.statuses)} by hand first"
        )
    allowed = kind.transitions.get(current, ())
    if new == current:
        raise AuthoringError(f"{record.id} is already {current}")
    if new not in allowed:
        after = ", ".join(allowed) if allowed else "no other status"
        raise AuthoringError(
            f"{record.id} is {current}, which may only become {after}; "
            "to reverse a decision, write a new record that supersedes it"
        )
    if (new == kind.superseded_status) != (by is not None):
        raise UsageError(
            f"name the successor with --by when a record becomes {kind.superseded_status}"
            if by is None
            else f"--by names a successor, which only a change to {kind.superseded_status} has"
        )
    fixes = [Fix(record.path, "status", "replace", new)]
    notes = {record.path: f"{current} -> {new}"}
    if review_in is not None:
        if new not in kind.in_force:
            raise UsageError(f"--review-in sets when a record in force is reviewed; {new} is not in force")
        review_by = after_period(archive.today, review_in)
        if review_by is None:
            raise UsageError(f"--review-in {review_in}: write a period such as 12m, 1y, 6w or 30d")
        fixes.append(Fix(record.path, "review_by", "replace", review_by.isoformat()))
        notes[record.path] += f", review by {review_by.isoformat()}"
    successors: dict[str, list[str]] = {}
    if by is not None:
        successor = find_record(archive, by)
        if successor is record:
            raise UsageError(f"{record.id} cannot be superseded by itself")
        if successor.id not in record.targets("superseded_by"):
            fixes.append(Fix(record.path, "superseded_by", "append", successor.id or ""))
        if record.id not in successor.targets("supersedes"):
            fixes.append(Fix(successor.path, "supersedes", "append", record.id or ""))
            notes[successor.path] = f"now supersedes {record.id}"
        successors[record.path] = [successor.id or ""]
    if new in kind.in_force:
        fixes += consequences_of_acceptance(archive, record, record.id or "", notes, successors)
    fix.require_editable(archive, fixes)
    writes = fix.edits(archive, fixes, successors=successors)
    later = outcome.after(archive, writes)
    outcome.confirm(archive, later, fixes)
    if not force:
        _refuse_findings(archive, later, record, new)
    write.apply(writes)
    return [f"{change.shown}: {notes.get(change.shown, 'updated')}" for change in sorted(writes, key=lambda w: w.shown)]


def consequences_of_acceptance(
    archive: Archive, record: Record, record_id: str, notes: dict[str, str], successors: dict[str, list[str]]
) -> list[Fix]:
    """What accepting `record` (whose id is `record_id`) does to the records it
    supersedes or amends: a link already there is not written twice."""
    fixes = []
    for older_id in record.targets("supersedes"):
        older = archive.by_id.get(older_id)
        if older is None or older is record:
            continue
        superseded = archive.settings.kind(older.kind).superseded_status
        if superseded and older.status != superseded:
            fixes.append(Fix(older.path, "status", "replace", superseded))
            successors.setdefault(older.path, []).append(record_id)
        if record_id not in older.targets("superseded_by"):
            fixes.append(Fix(older.path, "superseded_by", "append", record_id))
        notes[older.path] = (
            f"{older.status or 'no status'} -> {superseded or older.status} (superseded by {record_id})"
        )
    for amended_id in record.targets("amends"):
        amended = archive.by_id.get(amended_id)
        if amended is not None and amended is not record and record_id not in amended.targets("amended_by"):
            fixes.append(Fix(amended.path, "amended_by", "append", record_id))
            notes[amended.path] = f"stays {amended.status}, amended by {record_id}"
    return fixes


def _refuse_findings(archive: Archive, later: Archive, record: Record, new: str) -> None:
    """Refuse a change that leaves the record in force with errors, or causes findings."""
    kind = archive.settings.kind(record.kind)
    found = later.check().diagnostics
    own = outcome.errors_of(found, record.path) if new in kind.in_force else []
    caused = [d for d in outcome.caused(archive.check().diagnostics, found) if d not in own]
    if not own and not caused:
        return
    if own and caused:
        reason = (
            f"{record.id} cannot become {new} while it has errors, and the change would cause more "
            "findings; fix them first, or run again with --force"
        )
    elif own:
        these, them = ("this error", "it") if len(own) == 1 else ("these errors", "them")
        reason = f"{record.id} cannot become {new} while it has {these}; fix {them} first, or run again with --force"
    else:
        these = "this finding" if len(caused) == 1 else "these findings"
        reason = f"{record.id} was not made {new}: the change would cause {these}; run again with --force to make it anyway"
    raise AuthoringError(f"{reason}:\n" + "\n".join(outcome.shown(d) for d in [*own, *caused]))
