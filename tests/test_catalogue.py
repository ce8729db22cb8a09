"""A catalogue of several repositories, linted as one (RFC-0003, issue #21), run as users run it.

Three repositories in folders beside the catalogue's own: one in our format,
one in MADR's, one with a configuration of its own (another prefix). Links
between them are qualified by the source's name (`platform:ADR-0002`).
"""

from __future__ import annotations

import json
import subprocess

import pytest

from conftest import decisions

#: what the catalogue finds in payments' record, whichever way platform is read
PAYMENTS_FINDINGS = [
    "payments/adr/0001-use-kafka.md:5:14: error one-sided-link: payments:ADR-0001 supersedes platform:ADR-0002, "
    "but platform/docs/decisions/0002-everywhere.md does not say that it is superseded by payments:ADR-0001; "
    "add 'Superseded by payments:ADR-0001' there",
    "payments/adr/0001-use-kafka.md:6:14: error missing-target: 'relates_to' names platform:ADR-0099, which "
    "does not exist; link to an existing record by its id",
]
OTHER = ("a record of the repository 'platform': not checked here; a catalogue whose sources include both "
         "repositories checks it")


def built(catalogue, strict: bool):
    """The catalogue's site, built with a home page of its own (MkDocs' `build()`)."""
    from test_plugin import run_build
    (catalogue / "site/docs").mkdir()
    (catalogue / "site/docs/index.md").write_text("# Decisions\n")
    return run_build(catalogue / "site/mkdocs.yml", strict=strict)


@pytest.fixture
def catalogue(tmp_path):
    return make_catalogue(tmp_path)


def make_catalogue(tmp_path):
    """payments' ADR-0001 supersedes platform's ADR-0002 (MADR, which says so only once the
    test fixes it) and relates to platform:ADR-0099, which does not exist; security keeps
    its records as SEC-NNNN in `records/`, set in its own mkdocs.yml."""
    (tmp_path / "payments/adr").mkdir(parents=True)
    (tmp_path / "platform/docs/decisions").mkdir(parents=True)
    (tmp_path / "security/records").mkdir(parents=True)
    (tmp_path / "site").mkdir()
    (tmp_path / "payments/adr/0001-use-kafka.md").write_text(
        "---\nstatus: accepted\ndate: 2026-02-01\ndeciders: [ann]\nsupersedes: [platform:ADR-0002]\n"
        "relates_to: [platform:ADR-0099, security:SEC-1]\n---\n# Use Kafka for payment events\n\nText.\n")
    madr = ("# {title}\n\n* Status: {status}\n* Deciders: Bo\n* Date: 2025-0{month}-01\n\n"
            "## Context and Problem Statement\n\nText.\n\n## Decision Outcome\n\nChosen option: RabbitMQ.\n")
    (tmp_path / "platform/docs/decisions/0001-use-rabbitmq.md").write_text(
        madr.format(title="1. Use RabbitMQ", status="accepted", month=1))
    (tmp_path / "platform/docs/decisions/0002-everywhere.md").write_text(
        madr.format(title="2. Use RabbitMQ everywhere", status="accepted", month=2))
    (tmp_path / "security/mkdocs.yml").write_text(
        "site_name: S\nplugins:\n  - decisions:\n      kinds: {adr: {directory: records, prefix: SEC}}\n")
    (tmp_path / "security/records/0001-rotate-keys.md").write_text(
        "---\nstatus: accepted\ndate: 2026-01-05\ndeciders: [cy]\n---\n# Rotate keys yearly\n\nText.\n")
    (tmp_path / "site/mkdocs.yml").write_text(
        "site_name: Catalogue\nplugins:\n  - decisions:\n      sources:\n"
        "        - {name: payments, repo: ../payments}\n        - {name: platform, repo: ../platform}\n"
        "        - {name: security, repo: ../security}\n")
    return tmp_path


def test_a_catalogue_lints_every_source_and_the_links_between_them(catalogue):
    result = decisions("lint", cwd=catalogue / "site")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        *PAYMENTS_FINDINGS,
        "platform/docs/decisions/0002-everywhere.md:3:11: error stale-status: status is 'accepted' but "
        "payments:ADR-0001 replaced this record; set 'status: superseded' (decisions lint --fix does)",
    ]
    assert result.stderr == "3 error(s), 0 warning(s) in 4 record(s) of 3 source(s)\n"


def test_fixing_it_upstream_makes_the_catalogue_clean_and_each_source_says_what_it_cannot_check(catalogue):
    """The MADR record says `superseded by payments:ADR-0001` in its status; alone, each
    repository tells its links into the others as info, and exits 0."""
    record = catalogue / "platform/docs/decisions/0002-everywhere.md"
    record.write_text(record.read_text().replace("Status: accepted", "Status: superseded by payments:ADR-0001"))
    kafka = catalogue / "payments/adr/0001-use-kafka.md"
    kafka.write_text(kafka.read_text().replace("platform:ADR-0099, ", ""))
    result = decisions("lint", "--format", "json", cwd=catalogue / "site")
    assert (result.returncode, json.loads(result.stdout)["diagnostics"]) == (0, [])
    alone = decisions("lint", cwd=catalogue / "platform")
    assert (alone.returncode, alone.stdout) == (
        0, f"docs/decisions/0002-everywhere.md:3:25: info other-repository: 'superseded_by' names payments:ADR-0001, "
           f"{OTHER.replace('platform', 'payments')}\n")


