"""adr-tools (Michael Nygard's format): `# 5. Title`, a `Date:` line, and a
`## Status` section whose lines are the status and links such as
`Superceded by [7. Use Y](0007-use-y.md)` (adr-tools' own spelling) or
`Amends [2. Use X](0002-use-x.md)`, also in bold (`**Amends:** [...]`), and
whose text may run on to the next line. Some archives write the date after
the status (`Accepted **Date:** 2026-02-08`).
"""

from __future__ import annotations

import re

from ..config import KindSettings
from ..ids import IdScheme
from ..model import Position, ReadProblem, Record
from . import fields, markdown, native, relations

_DATE = re.compile(r"^(Date)\s*:\s*(.*?)\s*$", re.IGNORECASE)
#: a date written after the status, on its line: `Accepted **Date:** 2026-02-08`
_DATE_AFTER_STATUS = re.compile(r"\*\*Date(?::\*\*|\*\*\s*:)\s*(\S+)", re.IGNORECASE)
_STATUS_HEADING = re.compile(r"^##\s+Status\s*$", re.IGNORECASE)
_NUMBERED_TITLE = re.compile(r"^(\d+[a-z]?)\.\s+")


def read(record: Record, text: str, kind: KindSettings, scheme: IdScheme) -> None:
    record.text = text
    section = None
    implied: tuple[str, int, int, int] | None = None
    #: brackets a relation's line left open: its text runs on to the next lines
    #: (`**Amends:** [5. X](5-x.md) (Signal\nAbstraction)`)
    open_brackets = 0
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
        elif section == "status" and not line.strip():
            open_brackets = 0
        elif section == "status" and open_brackets > 0:
            open_brackets += _brackets(line)
            continue
        elif section == "status":
            lead = relations.words_start(line)  # after its indentation, and a mark some archives put first
            if lead == len(line.rstrip()):  # a mark alone is what the line says
                lead = len(line) - len(line.lstrip())
            column, start = lead + 1, offset + lead
            status, _ = relations.status_and_links(line, number, column, scheme)
            if relations.relation_line(scheme).match(line[lead:].lstrip("*_")):  # `**Amends:** [...]` too
                if status and implied is None:
                    implied = (status, number, column, start)
                open_brackets = _brackets(line)
                continue
            dated = _DATE_AFTER_STATUS.search(line)
            if dated and "date" not in record.fields:
                record.fields["date"] = fields.text_field(
                    "date", dated.group(1), number, 1, dated.start(1) + 1, offset + dated.start(1), offset + dated.end(1)
                )
            value = status or line[lead:].strip()
            if "status" in record.fields and kind.canonical_status(value) is None:
                continue  # a note under the status (`**June 2020 Update** We now ...`), not a second one
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


def _brackets(line: str) -> int:
    """How many brackets the line opens and leaves open (negative: closes more)."""
    return line.count("(") + line.count("[") - line.count(")") - line.count("]")
