#!/usr/bin/env python3
"""Benchmark `decisions refs` against a bare `git grep` for the same pattern.

    python benchmarks/refs.py [--files 100000] [--records 300] [--repeat 5] [--seed 1]
                              [--out DIR] [--json FILE]

Generates, in a temporary folder (or DIR, which is kept), a git repository
of --files tracked files in one commit: a records archive of --records
records written by make_corpus.py (adr/, rfc/), and for the rest
source-code-like text in Python, TypeScript, Go, Java, YAML, shell and SQL
files, a few README.md files, a docs/ folder and a few binary files.
About 3% of the code files cite records by id in comments
("# See ADR-0042."), only ids the archive has; a few lines hold
look-alikes that `git grep` finds and `decisions refs` must not take for
ids ("OPS-ADR-12"). There is no mkdocs.yml: the command runs with its
default settings. Then it times, in the same run and on the same files:

* baseline: ``git grep -n -I --no-color -E -e '(ADR|RFC)-[0-9]' -- .
  ':(exclude)adr' ...``, the command `decisions refs` itself runs with the
  default settings (governance._git_grep), on its own;
* refs: ``python -m mkdocs_decisions refs --format json`` in the
  repository, which must exit 0 and report exactly the citations the
  generator wrote (and the baseline must print exactly the lines it wrote).

After a `sync`, each is run once untimed (to warm the disk cache), then
--repeat times, alternating; the best (minimum) wall time of each counts,
and the least CPU time beside it. Both run under lint.py's wrapper (wall
time, CPU time, peak RSS; for refs, CPU time includes its git grep); the
time of refs includes Python's start-up and reading the archive, since that
is what a user waits for. Target: refs/baseline <= 2.0 in wall time. A
missed target is reported as FAIL but the exit status stays 0; it is 1 when
a command fails or finds other lines or citations than the generator wrote.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import make_corpus  # noqa: E402  (sibling scripts, imported as modules)
from lint import ChildFailed, Run, lint_env, run_child, verdict, write_json  # noqa: E402

RATIO_LIMIT = 2.0
DEFAULT_FILES = 100_000
DEFAULT_RECORDS = 300
CITING_SHARE = 0.03  # of the code files
LOOKALIKE_SHARE = 0.003  # of the code files
BINARY_SHARE = 0.002  # of all files
DOCS_SHARE = 0.005  # of all files, half of them Markdown

#: what `decisions refs` runs with the default settings (governance._git_grep)
PATTERN = "(ADR|RFC)-[0-9]"
PATHSPECS = [".", ":(exclude)adr", ":(exclude)rfc", ":(exclude)docs", ":(exclude)site", ":(exclude)*.md"]
GREP = ["git", "grep", "-n", "-I", "--no-color", "-E", "-e", PATTERN, "--", *PATHSPECS]

#: a fixed author, committer and date, and no user or system configuration, so
#: the same arguments give the same commit id
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid",
    "GIT_AUTHOR_DATE": "2026-01-01T00:00:00+0000",
    "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.invalid",
    "GIT_COMMITTER_DATE": "2026-01-01T00:00:00+0000",
    "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
}

# --------------------------------------------------------------------------
# The code. A template's {s} is a snake_case name, {c} camelCase, {P}
# PascalCase, {U} UPPER_CASE, {w} a word, {n} a number, {t} a sentence.

WORDS = """
account address amount archive audit batch billing bucket buffer cache cart
catalog channel checkout client cluster config consumer context cursor
customer delivery device discount document event export feature filter
gateway handler inventory invoice job key ledger limit listener loader
message metric migration notification offer order owner page partition
payment payload pipeline policy price profile queue quota rate record refund
region report request resource response retry route schedule schema search
session shipment snapshot source stock store stream subscription tenant
ticket token topic tracker transfer user validator vendor warehouse webhook
window worker
""".split()
VERBS = "load save check build send read write merge split count find drop keep retry parse render".split()

#: extension, comment prefix, share of the code files, header, footer, blocks
LANGUAGES = {
    "python": (".py", "#", 30, '"""{t}."""\n\nimport {w}\nfrom {s} import {P}\n', "", [
        """\
