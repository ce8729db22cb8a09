"""The handbook: pages, templates and worked examples, as a site publishes them."""

from __future__ import annotations

import posixpath
import urllib.parse
from pathlib import Path

import pytest

from conftest import FIXTURES
from test_plugin import copy_archive, make_site, run_build, soup

from mkdocs_decisions import handbook
from mkdocs_decisions.archive import Archive
from mkdocs_decisions.config import Settings

TEMPLATES = ("adr", "rfc", "technology-evaluation", "poc-plan", "roadmap", "technical-standard", "postmortem")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("handbook")
    copy_archive(FIXTURES / "good", root)
    return run_build(make_site(root, "handbook: true"))


def _links(page: Path, site: Path) -> set[Path]:
    """Local pages a built page links to."""
    found = set()
    for anchor in soup(page).find_all("a", href=True):
        href = urllib.parse.urlsplit(anchor["href"])
        if href.scheme or href.netloc or not href.path:
            continue
        target = (page.parent / href.path).resolve()
        if target.is_dir():
            target = target / "index.html"
        if target.is_file() and target.suffix == ".html":
            found.add(target)
    return found


def test_every_handbook_page_is_reachable_from_its_index(site):
    pages = {(site / "handbook" / name[:-3] / "index.html").resolve() for name in handbook.pages() if name != "index.md"}
    start = (site / "handbook" / "index.html").resolve()
    seen, pending = {start}, [start]
    while pending:
        current = pending.pop()
        for target in _links(current, site):
            if target not in seen and "handbook" in target.parts:
                seen.add(target)
                pending.append(target)
    assert pages - seen == set()
    assert len(pages) >= 11


def test_index_links_every_page_directly(site):
    index = soup(site / "handbook" / "index.html")
    linked = {posixpath.normpath(a["href"]).split("/")[0] for a in index.select("article a[href], div[role=main] a[href], .col-md-9 a[href]")}
    for name in handbook.pages():
        if name != "index.md":
            assert name[:-3] in linked, name


def test_each_template_is_shown_with_copy_button_and_download(site):
    shown = {}
    for page in (site / "handbook").rglob("index.html"):
        for figure in soup(page).select("figure.decisions-template"):
            link = figure.select_one("a.decisions-download")
            download = (page.parent / link["href"]).resolve()
            shown[link["download"][:-3]] = (figure, download)
    assert set(shown) == set(TEMPLATES)
    for name, (figure, download) in shown.items():
        builtin = handbook.templates(Settings.from_mapping(None, FIXTURES)).get(name)
        assert figure.select_one("button.decisions-copy").has_attr("hidden")  # shown by JavaScript only
        assert figure.code.get_text() == builtin.text
        assert download.read_text(encoding="utf-8") == builtin.text


def test_worked_examples_are_valid_records_published_with_cards(site):
    archive = Archive.load(handbook.examples_settings())
    assert len(archive.records) >= 3
    assert archive.check().diagnostics == []
    page = soup(site / "handbook" / "examples" / "adr" / "0015-migrate-to-event-driven-services" / "index.html")
    assert page.select_one("dl.decisions-card")
    lineage = page.select_one("section.decisions-lineage")
    assert [a.get_text() for a in lineage.select("ul a")] == ["ADR-0009: Keep a modular monolith"]


@pytest.mark.parametrize("kind", ["adr", "rfc"])
def test_new_records_from_every_record_template_build_into_a_site(tmp_path, project, kind):
    project.root = tmp_path
    created = project.run("new", kind, f"Our first {kind}", "--author", "Ann")
    assert created.returncode == 0, created.stderr
    lint = project.run("lint", "--format", "json")
    assert lint.returncode == 1  # only because the prompts are still there
    config_file = make_site(tmp_path, "handbook: false")
    site = run_build(config_file, strict=False)
    page = soup(site / kind / f"0001-our-first-{kind}" / "index.html")
    assert page.h1.get_text() == f"Our first {kind}"


def test_handbook_is_asked_for_trimmed_and_overridden(tmp_path):
    copy_archive(FIXTURES / "good", tmp_path)
    off = run_build(make_site(tmp_path))  # a product's docs get only the decision pages
    assert not (off / "handbook").exists()
    (tmp_path / "docs" / "handbook").mkdir(parents=True)
    (tmp_path / "docs" / "handbook" / "mentorship.md").write_text("# Our own mentoring\n\nSee the [index](index.md).\n")
    # links to a left-out page become plain text, so the build stays strict
    site = run_build(make_site(tmp_path, "handbook: true\n      handbook_exclude: [scenarios.md]"))
    assert not (site / "handbook" / "scenarios").exists()
    assert "Common scenarios" in soup(site / "handbook" / "index.html").get_text()
    assert soup(site / "handbook" / "mentorship" / "index.html").h1.get_text() == "Our own mentoring"
