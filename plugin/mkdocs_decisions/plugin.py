"""MkDocs glue: MkDocs events call the core, and nothing else happens here.

* `on_config` validates the options with the core's settings model;
* `on_files` reads and checks the archive, logs every finding, and adds one
  generated page per record, an index page per kind, a timeline, the assets
  and `decisions.json`;
* `on_nav` gathers those index pages under one "Decisions" section;
* `on_page_markdown` (once) sets up the theme's templates, with ours behind;
* `on_page_content` adds the card, banner, lineage and backlinks to record
  pages and fills the index and timeline markers;
* `on_serve` watches the record directories, which usually sit outside
  `docs_dir`.
"""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from .archive import Archive
from .config import ConfigError, Settings
from .model import Record, Severity
from .render.autolink import link_ids
from .render.pages import SitePages, export, relative_url, template_loader

log = get_plugin_logger(__name__)

ASSETS = ("decisions.css", "decisions.js")
ASSET_DIR = "assets/decisions"
INDEX_MARKER = "<!-- decisions:index {kind} -->"
TIMELINE_MARKER = "<!-- decisions:timeline -->"
GRAPH_MARKER = "<!-- decisions:graph -->"


class DecisionsConfig(base.Config):
    """The plugin's options; the core's `schemas/config.schema.json` checks them too."""

    kinds = c.Optional(c.Type(dict))
    """The kinds of record and where they live (default: `adr/` and `rfc/`)."""
    placeholders = c.Optional(c.ListOfItems(c.Type(str)))
    """Regular expressions for template text that must not be left in a record."""
    exclude = c.Optional(c.ListOfItems(c.Type(str)))
    """File name patterns inside kind directories that are not records."""
    id_width = c.Optional(c.Type(int))
    """Digits in a normalised id (4 gives ADR-0003)."""
    records_in_nav = c.Type(bool, default=False)
    """List every record page in the navigation, not only the index pages."""
    fail_on_error = c.Type(bool, default=False)
    """Fail the build on invalid records even without `--strict`."""
    timeline = c.Type(bool, default=True)
    """Publish a timeline page of every record, newest first."""
    graph = c.Type(bool, default=True)
    """Publish the supersession graph page, and lineage graphs on record pages."""


