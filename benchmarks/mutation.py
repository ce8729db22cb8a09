#!/usr/bin/env python3
"""The mutation run over the modules that decide correctness (docs/testing.md).

    pip install -e '.[test,mutation]'
    python benchmarks/mutation.py              # the whole run, from scratch
    python benchmarks/mutation.py --again      # after changing tests or code: changed modules again, survivors, the rest
    python benchmarks/mutation.py --report     # the scores of the last run again
    python benchmarks/mutation.py --confirm 'mkdocs_decisions.rules.registry.*'
                                               # survivors, their change applied to the source for real

mutmut 3 changes one thing at a time in the modules listed under
`[tool.mutmut] only_mutate` in pyproject.toml (rules, readers, authoring,
sanitising and escaping, URLs, layout) and, for each change ("mutant"),
runs only the tests that called the function it is in (first those that
killed another mutant of that function, then the quickest), up to --budget
seconds of them, stopping at the first failure. A mutant is
killed when a test fails, survives when all pass.

mutmut wants the package under src/, and writes its mutants/ folder next to
pyproject.toml, so the run happens in a scratch tree outside the repository
(--workdir, default $TMPDIR/mkdocs-decisions-mutation): plugin/ copied to
src/, the tests without tests/js/node_modules, and what the tests read from
the repository root. Nothing is written in the repository.

At the end it prints, per module, how many mutants were killed (a timeout
counts as killed: the change made the tests hang), survived or had no test,
and the score, killed / run. Surviving mutants listed as equivalent in the
table of docs/testing.md (a change with no observable effect, and why) are
counted apart; every other survivor is printed by name, with
`mutmut show NAME` (run in WORKDIR) to see its diff. The exit status is 0
whether or not mutants survive, 1 when mutmut could not run.

--confirm [GLOB] tries the survivors of the last run (those whose names
match GLOB) once more, without mutmut's trampolines. mutmut switches a
mutant on when its function is called, in workers forked from a process
that imported the package with no mutant active: code that runs only while
the package is imported (the rule decorators `record_rule`, `archive_rule`,
`since_rule` and `_register`) can never be switched on, so its mutants
survive whatever the tests do. --confirm copies the package source of the
last run (WORKDIR/src) to WORKDIR/confirm/src and, for each survivor,
applies the diff `mutmut show NAME` prints to that copy, runs the tests
mutmut recorded for the mutant's function (mutants/mutmut-stats.json; with
the same -m, --ignore and --deselect as `pytest_add_cli_args_test_selection`,
the tests and Hypothesis settings of the run, the tests that killed the
function's other mutants first, then the quickest, stopping at the first
failure) in a new interpreter whose PYTHONPATH is that copy, and restores
the copy. First each function's tests must pass on the unmutated copy, or
its mutants are skipped. A mutant is "killed when applied" when its tests
fail (pytest exit status 1, or 2 to 4: the mutated package cannot be
imported or collected); "survived" when they pass; "no tests" (exit 5),
"nopatch" (the diff does not apply) and "timeout" are reported too. A
timeout, which --report counts as killed like mutmut does (an alias bomb
the mutant no longer cuts off hangs the tests), is a process of the tests
using three times the CPU time the unmutated tests used, and 30 s more
(CPU time, not the clock, which a busy machine stretches), or the tests
running longer than --timeout seconds of the clock (default ten times as
long as unmutated, at least 10 minutes). The results go to
WORKDIR/confirmed.json, written after each mutant, with the hash mutmut
gave the function; --report counts a survivor that was killed (or timed
out) when applied as killed (column "applied") as long as its function is
unchanged, and no longer lists it. The tests are those mutmut recorded:
for code that runs on import, the tests whose child processes (`mkdocs
build`, ...) import the package, for mutmut's first pass sees no call
made while the tests' own process imported it; `--tests TEST` adds tests
that call such code in their own process, run first. The source and tests are
those of the last run (after changing them, `--again` first). Nothing in
the repository is read or written but docs/testing.md, read for its
table of equivalents.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from fnmatch import fnmatchcase
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_WORKDIR = Path(tempfile.gettempdir()) / "mkdocs-decisions-mutation"
EQUIVALENTS = REPO / "docs" / "testing.md"
DEFAULT_BUDGET = 1.0
CONFIRMED = "confirmed.json"  # in the workdir: what --confirm found
BASELINE_TIMEOUT = 3600.0  # seconds for the tests of one function on the unmutated copy (--confirm)

# What the tests read from the repository root (also_copy in pyproject.toml
# takes them on into mutants/), and the sibling folder of real archives.
ROOT_FILES = ["pyproject.toml", "mkdocs.yml", "README.md", "docs", "adr", "rfc"]

# Loaded by `-p mutation_plugin` (pytest_add_cli_args): the same Hypothesis
# examples in every run, and no deadline (mutmut's trampolines slow calls down).
# Most tests run the `decisions` command through tests/conftest.py's
# decisions(), which here (DECISIONS_TESTS_IN_PROCESS) runs it in the test's
# own process: a new interpreter for each would cost most of the run. The
# others (`mkdocs build`, the command under a size limit or with a file
# changed under it) still start a child process; with PYTHONPATH (set below)
# it imports the mutated package too, and it inherits MUTANT_UNDER_TEST. During mutmut's first pass ("stats"), which records which
# tests call which functions, the child writes the functions it called to
# MUTATION_HITS (sitecustomize.py), and this plugin hands them to mutmut before
# mutmut files them under the test, so those tests count for those functions.
PLUGIN = '''\
import json
import os
import resource
import time

import pytest
from hypothesis import Phase, settings

# no shrinking either: a failing example kills the mutant as it is found
settings.register_profile(
    "mutation", derandomize=True, database=None, deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
settings.load_profile("mutation")


# mutmut times only the call of each test, not its fixtures, so a test whose
# fixture builds a whole site looks free. The first pass here records every
# phase (DURATIONS); a test then costs its own phases and the dearest setup in
# its file (a module-scoped fixture is paid by whichever test comes first).
DURATIONS = "mutation-durations.json"
_phases = {}
_costs = None


# A test that kills one mutant of a function is the likeliest to kill the next
# one: each kill is written down (one "function<TAB>test" line, appended, so
# the two workers can share the file), and a mutant's tests start with those
# that killed its function's mutants before, then the quickest.
KILLERS = "mutation-killers.txt"


def pytest_runtest_logreport(report):
    if os.environ.get("MUTANT_UNDER_TEST") == "stats":
        phases = _phases.setdefault(report.nodeid, {})
        phases[report.when] = phases.get(report.when, 0.0) + report.duration
    elif _for_a_mutant() and report.failed:
        with open(KILLERS, "a", encoding="utf-8") as stream:
            stream.write(f"{_function()}\\t{report.nodeid}\\n")


def _function():
    """The mutated function: `...since.x_invalid_transition` of `...x_invalid_transition__mutmut_12`."""
    return os.environ["MUTANT_UNDER_TEST"].rsplit("__mutmut_", 1)[0]


def _killers():
    """The tests that killed mutants of this mutant's function, first killer first."""
    try:
        with open(KILLERS, encoding="utf-8") as stream:
            lines = stream.read().splitlines()
    except OSError:
        return []
    function = _function()
    return list(dict.fromkeys(test for name, _, test in (line.partition("\\t") for line in lines) if name == function))


