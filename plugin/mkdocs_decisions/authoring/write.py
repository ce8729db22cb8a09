"""The one way authoring commands write files.

A command reads records, decides what to change, and hands the new bytes
here with the bytes it read (`Write`). Nothing is written until every file
has been checked: a file whose bytes on disk are no longer what was read
(an editor saved it meanwhile) is never overwritten, and the command stops
with `FileChanged` before it has written anything. Each file is then
written to a temporary file in its own directory, flushed to disk, and
moved over the old one with `os.replace` (or linked into place, for a new
file, which fails rather than overwrite one that appeared meanwhile): a
crash or a kill at any moment leaves each file either old or new, never
half written (ADR-0006). The bytes on disk are compared once more just
before the move, so the window in which another writer's change can be
lost is as short as the file system allows.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from pathlib import Path

from . import AuthoringError

BOM = b"\xef\xbb\xbf"


class WriteError(AuthoringError):
    """A file could not be written; it was left as it was."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class FileChanged(WriteError):
    """A file's bytes on disk are no longer those the command read."""

    def __init__(self, path: str) -> None:
        super().__init__(path, "it changed on disk after it was read, so it was not overwritten; run the command again")


@dataclasses.dataclass(frozen=True)
class Write:
    """What to put in one file, and what the file held when it was read.

    `old` None: a new file, which must not exist. `new` None: remove the file.
    """

    shown: str  # the path in messages, relative to the project
    target: Path  # the file itself (for a symbolic link inside the project, the file it points to)
    old: bytes | None
    new: bytes | None


def record_bytes(text: str, bom: bool) -> bytes:
    """A record's text as the bytes of its file (UTF-8, with its byte-order mark)."""
    return (BOM if bom else b"") + text.encode("utf-8")


def edit(root: Path, path: str, old: bytes, new: bytes) -> Write:
    """Replace the file at `path` (relative to `root`), which was read as `old`."""
    return Write(path, Path(os.path.realpath(root / path)), old, new)


def create(root: Path, path: str, new: bytes) -> Write:
    """Create the file at `path`, which must not exist."""
    return Write(path, root / path, None, new)


def remove(root: Path, path: str, old: bytes) -> Write:
    """Remove the file (or the link) at `path`, which was read as `old`."""
    return Write(path, root / path, old, None)


def apply(writes: list[Write]) -> None:
    """Check every file, then write each in turn, atomically.

    Raises `FileChanged` (nothing written yet, if found by the first check),
    `FileExistsError` for a new file whose name is taken, or `WriteError`. If
    a step fails, the new files made by earlier steps are removed again.
    """
    for write in writes:
        _check(write)
    created: list[Path] = []
    try:
        for write in writes:
            if write.new is None:
                _check(write)
                os.unlink(write.target)
            else:
                replace(write.target, write.new, write.old, shown=write.shown, exclusive=write.old is None)
                if write.old is None:
                    created.append(write.target)
    except BaseException:
        for path in created:
            path.unlink(missing_ok=True)
        raise


def replace(
    path: Path, data: bytes, expected: bytes | None = None, *, shown: str = "", exclusive: bool = False
) -> None:
    """Put `data` in `path` atomically.

    With `expected`, the file must still hold exactly those bytes when it is
    replaced (else `FileChanged`); with `exclusive`, it must not exist yet
    (else `FileExistsError`). Other failures raise `WriteError`; the
    temporary file is removed and `path` is left as it was.
    """
    shown = shown or str(path)
    try:
        mode = os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    except OSError as error:
        raise WriteError(shown, f"cannot read it again: {error}") from None
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise WriteError(shown, f"cannot write beside it: {error}") from None
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
            if expected is not None:
                _check(Write(shown, path, expected, data))
            os.replace(temporary, path)
    except BaseException as error:
        if os.path.exists(temporary):
            os.unlink(temporary)
        if isinstance(error, OSError) and not isinstance(error, FileExistsError):
            reason = error.strerror or str(error)
            if exclusive:
                raise WriteError(shown, f"cannot create it ({reason})") from None
            raise WriteError(shown, f"cannot write it ({reason}); it was left as it was") from None
        raise


def _check(write: Write) -> None:
    """Raise unless the file holds what was read (or, for a new file, does not exist)."""
    if write.old is None:
        if os.path.lexists(write.target):
            raise FileExistsError(write.shown)
        return
    try:
        current = write.target.read_bytes()
    except FileNotFoundError:
        raise FileChanged(write.shown) from None
    except OSError as error:
        raise WriteError(write.shown, f"cannot read it again: {error}") from None
    if current != write.old:
        raise FileChanged(write.shown)
