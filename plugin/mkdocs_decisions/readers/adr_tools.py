"""adr-tools (Michael Nygard's format): `# 5. Title`, a `Date:` line, and a
`## Status` section whose lines are the status and links such as
`Superceded by [7. Use Y](0007-use-y.md)` (adr-tools' own spelling) or
`Amends [2. Use X](0002-use-x.md)`.
"""

from __future__ import annotations

import re

from ..config import KindSettings
from ..ids import IdScheme
from ..model import Position, ReadProblem, Record
from . import fields, markdown, native, relations

_DATE = re.compile(r"^(Date)\s*:\s*(.*?)\s*$", re.IGNORECASE)
_STATUS_HEADING = re.compile(r"^##\s+Status\s*$", re.IGNORECASE)
_NUMBERED_TITLE = re.compile(r"^(\d+[a-z]?)\.\s+")


def read(record: Record, text: str, kind: KindSettings, scheme: IdScheme) -> None:
    record.text = text
    section = None
    implied: tuple[str, int, int, int] | None = None
    for number, offset, line in markdown.lines(text):
        if line.startswith("#"):
            section = "status" if _STATUS_HEADING.match(line) else ("body" if line.startswith("##") else section)
            continue
        if section is None:
            date = _DATE.match(line)
            if date and "date" not in record.fields:
                start = offset + date.start(2)
                record.fields["date"] = fields.text_field(
                    "date", date.group(2), number, 1, date.start(2) + 1, start, start + len(date.group(2))
                )
        elif section == "status" and line.strip():
            column = len(line) - len(line.lstrip()) + 1
            start = offset + column - 1
            status, _ = relations.status_and_links(line, number, column, scheme)
            if relations.relation_line(scheme).match(line.strip()):
                if status and implied is None:
                    implied = (status, number, column, start)
                continue
            value = status or line.strip()
            if "status" in record.fields:
                first = record.fields["status"].key_span.position
                record.duplicate_keys.append(("status", first, Position(number, column)))
                continue
            record.fields["status"] = fields.text_field("status", value, number, column, column, start, start + len(value))
    if "status" not in record.fields and implied is not None:
        status, number, column, start = implied
        record.fields["status"] = fields.text_field("status", status, number, column, column, start, start + len(status))
    fields.normalise(record, kind, scheme, native.LINK_FIELDS)
    numbered = _NUMBERED_TITLE.match(record.title)  # the title is the first heading's: no frontmatter here
    if numbered and record.id and scheme.normalise(numbered.group(1), kind.name) != record.id:
        _, at = markdown.first_heading(text, 0, 1)
        record.problems.append(ReadProblem("heading-number", at, numbered.group(1)))
    record.title = _NUMBERED_TITLE.sub("", record.title)
    relations.add_links(record, relations.prose_links(record, 0, 1, scheme), kind, scheme)
