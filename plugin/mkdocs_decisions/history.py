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
from .ids import file_number
from .model import Record

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
    top = _git(root, "rev-parse", "--show-toplevel")
    if top is None:
        return None
    top_path = Path(top.strip()).resolve()
    prefix = root.resolve().relative_to(top_path).as_posix() if root.resolve() != top_path else ""
    directories = [kind.directory for kind in settings.kinds if (root / kind.directory).is_dir()]
    if not directories:
        return History({})
    log = _git(
        root, "log", "--reverse", "-M", "--unified=0", "--no-color", "--format=" + _COMMIT + "%H%x1f%aI%x1f%s",
        "-p", "--", *directories,
    )
    if log is None:
        return None
    history = _parse(log, prefix)
    shallow = _git(root, "rev-parse", "--is-shallow-repository")
    if shallow is not None and shallow.strip() == "true":
        history.notice = "this is a shallow clone: history starts at its oldest commit"
    return history


def _git(root: Path, *arguments: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "-c", "core.quotepath=off", *arguments],
            capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=300,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


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
                old = _relative(line[len("rename from ") :], prefix)
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
    return _relative(match.group(1), prefix) if match else None


def _relative(path: str, prefix: str) -> str | None:
    if prefix and not path.startswith(prefix + "/"):
        return None
    return path[len(prefix) + 1 :] if prefix else path


# -- what changed since a base -------------------------------------------------------


@dataclasses.dataclass
class Baseline:
    """The archive as it was at a base ref, for `decisions lint --since REF`.

    `changed` maps each record path changed on this branch (since the merge
    base of REF and HEAD) to its older version, as a record (or None when the
    file is new); `deleted` lists the records deleted on this branch;
    `ids_at_ref` maps the ids the ref already uses to their files there, so a
    number another branch took is seen before the merge.
    """

    ref: str
    changed: dict[str, Record | None]
    deleted: dict[str, Record]
    ids_at_ref: dict[str, str]


class SinceError(Exception):
    """The base cannot be compared against (no git, unknown ref)."""


def baseline(settings: Settings, ref: str) -> Baseline:
    from .archive import scheme_for
    from .readers import parse_record

    root = settings.root
    if shutil.which("git") is None or _git(root, "rev-parse", "--show-toplevel") is None:
        raise SinceError("--since needs a git repository")
    if _git(root, "rev-parse", "--verify", "--quiet", ref + "^{commit}") is None:
        raise SinceError(f"--since {ref}: no such commit, branch or tag")
    base = (_git(root, "merge-base", ref, "HEAD") or "").strip() or ref
    directories = [kind.directory for kind in settings.kinds]
    diff = _git(root, "diff", "--name-status", "-M", "--relative", base, "--", *directories) or ""
    wanted: dict[str, str] = {}  # path at base -> path now ("" when deleted)
    added: list[str] = []
    for line in diff.splitlines():
        parts = line.split("\t")
        status = parts[0][:1]
        if status == "A":
            added.append(parts[1])
        elif status == "D":
            wanted[parts[1]] = ""
        elif status in "MR":
            wanted[parts[1]] = parts[-1]
    old_texts = _cat_files(root, base, list(wanted))
    scheme = scheme_for(settings)
    changed: dict[str, Record | None] = {path: None for path in added}
    deleted: dict[str, Record] = {}
    for old_path, new_path in wanted.items():
        kind = _kind_of(settings, old_path)
        if kind is None or old_path not in old_texts:
            continue
        record = parse_record(old_texts[old_path], old_path, kind, scheme)
        if new_path:
            changed[new_path] = record
        else:
            deleted[old_path] = record
    ids_at_ref: dict[str, str] = {}
    listing = _git(root, "ls-tree", "-r", "--name-only", "--full-tree", ref) or ""
    prefix = _prefix(root)
    for path in listing.splitlines():
        relative = _relative(path, prefix)
        kind = _kind_of(settings, relative) if relative else None
        if kind is None or not relative.endswith(kind.extensions):
            continue
        number = file_number(relative.rsplit("/", 1)[-1].rsplit(".", 1)[0])
        record_id = scheme.normalise("".join(number), kind.name) if number else None
        if record_id:
            ids_at_ref.setdefault(record_id, relative)
    return Baseline(ref, changed, deleted, ids_at_ref)


def _prefix(root: Path) -> str:
    top = Path((_git(root, "rev-parse", "--show-toplevel") or "").strip()).resolve()
    return "" if root.resolve() == top else root.resolve().relative_to(top).as_posix()


def _kind_of(settings: Settings, relative: str | None):
    if not relative:
        return None
    for kind in sorted(settings.kinds, key=lambda k: len(k.directory), reverse=True):
        if relative.startswith(kind.directory.rstrip("/") + "/"):
            return kind
    return None


def _cat_files(root: Path, base: str, paths: list[str]) -> dict[str, bytes]:
    """Every file's content at `base`, from one `git cat-file --batch` process."""
    if not paths:
        return {}
    prefix = _prefix(root)
    names = [f"{base}:{prefix + '/' if prefix else ''}{path}" for path in paths]
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "cat-file", "--batch"], input="\n".join(names).encode() + b"\n",
            capture_output=True, timeout=300,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    found: dict[str, bytes] = {}
    data, position = result.stdout, 0
    for path in paths:
        end = data.index(b"\n", position)
        header = data[position:end].split()
        position = end + 1
        if len(header) < 3 or header[1] == b"missing":
            continue
        size = int(header[2])
        found[path] = data[position : position + size]
        position += size + 1
    return found
