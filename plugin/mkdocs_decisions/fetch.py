"""Git sources of a catalogue, fetched into a cache folder (RFC-0003).

Each git source is a partial clone (`git clone --filter=blob:none`: the
history without the files' contents, which git fetches when the checkout
needs them) in `.decisions-cache/<name>/` beside the catalogue's
`mkdocs.yml`, checked out at its `ref`. Several are fetched at once, in a
bounded pool. git never prompts (`GIT_TERMINAL_PROMPT=0`): credentials come
from its credential helpers or nowhere, and a source that cannot be fetched
is told by name with git's own last line, while the others are fetched.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import os
import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path
from typing import Mapping

#: where git sources are cloned, beside the catalogue's mkdocs.yml (for .gitignore)
CACHE = ".decisions-cache"
#: sources fetched at once: git is mostly waiting on the network, but each clone is a process
_AT_ONCE = 4
#: seconds one git command may take before the source is given up
_TIMEOUT = 600


@dataclasses.dataclass(frozen=True)
class Fetched:
    """A git source in the cache: its folder and commit, or why it is not there."""

    name: str
    folder: Path
    commit: str = ""
    problem: str = ""


def folder(root: Path, name: str) -> Path:
    """Where the git source `name` of the catalogue at `root` is checked out."""
    return root / CACHE / name


def fetch_all(root: Path, sources: list[Mapping[str, str]], missing_only: bool = False) -> list[Fetched]:
    """Fetch each git source (only those not in the cache yet, with
    `missing_only`), several at once; in the order given."""
    wanted = [s for s in sources if not (missing_only and (folder(root, s["name"]) / ".git").is_dir())]
    with concurrent.futures.ThreadPoolExecutor(max_workers=_AT_ONCE) as pool:
        return list(pool.map(lambda source: _fetch(root, source), wanted))


def _fetch(root: Path, source: Mapping[str, str]) -> Fetched:
    target = folder(root, source["name"])
    ref = source.get("ref", "HEAD")
    try:
        if not (target / ".git").is_dir():
            if target.exists():
                shutil.rmtree(target)  # what a clone that failed half way left
            target.parent.mkdir(parents=True, exist_ok=True)
            _git(root, "clone", "--quiet", "--filter=blob:none", "--no-checkout", source["repo"], str(target))
        _git(target, "fetch", "--quiet", "--filter=blob:none", "origin", ref)
        _git(target, "checkout", "--quiet", "--force", "--detach", "FETCH_HEAD")
        commit = _git(target, "rev-parse", "HEAD").strip()
    except _GitFailed as failure:
        return Fetched(source["name"], target, problem=str(failure))
    return Fetched(source["name"], target, commit)


def published(location: str, root: Path) -> bytes:
    """A repository's published `decisions.json`: a file (relative to the
    catalogue's root) or an http(s) URL, which the site's author named; raises
    `OSError` with what went wrong."""
    if location.startswith(("https://", "http://")):
        try:
            with urllib.request.urlopen(location, timeout=60) as response:  # noqa: S310 (the scheme is checked)
                return response.read()
        except urllib.error.URLError as error:
            raise OSError(str(error.reason)) from None
    return (root / location).read_bytes()


class _GitFailed(Exception):
    pass


def _git(where: Path, *arguments: str) -> str:
    """What git prints; raises `_GitFailed` with git's own words for what failed."""
    environment = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": "", "SSH_ASKPASS": ""}
    try:
        result = subprocess.run(["git", "-C", str(where), *arguments], capture_output=True, text=True,
                                errors="replace", timeout=_TIMEOUT, env=environment)
    except FileNotFoundError:
        raise _GitFailed("git is not installed") from None
    except subprocess.TimeoutExpired:
        raise _GitFailed(f"git {arguments[0]} took longer than {_TIMEOUT} s") from None
    if result.returncode != 0:
        said = [line.strip() for line in result.stderr.splitlines() if line.strip()]
        # git's first "fatal:" says what went wrong; the lines after it say what to check
        fatal = next((line for line in said if line.startswith(("fatal:", "error:"))), said[-1] if said else "")
        raise _GitFailed(fatal.split(":", 1)[1].strip() if fatal.startswith(("fatal:", "error:")) else
                         fatal or f"git {arguments[0]} failed")
    return result.stdout
