"""`decisions new`: start a record from its template, under the next free number.

The number is chosen while holding a lock on the kind's directory, from the
archive as it is once the lock is held, so two `decisions new` at once get
different numbers; the file is created exclusively (it never replaces an
existing one). With `--supersedes`, the older record is edited in the same
step like `--fix` edits it: only its `superseded_by` list and its status
change, and only if it is still as it was read; if that edit fails, the new
file is removed again.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path
from typing import Iterator

from .. import handbook
from ..archive import Archive
from ..config import ConfigError, Settings, did_you_mean
from ..model import Fix, Record
from . import AuthoringError, fix, write
from .quoting import scalar

#: names Windows refuses for files, whatever the extension
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10))}
_SLUG_LENGTH = 60
_PEOPLE_KEY = {"adr": "deciders", "rfc": "authors"}


def slugify(title: str) -> str:
    """A file-name slug that is safe on every OS: `Use PostgreSQL!` -> `use-postgresql`."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    slug = slug[:_SLUG_LENGTH].rstrip("-") or "record"
    return f"{slug}-record" if slug in _RESERVED else slug


def create(
    settings: Settings,
    kind_name: str,
    title: str,
    *,
    status: str | None = None,
    people: tuple[str, ...] = (),
    supersedes: str | None = None,
    today: datetime.date | None = None,
) -> tuple[Path, Path | None]:
    """Create the record; return its path and the path of the record it supersedes."""
    kinds = [kind.name for kind in settings.kinds]
    if kind_name not in kinds:
        raise AuthoringError(f"unknown kind '{kind_name}'{did_you_mean(kind_name, kinds)}; kinds: {', '.join(kinds)}")
    kind = settings.kind(kind_name)
    if not title.strip():
        raise AuthoringError("the title is empty; give the decision a short title")
    chosen = kind.canonical_status(status) if status else (kind.proposed or kind.statuses)[0]
    if chosen is None:
        raise AuthoringError(
            f"unknown status '{status}'{did_you_mean(status or '', kind.statuses)}; "
            f"{kind.prefix} statuses are: {', '.join(kind.statuses)}"
        )
    try:
        template = handbook.templates(settings).get(kind_name)
    except ConfigError as error:
        raise AuthoringError(str(error)) from None
    if template is None:
        raise AuthoringError(f"no template for kind '{kind_name}': add {kind_name}.md to your templates_dir")
    directory = settings.root / kind.directory
    directory.mkdir(parents=True, exist_ok=True)
    people = people or _default_people(kind_name, settings.root)
    with _numbering_lock(directory):
        archive = Archive.load(settings)
        older = None
        if supersedes is not None:
            older = archive.by_id.get(archive.scheme.normalise(supersedes, kind_name) or "")
            if older is None:
                raise AuthoringError(f"--supersedes {supersedes}: no record has that id")
        new_id = archive.next_free_id(kind_name)
        number = new_id[len(kind.prefix) + 1 :]
        text = render(
            template.text,
            title=title.strip(),
            date=(today or datetime.date.today()).isoformat(),
            status=chosen,
            people_key=_PEOPLE_KEY.get(kind_name, "authors"),
            people=people,
            supersedes=older.id if older else None,
        )
        relative = (directory / f"{number}-{slugify(title)}.md").relative_to(settings.root).as_posix()
        writes = [write.create(settings.root, relative, text.encode("utf-8"))]
        if older is not None:
            fixes = _superseded_by(archive, older, new_id)
            fix.require_native(archive, fixes)
            writes += fix.edits(archive, fixes)
        try:
            write.apply(writes)
        except FileExistsError:
            raise AuthoringError(f"{relative} already exists; not overwriting it") from None
    return settings.root / relative, (settings.root / older.path if older else None)


def render(
    template: str,
    *,
    title: str,
    date: str,
    status: str,
    people_key: str,
    people: tuple[str, ...],
    supersedes: str | None,
) -> str:
    """The template with its frontmatter filled in; section prompts stay for the author."""
    match = re.match(r"(---[ \t]*\r?\n)(.*?\r?\n)((?:---|\.\.\.)[ \t]*\r?\n?)", template, re.DOTALL)
    if match is None:
        raise AuthoringError("the template has no frontmatter block, so it cannot start a record")
    newline = "\r\n" if "\r\n" in match.group(1) else "\n"
    frontmatter = match.group(2)
    frontmatter = re.sub(r"(?m)^date:[ \t]*YYYY-MM-DD[ \t]*$", f"date: {date}", frontmatter, count=1)
    frontmatter = re.sub(r"(?m)^status:.*$", lambda _: f"status: {scalar(status)}", frontmatter, count=1)
    names = "[" + ", ".join(scalar(name) for name in people) + "]"
    frontmatter = re.sub(
        rf"(?m)^{re.escape(people_key)}:[ \t]*\[\][ \t]*$", lambda _: f"{people_key}: {names}", frontmatter, count=1
    )
    if supersedes:
        frontmatter += f"supersedes: [{supersedes}]{newline}"
    body = template[match.end() :].replace("[Title]", title, 1)
    return match.group(1) + frontmatter + match.group(3) + body


def _superseded_by(archive: Archive, older: Record, new_id: str) -> list[Fix]:
    """The edits that mark `older` replaced by the new record."""
    fixes = [Fix(older.path, "superseded_by", "append", new_id)]
    superseded = archive.settings.kind(older.kind).superseded_status
    if superseded and "status" in older.fields:
        fixes.append(Fix(older.path, "status", "replace", superseded))
    return fixes


@contextlib.contextmanager
def _numbering_lock(directory: Path) -> Iterator[None]:
    """Hold an exclusive lock for one kind's directory (kept outside the repository)."""
    key = hashlib.sha256(os.path.realpath(directory).encode()).hexdigest()[:16]
    lock_path = Path(tempfile.gettempdir()) / f"decisions-new-{key}.lock"
    with open(lock_path, "a+b") as handle:
        try:
            import fcntl
        except ImportError:  # Windows
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
            try:
                yield
            finally:
                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
            return
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _default_people(kind_name: str, root: Path) -> tuple[str, ...]:
    """An RFC's author defaults to git's user.name, when git knows it."""
    if kind_name != "rfc" or shutil.which("git") is None:
        return ()
    try:
        result = subprocess.run(
            ["git", "config", "user.name"], cwd=root, capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return ()
    name = result.stdout.strip()
    return (name,) if result.returncode == 0 and name else ()
