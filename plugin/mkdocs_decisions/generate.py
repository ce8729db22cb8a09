"""The decision pages as ordinary Markdown files (`decisions generate`), for
engines that run no plugins: Zensical, which succeeds Material for MkDocs
and ignores `plugins: [decisions]` without a word, MkDocs 2, or MkDocs 1.6
without our plugin (ADR-0023).

The pages come from the same plan as the plugin's (`site.Site`), under one
folder of `docs_dir` (`decisions/` by default), each page the `index.md` of
a folder of its own (`_Plan` says why). What the plugin fills in while MkDocs builds, this module fills in
beforehand, as HTML blocks inside the Markdown: a record's text is
converted with Python-Markdown and the site's own extensions, sanitised, and
given its card, banner, lineage and backlinks; an index, the timeline, the
graph and the other pages get their tables and drawings. Each page links
the stylesheet and script it uses, so `mkdocs.yml` needs no change.

The folder is the generator's alone: a marker file (`MARKER_FILE`) says so,
and a folder without it is refused rather than overwritten. A file whose
bytes are the same is not written again (its timestamp kept, so a server
reloads only what changed); a file the plan no longer has is removed.
"""

from __future__ import annotations

import dataclasses
import os
import posixpath
import re
import threading
import urllib.parse
from html import escape as html_escape
from html import unescape as html_unescape
from pathlib import Path
from typing import Any, Callable

import jinja2
import markdown
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from . import site as planning
from .authoring import write
from .config import GENERATED_MARKER, ConfigError, Settings, plugin_section, read_mkdocs_yml
from .model import Diagnostic
from .render.urls import relative_url

MARKER_FILE = GENERATED_MARKER
MARKER_TEXT = (
    "This folder is written by `decisions generate`; each run replaces what is in it.\n"
    "Edit the records, not these pages. Delete this file to keep the folder as your own.\n"
)
#: the extensions MkDocs always turns on, before the site's own
_MKDOCS_EXTENSIONS = ("toc", "tables", "fenced_code")
#: a marker on a line of its own, in one of our pages' Markdown
_MARKER_LINE = re.compile(r"^<!-- decisions:[^>\n]*-->$", re.MULTILINE)
#: a link in the HTML Python-Markdown wrote (it quotes attributes with "; raw HTML written
#: otherwise is left as it is, and sanitised like the rest)
_LINK_ATTRIBUTE = re.compile(r'(\s(?:href|src)=)"([^"]*)"')
#: a Markdown inline link or image: `[text](target)`, `![alt](target "title")`
_MARKDOWN_LINK = re.compile(r"(\]\(<?)([^)\s>]+)(>?(?:\s+\"[^\"]*\")?\))")
#: a link with a scheme (https:, mailto:): not a file of the site
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


class GenerateError(Exception):
    """The pages cannot be generated (a folder not ours, a configuration mistake)."""


@dataclasses.dataclass(frozen=True)
class Project:
    """What the pages need from an mkdocs.yml besides the plugin's options."""

    settings: Settings
    docs_dir: Path
    use_directory_urls: bool
    site_name: str
    site_url: str
    site_author: str
    #: where the code's citations link to: MkDocs' `repo_url`, and `edit_uri` with MkDocs' default
    repo_url: str
    edit_uri: str
    #: the site's `markdown_extensions`, as names and their options
    extensions: tuple[tuple[str, dict[str, Any]], ...]
    custom_dir: Path | None

    @classmethod
    def read(cls, settings: Settings, config_file: Path | None) -> Project:
        data = read_mkdocs_yml(config_file, names=True) if config_file is not None else {}
        root = settings.root
        theme = data.get("theme") if isinstance(data.get("theme"), dict) else {}
        custom_dir = theme.get("custom_dir")
        repo_url = str(data.get("repo_url") or "")
        return cls(
            settings=settings,
            docs_dir=(root / str(data.get("docs_dir") or "docs")).resolve(),
            use_directory_urls=data.get("use_directory_urls", True) is not False,
            site_name=str(data.get("site_name") or ""),
            site_url=str(data.get("site_url") or ""),
            site_author=str(data.get("site_author") or ""),
            repo_url=repo_url,
            edit_uri=_edit_uri(repo_url, data.get("edit_uri")),
            extensions=tuple(_extensions(data.get("markdown_extensions"))),
            custom_dir=(root / str(custom_dir)).resolve() if custom_dir else None,
        )


