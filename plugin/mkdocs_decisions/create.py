"""`decisions new`: start a record from its template, under the next free number.

The new file is created exclusively (it never replaces an existing one), and
the number is chosen while holding a lock, so two `decisions new` at once
get different numbers. With `--supersedes`, the older record is edited in
the same step like `--fix` edits: only its `superseded_by` list and its
status change, and it is written atomically.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path
from typing import Iterator

from . import edits, handbook
from .archive import Archive, scheme_for
from .config import ConfigError, Settings, did_you_mean
from .ids import file_number

#: names Windows refuses for files, whatever the extension
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10))}
_SLUG_LENGTH = 60
_PEOPLE_KEY = {"adr": "deciders", "rfc": "authors"}


class CreateError(Exception):
    """The record cannot be created; the message says why."""


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
        raise CreateError(f"unknown kind '{kind_name}'{did_you_mean(kind_name, kinds)}; kinds: {', '.join(kinds)}")
    kind = settings.kind(kind_name)
    if not title.strip():
        raise CreateError("the title is empty; give the decision a short title")
    chosen = kind.canonical_status(status) if status else (kind.proposed or kind.statuses)[0]
    if chosen is None:
        raise CreateError(
            f"unknown status '{status}'{did_you_mean(status or '', kind.statuses)}; "
            f"{kind.prefix} statuses are: {', '.join(kind.statuses)}"
        )
    try:
        template = handbook.templates(settings).get(kind_name)
    except ConfigError as error:
        raise CreateError(str(error)) from None
    if template is None:
        raise CreateError(f"no template for kind '{kind_name}': add {kind_name}.md to your templates_dir")
    archive = Archive.load(settings) if supersedes else None
    older = None
    if archive is not None and supersedes is not None:
        older_id = archive.scheme.normalise(supersedes, kind_name)
        older = archive.by_id.get(older_id or "")
        if older is None:
            raise CreateError(f"--supersedes {supersedes}: no record has that id")
    directory = settings.root / kind.directory
    directory.mkdir(parents=True, exist_ok=True)
    people = people or _default_people(kind_name, settings.root)
    with _numbering_lock(directory):
        number = _next_number(settings, kind_name, directory)
        new_id = scheme_for(settings).canonical(number, "", kind_name)
        text = render(
            template.text,
            title=title.strip(),
            date=(today or datetime.date.today()).isoformat(),
            status=chosen,
            people_key=_PEOPLE_KEY.get(kind_name, "authors"),
            people=people,
            supersedes=older.id if older else None,
        )
        path = directory / f"{number}-{slugify(title)}.md"
        try:
            edits.write_bytes(path, text.encode("utf-8"), exclusive=True)
        except FileExistsError:
            raise CreateError(f"{path.relative_to(settings.root)} already exists; not overwriting it") from None
    if older is None or archive is None:
        return path, None
    try:
        _mark_superseded(archive, older.path, new_id, settings)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path, settings.root / older.path


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
        raise CreateError("the template has no frontmatter block, so it cannot start a record")
    newline = "\r\n" if "\r\n" in match.group(1) else "\n"
    frontmatter = match.group(2)
    frontmatter = re.sub(r"(?m)^date:[ \t]*YYYY-MM-DD[ \t]*$", f"date: {date}", frontmatter, count=1)
    frontmatter = re.sub(r"(?m)^status:.*$", f"status: {status}", frontmatter, count=1)
    names = "[" + ", ".join(_yaml_text(name) for name in people) + "]"
    frontmatter = re.sub(rf"(?m)^{re.escape(people_key)}:[ \t]*\[\][ \t]*$", f"{people_key}: {names}", frontmatter, count=1)
    if supersedes:
        frontmatter += f"supersedes: [{supersedes}]{newline}"
    body = template[match.end() :].replace("[Title]", title, 1)
    return match.group(1) + frontmatter + match.group(3) + body


def _yaml_text(value: str) -> str:
    """A name as a YAML flow scalar: bare when that reads back the same, else quoted."""
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9 ._-]*", value) and value.lower() not in {"yes", "no", "on", "off", "true", "false", "null"}:
        return value
    return json.dumps(value, ensure_ascii=False)


def _next_number(settings: Settings, kind_name: str, directory: Path) -> str:
    """One more than the highest number of this kind's files (in any subfolder)."""
    highest = 0
    for _, _, names in os.walk(directory):
        for name in names:
            found = file_number(name.rsplit(".", 1)[0])
            if found and found[0].isdigit():
                highest = max(highest, int(found[0]))
    return str(highest + 1).zfill(settings.id_width)


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


def _mark_superseded(archive: Archive, path: str, new_id: str, settings: Settings) -> None:
    record = archive.by_path[path]
    kind = settings.kind(record.kind)
    fixes = [edits.Fix(path, "superseded_by", "append", new_id)]
    if kind.superseded_status and "status" in record.fields:
        fixes.append(edits.Fix(path, "status", "replace", kind.superseded_status))
    text = edits.plan(archive.by_path, fixes)[path]
    edits.write_text(Path(os.path.realpath(settings.root / path)), text, bom=record.bom)


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
