"""Decision history from git: when each record was created, last changed,
and every status it held, read from ONE `git log` pass over the record
directories (never a git call per record, which would not scale to 10,000
records).

Each version of a record is read by the reader that reads the record
today, so a MADR bullet, an adr-tools `## Status` section or a PEP header
has a history as a native `status:` line does. The versions come from one
`git cat-file --batch` process, each distinct file content read once.

Without git, outside a repository, or in a shallow clone, this degrades:
`load` returns None (no git) or a history whose `notice` says that it starts
at the shallow boundary; it never fails a lint or a build.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import shutil
import subprocess
from pathlib import Path

from .archive import Archive, is_record_name, scheme_for
from .config import Settings
from .readers import parse_record

_COMMIT = "\x1ecommit\x1f"
#: one file a commit changed, as `git log --raw` lists it: `:100644 100644 <old> <new> R097\told\tnew`
_RAW = re.compile(r"^:\d+ \d+ [0-9a-f]+ ([0-9a-f]+) ([A-Z])\d*\t([^\t]+)(?:\t([^\t]+))?$")


@dataclasses.dataclass(frozen=True)
class Change:
    commit: str
    date: str  # ISO 8601 author date
    subject: str


@dataclasses.dataclass
class RecordHistory:
    created: Change | None = None
    updated: Change | None = None
    #: (status as written, the change that set it), oldest first
    statuses: list[tuple[str, Change]] = dataclasses.field(default_factory=list)
    #: (`comment_until` as written, the change that set it) while the record was proposed, oldest first:
    #: each is a comment period opened, or moved
    comment_periods: list[tuple[str, Change]] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class History:
    records: dict[str, RecordHistory]  # current path (relative to the project root) -> history
    notice: str = ""


def load(settings: Settings) -> History | None:
    """The history of every record under the kinds' directories, or None without git."""
    root = settings.root
    if shutil.which("git") is None:
        return None
    top = run_git(root, "rev-parse", "--show-toplevel")
    if top is None:
        return None
    top_path = Path(top.strip()).resolve()
    prefix = root.resolve().relative_to(top_path).as_posix() if root.resolve() != top_path else ""
    directories = [kind.directory for kind in settings.kinds if (root / kind.directory).is_dir()]
    if not directories:
        return History({})
    log = run_git(
        root, "log", "--reverse", "-M", "--raw", "--no-abbrev", "--no-color",
        "--format=" + _COMMIT + "%H%x1f%aI%x1f%s", "--", *directories,
    )
    if log is None:
        return None
    history, versions = _walk(log, prefix)
    # only records' versions are read: not the images and attachments kept beside them
    versions = [version for version in versions if _is_record_path(settings, version[1])]
    _read_statuses(settings, versions, cat_objects(root, [blob for _, _, blob, _ in versions]))
    shallow = run_git(root, "rev-parse", "--is-shallow-repository")
    if shallow is not None and shallow.strip() == "true":
        history.notice = "this is a shallow clone: history starts at its oldest commit"
    return history


def note_acceptance(archive: Archive, past: History | None = None) -> None:
    """Fill `archive.accepted`: when each record in force came into force,
    as git tells it (the commit that gave it its in-force status, after
    any status that was not), for the kinds whose review is due a period
    after acceptance (`review_after`). Git is read only for those, and
    `past` is used when the caller has read it already."""
    if not any(kind.review_after for kind in archive.settings.kinds):
        return
    past = past or load(archive.settings)
    if past is None:
        return
    for record in archive.records:
        kind = archive.settings.kind(record.kind)
        entry = past.records.get(record.path)
        if not kind.review_after or entry is None or record.status not in kind.in_force:
            continue
        since = None
        for status, change in entry.statuses:
            in_force = kind.canonical_status(status) in kind.in_force
            since = (since or change) if in_force else None
        if since is not None:
            try:
                archive.accepted[record.path] = datetime.date.fromisoformat(since.date[:10])
            except ValueError:  # git always writes ISO dates; a date it cannot give is not a date to review from
                continue