def _edit_uri(repo_url: str, written: Any) -> str:
    """`edit_uri` as MkDocs makes it (`config_options.EditURI`, which the core
    does not import: it runs without MkDocs): as written, else its default
    for GitHub, GitLab and Bitbucket, ending with "/"."""
    edit_uri = str(written) if written is not None else ""
    if written is None and repo_url:
        host = urllib.parse.urlsplit(repo_url).netloc.lower()
        edit_uri = {"github.com": "edit/master/docs/", "gitlab.com": "edit/master/docs/",
                    "bitbucket.org": "src/default/docs/"}.get(host, "")
    return edit_uri + "/" if edit_uri and not edit_uri.endswith("/") else edit_uri


def _extensions(given: Any) -> list[tuple[str, dict[str, Any]]]:
    """`markdown_extensions` as MkDocs takes it: names, or one-key mappings of a name to its options."""
    found: list[tuple[str, dict[str, Any]]] = [(name, {}) for name in _MKDOCS_EXTENSIONS]
    if isinstance(given, dict):
        items = list(given.items())
    elif isinstance(given, list):
        items = [next(iter(item.items())) if isinstance(item, dict) and item else (item, {}) for item in given]
    else:
        items = []
    for name, options in items:
        if isinstance(name, str) and name not in _MKDOCS_EXTENSIONS:
            found.append((name, dict(options) if isinstance(options, dict) else {}))
    return found


@dataclasses.dataclass
class Generated:
    """What one run made: every file of the folder, by its path inside it."""

    folder: Path
    files: dict[str, bytes]
    findings: list[tuple[str, Diagnostic]]
    #: what the run should warn about (no records found, ...)
    warnings: list[str]
    #: extensions of the site that could not be loaded here (records are converted without them)
    skipped_extensions: list[str]


class _Plan:
    """The site's plan, kept as the folder's files (`site.FileSink`).

    Every page is written as the `index.md` of a folder of its own
    (`adr/0003-use-x/index.md`): its URL's folder is then its file's folder,
    so a relative link in its HTML leads to the same place whether the engine
    takes it as written (MkDocs) or relative to the file (Zensical)."""

    def __init__(self, project: Project, prefix: str) -> None:
        self.project = project
        self.prefix = prefix  # the folder, relative to docs_dir, with a trailing "/"
        self.planned: dict[str, planning.PlannedFile] = {}
        self.paths: dict[str, str] = {}  # src_uri -> the file's path in the folder
        self.urls: dict[str, str] = {}

    def exists(self, src_uri: str) -> bool:
        return src_uri in self.planned  # the folder is ours: nothing of the site's own is in it

    def own(self, path: str) -> tuple[str, str] | None:
        return None  # no page of the site's own can be filled in beforehand: every record gets ours

    def holding(self, marker: str) -> str | None:
        return None

    def add(self, planned: planning.PlannedFile) -> str:
        path = planned.src_uri
        if path.endswith(".md"):
            folder, name = posixpath.split(path[:-3])
            path = posixpath.join(folder if name in ("index", "README") else posixpath.join(folder, name), "index.md")
        self.planned[planned.src_uri] = planned
        self.paths[planned.src_uri] = path
        self.urls[planned.src_uri] = url = page_url(self.prefix + path, self.project.use_directory_urls)
        return url


def page_url(path: str, use_directory_urls: bool) -> str:
    """The URL MkDocs (and Zensical) give the file at `path` in `docs_dir`."""
    if not path.endswith(".md"):
        return path
    folder, name = posixpath.split(path[: -len(".md")])
    if name in ("index", "README"):
        if use_directory_urls:
            return f"{folder}/" if folder else ""
        return posixpath.join(folder, "index.html")
    return posixpath.join(folder, name) + ("/" if use_directory_urls else ".html")


