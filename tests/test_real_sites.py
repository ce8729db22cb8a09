"""Adding the plugin to real sites that nobody here wrote keeps everything of theirs.

Each site of `../shared/real-sites/` (public MkDocs sites that keep their
records inside `docs/`) is copied to a temporary folder and built twice with
MkDocs' own `build()`: as it is, and with `decisions` added to its plugins and
nothing else configured. Plugins whose packages are not installed here are
left out of both builds alike. A hooks file, which MkDocs runs after every
plugin, writes down what another plugin sees of the pages.
"""

from __future__ import annotations

import json
import logging
import os
import posixpath
import re
import shutil
from importlib.metadata import entry_points
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.utils.yaml import yaml_load

from conftest import REPO

REAL_SITES = REPO.parent / "shared" / "real-sites"
SITES = {
    # site: (records' folder in docs_dir, record files in it)
    "alberto-codes__gepa-adk": ("adr", 13),
    # its 000-TEMPLATE.md is the template to copy, by its name: a page of the site, no record
    "timo-reymann__mkdocs-decision-records-demo": ("adr", 3),
}
#: more sites to try by hand, the same way, without copying them anywhere:
#: DECISIONS_TRY_SITES="/path/to/site:adr:16,/other/site:docs/adr:70" (the
#: folder of mkdocs.yml, the records' folder in docs_dir, how many records)
TRIED = {
    path: (folder, int(count))
    for path, folder, count in (
        entry.rsplit(":", 2) for entry in os.environ.get("DECISIONS_TRY_SITES", "").split(",") if entry
    )
}

#: what a plugin that runs after ours sees: every page's file and frontmatter
HOOKS = '''\
import json, os

seen = {"files": {}, "meta": {}}

def on_files(files, config):
    for file in files.documentation_pages():
        seen["files"][file.src_uri] = [file.abs_src_path, file.url]

def on_page_markdown(markdown, page, config, files):
    seen["meta"][page.file.src_uri] = sorted(page.meta)

def on_post_build(config):
    with open(os.path.join(os.path.dirname(config.config_file_path), "seen.json"), "w") as out:
        json.dump(seen, out)
'''

#: a finding about a record, as the plugin logs it: "path:line:column: rule: message"
FINDING = re.compile(r"^(?:mkdocs_decisions: )?\S+:\d+:\d+: [a-z-]+: ")


def _copy(name: str, target: Path, with_plugin: bool) -> Path:
    shutil.copytree(REAL_SITES / name if name in SITES else name, target)
    config_file = target / "mkdocs.yml"
    with open(config_file, encoding="utf-8") as stream:
        config = yaml_load(stream)
    installed = {entry.name for entry in entry_points(group="mkdocs.plugins")}
    plugins = [p for p in config.get("plugins", []) if (p if isinstance(p, str) else next(iter(p))) in installed]
    config["plugins"] = plugins + (["decisions"] if with_plugin else [])
    config["hooks"] = ["hooks.py"]
    (target / "hooks.py").write_text(HOOKS, encoding="utf-8")
    config_file.write_text(yaml.dump(config, Dumper=yaml.Dumper, sort_keys=False), encoding="utf-8")
    return config_file


def _build(config_file: Path, caplog) -> tuple[Path, list[str]]:
    caplog.clear()
    site = config_file.parent / "site"
    with caplog.at_level(logging.INFO):
        build(load_config(str(config_file), site_dir=str(site)))
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    return site, warnings


def _pages(site: Path) -> set[str]:
    """The pages the theme made (not HTML files the site keeps as they are)."""
    return {
        path.relative_to(site).as_posix() for path in site.rglob("*.html")
        if re.search(r'md-content__inner|role="main"', path.read_text(encoding="utf-8", errors="replace"))
    }


def _article(site: Path, page: str) -> BeautifulSoup:
    """The page's main content, parsed as a browser parses it (HTML5)."""
    html = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html5lib")
    article = html.select_one("article.md-content__inner") or html.select_one('[role="main"]')
    assert article is not None, page
    return article


def _without_ours(article: BeautifulSoup) -> BeautifulSoup:
    """The page's own content: what the decisions added taken out (the ids
    in the text they linked are the text's own)."""
    for link in article.select("a.decisions-ref"):
        link.unwrap()
    for element in article.select('[class*="decisions-"]'):
        element.decompose()
    article.smooth()
    return article


