#!/usr/bin/env python3
"""Benchmark `decisions lint` against a plain YAML-parsing baseline.

    python benchmarks/lint.py [--records 12500] [--repeat 3] [--seed 1] [--json FILE]

Generates a synthetic archive with make_corpus.py in a temporary folder, then
times, in the same run and on the same files:

* baseline: a child Python process that reads every .md file under adr/ and
  rfc/ and parses its frontmatter with PyYAML's C loader (CSafeLoader) -- the
  least any frontmatter linter has to do;
* lint: ``python -m mkdocs_decisions lint`` run in the archive folder, which
  must exit 0 (the corpus is meant to lint clean).

Each is run --repeat times, alternating, and the best (minimum) wall time is
kept. Every child runs under a small wrapper process that times it and reads
its peak resident set size from getrusage(RUSAGE_CHILDREN), so both figures
belong to the child alone. The result is the ratio lint/baseline: machine
speed cancels out, so it can be compared across machines.

Targets: ratio <= 2.5 (goal 1.5) and lint peak RSS <= 250 MB. A missed target
is reported as FAIL but the exit status stays 0; the exit status is 1 only
when a child process fails (its stderr is printed).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from typing import NamedTuple

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import make_corpus  # noqa: E402  (a sibling script, imported as a module)

RATIO_LIMIT = 2.5
RATIO_GOAL = 1.5
PEAK_LIMIT_MB = 250.0
MARK = "__bench__"

# Runs argv[1:] as a child, then reports its wall time, peak RSS and CPU time
# (user + system) on stderr.
WRAPPER = f"""
import resource, subprocess, sys, time
t = time.perf_counter()
r = subprocess.run(sys.argv[1:])
t = time.perf_counter() - t
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
rss = usage.ru_maxrss
if sys.platform == "darwin":
    rss //= 1024  # bytes on macOS, KiB elsewhere
sys.stderr.flush()
print("{MARK}", t, rss, usage.ru_utime + usage.ru_stime, file=sys.stderr)
sys.exit(r.returncode)
"""

# Reads every record and parses its frontmatter; prints how many it parsed.
BASELINE = """
import os, yaml
n = 0
for kind in ("adr", "rfc"):
    for folder, dirs, files in os.walk(kind):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith(".md"):
                continue
            with open(os.path.join(folder, name), encoding="utf-8") as fh:
                text = fh.read()
            if not text.startswith("---\\n"):
                continue
            end = text.find("\\n---\\n", 3)
            if end < 0:
                continue
            yaml.load(text[4:end + 1], Loader=yaml.CSafeLoader)
            n += 1
print(n)
"""


class ChildFailed(Exception):
    def __init__(self, label: str, returncode: int, stdout: str, stderr: str):
        super().__init__(label)
        self.label, self.returncode, self.stdout, self.stderr = label, returncode, stdout, stderr


class Run(NamedTuple):
    """What the wrapper saw of one child."""

    seconds: float  # wall time
    peak_mb: float  # peak resident set size
    cpu_seconds: float  # user + system time
    stdout: str
    stderr: str  # without the wrapper's line


def start_child(argv: list[str], cwd: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    """Start argv under the wrapper; `finish_child` waits for it."""
    return subprocess.Popen([sys.executable, "-c", WRAPPER, *argv], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish_child(label: str, proc: subprocess.Popen) -> Run:
    """Wait for a child started by `start_child`; what the wrapper saw of it."""
    stdout, stderr = proc.communicate()
    stderr_lines = stderr.splitlines()
    figures = None
    if stderr_lines and stderr_lines[-1].startswith(MARK + " "):
        _, seconds, kib, cpu = stderr_lines.pop().split()
        figures = (float(seconds), int(kib) / 1024, float(cpu))
    if proc.returncode != 0 or figures is None:
        raise ChildFailed(label, proc.returncode, stdout, "\n".join(stderr_lines))
    return Run(*figures, stdout, "\n".join(stderr_lines))


def run_child(label: str, argv: list[str], cwd: str, env: dict[str, str] | None = None) -> Run:
    """Run argv under the wrapper."""
    return finish_child(label, start_child(argv, cwd, env))


def lint_env() -> dict[str, str]:
    """The environment for the linter: a source checkout's plugin/ comes first."""
    env = dict(os.environ)
    plugin = os.path.join(os.path.dirname(HERE), "plugin")
    if os.path.isdir(os.path.join(plugin, "mkdocs_decisions")):
        env["PYTHONPATH"] = os.pathsep.join(p for p in (plugin, env.get("PYTHONPATH")) if p)
    return env


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def measure(records: int, repeat: int, seed: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="decisions-bench-") as corpus:
        stats = make_corpus.generate(records, corpus, seed=seed)
        baseline_cmd = [sys.executable, "-c", BASELINE]
        lint_cmd = [sys.executable, "-m", "mkdocs_decisions", "lint"]
        env = lint_env()
        runs: dict[str, list[float]] = {"baseline": [], "lint": []}
        peaks: dict[str, float] = {"baseline": 0.0, "lint": 0.0}
        lint_output = ""
        for _ in range(repeat):
            seconds, peak, _, out, _ = run_child("baseline", baseline_cmd, corpus)
            if out.strip() != str(records):
                raise ChildFailed("baseline", 0, out, f"baseline parsed {out.strip()} records, expected {records}")
            runs["baseline"].append(seconds)
            peaks["baseline"] = max(peaks["baseline"], peak)
            seconds, peak, _, lint_output, _ = run_child("decisions lint", lint_cmd, corpus, env)
            runs["lint"].append(seconds)
            peaks["lint"] = max(peaks["lint"], peak)
    best = {name: min(times) for name, times in runs.items()}
    ratio = best["lint"] / best["baseline"] if best["baseline"] > 0 else float("inf")
    return {
        "records": records,
        "seed": seed,
        "repeat": repeat,
        "corpus_bytes": stats["bytes"],
        "corpus_chains": stats["chains"],
        "python": platform.python_version(),
        "platform": platform.platform(),
        "baseline": {"seconds": best["baseline"], "runs": runs["baseline"], "peak_mb": peaks["baseline"]},
        "lint": {"seconds": best["lint"], "runs": runs["lint"], "peak_mb": peaks["lint"]},
        "ratio": ratio,
        "lint_output_lines": len(lint_output.splitlines()),
        "lint_output_head": lint_output.splitlines()[:5],
        "targets": {
            "ratio": {"limit": RATIO_LIMIT, "goal": RATIO_GOAL, "pass": ratio <= RATIO_LIMIT,
                      "goal_met": ratio <= RATIO_GOAL},
            "lint_peak_mb": {"limit": PEAK_LIMIT_MB, "pass": peaks["lint"] <= PEAK_LIMIT_MB},
        },
    }