def pytest_sessionfinish(session):
    if os.environ.get("MUTANT_UNDER_TEST") != "stats" or not _phases:
        return
    known = {}
    if os.path.exists(DURATIONS):  # a later first pass (new tests) adds to the first one's
        with open(DURATIONS, encoding="utf-8") as stream:
            known = json.load(stream)
    known.update(_phases)
    with open(DURATIONS, "w", encoding="utf-8") as stream:
        json.dump(known, stream)


def _duration(nodeid):
    global _costs
    if _costs is None:
        with open(DURATIONS, encoding="utf-8") as stream:
            phases = json.load(stream)
        setup_by_file = {}
        for test, times in phases.items():
            path = test.split("::")[0]
            setup_by_file[path] = max(setup_by_file.get(path, 0.0), times.get("setup", 0.0))
        _costs = {test: sum(times.values()) + setup_by_file[test.split("::")[0]] for test, times in phases.items()}
    return _costs.get(nodeid, 0.0)


def _for_a_mutant():
    return "__mutmut_" in os.environ.get("MUTANT_UNDER_TEST", "")


def pytest_load_initial_conftests(early_config, parser, args):
    """For a mutant: only as many of its tests as fit in MUTATION_BUDGET
    seconds of the first pass's times (the function's killers, then the
    quickest), before pytest collects
    them: collecting every test file that calls a much-used function would
    cost more than running the test that kills the mutant.

    mutmut gives a mutant 30 times the CPU time of all the tests that call
    its function, which for a much-used function is an hour or more: a
    mutant that loops for ever would hold a core for that long. The tests
    kept here get ten times their own time and ten seconds more; then
    SIGXCPU ends the process, and mutmut counts the mutant as a timeout.
    """
    if not _for_a_mutant():
        return
    given = [arg for arg in args if "::" in arg]
    killers = [test for test in _killers() if test in given]
    tests = killers + sorted((test for test in given if test not in killers), key=_duration)
    budget = float(os.environ.get("MUTATION_BUDGET") or 0)
    spent, kept = 0.0, []
    for test in tests:
        if kept and budget and spent + _duration(test) > budget:
            break
        spent += _duration(test)
        kept.append(test)
    args[:] = [arg for arg in args if "::" not in arg] + kept
    limit = int(time.process_time() + 10 + 10 * spent)
    soft, _ = resource.getrlimit(resource.RLIMIT_CPU)
    if soft == resource.RLIM_INFINITY or limit < soft:
        resource.setrlimit(resource.RLIMIT_CPU, (limit, limit + 1))


