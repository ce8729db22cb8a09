#!/usr/bin/env python3
"""Benchmark a catalogue of many repositories against one repository of the same records.

    python benchmarks/catalogue.py [--repositories 200] [--records 10000] [--repeat 3]
                                   [--no-build] [--seed 1] [--out DIR] [--json FILE]

Writes, in a temporary folder (or DIR, which is kept), --records records
by make_corpus.py twice over:

* `one/`: all of them in one repository (`adr/`, `rfc/`), with a
  `mkdocs.yml` that adds the plugin: the baseline;
* `catalogue/`: the same files shared out among --repositories git
  repositories (`repos/repo-NNN/`, one commit each; the k-th ADR goes to
  repository k * repositories // ADRs, and so for RFCs), with a
  `mkdocs.yml` naming each as a source. A supersession between records
  that now live in two repositories is written with the other's qualified
  id (`supersedes: [repo-007:ADR-0140]`), so the links across sources are
  checked as the one repository's are.

Then it times, as lint.py's wrapper sees them (wall time, CPU, peak RSS):

* `decisions lint` in `one/` (the baseline) and in `catalogue/`: first
  (its cache removed), again with nothing changed, and after one record of
  one repository was edited (not committed). Each is run --repeat times;
  the best of each counts. Every run must exit 0 and report nothing: the
  archive is clean, in one piece or in many.
* with the build (unless --no-build), `mkdocs build` of each, the same
  three ways, once each (a build of 10,000 records takes most of a
  minute): the figures are in docs/performance.md.

Each figure is reported as a ratio against the baseline measured in the
same run.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import make_corpus  # noqa: E402  (sibling scripts, imported as modules)
from build import build_cmd, build_env  # noqa: E402
from lint import ChildFailed, Run, run_child, write_json  # noqa: E402

#: an id in a frontmatter line, as make_corpus writes them
_ID = re.compile(r"\b(ADR|RFC)-(\d{4})\b")
#: the commit author and dates, fixed so that two runs make the same repositories
_GIT_ENV = {"GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid",
            "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.invalid",
            "GIT_AUTHOR_DATE": "2026-01-01T00:00:00+00:00", "GIT_COMMITTER_DATE": "2026-01-01T00:00:00+00:00"}


def generate(out: str, records: int, repositories: int, seed: int) -> dict:
    """Write `one/` and `catalogue/` under `out`; what was written."""
    one, catalogue = os.path.join(out, "one"), os.path.join(out, "catalogue")
    stats = make_corpus.generate(records, one, seed=seed, kinds=("adr", "rfc"))
    _site(one, "")
    owner = {}
    for kind in ("adr", "rfc"):
        files = sorted(os.listdir(os.path.join(one, kind)))
        owner.update({(kind, name[:4]): k * repositories // len(files) for k, name in enumerate(files)})
    across = 0
    for kind in ("adr", "rfc"):
        for name in sorted(os.listdir(os.path.join(one, kind))):
            repository = owner[(kind, name[:4])]
            with open(os.path.join(one, kind, name), encoding="utf-8") as handle:
                text = handle.read()
            head, fence, body = text[len("---\n"):].partition("\n---\n")

            def qualify(match: re.Match, repository: int = repository) -> str:
                other = owner.get((match.group(1).lower(), match.group(2)))
                return match.group() if other in (None, repository) else f"repo-{other:03d}:{match.group()}"

            lines = [line if line.startswith("id:") else _ID.sub(qualify, line) for line in head.split("\n")]
            across += sum(line.count("repo-") for line in lines)
            folder = os.path.join(catalogue, "repos", f"repo-{repository:03d}", kind)
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, name), "w", encoding="utf-8") as handle:
                handle.write("---\n" + "\n".join(lines) + fence + body)
    for repository in range(repositories):
        folder = os.path.join(catalogue, "repos", f"repo-{repository:03d}")
        for arguments in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "Records"]):
            subprocess.run(["git", "-C", folder, *arguments], check=True, capture_output=True,
                           env={**os.environ, **_GIT_ENV})
    _site(catalogue, "".join(f"        - {{name: repo-{r:03d}, repo: repos/repo-{r:03d}}}\n"
                             for r in range(repositories)))
    return {**stats, "repositories": repositories, "links_across": across}


def _site(root: str, sources: str) -> None:
    os.makedirs(os.path.join(root, "docs"), exist_ok=True)
    with open(os.path.join(root, "docs", "index.md"), "w", encoding="utf-8") as handle:
        handle.write("# Decisions\n")
    with open(os.path.join(root, "mkdocs.yml"), "w", encoding="utf-8") as handle:
        handle.write("site_name: Decisions\nplugins:\n  - decisions" + (":\n      sources:\n" + sources if sources else "\n"))


def _lint(root: str) -> Run:
    run = run_child(f"lint {root}", [sys.executable, "-m", "mkdocs_decisions", "lint"], root, build_env())
    if run.stdout:
        raise ChildFailed(f"lint {root} found something", 0, run.stdout, run.stderr)
    return run


def _build(root: str) -> Run:
    site = tempfile.mkdtemp(prefix="site-", dir=os.path.dirname(root))
    try:
        return run_child(f"build {root}", build_cmd(os.path.join(root, "mkdocs.yml"), site), root, build_env())
    finally:
        shutil.rmtree(site, ignore_errors=True)


def measure(out: str, command, repeat: int) -> dict:
    """The best of `repeat` runs of `command` on the baseline, and on the
    catalogue first, unchanged and after one record changed."""
    one, catalogue = os.path.join(out, "one"), os.path.join(out, "catalogue")
    changed = os.path.join(catalogue, "repos", "repo-100" if os.path.isdir(
        os.path.join(catalogue, "repos", "repo-100")) else "repo-000", "adr")
    record = os.path.join(changed, sorted(os.listdir(changed))[0])
    with open(record, encoding="utf-8") as handle:
        original = handle.read()
    runs: dict[str, list[Run]] = {"baseline": [], "first": [], "unchanged": [], "one changed": []}
    try:
        for turn in range(repeat):
            runs["baseline"].append(command(one))
            shutil.rmtree(os.path.join(catalogue, ".decisions-cache"), ignore_errors=True)
            runs["first"].append(command(catalogue))
            runs["unchanged"].append(command(catalogue))
            with open(record, "w", encoding="utf-8") as handle:
                handle.write(original + f"\nEdited for turn {turn}.\n")
            runs["one changed"].append(command(catalogue))
    finally:
        with open(record, "w", encoding="utf-8") as handle:
            handle.write(original)
    best = {label: min(each, key=lambda run: run.seconds) for label, each in runs.items()}
    base = best["baseline"].seconds
    return {label: {"seconds": round(run.seconds, 3), "cpu_seconds": round(run.cpu_seconds, 3),
                    "peak_mb": round(run.peak_mb, 1), "ratio": round(run.seconds / base, 2),
                    "runs": [round(r.seconds, 3) for r in runs[label]]}
            for label, run in best.items()}


def report(name: str, figures: dict) -> str:
    lines = [f"{name}: seconds (best), ratio to the baseline, peak memory"]
    for label, figure in figures.items():
        lines.append(f"  {label:<12} {figure['seconds']:8.3f} s  {figure['ratio']:5.2f}  {figure['peak_mb']:7.1f} MB"
                     f"   (runs: {', '.join(f'{s:.3f}' for s in figure['runs'])})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repositories", type=int, default=200)
    parser.add_argument("--records", type=int, default=10_000, help="in all (default: 10,000: 200 x 50)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each lint (default: 3)")
    parser.add_argument("--no-build", action="store_true", help="time `decisions lint` only")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", help="write the repositories here and keep them")
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args(argv)
    if args.repositories < 1 or args.records < 2 * args.repositories:
        parser.error("--records must be at least twice --repositories, and --repositories at least 1")
    out = args.out or tempfile.mkdtemp(prefix="decisions-catalogue-")
    try:
        written = generate(out, args.records, args.repositories, args.seed)
        print(f"{written['records']} records in one repository and in {written['repositories']} "
              f"({written['links_across']} links across repositories), seed {args.seed}")
        results = {"lint": measure(out, _lint, args.repeat)}
        print(report("decisions lint", results["lint"]))
        if not args.no_build:
            results["build"] = measure(out, _build, 1)
            print(report("mkdocs build", results["build"]))
    except ChildFailed as failed:
        print(f"{failed.label}: exit {failed.returncode}\n{failed.stdout}{failed.stderr}", file=sys.stderr)
        return 1
    finally:
        if not args.out:
            shutil.rmtree(out, ignore_errors=True)
    if args.json:
        write_json(args.json, {"python": platform.python_version(), "seed": args.seed, **written, **results})
    return 0


if __name__ == "__main__":
    sys.exit(main())
