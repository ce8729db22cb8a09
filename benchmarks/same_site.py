#!/usr/bin/env python3
"""Do two versions of the plugin build the same site, byte for byte?

    python benchmarks/same_site.py OLD NEW MKDOCS_YML [MKDOCS_YML ...]

OLD and NEW are folders holding a `mkdocs_decisions` package (e.g.
`git archive REV plugin | tar -x -C DIR`, then pass DIR/plugin). Each site
is built once with each version first on PYTHONPATH, with
SOURCE_DATE_EPOCH set so that dates MkDocs writes (sitemap) are the same;
then every file of the two builds is compared. Prints the files that
differ or exist in one build only, and exits 1 if there are any.

A refactoring that must not change what users get (issue 16: the site
planning moved out of the plugin) is checked with this, on the project's
own site and on a generated archive (benchmarks/make_corpus.py) with the
mkdocs and Material themes.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import subprocess
import sys
import tempfile
from pathlib import Path


def build(plugin_dir: Path, config_file: Path, site_dir: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}  # 2026-01-01
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(plugin_dir.resolve()), env.get("PYTHONPATH")) if p)
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config_file), "-d", str(site_dir)]
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)


def differences(old: Path, new: Path) -> list[str]:
    """Relative paths that differ between two folders, or are in only one."""
    found = []
    comparison = filecmp.dircmp(old, new)
    stack = [(comparison, "")]
    while stack:
        current, prefix = stack.pop()
        found += [f"only in old: {prefix}{name}" for name in current.left_only]
        found += [f"only in new: {prefix}{name}" for name in current.right_only]
        _, mismatch, errors = filecmp.cmpfiles(
            current.left, current.right, current.common_files, shallow=False
        )
        found += [f"differs: {prefix}{name}" for name in mismatch + errors]
        stack += [(sub, f"{prefix}{name}/") for name, sub in current.subdirs.items()]
    return sorted(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", type=Path, help="folder holding the old mkdocs_decisions package")
    parser.add_argument("new", type=Path, help="folder holding the new mkdocs_decisions package")
    parser.add_argument("configs", type=Path, nargs="+", metavar="MKDOCS_YML")
    arguments = parser.parse_args(argv)
    failed = False
    with tempfile.TemporaryDirectory() as scratch:
        for number, config_file in enumerate(arguments.configs):
            sites = Path(scratch) / str(number)
            build(arguments.old, config_file, sites / "old")
            build(arguments.new, config_file, sites / "new")
            found = differences(sites / "old", sites / "new")
            files = sum(1 for path in (sites / "new").rglob("*") if path.is_file())
            print(f"{config_file}: {files} files, {len(found)} differ")
            for line in found[:50]:
                print(f"  {line}")
            failed |= bool(found)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