def pytest_collection_modifyitems(config, items):
    """For a mutant: its function's killers first, then the quickest, so a kill is found sooner.

    mutmut's clean run, right after a first pass that ran every test (and
    would have stopped mutmut had one failed), runs only one."""
    if _for_a_mutant():
        killers = {test: at for at, test in enumerate(_killers())}
        items.sort(key=lambda item: (killers.get(item.nodeid, len(killers)), _duration(item.nodeid)))
    elif os.environ.get("MUTANT_UNDER_TEST") == "" and os.environ.get("MUTATION_FIRST_PASS"):
        config.hook.pytest_deselected(items=items[1:])
        del items[1:]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item, nextitem):
    hits = os.environ.get("MUTATION_HITS")
    if os.environ.get("MUTANT_UNDER_TEST") != "stats" or not hits or not os.path.exists(hits):
        return
    from mutmut.state import state

    with open(hits, encoding="utf-8") as stream:
        state()._stats.update(line for line in stream.read().splitlines() if line)
    os.unlink(hits)
'''

SITECUSTOMIZE = '''\
import os

if os.environ.get("MUTANT_UNDER_TEST") == "stats" and os.environ.get("MUTATION_HITS"):
    import atexit

    from mutmut.configuration import config
    from mutmut.state import state

    _here = os.getcwd()
    os.chdir(os.environ["MUTATION_ROOT"])  # mutmut reads pyproject.toml from there
    try:
        config()
    finally:
        os.chdir(_here)

    @atexit.register
    def _write_hits():
        try:  # best effort: some tests limit what the child may write
            if state()._stats:
                with open(os.environ["MUTATION_HITS"], "a", encoding="utf-8") as stream:
                    stream.write("".join(f"{name}\\n" for name in sorted(state()._stats)))
        except OSError:
            pass
