"""Governance of decisions: when a record in force is due for review, which
proposals' comment periods are over or end soon (`decisions review`), and
where the code cites records (`decisions refs`, the `cites-*` rules).
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime
import re

from .config import KindSettings
from .dates import parse_date
from .model import Record

#: a kind's `review_after`: a count and a unit
_PERIOD = re.compile(r"^([1-9][0-9]*) *(day|week|month|year)s?$")


def review_date(record: Record, kind: KindSettings) -> datetime.date | None:
    """When a record in force is due for review: its `review_by`, else its
    date plus the kind's `review_after`; None when neither says."""
    written = record.value("review_by")
    if isinstance(written, str):
        return parse_date(written)
    start = parse_date(record.date) if record.date else None
    period = _PERIOD.match(kind.review_after or "")
    if start is None or period is None:
        return None
    return _after(start, int(period[1]), period[2])


def _after(start: datetime.date, count: int, unit: str) -> datetime.date:
    if unit in ("day", "week"):
        return start + datetime.timedelta(days=count * (7 if unit == "week" else 1))
    months = start.month - 1 + count * (12 if unit == "year" else 1)
    year, month = start.year + months // 12, months % 12 + 1
    # a month shorter than the start's day ends the period on its last day (31 January + 1 month)
    return datetime.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))



def days_in(period: str) -> int | None:
    """`30d`, `6w` (or `30 days`) as a number of days; None when it is neither."""
    match = re.fullmatch(r"([0-9]+) *(d|days?|w|weeks?)", period.strip())
    if match is None:
        return None
    return int(match[1]) * (7 if match[2].startswith("w") else 1)


@dataclasses.dataclass(frozen=True)
class Due:
    """A record that needs a decision by a date: a review, or the end of a comment period."""

    record: Record
    what: str  # "review" or "comment period"
    date: datetime.date
    field: str  # where the date comes from: "review_by", "date" or "comment_until"


def due(archive, within: int = 0) -> list[Due]:
    """Records in force whose review date is at most `within` days away (or
    past), and proposals whose comment period ends within as long (or ended),
    soonest first."""
    limit = archive.today + datetime.timedelta(days=within)
    found = []
    for record in archive.records:
        kind = archive.settings.kind(record.kind)
        if record.status in kind.in_force:
            date = review_date(record, kind)
            if date is not None and date <= limit:
                found.append(Due(record, "review", date, "review_by" if "review_by" in record.fields else "date"))
        until = record.value("comment_until")
        ends = parse_date(until) if isinstance(until, str) else None
        if record.status in kind.proposed and ends is not None and ends <= limit:
            found.append(Due(record, "comment period", ends, "comment_until"))
    return sorted(found, key=lambda item: (item.date, item.record.id or item.record.path))
