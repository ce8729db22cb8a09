"""Rules on what changed since a base ref (`decisions lint --since REF`).

They run only when the check is given a `Baseline` (`baseline.py`): the
older version of every record changed on this branch, the records it
deleted, and the ids the ref already uses.
"""

from __future__ import annotations

import posixpath

from ..ids import BODY_FILES
from ..model import FILE_START, Position
from .registry import Finding, since_rule


@since_rule("deleted-record")
def deleted_record(archive, baseline):
    """A record was deleted; decision records stay, marked deprecated or superseded."""
    for path, old in sorted(baseline.deleted.items()):
        yield Finding(
            old,
            FILE_START,
            f"{old.id or path} was deleted since {baseline.ref}; a decision record stays in the "
            "archive: restore it and mark it deprecated, rejected or superseded instead",
        )


@since_rule("rewritten-decision")
def rewritten_decision(archive, baseline):
    """The text of a record that was already accepted was changed."""
    mutable = set(archive.settings.mutable_fields)
    for old, record in _changed(archive, baseline):
        if old is None or not old.readable or not record.readable:
            continue
        if old.status not in archive.settings.kind(old.kind).in_force:
            continue
        difference = _first_difference(old, record, mutable)
        if difference is None:
            continue
        position, in_text = difference
        yield Finding(
            record,
            position,
            f"{record.id} was {old.status} at {baseline.ref}: its decision must not be rewritten, "
            f"only its status and links may change; write a new record that supersedes or amends it{in_text}",
        )


@since_rule("invalid-transition")
def invalid_transition(archive, baseline):
    """A status changed in a way the kind's lifecycle does not allow."""
    for old, record in _changed(archive, baseline):
        if old is None or not old.status or not record.status or old.status == record.status:
            continue
        kind = archive.settings.kind(record.kind)
        if record.status in _reachable(kind.transitions, old.status):
            continue
        allowed = ", ".join(kind.transitions.get(old.status, ())) or "nothing"
        yield Finding(
            record,
            record.position_of("status"),
            f"status went from {old.status} (at {baseline.ref}) to {record.status}, which the "
            f"lifecycle does not allow ({old.status} may become {allowed}); write a new record instead",
        )


@since_rule("reused-number")
def reused_number(archive, baseline):
    """A new record takes a number the base already uses (another branch, or a removed record)."""
    for old, record in _changed(archive, baseline):
        if old is not None or record.id is None:
            continue
        other = baseline.ids_at_ref.get(record.id)
        if other and other != record.path:
            yield Finding(
                record,
                FILE_START,
                f"{record.id} is already taken by {other} at {baseline.ref}; run "
                f"'decisions renumber {record.path}' to move this record to the next free number",
            )


@since_rule("changed-approvals")
def changed_approvals(archive, baseline):
    """An approval of a record that was already in force was removed or changed; approvals are only added."""
    for old, record in _changed(archive, baseline):
        if old is None or old.status not in archive.settings.kind(old.kind).in_force:
            continue
        now = [_approval(item) for item in _approvals(record)]
        for item in _approvals(old):
            if _approval(item) in now:
                continue
            said = _approval(item)
            who = f"by {said[0]}" if said[0] else "without a name"
            when = f" on {said[1]}" if said[1] else ""
            field = record.fields.get("approvals")
            yield Finding(
                record,
                field.key_span.position if field is not None else record.position_of("status"),
                f"the approval {who}{when} that {record.id} had at {baseline.ref}, when it was already "
                f"{old.status}, was removed or changed; approvals are only ever added: put it back as it was",
            )


def _approvals(record) -> list:
    value = record.value("approvals")
    return value if isinstance(value, list) else []


def _approval(item) -> tuple[str, str]:
    """An approval as (who, when), both as text: a date YAML read as a date and
    the same date written as a string are the same approval."""
    if not isinstance(item, dict):
        return (str(item), "")
    by, date = item.get("by"), item.get("date")
    return ("" if by is None else str(by), "" if date is None else str(date))


def _changed(archive, baseline):
    """(version at the base or None if new, record now) for each record this branch changed."""
    for path, old in sorted(baseline.changed.items()):
        record = archive.by_path.get(path)
        if record is not None:
            yield old, record


def _reachable(transitions, start: str) -> set[str]:
    seen, pending = set(), [start]
    while pending:
        for following in transitions.get(pending.pop(), ()):
            if following not in seen:
                seen.add(following)
                pending.append(following)
    return seen


def _first_difference(old, new, mutable: set[str]) -> tuple[Position, str] | None:
    """Where the new version first differs outside the mutable fields; for a
    record whose text is a file beside it (a KEP's README.md), the position is
    its start and the second value names that file's line."""
    old_lines, new_lines = old.body.splitlines(), new.body.splitlines()
    index = next((index for index, pair in enumerate(zip(old_lines, new_lines)) if pair[0] != pair[1]), None)
    if index is None and len(old_lines) != len(new_lines):
        index = min(len(old_lines), len(new_lines))  # lines added or removed at the end
    if index is not None:
        if new.body_text is None:
            return Position(new.body_line + index, 1), ""
        return FILE_START, f" ({BODY_FILES[posixpath.basename(new.path)]}, line {index + 1})"
    for key in sorted(set(old.fields) | set(new.fields)):
        if key in mutable:
            continue
        if old.value(key) != new.value(key):
            field = new.fields.get(key)
            return (field.key_span.position if field else FILE_START), ""
    return None