'''

# mutmut's exit codes (mutmut/stats.py), as this report groups them
KILLED = {1, 3, 36, -24, 24, 152, 255}  # test failed, or pytest crashed, or timeout
SURVIVED = {0}
NO_TESTS = {5, 33}

# mutmut leaves decorated functions alone, which would leave out every rule
# (`@record_rule("schema")` registers `schema`). In the scratch copy, each
# such decorator becomes a call at the end of its module, which registers the
# same function in the same order; the decorator's line becomes a comment, so
# line numbers stay those of the repository.
RULE_DECORATOR = re.compile(r"^@((?:record|archive|since)_rule\(.*\))[ \t]*\n(?=def (\w+)\()", re.MULTILINE)

MUTMUT = "import sys; from mutmut.__main__ import cli; sys.argv[0] = 'mutmut'; cli()"


def prepare(workdir: Path) -> None:
    """A fresh scratch tree: src/ (the package), tests/, and the root files."""
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    copy_source(workdir)
    # tests that read the package's own files find them at plugin/, as in the repository
    (workdir / "plugin").symlink_to("src", target_is_directory=True)
    copy_tests(workdir)
    (workdir / "mutation_plugin.py").write_text(PLUGIN, encoding="utf-8")
    (workdir / "pythonpath").mkdir()
    (workdir / "pythonpath" / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    # exists before Python starts, so that PYTHONPATH's entry for it is not cached as missing
    (workdir / "mutants" / "src").mkdir(parents=True)
    shared = REPO.parent / "shared"
    if shared.is_dir():  # tests/test_formats.py reads ../shared/real-archives
        (workdir / "shared").symlink_to(shared, target_is_directory=True)


def copy_source(workdir: Path) -> None:
    """The package as src/, its rules undecorated; a file whose scratch copy
    is already the same is not touched, so that mutmut (which goes by
    modification times) keeps the results of the modules that did not change."""
    source, target = REPO / "plugin", workdir / "src"
    wanted = set()
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        if path.is_dir() or "__pycache__" in relative.parts or relative.parts[0].endswith(".egg-info"):
            continue
        wanted.add(relative)
        data = path.read_bytes()
        if relative.parts[:2] == ("mkdocs_decisions", "rules") and path.suffix == ".py":
            data = undecorate(data.decode("utf-8")).encode("utf-8")
        copy = target / relative
        if not copy.exists() or copy.read_bytes() != data:
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_bytes(data)
    for copy in sorted(target.rglob("*"), reverse=True):
        if copy.is_file() and copy.relative_to(target) not in wanted:
            copy.unlink()


def undecorate(text: str) -> str:
    calls = [f"{name} = {decorator}({name})\n" for decorator, name in RULE_DECORATOR.findall(text)]
    if not calls:
        return text
    text = RULE_DECORATOR.sub(r"# @\1 (registered at the end, for mutmut)\n", text)
    return text.rstrip("\n") + "\n\n\n" + "".join(calls)


def copy_tests(workdir: Path) -> None:
    """The tests, and what they read from the repository root, as they are now."""
    ignore = shutil.ignore_patterns("__pycache__", ".hypothesis", "node_modules")
    shutil.copytree(REPO / "tests", workdir / "tests", dirs_exist_ok=True, ignore=ignore)
    for name in ROOT_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, workdir / name, dirs_exist_ok=True, ignore=ignore)
        elif source.exists():
            shutil.copy2(source, workdir / name)


def mutmut(workdir: Path, args: list[str], budget: float, first_pass: bool = False) -> int:
    """Run mutmut in WORKDIR; FIRST_PASS: its first pass over the tests runs
    in this call (a fresh run), so its clean run need not run them again."""
    env = dict(os.environ)
    if first_pass:
        env["MUTATION_FIRST_PASS"] = "1"
    env["MUTATION_BUDGET"] = str(budget)
    env["DECISIONS_TESTS_IN_PROCESS"] = "1"  # tests/conftest.py: decisions() runs the command in the test's process
    env.pop("CI", None)  # tools the run leaves out (node_modules) skip instead of failing
    # child processes of the tests (the `decisions` command) import the mutated package
    env["PYTHONPATH"] = os.pathsep.join([str(workdir / "mutants" / "src"), str(workdir / "pythonpath")])
    env["MUTATION_ROOT"] = str(workdir)
    env["MUTATION_HITS"] = str(workdir / "child-hits.txt")
    return subprocess.run([sys.executable, "-c", MUTMUT, *args], cwd=workdir, env=env).returncode


def _metas(workdir: Path) -> Iterator[tuple[str, dict]]:
    """Each mutated module's name and what mutmut keeps of it (its .meta file)."""
    root = workdir / "mutants" / "src"
    for meta in sorted(root.rglob("*.py.meta")):
        module = ".".join(meta.relative_to(root).with_suffix("").with_suffix("").parts).removesuffix(".__init__")
        yield module, json.loads(meta.read_text(encoding="utf-8"))


def results(workdir: Path) -> dict[str, dict[str, int]]:
    """module -> mutant name -> exit code, from mutmut's .meta files."""
    return {module: data["exit_code_by_key"] for module, data in _metas(workdir) if data["exit_code_by_key"]}


def function_of(name: str) -> str:
    """The function a mutant changes, as mutmut names it: `...registry.x__register` of `...x__register__mutmut_11`."""
    return name.rsplit("__mutmut_", 1)[0]


def function_hashes(workdir: Path) -> dict[str, str]:
    """mutmut's hash of each mutated function (`module.x_name` -> hash), from its .meta files."""
    return {
        f"{module}.{function}": digest
        for module, data in _metas(workdir)
        for function, digest in data.get("hash_by_function_name", {}).items()
    }


def confirmed(workdir: Path) -> dict[str, dict]:
    """What --confirm found, by mutant name, for the functions that have not changed since."""
    path = workdir / CONFIRMED
    if not path.exists():
        return {}
    hashes = function_hashes(workdir)
    found = json.loads(path.read_text(encoding="utf-8"))
    return {name: entry for name, entry in found.items() if entry.get("function_hash") == hashes.get(function_of(name))}


#: pytest options of pytest_add_cli_args_test_selection that take the next argument as their value
VALUE_OPTIONS = {"-m", "-k", "-p", "-o", "-W", "-c", "--deselect", "--ignore", "--ignore-glob", "--rootdir", "--confcutdir"}


def selection_options(workdir: Path) -> list[str]:
    """pyproject's pytest_add_cli_args and the options (not the paths) of
    pytest_add_cli_args_test_selection, as in the run: the same -m, --ignore,
    --deselect and plugins, for tests named one by one."""
    import tomllib  # Python 3.11 and later; the package itself supports 3.10

    with open(workdir / "pyproject.toml", "rb") as stream:
        settings = tomllib.load(stream)["tool"]["mutmut"]
    options, value_next = list(settings.get("pytest_add_cli_args", [])), False
    for arg in settings.get("pytest_add_cli_args_test_selection", []):
        if value_next or arg.startswith("-"):
            options.append(arg)
            value_next = not value_next and arg in VALUE_OPTIONS
    return options


def run_tests(workdir: Path, copy: Path, tests: list[str], wall: float, cpu: float = 0.0) -> tuple[int | None, str, float, float]:
    """pytest over TESTS, in order, stopping at the first failure, in a new
    interpreter that imports the package from COPY, for at most WALL seconds
    and (if given) CPU seconds of CPU time for each process; (exit status, or
    None when out of time, the first failing test, seconds, CPU seconds)."""
    env = dict(os.environ)
    for name in ("MUTANT_UNDER_TEST", "MUTATION_FIRST_PASS", "MUTATION_BUDGET", "MUTATION_HITS", "MUTATION_ROOT", "CI"):
        env.pop(name, None)
    env["PYTHONPATH"] = str(copy)
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # a patched file of the same size and second must not be read from a stale .pyc
    env["DECISIONS_TESTS_IN_PROCESS"] = "1"  # as in the run: the mutated package is the one the copy holds either way
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *selection_options(workdir), *tests]

    def limit_cpu() -> None:  # CPU time, unlike the clock, does not stretch when the machine is busy
        if cpu:
            resource.setrlimit(resource.RLIMIT_CPU, (int(cpu), int(cpu) + 1))

    started, used = time.monotonic(), _children_cpu()
    # a session of its own, so that a timeout ends the tests' child processes too
    process = subprocess.Popen(command, cwd=workdir, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, text=True, errors="replace", start_new_session=True,
                               preexec_fn=limit_cpu)  # noqa: PLW1509 (this script starts no threads)
    try:
        output, _ = process.communicate(timeout=wall)
        code: int | None = process.returncode
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
        code = None
    except BaseException:  # Ctrl-C: the tests are in a session of their own, so end them here
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise
    if code == -signal.SIGXCPU:
        code = None
    failed = next((line.split(" ", 1)[1].split(" - ")[0] for line in output.splitlines()
                   if line.startswith(("FAILED ", "ERROR "))), "")
    return code, failed, time.monotonic() - started, _children_cpu() - used


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def apply_diff(workdir: Path, copy: Path, name: str) -> Path | None:
    """Apply the diff `mutmut show NAME` prints to the file it names in COPY;
    the file changed, or None when the diff does not apply (COPY unchanged)."""
    env = {key: value for key, value in os.environ.items() if key != "MUTANT_UNDER_TEST"}
    shown = subprocess.run([sys.executable, "-c", MUTMUT, "show", name], cwd=workdir, env=env,
                           capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False)
    diff = shown.stdout[shown.stdout.find("--- "):] if "\n+++ " in shown.stdout else ""
    target = re.search(r"^\+\+\+ (src/\S+\.py)$", diff, re.MULTILINE)
    if shown.returncode != 0 or not target or ".." in Path(target.group(1)).parts:
        return None
    path = copy / Path(target.group(1)).relative_to("src")
    if "ǁ" in name:  # a method: mutmut shows it taken out of its class, four spaces less indented
        diff = re.sub(r"^([ +-])(?!\+\+ |-- )(?=.)", r"\1    ", diff, flags=re.MULTILINE)
    # patch finds the hunk by its context (its line numbers count from the function's first line)
    patched = subprocess.run(["patch", "--batch", "--forward", "--silent", "--no-backup-if-mismatch", "-F3",
                              "--reject-file=-", str(path)], input=diff + "\n", capture_output=True, text=True, check=False)
    if patched.returncode != 0:
        restore(workdir, copy, path)
        return None
    return path


def restore(workdir: Path, copy: Path, path: Path) -> None:
    """PATH in COPY as in the run's source (WORKDIR/src) again."""
    shutil.copy2(workdir / "src" / path.relative_to(copy), path)


def confirm_each(workdir: Path, copy: Path, names: list[str], found: dict, path: Path, counts: Counter,
                 progress: Callable[[int, str], None], timeout: float | None, extra: list[str]) -> None:
    """--confirm's work on each mutant of NAMES, written to PATH as it goes;
    the tests of EXTRA (--tests) run first, before those mutmut recorded."""
    stats = json.loads((workdir / "mutants" / "mutmut-stats.json").read_text(encoding="utf-8"))
    tests_of, durations = stats["tests_by_mangled_function_name"], stats["duration_by_test"]
    # the tests that killed mutmut's mutants of a function, then those that kill here, go first
    killers: dict[str, list[str]] = {}
    killers_file = workdir / "mutants" / "mutation-killers.txt"
    if killers_file.exists():
        for line in killers_file.read_text(encoding="utf-8").splitlines():
            function, _, test = line.partition("\t")
            if test and test not in killers.setdefault(function, []):
                killers[function].append(test)
    hashes = function_hashes(workdir)
    baselines: dict[str, tuple[int | None, float, float]] = {}
    for at, name in enumerate(names, 1):
        function = function_of(name)
        tests = sorted(tests_of.get(function, []), key=lambda test: durations.get(test, 0.0))
        first = [test for test in killers.get(function, []) if test in tests]
        tests = extra + first + [test for test in tests if test not in first and test not in extra]
        entry = {"function_hash": hashes.get(function), "tests": len(tests)}
        if not tests:
            entry["result"] = "no tests"
        else:
            if function not in baselines:
                progress(at, f"the tests of {function.rsplit('.', 1)[-1]} unmutated ({len(tests)})")
                code, failed, seconds, cpu = run_tests(workdir, copy, tests, BASELINE_TIMEOUT)
                baselines[function] = (code, seconds, cpu)
                if code != 0:
                    print(f"\nthe tests of {function} do not pass unmutated "
                          f"({'timeout' if code is None else f'pytest exit {code}'}{', ' + failed if failed else ''}): "
                          "its mutants are skipped", flush=True)
            base_code, base_seconds, base_cpu = baselines[function]
            if base_code != 0:
                entry["result"] = "baseline failed"
            else:
                progress(at, name.rsplit(".", 1)[-1])
                changed = apply_diff(workdir, copy, name)
                if changed is None:
                    entry["result"] = "nopatch"
                else:
                    # a mutant that loops uses CPU: three times the unmutated tests' and 30 s more;
                    # the clock is only a backstop (a busy machine stretches it)
                    wall = timeout if timeout else max(600.0, 10 * base_seconds)
                    try:
                        code, failed, seconds, cpu = run_tests(workdir, copy, tests, wall, 3 * base_cpu + 30)
                    finally:
                        restore(workdir, copy, changed)
                    entry.update(exit_code=code, seconds=round(seconds, 1), cpu_seconds=round(cpu, 1))
                    if code is None:
                        entry["result"] = "timeout"
                    elif code == 0:
                        entry["result"] = "survived"
                    elif code == 5:
                        entry["result"] = "no tests"
                    elif code in (1, 2, 3, 4):  # failed; or the mutated package could not be imported, collected
                        entry["result"] = "killed"
                        entry["killed_by"] = failed
                        if failed and failed not in killers.setdefault(function, []):
                            killers[function].insert(0, failed)
                    else:
                        entry["result"] = "other"
        counts[entry["result"]] += 1
        found[name] = entry
        path.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def confirm(workdir: Path, pattern: str, timeout: float | None, extra: list[str]) -> int:
    """Apply each survivor matching PATTERN to a copy of the source, for
    real, run its function's tests, and write down what they did (CONFIRMED)."""
    stats_path = workdir / "mutants" / "mutmut-stats.json"
    if not stats_path.exists() or not (workdir / "src").is_dir():
        print(f"no earlier run in {workdir}", file=sys.stderr)
        return 1
    if not shutil.which("patch"):
        print("--confirm needs the `patch` command", file=sys.stderr)
        return 1
    names = sorted(name for codes in results(workdir).values() for name, code in codes.items()
                   if code in SURVIVED and fnmatchcase(name, pattern))
    if not names:
        print(f"no survivors match {pattern!r}")
        return 0
    copy = workdir / "confirm" / "src"
    if copy.parent.exists():
        shutil.rmtree(copy.parent)
    shutil.copytree(workdir / "src", copy, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    check = subprocess.run([sys.executable, "-c", "import mkdocs_decisions; print(mkdocs_decisions.__file__)"],
                           cwd=workdir, env={**os.environ, "PYTHONPATH": str(copy), "PYTHONDONTWRITEBYTECODE": "1"},
                           capture_output=True, text=True, check=False)
    if not check.stdout.startswith(str(copy)):
        print(f"the copy in {copy} is not what Python imports: {check.stdout or check.stderr}", file=sys.stderr)
        return 1

    path = workdir / CONFIRMED
    found = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    counts: Counter = Counter()
    started = time.monotonic()
    width = shutil.get_terminal_size().columns - 1

    def progress(at: int, doing: str) -> None:
        done = ", ".join(f"{count} {result}" for result, count in sorted(counts.items()))
        line = f"[{at}/{len(names)}] {done or 'none done'}; {doing}"
        print("\r" + line[:width].ljust(width), end="", flush=True)

    try:
        confirm_each(workdir, copy, names, found, path, counts, progress, timeout, extra)
    except KeyboardInterrupt:
        print(f"\nstopped; what was found so far is in {path}", file=sys.stderr)
        return 130
    # the copy is the run's source again; nothing of a mutant is left applied
    for source in (workdir / "src").rglob("*.py"):
        relative = source.relative_to(workdir / "src")
        if (copy / relative).read_bytes() != source.read_bytes():
            print(f"\n{copy / relative} still differs from the run's source", file=sys.stderr)
            return 1
    print("\r" + " " * width + "\r", end="")
    minutes = (time.monotonic() - started) / 60
    print(f"--confirm {pattern!r}: {len(names)} survivors in {minutes:.1f} min: "
          + ", ".join(f"{count} {result}" for result, count in sorted(counts.items())))
    for result in ("survived", "timeout", "no tests", "nopatch", "baseline failed", "other"):
        listed = [name for name in names if found[name]["result"] == result]
        if listed:
            print(f"\n{result}:")
            print("\n".join(f"  {name}" for name in listed))
    print(f"\nin {path}")
    return 0


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
    # killed when applied; a timeout too, as in mutmut's own count: the change made the tests hang
    applied = {name for name, entry in confirmed(workdir).items() if entry.get("result") in ("killed", "timeout")}
    rows, survivors, totals = [], [], Counter()
    for module, codes in found.items():
        count = Counter()
        for name, code in codes.items():
            if code in KILLED:
                count["killed"] += 1
            elif code in SURVIVED and name in applied:  # --confirm: its tests fail with the change applied
                count["applied"] += 1
            elif code in SURVIVED and name in listed:
                count["equivalent"] += 1
            elif code in SURVIVED:
                count["survived"] += 1
                survivors.append(name)
            elif code in NO_TESTS:
                count["no tests"] += 1
                survivors.append(name)
            elif code is None:
                count["not run"] += 1
            else:
                count["other"] += 1
                survivors.append(name)
        count["all"] = len(codes)
        totals.update(count)
        rows.append((module, count))
    rows.append(("all modules", totals))
    width = max(len(module) for module, _ in rows)
    print(f"\n{'module':<{width}}  {'mutants':>7}  {'run':>5}  {'killed':>6}  {'applied':>7}  {'equiv.':>6}  "
          f"{'surv.':>5}  {'no test':>7}  {'killed %':>8}  {'+equiv. %':>9}")
    for module, count in rows:
        run = count["all"] - count["not run"]
        killed = count["killed"] + count["applied"]
        print(f"{module:<{width}}  {count['all']:>7}  {run:>5}  {count['killed']:>6}  {count['applied']:>7}  "
              f"{count['equivalent']:>6}  {count['survived']:>5}  {count['no tests']:>7}  "
              f"{100 * killed / (run or 1):>7.1f}%  {100 * (killed + count['equivalent']) / (run or 1):>8.1f}%")
    print("(percentages of the mutants run; killed % counts those killed when applied, by --confirm)")
    wrong = sorted(applied & set(listed))
    if wrong:
        print(f"\n{len(wrong)} mutants listed as equivalent in docs/testing.md are killed when applied (--confirm):")
        print("\n".join(f"  {name}" for name in wrong))
    stale = sorted(set(listed) - {name for codes in found.values() for name in codes})
    if stale:
        print(f"\n{len(stale)} mutants listed as equivalent in docs/testing.md no longer exist:")
        print("\n".join(f"  {name}" for name in stale))
    if totals["not run"]:
        print(f"\n{totals['not run']} mutants not run yet (the run was stopped)")
    if survivors:
        print(f"\n{len(survivors)} survivors not listed as equivalent (`mutmut show NAME` in {workdir}):")
        print("\n".join(f"  {name}" for name in sorted(survivors)))
    return survivors


def main(argv: list[str] | None = None) -> int:
    confirming = __doc__[__doc__.index("--confirm [GLOB]"):]
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], epilog=confirming,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="mutants run at once")
    parser.add_argument("--budget", type=float, default=DEFAULT_BUDGET,
                        help="seconds of tests per mutant (its function's killers, then the quickest), by the first pass's times "
                        f"(default {DEFAULT_BUDGET:g}; 0: every test that calls the mutated function)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--again", action="store_true",
                      help="keep the last run; copy the package (mutmut mutates the changed modules again) and "
                      "the tests again, re-run the survivors, "
                      "then run the mutants it did not reach")
    mode.add_argument("--report", action="store_true", help="only print the last run's scores")
    mode.add_argument("--confirm", nargs="?", const="*", metavar="GLOB",
                      help="apply each survivor of the last run (matching GLOB, default all) to a copy of the "
                      "source in the workdir for real, run its function's tests in a new interpreter, and write "
                      f"down those they kill ({CONFIRMED}, counted by --report): for code that runs only on "
                      "import, such as the rule decorators, which mutmut's trampolines never switch on")
    parser.add_argument("--timeout", type=float, metavar="SECONDS",
                        help="with --confirm: seconds of the clock one mutant's tests may take (default ten times "
                        "what they took unmutated, and at least 600; their CPU time is limited apart); over it, the "
                        "mutant counts as a timeout, not killed")
    parser.add_argument("--tests", action="append", default=[], metavar="TEST",
                        help="with --confirm: run this test too, first (a pytest node id or file of the run's "
                        "tests, relative to the workdir; repeatable): for code that runs on import, whose "
                        "recorded tests are only those whose child processes import the package")
    parser.add_argument("mutants", nargs="*", help="with --again: only these mutants (names or globs)")
    args = parser.parse_args(argv)
    workdir = args.workdir.resolve()

    started = time.monotonic()
    if args.report:
        report(workdir)
        return 0
    if args.confirm:
        code = confirm(workdir, args.confirm, args.timeout, args.tests)
        if code == 0:
            report(workdir)
            print(f"\n{(time.monotonic() - started) / 60:.1f} min, in {workdir}")
        return code
    if args.again:
        if not (workdir / "mutants").is_dir():
            parser.error(f"no earlier run in {workdir}")
        copy_source(workdir)
        copy_tests(workdir)
        names = args.mutants or [
            name for codes in results(workdir).values() for name, code in codes.items()
            if code is not None and code not in KILLED and code not in NO_TESTS
        ]
        # mutmut copies the tests into mutants/ again and collects the stats of new tests;
        # then the survivors run again, and then the mutants a stopped run did not reach
        code = mutmut(workdir, ["run", "--max-children", str(args.jobs), *names], args.budget) if names else 0
        if code == 0 and not args.mutants:
            code = mutmut(workdir, ["run", "--max-children", str(args.jobs)], args.budget)
    else:
        prepare(workdir)
        code = mutmut(workdir, ["run", "--max-children", str(args.jobs)], args.budget, first_pass=True)
    minutes = (time.monotonic() - started) / 60
    if code != 0:
        print(f"mutmut failed (exit status {code}) after {minutes:.1f} min", file=sys.stderr)
        return 1
    report(workdir)
    print(f"\n{minutes:.1f} min, {args.jobs} at once, in {workdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