def _text(article: BeautifulSoup) -> str:
    return " ".join(article.get_text(" ").split())


def _markup(article: BeautifulSoup) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every element and its attributes, in order: what sanitising could take away."""
    return [
        (element.name, sorted((name, " ".join(v) if isinstance(v, list) else v) for name, v in element.attrs.items()))
        for element in article.find_all(True)
    ]


def _resolves(site: Path, page: str, href: str) -> bool:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return False  # not a link inside the site
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
    path = site / target
    return path.is_file() or (path / "index.html").is_file()


@pytest.fixture(params=sorted(SITES) + sorted(TRIED))
def before_and_after(request, tmp_path, caplog):
    if request.param in SITES and not REAL_SITES.is_dir():
        pytest.skip(f"{REAL_SITES} is not here (the real sites are test data kept beside the project)")
    name = request.param
    before = _build(_copy(name, tmp_path / "before", with_plugin=False), caplog)
    after = _build(_copy(name, tmp_path / "after", with_plugin=True), caplog)
    return name, before, after, caplog


def test_every_page_stays_at_its_url_with_its_content(before_and_after):
    name, (before, _), (after, _), _ = before_and_after
    folder = {**SITES, **TRIED}[name][0]
    missing = _pages(before) - _pages(after)
    assert not missing
    for page in sorted(_pages(before)):
        if page == "404.html":
            continue
        own = _text(_article(before, page))
        if page.startswith(f"{folder}/") and page != f"{folder}/index.html":
            # a record page: its own text and markup, with our card and links around it
            kept = _without_ours(_article(after, page))
            assert _text(kept) == own, page
            assert _markup(kept) == _markup(_article(before, page)), page
        else:
            assert _text(_article(after, page)) == own, page
            assert _markup(_article(after, page)) == _markup(_article(before, page)), page


def test_every_link_that_resolved_still_resolves(before_and_after):
    _, (before, _), (after, _), _ = before_and_after
    for page in sorted(_pages(before)):
        hrefs = [a["href"] for a in _article(before, page).find_all("a", href=True)]
        kept = {a["href"] for a in _article(after, page).find_all("a", href=True)}
        for href in hrefs:
            if _resolves(before, page, href):
                assert href in kept, (page, href)
                assert _resolves(after, page, href), (page, href)


def test_other_plugins_see_the_same_files_and_frontmatter(before_and_after):
    _, (before, _), (after, _), _ = before_and_after
    seen_before = json.loads((before.parent / "seen.json").read_text())
    seen_after = json.loads((after.parent / "seen.json").read_text())
    for src_uri, (source, url) in seen_before["files"].items():
        assert src_uri in seen_after["files"], src_uri
        after_source, after_url = seen_after["files"][src_uri]
        assert Path(after_source).relative_to(after.parent) == Path(source).relative_to(before.parent)
        assert after_url == url
    for src_uri, keys in seen_before["meta"].items():
        assert seen_after["meta"][src_uri] == keys, src_uri


def test_no_new_warning_but_the_findings(before_and_after):
    _, (_, warned_before), (_, warned_after), _ = before_and_after
    new = [w for w in warned_after if not FINDING.match(w)]
    assert sorted(new) == sorted(warned_before)


def test_the_records_are_found_and_indexed_with_no_configuration(before_and_after):
    name, _, (after, _), caplog = before_and_after
    folder, count = {**SITES, **TRIED}[name]
    index = next(
        page for page in (f"{folder}/index.html", f"{folder}/records/index.html")
        if (after / page).is_file() and _article(after, page).select_one("table.decisions-table")
    )
    rows = _article(after, index).select("table.decisions-table tbody tr")
    assert len(rows) == count
    for link in _article(after, index).select("table.decisions-table a"):
        assert _resolves(after, index, link["href"]), link["href"]


def test_no_metadata_shown_twice(before_and_after):
    name, _, (after, _), _ = before_and_after
    folder = {**SITES, **TRIED}[name][0]
    for path in sorted((after / folder).rglob("index.html")):
        page = path.relative_to(after).as_posix()
        article = _article(after, page)
        if article.select_one("dl.decisions-card") is None:
            continue
        for code in article.select("pre, code"):  # `-> Status:` in a code sample is no field
            code.decompose()
        own = _text(_without_ours(article))
        assert not re.search(r"\b(Status|Date|Deciders)\s*:", own), page
