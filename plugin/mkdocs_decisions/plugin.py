"""MkDocs glue: MkDocs events call the core, and nothing else happens here.

* `on_config` validates the options with the core's settings model (and,
  on glibc, holds malloc's mmap threshold where it starts: ADR-0013);
* `on_files` reads and checks the archive, logs every finding, and adds one
  generated page per record, an index page per kind, the timeline and graph
  pages, the handbook (with its worked examples, which are records too), the
  assets and `decisions.json`;
* `on_nav` gathers those pages under one "Decisions" section;
* `on_page_markdown` (once) sets up the theme's templates, with ours behind;
* `on_page_content` links ids in records' text and marks where their card,
  banner, lineage and backlinks go; `on_page_context`, after the search
  plugin has indexed the page, fills those and the other
  `<!-- decisions:... -->` markers;
* `on_serve` watches the record directories, which usually sit outside
  `docs_dir`.
"""

from __future__ import annotations

import ctypes
import dataclasses
import gc
import json
import os
import posixpath
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from . import handbook, history
from .archive import Archive, collector_paused, discover
from .config import ConfigError, Settings
from .model import Record, Severity
from .render import sanitize
from .render.autolink import link_ids
from .render.feed import atom
from .render.pages import SitePages, export, export_json, relative_url, template_loader

log = get_plugin_logger(__name__)

ASSETS = ("decisions.css", "decisions.js")
ASSET_DIR = "assets/decisions"
INDEX_MARKER = "<!-- decisions:index {kind} -->"
TIMELINE_MARKER = "<!-- decisions:timeline -->"
GRAPH_MARKER = "<!-- decisions:graph -->"
IN_FORCE_MARKER = "<!-- decisions:in-force -->"
CHANGES_MARKER = "<!-- decisions:changes -->"
TEMPLATE_MARKER = "<!-- decisions:template {name} -->"
HEADER_MARKER = "<!-- decisions:record-header -->"
FOOTER_MARKER = "<!-- decisions:record-footer -->"
_M_MMAP_THRESHOLD = -3  # mallopt's parameter, from glibc's malloc.h
_MMAP_THRESHOLD = 128 * 1024  # glibc's starting value


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
    max_file_bytes = c.Optional(c.Type(int))
    """Records larger than this are reported instead of read (default 1 MiB)."""
    field_aliases = c.Optional(c.Type(dict))
    """Field names written otherwise (`decision-makers`) and the field each stands for."""
    records_in_nav = c.Type(bool, default=False)
    """List every record page in the navigation, not only the index pages."""
    fail_on_error = c.Type(bool, default=False)
    """Fail the build on invalid records even without `--strict`."""
    timeline = c.Type(bool, default=True)
    """Publish a timeline page of every record, newest first."""
    graph = c.Type(bool, default=True)
    """Publish the supersession graph page, and lineage graphs on record pages."""
    handbook = c.Type(bool, default=True)
    """Publish the engineering handbook and its templates."""
    handbook_prefix = c.Type(str, default="handbook/")
    """Where the handbook's pages go in the site."""
    handbook_exclude = c.ListOfItems(c.Type(str), default=[])
    """Handbook pages to leave out, by file name (e.g. `mentorship.md`)."""
    templates_dir = c.Optional(c.Type(str))
    """A folder of the team's own templates, which override ours."""
    history = c.Type(bool, default=True)
    """Show each record's creation, last change and status history, read from git."""
    in_force_page = c.Type(bool, default=True)
    """Publish a page of the decisions in force, with their amendments."""
    changes = c.Type(bool, default=True)
    """Publish what changed (from git) as a page and as an Atom feed, decisions.atom."""
    mutable_fields = c.Optional(c.ListOfItems(c.Type(str)))
    """Fields an accepted record may still change (`decisions lint --since`)."""


