#!/usr/bin/env python3
"""Benchmark reading status history from git against git's own listing.

    python benchmarks/history.py [--records 3000] [--commits 3] [--repeat 3] [--seed 1]

Generates a synthetic archive with make_corpus.py in a temporary git
repository and commits it `--commits` times: first as generated, then with the status of
a fifth of the records moved on (proposed to accepted, accepted to
deprecated...), then with text added to a third of the records, and so on,
alternating. Then it times, in the same run and on the
same repository:

* baseline: what git itself must do for any history that reads each
  version: `git log --raw` over the record folders, then one `git cat-file
  --batch` process printing every distinct version listed;
* history: `mkdocs_decisions.history.load`, which runs that listing, reads
  every distinct version with one `git cat-file --batch` process, and reads
  each version's status with the record's own reader.

Each is run --repeat times, alternating, in this process; the best time is
kept. The result is the ratio history/baseline, which cancels machine speed.
It also prints how many versions and status changes were found.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "plugin"))

import make_corpus  # noqa: E402  (a sibling script, imported as a module)

from mkdocs_decisions import history  # noqa: E402
from mkdocs_decisions.config import load_settings  # noqa: E402

STATUS = re.compile(r"^status: (\S+)$", re.MULTILINE)
#: the status a record moves to, in the odd commits
NEXT = {"proposed": "accepted", "draft": "in-review", "in-review": "accepted", "accepted": "deprecated"}
IDENTITY = ["-c", "user.name=Bench", "-c", "user.email=bench@example.invalid"]


def commit(root: Path, message: str) -> None:
    subprocess.run(["git", *IDENTITY, "-C", str(root), "add", "-A"], check=True)
    subprocess.run(["git", *IDENTITY, "-C", str(root), "commit", "-q", "-m", message], check=True)


def build_repository(root: Path, records: int, commits: int, seed: int) -> None:
    make_corpus.generate(records, str(root), seed)
    subprocess.run(["git", "-C", str(root), "init", "-q"], check=True)
    commit(root, "Generated")
    files = sorted(root.rglob("*.md"))
    for number in range(1, commits):
        for at, path in enumerate(files):
            text = path.read_text(encoding="utf-8")
            if number % 2 == 1 and at % 5 == (number // 2) % 5:
                status = STATUS.search(text)
                if status:
                    following = NEXT.get(status.group(1), "accepted")
                    path.write_text(text[: status.start(1)] + following + text[status.end(1) :], encoding="utf-8")
            elif number % 2 == 0 and at % 3 == 0:
                path.write_text(text + f"\nMore text, {number}.\n", encoding="utf-8")
        commit(root, f"Change {number}")


def timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=3000)
    parser.add_argument("--commits", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        build_repository(root, options.records, options.commits, options.seed)
        settings = load_settings(None, root)
        folders = [kind.directory for kind in settings.kinds if (root / kind.directory).is_dir()]

        def baseline() -> None:
            log = subprocess.run(["git", "-C", str(root), "log", "--raw", "--no-abbrev", "-M", "--", *folders],
                                 check=True, capture_output=True, text=True).stdout
            blobs = {line.split()[3] for line in log.splitlines() if line.startswith(":")}
            subprocess.run(["git", "-C", str(root), "cat-file", "--batch"], input="\n".join(blobs).encode() + b"\n",
                           check=True, capture_output=True)

        found = history.load(settings)
        assert found is not None
        git_time, history_time = 1e9, 1e9
        for _ in range(options.repeat):  # alternating, so both see the same machine
            git_time = min(git_time, timed(baseline))
            history_time = min(history_time, timed(lambda: history.load(settings)))
    changes = sum(len(entry.statuses) for entry in found.records.values())
    print(f"{options.records} records, {options.commits} commits: {changes} status entries")
    print(f"baseline (git log --raw, cat-file --batch): {git_time:.3f} s")
    print(f"history.load:                              {history_time:.3f} s")
    print(f"ratio: {history_time / git_time:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
