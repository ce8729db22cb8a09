"""What a catalogue keeps of each source between runs (RFC-0003, ADR-0027).

Reading and checking a source is most of what a catalogue's build spends
on it, and between two builds most sources have not changed. So each
source's parsed records, with what its own checks found, its citations in
code and the dates its records came into force, are kept in
`.decisions-cache/.parsed/<name>.pickle`, under a key that is a content
hash of everything they were made from:

* the source folder's tree at its commit (git's hash of every tracked
  file in it), and the content of every file `git status` says differs;
* the size and modification time of every record file (a record git
  ignores is read all the same);
* "today" (reviews fall due), and this package's own files.

A source whose key is unchanged is not read at all; one that changed is
read whole. A source that is not a git work tree is never kept: telling
whether it changed would mean reading its every file.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import hashlib
import json
import os
import pickle
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .archive import discover
from .config import Settings
from .fetch import CACHE
from .governance import Citation
from .history import run_git
from .model import Diagnostic, Record

#: bumped when what is kept changes shape
_LAYOUT = 1
#: `git status --porcelain=v2`: an entry's kind, and the fields before its path
_FIELDS_BEFORE_PATH = {"1 ": 8, "2 ": 9, "u ": 10, "? ": 1, "! ": 1}


@dataclasses.dataclass
class Kept:
    """A source as its last read left it."""

    key: str
    commit: str
    records: list[Record]
    findings: list[Diagnostic]  # its own checks' findings, paths as in the source
    citations: list[Citation]
    accepted: dict[str, datetime.date]


def key(settings: Settings, today: datetime.date, options: Mapping[str, Any] | None = None) -> tuple[str, str] | None:
    """The source's content hash and its commit, or None when it is not a
    git work tree with a commit (then it is read every time); `options` are
    the catalogue's for this source, which its own files do not hold."""
    heads = run_git(settings.root, "rev-parse", "--show-toplevel", "HEAD", "HEAD:./")
    status = run_git(settings.root, "status", "--porcelain=v2", "-z", "--untracked-files=all", "--", ".")
    if heads is None or status is None or len(heads.splitlines()) != 3:
        return None
    top, commit, tree = heads.splitlines()  # the folder's own tree: a change elsewhere in its repository is not one here
    given = json.dumps(options or {}, sort_keys=True, default=str)
    digest = hashlib.sha256(f"{_LAYOUT}\0{_package()}\0{today}\0{tree}\0{given}\0".encode())
    entries = iter(status.split("\0"))
    for entry in entries:
        if entry[:2] in _FIELDS_BEFORE_PATH:
            path = entry.split(" ", _FIELDS_BEFORE_PATH[entry[:2]])[-1]  # from the repository's top
            digest.update(entry.encode("utf-8", "surrogateescape") + b"\0" + _content(Path(top) / path))
            if entry.startswith("2 "):
                digest.update(next(entries, "").encode("utf-8", "surrogateescape") + b"\0")  # where it was
    for _kind, path, relative, _refusal in discover(settings):
        digest.update(f"{relative}\0{_stat(path)}\0".encode("utf-8", "surrogateescape"))
    return digest.hexdigest(), commit


def load(root: Path, name: str, wanted: str) -> Kept | None:
    """The source `name` as kept under key `wanted`, or None (not kept, kept
    under another key, or unreadable: then it is read again)."""
    try:
        with open(_file(root, name), "rb") as handle:
            kept = pickle.load(handle)  # noqa: S301 (our own file, in the catalogue's own folder)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    return kept if isinstance(kept, Kept) and kept.key == wanted else None


def store(root: Path, name: str, kept: Kept) -> None:
    """Keep a source (written to a temporary file, then renamed over the old
    one, so that a build stopped halfway leaves no half-written entry)."""
    target = _file(root, name)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{name}.", suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(kept, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, target)
    except OSError:
        return  # a cache that cannot be written only costs the next run its time


def _file(root: Path, name: str) -> Path:
    return root / CACHE / ".parsed" / f"{name}.pickle"  # no source is named with a dot


def _content(path: Path) -> bytes:
    try:
        return hashlib.sha256(path.read_bytes()).digest()
    except OSError:
        return b"gone"


def _stat(path: str) -> str:
    try:
        found = os.stat(path)
    except OSError:
        return "gone"
    return f"{found.st_size}:{found.st_mtime_ns}"


@functools.lru_cache(maxsize=1)
def _package() -> str:
    """This package's own code and schemas (their sizes and times) and
    Python's version: another version may read or check differently."""
    here = Path(__file__).parent
    files = sorted(
        str(path.relative_to(here)) + ":" + _stat(str(path))
        for pattern in ("*.py", "*.schema.json") for path in here.rglob(pattern)
    )
    return hashlib.sha256("\n".join([sys.version, *files]).encode()).hexdigest()
