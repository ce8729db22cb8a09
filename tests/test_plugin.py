"""The MkDocs plugin, tested by building real sites with MkDocs' own `build()`."""

from __future__ import annotations

import json
import logging
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from conftest import FIXTURES, accepted_adr


def make_site(root: Path, plugin_options: str = "", theme: str = "mkdocs", extra: str = "") -> Path:
    """A project with docs/index.md and an mkdocs.yml using the plugin."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "index.md").write_text("# Home\n\nSee ADR-0001.\n")
    options = f"\n      {plugin_options}" if plugin_options else ""
    plugin = f"  - decisions:{options}" if options else "  - decisions"
    (root / "mkdocs.yml").write_text(
        f"site_name: Test\nsite_url: https://example.invalid/\ntheme:\n  name: {theme}\n{extra}plugins:\n  - search\n{plugin}\n"
    )
    return root / "mkdocs.yml"


def copy_archive(source: Path, root: Path) -> None:
    for kind in ("adr", "rfc"):
        if (source / kind).is_dir():
            shutil.copytree(source / kind, root / kind)


def run_build(config_file: Path, strict: bool = True) -> Path:
    site = config_file.parent / "site"
    config = load_config(str(config_file), site_dir=str(site), strict=strict)
    build(config)
    return site


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture
def good_site(tmp_path: Path) -> Path:
    copy_archive(FIXTURES / "good", tmp_path)
    (tmp_path / "adr" / "0003-use-kafka.md").write_text(
        (tmp_path / "adr" / "0003-use-kafka.md").read_text() + "\nThis replaces ADR-0002; see also [the first record](0001-record-decisions.md).\n"
    )
    return run_build(make_site(tmp_path))


def test_good_archive_builds_strict_with_every_page(good_site):
    for page in ("adr/index.html", "rfc/index.html", "timeline/index.html", "decisions.json",
                 "adr/0001-record-decisions/index.html", "adr/0003-use-kafka/index.html",
                 "rfc/0001-event-schema/index.html", "assets/decisions/decisions.js"):
        assert (good_site / page).is_file(), page


def test_record_page_has_card_with_metadata(good_site):
    page = soup(good_site / "adr" / "0003-use-kafka" / "index.html")
    card = page.select_one("dl.decisions-card")
    fields = {div.dt.get_text(): div.dd.get_text(" ", strip=True) for div in card.find_all("div")}
    assert fields == {
        "Id": "ADR-0003",
        "Status": "accepted",
        "Date": "2025-09-15",
        "Deciders": "carol",
        "Tags": "messaging",
    }
    assert page.h1.get_text() == "Use Kafka for events"
    assert page.title.get_text().startswith("Use Kafka for events")


def test_superseded_record_has_banner_linking_to_successor(good_site):
    page = soup(good_site / "adr" / "0002-use-rabbitmq" / "index.html")
    banner = page.select_one(".decisions-banner")
    assert "This decision has been superseded." in banner.get_text()
    link = banner.find("a")
    assert link.get_text() == "ADR-0003: Use Kafka for events"
    assert link["href"] == "../0003-use-kafka/"


def test_lineage_lists_predecessors_and_successors(good_site):
    newer = soup(good_site / "adr" / "0003-use-kafka" / "index.html")
    lineage = newer.select_one("section.decisions-lineage")
    assert [a.get_text() for a in lineage.select("ul a")] == ["ADR-0002: Use RabbitMQ for events"]
    assert lineage.find("h3").get_text() == "Supersedes"
    older = soup(good_site / "adr" / "0002-use-rabbitmq" / "index.html")
    assert older.select_one("section.decisions-lineage h3").get_text() == "Superseded by"


def test_backlinks_and_id_links_in_text(good_site):
    newer = soup(good_site / "adr" / "0003-use-kafka" / "index.html")
    reference = newer.find("a", class_="decisions-ref")
    assert (reference.get_text(), reference["href"]) == ("ADR-0002", "../0002-use-rabbitmq/")
    relative = newer.find("a", string="the first record")
    assert relative["href"] == "../0001-record-decisions/"
    first = soup(good_site / "adr" / "0001-record-decisions" / "index.html")
    backlinks = first.select_one("section.decisions-backlinks")
    assert [a.get_text() for a in backlinks.find_all("a")] == ["ADR-0003: Use Kafka for events"]


def test_index_groups_and_counts(good_site):
    page = soup(good_site / "adr" / "index.html")
    counts = {c["data-status"]: int(c.select_one("[data-decisions-count]").get_text()) for c in page.select(".decisions-count")}
    assert counts == {"accepted": 2, "rejected": 1, "superseded": 1}
    assert page.select_one("[data-decisions-total]").get_text() == "4"
    groups = {
        section.h2.contents[0].strip(): [row.td.get_text() for row in section.select("tbody tr")]
        for section in page.select("section.decisions-group")
    }
    assert groups == {
        "In force": ["ADR-0001", "ADR-0003"],
        "Superseded and deprecated": ["ADR-0002"],
        "Rejected and withdrawn": ["ADR-0004"],
    }
    assert page.select_one("form[data-decisions-filters]").has_attr("hidden")


def test_timeline_is_newest_first(good_site):
    page = soup(good_site / "timeline" / "index.html")
    dates = [item.time.get_text() for item in page.select(".decisions-timeline-list li")]
    assert dates == sorted(dates, reverse=True)
    assert len(dates) == 5


def test_decisions_json(good_site):
    data = json.loads((good_site / "decisions.json").read_text())
    by_id = {record["id"]: record for record in data["records"]}
    assert set(by_id) == {"ADR-0001", "ADR-0002", "ADR-0003", "ADR-0004", "RFC-0001"}
    assert by_id["ADR-0003"]["supersedes"] == ["ADR-0002"]
    assert by_id["ADR-0002"]["superseded_by"] == ["ADR-0003"]
    assert by_id["ADR-0003"]["url"] == "adr/0003-use-kafka/"
    assert by_id["RFC-0001"]["authors"] == ["dan"]
    assert by_id["ADR-0001"]["referenced_by"] == ["ADR-0003"]


def test_navigation_has_one_entry_per_kind(good_site):
    page = soup(good_site / "index.html")
    nav_links = [a.get_text(strip=True) for a in page.select(".navbar-nav a")]
    assert "Architecture decisions" in nav_links
    assert "Requests for comments" in nav_links
    assert "Decision timeline" in nav_links
    assert not any("Use Kafka" in text for text in nav_links)


def test_records_in_nav_option(tmp_path):
    copy_archive(FIXTURES / "good", tmp_path)
    site = run_build(make_site(tmp_path, "records_in_nav: true"))
    nav_links = [a.get_text(strip=True) for a in soup(site / "index.html").select(".navbar-nav a")]
    assert "Use Kafka for events" in nav_links


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ("---\nstatus: acepted\ndate: 2026-01-01\n---\n# T\n\nText\n",
         "adr/0001-x.md:2:9: unknown-status: unknown status 'acepted'"),
        ("---\nstatus: accepted\ndate: 2026-01-01\ndeciders: [a]\nsupersedes: [ADR-0042]\n---\n# T\n\nText\n",
         "adr/0001-x.md:5:14: missing-target: 'supersedes' names ADR-0042, which does not exist"),
        ("---\nstatus: accepted\n# T\n", "adr/0001-x.md:1:1: unterminated-frontmatter"),
        (b"---\nstatus: accepted\ndate: 2026-01-01\ndeciders: [\xff]\n---\n", "adr/0001-x.md:4:12: encoding"),
    ],
)
def test_invalid_record_fails_strict_build(tmp_path, caplog, record, message):
    (tmp_path / "adr").mkdir()
    path = tmp_path / "adr" / "0001-x.md"
    path.write_bytes(record if isinstance(record, bytes) else record.encode())
    config_file = make_site(tmp_path)
    with caplog.at_level(logging.WARNING), pytest.raises(Abort, match="in strict mode"):
        run_build(config_file)
    assert any(message in r.getMessage() for r in caplog.records), [r.getMessage() for r in caplog.records]


def test_fail_on_error_fails_without_strict(tmp_path, caplog):
    (tmp_path / "adr").mkdir()
    (tmp_path / "adr" / "0001-x.md").write_text("---\nstatus: acepted\ndate: 2026-01-01\n---\n# T\n\nText\n")
    run_build(make_site(tmp_path), strict=False)  # without the option, errors are only logged
    config_file = make_site(tmp_path, "fail_on_error: true")
    with pytest.raises(Abort):
        run_build(config_file, strict=False)
    assert "decisions: 1 error(s) in decision records (see above); the build stops because " \
        "fail_on_error is set" in caplog.text


def test_invalid_plugin_option_is_a_clear_error(tmp_path, caplog):
    with pytest.raises(Abort):
        run_build(make_site(tmp_path, "kinds: {adr: {directry: decisions}}"))
    assert "Plugin 'decisions' option 'kinds': kinds.adr: unknown option 'directry' (did you mean " \
        "'directory'?)" in caplog.text


def test_mkdocs_build_command_fails_naming_the_file(tmp_path):
    (tmp_path / "adr").mkdir()
    (tmp_path / "adr" / "0001-x.md").write_text("---\nstatus: accepted\ndate: 2026-02-30\ndeciders: [a]\n---\n# T\n\nText\n")
    make_site(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "adr/0001-x.md:3:7: invalid-date: date '2026-02-30' is not a valid ISO 8601 date" in result.stderr


def test_records_inside_docs_dir_keep_their_urls(tmp_path):
    copy_archive(FIXTURES / "good", tmp_path / "docs" / "decisions")
    site = run_build(make_site(tmp_path, "kinds: {adr: {directory: docs/decisions/adr}}"))
    page = soup(site / "decisions" / "adr" / "0003-use-kafka" / "index.html")
    assert page.select_one("dl.decisions-card")
    assert page.select_one(".decisions-backlinks, .decisions-lineage") is not None
    assert not (site / "adr" / "0003-use-kafka").exists()
    index = soup(site / "adr" / "index.html")
    hrefs = [a["href"] for a in index.select("table.decisions-table a")]
    assert "../decisions/adr/0003-use-kafka/" in hrefs


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs", "material"])
def test_themes_build(tmp_path, theme):
    copy_archive(FIXTURES / "good", tmp_path)
    site = run_build(make_site(tmp_path, theme=theme))
    page = soup(site / "adr" / "0002-use-rabbitmq" / "index.html")
    assert page.select_one(".decisions-banner a")["href"] == "../0003-use-kafka/"
    assert page.find("link", href="../../assets/decisions/decisions.css")


def test_material_dark_palette_builds(tmp_path):
    copy_archive(FIXTURES / "good", tmp_path)
    palette = "  palette:\n    - scheme: default\n    - scheme: slate\n"
    config_file = make_site(tmp_path, theme="material")
    text = config_file.read_text().replace("  name: material\n", "  name: material\n" + palette)
    config_file.write_text(text)
    site = run_build(config_file)
    assert soup(site / "adr" / "index.html").select_one("table.decisions-table")


def test_custom_dir_overrides_a_template(tmp_path):
    copy_archive(FIXTURES / "good", tmp_path)
    overrides = tmp_path / "overrides" / "decisions"
    overrides.mkdir(parents=True)
    (overrides / "record-header.html").write_text('<p class="house-style">{{ record.id }} is {{ record.status }}</p>')
    config_file = make_site(tmp_path)
    config_file.write_text(config_file.read_text().replace("  name: mkdocs\n", "  name: mkdocs\n  custom_dir: overrides\n"))
    site = run_build(config_file)
    page = soup(site / "adr" / "0003-use-kafka" / "index.html")
    assert page.select_one("p.house-style").get_text() == "ADR-0003 is accepted"
    assert page.select_one("dl.decisions-card") is None


def test_a_custom_index_can_make_its_own_rows(tmp_path):
    copy_archive(FIXTURES / "good", tmp_path)
    overrides = tmp_path / "overrides" / "decisions"
    overrides.mkdir(parents=True)
    (overrides / "index.html").write_text(
        "{% for group in groups %}{% for row in group.rows %}"
        '<p class="house-row">{{ row.id }} {{ row.status }} {{ row.url }}</p>'
        "{% endfor %}{% endfor %}"
    )
    config_file = make_site(tmp_path)
    config_file.write_text(config_file.read_text().replace("  name: mkdocs\n", "  name: mkdocs\n  custom_dir: overrides\n"))
    site = run_build(config_file)
    rows = [p.get_text() for p in soup(site / "adr" / "index.html").select("p.house-row")]
    assert rows == [
        "ADR-0001 accepted 0001-record-decisions/",
        "ADR-0003 accepted 0003-use-kafka/",
        "ADR-0002 superseded 0002-use-rabbitmq/",
        "ADR-0004 rejected 0004-keep-monolith/",
    ]


def _build_twice(tmp_path, monkeypatch, epochs: tuple[str, str]) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The same archive built in two folders at two build times: each site's files."""
    sites = []
    for name, epoch in zip(("one", "two"), epochs):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        root = tmp_path / name
        copy_archive(FIXTURES / "good", root)
        site = run_build(make_site(root))
        sites.append({p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()})
    assert sites[0].keys() == sites[1].keys()
    return sites[0], sites[1]


