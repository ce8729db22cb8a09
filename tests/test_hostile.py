"""Hostile input: records written to crash, hang, or inject code, and
interrupted writes. Each must end in a diagnostic or a safe page, never a
traceback, a hang or a half-written file."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import accepted_adr
from test_plugin import make_site, run_build, soup

from mkdocs_decisions.archive import Archive, scheme_for
from mkdocs_decisions.config import Settings
from mkdocs_decisions.readers import read_record
from mkdocs_decisions.render.sanitize import safe_href


def lint_json(root: Path) -> tuple[int, list[dict]]:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs_decisions", "lint", "--format", "json"],
        cwd=root, capture_output=True, text=True, timeout=300,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, json.loads(result.stdout)["diagnostics"]


def rules_for(diagnostics: list[dict], path: str) -> set[str]:
    return {d["rule"] for d in diagnostics if d["path"] == path}


HOSTILE_FILES = {
    # name -> (bytes, the rule that must report it)
    "0001-bomb.md": (
        ("---\nstatus: accepted\n" + "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
         + "".join(f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]\n" for n in range(1, 12))
         + "---\n# Bomb\n\nText.\n").encode(),
        "yaml-syntax",
    ),
    "0002-huge.md": (b"---\nstatus: accepted\n---\n# Huge\n\n" + b"words " * (50 * 1024 * 1024 // 6), "file-too-large"),
    "0003-long-frontmatter.md": (
        ("---\nstatus: accepted\ndate: 2026-01-01\ndeciders: [a]\n"
         + "".join(f"extra_{n}: value {n}\n" for n in range(10_000)) + "---\n# Long\n\nText.\n").encode(),
        "unknown-field",
    ),
    "0004-deep.md": (b"---\nstatus: accepted\ntags: " + b"[" * 300_000 + b"]" * 300_000 + b"\n---\n# Deep\n\nText.\n", "yaml-syntax"),
    "0005-nul.md": (b"---\nstatus: accepted\x00\n---\n", "binary-file"),
    "0006-latin1.md": ("---\nstatus: accepted\ntitle: Café\n---\n".encode("latin-1"), "encoding"),
    "0007-mixed-endings.md": (b"---\r\nstatus: accepted\ndate: 2026-01-01\r\ndeciders: [a]\r---\n# Mixed\r\n\nText.\r\n", "unterminated-frontmatter"),
    "0008-deep-block.md": (
        ("---\nstatus: accepted\nnested:\n" + "".join(" " * (n + 1) + f"k{n}:\n" for n in range(40)) + "---\n# Deep block\n\nText.\n").encode(),
        "yaml-syntax",
    ),
}


def test_each_hostile_file_gets_its_diagnostic(tmp_path):
    for name, (data, _) in HOSTILE_FILES.items():
        (tmp_path / "adr").mkdir(exist_ok=True)
        (tmp_path / "adr" / name).write_bytes(data)
    code, diagnostics = lint_json(tmp_path)
    assert code == 1
    for name, (_, rule) in HOSTILE_FILES.items():
        assert rule in rules_for(diagnostics, f"adr/{name}"), name
    for diagnostic in diagnostics:
        assert diagnostic["line"] >= 1 and diagnostic["column"] >= 1


def test_a_file_that_vanishes_before_it_is_read(tmp_path):
    settings = Settings.from_mapping(None, tmp_path)
    (tmp_path / "adr").mkdir()
    record = read_record(tmp_path / "adr" / "0001-gone.md", "adr/0001-gone.md", settings.kind("adr"), scheme_for(settings))
    assert [(p.kind, p.detail) for p in record.problems] == [("unreadable-file", "No such file or directory")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_an_unreadable_file(tmp_path):
    (tmp_path / "adr").mkdir()
    path = tmp_path / "adr" / "0001-secret.md"
    path.write_text(accepted_adr())
    path.chmod(0)
    _, diagnostics = lint_json(tmp_path)
    assert rules_for(diagnostics, "adr/0001-secret.md") == {"unreadable-file"}


# -- arbitrary input never raises ---------------------------------------------------------


def _read_and_check(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "adr").mkdir(exist_ok=True)
    path = tmp_path / "adr" / "0001-fuzz.md"
    path.write_bytes(data)
    archive = Archive.load(Settings.from_mapping(None, tmp_path))
    result = archive.check()
    lines = data.count(b"\n") + 1
    for diagnostic in result.diagnostics:
        assert 1 <= diagnostic.line <= lines + 1, diagnostic
        assert diagnostic.column >= 1, diagnostic
        assert "\n" not in diagnostic.message


fuzz = settings(max_examples=int(os.environ.get("DECISIONS_FUZZ_EXAMPLES", "150")), deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


@fuzz
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(tmp_path, data):
    _read_and_check(tmp_path, data)


@fuzz
@given(st.text(max_size=1500))
def test_arbitrary_frontmatter_text(tmp_path, text):
    _read_and_check(tmp_path, f"---\n{text}\n---\n# T\n\nBody.\n".encode("utf-8", "surrogatepass"))


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)


@fuzz
@given(st.dictionaries(st.sampled_from(["status", "date", "id", "title", "tags", "deciders", "supersedes",
                                        "superseded_by", "amends", "x"]), yaml_values, max_size=8))
def test_arbitrary_yaml_values(tmp_path, mapping):
    import yaml

    text = yaml.safe_dump(mapping, allow_unicode=True)
    _read_and_check(tmp_path, f"---\n{text}---\n# T\n\nBody.\n".encode("utf-8", "surrogatepass"))


# -- nothing from a record runs in a reader's browser ----------------------------------

XSS = '<script>alert("title")</script>"\'&<img src=x onerror=alert(1)>'
BODY = """
<script>alert("body")</script>
<img src="x" onerror="alert('img')">
<a href="javascript:alert('link')">click</a>
[markdown link](javascript:alert('md'))
<a href="data:text/html,<script>alert(1)</script>">data</a>
<div onmouseover="alert('hover')" style="position:fixed">hover</div>
<iframe src="https://example.invalid"></iframe>
<svg><script>alert('svg')</script></svg>
See [the next record](0002-next.md) and ADR-0002.
"""


def hostile_site(root: Path) -> Path:
    (root / "adr").mkdir(parents=True)
    (root / "adr" / "0001-xss.md").write_text(
        f"---\nstatus: superseded\ndate: 2026-01-01\ndeciders: ['{XSS.replace(chr(39), chr(39) * 2)}']\n"
        f"tags: ['{XSS.replace(chr(39), chr(39) * 2)}']\nsuperseded_by: [ADR-0002]\n---\n# {XSS}\n{BODY}"
    )
    (root / "adr" / "0002-next.md").write_text(accepted_adr("Next", extra="supersedes: [ADR-0001]\n"))
    return run_build(make_site(root), strict=False)


def test_hostile_records_cannot_inject_markup(tmp_path):
    site = hostile_site(tmp_path)
    for page in ("adr/0001-xss/index.html", "adr/index.html", "timeline/index.html", "graph/index.html",
                 "adr/0002-next/index.html"):
        html = soup(site / page)
        main = html.select_one("div[role=main]") or html
        assert main.find("script") is None, page
        assert main.find("iframe") is None, page
        for element in main.find_all(True):
            assert not any(name.lower().startswith("on") for name in element.attrs), (page, element)
            for attribute in ("href", "src"):
                value = (element.get(attribute) or "").strip().lower()
                assert not value.startswith(("javascript:", "data:", "vbscript:")), (page, element)
    record = soup(site / "adr" / "0001-xss" / "index.html")
    # the heading is the record's own markdown: its HTML is sanitised ...
    assert record.h1.get_text() == '"\'&'
    # ... and where we show the title, it is text, not markup
    index = soup(site / "adr" / "index.html")
    assert sorted(a.get_text() for a in index.select("table.decisions-table a")) == sorted([XSS, "Next"])
    assert XSS in [tag.get_text() for tag in index.select("table.decisions-table .decisions-tag")]
    assert XSS in [row["data-tags"] for row in index.select("table.decisions-table tr[data-tags]")]
    timeline = soup(site / "timeline" / "index.html")
    assert f"ADR-0001: {XSS}" in [a.get_text() for a in timeline.select(".decisions-timeline-list a")]
    assert record.select_one(".decisions-card dd").get_text() == "ADR-0001"
    assert XSS in [dd.get_text() for dd in record.select(".decisions-card dd")]
    assert record.find("a", href="../0002-next/")  # safe relative links stay
    exported = json.loads((site / "decisions.json").read_text())
    assert exported["records"][0]["title"] == XSS


# -- interrupted writes leave old or new files, never half ----------------------------------


def test_killing_fix_never_leaves_a_half_written_file(tmp_path):
    source = tmp_path / "source"
    (source / "adr").mkdir(parents=True)
    originals = {}
    for n in range(1, 121):
        old = accepted_adr(f"Old {n}", date="2025-01-01").replace("accepted", "superseded")
        new = accepted_adr(f"New {n}", extra=f"supersedes: [ADR-{n:04d}]\n", date="2025-06-01")
        # the old record's missing superseded_by is what --fix writes
        originals[f"adr/{n:04d}-old.md"] = old
        (source / "adr" / f"{n:04d}-old.md").write_text(old)
        (source / "adr" / f"{n + 500:04d}-new.md").write_text(new.replace(f"ADR-{n:04d}", f"ADR-{n:04d}"))
    finished = tmp_path / "finished"
    shutil.copytree(source, finished)
    subprocess.run([sys.executable, "-m", "mkdocs_decisions", "lint", "--fix"], cwd=finished, capture_output=True, timeout=300)
    fixed = {name: (finished / name).read_text() for name in originals}
    assert all(fixed[name] != originals[name] for name in originals)
    rng = random.Random(7)
    for attempt in range(12):
        work = tmp_path / f"run{attempt}"
        shutil.copytree(source, work)
        process = subprocess.Popen([sys.executable, "-m", "mkdocs_decisions", "lint", "--fix"], cwd=work,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 2.0))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        for name, original in originals.items():
            now = (work / name).read_text()
            assert now in (original, fixed[name]), (attempt, name)
        leftovers = [p.name for p in (work / "adr").iterdir() if p.name.startswith(".")]
        assert leftovers in ([], [f for f in leftovers if f.endswith(".tmp")]), leftovers


def test_killing_migrate_never_leaves_a_half_written_file(tmp_path):
    from conftest import FIXTURES

    source = tmp_path / "source"
    (source / "doc" / "adr").mkdir(parents=True)
    template = (FIXTURES / "formats" / "adr-tools" / "doc" / "adr" / "0001-record-architecture-decisions.md").read_text()
    for n in range(1, 301):
        (source / "doc" / "adr" / f"{n:04d}-record-{n}.md").write_text(template.replace("# 1. ", f"# {n}. "))
    (source / "mkdocs.yml").write_text("site_name: T\nplugins:\n  - decisions:\n      kinds: {adr: {directory: doc/adr}}\n")
    originals = {p.name: p.read_text() for p in (source / "doc" / "adr").iterdir()}
    finished = tmp_path / "finished"
    shutil.copytree(source, finished)
    subprocess.run([sys.executable, "-m", "mkdocs_decisions", "migrate", "--to", "native"], cwd=finished,
                   capture_output=True, timeout=300)
    migrated = {name: (finished / "doc" / "adr" / name).read_text() for name in originals}
    rng = random.Random(11)
    for attempt in range(8):
        work = tmp_path / f"run{attempt}"
        shutil.copytree(source, work)
        process = subprocess.Popen([sys.executable, "-m", "mkdocs_decisions", "migrate", "--to", "native"], cwd=work,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 1.5))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        for name in originals:
            assert (work / "doc" / "adr" / name).read_text() in (originals[name], migrated[name]), (attempt, name)


def test_serve_survives_records_deleted_renamed_and_half_written(tmp_path):
    import socket
    import urllib.request

    from conftest import FIXTURES
    from test_plugin import copy_archive

    copy_archive(FIXTURES / "good", tmp_path)
    make_site(tmp_path)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT)

    def index() -> str:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/adr/", timeout=5) as response:
                    return response.read().decode()
            except OSError:
                time.sleep(0.3)
        raise AssertionError((tmp_path / "serve.log").read_text())

    def wait_for(text: str, present: bool = True) -> str:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            page = index()
            if (text in page) == present:
                return page
            time.sleep(0.5)
        raise AssertionError((text, (tmp_path / "serve.log").read_text()))

    try:
        wait_for("Use Kafka for events")
        (tmp_path / "adr" / "0004-keep-monolith.md").unlink()
        wait_for("Split the monolith", present=False)
        (tmp_path / "adr" / "0001-record-decisions.md").rename(tmp_path / "adr" / "0009-record-decisions.md")
        wait_for("0009-record-decisions")
        (tmp_path / "adr" / "0003-use-kafka.md").write_text("---\nstatus: accepted\ndate: 20")  # half written
        page = wait_for("Use Kafka for events", present=False)
        assert "Use RabbitMQ for events" in page
        assert server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    assert "Traceback" not in (tmp_path / "serve.log").read_text()


def test_killing_new_with_supersedes_leaves_each_file_old_or_new(tmp_path):
    old_text = accepted_adr("Old")
    command = [sys.executable, "-m", "mkdocs_decisions", "new", "adr", "Newer", "--supersedes", "ADR-0001"]
    finished = tmp_path / "finished"
    (finished / "adr").mkdir(parents=True)
    (finished / "adr" / "0001-old.md").write_text(old_text)
    subprocess.run(command, cwd=finished, capture_output=True, timeout=120)
    old_after = (finished / "adr" / "0001-old.md").read_text()
    new_after = (finished / "adr" / "0002-newer.md").read_text()
    assert old_after != old_text
    rng = random.Random(5)
    for attempt in range(10):
        work = tmp_path / f"run{attempt}"
        (work / "adr").mkdir(parents=True)
        (work / "adr" / "0001-old.md").write_text(old_text)
        process = subprocess.Popen(command, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.1, 0.8))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        assert (work / "adr" / "0001-old.md").read_text() in (old_text, old_after), attempt
        created = work / "adr" / "0002-newer.md"
        assert not created.exists() or created.read_text() == new_after, attempt


# -- URLs from frontmatter, judged without the browser tests -------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("mailto:team@example.org", "mailto:team@example.org"),
        ("javascript:alert(1)", None),
        # controls and spaces at either end go, tabs and line breaks anywhere
        (" \x01https://example.org/\x02 ", "https://example.org/"),
        ("https://exa\tmple.org/\n", "https://example.org/"),
        # the scheme is read with spaces, controls and DEL inside left out
        ("ht tps://example.org/", "ht tps://example.org/"),
        ("ht\x7ftps://example.org/", "ht\x7ftps://example.org/"),
        ("java\x7fscript:alert(1)", None),
        # a colon before the first `/`, `?` or `#`, and no known scheme: refused
        ("_x:y", None),
        ("1:2/x", None),
        # a colon after them is part of a path, query or fragment
        ("/adr/0001-x/", "/adr/0001-x/"),
        ("x/_a:b/c", "x/_a:b/c"),
        ("x?a:b?c", "x?a:b?c"),
        ("x#a:b#c", "x#a:b#c"),
        ("", None),
        ("\x01 \x02", None),
    ],
)
def test_frontmatter_urls_keep_only_safe_schemes(url, expected):
    assert safe_href(url) == expected


def test_table_alignment_stays_and_no_other_style_does(tmp_path):
    """Markdown writes a table column's alignment as `style="text-align: …;"`:
    sanitising must keep it (real records align their tables) and still drop
    any other style, which could hide or move parts of the page."""
    make_site(tmp_path)
    accepted = accepted_adr("Align the table")
    (tmp_path / "adr").mkdir()
    (tmp_path / "adr" / "0001-align.md").write_text(
        accepted + "\n| left | centre | right |\n|:--|:-:|--:|\n| a | b | c |\n\n"
        '<table><tr><td style="text-align: center; position: fixed">x</td>'
        '<td style="color: red">y</td></tr></table>\n'
    )
    site = run_build(tmp_path / "mkdocs.yml")
    cells = soup(site / "adr" / "0001-align" / "index.html").select('[role="main"] :is(th, td)')
    assert [(cell.get_text(), cell.get("style")) for cell in cells] == [
        ("left", "text-align: left;"), ("centre", "text-align: center;"), ("right", "text-align: right;"),
        ("a", "text-align: left;"), ("b", "text-align: center;"), ("c", "text-align: right;"),
        ("x", None), ("y", None),
    ]
