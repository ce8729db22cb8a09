"""What a change would leave: the archive re-read from the bytes a command
is about to write, before anything is written.

A command plans its writes, then reads the planned files back with the
same readers `decisions lint` uses (`after`). A change that would not read
back as intended (the file detected as another format, a status or a link
its reader would not find) is refused (`confirm`), and `decisions status`
also refuses a change that would leave findings (`caused`, `errors_of`).
"""

from __future__ import annotations

import collections
import copy
from typing import Iterable

from ..archive import Archive
from ..model import RELATIONS, Diagnostic, Fix, Record, Severity
from ..readers import parse_record
from . import AuthoringError, write


def after(archive: Archive, writes: Iterable[write.Write], new_kind: str | None = None) -> Archive:
    """The archive as it would be once `writes` are made (a new file is of `new_kind`)."""
    # shallow copies: the new Archive resolves their links again, by reassigning the lists
    records = {record.path: copy.copy(record) for record in archive.records}
    for change in writes:
        if change.new is None:
            records.pop(change.shown, None)
            continue
        existing = archive.by_path.get(change.shown)
        kind = existing.kind if existing is not None else new_kind
        assert kind is not None, change.shown
        records[change.shown] = parse_record(change.new, change.shown, archive.settings.kind(kind), archive.scheme)
    return Archive(archive.settings, list(records.values()), archive.today)


def confirm(before: Archive, later: Archive, fixes: Iterable[Fix]) -> None:
    """Raise unless every fix reads back from the planned text as intended."""
    for fix in fixes:
        old, new = before.by_path[fix.path], later.by_path.get(fix.path)
        problem = _unread(old, new)
        if problem is None and new is not None:
            if fix.key == "status" and fix.action == "replace" and new.status != fix.value:
                problem = f"its status would read as '{new.value('status')}', not '{fix.value}'"
            elif fix.key in RELATIONS and fix.action == "append" and fix.value not in new.targets(fix.key):
                problem = f"its '{fix.key}' link to {fix.value} would not be read"
        if problem:
            raise AuthoringError(
                f"{fix.path}: the change would not read back from this {old.format} record ({problem}); "
                "nothing was written: make the change by hand"
            )


def confirm_new(
    later: Archive, path: str, format_name: str | None, record_id: str, status: str, supersedes: list[str]
) -> Record:
    """Raise unless the new record at `path` reads back as intended (in
    `format_name`, unless None); return it."""
    record = later.by_path[path]
    problem = None
    if not record.readable or record.problems:
        problem = "it would not be read as a record"
    elif format_name is not None and record.format != format_name:
        problem = f"it would be read as {record.format}, not {format_name}"
    elif record.id != record_id:
        problem = f"its id would read as {record.id}, not {record_id}"
    elif record.status != status:
        written = record.value("status")
        problem = f"its status would read as '{written}', not '{status}'" if written else "it would have no status"
    elif any(target not in record.targets("supersedes") for target in supersedes):
        problem = f"its 'supersedes' link to {', '.join(supersedes)} would not be read"
    if problem:
        raise AuthoringError(
            f"{path}: the new record cannot be written in {format_name or record.format} format ({problem}); "
            "nothing was written"
        )
    return record


def caused(before: list[Diagnostic], later: list[Diagnostic]) -> list[Diagnostic]:
    """The findings of `later` that `before` did not have (line numbers may differ)."""
    seen = collections.Counter((d.rule, d.path, d.message) for d in before)
    found = []
    for diagnostic in later:
        key = (diagnostic.rule, diagnostic.path, diagnostic.message)
        if seen[key]:
            seen[key] -= 1
        else:
            found.append(diagnostic)
    return found


def errors_of(diagnostics: list[Diagnostic], path: str) -> list[Diagnostic]:
    return [d for d in diagnostics if d.path == path and d.severity is Severity.ERROR]


def shown(diagnostic: Diagnostic) -> str:
    """A finding as `path:line:column: rule: message`."""
    return f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}: {diagnostic.rule}: {diagnostic.message}"


def _unread(old: Record, new: Record | None) -> str | None:
    if new is None or not new.readable:
        return "it would no longer be read as a record"
    if new.format != old.format:
        return f"it would be read as {new.format}"
    problems = {p.kind for p in new.problems} - {p.kind for p in old.problems}
    if problems:
        return f"it would have a {', '.join(sorted(problems))} problem"
    return None
