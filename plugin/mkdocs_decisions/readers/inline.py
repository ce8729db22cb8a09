"""Bold inline fields under the title: `**Status**: Accepted`, `**Date**: 2026-01-05`
(as in our handbook's source guide and many hand-written archives), also as
a list or a quote (`> **Status**: Accepted`)."""

from __future__ import annotations

import re

from ..config import KindSettings
from ..ids import IdScheme
from ..model import Record
from . import fields, madr, native, relations

_FIELD = re.compile(
    r"^(\s*(?:>\s*)?(?:[-*+]\s+)?)(\*\*)(status|date|creation[- ]date|last[- ]update|deciders|decision[- ]makers|"
    r"authors?|reviewers?|tags?|owners?|review[- ]by|comments?[- ]until)"
    r"(?::\*\*|\*\*\s*:)\s*(.*?)\s*$",
    re.IGNORECASE,
)
_KEYS = {
    "author": "authors", "reviewer": "reviewers", "tag": "tags", "decision makers": "deciders",
    "decision-makers": "deciders", "creation date": "date", "creation-date": "date",
    "last update": "updated", "last-update": "updated", **madr.GOVERNANCE_KEYS,
}


def read(record: Record, text: str, kind: KindSettings, scheme: IdScheme) -> None:
    record.text = text
    madr.read_bullets(record, text, _FIELD, lambda key: _KEYS.get(key, key), scheme)
    for key in ("authors", "reviewers", "tags", "owners"):
        field = record.fields.get(key)
        if field is not None and isinstance(field.value, str):
            line, column, start, _ = field.value_at
            record.fields[key] = fields.list_field(key, field.value, line, field.key_at[1], column, start)
    fields.normalise(record, kind, scheme, native.LINK_FIELDS)
    relations.add_links(record, relations.prose_links(record, 0, 1, scheme), kind, scheme)
