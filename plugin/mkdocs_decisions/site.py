"""Plans the site the decisions add: which pages, assets and feeds, where,
and what fills their markers.

The plan is made without MkDocs: `Site.plan` hands each file it wants to a
`FileSink` (the plugin's adds it to MkDocs' files; a test's can keep a
list), and `record_html` and `fill` turn a page's HTML into what readers
see. What a page shows is made by `render/`; this module decides where
it goes.

* one page per record of the project's archive (`adr/0015-slug/`), and the
  files kept beside the records (images, attachments);
* an index page per kind, the timeline, the graph, the decisions in force
  and, with git history, what changed and its Atom feed;
* the handbook, its templates and its worked examples (an archive too);
* the CSS and JavaScript the pages use, and `decisions.json`.

Nothing of the site's own is taken away or moved: a page the site already
has at the same place is the site's, and the plan fills the markers it
holds; a record kept inside `docs_dir` stays the site's own page, at its
own URL, as other plugins see it, and the plan only adds its card, banner,
lineage and backlinks (`record_html`, `fill`).
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import json
import posixpath
import re
from importlib import resources
from pathlib import Path
from typing import Protocol

import jinja2
import markupsafe

from . import handbook, history, rules
from .archive import Archive, discover
from .catalogue import Catalogue
from .config import Settings
from .ids import BODY_FILES
from .model import Diagnostic, Record
from .render import sanitize
from .render.autolink import link_ids
from .render.export import export, export_json
from .render.feed import atom
from .render.pages import SitePages, change_events
from .render.sources import Viewer, links_out, viewer
from .render.urls import code_url, relative_url

ASSETS = ("decisions.css", "decisions.js")
ASSET_DIR = "assets/decisions"
#: where our jinja templates are, for the theme's loader to look last
TEMPLATES_DIR = str(resources.files(__package__).joinpath("templates"))

INDEX_MARKER = "<!-- decisions:index {kind} -->"
TIMELINE_MARKER = "<!-- decisions:timeline -->"
ALL_MARKER = "<!-- decisions:all -->"  # a catalogue's one index of every source
SOURCES_MARKER = "<!-- decisions:sources -->"  # a catalogue's sources, each with its governance
GRAPH_MARKER = "<!-- decisions:graph -->"
IN_FORCE_MARKER = "<!-- decisions:in-force -->"
CHANGES_MARKER = "<!-- decisions:changes -->"
TEMPLATE_MARKER = "<!-- decisions:template {name} -->"
HEADER_MARKER = "<!-- decisions:record-header -->"
FOOTER_MARKER = "<!-- decisions:record-footer -->"
FEED = "decisions.atom"
#: any of the markers above, as a page's text holds them
_MARKER = re.compile(r"<!-- decisions:[^>\n]*-->")
#: code, where a marker is only written about: fenced blocks and inline spans
CODE = re.compile(r"^ {0,3}(`{3,}|~{3,}).*?^ {0,3}\1|(`+).+?\2", re.MULTILINE | re.DOTALL)


def markers_in(markdown: str) -> list[str]:
    """The markers a page's Markdown holds, not those shown in its code."""
    if "<!-- decisions:" not in markdown:
        return []
    return _MARKER.findall(CODE.sub("", markdown))


def record_page(title: str, body: str) -> str:
    """A record's page as planned: its title (escaped text) and its Markdown."""
    return f"---\ntitle: {json.dumps(title)}\n---\n\n{body}"


def record_page_parts(content: str) -> tuple[str, str]:
    """The title and the Markdown of a page `record_page` made."""
    head, _, body = content.partition("\n---\n\n")
    return json.loads(head.partition("title: ")[2]), body


@dataclasses.dataclass(frozen=True)
class PlannedFile:
    """A file the site gets: made (`content`) or copied (`source`, an absolute path)."""

    src_uri: str
    content: str | bytes | None = None
    source: str | None = None
    #: left where MkDocs' own navigation would put it (records, with `records_in_nav`)
    in_nav: bool = False


class FileSink(Protocol):
    """Where the plan goes: the site's files."""

    def exists(self, src_uri: str) -> bool:
        """The site already has a file here (the site's own wins)."""

    def add(self, planned: PlannedFile) -> str:
        """Add the file; its URL, as pages link to it (`adr/0001-x/`)."""

    def own(self, path: str) -> tuple[str, str] | None:
        """The site's own file made from the file at `path` (absolute), as
        `(src_uri, url)`: a record or attachment kept inside `docs_dir`."""

    def holding(self, marker: str) -> str | None:
        """The first page of the site's own (records aside) whose text holds `marker`."""


