#!/usr/bin/env python3
"""Two versions of the plugin, built side by side on the same site.

    python benchmarks/compare.py OLD NEW MKDOCS_YML [--pairs 3]

OLD and NEW are folders holding a `mkdocs_decisions` package, e.g. made with
`git archive REV plugin | tar -x -C DIR` (then pass DIR/plugin). Each pair
builds MKDOCS_YML twice at the same time, a core each, once with each
version first on PYTHONPATH (which starts first alternates), under
lint.py's wrapper. Prints, per pair and as medians, NEW over OLD for wall
time and CPU time, and both peaks.

build.py's ratios against the baseline move with the machine from one run
to the next by more than a small change is worth (ADR-0012); two versions
built together show the change itself.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from build import build_cmd, build_env  # noqa: E402  (sibling scripts, imported as modules)
from lint import ChildFailed, Run, finish_child, start_child  # noqa: E402


def env_for(plugin_dir: str) -> dict[str, str]:
    env = build_env()
    env["PYTHONPATH"] = os.pathsep.join(p for p in (os.path.abspath(plugin_dir), env.get("PYTHONPATH")) if p)
    return env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", help="folder with the old mkdocs_decisions package")
    parser.add_argument("new", help="folder with the new mkdocs_decisions package")
    parser.add_argument("config", help="the mkdocs.yml to build")
    parser.add_argument("--pairs", type=int, default=3, help="pairs of builds (default: 3)")
    args = parser.parse_args(argv)
    for folder in (args.old, args.new):
        if not os.path.isdir(os.path.join(folder, "mkdocs_decisions")):
            parser.error(f"{folder}: no mkdocs_decisions package in it")
    if args.pairs < 1:
        parser.error("--pairs must be at least 1")
    config = os.path.abspath(args.config)
    envs = {"old": env_for(args.old), "new": env_for(args.new)}
    ratios: dict[str, list[float]] = {"wall": [], "cpu": []}
    with tempfile.TemporaryDirectory(prefix="decisions-compare-") as root:
        for i in range(args.pairs):
            names = ("old", "new") if i % 2 == 0 else ("new", "old")
            os.sync()
            try:
                children = {
                    name: start_child(build_cmd(config, os.path.join(root, f"{name}-{i}")),
                                      os.path.dirname(config), envs[name])
                    for name in names
                }
                done: dict[str, Run] = {name: finish_child(f"{name} build", children[name]) for name in names}
            except ChildFailed as exc:
                print(f"compare.py: {exc.label} failed (exit status {exc.returncode})", file=sys.stderr)
                print(exc.stderr.rstrip()[-5000:], file=sys.stderr)
                return 1
            old, new = done["old"], done["new"]
            ratios["wall"].append(new.seconds / old.seconds)
            ratios["cpu"].append(new.cpu_seconds / old.cpu_seconds)
            print(f"pair {i + 1}: wall {old.seconds:.2f} -> {new.seconds:.2f} s, "
                  f"CPU {old.cpu_seconds:.2f} -> {new.cpu_seconds:.2f} s, "
                  f"peak {old.peak_mb:.0f} -> {new.peak_mb:.0f} MB", flush=True)
    print(f"new/old, median of {args.pairs}: wall {statistics.median(ratios['wall']):.3f}, "
          f"CPU {statistics.median(ratios['cpu']):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
