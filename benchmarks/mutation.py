#!/usr/bin/env python3
"""The mutation run over the modules that decide correctness (docs/testing.md).

    pip install -e '.[test,mutation]'
    python benchmarks/mutation.py              # the whole run, from scratch
    python benchmarks/mutation.py --again      # re-run last run's survivors only
    python benchmarks/mutation.py --report     # the scores of the last run again

mutmut 3 changes one thing at a time in the modules listed under
`[tool.mutmut] only_mutate` in pyproject.toml (rules, readers, authoring,
sanitising and escaping, URLs, layout, ids) and, for each change ("mutant"),
runs only the tests that called the function it is in, stopping at the first
failure. A mutant is killed when a test fails, survives when all pass.

mutmut wants the package under src/, and writes its mutants/ folder next to
pyproject.toml, so the run happens in a scratch tree outside the repository
(--workdir, default $TMPDIR/mkdocs-decisions-mutation): plugin/ copied to
src/, the tests without tests/js/node_modules, and what the tests read from
the repository root. Nothing is written in the repository.

At the end it prints, per module, how many mutants were killed (a timeout
counts as killed: the change made the tests hang), survived or had no test,
and the score, killed / all. Surviving mutants listed as equivalent in the
table of docs/testing.md (a change with no observable effect, and why) are
counted apart; every other survivor is printed by name, with
`mutmut show NAME` (run in WORKDIR) to see its diff. The exit status is 0
whether or not mutants survive, 1 when mutmut could not run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_WORKDIR = Path(tempfile.gettempdir()) / "mkdocs-decisions-mutation"
EQUIVALENTS = REPO / "docs" / "testing.md"

# What the tests read from the repository root (also_copy in pyproject.toml
# takes them on into mutants/), and the sibling folder of real archives.
ROOT_FILES = ["pyproject.toml", "mkdocs.yml", "README.md", "docs", "adr", "rfc"]

# Loaded by `-p mutation_plugin` (pytest_add_cli_args): the same Hypothesis
# examples in every run, and no deadline (mutmut's trampolines slow calls down).
PLUGIN = '''\
from hypothesis import settings

settings.register_profile("mutation", derandomize=True, database=None, deadline=None)
settings.load_profile("mutation")
'''

# mutmut's exit codes (mutmut/stats.py), as this report groups them
KILLED = {1, 3, 36, -24, 24, 152, 255}  # test failed, or pytest crashed, or timeout
SURVIVED = {0}
NO_TESTS = {5, 33}

MUTMUT = "import sys; from mutmut.__main__ import cli; sys.argv[0] = 'mutmut'; cli()"


def prepare(workdir: Path) -> None:
    """A fresh scratch tree: src/ (the package), tests/, and the root files."""
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", ".hypothesis")
    shutil.copytree(REPO / "plugin", workdir / "src", ignore=ignore)
    # tests that read the package's own files find them at plugin/, as in the repository
    (workdir / "plugin").symlink_to("src", target_is_directory=True)
    copy_tests(workdir)
    for name in ROOT_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, workdir / name, ignore=ignore)
        elif source.exists():
            shutil.copy2(source, workdir / name)
    (workdir / "mutation_plugin.py").write_text(PLUGIN, encoding="utf-8")
    shared = REPO.parent / "shared"
    if shared.is_dir():  # tests/test_formats.py reads ../shared/real-archives
        (workdir / "shared").symlink_to(shared, target_is_directory=True)


def copy_tests(workdir: Path) -> None:
    shutil.copytree(
        REPO / "tests", workdir / "tests", dirs_exist_ok=True,
        ignore=shutil.ignore_patterns("__pycache__", ".hypothesis", "node_modules"),
    )


def mutmut(workdir: Path, args: list[str]) -> int:
    env = dict(os.environ)
    env.pop("CI", None)  # tools the run leaves out (node_modules) skip instead of failing
    env.pop("PYTHONPATH", None)
    return subprocess.run([sys.executable, "-c", MUTMUT, *args], cwd=workdir, env=env).returncode


def results(workdir: Path) -> dict[str, dict[str, int]]:
    """module -> mutant name -> exit code, from mutmut's .meta files."""
    found: dict[str, dict[str, int]] = {}
    root = workdir / "mutants" / "src"
    for meta in sorted(root.rglob("*.py.meta")):
        module = ".".join(meta.relative_to(root).with_suffix("").with_suffix("").parts)
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        if codes:
            found[module.removesuffix(".__init__")] = codes
    return found