def test_two_builds_are_byte_identical(tmp_path, monkeypatch):
    first, second = _build_twice(tmp_path, monkeypatch, ("1770000000", "1770000000"))
    assert [name for name in first if first[name] != second[name]] == []
    assert not any(str(tmp_path).encode() in data for data in first.values())


def test_properdocs_builds_the_site(tmp_path):
    copy_archive(FIXTURES / "good", tmp_path)
    config_file = make_site(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", str(config_file)],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    page = soup(tmp_path / "site" / "adr" / "0003-use-kafka" / "index.html")
    assert page.select_one("dl.decisions-card")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def test_serve_rebuilds_when_a_record_changes(tmp_path):
    copy_archive(FIXTURES / "good", tmp_path)
    make_site(tmp_path)
    port = _free_port()
    log_file = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path, stdout=log_file, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/adr/0003-use-kafka/"
    try:
        deadline = time.monotonic() + 60
        page = None
        while time.monotonic() < deadline and page is None:
            try:
                page = _fetch(url)
            except OSError:
                time.sleep(0.3)
        assert page is not None and "Use Kafka for events" in page
        record = tmp_path / "adr" / "0003-use-kafka.md"
        record.write_text(record.read_text().replace("# Use Kafka for events", "# Use Redpanda for events"))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and "Use Redpanda for events" not in page:
            time.sleep(0.5)
            page = _fetch(url)
        assert "Use Redpanda for events" in page, (tmp_path / "serve.log").read_text()
    finally:
        server.terminate()
        server.wait(timeout=30)
        log_file.close()


def test_graph_page_links_every_drawn_record(good_site):
    page = soup(good_site / "graph" / "index.html")
    svg = page.find("svg", class_="decisions-graph")
    assert svg["role"] == "group"
    links = sorted(a["href"] for a in svg.find_all("a"))
    assert links == [
        "../adr/0001-record-decisions/", "../adr/0002-use-rabbitmq/", "../adr/0003-use-kafka/",
        "../adr/0004-keep-monolith/", "../rfc/0001-event-schema/",
    ]


def test_record_page_shows_its_lineage_graph(good_site):
    page = soup(good_site / "adr" / "0002-use-rabbitmq" / "index.html")
    svg = page.select_one("section.decisions-lineage svg")
    assert svg.find("title").get_text() == "Lineage of ADR-0002"
    assert [a["href"] for a in svg.find_all("a")] == ["../0003-use-kafka/"]  # itself is not a link
    lonely = soup(good_site / "adr" / "0001-record-decisions" / "index.html")
    assert lonely.select_one("section.decisions-lineage") is None


def test_files_beside_records_are_published(tmp_path):
    copy_archive(FIXTURES / "good", tmp_path)
    (tmp_path / "adr" / "diagram.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    record = tmp_path / "adr" / "0001-record-decisions.md"
    record.write_text(record.read_text() + "\n![The diagram](diagram.svg)\n")
    site = run_build(make_site(tmp_path))
    assert (site / "adr" / "diagram.svg").read_text() == '<svg xmlns="http://www.w3.org/2000/svg"/>'
    image = soup(site / "adr" / "0001-record-decisions" / "index.html").find("img", alt="The diagram")
    assert image["src"] == "../diagram.svg"


def test_max_file_bytes_option(tmp_path):
    (tmp_path / "adr").mkdir()
    (tmp_path / "adr" / "0001-x.md").write_text(accepted_adr() + "x" * 3000)
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nplugins:\n  - decisions:\n      max_file_bytes: 2048\n")
    from mkdocs_decisions.archive import Archive
    from mkdocs_decisions.config import load_settings

    result = Archive.load(load_settings(None, tmp_path)).check(select=["file-too-large"])
    assert [d.rule for d in result.diagnostics] == ["file-too-large"]


def test_builds_at_different_times_differ_only_in_mkdocs_sitemap(tmp_path, monkeypatch):
    first, second = _build_twice(tmp_path, monkeypatch, ("1770000000", "1800000000"))
    # MkDocs records the build date in its sitemap and in a comment on the
    # home page; every page of ours is the same
    assert sorted(name for name in first if first[name] != second[name]) == ["index.html", "sitemap.xml", "sitemap.xml.gz"]
    changed = set(first["index.html"].decode().splitlines()) ^ set(second["index.html"].decode().splitlines())
    assert all(line.startswith("Build Date UTC") for line in changed), changed


# -- a site that already has its records in docs_dir -------------------------------------


def _site_with_records_in_docs(root: Path, index: str) -> Path:
    adr = root / "docs" / "adr"
    adr.mkdir(parents=True)
    (adr / "0001-use-queues.md").write_text(accepted_adr("Use queues"))
    (adr / "0002-use-kafka.md").write_text(
        "# ADR-0002: Use Kafka\n\n> **Status**: Accepted\n> **Date**: 2026-01-10\n> **Deciders**: Ann\n\n"
        "## Context\n\nWe chose [queues](0001-use-queues.md) before.\n"
    )
    (adr / "index.md").write_text(index)
    (adr / "template.md").write_text("# Our template\n\nCopy me.\n")
    return make_site(root)


def test_the_sites_own_pages_in_a_record_folder_stay_its_own(tmp_path, caplog):
    config_file = _site_with_records_in_docs(tmp_path, "# Our decisions\n\nHow we decide.\n")
    with caplog.at_level(logging.INFO):
        site = run_build(config_file)
    assert soup(site / "adr" / "index.html").select_one('[role="main"]').get_text(" ", strip=True) == (
        "Our decisions How we decide."
    )
    assert soup(site / "adr" / "template" / "index.html").h1.get_text() == "Our template"
    rows = soup(site / "adr" / "records" / "index.html").select("table.decisions-table tbody tr")
    assert [row.a["href"] for row in rows] == ["../0001-use-queues/", "../0002-use-kafka/"]
    assert ("adr/index.md is a page of the site's own, without <!-- decisions:index adr --> in it: "
            "ours is adr/records.md") in caplog.text
    # the record's own link still resolves, and its page has our additions around its text
    kafka = soup(site / "adr" / "0002-use-kafka" / "index.html")
    assert kafka.find("a", string="queues")["href"] == "../0001-use-queues/"
    queues = soup(site / "adr" / "0001-use-queues" / "index.html")
    assert [a["href"] for a in queues.select(".decisions-backlinks a")] == ["../0002-use-kafka/"]


def test_the_index_goes_where_the_sites_own_page_has_its_marker(tmp_path):
    config_file = _site_with_records_in_docs(tmp_path, "# Our decisions\n\n<!-- decisions:index adr -->\n")
    site = run_build(config_file)
    assert len(soup(site / "adr" / "index.html").select("table.decisions-table tbody tr")) == 2
    assert not (site / "adr" / "records").exists()


@pytest.mark.parametrize("option, cards", [("", [True, False]), ("record_card: always", [True, True]),
                                           ("record_card: never", [False, False])])
def test_the_card_is_left_out_where_the_record_shows_its_fields(tmp_path, option, cards):
    config_file = _site_with_records_in_docs(tmp_path, "# Our decisions\n")
    if option:
        config_file.write_text(config_file.read_text().replace("  - decisions\n", f"  - decisions:\n      {option}\n"))
    site = run_build(config_file)
    shown = [soup(site / "adr" / page / "index.html").select_one("dl.decisions-card") is not None
             for page in ("0001-use-queues", "0002-use-kafka")]
    assert shown == cards


def test_no_records_found_is_a_warning_that_says_where_it_looked(tmp_path, caplog):
    config_file = make_site(tmp_path)
    with pytest.raises(Abort):
        run_build(config_file)
    assert ("no decision records found: looked for adr records in adr/ (none of adr/, docs/adr/, "
            "docs/decisions/, docs/architecture/decisions/, doc/adr/, doc/architecture/decisions/, "
            "decisions/ exists); rfc records in rfc/ (none of rfc/, rfcs/, docs/rfc/, docs/rfcs/ exists); "
            "name the folder with kinds.<kind>.directory in the plugin's options") in caplog.text


def test_another_repositorys_record_is_logged_as_info_and_a_strict_build_passes(tmp_path, caplog):
    """Info fails nothing: the strict build passes, and the finding is in MkDocs' log at INFO."""
    (tmp_path / "adr").mkdir()
    (tmp_path / "adr" / "0001-x.md").write_text(accepted_adr(extra="relates_to: [platform:ADR-0012]\n"))
    with caplog.at_level(logging.INFO):
        run_build(make_site(tmp_path))
    said = [(r.levelname, r.getMessage()) for r in caplog.records if "other-repository" in r.getMessage()]
    assert said == [("INFO", "mkdocs_decisions: adr/0001-x.md:5:14: other-repository: 'relates_to' names "
                     "platform:ADR-0012, a record of the repository 'platform': not checked here; a catalogue "
                     "whose sources include both repositories checks it")]
