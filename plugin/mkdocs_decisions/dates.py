"""Dates as records write them: ISO 8601 calendar dates (2026-03-01), and
nothing else (`2026-3-1`, `01/03/2026` and `2026-02-30` are not)."""

from __future__ import annotations

import datetime
import re

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(value: str) -> datetime.date | None:
    """The date `value` writes, or None when it is not a real ISO 8601 calendar date."""
    if not _ISO_DATE.match(value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None
