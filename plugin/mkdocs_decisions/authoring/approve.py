"""`decisions approve`: record an approval in the record itself, as
`approvals: [{by: NAME, date: DATE}]`, the list the `missing-approvals` rule
counts (ADR-0024). One file, written atomically, and only if it is still as
it was read; a second approval by the same person, and an approval by
someone the kind's `approvers` leave out, are refused.
"""

from __future__ import annotations

import datetime

from ..archive import Archive
from . import AuthoringError, UsageError, find_record, formats, write
from .quoting import scalar


def approve(archive: Archive, record_id: str, name: str, date: datetime.date | None = None) -> str:
    """Add the approval; return the line that says what was done."""
    record = find_record(archive, record_id)
    kind = archive.settings.kind(record.kind)
    name = name.strip()
    if not name:
        raise UsageError("--as needs the approver's name")
    if kind.approvers and name not in kind.approvers:
        raise AuthoringError(f"'{name}' may not approve {kind.name} records; those who may: {', '.join(kind.approvers)}")
    approvals = record.value("approvals")
    earlier = [a for a in approvals if isinstance(a, dict) and a.get("by") == name] if isinstance(approvals, list) else []
    if earlier:
        raise AuthoringError(f"{name} already approved {record.id} on {earlier[0].get('date')}")
    day = (date or archive.today).isoformat()
    start, end, added = formats.append_yaml_items(record, "approvals", [f"{{by: {scalar(name)}, date: {day}}}"])
    text = record.text[:start] + added + record.text[end:]
    write.apply([write.edit(archive.settings.root, record.path, write.record_bytes(record.text, record.bom),
                            write.record_bytes(text, record.bom))])
    count = len(approvals) + 1 if isinstance(approvals, list) else 1
    needed = f" ({count} of {kind.required_approvals})" if kind.required_approvals else ""
    return f"{record.path}: approved by {name} on {day}{needed}"