@dataclasses.dataclass
class Published:
    """One archive on the site: the project's own, or the handbook's examples."""

    archive: Archive
    prefix: str  # where its pages go: "" or "handbook/examples/"
    label: str  # said before its findings: "" or "handbook example "
    records: dict[str, Record] = dataclasses.field(default_factory=dict)  # src_uri -> record
    #: the records' pages that are the site's own (kept inside docs_dir), by src_uri
    kept: set[str] = dataclasses.field(default_factory=set)
    #: the records that show their fields in their own text (no card for those, by default)
    fields_in_text: set[str] = dataclasses.field(default_factory=set)
    urls: dict[str, str] = dataclasses.field(default_factory=dict)  # record path -> page url
    history: history.History | None = None
    pages: SitePages | None = None  # once there is a jinja environment


class Site:
    """The decisions' part of one site build."""

    def __init__(
        self, settings: Settings, *, site_name: str, site_url: str = "", site_author: str = "",
        repo_url: str = "", edit_uri: str = "", docs_dir: str = "docs",
    ) -> None:
        """Raises `ConfigError` when the team's templates cannot be read, or a
        kind's `severity` names no rule. `repo_url` and `edit_uri` are MkDocs'
        (after its defaults), and `docs_dir` relative to the project's root:
        with them, the places the code cites a record link to the repository."""
        rules.check_settings(settings)
        self.settings = settings
        self.site_name = site_name
        self.site_url = site_url
        self.site_author = site_author
        self.code_link = functools.partial(code_url, repo_url, edit_uri, docs_dir)
        self.templates = handbook.templates(settings) if settings.handbook else {}
        self.published: list[Published] = []
        #: the pages of our "Decisions" section, in order (index pages, timeline, ...)
        self.listed: list[str] = []
        #: (label, finding) of every archive published, for the build's log
        self.findings: list[tuple[str, Diagnostic]] = []
        #: what the build should tell the reader, once (no git history, ...)
        self.notices: list[str] = []
        #: what the build should warn about, once (no records found, ...)
        self.warnings: list[str] = []
        self._env: jinja2.Environment | None = None
        self._downloads: dict[str, str] = {}  # template name -> the URL of its file, to download
        self._commits: dict[str, str] = {}  # a catalogue's sources -> the commit each was read at
        self._index_urls: dict[str, str | None] = {}  # kind -> the URL of its index page
        #: a catalogue's sources (not those read from a published decisions.json) -> their repository
        #: viewers, and their record folders
        self._viewers: dict[str, Viewer] = {}
        self._sources: dict[str, Settings] = {}

    # -- which files ---------------------------------------------------------------

    def plan(self, files: FileSink) -> None:
        """Read and check the archives, and give `files` every file the site gets."""
        settings = self.settings
        findings = None
        past = None
        if settings.sources:  # a catalogue: its sources' records, checked as `decisions lint` checks them
            catalogue = Catalogue.load(settings, history=settings.history)
            archive, findings = catalogue.archive, catalogue.check()
            self.warnings += catalogue.unread
            self._commits = {source.name: source.commit for source in catalogue.sources}
            past = catalogue.history if settings.history else None
            sources = [source for source in catalogue.sources if not source.published]
            self._viewers = {source.name: viewer(source.root) for source in sources}
            self._sources = {source.name: source.archive.settings for source in sources}
        else:
            archive = Archive.load(settings)
            past = history.load(settings) if settings.history else None
            history.note_acceptance(archive, past)  # before the check: review dates count from it
        main = self._publish(files, archive, prefix="", label="", findings=findings)
        if main.archive.nothing_found and not settings.sources:
            self.warnings.append(main.archive.nothing_found)
        if settings.history:
            main.history = past
            if main.history is None:
                self.notices.append("no git history here: record pages show no status history")
            elif main.history.notice:
                self.notices.append(main.history.notice)
        if settings.sources:
            self._page(files, "all.md", "All decisions", ALL_MARKER)
            self._page(files, "sources.md", "Sources", SOURCES_MARKER)
        for kind in main.archive.settings.kinds:  # a catalogue's: each source's own
            if any(r.kind == kind.name for r in main.archive.records) or (settings.root / kind.directory).is_dir():
                # a catalogue's navigation lists its Sources page, not each source's indexes: every page
                # of the site carries the navigation, and hundreds of entries on each cost a theme
                # more than all the records' text
                self._index(files, kind.name, kind.title, listed=not settings.sources)
        if settings.timeline:
            self._page(files, "timeline.md", "Decision timeline", TIMELINE_MARKER)
        if settings.graph:
            self._page(files, "graph.md", "Supersession graph", GRAPH_MARKER)
        if settings.in_force_page:
            self._page(files, "in-force.md", "Decisions in force", IN_FORCE_MARKER)
        if settings.changes and main.history is not None:
            self._page(files, "changes.md", "What changed", CHANGES_MARKER)
            events = change_events(main.archive, main.urls, main.history)
            author = self.site_author or self.site_name
            files.add(PlannedFile(FEED, atom(events, self.site_url, f"{self.site_name}: decisions", author)))
        if settings.handbook:
            self._handbook(files)
        for name in ASSETS:
            data = resources.files(__package__).joinpath(f"assets/{name}").read_bytes()
            files.add(PlannedFile(f"{ASSET_DIR}/{name}", data))
        document = export_json(export(main.archive, main.urls, main.history, self._commits))
        files.add(PlannedFile("decisions.json", document))

    def record_uris(self, kind: str) -> list[str]:
        """The project's record pages of a kind, for a navigation that lists
        them (not the site's own pages: its navigation has them already)."""
        main = self.published[0] if self.published else None
        folder = _folder(kind) + "/"
        return [uri for uri in main.records if uri.startswith(folder) and uri not in main.kept] if main else []

    def _publish(
        self, files: FileSink, archive: Archive, prefix: str, label: str, findings: list[Diagnostic] | None = None
    ) -> Published:
        """Check an archive (a catalogue's `findings` are given), and plan a page
        for each of its records (and, for the project's own archive, the files
        kept beside them)."""
        published = Published(archive, prefix, label)
        found = archive.check().diagnostics if findings is None else findings
        self.findings += [(label, d) for d in found]
        in_nav = self.settings.records_in_nav and not prefix
        root = archive.settings.root
        published.fields_in_text = {record.path for record in archive.records if _shows_fields(record)}
        for record, body in archive.take_bodies():
            kept = files.own(str(root / record.path)) if not prefix else None
            if kept is not None:  # a page of the site's own, where it was
                published.records[kept[0]] = record
                published.urls[record.path] = kept[1]
                published.kept.add(kept[0])
                continue
            kind = archive.settings.kind(record.kind)
            # a record kept in another kind of file (a YAML proposal) is still a page; one whose
            # text is beside it (a KEP's README.md) is a page where that text is
            folder, name = posixpath.split(kind.inside(record.path))
            page_path = posixpath.join(folder, posixpath.splitext(BODY_FILES.get(name, name))[0] + ".md")
            src_uri = f"{prefix}{_folder(kind.name)}/{page_path}"
            # titles reach themes as MkDocs makes them from headings: escaped text
            title = sanitize.title_text(record.title or record.slug)
            source, _, in_source = record.path.partition("/")
            if source in self._viewers and not prefix:  # a catalogue's: its links into its repository
                folders = tuple(each.directory for each in self._sources[source].kinds)
                body = links_out(body, in_source, folders, self._viewers[source])
            content = record_page(title, body)
            published.urls[record.path] = files.add(PlannedFile(src_uri, content, in_nav=in_nav))
            published.records[src_uri] = record
        if not prefix:  # the images and attachments beside the records (a catalogue's, each source's)
            for name, own in self._sources.items() if self.settings.sources else [("", archive.settings)]:
                for kind, path, relative, refusal in discover(own, assets=True):
                    folder = _folder(f"{name}:{kind.name}") if name else kind.name
                    src_uri = f"{folder}/{kind.inside(relative)}"
                    if refusal is None and not files.exists(src_uri) and files.own(path) is None:
                        files.add(PlannedFile(src_uri, source=path))
        self.published.append(published)
        return published

    def _index(self, files: FileSink, kind: str, title: str, listed: bool = True) -> None:
        """A kind's index page (`_page`), beside the site's own `index.md`."""
        folder = _folder(kind)
        marker = INDEX_MARKER.format(kind=kind)
        url = self._page(files, f"{folder}/index.md", title, marker, f"{folder}/records", listed)
        self._index_urls[kind] = url

    def _page(
        self, files: FileSink, src_uri: str, title: str, marker: str, beside: str = "", listed: bool = True
    ) -> str | None:
        """A page of ours in the "Decisions" section (unless not `listed`):
        none when a page of the site's own holds its marker (it is filled
        there); when the site has a page of its own at `src_uri`, at `beside`
        (default: under decisions/) instead, said in one notice. Its URL."""
        if files.holding(marker) is not None:
            return None
        if files.exists(src_uri):
            stem = beside or f"decisions/{src_uri.removesuffix('.md')}"
            taken = src_uri
            src_uri = next(
                uri for n in itertools.count(1) if not files.exists(uri := f"{stem}{'' if n == 1 else f'-{n}'}.md")
            )
            self.notices.append(f"{taken} is a page of the site's own, without {marker} in it: ours is {src_uri}")
        url = files.add(PlannedFile(src_uri, f"# {title}\n\n{marker}\n"))
        if listed:
            self.listed.append(src_uri)
        return url

    def _handbook(self, files: FileSink) -> None:
        prefix = self.settings.handbook_prefix
        excluded = set(self.settings.handbook_exclude)
        for name, text in handbook.pages().items():
            src_uri = f"{prefix}{name}"
            if name in excluded or files.exists(src_uri):
                continue
            files.add(PlannedFile(src_uri, handbook.unlink(text, excluded)))
            if name == "index.md":
                self.listed.append(src_uri)
        for template in self.templates.values():
            url = files.add(PlannedFile(f"{prefix}templates/{template.name}.md.txt", template.text))
            self._downloads[template.name] = url
        examples = Archive.load(handbook.examples_settings())
        self._publish(files, examples, f"{prefix}examples/", "handbook example ")

    # -- what pages show -----------------------------------------------------------

    def use_env(self, env: jinja2.Environment) -> None:
        """The theme's templates, with ours among them: pages can be filled from now on."""
        self._env = env
        for published in self.published:
            main = published is self.published[0]  # only the project's own records are cited by its code
            published.pages = SitePages(
                published.archive, published.urls, env, published.history,
                citations=published.archive.citations if main else (),
                # a catalogue's repo_url is its own: its sources' citations are in their own viewers
                code_link=self._source_link if self.settings.sources else self.code_link,
            )

    def _source_link(self, path: str, line: int) -> str | None:
        """Where a catalogue source's viewer shows a file (`payments/src/x.py`) and line."""
        source, _, own = path.partition("/")
        show = self._viewers.get(source)
        return show(own, line) if show else None

    def is_record(self, src_uri: str) -> bool:
        return self._record_of(src_uri) is not None

    def record_file(self, src_uri: str) -> Path | None:
        """The file of the record whose page is at `src_uri`, if it is one."""
        found = self._record_of(src_uri)
        return found[0].archive.settings.root / found[1].path if found else None

    def escape_meta(self, src_uri: str, meta: dict, untitled: str = "") -> str | None:
        """On a record page of the site's own, its frontmatter as themes must
        get it: every text escaped, in place, and a `title`; returns the
        title (None for other pages).

        MkDocs hands a page's frontmatter to themes, which print it into the
        page unescaped (Material: `title`, `description`, `tags`, in the
        page and its search index), and titles a page without `title` from
        its unsanitised heading, which Material's `striptags` would unescape.
        Our own record pages get the same: only an escaped `title`. A record
        with no title of its own keeps the one MkDocs gave it, `untitled`
        (made from its file name).
        """
        found = self._record_of(src_uri)
        if found is None:
            return None
        record = found[1]
        written = meta.get("title")
        for key, value in meta.items():
            meta[key] = _escaped(value)
        meta["title"] = sanitize.title_text(str(written) if written else record.title or untitled or record.slug)
        return meta["title"]

    def record_html(self, src_uri: str, html: str, page_url: str) -> str:
        """A record page's HTML as MkDocs made it from the record, sanitised,
        with ids linked and markers where its header and footer go (filled
        later by `fill`, after search engines have read the text)."""
        found = self._record_of(src_uri)
        if found is None:
            return html
        published, record = found
        body = _link_ids(published, record, sanitize.clean(html), page_url)
        if body.lstrip().startswith("<h1"):
            end = body.index("</h1>") + len("</h1>")
            return body[:end] + HEADER_MARKER + body[end:] + FOOTER_MARKER
        if src_uri in published.kept:  # the site's own page: its theme titles it, as before
            return HEADER_MARKER + body + FOOTER_MARKER
        title = markupsafe.escape(record.title or record.slug)
        return f"<h1>{title}</h1>\n{HEADER_MARKER}{body}{FOOTER_MARKER}"

    def fill(self, html: str, src_uri: str, page_url: str) -> str:
        """The page's `<!-- decisions:... -->` markers replaced by what they stand for."""
        if "<!-- decisions:" not in html or not self.published or self.published[0].pages is None:
            return html
        found = self._record_of(src_uri)
        if found is not None:
            html = self._fill_record(html, *found, page_url)
        if "<!-- decisions:" in html:
            html = self._fill_markers(html, page_url)
        return html

    def _record_of(self, src_uri: str) -> tuple[Published, Record] | None:
        for published in self.published:
            record = published.records.get(src_uri)
            if record is not None:
                return published, record
        return None

    def _fill_record(self, html: str, published: Published, record: Record, page_url: str) -> str:
        pages = published.pages
        assert pages is not None  # use_env came first
        header_at = html.find(HEADER_MARKER)
        footer_at = html.rfind(FOOTER_MARKER)
        if header_at < 0 or footer_at < header_at:
            return html
        lineage = pages.lineage(record, page_url) if self.settings.graph else ""
        shown = self.settings.record_card
        card = shown == "always" or (shown == "auto" and record.path not in published.fields_in_text)
        return "".join(
            (
                html[:header_at],
                pages.record_header(record, page_url, card),
                html[header_at + len(HEADER_MARKER) : footer_at],
                pages.record_footer(record, page_url, lineage),
                html[footer_at + len(FOOTER_MARKER) :],
            )
        )

    def _fill_markers(self, html: str, page_url: str) -> str:
        pages = self.published[0].pages
        assert pages is not None and self._env is not None  # use_env came first
        for kind in pages.archive.settings.kinds:
            marker = INDEX_MARKER.format(kind=kind.name)
            if marker in html:
                html = html.replace(marker, pages.index(kind.name, page_url))
        if ALL_MARKER in html:
            html = html.replace(ALL_MARKER, pages.index(None, page_url))
        if SOURCES_MARKER in html:
            html = html.replace(SOURCES_MARKER, pages.sources(self._commits, self._index_urls, page_url))
        if TIMELINE_MARKER in html:
            html = html.replace(TIMELINE_MARKER, pages.timeline(page_url))
        if GRAPH_MARKER in html:
            html = html.replace(GRAPH_MARKER, pages.graph(page_url))
        if IN_FORCE_MARKER in html:
            html = html.replace(IN_FORCE_MARKER, pages.in_force(page_url))
        if CHANGES_MARKER in html:
            html = html.replace(CHANGES_MARKER, pages.changes(page_url, FEED))
        for template in self.templates.values():
            marker = TEMPLATE_MARKER.format(name=template.name)
            if marker in html:
                download = relative_url(self._downloads[template.name], page_url)
                block = self._env.get_template("decisions/template.html").render(template=template, download=download)
                html = html.replace(marker, block)
        return html