class DecisionsPlugin(BasePlugin[DecisionsConfig]):
    """Publishes a repository's decision records as pages of the site."""

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self._settings: Settings | None = None
        self._archive: Archive | None = None
        self._records: dict[str, Record] = {}  # src_uri -> record
        self._urls: dict[str, str] = {}  # record path -> page url
        self._generated: list[File] = []  # index and timeline pages, for the nav
        self._pages: SitePages | None = None

    # -- configuration -----------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._reset()
        options = {key: value for key, value in self.config.items() if value is not None}
        root = Path(config.config_file_path or ".").resolve().parent
        try:
            self._settings = Settings.from_mapping(options, root)
        except ConfigError as error:
            raise PluginError(f"decisions: invalid configuration: {error}") from None
        for name in ASSETS:
            target = config.extra_css if name.endswith(".css") else config.extra_javascript
            if f"{ASSET_DIR}/{name}" not in [str(item) for item in target]:
                target.append(f"{ASSET_DIR}/{name}")
        return config

    # -- files -------------------------------------------------------------------

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self._settings is not None
        archive = self._archive = Archive.load(self._settings)
        self._report(archive)
        self._remove_sources_inside_docs(files, config)
        inclusion = InclusionLevel.INCLUDED if self.config.records_in_nav else InclusionLevel.NOT_IN_NAV
        for record in archive.records:
            if not record.readable:
                continue
            kind = self._settings.kind(record.kind)
            src_uri = f"{kind.name}/{record.path[len(kind.directory) + 1:]}"
            content = f"---\ntitle: {json.dumps(record.title or record.slug)}\n---\n\n{record.body}"
            file = File.generated(config, src_uri, content=content, inclusion=inclusion)
            files.append(file)
            self._records[src_uri] = record
            self._urls[record.path] = file.url
        for kind in self._settings.kinds:
            has_records = any(r.kind == kind.name for r in archive.records)
            if (has_records or (self._settings.root / kind.directory).is_dir()) and not files.get_file_from_path(f"{kind.name}/index.md"):
                self._add_page(files, config, f"{kind.name}/index.md", kind.title, INDEX_MARKER.format(kind=kind.name))
        if self.config.timeline and not files.get_file_from_path("timeline.md"):
            self._add_page(files, config, "timeline.md", "Decision timeline", TIMELINE_MARKER)
        if self.config.graph and not files.get_file_from_path("graph.md"):
            self._add_page(files, config, "graph.md", "Supersession graph", GRAPH_MARKER)
        for name in ASSETS:
            data = resources.files(__package__).joinpath(f"assets/{name}").read_bytes()
            files.append(File.generated(config, f"{ASSET_DIR}/{name}", content=data))
        document = json.dumps(export(archive, self._urls), indent=2, ensure_ascii=False) + "\n"
        files.append(File.generated(config, "decisions.json", content=document))
        return files

    def _add_page(self, files: Files, config: MkDocsConfig, src_uri: str, title: str, marker: str) -> None:
        # listed in the nav by on_nav, not where MkDocs would put it
        file = File.generated(
            config, src_uri, content=f"# {title}\n\n{marker}\n", inclusion=InclusionLevel.NOT_IN_NAV
        )
        files.append(file)
        self._generated.append(file)

    def _remove_sources_inside_docs(self, files: Files, config: MkDocsConfig) -> None:
        """Record files kept inside `docs_dir` become our pages, not plain ones."""
        assert self._settings is not None
        directories = [os.path.realpath(self._settings.root / k.directory) for k in self._settings.kinds]
        for file in list(files):
            if file.abs_src_path is None or not file.src_uri.endswith(".md"):
                continue
            location = os.path.realpath(file.abs_src_path)
            if any(location.startswith(d + os.sep) for d in directories):
                files.remove(file)

    def _report(self, archive: Archive) -> None:
        result = archive.check()
        for d in result.diagnostics:
            emit = log.error if d.severity is Severity.ERROR else log.warning
            emit("%s:%d:%d: %s: %s", d.path, d.line, d.column, d.rule, d.message)
        if result.errors and self.config.fail_on_error:
            raise PluginError(
                f"decisions: {result.errors} error(s) in decision records (see above); "
                "the build stops because fail_on_error is set"
            )

    # -- navigation --------------------------------------------------------------

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """One "Decisions" section with the index pages (and, if asked, the
        records), instead of a section per record directory."""
        ours = {file.src_uri for file in self._generated} | set(self._records)
        if config.nav is None:  # MkDocs made a section per record directory
            nav.items = [item for item in nav.items if not _only_ours(item, ours)]
            nav.pages = [page for page in nav.pages if page.file.src_uri not in ours]
        listed = {page.file.src_uri for page in nav.pages}
        children: list[Any] = []
        for file in self._generated:
            if file.src_uri in listed:
                continue
            # MkDocs makes pages for files left out of the nav only after this event
            page = file.page or Page(None, file, config)
            if self.config.records_in_nav and file.src_uri.endswith("/index.md"):
                kind = file.src_uri.split("/", 1)[0]
                records = [
                    f.page or Page(None, f, config)
                    for f in files
                    if f.src_uri in self._records and f.src_uri.startswith(kind + "/")
                ]
                children.append(Section(page.title or kind, [page, *records]))
            else:
                children.append(page)
        if children:
            section = Section("Decisions", children)
            nav.items.append(section)
            _link_section(section, nav)
        return nav

    # -- pages -------------------------------------------------------------------

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self._pages is None:  # first page: MkDocs has not given plugins its env yet
            assert self._archive is not None
            env = config.theme.get_env()  # the theme's loader, with custom_dir first
            env.loader = jinja2.ChoiceLoader([env.loader, template_loader()]) if env.loader else template_loader()
            self._pages = SitePages(self._archive, self._urls, env)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        pages = self._pages
        if pages is None:
            return html
        record = self._records.get(page.file.src_uri)
        if record is not None:
            html = self._record_page(record, html, page.url)
        if "<!-- decisions:" in html:
            for kind in pages.archive.settings.kinds:
                marker = INDEX_MARKER.format(kind=kind.name)
                if marker in html:
                    html = html.replace(marker, pages.index(kind.name, page.url))
            if TIMELINE_MARKER in html:
                html = html.replace(TIMELINE_MARKER, pages.timeline(page.url))
            if GRAPH_MARKER in html:
                html = html.replace(GRAPH_MARKER, pages.graph(page.url))
        return html

    def _record_page(self, record: Record, html: str, page_url: str) -> str:
        assert self._pages is not None and self._archive is not None
        archive = self._archive
        pattern = archive.scheme.reference_pattern()

        def resolve(written: str) -> tuple[str, str] | None:
            target = archive.by_id.get(archive.scheme.normalise(written, record.kind) or "")
            if target is None or target is record or target.path not in self._urls:
                return None
            return relative_url(self._urls[target.path], page_url), target.title

        body = link_ids(html, pattern, resolve)
        header = self._pages.record_header(record, page_url)
        lineage = self._pages.lineage(record, page_url) if self.config.graph else ""
        footer = self._pages.record_footer(record, page_url, lineage)
        if body.lstrip().startswith("<h1"):
            end = body.index("</h1>") + len("</h1>")
            return body[:end] + header + body[end:] + footer
        title = markupsafe.escape(record.title or record.slug)
        return f"<h1>{title}</h1>\n{header}{body}{footer}"

    # -- serve -------------------------------------------------------------------

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        if self._settings is not None:
            for kind in self._settings.kinds:
                directory = self._settings.root / kind.directory
                if directory.is_dir():
                    server.watch(str(directory))
        return server


def _only_ours(item: Any, ours: set[str]) -> bool:
    """True for a nav item made only of our generated pages."""
    if isinstance(item, Section):
        return all(_only_ours(child, ours) for child in item.children)
    file = getattr(item, "file", None)
    return file is not None and file.src_uri in ours


def _link_section(section: Section, nav: Navigation) -> None:
    """Give pages added to the nav their parent and previous/next links."""
    pages: list[Page] = []

    def walk(item: Any, parent: Section) -> None:
        item.parent = parent
        if isinstance(item, Section):
            for child in item.children:
                walk(child, item)
        elif isinstance(item, Page):
            pages.append(item)

    for child in section.children:
        walk(child, section)
    section.parent = None
    previous = nav.pages[-1] if nav.pages else None
    for page in pages:
        page.previous_page = previous
        if previous is not None:
            previous.next_page = page
        previous = page
    if pages:
        pages[-1].next_page = None
    nav.pages.extend(pages)
