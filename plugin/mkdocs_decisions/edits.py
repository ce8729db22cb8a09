"""Byte-preserving edits of record files, written atomically.

We never re-serialise YAML: a fix replaces the characters of one value or
inserts one line, so every other byte of the file (comments, quoting, line
endings, a BOM) stays as it was. Files are written to a temporary file in the
same directory and moved into place with `os.replace`, so a reader (or a
crash) sees either the old file or the new one, never half of it.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from pathlib import Path
from typing import Iterable

from .model import Record


@dataclasses.dataclass(frozen=True)
class Fix:
    """A change to one frontmatter key of one record.

    `append` adds `value` to the key's list (creating the key if needed);
    `replace` rewrites the key's scalar value.
    """

    path: str
    key: str
    action: str  # "append" | "replace"
    value: str


def plan(records: dict[str, Record], fixes: Iterable[Fix]) -> dict[str, str]:
    """The new text of every record that `fixes` change, keyed by path."""
    grouped: dict[str, dict[tuple[str, str], list[str]]] = {}
    for fix in fixes:
        values = grouped.setdefault(fix.path, {}).setdefault((fix.key, fix.action), [])
        if fix.value not in values:
            values.append(fix.value)
    new_texts: dict[str, str] = {}
    for path, changes in sorted(grouped.items()):
        record = records[path]
        splices: list[tuple[int, int, str]] = []
        for (key, action), values in sorted(changes.items()):
            if action == "replace":
                splices.append(_replace(record, key, values[-1]))
            else:
                splices.append(_append(record, key, values))
        text = record.text
        for start, end, replacement in sorted(splices, reverse=True):
            text = text[:start] + replacement + text[end:]
        new_texts[path] = text
    return new_texts


def _replace(record: Record, key: str, value: str) -> tuple[int, int, str]:
    span = record.fields[key].value_span
    return span.start, span.end, value


def _append(record: Record, key: str, values: list[str]) -> tuple[int, int, str]:
    text = record.text
    field = record.fields.get(key)
    newline = "\r\n" if "\r\n" in text[: record.body_start] else "\n"
    if field is None:
        assert record.frontmatter_span is not None
        end = record.frontmatter_span[1]
        line = f"{key}: [{', '.join(values)}]{newline}"
        if end > 0 and text[end - 1] != "\n":
            line = newline + line
        return end, end, line
    span = field.value_span
    if field.style == "flow":
        closing = text.rindex("]", span.start, span.end)
        before = text[span.start : closing].rstrip()
        separator = " " if before.endswith(",") else ", " if field.items_at else ""
        return closing, closing, separator + ", ".join(values)
    if field.style == "block" and field.item_spans:
        last = field.item_spans[-1]
        line_start = text.rfind("\n", 0, last.start) + 1
        prefix = text[line_start : last.start]
        line_end = text.find("\n", last.end)
        insert_at = len(text) if line_end < 0 else line_end + 1
        lines = "".join(f"{prefix}{value}{newline}" for value in values)
        return insert_at, insert_at, lines
    if field.value is None:
        lead = " " if text[span.start - 1 : span.start] == ":" else ""
        return span.start, span.end, f"{lead}[{', '.join(values)}]"
    written = text[span.start : span.end]
    return span.start, span.end, f"[{', '.join([written, *values])}]"


def write_text(path: Path, text: str, bom: bool = False) -> None:
    """Write `text` as UTF-8 (with a BOM if the file had one), atomically."""
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    write_bytes(path, data)


def write_bytes(path: Path, data: bytes, *, exclusive: bool = False) -> None:
    """Replace (or, with `exclusive`, create) `path` atomically.

    With `exclusive` the file must not exist yet: the temporary file is linked
    into place, which fails if another process created the name first.
    """
    directory = path.parent
    try:
        mode = os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        if exclusive:
            os.link(temporary, path)
            os.unlink(temporary)
        else:
            os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