def report(r: dict) -> str:
    t = r["targets"]
    ratio_note = verdict(t["ratio"]["pass"]) + (" (goal met)" if t["ratio"]["goal_met"] else " (goal missed)")
    return "\n".join([
        "| records | baseline s | lint s | ratio lint/baseline | baseline peak MB | lint peak MB |",
        "|--------:|-----------:|-------:|--------------------:|-----------------:|-------------:|",
        f"| {r['records']} | {r['baseline']['seconds']:.3f} | {r['lint']['seconds']:.3f} | {r['ratio']:.2f} "
        f"| {r['baseline']['peak_mb']:.1f} | {r['lint']['peak_mb']:.1f} |",
        "",
        "| target | measured | limit | result |",
        "|--------|---------:|-------|--------|",
        f"| ratio lint/baseline | {r['ratio']:.2f} | <= {RATIO_LIMIT} (goal {RATIO_GOAL}) | {ratio_note} |",
        f"| lint peak RSS | {r['lint']['peak_mb']:.1f} MB | <= {PEAK_LIMIT_MB:.0f} MB "
        f"| {verdict(t['lint_peak_mb']['pass'])} |",
        "",
        f"best of {r['repeat']} runs each; corpus {r['corpus_bytes']:,} bytes, {r['corpus_chains']} chains, "
        f"seed {r['seed']}; Python {r['python']} on {r['platform']}",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=12500, help="records in the corpus (default: 12500)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each command; the best counts (default: 3)")
    parser.add_argument("--seed", type=int, default=make_corpus.DEFAULT_SEED, help="corpus seed")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON to FILE")
    args = parser.parse_args(argv)
    if args.records < 1 or args.repeat < 1:
        parser.error("--records and --repeat must be at least 1")
    try:
        import yaml
        yaml.CSafeLoader  # noqa: B018
    except (ImportError, AttributeError):
        print("lint.py: the baseline needs PyYAML built with libyaml (yaml.CSafeLoader)", file=sys.stderr)
        return 1
    try:
        result = measure(args.records, args.repeat, args.seed)
    except ChildFailed as exc:
        print(f"lint.py: {exc.label} failed (exit status {exc.returncode})", file=sys.stderr)
        for text in (exc.stdout, exc.stderr):
            if text.strip():
                print(text.rstrip()[-20000:], file=sys.stderr)
        return 1
    print(report(result))
    if result["lint_output_lines"]:
        print(f"note: decisions lint exited 0 but printed {result['lint_output_lines']} lines; "
              "the corpus is meant to lint clean; first lines:", file=sys.stderr)
        for line in result["lint_output_head"]:
            print(f"  {line}", file=sys.stderr)
    if args.json:
        write_json(args.json, result)
    return 0


def write_json(path: str, data: object) -> None:
    """Write the figures as JSON, atomically (temporary file, then rename)."""
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=2)
        fh.write("\n")
    os.replace(tmp, path)


if __name__ == "__main__":
    sys.exit(main())
