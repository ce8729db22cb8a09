"""Governance of decisions: when a record in force is due for review, which
proposals' comment periods are over or end soon (`decisions review`), and
where the code cites records (`decisions refs`, the `cites-*` rules).
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime
import fnmatch
import os
import posixpath
import re
import shutil
import subprocess
from pathlib import Path

from .config import GENERATED_MARKER, KindSettings, Settings
from .dates import parse_date
from .ids import IdScheme
from .model import Record

def review_date(record: Record, kind: KindSettings, accepted: datetime.date | None = None) -> datetime.date | None:
    """When a record in force is due for review: its `review_by`, else the
    kind's `review_after` after it was accepted (`accepted`, from git, when
    known; else its `date`); None when neither says."""
    written = record.value("review_by")
    if isinstance(written, str):
        return parse_date(written)
    start = accepted or (parse_date(record.date) if record.date else None)
    return after_period(start, kind.review_after or "") if start is not None else None


def _after(start: datetime.date, count: int, unit: str) -> datetime.date:
    if unit in ("day", "week"):
        return start + datetime.timedelta(days=count * (7 if unit == "week" else 1))
    months = start.month - 1 + count * (12 if unit == "year" else 1)
    year, month = start.year + months // 12, months % 12 + 1
    # a month shorter than the start's day ends the period on its last day (31 January + 1 month)
    return datetime.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


#: a period, as a kind's `review_after`, `status --review-in` and `review --due-within`
#: take it: 12m, 1y, 6w, 30d, or in words (12 months)
_SPAN = re.compile(r"^([0-9]+) *(d|days?|w|weeks?|m|months?|y|years?)$")
_UNITS = {"d": "day", "w": "week", "m": "month", "y": "year"}


def after_period(start: datetime.date, written: str) -> datetime.date | None:
    """`start` plus a period written as 12m, 1y, 6w, 30d or 12 months; None when it is none of those."""
    match = _SPAN.match(written.strip())
    if match is None:
        return None
    return _after(start, int(match[1]), _UNITS[match[2][0]])


@dataclasses.dataclass(frozen=True)
class Due:
    """A record that needs a decision by a date: a review, or the end of a comment period."""

    record: Record
    what: str  # "review" or "comment period"
    date: datetime.date
    field: str  # where the date comes from: "review_by", "date" or "comment_until"


def due(archive, limit: datetime.date) -> list[Due]:
    """Records in force whose review date is `limit` or earlier (past ones
    too), and proposals whose comment period ends by then (or ended),
    soonest first."""
    found = []
    for record in archive.records:
        kind = archive.settings.kind(record.kind)
        if record.status in kind.in_force:
            date = review_date(record, kind, archive.accepted.get(record.path))
            if date is not None and date <= limit:
                found.append(Due(record, "review", date, "review_by" if "review_by" in record.fields else "date"))
        until = record.value("comment_until")
        ends = parse_date(until) if isinstance(until, str) else None
        if record.status in kind.proposed and ends is not None and ends <= limit:
            found.append(Due(record, "comment period", ends, "comment_until"))
    return sorted(found, key=lambda item: (item.date, item.record.id or item.record.path))


#: how soon a review date counts as due on the site ("Due for review", the index's filter)
DUE_SOON = datetime.timedelta(days=30)


@dataclasses.dataclass(frozen=True)
class Facts:
    """What a reader of the site is told of how a record is governed, on the
    build's date: who owns it, when it is reviewed, whether it is open for
    comment, who approved it."""

    owners: list[str]
    review: datetime.date | None  # only for a record in force
    comment_until: datetime.date | None  # only for a proposal
    approvals: list[tuple[str, str]]  # (who, when as written)
    today: datetime.date

    @property
    def overdue(self) -> bool:
        return self.review is not None and self.review < self.today

    @property
    def due(self) -> bool:
        """Its review is past, or within `DUE_SOON`."""
        return self.review is not None and self.review <= self.today + DUE_SOON

    @property
    def open(self) -> bool:
        """Open for comment: a proposal whose comment period has not ended."""
        return self.comment_until is not None and self.comment_until >= self.today

    @property
    def days_left(self) -> int:
        """Days until the comment period ends (0 on its last day)."""
        return (self.comment_until - self.today).days if self.comment_until else 0


def facts(record: Record, kind: KindSettings, today: datetime.date,
          accepted: datetime.date | None = None) -> Facts:
    """The record's governance, as `Facts`; what it writes badly (a date
    that is not one) is left out: lint reports it."""
    review = review_date(record, kind, accepted) if record.status in kind.in_force else None
    until = record.value("comment_until")
    ends = parse_date(until) if isinstance(until, str) and record.status in kind.proposed else None
    approvals = []
    written = record.value("approvals")
    for item in written if isinstance(written, list) else []:
        if isinstance(item, dict) and isinstance(item.get("by"), str):
            date = item.get("date")
            approvals.append((item["by"], date if isinstance(date, str) else ""))
    return Facts(record.people("owner") + record.people("owners"), review, ends, approvals, today)


# -- where the code cites records ---------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Citation:
    """An id written in a file of the code (`# see ADR-0003`), where it is written."""

    path: str  # relative to the project's root, with "/"
    line: int
    column: int
    id: str  # as the archive's ids are written (ADR-0003)
    written: str


#: folders no walk goes into outside git: tools' caches, dependencies, builds
_SKIPPED_FOLDERS = {"node_modules", "site", "__pycache__", "venv", ".venv", "build", "dist"}
#: files that mark a folder as a build's output, not code
_OUTPUT_MARKS = (GENERATED_MARKER, "sitemap.xml", "sitemap.xml.gz")
#: files larger than this are not searched outside git (git grep searches every tracked file)
_LARGEST_TEXT = 1 << 20


def citations(settings: Settings, scheme: IdScheme) -> list[Citation]:
    """Every id of a record written in the project's code: its tracked files,
    found with `git grep` (fast, and what .gitignore leaves out stays out),
    or, outside git, a walk of `code_paths`; the records' folders, and what
    `code_exclude` names, are left out. Nothing is searched without `code_paths`."""
    if not settings.code_paths:  # `code_paths: []`: no code to search
        return []
    prefixes = sorted({kind.prefix for kind in settings.kinds}, key=len, reverse=True)
    alternatives = "|".join(map(re.escape, prefixes))
    patterns = [
        re.compile(rf"(?<![A-Za-z0-9_-]){re.escape(before)}({alternatives}){re.escape(between)}([0-9]+)"
                   rf"{re.escape(after)}(?![A-Za-z0-9_])")
        for before, between, after in map(_parts, settings.code_id_forms)
    ]
    kind_of = {kind.prefix: kind.name for kind in settings.kinds}
    lines = _git_grep(settings, prefixes)
    if lines is None:
        lines = _walk(settings, patterns)
    output = _Outputs(settings.root)
    found = []
    for path, number, text in lines:
        if output.holds(path):
            continue
        matches = sorted((match for pattern in patterns for match in pattern.finditer(text)), key=lambda m: m.start())
        on_line = set()  # a line that names an id twice (`ADR-001: see ADR-001-x.md`) cites it once
        for match in matches:
            record_id = scheme.normalise(f"{match.group(1)}-{match.group(2)}", kind_of[match.group(1)])
            if record_id is not None and record_id not in on_line:
                on_line.add(record_id)
                found.append(Citation(path, number, match.start() + 1, record_id, match.group(0)))
    return found


def _parts(form: str) -> tuple[str, str, str]:
    """A `code_id_forms` entry (`see {prefix}-{number}`) as the text before
    the prefix, between it and the number, and after the number."""
    before, _, rest = form.partition("{prefix}")
    between, _, after = rest.partition("{number}")
    return before, between, after


class _Outputs:
    """Folders that hold what a build made, not code: a site MkDocs or Zensical
    built (its sitemap), or the pages `decisions generate` wrote (its marker),
    where every record's id is written many times over."""

    def __init__(self, root: Path) -> None:
        self.root = str(root)
        self._known: dict[str, bool] = {}

    def holds(self, path: str) -> bool:
        folder = posixpath.dirname(path)
        while folder:
            if folder not in self._known:  # plain strings: thousands of folders, and a Path each cost more than the check
                here = os.path.join(self.root, folder)
                self._known[folder] = any(os.path.isfile(os.path.join(here, name)) for name in _OUTPUT_MARKS)
            if self._known[folder]:
                return True
            folder = posixpath.dirname(folder)
        return False