def test_each_source_keeps_its_own_rules(catalogue):
    """security's own configuration (prefix SEC, folder records/) is read; a finding of a
    record's own is told under the source's folder, as that source's lint tells it."""
    (catalogue / "security/records/0002-no-status.md").write_text("---\ndate: 2026-01-06\n---\n# Keep logs\n\nText.\n")
    result = decisions("lint", cwd=catalogue / "site")
    assert "security/records/0002-no-status.md:2:1: error missing-field: " in result.stdout
    assert "security:SEC-0001" not in result.stdout  # payments' link to it resolved


@pytest.mark.parametrize(("sources", "message"), [
    ("[{name: a, repo: ../a}, {name: a, repo: ../b}]", "sources: the name 'a' is given twice; each source needs its own"),
    ("[{name: a, repo: 'https://bot:s3cret@git.example.org/a.git'}]",
     "sources: a: the URL carries credentials; remove them (git's credential helper gives them, and nothing "
     "here stores or prints them)"),
    ("[{name: a, repo: 'https://ghp_s3cret@git.example.org/a.git'}]",
     "sources: a: the URL carries credentials; remove them"),
    ("[{name: a, repo: ../a, ref: main}]", "sources: a: 'ref' is for a git URL; ../a is a folder, read as it is"),
    ("[{name: Payments, repo: ../p}]", "sources.0.name: 'Payments' does not match '^[a-z0-9][a-z0-9-]*$'"),
    ("[{name: a, repo: ../a, json: a.json}]",
     "sources: a: give either 'repo' (a folder or a git URL) or 'json' (a published decisions.json), one of them"),
    ("[{name: a, json: 'https://ci:s3cret@ci.example.org/a/decisions.json'}]",
     "sources: a: the URL carries credentials; remove them"),
    ("[{name: a, json: a.json, options: {exclude: []}}]",
     "sources: a: options: a published decisions.json was read with its repository's own options"),
    ("[{name: a, repo: ../a, options: {kind: {}}}]",
     "sources: a: options: 'kind' is not an option (did you mean 'kinds'?); a source is read with: "),
    ("[{name: a, repo: ../a, options: {handbook: true}}]", "sources: a: options: 'handbook' is the catalogue's own"),
    ("[{name: a, repo: ../a, options: {sources: []}}]", "sources: a: options: 'sources' is the catalogue's own"),
    ("[{name: a, repo: ../a, options: {exclude: README.md}}]",
     "sources: a: options: exclude: 'README.md' is not of type 'array'"),
])
def test_sources_the_catalogue_cannot_take_are_refused_by_name(tmp_path, sources, message):
    (tmp_path / "mkdocs.yml").write_text(f"site_name: C\nplugins:\n  - decisions:\n      sources: {sources}\n")
    result = decisions("lint", cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert "s3cret" not in result.stderr + result.stdout
    assert not (tmp_path / ".decisions-cache").exists()  # nothing was fetched


def test_a_source_that_is_not_there_is_a_warning_and_the_rest_is_linted(catalogue):
    config = catalogue / "site/mkdocs.yml"
    config.write_text(config.read_text() + "        - {name: billing, repo: ../billing}\n")
    result = decisions("lint", cwd=catalogue / "site")
    assert result.stderr.startswith("decisions: warning: source 'billing': ../billing is not a folder here\n")
    assert result.stdout.count("\n") == 3  # the three findings above


def test_the_catalogue_may_say_how_to_read_a_repository_it_cannot_change(catalogue):
    """A repository whose records are where discovery does not look, with no mkdocs.yml of
    its own: the catalogue's `options` for it are what its own would say; over a
    mkdocs.yml of its own, they replace the options they name. A kept source is read
    again when its options change, though nothing in it did."""
    from test_history import commit, git
    (catalogue / "billing/architecture").mkdir(parents=True)
    (catalogue / "billing/architecture/0001-invoice-monthly.md").write_text(
        "---\nstatus: accepted\ndate: 2026-01-05\ndeciders: [di]\nsupersedes: [security:BIL-0007]\n---\n"
        "# Invoice monthly\n\nText.\n")
    git(catalogue / "billing", "init", "-q", "-b", "main")
    commit(catalogue / "billing", "start", "2026-01-06T10:00:00+00:00")
    config = catalogue / "site/mkdocs.yml"
    billing = "        - {name: billing, repo: ../billing, options: {kinds: {adr: {directory: architecture%s}}}}\n"
    config.write_text(config.read_text() + "        - {name: billing, repo: ../billing}\n")
    unread = decisions("lint", cwd=catalogue / "site")
    assert "decisions: warning: source 'billing': no decision records found: " in unread.stderr

    config.write_text(config.read_text().replace("        - {name: billing, repo: ../billing}\n",
                                                 billing % ", prefix: BIL"))
    found = decisions("lint", cwd=catalogue / "site")
    assert "billing" not in found.stderr and "in 5 record(s) of 4 source(s)" in found.stderr
    assert ("billing/architecture/0001-invoice-monthly.md:5:14: error missing-target: 'supersedes' names "
            "security:BIL-0007, which does not exist; link to an existing record by its id") in found.stdout
    graph = decisions("graph", "--format", "json", cwd=catalogue / "site").stdout
    assert '"billing:BIL-0001"' in graph and '"billing:INV-0001"' not in graph
    kept = _kept(catalogue)["billing"]
    config.write_text(config.read_text().replace(billing % ", prefix: BIL", billing % ", prefix: INV"))
    graph = decisions("graph", "--format", "json", cwd=catalogue / "site").stdout
    assert '"billing:INV-0001"' in graph and '"billing:BIL-0001"' not in graph
    assert _kept(catalogue)["billing"] != kept

    # security's own mkdocs.yml says SEC; the catalogue's options say BIL, and payments' SEC-1 is gone
    assert "security:SEC-1" not in found.stdout
    config.write_text(config.read_text().replace(
        "repo: ../security}", "repo: ../security, options: {kinds: {adr: {directory: records, prefix: BIL}}}}"))
    overridden = decisions("lint", cwd=catalogue / "site").stdout
    assert "'relates_to' names security:SEC-1, which does not exist" in overridden
    assert "security:BIL-0007, which does not exist" in overridden

    config.write_text(config.read_text().replace(billing % ", prefix: INV", billing.replace("architecture", "nowhere") % ""))
    missing = decisions("lint", cwd=catalogue / "site")
    assert "decisions: warning: source 'billing': kinds.adr.directory: 'nowhere' does not exist" in missing.stderr


def test_every_real_archive_in_one_catalogue_finds_what_a_careful_reader_finds_in_each(tmp_path):
    """The seven real archives, read in place as one catalogue's sources with the options a
    catalogue's author writes for repositories it cannot change (their records at their
    root, or in peps/, keps/, teps/): the faults are those written down by hand for each
    archive alone (tests/test_formats.py), under each source's name, and no more. A link out
    of a source's folder is past its root here, where nothing can be known of it."""
    from test_formats import REAL, REAL_EXPECTED

    if not REAL.is_dir():
        pytest.skip(f"{REAL} is not here (it is in CI)")
    sources, expected = [], set()
    for number, (folder, facts) in enumerate(sorted(REAL_EXPECTED.items())):
        name = f"r{number}"
        kind = facts.get("kind", "adr")
        directory = facts.get("directory", "archive").replace("archive", ".", 1).removeprefix("./")
        preset = f"preset: {kind}, " if "kind" in facts else ""
        sources.append(f"        - {{name: {name}, repo: '{REAL / folder}', "
                       f"options: {{kinds: {{{kind}: {{{preset}directory: {directory}}}}}}}}}\n")
        expected |= {(f"{name}/{path.removeprefix('archive/')}", line, rule) for path, line, rule in facts["faults"]}
    (tmp_path / "mkdocs.yml").write_text("site_name: C\nplugins:\n  - decisions:\n      sources:\n" + "".join(sources))
    result = decisions("lint", "--format", "json", cwd=tmp_path)
    report = json.loads(result.stdout)
    assert {(d["path"], d["line"], d["rule"]) for d in report["diagnostics"]} == expected
    assert report["summary"]["records"] == sum(facts["records"] for facts in REAL_EXPECTED.values())
    assert result.stderr == ""  # every source read, none of them empty


def _kept(catalogue) -> dict[str, int]:
    """Each kept source's entry in the catalogue's cache, and when it was last written."""
    folder = catalogue / "site/.decisions-cache/.parsed"
    return {entry.stem: entry.stat().st_mtime_ns for entry in folder.glob("*.pickle")}


def _lines(catalogue) -> list[str]:
    return decisions("lint", cwd=catalogue / "site").stdout.splitlines()


def test_a_source_in_git_is_kept_and_read_again_only_once_something_it_holds_changed(catalogue):
    """Kept between runs; every kind of change is seen: an edit, a commit, a file git does
    not track yet, a record git ignores, the code that cites records. Only the changed
    source's entry is written again."""
    from test_history import commit, git
    for name in ("payments", "platform", "security"):
        git(catalogue / name, "init", "-q", "-b", "main")
        commit(catalogue / name, "start", "2026-01-01T10:00:00+00:00")
    first = _lines(catalogue)
    assert first == _lines(catalogue)[:3] == [*PAYMENTS_FINDINGS, first[2]] and "stale-status" in first[2]
    kept = _kept(catalogue)
    assert sorted(kept) == ["payments", "platform", "security"]
    assert _lines(catalogue) == first and _kept(catalogue) == kept  # nothing read or written again

    record = catalogue / "platform/docs/decisions/0002-everywhere.md"
    record.write_text(record.read_text().replace("Status: accepted", "Status: superseded by payments:ADR-0001"))
    assert _lines(catalogue) == PAYMENTS_FINDINGS[1:]
    changed = _kept(catalogue)
    assert [name for name in kept if changed[name] != kept[name]] == ["platform"]
    commit(catalogue / "platform", "supersede", "2026-01-02T10:00:00+00:00")
    assert _lines(catalogue) == PAYMENTS_FINDINGS[1:]

    (catalogue / "security/records/0002-keep-logs.md").write_text("---\ndate: 2026-01-06\n---\n# Keep logs\n")
    assert "security/records/0002-keep-logs.md:2:1: error missing-field: " in "\n".join(_lines(catalogue))
    (catalogue / "payments/.gitignore").write_text("adr/0002-*\n")
    commit(catalogue / "payments", "ignore", "2026-01-03T10:00:00+00:00")
    (catalogue / "payments/adr/0002-ignored.md").write_text("---\ndate: 2026-01-06\n---\n# Ignored by git\n")
    assert "payments/adr/0002-ignored.md:2:1: error missing-field: " in "\n".join(_lines(catalogue))
    (catalogue / "payments/orders.py").write_text("# ADR-0009 says so\n")
    git(catalogue / "payments", "add", "orders.py")
    assert "payments/orders.py:1:3: error cites-missing: " in "\n".join(_lines(catalogue))


def test_a_kept_entry_that_cannot_be_read_is_made_again(catalogue):
    from test_history import commit, git
    git(catalogue, "init", "-q", "-b", "main")  # all three sources are folders of one repository
    commit(catalogue, "start", "2026-01-01T10:00:00+00:00")
    first = _lines(catalogue)
    entry = catalogue / "site/.decisions-cache/.parsed/security.pickle"
    entry.write_bytes(b"not a pickle")
    assert _lines(catalogue) == first
    assert entry.read_bytes() != b"not a pickle"
    kept = _kept(catalogue)
    (catalogue / "security/records/0001-rotate-keys.md").touch()  # the others' folders did not change
    assert _lines(catalogue) == first
    assert [name for name, written in _kept(catalogue).items() if written != kept[name]] == ["security"]
    earlier = decisions("lint", "--today", "2026-01-15", cwd=catalogue / "site").stdout  # kept for another day
    assert "payments/adr/0001-use-kafka.md:3:7: error future-date: date 2026-02-01 is in the future" in earlier


def test_a_catalogue_is_linted_whole(catalogue):
    result = decisions("lint", "--fix", cwd=catalogue / "site")
    assert (result.returncode, result.stdout) == (2, "")
    assert "a catalogue (sources) is linted whole" in result.stderr


def test_a_catalogue_site_fails_strictly_on_a_dangling_link_and_builds_once_it_is_fixed(catalogue, caplog):
    """`mkdocs build --strict` of the catalogue names the citing repository's file and line;
    fixed upstream, one site: each source's records under /<source>/<kind>/, its own index,
    and lineage across sources, linked both ways."""
    import logging

    from bs4 import BeautifulSoup
    from mkdocs.exceptions import Abort
    from test_plugin import run_build

    (catalogue / "site/docs").mkdir()
    (catalogue / "site/docs/index.md").write_text("# Decisions\n")
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        run_build(catalogue / "site/mkdocs.yml")
    assert ("mkdocs_decisions: payments/adr/0001-use-kafka.md:6:14: missing-target: 'relates_to' names "
            "platform:ADR-0099, which does not exist") in caplog.text
    record = catalogue / "platform/docs/decisions/0002-everywhere.md"
    record.write_text(record.read_text().replace("Status: accepted", "Status: superseded by payments:ADR-0001"))
    kafka = catalogue / "payments/adr/0001-use-kafka.md"
    kafka.write_text(kafka.read_text().replace("platform:ADR-0099, ", ""))
    site = run_build(catalogue / "site/mkdocs.yml")
    for page in ("payments/adr/index.html", "platform/adr/index.html", "security/adr/index.html",
                 "security/adr/0001-rotate-keys/index.html", "graph/index.html", "decisions.json"):
        assert (site / page).is_file(), page
    kafka_page = BeautifulSoup((site / "payments/adr/0001-use-kafka/index.html").read_text(), "html.parser")
    assert [a["href"] for a in kafka_page.select(".decisions-lineage li a")] == [
        "../../../platform/adr/0002-everywhere/"]
    old = BeautifulSoup((site / "platform/adr/0002-everywhere/index.html").read_text(), "html.parser")
    assert [a["href"] for a in old.select(".decisions-banner a")] == ["../../../payments/adr/0001-use-kafka/"]
    index = BeautifulSoup((site / "platform/adr/index.html").read_text(), "html.parser")
    assert index.select_one("h1").get_text() == "Architecture decisions (platform)"
    ids = [record["id"] for record in json.loads((site / "decisions.json").read_text())["records"]]
    assert ids == ["payments:ADR-0001", "platform:ADR-0001", "platform:ADR-0002", "security:SEC-0001"]


def _git_says(where, *arguments: str) -> str:
    return subprocess.run(["git", "-C", str(where), *arguments], capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture
def remote(catalogue):
    """platform, also as a git repository served from a bare clone (a file:// URL), with a
    branch `next`; the catalogue reads it from there, at `next`."""
    from test_history import commit, git

    git(catalogue / "platform", "init", "-q", "-b", "main")
    commit(catalogue / "platform", "platform's decisions", "2026-01-02T09:00:00+00:00")
    git(catalogue / "platform", "checkout", "-q", "-b", "next")
    git(catalogue, "clone", "-q", "--bare", "platform", "platform.git")
    config = catalogue / "site/mkdocs.yml"
    config.write_text(config.read_text().replace(
        "{name: platform, repo: ../platform}", f"{{name: platform, repo: 'file://{catalogue}/platform.git', ref: next}}"))
    return catalogue


def test_a_git_source_is_fetched_when_missing_and_read_at_its_ref(remote):
    result = decisions("lint", cwd=remote / "site")
    assert result.stdout.count("\n") == 3  # the same three findings, platform read from its clone
    cached = remote / "site/.decisions-cache/platform"
    assert (cached / "docs/decisions/0002-everywhere.md").is_file()
    assert _git_says(cached, "rev-parse", "--abbrev-ref", "HEAD") == "HEAD"  # detached at the ref's commit
    assert _git_says(cached, "rev-parse", "HEAD") == _git_says(remote / "platform", "rev-parse", "next")


def test_fixing_a_git_source_upstream_and_syncing_passes(remote):
    """The dangling link fails naming the citing file and line; the fix is made in platform's
    repository and pushed; `decisions sources sync` fetches it; lint passes."""
    from test_history import commit, git

    kafka = remote / "payments/adr/0001-use-kafka.md"
    kafka.write_text(kafka.read_text().replace("platform:ADR-0099, ", ""))
    assert decisions("lint", cwd=remote / "site").returncode == 1
    record = remote / "platform/docs/decisions/0002-everywhere.md"
    record.write_text(record.read_text().replace("Status: accepted", "Status: superseded by payments:ADR-0001"))
    commit(remote / "platform", "superseded by payments", "2026-02-02T09:00:00+00:00")
    git(remote / "platform", "push", "-q", str(remote / "platform.git"), "next")
    assert decisions("lint", cwd=remote / "site").returncode == 1  # the cache is as it was fetched
    synced = decisions("sources", "sync", cwd=remote / "site")
    head = _git_says(remote / "platform", "rev-parse", "HEAD")
    assert (synced.returncode, synced.stdout) == (0, f"platform: {head[:12]}\n")
    result = decisions("lint", cwd=remote / "site")
    assert (result.returncode, result.stdout) == (0, "")


def test_a_git_source_that_cannot_be_fetched_is_a_warning_naming_it(remote):
    config = remote / "site/mkdocs.yml"
    config.write_text(config.read_text() + f"        - {{name: gone, repo: 'file://{remote}/gone.git'}}\n")
    result = decisions("lint", cwd=remote / "site")
    assert result.stderr.startswith(f"decisions: warning: source 'gone': cannot fetch file://{remote}/gone.git: "
                                    f"'{remote}/gone.git' does not appear to be a git repository\n")
    assert result.stdout.count("\n") == 3  # and the rest is linted
    synced = decisions("sources", "sync", cwd=remote / "site")
    assert synced.returncode == 1
    assert f"decisions: warning: source 'gone': cannot fetch: '{remote}/gone.git' does not appear" in synced.stderr


def test_two_local_sources_and_one_git_url_at_a_ref_make_one_strict_site(remote, caplog):
    """The issue's "done when": the dangling link fails the strict build at the citing file and
    line; fixed upstream (pushed to the git source's ref) and synced, the site builds, and
    decisions.json says each record's repository and the commit it was read at."""
    import logging

    from mkdocs.exceptions import Abort
    from test_history import commit, git
    from test_plugin import run_build

    (remote / "site/docs").mkdir()
    (remote / "site/docs/index.md").write_text("# Decisions\n")
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        run_build(remote / "site/mkdocs.yml")
    assert "payments/adr/0001-use-kafka.md:6:14: missing-target: 'relates_to' names platform:ADR-0099" in caplog.text
    kafka = remote / "payments/adr/0001-use-kafka.md"
    kafka.write_text(kafka.read_text().replace("platform:ADR-0099, ", ""))
    record = remote / "platform/docs/decisions/0002-everywhere.md"
    record.write_text(record.read_text().replace("Status: accepted", "Status: superseded by payments:ADR-0001"))
    commit(remote / "platform", "superseded by payments", "2026-02-02T09:00:00+00:00")
    git(remote / "platform", "push", "-q", str(remote / "platform.git"), "next")
    assert decisions("sources", "sync", cwd=remote / "site").returncode == 0
    site = run_build(remote / "site/mkdocs.yml")
    records = {r["id"]: r for r in json.loads((site / "decisions.json").read_text())["records"]}
    assert (records["platform:ADR-0002"]["repository"], records["platform:ADR-0002"]["commit"]) == (
        "platform", _git_says(remote / "platform", "rev-parse", "next"))
    assert (records["payments:ADR-0001"]["repository"], records["payments:ADR-0001"]["commit"]) == ("payments", "")
    assert records["payments:ADR-0001"]["supersedes"] == ["platform:ADR-0002"]


def test_review_and_refs_run_against_the_catalogue(catalogue):
    """What is due and where each record is cited, across sources, under qualified ids and paths."""
    kafka = catalogue / "payments/adr/0001-use-kafka.md"
    kafka.write_text(kafka.read_text().replace("date: 2026-02-01\n", "date: 2026-02-01\nreview_by: 2026-06-01\n"))
    (catalogue / "payments/app.py").write_text("QUEUE = 'kafka'  # ADR-0001\n")
    review = decisions("review", "--today", "2026-06-11", cwd=catalogue / "site")
    assert review.stdout == ("payments/adr/0001-use-kafka.md:4:12: payments:ADR-0001 (accepted) due for review "
                             "2026-06-01, 10 day(s) ago\n")
    refs = decisions("refs", "payments:ADR-0001", cwd=catalogue / "site")
    assert refs.stdout == "payments:ADR-0001 Use Kafka for payment events (accepted): payments/app.py:1\n"


def test_a_source_may_be_the_decisions_json_its_own_build_published(catalogue):
    """The merge path: platform's own site is built, and the catalogue reads its decisions.json
    instead of its files. The links across repositories are checked the same (where a record
    of the document says something, the finding is at its file's start: the document has no
    lines); a document that is not one is a warning naming it, with the line of its mistake."""
    from test_plugin import run_build

    (catalogue / "platform/docs/index.md").write_text("# Platform\n")
    (catalogue / "platform/mkdocs.yml").write_text("site_name: Platform\nplugins:\n  - decisions\n")
    run_build(catalogue / "platform/mkdocs.yml")
    config = catalogue / "site/mkdocs.yml"
    config.write_text(config.read_text().replace("{name: platform, repo: ../platform}",
                                                 "{name: platform, json: ../platform/site/decisions.json}"))
    result = decisions("lint", cwd=catalogue / "site")
    assert result.stdout.splitlines() == [
        *PAYMENTS_FINDINGS,
        "platform/docs/decisions/0002-everywhere.md:1:1: error stale-status: status is 'accepted' but "
        "payments:ADR-0001 replaced this record; change its status to 'superseded'",
    ]
    (catalogue / "platform/site/decisions.json").write_text('{"version": 1,\n "kinds": [}\n')
    broken = decisions("lint", cwd=catalogue / "site")
    assert broken.stderr.startswith("decisions: warning: source 'platform': ../platform/site/decisions.json: "
                                    "not JSON (line 2, column 12: Expecting value)\n")


def test_a_published_decisions_json_may_be_read_from_a_url(catalogue):
    """The site's author names the URL: it is read (here from a server on this machine)."""
    import functools
    import http.server
    import threading

    from test_plugin import run_build

    (catalogue / "platform/docs/index.md").write_text("# Platform\n")
    (catalogue / "platform/mkdocs.yml").write_text("site_name: Platform\nplugins:\n  - decisions\n")
    site = run_build(catalogue / "platform/mkdocs.yml")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/decisions.json"
        config = catalogue / "site/mkdocs.yml"
        config.write_text(config.read_text().replace("{name: platform, repo: ../platform}",
                                                     f"{{name: platform, json: '{url}'}}"))
        result = decisions("lint", cwd=catalogue / "site")
        assert "platform/docs/decisions/0002-everywhere.md:1:1: error stale-status" in result.stdout
        config.write_text(config.read_text().replace("/decisions.json", "/missing.json"))
        missing = decisions("lint", cwd=catalogue / "site")
        assert missing.stderr.startswith(f"decisions: warning: source 'platform': {url.replace('decisions', 'missing')}: ")
    finally:
        server.shutdown()
        server.server_close()


def test_one_index_of_every_source_with_a_source_column_and_filter(catalogue):
    """`all/`: every record of every source, grouped as each one's kind groups it, with the
    Source column and filter a page of one source has no use for."""
    from bs4 import BeautifulSoup

    site = built(catalogue, strict=False)  # the dangling link is logged
    page = BeautifulSoup((site / "all/index.html").read_text(), "html.parser")
    assert [th.get_text(strip=True) for th in page.select(".decisions-table th")] == [
        "Id", "Title", "Status", "Date", "Source", "Tags"]
    rows = page.select(".decisions-table tbody tr")
    assert sorted((row["data-source"], row.select("td")[0].get_text()) for row in rows) == [
        ("payments", "payments:ADR-0001"), ("platform", "platform:ADR-0001"), ("platform", "platform:ADR-0002"),
        ("security", "security:SEC-0001")]
    assert [o.get_text() for o in page.select('select[data-filter="source"] option')] == [
        "any", "payments", "platform", "security"]
    one = BeautifulSoup((site / "payments/adr/index.html").read_text(), "html.parser")
    assert "Source" not in [th.get_text(strip=True) for th in one.select(".decisions-table th")]


def test_graph_draws_the_supersessions_across_sources(catalogue):
    """`decisions graph` next to the catalogue: every source's records, the edge between two
    repositories, a qualified --focus and a source's kind for --kind."""
    result = decisions("graph", "--format", "json", cwd=catalogue / "site")
    document = json.loads(result.stdout)
    assert sorted(node["id"] for node in document["nodes"]) == [
        "payments:ADR-0001", "platform:ADR-0001", "platform:ADR-0002", "security:SEC-0001"]
    assert [(edge["from"], edge["to"]) for edge in document["edges"]] == [("platform:ADR-0002", "payments:ADR-0001")]
    focused = json.loads(decisions("graph", "--format", "json", "--focus", "payments:ADR-0001",
                                   cwd=catalogue / "site").stdout)
    assert sorted(node["id"] for node in focused["nodes"]) == ["payments:ADR-0001", "platform:ADR-0002"]
    one = json.loads(decisions("graph", "--format", "json", "--kind", "security:adr", cwd=catalogue / "site").stdout)
    assert [node["id"] for node in one["nodes"]] == ["security:SEC-0001"]


def test_the_graph_frames_each_source(catalogue):
    """Graphviz reads each source as a cluster, Mermaid's parser takes the subgraphs, and in
    the site's drawing every node sits inside its own frame: a source's, or the frame of the
    records linked across sources."""
    import xml.etree.ElementTree as ElementTree

    from mkdocs_decisions.layout import NODE_HEIGHT, NODE_WIDTH
    from test_graph import mermaid_parse
    site = catalogue / "site"
    dot = subprocess.run(["dot", "-Tjson"], input=decisions("graph", "--format", "dot", cwd=site).stdout,
                         capture_output=True, text=True, check=True)
    drawn = json.loads(dot.stdout)
    names = {index: item["name"] for index, item in enumerate(drawn["objects"])}
    clusters = {item["label"]: sorted(names[n] for n in item.get("nodes", []))
                for item in drawn["objects"] if item["name"].startswith("cluster_")}
    assert clusters == {"payments": ["payments:ADR-0001"], "platform": ["platform:ADR-0001", "platform:ADR-0002"],
                        "security": ["security:SEC-0001"]}
    mermaid = decisions("graph", "--format", "mermaid", cwd=site).stdout
    assert '  subgraph n_source_payments ["payments"]\n  n_payments_ADR_0001[' in mermaid
    assert mermaid_parse(mermaid).returncode == 0

    svg = ElementTree.fromstring(decisions("graph", "--format", "svg", cwd=site).stdout)
    ns = {"svg": "http://www.w3.org/2000/svg"}
    frames = {}
    for group in svg.iterfind(".//svg:g[@class='decisions-cluster']", ns):
        rect = group.find("svg:rect", ns)
        frames[group.get("data-source")] = [float(rect.get(a)) for a in ("x", "y", "width", "height")]
    assert sorted(frames) == ["across sources", "platform", "security"]
    inside = {}
    for node in svg.iterfind(".//svg:g[@class='decisions-node']", ns):
        rect = node.find("svg:rect", ns)
        x, y = float(rect.get("x")), float(rect.get("y"))
        record_id = node.find("svg:title", ns).text.split(": ")[0]
        inside[record_id] = [name for name, (fx, fy, fw, fh) in frames.items()
                             if fx <= x and x + NODE_WIDTH <= fx + fw and fy <= y and y + NODE_HEIGHT <= fy + fh]
    assert inside == {"payments:ADR-0001": ["across sources"], "platform:ADR-0002": ["across sources"],
                      "platform:ADR-0001": ["platform"], "security:SEC-0001": ["security"]}


def test_the_sources_page_rolls_governance_up_per_source_and_the_navigation_stays_short(catalogue, monkeypatch):
    """One row per source: its records, what is in force and proposed, open for comment,
    due for review (and overdue), in force without an owner, its owners, its indexes and
    commit. The navigation lists Sources, not every source's index pages."""
    from bs4 import BeautifulSoup

    (catalogue / "payments/mkdocs.yml").write_text(
        "site_name: P\nplugins:\n  - decisions:\n      kinds: {adr: {review_after: 12 months}}\n")
    (catalogue / "payments/adr/0002-old.md").write_text(
        "---\nstatus: accepted\ndate: 2024-01-01\ndeciders: [ann]\nowner: team-pay\n---\n# Old\n\nText.\n")
    (catalogue / "payments/adr/0003-open.md").write_text(
        "---\nstatus: proposed\ndate: 2026-11-01\ndeciders: [ann]\nowners: [team-pay, bo]\n"
        "comment_until: 2099-01-01\n---\n# Open\n\nText.\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796342400")  # 2026-12-04: payments' ADR-0001 is due on 2027-02-01
    site = built(catalogue, strict=False)  # the dangling link is logged
    page = BeautifulSoup((site / "sources/index.html").read_text(), "html.parser")
    table = {row["data-source"]: [cell.get_text(" ", strip=True) for cell in row.select("th, td")]
             for row in page.select(".decisions-sources tbody tr")}
    assert table == {
        "payments": ["payments", "Architecture decisions", "3", "2", "1", "1", "1 (1 overdue)", "1", "bo, team-pay", ""],
        "platform": ["platform", "Architecture decisions", "2", "2", "0", "0", "0", "2", "", ""],
        "security": ["security", "Architecture decisions", "1", "1", "0", "0", "0", "1", "", ""],
    }
    link = page.select_one('tr[data-source="security"] a')["href"]
    assert (site / "sources" / link / "index.html").resolve() == (site / "security/adr/index.html").resolve()
    nav = BeautifulSoup((site / "index.html").read_text(), "html.parser")
    titles = [a.get_text(strip=True) for a in nav.select(".navbar a.dropdown-item, .navbar a.nav-link")]
    assert "Sources" in titles and "All decisions" in titles
    assert not any("(payments)" in title for title in titles)


def test_each_source_tells_its_records_status_history_from_its_own_git(catalogue):
    """payments' record was proposed, then accepted, in payments' own git; the catalogue's
    record page shows both, its decisions.json has them, and What changed lists them.
    security is not in git: its records have no history, and the build still passes."""
    from bs4 import BeautifulSoup
    from test_history import commit, git

    kafka = catalogue / "payments/adr/0001-use-kafka.md"
    accepted = kafka.read_text()
    kafka.write_text(accepted.replace("status: accepted", "status: proposed"))
    git(catalogue / "payments", "init", "-q", "-b", "main")
    commit(catalogue / "payments", "Propose Kafka", "2026-01-05T09:00:00+00:00")
    kafka.write_text(accepted)
    commit(catalogue / "payments", "Accept Kafka", "2026-02-10T09:00:00+00:00")
    site = built(catalogue, strict=False)  # the dangling link is logged
    page = BeautifulSoup((site / "payments/adr/0001-use-kafka/index.html").read_text(), "html.parser")
    rows = [item.get_text(" ", strip=True) for item in page.select("section.decisions-history li")]
    assert [row.split()[:2] for row in rows] == [["2026-01-05", "proposed"], ["2026-02-10", "accepted"]]
    records = {r["id"]: r for r in json.loads((site / "decisions.json").read_text())["records"]}
    assert [entry["status"] for entry in records["payments:ADR-0001"]["history"]["statuses"]] == ["proposed", "accepted"]
    assert records["security:SEC-0001"].get("history") is None
    changes = BeautifulSoup((site / "changes/index.html").read_text(), "html.parser").select_one(".decisions-changes")
    assert "payments:ADR-0001" in changes.get_text(" ")


def test_ids_written_in_prose_link_across_sources(catalogue):
    """In payments' text, `platform:ADR-0002` links to platform's record and a bare ADR-0001
    to payments' own; a repository the catalogue does not hold links nowhere. platform's
    page lists payments' record among those that refer to it. Built alone, payments links
    no qualified id to a record of its own that has the same number."""
    from bs4 import BeautifulSoup
    from test_plugin import run_build

    (catalogue / "payments/adr/0002-retry.md").write_text(
        "---\nstatus: accepted\ndate: 2026-03-01\ndeciders: [ann]\n---\n# Retry payments\n\n"
        "Builds on ADR-0001 and platform:ADR-0002 (also platform:adr 2), not billing:ADR-0001.\n")
    site = built(catalogue, strict=False)  # the dangling link is logged
    here = site / "payments/adr/0002-retry"
    page = BeautifulSoup((here / "index.html").read_text(), "html.parser")
    links = {a.get_text(): (here / a["href"]).resolve() for a in page.select("a.decisions-ref")}
    assert links == {"ADR-0001": (site / "payments/adr/0001-use-kafka").resolve(),
                     "platform:ADR-0002": (site / "platform/adr/0002-everywhere").resolve(),
                     "platform:adr 2": (site / "platform/adr/0002-everywhere").resolve()}
    referred = BeautifulSoup((site / "platform/adr/0002-everywhere/index.html").read_text(), "html.parser")
    assert "payments:ADR-0002" in referred.select_one(".decisions-backlinks").get_text(" ")

    (catalogue / "payments/docs").mkdir()
    (catalogue / "payments/docs/index.md").write_text("# Payments\n")
    (catalogue / "payments/mkdocs.yml").write_text("site_name: P\nplugins:\n  - decisions\n")
    alone = run_build(catalogue / "payments/mkdocs.yml")
    page = BeautifulSoup((alone / "adr/0002-retry/index.html").read_text(), "html.parser")
    assert [a.get_text() for a in page.select("a.decisions-ref")] == ["ADR-0001"]


def test_a_source_without_records_is_a_warning_that_says_where_it_looked(catalogue):
    (catalogue / "billing/src").mkdir(parents=True)
    config = catalogue / "site/mkdocs.yml"
    config.write_text(config.read_text() + "        - {name: billing, repo: ../billing}\n")
    result = decisions("lint", cwd=catalogue / "site")
    assert result.stderr.startswith(
        "decisions: warning: source 'billing': no decision records found: looked for adr records in adr/ (none of adr/")
    assert result.stdout.count("\n") == 3  # the three findings of the others


def test_links_into_a_sources_repository_lead_to_its_viewer_and_its_images_are_published(catalogue):
    """A record's links to its repository's other files point at the source's repository
    viewer (from its own mkdocs.yml, with MkDocs' default edit_uri for GitHub), or stay words
    when it names none; images beside records are published with them, links between
    records and links in code are left alone, and the strict build passes. The places its
    code cites a record link to the same viewer."""
    from bs4 import BeautifulSoup

    (catalogue / "payments/mkdocs.yml").write_text("site_name: P\nrepo_url: https://github.com/acme/payments\n")
    (catalogue / "payments/adr/flow.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (catalogue / "payments/docs").mkdir()
    (catalogue / "payments/docs/guide.md").write_text("# Guide\n\n## Retries\n")
    (catalogue / "security/ops").mkdir()
    (catalogue / "security/ops/runbook.md").write_text("# Runbook\n")
    (catalogue / "payments/orders.py").write_text("import kafka\n# ADR-0001 says so\n")
    (catalogue / "payments/adr/0002-retry.md").write_text(
        "---\nstatus: accepted\ndate: 2026-03-01\ndeciders: [ann]\n---\n# Retry payments\n\n"
        "See [the guide](../docs/guide.md#retries), [Kafka](0001-use-kafka.md) and ![flow](flow.png).\n\n"
        "```markdown\n[kept](../docs/guide.md)\n```\n")
    (catalogue / "security/records/0002-audit.md").write_text(
        "---\nstatus: accepted\ndate: 2026-03-01\ndeciders: [cy]\n---\n# Audit\n\nRead [the runbook](../ops/runbook.md).\n")
    record = catalogue / "platform/docs/decisions/0002-everywhere.md"
    record.write_text(record.read_text().replace("Status: accepted", "Status: superseded by payments:ADR-0001"))
    kafka = catalogue / "payments/adr/0001-use-kafka.md"
    kafka.write_text(kafka.read_text().replace("platform:ADR-0099, ", ""))
    site = built(catalogue, strict=True)  # strict: no link leads nowhere
    here = site / "payments/adr/0002-retry"
    page = BeautifulSoup((here / "index.html").read_text(), "html.parser")
    body = page.select_one("img").find_parent("p")
    assert [(a.get_text(), a["href"]) for a in body.select("a")] == [
        ("the guide", "https://github.com/acme/payments/blob/master/docs/guide.md#retries"),
        ("Kafka", "../0001-use-kafka/")]
    assert (here / page.select_one("img")["src"]).resolve() == (site / "payments/adr/flow.png").resolve()
    assert page.select_one("pre code").get_text() == "[kept](../docs/guide.md)\n"
    audit = BeautifulSoup((site / "security/adr/0002-audit/index.html").read_text(), "html.parser")
    assert "Read the runbook." in audit.get_text(" ") and not audit.select('a[href*="runbook"]')
    cited = BeautifulSoup((site / "payments/adr/0001-use-kafka/index.html").read_text(), "html.parser")
    assert [a["href"] for a in cited.select("section.decisions-citations a")] == [
        "https://github.com/acme/payments/blob/master/orders.py#L2"]