def {s}({s}, {s}=None):
    '''{t}.'''
    if {s} is None:
        {s} = {P}({n})
    for {w} in {s}:
        {s}.append({w}.{s}())
    return {s}
""", """\
class {P}({P}):
    {s} = {n}

    def __init__(self, {s}, {s}):
        self.{s} = {s}
        self.{s} = {s} or {}

    def {s}(self):
        # {t}.
        return self.{s}.get("{s}", {n})
""", """\
@{s}.route("/{w}/{w}")
def {s}(request):
    {s} = request.json().get("{w}")
    if not {s}:
        raise {P}Error("{t}")
    return {s}({s}, timeout={n})
""", """\
{U} = {n}
{U} = {U} * {n}
"""]),
    "typescript": (".ts", "//", 25, 'import { {P} } from "./{w}";\nimport { {c} } from "../{w}/{w}";\n', "", [
        """\
export function {c}({c}: {P}[], {c}: number): {P} | undefined {
  // {t}.
  const {c} = {c}.filter(({w}) => {w}.{c} > {n});
  return {c}.length ? {c}[0] : undefined;
}
""", """\
export interface {P} {
  {c}: string;
  {c}: number;
  {c}?: {P}[];
}
""", """\
const {c} = async ({c}: string): Promise<{P}> => {
  const response = await fetch(`/api/{w}/${{c}}`);
  if (!response.ok) {
    throw new Error("{t}");
  }
  return response.json();
};
"""]),
    "go": (".go", "//", 15, 'package {w}\n\nimport (\n\t"context"\n\t"fmt"\n)\n', "", [
        """\
// {P} {t}.
func {P}(ctx context.Context, {c} *{P}) (*{P}, error) {
\tif {c} == nil {
\t\treturn nil, fmt.Errorf("{t}")
\t}
\t{c} := {c}.{P}({n})
\treturn {c}, nil
}
""", """\
type {P} struct {
\t{P} string `json:"{s}"`
\t{P} int    `json:"{s}"`
}
"""]),
    "java": (".java", "//", 12, "package com.example.{w};\n\nimport java.util.List;\n\npublic class {P} {\n", "}\n", [
        """\
    /** {t}. */
    public {P} {c}({P} {c}, int {c}) {
        if ({c} == null) {
            throw new IllegalArgumentException("{t}");
        }
        return {c}.{c}({n});
    }
""", """\
    private final {P} {c};
    private int {c} = {n};
"""]),
    "yaml": (".yaml", "#", 8, "# {t}.\n", "", [
        """\
{s}:
  {s}: {n}
  {s}: "{w}"
  {s}:
    - {w}
    - {w}
"""]),
    "shell": (".sh", "#", 5, "#!/bin/sh\n# {t}.\nset -eu\n", "", [
        """\
{s}() {
  local {s}="$1"
  # {t}.
  if [ -z "${s}" ]; then
    echo "{t}" >&2
    return 1
  fi
}
"""]),
    "sql": (".sql", "--", 5, "-- {t}.\n", "", [
        """\