@dataclasses.dataclass
class _Published:
    """One archive on the site: the project's own, or the handbook's examples."""

    archive: Archive
    prefix: str  # where its pages go, e.g. "" or "handbook/examples/"
    records: dict[str, Record] = dataclasses.field(default_factory=dict)  # src_uri -> record
    urls: dict[str, str] = dataclasses.field(default_factory=dict)  # record path -> page url
    pages: SitePages | None = None
    history: history.History | None = None


class DecisionsPlugin(BasePlugin[DecisionsConfig]):
    """Publishes a repository's decision records as pages of the site."""

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self._settings: Settings | None = None
        self._published: list[_Published] = []
        self._generated: list[File] = []  # index, timeline, graph, handbook index: for the nav
        self._templates: dict[str, handbook.Template] = {}
        self._env: jinja2.Environment | None = None
        self._frozen = False
        #: the page whose markers on_page_context just filled, and its content before
        self._unfilled: tuple[Page, str] | None = None

    # -- configuration -----------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._reset()
        _keep_large_blocks_out_of_the_heap()
        options = {key: value for key, value in self.config.items() if value is not None}
        root = Path(config.config_file_path or ".").resolve().parent
        try:
            self._settings = Settings.from_mapping(options, root)
            if self.config.handbook:
                self._templates = handbook.templates(self._settings)
        except ConfigError as error:
            raise PluginError(f"decisions: invalid configuration: {error}") from None
        for name in ASSETS:
            target = config.extra_css if name.endswith(".css") else config.extra_javascript
            if f"{ASSET_DIR}/{name}" not in [str(item) for item in target]:
                target.append(f"{ASSET_DIR}/{name}")
        return config

    # -- files -------------------------------------------------------------------

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Read and check the archive and add its pages (`_add_files`), with
        the cycle collector kept off the archive.

        Reading makes hundreds of thousands of objects that live until the
        build ends and form no cycles; each collection they set off walked
        all of them again (0.45 s of a 12,500-record build), so the collector
        is off meanwhile. Then they are frozen (until `on_post_build`), so
        the full collections while pages are built skip them. No collection
        first: reading leaves no cycles behind (one found nothing to free at
        12,500 records, and took 0.11 s).
        """
        with collector_paused():
            files = self._add_files(files, config)
        gc.freeze()
        self._frozen = True
        return files

    def _add_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self._settings is not None
        settings = self._settings
        self._remove_sources_inside_docs(files)
        main = self._publish(files, config, Archive.load(settings), prefix="", label="")
        if self.config.history:
            main.history = history.load(settings)
            if main.history is None:
                log.info("no git history here: record pages show no status history")
            elif main.history.notice:
                log.info(main.history.notice)
        for kind in settings.kinds:
            has_records = any(r.kind == kind.name for r in main.archive.records)
            if has_records or (settings.root / kind.directory).is_dir():
                self._add_page(files, config, f"{kind.name}/index.md", kind.title, INDEX_MARKER.format(kind=kind.name))
        if self.config.timeline:
            self._add_page(files, config, "timeline.md", "Decision timeline", TIMELINE_MARKER)
        if self.config.graph:
            self._add_page(files, config, "graph.md", "Supersession graph", GRAPH_MARKER)
        if self.config.in_force_page:
            self._add_page(files, config, "in-force.md", "Decisions in force", IN_FORCE_MARKER)
        if self.config.changes and main.history is not None:
            self._add_page(files, config, "changes.md", "What changed", CHANGES_MARKER)
            events = SitePages(main.archive, main.urls, jinja2.Environment(), main.history).events("")
            author = config.site_author or config.site_name
            feed = atom(events, config.site_url or "", f"{config.site_name}: decisions", author)
            files.append(File.generated(config, "decisions.atom", content=feed))
        if self.config.handbook:
            self._add_handbook(files, config)
        for name in ASSETS:
            data = resources.files(__package__).joinpath(f"assets/{name}").read_bytes()
            files.append(File.generated(config, f"{ASSET_DIR}/{name}", content=data))
        document = export_json(export(main.archive, main.urls, main.history))
        files.append(File.generated(config, "decisions.json", content=document))
        return files

    @event_priority(50)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Let go of the archive once every page is written.

        This runs before other plugins' post-build work (the search plugin
        writes its index then, the build's peak of memory), so the memory
        the archive held can serve them.
        """
        self._published = []
        self._generated = []
        self._env = None
        self._unfreeze()

    def on_build_error(self, *, error: Exception) -> None:
        self._unfreeze()

    def _unfreeze(self) -> None:
        if self._frozen:
            gc.unfreeze()
            self._frozen = False

    def _publish(self, files: Files, config: MkDocsConfig, archive: Archive, prefix: str, label: str) -> _Published:
        """Check an archive and add a page for each of its records (and, for the
        project's own archive, the images and files kept beside them)."""
        published = _Published(archive, prefix)
        self._report(archive, label)
        inclusion = InclusionLevel.INCLUDED if self.config.records_in_nav and not prefix else InclusionLevel.NOT_IN_NAV
        archive.mentions  # noqa: B018 (backlinks are found in the texts, which go as pages take them)
        for record in archive.records:
            body = record.body
            record.release_source()  # checked: from here on only its page needs its text
            if not record.readable:
                continue
            kind = archive.settings.kind(record.kind)
            # a record kept in another kind of file (a YAML proposal) is still a page
            page_path = posixpath.splitext(record.path[len(kind.directory) + 1 :])[0] + ".md"
            src_uri = f"{prefix}{kind.name}/{page_path}"
            title = sanitize.title_text(record.title or record.slug)
            content = f"---\ntitle: {json.dumps(title)}\n---\n\n{body}"
            file = File.generated(config, src_uri, content=content, inclusion=inclusion)
            files.append(file)
            published.records[src_uri] = record
            published.urls[record.path] = file.url
        if not prefix:
            for kind, path, relative, refusal in discover(archive.settings, assets=True):
                if refusal is None:
                    src_uri = f"{kind.name}/{relative[len(kind.directory) + 1:]}"
                    if not files.get_file_from_path(src_uri):
                        files.append(File.generated(config, src_uri, abs_src_path=path))
        self._published.append(published)
        return published

    def _add_page(self, files: Files, config: MkDocsConfig, src_uri: str, title: str, marker: str) -> None:
        """A generated page, unless the user has a page of that name (theirs wins)."""
        if files.get_file_from_path(src_uri):
            return
        # listed in the nav by on_nav, not where MkDocs would put it
        file = File.generated(config, src_uri, content=f"# {title}\n\n{marker}\n", inclusion=InclusionLevel.NOT_IN_NAV)
        files.append(file)
        self._generated.append(file)

    def _add_handbook(self, files: Files, config: MkDocsConfig) -> None:
        prefix = self.config.handbook_prefix
        excluded = set(self.config.handbook_exclude)
        for name, text in handbook.pages().items():
            src_uri = f"{prefix}{name}"
            if name in excluded or files.get_file_from_path(src_uri):
                continue
            text = handbook.unlink(text, excluded)
            file = File.generated(config, src_uri, content=text, inclusion=InclusionLevel.NOT_IN_NAV)
            files.append(file)
            if name == "index.md":
                self._generated.append(file)
        for template in self._templates.values():
            files.append(File.generated(config, f"{prefix}templates/{template.name}.md.txt", content=template.text))
        self._publish(files, config, Archive.load(handbook.examples_settings()), f"{prefix}examples/", "handbook example ")

    def _remove_sources_inside_docs(self, files: Files) -> None:
        """Record files kept inside `docs_dir` become our pages, not plain ones."""
        assert self._settings is not None
        directories = [os.path.realpath(self._settings.root / k.directory) for k in self._settings.kinds]
        for file in list(files):
            if file.abs_src_path is None or not file.src_uri.endswith(".md"):
                continue
            location = os.path.realpath(file.abs_src_path)
            if any(location.startswith(d + os.sep) for d in directories):
                files.remove(file)

    def _report(self, archive: Archive, label: str) -> None:
        result = archive.check()
        for d in result.diagnostics:
            emit = log.error if d.severity is Severity.ERROR else log.warning
            emit("%s%s:%d:%d: %s: %s", label, d.path, d.line, d.column, d.rule, d.message)
        if result.errors and self.config.fail_on_error:
            raise PluginError(
                f"decisions: {result.errors} error(s) in {label}decision records (see above); "
                "the build stops because fail_on_error is set"
            )

    # -- navigation --------------------------------------------------------------

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """One "Decisions" section with the index pages (and, if asked, the
        records), instead of a section per record directory."""
        ours = {file.src_uri for file in self._generated}
        for published in self._published:
            ours.update(published.records)
        if config.nav is None:  # MkDocs made a section per record directory
            nav.items = [item for item in nav.items if not _only_ours(item, ours)]
            nav.pages = [page for page in nav.pages if page.file.src_uri not in ours]
        listed = {page.file.src_uri for page in nav.pages}
        main = self._published[0] if self._published else None
        children: list[Any] = []
        for file in self._generated:
            if file.src_uri in listed:
                continue
            # MkDocs makes pages for files left out of the nav only after this event
            page = file.page or Page(None, file, config)
            if main and self.config.records_in_nav and file.src_uri in self._kind_index_uris(main):
                kind = file.src_uri.split("/", 1)[0]
                records = [
                    f.page or Page(None, f, config)
                    for f in files
                    if f.src_uri in main.records and f.src_uri.startswith(kind + "/")
                ]
                children.append(Section(page.title or kind, [page, *records]))
            else:
                children.append(page)
        if children:
            section = Section("Decisions", children)
            nav.items.append(section)
            _link_section(section, nav)
        return nav

    @staticmethod
    def _kind_index_uris(main: _Published) -> set[str]:
        return {f"{kind.name}/index.md" for kind in main.archive.settings.kinds}

    # -- pages -------------------------------------------------------------------

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self._record_of(page) is not None:
            # MkDocs has read the page: the generated file need not keep a copy
            page.file.content_string = ""
        if self._env is None:  # first page: MkDocs has not given plugins its env yet
            env = config.theme.get_env()  # the theme's loader, with custom_dir first
            env.loader = jinja2.ChoiceLoader([env.loader, template_loader()]) if env.loader else template_loader()
            self._env = env
            for published in self._published:
                published.pages = SitePages(published.archive, published.urls, env, published.history)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Sanitise a record's HTML, link the ids in its text, and mark where
        its header and footer go.

        The header, footer and the `<!-- decisions:... -->` markers are filled
        in `on_page_context`, after the search plugin has read the content:
        what they add is not prose, so the search index need not hold it.
        """
        found = self._record_of(page)
        if found is None:
            return html
        published, record = found
        body = self._link_ids(published, record, sanitize.clean(html), page.url)
        if body.lstrip().startswith("<h1"):
            end = body.index("</h1>") + len("</h1>")
            return body[:end] + HEADER_MARKER + body[end:] + FOOTER_MARKER
        title = markupsafe.escape(record.title or record.slug)
        return f"<h1>{title}</h1>\n{HEADER_MARKER}{body}{FOOTER_MARKER}"

    @event_priority(-100)  # after the search plugins have indexed the page's text
    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
        """Fill the page's `<!-- decisions:... -->` markers: a record's header
        and footer, an index, the timeline, a template block.

        This is the last moment before the theme renders the page, and the
        content is a fraction of the page the theme makes of it, so the
        markers are found and replaced in less text.
        """
        content = page.content
        if content is None or "<!-- decisions:" not in content or self._env is None or not self._published:
            return context
        found = self._record_of(page)
        if found is not None:
            published, record = found
            pages = published.pages
            assert pages is not None
            header_at = content.find(HEADER_MARKER)
            footer_at = content.rfind(FOOTER_MARKER)
            if header_at >= 0 and footer_at > header_at:
                lineage = pages.lineage(record, page.url) if self.config.graph else ""
                content = "".join(
                    (
                        content[:header_at],
                        pages.record_header(record, page.url),
                        content[header_at + len(HEADER_MARKER) : footer_at],
                        pages.record_footer(record, page.url, lineage),
                        content[footer_at + len(FOOTER_MARKER) :],
                    )
                )
        if "<!-- decisions:" in content:
            content = self._fill_markers(content, page.url)
        self._unfilled = (page, page.content)
        page.content = content
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Give the page back the content it had before its markers were filled.

        MkDocs keeps every page's content until the build ends; what the
        markers became is in the written page, and holding it as well (record
        headers and footers, the index and timeline pages) raised a
        12,500-record build's peak by about 40 MB.
        """
        if self._unfilled is not None and self._unfilled[0] is page:
            page.content = self._unfilled[1]
            self._unfilled = None
        return output

    def _record_of(self, page: Page) -> tuple[_Published, Record] | None:
        for published in self._published:
            record = published.records.get(page.file.src_uri)
            if record is not None:
                return published, record
        return None

    def _fill_markers(self, html: str, page_url: str) -> str:
        pages = self._published[0].pages
        assert pages is not None and self._env is not None
        for kind in pages.archive.settings.kinds:
            marker = INDEX_MARKER.format(kind=kind.name)
            if marker in html:
                html = html.replace(marker, pages.index(kind.name, page_url))
        if TIMELINE_MARKER in html:
            html = html.replace(TIMELINE_MARKER, pages.timeline(page_url))
        if GRAPH_MARKER in html:
            html = html.replace(GRAPH_MARKER, pages.graph(page_url))
        if IN_FORCE_MARKER in html:
            html = html.replace(IN_FORCE_MARKER, pages.in_force(page_url))
        if CHANGES_MARKER in html:
            html = html.replace(CHANGES_MARKER, pages.changes(page_url, "decisions.atom"))
        for template in self._templates.values():
            marker = TEMPLATE_MARKER.format(name=template.name)
            if marker in html:
                download = relative_url(f"{self.config.handbook_prefix}templates/{template.name}.md.txt", page_url)
                block = self._env.get_template("decisions/template.html").render(template=template, download=download)
                html = html.replace(marker, block)
        return html

    @staticmethod
    def _link_ids(published: _Published, record: Record, html: str, page_url: str) -> str:
        archive = published.archive

        def resolve(written: str) -> tuple[str, str] | None:
            target = archive.by_id.get(archive.scheme.normalise(written, record.kind) or "")
            if target is None or target is record or target.path not in published.urls:
                return None
            return relative_url(published.urls[target.path], page_url), target.title

        return link_ids(html, archive.scheme.references(html), resolve)

    # -- serve -------------------------------------------------------------------

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        if self._settings is not None:
            for kind in self._settings.kinds:
                directory = self._settings.root / kind.directory
                if directory.is_dir():
                    server.watch(str(directory))
        return server


def _keep_large_blocks_out_of_the_heap() -> None:
    """Hold glibc's mmap threshold at its starting value, 128 KiB (ADR-0013).

    glibc raises the threshold whenever a block it mapped is freed, up to
    32 MiB, and from then on serves every smaller block from the heap, which
    keeps what is freed. A large archive's index and timeline pages are such
    blocks: after they are written, the search plugin's index (written last,
    the build's peak) grows a heap that no longer gives memory back. At
    12,500 records the build peaked at 670 MB without this and at 592 MB
    with it, in three runs each. Other C libraries are left alone.
    """
    try:
        if not os.confstr("CS_GNU_LIBC_VERSION").startswith("glibc"):
            return
        ctypes.CDLL(None).mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD)
    except (AttributeError, OSError, TypeError, ValueError):  # no such name, no glibc
        return


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
