"""What the archive was at a base ref, for `decisions lint --since REF`.

The rules of `rules/since.py` compare each record with its older version:
a decision rewritten after it was accepted, a record deleted, a number
another branch already took. The older versions are read in one
`git cat-file --batch` process, never a git call per record.
"""

from __future__ import annotations

import dataclasses
import posixpath
import shutil
from pathlib import Path

from .archive import scheme_for
from .config import Settings
from .history import cat_objects, repo_prefix, run_git, under_prefix
from .ids import BODY_FILES, file_number, record_stem
from .model import Record
from .readers import parse_record


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
    root = settings.root
    if shutil.which("git") is None or run_git(root, "rev-parse", "--show-toplevel") is None:
        raise SinceError("--since needs a git repository")
    if run_git(root, "rev-parse", "--verify", "--quiet", ref + "^{commit}") is None:
        raise SinceError(f"--since {ref}: no such commit, branch or tag")
    base = (run_git(root, "merge-base", ref, "HEAD") or "").strip() or ref
    directories = [kind.directory for kind in settings.kinds]
    diff = run_git(root, "diff", "--name-status", "-M", "--relative", base, "--", *directories) or ""
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
    _add_records_whose_text_changed(root, diff, wanted, added)
    beside = {path: _beside(path) for path in wanted if _beside(path)}
    old_texts = _cat_files(root, base, [*wanted, *beside.values()])
    scheme = scheme_for(settings)
    changed: dict[str, Record | None] = {path: None for path in added}
    deleted: dict[str, Record] = {}
    for old_path, new_path in wanted.items():
        kind = settings.kind_owning(old_path)
        if kind is None or old_path not in old_texts:
            continue
        record = parse_record(old_texts[old_path], old_path, kind, scheme, old_texts.get(beside.get(old_path, "")))
        if new_path:
            changed[new_path] = record
        else:
            deleted[old_path] = record
    ids_at_ref: dict[str, str] = {}
    listing = run_git(root, "ls-tree", "-r", "--name-only", "--full-tree", ref) or ""
    prefix = repo_prefix(root)
    for path in listing.splitlines():
        relative = under_prefix(path, prefix)
        kind = settings.kind_owning(relative) if relative else None
        if kind is None or not relative.endswith(kind.extensions):
            continue
        number = file_number(record_stem(relative))
        record_id = scheme.normalise("".join(number), kind.name) if number else None
        if record_id:
            ids_at_ref.setdefault(record_id, relative)
    return Baseline(ref, changed, deleted, ids_at_ref)


def _beside(path: str) -> str:
    """The file beside a record that holds its text (`ids.BODY_FILES`), or ""."""
    body_file = BODY_FILES.get(posixpath.basename(path))
    return posixpath.join(posixpath.dirname(path), body_file) if body_file else ""


def _add_records_whose_text_changed(root: Path, diff: str, wanted: dict[str, str], added: list[str]) -> None:
    """A change to the file that holds a record's text (a KEP's README.md) is
    a change to the record (its kep.yaml), which is in WANTED as unmoved when
    the diff does not already name it."""
    named = {*added, *wanted.values()}
    for line in diff.splitlines():
        for path in line.split("\t")[1:]:
            for record_file, body_file in BODY_FILES.items():
                if posixpath.basename(path) != body_file:
                    continue
                record = posixpath.join(posixpath.dirname(path), record_file)
                if record not in named and (root / record).is_file():
                    wanted[record] = record
                    named.add(record)


def _cat_files(root: Path, base: str, paths: list[str]) -> dict[str, bytes]:
    """Every file's content at `base`, from one `git cat-file --batch` process."""
    prefix = repo_prefix(root)
    names = {f"{base}:{prefix + '/' if prefix else ''}{path}": path for path in paths}
    return {names[name]: data for name, data in cat_objects(root, list(names)).items()}