CREATE TABLE {s} (
  id BIGINT PRIMARY KEY,
  {s} TEXT NOT NULL,
  {s} INTEGER DEFAULT {n}
);
""", """\
SELECT {s}, count(*) FROM {s}
WHERE {s} > {n}
GROUP BY {s};
"""]),
}
TOPS = ("services", "libs", "web", "tools", "deploy", "db")
#: comments that cite one id ({i}) or two ({i} and {j})
CITING = (
    "{#} See {i}.", "{#} {i}: {t}.", "{#} Decided in {i}; change it only with a new record.",
    "{#} TODO({i}): {t}.", "{#} See {i} and {j}.", "{#} {i} (replaces part of {j}).",
)
#: lines `git grep` finds and `decisions refs` must not take for an id
LOOKALIKE = ("{#} tracked as OPS-{k}-{n} in the old tracker.", "{#} flag LEGACY_{k}-{n}x, kept for old clients.")
SLOT = re.compile(r"\{([scPUwnt#ijk])\}")
POOL_SIZE = 400  # filled blocks per template


class _Filler:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def name(self) -> list[str]:
        return self.rng.sample(WORDS, self.rng.choice((1, 2, 2, 3)))

    def fill(self, template: str, **given: str) -> str:
        def one(match: re.Match) -> str:
            slot = match.group(1)
            if slot in given:
                return given[slot]
            if slot == "s":
                return "_".join(self.name())
            if slot == "c":
                first, *rest = self.name()
                return first + "".join(word.title() for word in rest)
            if slot == "P":
                return "".join(word.title() for word in self.name())
            if slot == "U":
                return "_".join(self.name()).upper()
            if slot == "w":
                return self.rng.choice(WORDS)
            if slot == "n":
                return str(self.rng.randint(0, 999))
            words = [self.rng.choice(VERBS)] + self.rng.sample(WORDS, self.rng.randint(3, 8))
            return " ".join(words).capitalize()  # {t}
        return SLOT.sub(one, template)


def _layout(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """(folder, language) for each of `count` code files, in folders of 5 to 60."""
    languages = list(LANGUAGES)
    weights = [LANGUAGES[name][2] for name in languages]
    files, taken = [], set()
    while len(files) < count:
        folder = "/".join([rng.choice(TOPS), *rng.sample(WORDS, rng.randint(1, 3))])
        if folder in taken:
            continue
        taken.add(folder)
        language = rng.choices(languages, weights)[0]
        files.extend([(folder, language)] * min(count - len(files), rng.randint(5, 60)))
    return files


def _write(path: str, data: bytes) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as fh:
        fh.write(data)


def generate(root: str, files: int, records: int, seed: int) -> dict:
    """Write the repository's files (not git's); the figures the checks need."""
    rng = random.Random(seed)
    filler = _Filler(rng)
    archive = make_corpus.generate(records, root, seed=seed)
    ids = [make_corpus.kind_id(kind, number) for kind in ("adr", "rfc") for number in range(1, archive[kind] + 1)]
    binaries = max(1, round(files * BINARY_SHARE))
    docs = max(2, round(files * DOCS_SHARE))  # a quarter README.md, the rest in docs/
    code = files - records - binaries - docs
    if code < 1:
        raise ValueError(f"--files {files} leaves no room for code beside {records} records")
    pools = {language: [filler.fill(block) for block in spec[5] for _ in range(POOL_SIZE)]
             for language, spec in LANGUAGES.items()}
    cited: collections.Counter[str] = collections.Counter()
    grep_lines = citing_files = size = 0
    names: set[str] = set()
    layout = _layout(rng, code)
    for number, (folder, language) in enumerate(layout):
        extension, comment, _, header, footer, _ = LANGUAGES[language]
        name = f"{folder}/{'_'.join(filler.name())}{extension}"
        while name in names:
            name = f"{folder}/{'_'.join(filler.name())}_{rng.randint(2, 99)}{extension}"
        names.add(name)
        blocks = [filler.fill(header)]
        lines = int(min(2000, max(5, rng.lognormvariate(3.8, 0.8))))
        while lines > 0:
            block = rng.choice(pools[language])
            blocks.append(block)
            lines -= block.count("\n") + 1
        if footer:
            blocks.append(footer)
        extra = []
        if number == 0 or rng.random() < CITING_SHARE:  # at least one file cites
            citing_files += 1
            for _ in range(rng.choice((1, 1, 1, 2, 3))):
                template = rng.choice(CITING)
                first, second = rng.sample(ids, 2)  # a line naming one id twice cites it once
                extra.append(filler.fill(template, **{"#": comment, "i": first, "j": second}))
                cited[first] += 1
                if "{j}" in template:
                    cited[second] += 1
        if rng.random() < LOOKALIKE_SHARE:
            extra.append(filler.fill(rng.choice(LOOKALIKE), **{"#": comment, "k": rng.choice(("ADR", "RFC"))}))
        grep_lines += len(extra)
        for line in extra:  # each before a block, as deep as its first line
            at = rng.randint(1, len(blocks) - 1)
            indent = len(blocks[at]) - len(blocks[at].lstrip(" \t"))
            blocks.insert(at, blocks[at][:indent] + line + "\n")
        data = "\n".join(blocks).encode("utf-8")
        size += len(data)
        _write(os.path.join(root, name), data)
    # Files neither command may search, all citing a record: README.md files
    # beside the code, docs/ (Markdown, and code examples), binaries.
    folders = list(dict.fromkeys(folder for folder, _ in layout))
    readmes = rng.sample(folders, min(len(folders), docs // 4))
    for folder in readmes:
        _write(os.path.join(root, folder, "README.md"), f"# {folder}\n\nSee {rng.choice(ids)} for why.\n".encode())
    for number in range(docs - len(readmes)):
        cite = f"See {rng.choice(ids)} for why."
        if number % 2:
            _write(os.path.join(root, "docs", f"page_{number}.md"), f"# {filler.fill('{t}')}\n\n{cite}\n".encode())
        else:
            _write(os.path.join(root, "docs", "examples", f"example_{number}.py"), f"# {cite}\nx = 1\n".encode())
    for number in range(binaries):
        data = bytes(rng.randrange(256) for _ in range(256)) + b"\0" + rng.choice(ids).encode() + b"\0"
        _write(os.path.join(root, "assets", f"blob_{number}.bin"), data)
    return {
        "files": files, "records": records, "code_files": code, "citing_files": citing_files,
        "citations": sum(cited.values()), "cited_ids": len(cited), "grep_lines": grep_lines, "code_bytes": size,
        "cited": dict(cited),
    }


def commit(root: str) -> str:
    """Commit everything in one commit; its id."""
    env = {**os.environ, **GIT_ENV}

    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", root, *args], env=env, check=True, capture_output=True,
                              text=True).stdout

    git("-c", "init.defaultBranch=main", "init", "-q")
    for key, value in (("gc.auto", "0"), ("maintenance.auto", "false"), ("commit.gpgSign", "false")):
        git("config", key, value)  # no gc behind the timings
    git("add", "-A")
    git("commit", "-q", "-m", "Generated")
    return git("rev-parse", "HEAD").strip()


def tracked(root: str) -> int:
    listing = subprocess.run(["git", "-C", root, "ls-files", "-z"], check=True, capture_output=True).stdout
    return listing.count(b"\0")


# --------------------------------------------------------------------------
# The timings.

def check_baseline(run: Run, expected: dict) -> None:
    found = len(run.stdout.splitlines())
    if found != expected["grep_lines"]:
        raise ChildFailed("baseline", 0, "", f"git grep printed {found} lines, expected {expected['grep_lines']}")


def check_refs(run: Run, expected: dict) -> collections.Counter[str]:
    """The statuses of the cited records; ChildFailed unless refs found exactly what was written."""
    report = json.loads(run.stdout)
    found = {record_id: len(entry["cited_at"]) for record_id, entry in report.items()}
    missing = [record_id for record_id, entry in report.items() if entry["status"] is None]
    if found != expected["cited"] or missing:
        wrong = sorted(set(found.items()) ^ set(expected["cited"].items()))[:10]
        raise ChildFailed("decisions refs", 0, "", f"refs found {sum(found.values())} citations of {len(found)} ids, "
                          f"expected {expected['citations']} of {expected['cited_ids']}; "
                          f"ids without a record: {missing[:10]}; first differences: {wrong}")
    return collections.Counter(entry["status"] for entry in report.values())


def measure(root: str, files: int, records: int, repeat: int, seed: int) -> dict:
    started = time.perf_counter()
    expected = generate(root, files, records, seed)
    head = commit(root)
    generated = time.perf_counter() - started
    if tracked(root) != files:
        raise ChildFailed("git add", 0, "", f"{tracked(root)} tracked files, expected {files}")
    os.sync()  # the repository is on disk: writing it out does not slow the timed runs
    baseline_cmd = ["git", "-C", root, *GREP[1:]]
    refs_cmd = [sys.executable, "-m", "mkdocs_decisions", "refs", "--format", "json"]
    env = lint_env()
    runs: dict[str, list[Run]] = {"baseline": [], "refs": []}
    statuses: collections.Counter[str] = collections.Counter()
    for round_ in range(repeat + 1):  # round 0 warms the cache and is not counted
        baseline = run_child("baseline", baseline_cmd, root)
        check_baseline(baseline, expected)
        refs = run_child("decisions refs", refs_cmd, root, env)
        statuses = check_refs(refs, expected)
        if round_:
            runs["baseline"].append(baseline)
            runs["refs"].append(refs)
    figures = {name: {"seconds": min(run.seconds for run in done), "runs": [run.seconds for run in done],
                      "cpu_seconds": min(run.cpu_seconds for run in done),
                      "cpu_runs": [run.cpu_seconds for run in done], "peak_mb": max(run.peak_mb for run in done)}
               for name, done in runs.items()}
    ratio = figures["refs"]["seconds"] / figures["baseline"]["seconds"]
    ratio_cpu = figures["refs"]["cpu_seconds"] / figures["baseline"]["cpu_seconds"]
    del expected["cited"]
    return {
        **expected, "seed": seed, "repeat": repeat, "commit": head, "generate_seconds": generated,
        "cited_statuses": dict(statuses.most_common()), "baseline_command": GREP, "refs_command": ["python", *refs_cmd[1:]],
        "nproc": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
        "git": subprocess.run(["git", "--version"], check=False, capture_output=True, text=True).stdout.strip(),
        "baseline": figures["baseline"], "refs": figures["refs"], "ratio": ratio, "ratio_cpu": ratio_cpu,
        "targets": {"ratio": {"limit": RATIO_LIMIT, "pass": ratio <= RATIO_LIMIT}},
    }


def report(r: dict) -> str:
    b, f = r["baseline"], r["refs"]
    superseded = r["cited_statuses"].get("superseded", 0)
    return "\n".join([
        ("| files | citations | lines git grep prints | git grep s | refs s | ratio refs/git grep "
         "| git grep CPU s | refs CPU s | ratio (CPU) | git grep peak MB | refs peak MB |"),
        ("|------:|----------:|----------------------:|-----------:|-------:|-------------------:"
         "|---------------:|-----------:|------------:|-----------------:|-------------:|"),
        (f"| {r['files']:,} | {r['citations']:,} | {r['grep_lines']:,} | {b['seconds']:.3f} | {f['seconds']:.3f} "
         f"| {r['ratio']:.2f} | {b['cpu_seconds']:.3f} | {f['cpu_seconds']:.3f} | {r['ratio_cpu']:.2f} "
         f"| {b['peak_mb']:.1f} | {f['peak_mb']:.1f} |"),
        "",
        "| target | measured | limit | result |",
        "|--------|---------:|-------|--------|",
        f"| ratio refs/git grep | {r['ratio']:.2f} | <= {RATIO_LIMIT} | {verdict(r['targets']['ratio']['pass'])} |",
        "",
        (f"best of {r['repeat']} runs each; {r['code_files']:,} code files ({r['code_bytes']:,} bytes), "
         f"{r['citing_files']:,} citing {r['cited_ids']} of {r['records']} records ({superseded} superseded); "
         f"commit {r['commit'][:12]}, seed {r['seed']}, generated in {r['generate_seconds']:.0f} s; "
         f"{r['nproc']} CPUs, Python {r['python']}, {r['git']}, {r['platform']}"),
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=DEFAULT_FILES, help="tracked files (default: 100000)")
    parser.add_argument("--records", type=int, default=DEFAULT_RECORDS, help="records among them (default: 300)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each command; the best counts (default: 5)")
    parser.add_argument("--seed", type=int, default=make_corpus.DEFAULT_SEED, help="seed of the generator")
    parser.add_argument("--out", metavar="DIR", help="make the repository in DIR (new or empty) and keep it")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON to FILE")
    args = parser.parse_args(argv)
    if args.records < 1 or args.repeat < 1:
        parser.error("--records and --repeat must be at least 1")
    if args.files < args.records + 100:
        parser.error("--files must be at least --records + 100")
    if args.out and os.path.exists(args.out) and os.listdir(args.out):
        parser.error(f"--out {args.out}: not empty")
    try:
        if args.out:
            result = measure(os.path.abspath(args.out), args.files, args.records, args.repeat, args.seed)
        else:
            with tempfile.TemporaryDirectory(prefix="decisions-refs-") as root:
                result = measure(root, args.files, args.records, args.repeat, args.seed)
    except ChildFailed as exc:
        print(f"refs.py: {exc.label} failed (exit status {exc.returncode})", file=sys.stderr)
        for text in (exc.stdout, exc.stderr):
            if text.strip():
                print(text.rstrip()[-20000:], file=sys.stderr)
        return 1
    print(report(result))
    if args.json:
        write_json(args.json, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