def generate(project: Project, folder: Path, page_assets: bool = True) -> Generated:
    """Every file of the generated folder, made in memory; nothing is written."""
    settings = project.settings
    try:
        prefix = folder.resolve().relative_to(project.docs_dir).as_posix() + "/"
    except ValueError:
        raise GenerateError(f"{folder} is not inside docs_dir ({project.docs_dir}): the pages would not be built") from None
    if prefix == "./":
        raise GenerateError(f"{folder} is docs_dir itself: give a folder inside it (default: decisions/)")
    for kind in settings.kinds:
        directory = (settings.root / kind.directory).resolve()
        if folder.resolve() == directory or directory in folder.resolve().parents:
            raise GenerateError(f"{folder} is inside the records of kind '{kind.name}' ({kind.directory}/)")
    try:
        site = planning.Site(settings, site_name=project.site_name, site_url=project.site_url,
                             site_author=project.site_author, repo_url=project.repo_url, edit_uri=project.edit_uri,
                             docs_dir=os.path.relpath(project.docs_dir, settings.root))
    except ConfigError as error:
        raise GenerateError(str(error)) from None
    plan = _Plan(project, prefix)
    site.plan(plan)
    site.use_env(_environment(project))
    converter, skipped = _converter(project)
    files: dict[str, bytes] = {MARKER_FILE: MARKER_TEXT.encode()}
    for src_uri, planned in plan.planned.items():
        path = plan.paths[src_uri]
        if planned.source is not None:
            files[path] = Path(planned.source).read_bytes()
        elif not src_uri.endswith(".md"):
            content = planned.content or b""
            files[path] = content.encode("utf-8") if isinstance(content, str) else content
        else:
            assets = _asset_tags(plan.urls[src_uri], prefix) if page_assets else ("", "")
            files[path] = _page(site, converter, plan, src_uri, str(planned.content or ""), assets).encode("utf-8")
    return Generated(folder, files, site.findings, site.warnings, skipped)


def _environment(project: Project) -> jinja2.Environment:
    """Our templates, behind the theme's `custom_dir` as with the plugin (a team's own copy wins);
    no autoescape, as MkDocs' theme environment: the templates escape what they show."""
    dirs = [str(project.custom_dir)] if project.custom_dir and project.custom_dir.is_dir() else []
    return jinja2.Environment(loader=jinja2.FileSystemLoader([*dirs, planning.TEMPLATES_DIR]), auto_reload=False)


def _converter(project: Project) -> tuple[markdown.Markdown, list[str]]:
    """Python-Markdown with the site's extensions, each loaded on its own: one that
    cannot be loaded here (not installed, options only MkDocs resolves) is left out
    and named, rather than failing the whole run."""
    loaded: list[Any] = []
    skipped: list[str] = []
    for name, options in project.extensions:
        try:
            markdown.Markdown(extensions=[name], extension_configs={name: options})
        except Exception:  # noqa: BLE001 (an extension can fail in any way while it loads)
            skipped.append(name)
            continue
        loaded.append(name)
    configs = {name: options for name, options in project.extensions if name in loaded}
    return markdown.Markdown(extensions=loaded, extension_configs=configs), skipped


def _relink(html: str, src_uri: str, plan: _Plan, beside: Path) -> str:
    """The record's relative links made to lead where they lead on the plugin's
    site, where MkDocs resolves them: to a file the plan has (`0001-x.md`, an
    image kept beside the records), the URL of its page or copy; to a file of
    `docs_dir` (a record kept there links to the site's own pages), that file's
    URL; anything else is left as written. `beside` is the record's folder."""
    folder = posixpath.dirname(src_uri)
    here = plan.urls[src_uri]
    docs_dir = plan.project.docs_dir

    def relinked(match: re.Match[str]) -> str:
        link = html_unescape(match.group(2))
        path, hash_, fragment = link.partition("#")
        if not path or _SCHEME.match(path) or path.startswith("/"):
            return match.group(0)
        target = posixpath.normpath(posixpath.join(folder, path))
        if target in plan.urls:
            url = plan.urls[target]
        else:
            found = Path(os.path.normpath(beside / path))
            if docs_dir not in found.parents or not found.is_file():
                return match.group(0)
            url = page_url(found.relative_to(docs_dir).as_posix(), plan.project.use_directory_urls)
        return f'{match.group(1)}"{html_escape(relative_url(url, here) + hash_ + fragment)}"'

    return _LINK_ATTRIBUTE.sub(relinked, html)


