"""Load a repository's records, index them, and check them.

`Archive.load(settings)` finds every record file of every configured kind,
reads it, and indexes it by id; `Archive.check()` runs the rules. Everything
downstream (the CLI's reporters, the MkDocs plugin, the graph renderers)
starts from an `Archive`.
"""

from __future__ import annotations

import dataclasses
import datetime
import fnmatch
import functools
import json
import os
import posixpath
import re
import urllib.parse
from functools import cached_property
from importlib import resources
from typing import TYPE_CHECKING, Any, Iterable, Iterator

import jsonschema

from . import rules
from .config import BUILTIN_SCHEMAS, KindSettings, Settings
from .governance import Citation, citations
from .graph import SupersessionGraph
from .ids import BODY_FILES, FOLDER_RECORD_STEMS, SOURCE_BEFORE, IdScheme, file_number, qualified, slug_of, sorted_ids
from .model import Record
from .placeholders import Learned, is_template_folder, is_template_name, learn
from .readers import read_record
from .tuning import collector_paused

if TYPE_CHECKING:
    from .baseline import Baseline


def build_date() -> datetime.date:
    """Today, for the rules that compare dates with it: the date of
    `SOURCE_DATE_EPOCH` (UTC) when it is set, so a build is reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc).date()
    return datetime.date.today()


class Archive:
    def __init__(self, settings: Settings, records: list[Record], today: datetime.date | None = None) -> None:
        self.settings = settings
        self.records = records
        self.scheme = scheme_for(settings)
        #: what "today" is for the rules (`build_date`, or `decisions lint --today`)
        self.today = today or build_date()
        #: path -> when the record came into force, from git (`history.note_acceptance`), for `review_after`
        self.accepted: dict[str, datetime.date] = {}
        #: the repositories whose records this archive holds under their names (a catalogue's
        #: sources, RFC-0003); a qualified id of any other is not checked here
        self.sources: frozenset[str] = frozenset()
        #: a catalogue's source -> how that source writes its ids (its own prefixes and width)
        self.source_schemes: dict[str, IdScheme] = {}
        self.by_path = {record.path: record for record in records}
        self.by_id: dict[str, Record] = {}
        self.duplicates: dict[str, list[Record]] = {}
        for record in sorted(records, key=self._claim_order):
            if record.id is None:
                continue
            first = self.by_id.setdefault(record.id, record)
            if first is not record:
                self.duplicates.setdefault(record.id, [first]).append(record)
        self._resolve_links()
        self._schemas: dict[str, _Schema] = {}
        self._schema_errors: dict[str, list[jsonschema.ValidationError]] = {}
        self._placeholders: dict[str, Learned] = {}
        self._released = False

    def _resolve_links(self) -> None:
        """Links written as markdown links point at files: give them the id of
        the record in that file (the file's own name may be anything)."""
        for record in self.records:
            if not any(link.href for link in record.links):
                continue
            resolved = []
            for link in record.links:
                if link.href and not re.match(r"^[a-z][a-z0-9+.-]*:", link.href, re.IGNORECASE):
                    path = posixpath.normpath(
                        posixpath.join(posixpath.dirname(record.path), urllib.parse.unquote(link.href.split("#")[0]))
                    )
                    target = self.by_path.get(path)
                    if target is not None and target.id:
                        link = dataclasses.replace(link, target=target.id)
                    elif link.target not in self.by_id:
                        link = dataclasses.replace(link, target=path)
                resolved.append(link)
            record.links = resolved

    def _claim_order(self, record: Record) -> tuple[bool, str]:
        """Who keeps a duplicated id: a record whose id agrees with its file
        name (no `id` field, or one saying the same), then the first by path."""
        from_name = self.scheme.normalise(record.file_number, record.kind) if record.file_number else None
        disagrees = "id" in record.fields and from_name is not None and from_name != record.id
        return (disagrees, record.path)

    @classmethod
    def load(cls, settings: Settings, today: datetime.date | None = None) -> Archive:
        scheme = scheme_for(settings)
        with collector_paused():
            records = [
                read_record(path, relative, kind, scheme, refusal)
                for kind, path, relative, refusal in discover(settings)
            ]
        return cls(settings, records, today)

    def check(
        self, select: Iterable[str] = (), ignore: Iterable[str] = (), baseline: Baseline | None = None
    ) -> rules.Result:
        with collector_paused():
            return rules.run(self, rules.select_rules(select, ignore), baseline)

    def placeholders(self, kind: str) -> Learned:
        """What records of `kind` must not keep of their templates (learned once per kind)."""
        if kind not in self._placeholders:
            self._placeholders[kind] = learn(self.settings, self.settings.kind(kind))
        return self._placeholders[kind]

    @cached_property
    def citations(self) -> list[Citation]:
        """Where the project's code cites records (`governance.citations`), found once."""
        return citations(self.settings, self.scheme)

    @cached_property
    def graph(self) -> SupersessionGraph:
        return SupersessionGraph(self.records, set(self.by_id))

    def references(self, text: str) -> list[re.Match[str]]:
        """Every id written in `text` (`IdScheme.references`), with the name of
        the repository before it when there is one (`platform:ADR-0012`)."""
        found = self.scheme.references(text)
        for position, match in enumerate(found):
            source = SOURCE_BEFORE.search(text, max(0, match.start() - 64), match.start())
            if source is not None:
                found[position] = _SPAN.match(text, source.start(), match.end())
        return found

    def written_id(self, written: str, record: Record) -> str | None:
        """The id that `written` (an id in `record`'s text, from `references`)
        names here: in a catalogue, a bare id is one of the record's own
        source; a qualified id of a repository this archive does not hold
        names nothing here."""
        other = qualified(written)
        if not self.sources:
            return None if other else self.scheme.normalise(written, record.kind)
        source, kind = record.kind.split(":", 1)
        if other is not None:
            source, written = other
            kind = ""
        scheme = self.source_schemes.get(source)
        if scheme is None:
            return None
        found = scheme.normalise(written, kind or next(iter(scheme.prefixes)))  # a qualified id's prefix says its kind
        return f"{source}:{found}" if found else None

    @cached_property
    def mentions(self) -> dict[str, list[str]]:
        """id -> ids of the records whose text refers to it (by id or by a
        relative link to its file): the backlinks of the site."""
        if self._released:
            raise RuntimeError("mentions are found in the records' texts, which take_bodies() released")
        found: dict[str, set[str]] = {}
        for record in self.records:
            if record.id is None or not record.readable:
                continue
            body = record.body
            targets = {self.written_id(m.group(), record) for m in self.references(body)}
            for link in _MD_LINK.finditer(body):
                path = posixpath.normpath(posixpath.join(posixpath.dirname(record.path), link.group(1)))
                linked = self.by_path.get(path)
                if linked is not None:
                    targets.add(linked.id)
            for target in targets:
                if target and target != record.id and target in self.by_id:
                    found.setdefault(target, set()).add(record.id)
        return {target: sorted_ids(sources) for target, sources in found.items()}

    def take_bodies(self) -> Iterator[tuple[Record, str]]:
        """Each readable record with its markdown body, its text forgotten
        once handed over: a site holds every record while MkDocs builds it,
        and from here on only the record's page needs the text.

        What is found in the texts (`mentions`) is found first, so it cannot
        be asked of records whose text is gone.
        """
        self.mentions  # noqa: B018 (found now, while the texts are here)
        self._released = True
        for record in self.records:
            body = record.body
            record.release_source()
            if record.readable:
                yield record, body

    @property
    def nothing_found(self) -> str | None:
        """What to tell a user whose archive has no records at all: where
        they were looked for, and how to point elsewhere. None when there are
        records."""
        if self.records:
            return None
        looked = "; ".join(
            f"{kind.name} records in {kind.directory}/ ({kind.found_by})" for kind in self.settings.kinds
        )
        return (
            f"no decision records found: looked for {looked}; name the folder with "
            "kinds.<kind>.directory in the plugin's options"
        )

    def next_free_id(self, kind: str, taken: Iterable[str] = ()) -> str:
        """The id after the highest number this kind's prefix uses: the one
        answer for `decisions new`, `renumber` and the duplicate-id hint.

        Counted are the ids of all records (of any kind with the same prefix),
        the numbers in the names of this kind's files that could not be read
        (they keep their number), and `taken` (ids used elsewhere, such as
        at a base ref).
        """
        prefix = self.settings.kind(kind).prefix + "-"
        used = [record.id for record in self.records if record.id]
        used += [
            self.scheme.normalise(record.file_number, kind) or ""
            for record in self.records
            if record.kind == kind and record.id is None and record.file_number
        ]
        numbers = [
            written[len(prefix) :].rstrip("abcdefghijklmnopqrstuvwxyz")
            for written in [*used, *taken]
            if written.startswith(prefix)
        ]
        highest = max((int(n) for n in numbers if n.isdigit()), default=0)
        return self.scheme.canonical(str(highest + 1), "", kind)

    def ordered(self, kind: str | None = None) -> list[Record]:
        """Records (of one kind) in id order; records without an id last, by path."""
        chosen = [r for r in self.records if kind is None or r.kind == kind]
        with_id = {r.id: r for r in chosen if r.id and self.by_id.get(r.id) is r}
        rest = [r for r in chosen if r.id is None or self.by_id.get(r.id) is not r]
        return [with_id[i] for i in sorted_ids(with_id)] + rest

    # -- schemas ---------------------------------------------------------------

    def schema_errors(self, record: Record) -> list[jsonschema.ValidationError]:
        """The record's frontmatter checked against its kind's schema (computed once)."""
        cached = self._schema_errors.get(record.path)
        if cached is None:
            instance: dict[str, Any] = {key: field.value for key, field in record.fields.items()}
            schema = self._schema(record.kind)
            if schema.shape_only:
                # Thousands of records share a handful of shapes: validate each
                # shape once, and only a record of an invalid shape in full.
                shape = _shape(instance)
                valid = schema.valid_shapes.get(shape)
                if valid is None:
                    valid = schema.valid_shapes[shape] = schema.validator.is_valid(instance)
                if valid:
                    self._schema_errors[record.path] = []
                    return []
            cached = list(schema.validator.iter_errors(instance))
            self._schema_errors[record.path] = cached
        return cached

    def known_fields(self, kind: str) -> frozenset[str]:
        """The keys a kind's schema declares."""
        return self._schema(kind).known

    def _schema(self, kind_name: str) -> _Schema:
        schema = self._schemas.get(kind_name)
        if schema is None:
            kind = self.settings.kind(kind_name)
            schemas = [_builtin_schema("adr" if kind.schema not in BUILTIN_SCHEMAS else kind.schema)]
            if kind.user_schema is not None:
                schemas.append(dict(kind.user_schema))
            schema = self._schemas[kind_name] = _compiled(json.dumps(schemas, sort_keys=True, default=str))
        return schema


@dataclasses.dataclass
class _Schema:
    """A kind's schema made ready to check records: one per distinct schema
    in a process, so that a catalogue's sources, which mostly keep the
    built-in kinds, compile each schema and judge each shape once."""

    validator: jsonschema.protocols.Validator
    known: frozenset[str]  # the keys it declares
    shape_only: bool  # whether a frontmatter's shape alone decides it (`_judges_shape_only`)
    valid_shapes: dict[Any, bool]


@functools.lru_cache(maxsize=None)
def _compiled(written: str) -> _Schema:
    """The schemas a kind's records must all meet (JSON, so that equal ones are one key)."""
    schemas = json.loads(written)
    combined = schemas[0] if len(schemas) == 1 else {"allOf": schemas}
    known = frozenset(key for schema in schemas for key in schema.get("properties", {}))
    return _Schema(jsonschema.Draft202012Validator(combined), known, _judges_shape_only(combined), {})


def scheme_for(settings: Settings) -> IdScheme:
    return IdScheme({kind.name: kind.prefix for kind in settings.kinds}, settings.id_width)


#: a qualified id found by `Archive.references` (matched up to the id's end)
_SPAN = re.compile(r".+", re.DOTALL)

#: a markdown link to a local .md file: [text](../adr/0003-x.md#part)
_MD_LINK = re.compile(r"\]\(\s*<?(?![a-z][a-z0-9+.-]*:)([^)\s>#]+\.md)(?:#[^)\s>]*)?>?")


def discover(settings: Settings, assets: bool = False) -> list[tuple[KindSettings, str, str, str | None]]:
    """Every record file of every kind, in a stable order (with `assets`,
    every other file instead: the images and attachments records link to).

    Symbolic links are followed only while they stay inside the project;
    one that leads out is listed with the reason it is refused (so it is
    reported) but never read. Linked directories are not entered.
    """
    real_root = os.path.realpath(settings.root)
    found: list[tuple[KindSettings, str, str, str | None]] = []
    # a loop over a stack, not a recursive inner function: that would be a
    # reference cycle holding `found` until the cycle collector next runs
    pending = [
        (kind, str(settings.root / kind.directory), kind.directory)
        for kind in reversed(settings.kinds)
        if (settings.root / kind.directory).is_dir() and not (settings.root / kind.directory).is_symlink()
    ]
    while pending:
        kind, directory, relative = pending.pop()
        try:
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError:
            continue
        subdirectories = []
        folder_record = _is_record_folder(os.path.basename(directory), entries, kind) and relative != kind.directory
        texts = _record_texts(entries, kind)
        for entry in entries:
            if folder_record and entry.name in texts:
                continue
            if _excluded(entry.name, settings.exclude) and not (folder_record and is_folder_record_file(entry.name, kind)):
                continue
            entry_relative = entry.name if relative == "." else f"{relative}/{entry.name}"
            if entry.is_dir(follow_symlinks=False):
                if not is_template_folder(entry.name):
                    subdirectories.append((kind, entry.path, entry_relative))
            elif folder_record and entry.name.endswith(kind.extensions) and not is_folder_record_file(entry.name, kind):
                if assets:  # beside a folder's record, another page is one of its attachments
                    found.append((kind, entry.path, entry_relative, None))
            elif is_record_name(entry.name, kind) != assets and not (assets and _is_template(entry.name, kind)):
                refusal = None
                if entry.is_symlink():
                    target = os.path.realpath(entry.path)
                    if os.path.commonpath([target, real_root]) != real_root:
                        refusal = "it is a symbolic link to a file outside the project, which is never followed"
                    elif not os.path.isfile(target):
                        continue
                found.append((kind, entry.path, entry_relative, refusal))
        pending.extend(reversed(subdirectories))
    # a kind's directory may sit inside another's: its files belong to it alone
    return sorted((entry for entry in found if settings.kind_owning(entry[2]) is entry[0]), key=lambda entry: entry[2])


def _record_texts(entries: list[os.DirEntry], kind: KindSettings) -> dict[str, str]:
    """The files of a folder that hold the text of a record beside them (the
    README.md beside a kep.yaml), each with that record's file name: neither
    records nor attachments."""
    return {BODY_FILES[e.name]: e.name for e in entries if e.name in BODY_FILES and is_folder_record_file(e.name, kind)}


def is_record_name(name: str, kind: KindSettings) -> bool:
    """Whether a file, by its name, is one of the kind's records: its ending,
    its `files` pattern (`pep-[0-9]*`), and not named as a template."""
    return name.endswith(kind.extensions) and fnmatch.fnmatchcase(name, kind.files) and not is_template_name(name)


def _is_template(name: str, kind: KindSettings) -> bool:
    """A template in a records folder: neither a record nor a file to publish."""
    return name.endswith(kind.extensions) and is_template_name(name)


def _excluded(name: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)


def _is_record_folder(name: str, entries: list[os.DirEntry], kind: KindSettings) -> bool:
    """A folder that is one record: named like a record (`0007-name`, not a
    year such as `2021`) and holding its `README.md` or `index.md`."""
    return (
        file_number(name) is not None
        and slug_of(name) != name
        and any(is_folder_record_file(entry.name, kind) for entry in entries if entry.is_file())
    )


def is_folder_record_file(name: str, kind: KindSettings) -> bool:
    """Whether `name`, inside a numbered folder (`0007-name/`), is that folder's record."""
    stem, dot, extension = name.rpartition(".")
    return bool(dot) and stem in FOLDER_RECORD_STEMS and f".{extension}" in kind.extensions


def skipped_because(settings: Settings, relative: str) -> str | None:
    """Why the file at `relative` (from the project's root, with `/`) is not
    read as a record, in words for `decisions lint`; None if it is read."""
    kind = settings.kind_owning(relative)
    if kind is None:
        folders = ", ".join(f"{k.directory}/" for k in settings.kinds)
        return f"it is outside the records folders ({folders})"
    parts = kind.inside(relative).split("/")
    folder = relative.rsplit("/", 1)[0]
    try:
        beside = list(os.scandir(settings.root / folder)) if len(parts) > 1 else []
    except OSError:
        beside = []
    held = _record_texts(beside, kind).get(parts[-1])
    if held and _is_record_folder(parts[-2], beside, kind):
        return f"it is the text of the record {folder}/{held}"
    for at, part in enumerate(parts):
        if at == len(parts) - 1 and len(parts) > 1 and file_number(parts[-2]) and is_folder_record_file(part, kind):
            continue  # the record of a numbered folder, whatever 'exclude' says of its name
        pattern = next((p for p in settings.exclude if fnmatch.fnmatchcase(part, p)), None)
        if pattern is not None:
            return f"'{part}' matches {pattern!r} in the 'exclude' option"
    template_folder = next((part for part in parts[:-1] if is_template_folder(part)), None)
    if template_folder is not None:
        return f"it is in {template_folder}/, which its name says is a template to copy"
    if not parts[-1].endswith(kind.extensions):
        return f"{kind.name} records end in {', '.join(kind.extensions)} (the kind's 'extensions')"
    if not fnmatch.fnmatchcase(parts[-1], kind.files):
        return f"{kind.name} records are named like {kind.files!r} (the kind's 'files')"
    if _is_record_folder(parts[-2] if len(parts) > 1 else "", beside, kind) and not is_folder_record_file(parts[-1], kind):
        return f"{folder}/ is one record, its README.md or index.md; the other pages in it are its attachments"
    if is_template_name(parts[-1]):
        return "its name says it is a template to copy (template.md, adr-template.md, 0000-template.md)"
    return None


#: JSON Schema keywords whose verdict depends only on a value's shape (its
#: keys, types, list lengths and which strings are empty), not on its text
_SHAPE_KEYWORDS = frozenset(
    {
        "$schema", "$id", "$ref", "$defs", "$comment", "title", "description", "examples",
        "default", "type", "properties", "required", "items", "oneOf", "anyOf", "allOf",
        "additionalProperties", "minItems", "maxItems", "minProperties", "maxProperties",
    }
)


def _judges_shape_only(schema: Any) -> bool:
    """True when `schema` gives every value of one `_shape` the same verdict."""
    if isinstance(schema, list):
        return all(_judges_shape_only(item) for item in schema)
    if not isinstance(schema, dict):
        return True
    for keyword, value in schema.items():
        if keyword == "minLength" and value in (0, 1):
            continue
        if keyword not in _SHAPE_KEYWORDS:
            return False
        if keyword in ("properties", "$defs"):
            if not all(_judges_shape_only(v) for v in value.values()):
                return False
        elif keyword not in ("description", "title", "examples", "default", "required", "type") and not _judges_shape_only(value):
            return False
    return True


def _shape(value: Any) -> Any:
    """What a shape-only schema sees of a value: strings reduced to empty or not."""
    if isinstance(value, str):
        return "s" if value else ""
    if isinstance(value, list):
        return tuple(_shape(item) for item in value)
    if isinstance(value, dict):
        return ("map", tuple(sorted((key, _shape(item)) for key, item in value.items())))
    return value


def _builtin_schema(name: str) -> dict[str, Any]:
    text = resources.files(__package__).joinpath(f"schemas/{name}.schema.json").read_text("utf-8")
    return json.loads(text)
