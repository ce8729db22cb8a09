"""The commands that write records: `init`, `new`, `status`, `renumber`, `migrate`, `lint --fix`.

One module per command, and one way of writing (`write`): every change is
planned from what was read, checked against the bytes on disk, and put in
place atomically. Everything else in the package only reads.

* `write`    the write path: atomic, refusing a file that changed since it was read
* `quoting`  text as a YAML scalar that reads back the same
* `fix`      record edits as byte-preserving splices (`lint --fix`, and the others)
* `formats`  how each record format writes a status, a link and a new record
* `outcome`  the archive as a change would leave it, read back before anything is written
* `new`      a record from its template, under the next free number
* `status`   a move through the kind's lifecycle, linked records updated with it
* `renumber` a record moved to the next free number, links to it rewritten
* `migrate`  records of other formats rewritten with our frontmatter
* `init`     a fresh repository's site, first records, pre-commit and CI files
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..archive import Archive
    from ..model import Record


class AuthoringError(Exception):
    """The command refuses, or cannot do what was asked; the message says why (exit 1)."""


class UsageError(AuthoringError):
    """The command was used wrongly: an unknown kind or status, a missing option (exit 2)."""


def find_record(archive: Archive, written: str, kind: str | None = None) -> Record:
    """The record a user named by id, in `kind` first, then in any kind
    (`ADR-3`, `adr-0003`, `RFC-12`; a file named by date by its id or its
    name, `ADR-20201016-slug-ids` or `20201016-slug-ids`)."""
    kinds = [k.name for k in archive.settings.kinds]
    for name in ([kind] if kind else []) + kinds:
        record = archive.by_id.get(archive.scheme.normalise(written, name) or "")
        if record is not None:
            return record
    wanted = written.strip().lower()
    for record_id, record in archive.by_id.items():
        prefix = archive.settings.kind(record.kind).prefix.lower() + "-"
        if record_id.lower() in (wanted, prefix + wanted):
            return record
    # like a path that does not exist: the command cannot run (exit 2)
    raise UsageError(f"no record with id '{written}'")
