"""The commands that write records: `new`, `status`, `renumber`, `migrate`, `lint --fix`.

One module per command, and one way of writing (`write`): every change is
planned from what was read, checked against the bytes on disk, and put in
place atomically. Everything else in the package only reads.

* `write`    the write path: atomic, refusing a file that changed since it was read
* `quoting`  text as a YAML scalar that reads back the same
* `fix`      frontmatter edits as byte-preserving splices (`lint --fix`, and the others)
* `new`      a record from its template, under the next free number
* `status`   a move through the kind's lifecycle, linked records updated with it
* `renumber` a record moved to the next free number, links to it rewritten
* `migrate`  records of other formats rewritten with our frontmatter
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..archive import Archive
    from ..model import Record


class AuthoringError(Exception):
    """The command refuses, or cannot do what was asked; the message says why."""


def find_record(archive: Archive, written: str) -> Record:
    """The record a user named by id, in any kind (`ADR-3`, `adr-0003`, `RFC-12`)."""
    for kind in archive.settings.kinds:
        record = archive.by_id.get(archive.scheme.normalise(written, kind.name) or "")
        if record is not None:
            return record
    raise AuthoringError(f"no record with id '{written}'")