def _folder(kind: str) -> str:
    """Where a kind's pages go: its name, or a catalogue's source then kind (`payments:adr`: `payments/adr`)."""
    return kind.replace(":", "/")


def _escaped(value: object) -> object:
    """Every text in a frontmatter value escaped for HTML, lists and mappings walked."""
    if isinstance(value, str):
        return sanitize.title_text(value)
    if isinstance(value, list):
        return [_escaped(item) for item in value]
    if isinstance(value, dict):
        return {key: _escaped(item) for key, item in value.items()}
    return value


def _shows_fields(record: Record) -> bool:
    """The record's status, date or deciders are written in its markdown
    text, where readers see them (not in frontmatter, which pages do not
    show, nor in a file of another kind that a reader turned into a page)."""
    return record.path.endswith((".md", ".markdown")) and any(
        field is not None and field.value_at[0] >= record.body_line
        for field in map(record.fields.get, ("status", "date", "deciders"))
    )


def _link_ids(published: Published, record: Record, html: str, page_url: str) -> str:
    """The ids a record's text names, linked to their pages."""
    archive = published.archive

    def resolve(written: str) -> tuple[str, str] | None:
        target = archive.by_id.get(archive.written_id(written, record) or "")
        if target is None or target is record or target.path not in published.urls:
            return None
        return relative_url(published.urls[target.path], page_url), target.title

    return link_ids(html, archive.references(html), resolve)
