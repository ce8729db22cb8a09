"""Record edits as byte-preserving splices, and `decisions lint --fix`.

We never re-serialise YAML: a `Fix` replaces the characters of one value or
inserts one list item or line, so every other byte of the file (comments,
quoting, line endings, a BOM) stays as it was (ADR-0006). A record of
another format is edited the way that format writes it (`formats`). `plan`
is shared by every command that edits records; `apply` is `--fix` itself,
which writes each file on its own and leaves alone one that changed since
it was checked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Mapping, Sequence

from ..model import Fix, Record
from . import AuthoringError, formats, write

if TYPE_CHECKING:
    from ..archive import Archive


def plan(
    records: dict[str, Record],
    fixes: Iterable[Fix],
    by_id: Mapping[str, Record] | None = None,
    successors: Mapping[str, Sequence[str]] | None = None,
) -> dict[str, str]:
    """The new text of every record that `fixes` change, keyed by path.

    Each record is edited in its own format (`formats.splice`); `by_id`
    finds the records a link points to (a link line in text formats names
    the file), `successors` the records a record marked superseded is
    superseded by.
    """
    grouped: dict[str, dict[tuple[str, str], list[str]]] = {}
    for fix in fixes:
        values = grouped.setdefault(fix.path, {}).setdefault((fix.key, fix.action), [])
        if fix.value not in values:
            values.append(fix.value)
    new_texts: dict[str, str] = {}
    for path, changes in sorted(grouped.items()):
        record = records[path]
        splices = [
            formats.splice(record, key, action, values, by_id or {}, (successors or {}).get(path, ()))
            for (key, action), values in sorted(changes.items())
        ]
        text = record.text
        for start, end, replacement in sorted(splices, reverse=True):
            text = text[:start] + replacement + text[end:]
        new_texts[path] = text
    return new_texts


def require_editable(archive: Archive, fixes: Iterable[Fix]) -> None:
    """Refuse an edit a record's format has no place for, before anything is planned."""
    for fix in sorted(fixes, key=lambda f: (f.path, f.key)):
        problem = formats.editable(archive.by_path[fix.path], fix.key)
        if problem:
            raise AuthoringError(problem)


def edits(
    archive: Archive,
    fixes: Iterable[Fix],
    new_records: Iterable[Record] = (),
    successors: Mapping[str, Sequence[str]] | None = None,
) -> list[write.Write]:
    """`plan` as writes of the files, each expecting the bytes it was read from
    (`new_records`: records about to be created, which links may point to)."""
    by_id = {**archive.by_id, **{record.id: record for record in new_records if record.id}}
    return [
        write.edit(
            archive.settings.root,
            path,
            write.record_bytes(archive.by_path[path].text, archive.by_path[path].bom),
            write.record_bytes(text, archive.by_path[path].bom),
        )
        for path, text in plan(archive.by_path, fixes, by_id, successors).items()
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