def _excluded(settings: Settings) -> list[str]:
    return [kind.directory for kind in settings.kinds] + list(settings.code_exclude)


def _git_grep(settings: Settings, prefixes: list[str]) -> list[tuple[str, int, str]] | None:
    """(path, line number, line) of each tracked text line naming a prefix and a
    number as a `code_id_forms` entry writes them; None outside a git work
    tree (or without git)."""
    if shutil.which("git") is None:
        return None
    alternatives = "|".join(map(_ere, prefixes))
    expression = "|".join(f"{_ere(before)}({alternatives}){_ere(between)}[0-9]"
                          for before, between, _ in map(_parts, settings.code_id_forms))
    pathspecs = [*settings.code_paths, *(f":(exclude){path}"
                                        for path in _excluded(settings))]
    try:
        result = subprocess.run(
            ["git", "-C", str(settings.root), "grep", "-z", "-n", "-I", "--no-color", "-E", "-e", expression, "--",
             *pathspecs],
            capture_output=True, timeout=300,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode not in (0, 1):  # 1: nothing found; 128: not in a git work tree
        return None
    found = []
    # with -z, `path NUL line NUL text`: a path is written as it is, whatever it holds (a colon, an é)
    for raw in result.stdout.decode("utf-8", errors="replace").split("\n"):
        path, _, rest = raw.partition("\0")
        number, _, text = rest.partition("\0")
        if number.isdigit():
            found.append((path, int(number), text))
    return found


def _ere(text: str) -> str:
    """`text` as itself in a POSIX extended regular expression (git grep -E)."""
    return re.sub(r"([.\[\]()*+?{}|^$\\])", r"\\\1", text)


def _walk(settings: Settings, patterns: list[re.Pattern[str]]) -> list[tuple[str, int, str]]:
    """What `_git_grep` finds, outside git: the text files under `code_paths`."""
    root = settings.root
    excluded = _excluded(settings)
    found = []
    for start in settings.code_paths:
        for folder, folders, names in os.walk(root / start):
            relative_folder = Path(folder).relative_to(root).as_posix()
            folders[:] = sorted(
                name for name in folders
                if not name.startswith(".") and name not in _SKIPPED_FOLDERS
                and not _matches(posixpath.normpath(posixpath.join(relative_folder, name)), excluded)
            )
            for name in sorted(names):
                relative = posixpath.normpath(posixpath.join(relative_folder, name))
                if name.startswith(".") or _matches(relative, excluded):
                    continue
                try:
                    with open(root / relative, "rb") as handle:
                        data = handle.read(_LARGEST_TEXT + 1)
                except OSError:  # a dangling link, a file we may not read: not code to search
                    continue
                if len(data) > _LARGEST_TEXT or b"\0" in data:
                    continue
                for number, text in enumerate(data.decode("utf-8", errors="replace").splitlines(), start=1):
                    if any(pattern.search(text) for pattern in patterns):
                        found.append((relative, number, text))
    return found


def _matches(relative: str, excluded: list[str]) -> bool:
    """Whether a path is one `code_exclude` (or a records folder) names: the path
    itself, a folder above it, or a pattern of its name or path."""
    for spec in excluded:
        spec = spec.strip("/")
        if spec == "." or relative == spec or relative.startswith(spec + "/"):  # ".": records at the root, as git's
            return True
        if "*" in spec and (fnmatch.fnmatch(relative, spec) or fnmatch.fnmatch(posixpath.basename(relative), spec)):
            return True
    return False
