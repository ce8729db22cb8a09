"""Frontmatter edits as byte-preserving splices, and `decisions lint --fix`.

We never re-serialise YAML: a `Fix` replaces the characters of one value or
inserts one list item or line, so every other byte of the file (comments,
quoting, line endings, a BOM) stays as it was (ADR-0006). `plan` is shared
by every command that edits frontmatter; `apply` is `--fix` itself, which
writes each file on its own and leaves alone one that changed since it was
checked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ..model import Fix, Record
from . import AuthoringError, write
from .quoting import scalar

if TYPE_CHECKING:
    from ..archive import Archive


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
            written = [scalar(value) for value in values]
            if action == "replace":
                splices.append(_replace(record, key, written[-1]))
            else:
                splices.append(_append(record, key, written))
        text = record.text
        for start, end, replacement in sorted(splices, reverse=True):
            text = text[:start] + replacement + text[end:]
        new_texts[path] = text
    return new_texts


def require_native(archive: Archive, fixes: Iterable[Fix]) -> None:
    """Refuse to edit records of other formats, where a key may have no place
    to go (`lint --fix` only proposes fixes where there is one)."""
    for path in sorted({fix.path for fix in fixes}):
        if archive.by_path[path].format != "native":
            raise AuthoringError(
                f"{path} is in {archive.by_path[path].format} format; run 'decisions migrate --to native' first"
            )


def edits(archive: Archive, fixes: Iterable[Fix]) -> list[write.Write]:
    """`plan` as writes of the files, each expecting the bytes it was read from."""
    return [
        write.edit(
            archive.settings.root,
            path,
            write.record_bytes(archive.by_path[path].text, archive.by_path[path].bom),
            write.record_bytes(text, archive.by_path[path].bom),
        )
        for path, text in plan(archive.by_path, fixes).items()
    ]


def apply(archive: Archive, fixes: Iterable[Fix]) -> tuple[int, list[str]]:
    """Write the fixed files; return how many, and a line for each left alone.

    Each file stands on its own: one that changed since it was checked, or
    cannot be written, is named and skipped, and the others are still fixed.
    """
    written, skipped = 0, []
    for change in edits(archive, fixes):
        try:
            write.apply([change])
        except write.FileChanged:
            skipped.append(f"{change.shown}: not fixed, it changed while it was being checked")
        except write.WriteError as error:
            skipped.append(f"{change.shown}: not fixed, {error.reason}")
        else:
            written += 1
    return written, skipped


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
