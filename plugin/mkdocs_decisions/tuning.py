"""Process-wide tuning for building a large site, in one place, and undone.

A site build holds every record from the moment the archive is read until
the last page is written: hundreds of thousands of objects that live long
and form no cycles. Python's cycle collector would walk all of them again
and again: while the archive is read, so the collector is paused then; and
at every full collection while pages are built, so a large archive is
frozen (`gc.freeze`) once read. Both are undone when the build ends,
however it ends, so `mkdocs serve` and other plugins get the process back
as it was. ADR-0017 has what each buys, measured.
"""

from __future__ import annotations

import contextlib
import gc
from typing import Iterator

#: from this many records on, the archive is frozen while pages are built (ADR-0017)
LARGE_ARCHIVE = 2_000


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No collections while records pile up (reading, checking, planning pages).

    Reading builds millions of small objects that all stay alive, so every
    collection would walk the whole growing heap for nothing, a large part
    of a lint of a large archive. Records hold no reference
    cycles; whatever the parser leaves behind is collected once the
    collector runs again.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class BuildTuning:
    """A large archive frozen while a site's pages are built, and thawed after."""

    def __init__(self) -> None:
        self._frozen = False

    def read(self, records: int) -> None:
        """The archive is read: freeze it, if it is large enough for that to pay."""
        if records >= LARGE_ARCHIVE and not self._frozen:
            gc.freeze()
            self._frozen = True

    def restore(self) -> None:
        """The build is over (or failed): the process as it was."""
        if self._frozen:
            gc.unfreeze()
            self._frozen = False
