"""MkDocs glue: MkDocs events call the core (`site.Site`), and nothing else happens here.

* `on_config` checks the options, puts our templates behind the theme's
  and links our CSS and JavaScript;
* `on_files` has the site planned (records, index pages, timeline, graph,
  handbook, feeds, assets: `site.py`), logs every finding, and adds the
  planned files to MkDocs' own;
* `on_nav` gathers those pages under one "Decisions" section;
* `on_env` hands the site the theme's templates;
* `on_page_content` sanitises a record's HTML (and, on a record page of the
  site's own, escapes its frontmatter for the theme) and marks where its card,
  banner, lineage and backlinks go; `on_page_context`, after the search
  plugins have indexed the page, fills those and the other
  `<!-- decisions:... -->` markers;
* `on_serve` watches the record directories, often outside `docs_dir`
  (records kept inside it stay the site's own pages: ADR-0018).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from .config import OPTIONS, ConfigError, Option, Settings, check_names, check_option
from .model import Severity
from .site import ASSET_DIR, ASSETS, TEMPLATES_DIR, PlannedFile, Site, markers_in
from .tuning import BuildTuning, collector_paused

log = get_plugin_logger(__name__)


class _Option(c.BaseConfigOption):
    """One option of the core's declaration (`config.OPTIONS`), checked by the core."""

    def __init__(self, option: Option) -> None:
        super().__init__()
        self.default = option.default
        self.doc = option.doc

    def run_validation(self, value: object) -> object:
        try:
            check_option(self._name, value)
        except ConfigError as error:
            raise base.ValidationError(str(error)) from None
        return value


class _CheckedByTheCore(base.Config):
    def validate(self) -> tuple[base.ConfigErrors, base.ConfigWarnings]:
        """Names first, as `decisions lint` checks them: an unknown one is an
        error with did-you-mean, not MkDocs' warning."""
        try:
            check_names(self)
        except ConfigError as error:
            return [(error.option, base.ValidationError(str(error)))], []
        return super().validate()


#: The plugin's options: one for each of `config.OPTIONS`, where each is
#: declared with its default and what it does. The core checks them, names
#: included, so `mkdocs build` says what `decisions lint` says.
DecisionsConfig = type(
    "DecisionsConfig", (_CheckedByTheCore,), {option.name: _Option(option) for option in OPTIONS}
)