def equivalents() -> dict[str, str]:
    """Mutant name -> reason, from the table of equivalent mutants in docs/testing.md."""
    table = {}
    if not EQUIVALENTS.exists():
        return table
    for line in EQUIVALENTS.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\|\s*`(mkdocs_decisions\.[^`]+__mutmut_\d+)`\s*\|(.*)\|\s*$", line)
        if match:
            table[match.group(1)] = match.group(2).strip()
    return table


def report(workdir: Path) -> list[str]:
    """Print the table of scores; returns the survivors not listed as equivalent."""
    found = results(workdir)
    listed = equivalents()
    rows, survivors, totals = [], [], Counter()
    for module, codes in found.items():
        count = Counter()
        for name, code in codes.items():
            if code in KILLED:
                count["killed"] += 1
            elif code in SURVIVED and name in listed:
                count["equivalent"] += 1
            elif code in SURVIVED:
                count["survived"] += 1
                survivors.append(name)
            elif code in NO_TESTS:
                count["no tests"] += 1
                survivors.append(name)
            else:
                count["other"] += 1
                survivors.append(name)
        count["all"] = len(codes)
        totals.update(count)
        rows.append((module, count))
    rows.append(("all modules", totals))
    width = max(len(module) for module, _ in rows)
    print(f"\n{'module':<{width}}  {'mutants':>7}  {'killed':>6}  {'equiv.':>6}  {'surv.':>5}  "
          f"{'no test':>7}  {'killed %':>8}  {'+equiv. %':>9}")
    for module, count in rows:
        all_ = count["all"] or 1
        print(f"{module:<{width}}  {count['all']:>7}  {count['killed']:>6}  {count['equivalent']:>6}  "
              f"{count['survived']:>5}  {count['no tests']:>7}  {100 * count['killed'] / all_:>7.1f}%  "
              f"{100 * (count['killed'] + count['equivalent']) / all_:>8.1f}%")
    stale = sorted(set(listed) - {name for codes in found.values() for name in codes})
    if stale:
        print(f"\n{len(stale)} mutants listed as equivalent in docs/testing.md no longer exist:")
        print("\n".join(f"  {name}" for name in stale))
    if survivors:
        print(f"\n{len(survivors)} survivors not listed as equivalent (`mutmut show NAME` in {workdir}):")
        print("\n".join(f"  {name}" for name in sorted(survivors)))
    return survivors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="mutants run at once")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--again", action="store_true",
                      help="keep the last run; copy the tests again and re-run its survivors")
    mode.add_argument("--report", action="store_true", help="only print the last run's scores")
    parser.add_argument("mutants", nargs="*", help="with --again: only these mutants (names or globs)")
    args = parser.parse_args(argv)
    workdir = args.workdir.resolve()

    started = time.monotonic()
    if args.report:
        report(workdir)
        return 0
    if args.again:
        if not (workdir / "mutants").is_dir():
            parser.error(f"no earlier run in {workdir}")
        copy_tests(workdir)
        names = args.mutants or [
            name for codes in results(workdir).values() for name, code in codes.items()
            if code not in KILLED and code not in NO_TESTS
        ]
        if not names:
            print("no survivors to run again")
            report(workdir)
            return 0
        # mutmut copies the tests into mutants/ again and re-collects the stats of new tests
        code = mutmut(workdir, ["run", "--max-children", str(args.jobs), *names])
    else:
        prepare(workdir)
        code = mutmut(workdir, ["run", "--max-children", str(args.jobs)])
    minutes = (time.monotonic() - started) / 60
    if code != 0:
        print(f"mutmut failed (exit status {code}) after {minutes:.1f} min", file=sys.stderr)
        return 1
    report(workdir)
    print(f"\n{minutes:.1f} min, {args.jobs} at once, in {workdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
