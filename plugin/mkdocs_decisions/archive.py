"""Load a repository's records, index them, and check them.

`Archive.load(settings)` finds every record file of every configured kind,
reads it, and indexes it by id; `Archive.check()` runs the rules. Everything
downstream (the CLI's reporters, the MkDocs plugin, the graph renderers)
starts from an `Archive`.
"""

from __future__ import annotations

import datetime
import fnmatch
import json
import os
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

import jsonschema

from . import rules
from .config import BUILTIN_SCHEMAS, ConfigError, KindSettings, Settings
from .graph import SupersessionGraph
from .ids import IdScheme, sorted_ids
from .model import Record
from .readers import read_record


class Archive:
    def __init__(self, settings: Settings, records: list[Record]) -> None:
        self.settings = settings
        self.records = records
        self.scheme = scheme_for(settings)
        self.today = datetime.date.today()
        self.by_path = {record.path: record for record in records}
        self.by_id: dict[str, Record] = {}
        self.duplicates: dict[str, list[Record]] = {}
        for record in records:
            if record.id is None:
                continue
            first = self.by_id.setdefault(record.id, record)
            if first is not record:
                self.duplicates.setdefault(record.id, [first]).append(record)
        self._validators: dict[str, jsonschema.protocols.Validator] = {}
        self._known_fields: dict[str, frozenset[str]] = {}
        self._schema_errors: dict[str, list[jsonschema.ValidationError]] = {}

    @classmethod
    def load(cls, settings: Settings) -> Archive:
        scheme = scheme_for(settings)
        records = []
        for kind, path, relative, refusal in discover(settings):
            record = read_record(path, relative, kind, scheme, refusal)
            records.append(record)
        return cls(settings, records)

    def check(self, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> rules.Result:
        return rules.run(self, rules.select_rules(select, ignore))

    @cached_property
    def graph(self) -> SupersessionGraph:
        return SupersessionGraph(self.records, set(self.by_id))

    def next_free_id(self, kind: str) -> str:
        """The id after the highest number this kind uses."""
        prefix = self.settings.kind(kind).prefix + "-"
        numbers = [
            record.id[len(prefix) :].rstrip("abcdefghijklmnopqrstuvwxyz")
            for record in self.records
            if record.kind == kind and record.id and record.id.startswith(prefix)
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
            cached = list(self._validator(record.kind).iter_errors(instance))
            self._schema_errors[record.path] = cached
        return cached

    def known_fields(self, kind: str) -> frozenset[str]:
        """The keys a kind's schema declares."""
        if kind not in self._known_fields:
            self._validator(kind)
        return self._known_fields[kind]

    def _validator(self, kind_name: str) -> jsonschema.protocols.Validator:
        validator = self._validators.get(kind_name)
        if validator is None:
            kind = self.settings.kind(kind_name)
            schemas = [_builtin_schema("adr" if kind.schema not in BUILTIN_SCHEMAS else kind.schema)]
            if kind.schema not in BUILTIN_SCHEMAS:
                schemas.append(_user_schema(kind))
            known: set[str] = set()
            for schema in schemas:
                known.update(schema.get("properties", {}))
            self._known_fields[kind_name] = frozenset(known)
            combined = schemas[0] if len(schemas) == 1 else {"allOf": schemas}
            validator = jsonschema.Draft202012Validator(combined)
            self._validators[kind_name] = validator
        return validator


def scheme_for(settings: Settings) -> IdScheme:
    return IdScheme({kind.name: kind.prefix for kind in settings.kinds}, settings.id_width)


def discover(settings: Settings) -> list[tuple[KindSettings, Path, str, str | None]]:
    """Every record file of every kind, in a stable order.

    Symbolic links are followed only while they stay inside the project;
    one that leads out is listed with the reason it is refused (so it is
    reported) but never read.
    """
    root = settings.root
    real_root = os.path.realpath(root)
    found: list[tuple[KindSettings, Path, str, str | None]] = []
    for kind in settings.kinds:
        directory = root / kind.directory
        if not directory.is_dir():
            continue
        for current, directories, files in os.walk(directory):
            directories[:] = sorted(
                d for d in directories
                if not _excluded(d, settings.exclude)
                and not os.path.islink(os.path.join(current, d))
            )
            for name in sorted(files):
                if not name.endswith(".md") or _excluded(name, settings.exclude):
                    continue
                path = Path(current, name)
                relative = path.relative_to(root).as_posix()
                refusal = None
                if os.path.islink(path):
                    target = os.path.realpath(path)
                    if os.path.commonpath([target, real_root]) != real_root:
                        refusal = "it is a symbolic link to a file outside the project, which is never followed"
                found.append((kind, path, relative, refusal))
    return found


def _excluded(name: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)


def _builtin_schema(name: str) -> dict[str, Any]:
    text = resources.files(__package__).joinpath(f"schemas/{name}.schema.json").read_text("utf-8")
    return json.loads(text)


def _user_schema(kind: KindSettings) -> dict[str, Any]:
    try:
        schema = json.loads(Path(kind.schema).read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
    except (OSError, ValueError) as error:
        raise ConfigError(f"kinds.{kind.name}.schema: cannot read {kind.schema}: {error}") from None
    except jsonschema.SchemaError as error:
        raise ConfigError(f"kinds.{kind.name}.schema: {kind.schema} is not a valid JSON Schema: {error.message}") from None
    return schema
