"""A catalogue: the archives of several repositories checked as one (RFC-0003).

A catalogue's `mkdocs.yml` names its `sources`, each a folder holding a
repository, or a git URL whose checkout is kept in a cache folder
(`fetch.py`; one not fetched yet is fetched first). Each source is read
with its own configuration (the plugin section of its own `mkdocs.yml`,
else discovery and defaults), so it keeps its kinds, formats and presets,
and its records are checked by the rules that read one record at a time,
and for the code that cites them, exactly as `decisions lint` run inside
it would check them. Then its records join
one archive under qualified names (path `payments/adr/0003-x.md`, id
`payments:ADR-0003`, kind `payments:adr`), where the rules across records
run: a link into another source is checked like any other.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import datetime
import json
import posixpath
from pathlib import Path

from . import cache
from .archive import Archive, build_date
from .config import ConfigError, Settings, is_git_url, load_settings
from .fetch import fetch_all, published
from .fetch import folder as cache_folder
from .history import History, note_acceptance
from .history import load as load_history
from .ids import qualified
from .model import FILE_START, Diagnostic, Link, Record
from .rules import REGISTRY

#: rules that need only one source to decide: a record's own fields, or the source's own code
_PER_SOURCE = frozenset(
    rule_id for rule_id, rule in REGISTRY.items() if rule.scope == "record" or rule_id.startswith("cites-")
)
#: rules across records; in a catalogue, across sources (the qualified ids are resolved there)
_ACROSS = frozenset(rule_id for rule_id, rule in REGISTRY.items() if rule.scope == "archive") - _PER_SOURCE


@dataclasses.dataclass
class Source:
    """One repository of the catalogue, and its archive read as its own."""

    name: str
    root: Path
    archive: Archive
    commit: str  # the commit its files are at, "" when it is not a git work tree
    #: what the rules that need only this source found (paths as in the source); none for a
    #: source read from the decisions.json its own build published: they ran there
    findings: list[Diagnostic] = dataclasses.field(default_factory=list)
    history: History | None = None  # its records' history from its own git, when asked for and it has one
    #: read from a published decisions.json: no files of it are here (its root is the catalogue's)
    published: bool = False


@dataclasses.dataclass
class Catalogue:
    """The sources, each read as its own, and all their records as one archive."""

    sources: list[Source]
    archive: Archive  # every source's records, under qualified names
    #: what could not be read, or held no records, one sentence per source (the rest of the
    #: catalogue still is read)
    unread: list[str]

    @classmethod
    def load(cls, settings: Settings, today: datetime.date | None = None, history: bool = False) -> Catalogue:
        """Read every source named in `settings.sources` (with `history`, its
        records' history from its own git too); a folder that is not there is
        told in `unread`, not raised."""
        today = today or build_date()  # what a source's kept findings were found on
        found: list[Source | tuple[str, Settings]] = []  # read, or the folder's name and own settings
        unread = []
        remote = [given for given in settings.sources if is_git_url(given.get("repo", ""))]
        fetched = fetch_all(settings.root, remote, missing_only=True)  # what the cache lacks
        failed = {done.name: done.problem for done in fetched if done.problem}
        for given in settings.sources:
            if "json" in given:
                try:
                    found.append(_published(given["name"], given["json"], settings.root, today))
                except (OSError, ValueError) as error:
                    unread.append(f"source '{given['name']}': {given['json']}: {error}")
                continue
            if given["name"] in failed:
                unread.append(f"source '{given['name']}': cannot fetch {given['repo']}: {failed[given['name']]}")
                continue
            if given in remote:
                root = cache_folder(settings.root, given["name"])
            else:
                root = (settings.root / given["repo"]).resolve()
            if not root.is_dir():
                unread.append(f"source '{given['name']}': {given['repo']} is not a folder here")
                continue
            try:
                own = load_settings(None, root, given.get("options"))
            except ConfigError as error:
                unread.append(f"source '{given['name']}': {error}")
                continue
            found.append((given["name"], own))
        folders = [item for item in found if isinstance(item, tuple)]
        options = {given["name"]: given.get("options") for given in settings.sources}  # no file of the source holds them
        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:  # mostly waiting on git
            keys = iter(list(pool.map(lambda folder: cache.key(folder[1], today, options[folder[0]]), folders)))
            pasts = iter(list(pool.map(load_history if history else lambda own: None, [own for _, own in folders])))
        sources = []
        for item in found:
            if isinstance(item, tuple):
                item = _read(*item, settings.root, today, next(keys), next(pasts))
                if item.archive.nothing_found:  # most likely a repository whose records are elsewhere
                    unread.append(f"source '{item.name}': {item.archive.nothing_found}")
            sources.append(item)
        return cls(sources, _merged(settings, sources, today), unread)

    @property
    def history(self) -> History:
        """Every source's records' history from its own git, under its name
        (`payments/adr/0001-x.md`); a source without git has none."""
        merged = History({})
        for source in self.sources:
            if source.history is not None:
                merged.records.update({f"{source.name}/{path}": entry for path, entry in source.history.records.items()})
        notices = sorted({source.history.notice for source in self.sources if source.history and source.history.notice})
        merged.notice = "; ".join(notices)
        return merged

    def check(self) -> list[Diagnostic]:
        """Each source's own findings (paths under its name), then the archive
        rules across all of them, in path order."""
        found = [
            dataclasses.replace(diagnostic, path=f"{source.name}/{diagnostic.path}")
            for source in self.sources for diagnostic in source.findings
        ]
        found += self.archive.check(select=sorted(_ACROSS)).diagnostics
        return sorted(found, key=lambda d: d.sort_key())


def _read(
    name: str, own: Settings, catalogue: Path, today: datetime.date, known: tuple[str, str] | None,
    past: History | None,
) -> Source:
    """A source in a folder, read and checked by its own rules, or taken as
    the catalogue's cache kept it under `known` (`cache.key`) when nothing
    it was made from changed; `past` is its history, when it was read."""
    kept = cache.load(catalogue, name, known[0]) if known else None
    if kept is not None:
        archive = Archive(own, kept.records, today)
        archive.accepted, archive.citations = kept.accepted, kept.citations
        return Source(name, own.root, archive, kept.commit, kept.findings, past)
    archive = Archive.load(own, today)
    note_acceptance(archive, past)  # a review after a period counts from the source's own git history
    findings = archive.check(select=sorted(_PER_SOURCE)).diagnostics
    if known is None:
        return Source(name, own.root, archive, "", findings, past)
    cache.store(catalogue, name, cache.Kept(*known, archive.records, findings, archive.citations, archive.accepted))
    return Source(name, own.root, archive, known[1], findings, past)


def _published(name: str, location: str, root: Path, today: datetime.date | None) -> Source:
    """A source read from the `decisions.json` a repository's build published
    (the merge path of docs/catalogue.md): its kinds, and each record's id,
    status, date, title, people and links as written; raises `ValueError`
    saying what in the document cannot be read."""
    try:
        document = json.loads(published(location, root))
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON (line {error.lineno}, column {error.colno}: {error.msg})") from None
    if not isinstance(document, dict) or document.get("version") != 1:
        raise ValueError("not a decisions.json of version 1 (its 'version' says otherwise)")
    kinds, records = document.get("kinds"), document.get("records")
    if not isinstance(kinds, list) or not isinstance(records, list):
        raise ValueError("'kinds' and 'records' must be lists")
    try:
        settings = Settings.from_mapping({"kinds": {
            kind["name"]: {key: kind[key] for key in _KIND_KEYS if kind.get(key) not in (None, "")}
            for kind in kinds}, "code_paths": []}, root)
    except (ConfigError, KeyError, TypeError) as error:
        raise ValueError(f"its kinds cannot be read ({error})") from None
    known = {kind.name for kind in settings.kinds}
    read = []
    for position, item in enumerate(records, start=1):
        if not isinstance(item, dict) or item.get("kind") not in known or not isinstance(item.get("source"), str):
            raise ValueError(f"record {position} has no 'source' path, or a kind the document does not declare")
        read.append(_record(item))
    commit = next((item.get("commit") for item in records if item.get("commit")), "") or ""
    return Source(name, root, Archive(settings, read, today), commit, published=True)


#: what a published kind says of itself, as the configuration takes it
_KIND_KEYS = ("prefix", "title", "statuses", "in_force", "proposed", "superseded_status")


def _record(item: dict) -> Record:
    """A record as a published decisions.json describes it: no text, and its
    links as written (`links`), else both sides of its supersessions."""
    path = item["source"]
    slug = posixpath.splitext(posixpath.basename(path))[0]
    record = Record(path=path, kind=item["kind"], file_number=None, slug=slug, format="published")
    record.id, record.status, record.date = item.get("id"), item.get("status"), item.get("date")
    record.title = item.get("title") or ""
    written = item.get("links")
    if not isinstance(written, list):
        written = [{"relation": relation, "target": target}
                   for relation in ("supersedes", "superseded_by") for target in item.get(relation) or []]
    record.links = [Link(link["relation"], link["target"], link["target"], FILE_START, None)
                    for link in written if isinstance(link, dict) and {"relation", "target"} <= set(link)]
    return record


def _merged(settings: Settings, sources: list[Source], today: datetime.date | None) -> Archive:
    """One archive of every source's records, each under its source's name."""
    kinds, records = [], []
    by_name = {source.name: source for source in sources}
    for source in sources:
        names = {kind.name: f"{source.name}:{kind.name}" for kind in source.archive.settings.kinds}
        kinds += [
            dataclasses.replace(kind, name=names[kind.name], directory=posixpath.normpath(f"{source.name}/{kind.directory}"),
                                title=f"{kind.title} ({source.name})")
            for kind in source.archive.settings.kinds
        ]
        scheme = source.archive.scheme
        for record in source.archive.records:
            own = dataclasses.replace(record, path=f"{source.name}/{record.path}", kind=names[record.kind])
            own.id = f"{source.name}:{record.id}" if record.id else None
            own.links = [
                dataclasses.replace(
                    link, target=_qualify(link.target, source.name, scheme.normalise(link.target, record.kind), by_name)
                )
                for link in record.links
            ]
            records.append(own)
    archive = Archive(dataclasses.replace(settings, kinds=tuple(kinds), sources=()), records, today)
    archive.sources = frozenset(source.name for source in sources)
    archive.source_schemes = {source.name: source.archive.scheme for source in sources}
    archive.accepted = {f"{s.name}/{path}": date for s in sources for path, date in s.archive.accepted.items()}
    # where each source's own code cites its records, under the source's name (not the catalogue's code)
    archive.citations = [
        dataclasses.replace(citation, path=f"{source.name}/{citation.path}", id=f"{source.name}:{citation.id}")
        for source in sources for citation in source.archive.citations
    ]
    return archive


def _qualify(target: str, source: str, as_id: str | None, sources: dict[str, Source]) -> str:
    """A link's target in the catalogue: another source's id as that source
    writes it (`security:SEC-1` is `security:SEC-0001`), this source's id
    under its name, and a file it names under the source's folder."""
    other = qualified(target)
    if other is not None:
        owner = sources.get(other[0])
        if owner is None:
            return target
        kind = owner.archive.settings.kinds[0].name  # the id's prefix says its kind
        return f"{other[0]}:{owner.archive.scheme.normalise(other[1], kind) or other[1]}"
    return f"{source}:{target}" if as_id == target else f"{source}/{target}"