def _moved_links(content: str, src_uri: str, plan: _Plan) -> str:
    """A page's Markdown links (`[text](rfc-process.md#why)`, images too) made to
    lead where they led before the pages moved into folders of their own (`_Plan`);
    links in code, and to anything the plan does not have, are left as written."""
    folder = posixpath.dirname(src_uri)
    moved_folder = posixpath.dirname(plan.paths[src_uri])

    def moved(match: re.Match[str]) -> str:
        path, hash_, fragment = match.group(2).partition("#")
        if not path or _SCHEME.match(path) or path.startswith("/"):
            return match.group(0)
        target = posixpath.normpath(posixpath.join(folder, path))
        if target not in plan.paths:
            return match.group(0)
        new = posixpath.relpath(plan.paths[target], moved_folder) + hash_ + fragment
        return f"{match.group(1)}{new}{match.group(3)}"

    pieces, at = [], 0
    for code in planning.CODE.finditer(content):  # code shows links as written: not rewritten
        pieces += [_MARKDOWN_LINK.sub(moved, content[at : code.start()]), code.group(0)]
        at = code.end()
    return "".join([*pieces, _MARKDOWN_LINK.sub(moved, content[at:])])


def _asset_tags(url: str, prefix: str) -> tuple[str, str]:
    """The stylesheet and script a page links, relative to it."""
    css, js = (relative_url(f"{prefix}{planning.ASSET_DIR}/{name}", url) for name in planning.ASSETS)
    return f'<link rel="stylesheet" href="{css}">\n', f'<script src="{js}"></script>\n'


def _page(site: planning.Site, converter: markdown.Markdown, plan: _Plan, src_uri: str, content: str,
          assets: tuple[str, str]) -> str:
    """One page's Markdown, with what the plugin fills in while MkDocs builds
    already there, in HTML blocks that every engine passes through."""
    head, tail = assets
    url = plan.urls[src_uri]
    record_file = site.record_file(src_uri)
    if record_file is not None:
        title, body = planning.record_page_parts(content)
        try:
            converted = converter.reset().convert(body)
        except Exception as error:  # noqa: BLE001 (a site's extension can fail in any way on a text)
            raise GenerateError(f"{record_file}: the site's markdown extensions cannot convert it "
                                f"({type(error).__name__}: {error})") from None
        html = _relink(converted, src_uri, plan, record_file.parent)
        html = site.fill(site.record_html(src_uri, html, url), src_uri, url)
        return planning.record_page(title, f'<div class="decisions-page">\n{head}{html}{tail}</div>\n')
    content = _moved_links(content, src_uri, plan)
    if not planning.markers_in(content):
        return content
    first = iter([head + tail])  # the stylesheet and script go in the first block

    def block(marker: re.Match[str]) -> str:
        return f'<div class="decisions-block">\n{next(first, "")}{marker.group(0)}\n</div>'

    return site.fill(_MARKER_LINE.sub(block, content), src_uri, url)


def engine_notice(settings: Settings, config_file: Path | None) -> str:
    """What to tell a project whose mkdocs.yml lists our plugin but which Zensical
    builds (a `zensical.toml` beside it, or `theme.variant`, which only Zensical
    reads): Zensical skips the plugin without a word, so its site has no decision
    pages unless they are generated."""
    if config_file is None or plugin_section(config_file) is None:
        return ""
    theme = read_mkdocs_yml(config_file).get("theme")
    if (settings.root / "zensical.toml").is_file():
        seen = "this project has a zensical.toml"
    elif isinstance(theme, dict) and "variant" in theme:
        seen = f"{config_file.name} sets theme.variant, which only Zensical reads"
    else:
        return ""
    return (f"{seen}: Zensical runs no plugins, so `plugins: [decisions]` publishes nothing there; run "
            "`decisions generate` before `zensical build`, and `decisions generate --check` in CI (docs/generate.md)")