def run_git(root: Path, *arguments: str) -> str | None:
    """What a git command prints, or None when git is missing or the command fails."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "-c", "core.quotepath=off", *arguments],
            capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=300,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def user_name(root: Path) -> str:
    """git's `user.name` here, or "" when git does not know one (who wrote a new record)."""
    return (run_git(root, "config", "user.name") or "").strip()


#: a version of a record: its history, its path then, its content's object name, and the commit
Version = tuple["RecordHistory", str, str, Change]


def _walk(log: str, prefix: str) -> tuple[History, list[Version]]:
    """Walk `git log --raw` oldest first, following renames: when each file
    was created and changed, and each version of it to read."""
    records: dict[str, RecordHistory] = {}
    versions: list[Version] = []
    for chunk in log.split(_COMMIT)[1:]:
        header, _, body = chunk.partition("\n")
        commit, date, subject = (header.split("\x1f") + ["", ""])[:3]
        change = Change(commit, date, subject)
        for line in body.splitlines():
            raw = _RAW.match(line)
            if raw is None:
                continue
            blob, action, first, second = raw.groups()
            path = under_prefix(second or first, prefix)
            if path is None:
                continue
            if action == "D":
                records.pop(path, None)
                continue
            old = under_prefix(first, prefix) if action == "R" else None
            entry = records.pop(old, None) if old is not None else None
            entry = records[path] = entry or records.get(path) or RecordHistory()
            entry.created = entry.created or change
            entry.updated = change
            versions.append((entry, path, blob, change))
    return History(records), versions


def _is_record_path(settings: Settings, path: str) -> bool:
    kind = settings.kind_owning(path)
    return kind is not None and is_record_name(path.rsplit("/", 1)[-1], kind)


def _read_statuses(settings: Settings, versions: list[Version], contents: dict[str, bytes]) -> None:
    """Each version's status and comment period, read by its kind's reader;
    each is listed when it changes (a comment period only while proposed)."""
    scheme = scheme_for(settings)
    read: dict[str, tuple[object, object]] = {}  # object name -> the status and comment_until written in it
    open_until: dict[int, str | None] = {}  # id of a record's history -> the comment period its last version had
    for entry, path, blob, change in versions:
        kind = settings.kind_owning(path)
        if kind is None or blob not in contents:
            continue
        if blob not in read:
            version = parse_record(contents[blob], path, kind, scheme)
            read[blob] = (version.value("status"), version.value("comment_until"))
        status, until = read[blob]
        if isinstance(status, str) and status.strip() and (not entry.statuses or entry.statuses[-1][0] != status):
            entry.statuses.append((status, change))
        proposed = isinstance(status, str) and kind.canonical_status(status) in kind.proposed
        period = until if proposed and isinstance(until, str) else None
        if period is not None and open_until.get(id(entry)) != period:
            entry.comment_periods.append((period, change))
        open_until[id(entry)] = period


def cat_objects(root: Path, names: list[str]) -> dict[str, bytes]:
    """The content of each git object named (`<sha>` or `<commit>:<path>`),
    from one `git cat-file --batch` process; names git does not have are left out."""
    unique = list(dict.fromkeys(names))
    if not unique:
        return {}
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "cat-file", "--batch"], input="\n".join(unique).encode() + b"\n",
            capture_output=True, timeout=300,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    found: dict[str, bytes] = {}
    data, position = result.stdout, 0
    for name in unique:
        end = data.find(b"\n", position)
        if end == -1:
            break
        header = data[position:end].split()
        position = end + 1
        if len(header) < 3 or header[1] == b"missing":
            continue
        size = int(header[2])
        found[name] = data[position : position + size]
        position += size + 1
    return found


def under_prefix(path: str, prefix: str) -> str | None:
    """A path from git (relative to the repository's top) relative to the
    project inside it (`prefix`), or None when it is outside the project."""
    if prefix and not path.startswith(prefix + "/"):
        return None
    return path[len(prefix) + 1 :] if prefix else path


def repo_prefix(root: Path) -> str:
    """Where the project's root sits inside its git repository ("" at the top)."""
    top = Path((run_git(root, "rev-parse", "--show-toplevel") or "").strip()).resolve()
    return "" if root.resolve() == top else root.resolve().relative_to(top).as_posix()
