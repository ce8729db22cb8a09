"""`decisions new`: start a record from its template, under the next free number.

The number is chosen while holding a lock on the kind's directory, from the
archive as it is once the lock is held, so two `decisions new` at once get
different numbers; the file is created exclusively (it never replaces an
existing one). The record is written in the format of the kind's records
(`formats`): our frontmatter, MADR, adr-tools or inline fields.

With `--supersedes`, the link is recorded on both sides in the same step:
the new record `supersedes` the old one, and the old one names it in
`superseded_by`, in its own format, like `--fix` edits it and only if it is
still as it was read (if that edit fails, the new file is removed again).
The old record stays in force: it becomes superseded when the new one is
accepted (`decisions status NEW accepted`, or `--status accepted` here), so
the archive never says a decision was replaced by one not yet taken.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import os
import re
import tempfile
import unicodedata
from pathlib import Path
from typing import Iterator

from .. import handbook, history
from ..archive import Archive
from ..config import ConfigError, Settings, did_you_mean
from ..model import Fix, Record
from . import AuthoringError, UsageError, find_record, fix, formats, outcome, write
from .status import consequences_of_acceptance
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
) -> tuple[Path, list[str]]:
    """Create the record; return its path and a line for each other record changed."""
    kinds = [kind.name for kind in settings.kinds]
    if kind_name not in kinds:
        raise UsageError(f"unknown kind '{kind_name}'{did_you_mean(kind_name, kinds)}; kinds: {', '.join(kinds)}")
    kind = settings.kind(kind_name)
    if not title.strip():
        raise UsageError("the title is empty; give the decision a short title")
    chosen = kind.canonical_status(status) if status else (kind.proposed or kind.statuses)[0]
    if chosen is None:
        raise UsageError(
            f"unknown status '{status}'{did_you_mean(status or '', kind.statuses)}; "
            f"{kind.prefix} statuses are: {', '.join(kind.statuses)}"
        )
    try:
        template = handbook.templates(settings).get(kind_name)
    except ConfigError as error:
        raise UsageError(str(error)) from None
    if template is None:
        raise UsageError(f"no template for kind '{kind_name}': add {kind_name}.md to your templates_dir")
    directory = settings.root / kind.directory
    wanted_key = _PEOPLE_KEY.get(kind_name, "authors")
    with _numbering_lock(directory):
        archive = Archive.load(settings)
        older = None
        if supersedes is not None:
            try:
                older = find_record(archive, supersedes, kind_name)
            except UsageError:
                raise UsageError(f"--supersedes {supersedes}: no record has that id") from None
        style = formats.style_for(archive, kind)
        key = formats.people_key(style, wanted_key)
        if people and key is None:
            raise AuthoringError(
                f"the {kind_name} records are in {style.format} format, which has no place for {wanted_key}; "
                "leave out --author, or write the names in the record's text"
            )
        people = people or (_default_people(kind_name, settings.root) if key else ())
        if style.format == "native" and not people and wanted_key in kind.required_by_status.get(chosen, ()):
            raise UsageError(f"{kind.prefix} records with status '{chosen}' need {wanted_key}: name them with --author")
        today_text = (today or datetime.date.today()).isoformat()
        if style.date_named:
            stem = f"{today_text.replace('-', '')}-{slugify(title)}"
            new_id, number = f"{kind.prefix}-{stem}", stem[:8]
        else:
            new_id = archive.next_free_id(kind_name)
            number = new_id[len(kind.prefix) + 1 :]
            stem = f"{number}-{slugify(title)}"
        relative = f"{style.folder}/{stem}.md" if style.folder else f"{stem}.md"
        if style.format == "native":
            text = render(
                template.text,
                title=title.strip(),
                date=today_text,
                status=chosen,
                people_key=wanted_key,
                people=people,
                supersedes=older.id if older else None,
            )
        else:
            text = formats.render(
                style,
                template.text,
                path=relative,
                file_number=number,
                title=title.strip(),
                date=today_text,
                status=chosen,
                people_key=key,
                people=people,
                supersedes=[older] if older else [],
            )
        writes = [write.create(settings.root, relative, text.encode("utf-8"))]
        notes: dict[str, str] = {}
        fixes: list[Fix] = []
        successors: dict[str, list[str]] = {}
        if older is not None:
            new_record = outcome.after(archive, writes, kind_name).by_path[relative]
            if chosen in kind.in_force:
                fixes = consequences_of_acceptance(archive, new_record, new_id, notes, successors)
            elif new_id not in older.targets("superseded_by"):
                fixes = [Fix(older.path, "superseded_by", "append", new_id)]
                notes[older.path] = _pending(archive, older, new_id)
            fix.require_editable(archive, fixes)
            writes += fix.edits(archive, fixes, [new_record], successors)
        later = outcome.after(archive, writes, kind_name)
        # our format from a template of the team's own may be detected as MADR, which is theirs to choose
        expected = None if style.format == "native" and kind.format == "auto" else style.format
        outcome.confirm_new(later, relative, expected, new_id, chosen, [older.id or ""] if older else [])
        outcome.confirm(archive, later, fixes)
        # made only now: a command refused above leaves no empty folder behind
        (settings.root / relative).parent.mkdir(parents=True, exist_ok=True)
        try:
            write.apply(writes)
        except FileExistsError:
            raise AuthoringError(f"{relative} already exists; not overwriting it") from None
    return settings.root / relative, [f"updated {path}: {note}" for path, note in sorted(notes.items())]


def _pending(archive: Archive, older: Record, new_id: str) -> str:
    """What `new --supersedes` did to the older record, which stays in force for now."""
    superseded = archive.settings.kind(older.kind).superseded_status
    if not superseded:
        return f"superseded_by {new_id}"
    return (
        f"superseded_by {new_id}; it stays {older.status or 'without a status'} until {new_id} is accepted "
        f"('decisions status {new_id} accepted' marks it {superseded})"
    )


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
        raise UsageError("the template has no frontmatter block, so it cannot start a record")
    frontmatter = match.group(2)
    frontmatter = re.sub(r"(?m)^date:[ \t]*YYYY-MM-DD[ \t]*$", f"date: {date}", frontmatter, count=1)
    frontmatter = re.sub(r"(?m)^status:.*$", lambda _: f"status: {scalar(status)}", frontmatter, count=1)
    names = "[" + ", ".join(scalar(name) for name in people) + "]"
    frontmatter = re.sub(
        rf"(?m)^{re.escape(people_key)}:[ \t]*\[\][ \t]*$", lambda _: f"{people_key}: {names}", frontmatter, count=1
    )
    if supersedes:
        frontmatter += f"supersedes: [{supersedes}]\n"  # templates are read as text: their lines end in \n
    body = template[match.end() :].replace("[Title]", title, 1)
    return match.group(1) + frontmatter + match.group(3) + body


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
    name = history.user_name(root) if kind_name == "rfc" else ""
    return (name,) if name else ()