# -- the folder --------------------------------------------------------------------


@dataclasses.dataclass
class Difference:
    """How the folder differs from what a run makes."""

    written: list[str] = dataclasses.field(default_factory=list)  # new or changed
    removed: list[str] = dataclasses.field(default_factory=list)
    unchanged: int = 0


def compare(generated: Generated) -> Difference:
    """What writing would change: the files new or different, and those to remove."""
    _check_ours(generated.folder)
    difference = Difference()
    for relative, data in sorted(generated.files.items()):
        path = generated.folder / relative
        if path.is_file() and path.read_bytes() == data:
            difference.unchanged += 1
        else:
            difference.written.append(relative)
    if generated.folder.is_dir():
        for path in sorted(generated.folder.rglob("*")):
            relative = path.relative_to(generated.folder).as_posix()
            if path.is_file() and relative not in generated.files:
                difference.removed.append(relative)
    return difference


def apply(generated: Generated, difference: Difference) -> None:
    """Write the new and changed files (each to a temporary file, then renamed),
    remove those the plan no longer has, and the folders left empty."""
    for relative in difference.written:
        path = generated.folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        write.replace(path, generated.files[relative])
    for relative in difference.removed:
        (generated.folder / relative).unlink()
    if generated.folder.is_dir():
        for folder in sorted((p for p in generated.folder.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
            if not any(folder.iterdir()):
                folder.rmdir()


def _check_ours(folder: Path) -> None:
    """A folder that exists, holds anything and has no marker file is someone's: refused."""
    if folder.exists() and not folder.is_dir():
        raise GenerateError(f"{folder} is a file, not a folder")
    if folder.is_dir() and not (folder / MARKER_FILE).is_file() and any(folder.iterdir()):
        raise GenerateError(
            f"{folder} is not empty and was not made by `decisions generate` (no {MARKER_FILE} in it); "
            "give another folder with --out, or empty this one"
        )


def watched_paths(project: Project) -> list[Path]:
    """Where a change means generating again: the record folders and the team's templates."""
    settings = project.settings
    paths = [settings.root / kind.directory for kind in settings.kinds]
    if settings.templates_dir:
        paths.append(settings.root / settings.templates_dir)
    return [path for path in paths if path.is_dir()]


class _Changed(FileSystemEventHandler):
    """Sets `changed` on a change that is not in the generated folder, nor,
    beside mkdocs.yml, to another file than mkdocs.yml."""

    def __init__(self, changed: threading.Event, ignored: Path, config_file: Path | None) -> None:
        self.changed, self.ignored, self.config_file = changed, ignored, config_file

    def on_any_event(self, event: FileSystemEvent) -> None:
        path = Path(os.fsdecode(event.src_path)).resolve()
        if event.event_type in ("opened", "closed_no_write") or path == self.ignored or self.ignored in path.parents:
            return
        config = self.config_file
        if config is None or path.parent != config.parent or path == config:
            self.changed.set()


def watch(paths: list[Path], config_file: Path | None, folder: Path, run: Callable[[], None]) -> None:
    """Call `run` after each change under `paths` or to `config_file` (not in the
    generated `folder`), a quarter of a second after the last, until Ctrl-C."""
    changed = threading.Event()
    observer = Observer()
    handler = _Changed(changed, folder.resolve(), config_file)
    for path in paths:
        observer.schedule(handler, str(path), recursive=True)
    if config_file is not None:
        observer.schedule(handler, str(config_file.parent), recursive=False)
    observer.start()
    try:
        while True:
            changed.wait()
            while changed.wait(0.25):  # a save is often several events: wait for the last
                changed.clear()
            run()
    finally:
        observer.stop()
        observer.join()