class DecisionsPlugin(BasePlugin[DecisionsConfig]):
    """Publishes a repository's decision records as pages of the site."""

    def __init__(self) -> None:
        self._site: Site | None = None
        self._watched: list[str] = []  # the record folders, for `mkdocs serve`
        self._tuning = BuildTuning()
        #: the page whose markers on_page_context just filled, and its content before
        self._unfilled: tuple[Page, str] | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Check the options, put our templates behind the theme's, link our assets."""
        root = Path(config.config_file_path or ".").resolve().parent
        try:
            settings = Settings.from_mapping(self.config, root)
            self._site = Site(settings, site_name=config.site_name, site_url=config.site_url or "",
                              site_author=config.site_author or "", repo_url=config.repo_url or "",
                              edit_uri=config.edit_uri or "", docs_dir=os.path.relpath(config.docs_dir, root))
            folders = [settings.root / kind.directory for kind in settings.kinds]
            self._watched = [str(folder) for folder in folders if folder.is_dir()]
        except ConfigError as error:
            raise PluginError(f"decisions: invalid configuration: {error}") from None
        if TEMPLATES_DIR not in config.theme.dirs:
            config.theme.dirs.append(TEMPLATES_DIR)  # last: a theme's or custom_dir's own copy wins
        for name in ASSETS:
            target = config.extra_css if name.endswith(".css") else config.extra_javascript
            if f"{ASSET_DIR}/{name}" not in [str(item) for item in target]:
                target.append(f"{ASSET_DIR}/{name}")
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Read and check the archives, log what is wrong, add their pages."""
        assert self._site is not None
        with collector_paused():
            self._site.plan(_Sink(files, config))
        self._tuning.read(sum(len(published.archive.records) for published in self._site.published))
        for notice in self._site.notices:
            log.info(notice)
        for warning in self._site.warnings:
            log.warning(warning)
        errors = 0
        for label, d in self._site.findings:
            errors += d.severity is Severity.ERROR
            emit = {Severity.ERROR: log.error, Severity.WARNING: log.warning}.get(d.severity, log.info)
            emit("%s%s:%d:%d: %s: %s", label, d.path, d.line, d.column, d.rule, d.message)
        if errors and self.config.fail_on_error:
            raise PluginError(
                f"decisions: {errors} error(s) in decision records (see above); "
                "the build stops because fail_on_error is set"
            )
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """One "Decisions" section with the index pages (and, if asked, the
        records), instead of a section per record directory."""
        assert self._site is not None
        _gather_decisions(nav, self._site, config, files)
        return nav

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        self._site.use_env(env)  # type: ignore[union-attr] (on_config made it)
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.generated_by and self._site is not None and self._site.is_record(page.file.src_uri):
            page.file.content_string = ""  # MkDocs has read our record page: no need to keep its text twice
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A record's HTML sanitised, its ids linked, its header and footer
        marked; on a record page of the site's own, its frontmatter and title
        escaped for the theme, as on ours (`Site.escape_meta`)."""
        assert self._site is not None
        if not page.file.generated_by:
            page.title = self._site.escape_meta(page.file.src_uri, page.meta, page.title or "") or page.title
        return self._site.record_html(page.file.src_uri, html, page.url)

    @event_priority(-100)  # after the search plugins have indexed the page's text
    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
        """Fill the page's markers, the last moment before the theme renders it
        (what they add, cards, lineage, indexes, is not prose to index)."""
        if self._site is not None and page.content is not None:
            filled = self._site.fill(page.content, page.file.src_uri, page.url)
            if filled is not page.content:
                self._unfilled = (page, page.content)
                page.content = filled
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Give the page back its content from before the markers were filled
        (MkDocs keeps it until the build ends: both would raise the peak)."""
        if self._unfilled is not None and self._unfilled[0] is page:
            page.content = self._unfilled[1]
            self._unfilled = None
        return output

    @event_priority(50)  # before the search plugin writes its index, the build's peak of memory
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Let go of the archives and undo the tuning once every page is written."""
        self._site = None
        self._tuning.restore()

    def on_build_error(self, *, error: Exception) -> None:
        self._tuning.restore()

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when records change: their folders usually sit outside `docs_dir`."""
        for directory in self._watched:
            server.watch(directory)
        return server


class _Sink:
    """The site's plan, added to MkDocs' files."""

    def __init__(self, files: Files, config: MkDocsConfig) -> None:
        self.files = files
        self.config = config
        self._by_path: dict[str, File] | None = None
        self._markers: dict[str, str] | None = None
        self._claimed: set[str] = set()  # the site's own files the plan took as records or their files

    def exists(self, src_uri: str) -> bool:
        return self.files.get_file_from_path(src_uri) is not None

    def own(self, path: str) -> tuple[str, str] | None:
        if self._by_path is None:
            self._by_path = {
                os.path.realpath(file.abs_src_path): file
                for file in self.files if file.abs_src_path is not None and file.generated_by is None
            }
        file = self._by_path.get(os.path.realpath(path))
        if file is not None:
            self._claimed.add(file.src_uri)
        return None if file is None else (file.src_uri, file.url)

    def holding(self, marker: str) -> str | None:
        if self._markers is None:  # each page read once, for all the markers it holds
            self._markers = {}
            for file in self.files.documentation_pages():  # not the records: not read twice
                if file.generated_by is None and file.src_uri not in self._claimed:
                    for found in markers_in(file.content_string):
                        self._markers.setdefault(found, file.src_uri)
        return self._markers.get(marker)

    def add(self, planned: PlannedFile) -> str:
        # pages are listed in the navigation by on_nav, not where MkDocs would put them
        inclusion = InclusionLevel.INCLUDED if planned.in_nav else InclusionLevel.NOT_IN_NAV
        if planned.source is not None:
            file = File.generated(self.config, planned.src_uri, abs_src_path=planned.source)
        elif planned.src_uri.endswith(".md"):
            file = File.generated(self.config, planned.src_uri, content=planned.content, inclusion=inclusion)
        else:
            file = File.generated(self.config, planned.src_uri, content=planned.content)
        self.files.append(file)
        return file.url


def _gather_decisions(nav: Navigation, site: Site, config: MkDocsConfig, files: Files) -> None:
    """Put our pages in one "Decisions" section at the end of the navigation."""
    ours = set(site.listed)
    for published in site.published:
        ours.update(uri for uri in published.records if uri not in published.kept)
    if config.nav is None:  # MkDocs made a section per record directory
        nav.items = [item for item in nav.items if not _only_ours(item, ours)]
        nav.pages = [page for page in nav.pages if page.file.src_uri not in ours]
    listed = {page.file.src_uri for page in nav.pages}
    kind_indexes = {f"{kind.name}/index.md" for kind in site.settings.kinds}
    children: list[Any] = []
    for src_uri in site.listed:
        if src_uri in listed:
            continue
        file = files.get_file_from_path(src_uri)
        # MkDocs makes pages for files left out of the nav only after this event
        page = file.page or Page(None, file, config)
        if site.settings.records_in_nav and src_uri in kind_indexes:
            kind = src_uri.split("/", 1)[0]
            records = [
                found.page or Page(None, found, config) for uri in site.record_uris(kind)
                if (found := files.get_file_from_path(uri)) is not None
            ]
            children.append(Section(page.title or kind, [page, *records]))
        else:
            children.append(page)
    if children:
        section = Section("Decisions", children)
        nav.items.append(section)
        _link_section(section, nav)


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
