"""Decision history from git: when each record was created, last changed,
and every status it held, read from ONE `git log` pass over the record
directories (never a git call per record, which would not scale to 10,000
records).

Without git, outside a repository, or in a shallow clone, this degrades:
`load` returns None (no git) or a history whose `notice` says that it starts
at the shallow boundary; it never fails a lint or a build.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from pathlib import Path

from .config import Settings

_COMMIT = "\x1ecommit\x1f"
_STATUS_LINE = re.compile(r"^\+status:\s*(.+?)\s*$")


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
        root, "log", "--reverse", "-M", "--unified=0", "--no-color", "--format=" + _COMMIT + "%H%x1f%aI%x1f%s",
        "-p", "--", *directories,
    )
    if log is None:
        return None
    history = _parse(log, prefix)
    shallow = run_git(root, "rev-parse", "--is-shallow-repository")
    if shallow is not None and shallow.strip() == "true":
        history.notice = "this is a shallow clone: history starts at its oldest commit"
    return history


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


def _parse(log: str, prefix: str) -> History:
    """Walk `git log -p` oldest first, following renames, reading status lines."""
    records: dict[str, RecordHistory] = {}
    for chunk in log.split(_COMMIT)[1:]:
        header, _, body = chunk.partition("\n")
        commit, date, subject = (header.split("\x1f") + ["", ""])[:3]
        change = Change(commit, date, subject)
        current: str | None = None
        for line in body.splitlines():
            if line.startswith("diff --git "):
                current = _path_after(line, prefix)
                if current is not None:
                    entry = records.setdefault(current, RecordHistory())
                    entry.created = entry.created or change
                    entry.updated = change
            elif line.startswith("rename from "):
                old = under_prefix(line[len("rename from ") :], prefix)
                if old in records and current is not None:
                    moved = records.pop(old)
                    moved.updated = change
                    records[current] = moved
            elif line.startswith("deleted file mode") and current is not None:
                records.pop(current, None)
                current = None
            elif current is not None:
                status = _STATUS_LINE.match(line)
                if status and not line.startswith("+++"):
                    entry = records[current]
                    if not entry.statuses or entry.statuses[-1][0] != status.group(1):
                        entry.statuses.append((status.group(1), change))
    return History(records)


def _path_after(line: str, prefix: str) -> str | None:
    match = re.match(r"^diff --git a/.* b/(.*)$", line)
    return under_prefix(match.group(1), prefix) if match else None


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
