"""The settings model shared by the `decisions` command and the MkDocs plugin.

Both read the same mapping: the `decisions` entry of `mkdocs.yml`'s `plugins`
list. The CLI finds it itself (`-f mkdocs.yml`); the plugin receives it from
MkDocs. Either way `Settings.from_mapping` validates it against
`schemas/config.schema.json` and fills in defaults, so a typo is reported the
same way in both places.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import re
from functools import cache
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Any, Mapping

import jsonschema
import yaml

CONFIG_FILE_NAMES = ("mkdocs.yml", "mkdocs.yaml", "properdocs.yml", "properdocs.yaml")
PLUGIN_NAME = "decisions"


class ConfigError(Exception):
    """The configuration cannot be used; the message says where and why."""


@dataclasses.dataclass(frozen=True)
class KindSettings:
    """One kind of record (ADR, RFC, or one a team declares)."""

    name: str
    directory: str
    prefix: str
    title: str
    statuses: tuple[str, ...]
    #: lower-cased alias -> canonical status
    aliases: Mapping[str, str]
    #: the builtin schema ("adr", "rfc") or a path to the user's own schema
    schema: str
    #: the user's own schema, applied in addition to the builtin one
    user_schema: Mapping[str, Any] | None
    #: fields required when a record has a given status
    required_by_status: Mapping[str, tuple[str, ...]]
    #: statuses that mean "decided and in force"
    in_force: tuple[str, ...]
    #: the status a record takes once something supersedes it ("" if none)
    superseded_status: str
    #: statuses meaning "proposed, not yet decided"
    proposed: tuple[str, ...]
    #: "auto" (detect per file) or the name of a reader
    format: str = "auto"
    #: file name endings of records
    extensions: tuple[str, ...] = (".md",)
    #: records larger than this are reported, not read
    max_file_bytes: int = 1024 * 1024
    #: status -> statuses a record may move to
    transitions: Mapping[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    #: lower-cased field name as written -> our field name
    field_aliases: Mapping[str, str] = dataclasses.field(default_factory=dict)

    def group(self, status: str | None) -> str:
        """Where a status belongs on an index page, like PEP 0's sections."""
        if status in self.in_force:
            return "in-force"
        if status in self.proposed:
            return "proposed"
        if status == self.superseded_status or status == "deprecated":
            return "replaced"
        if status in ("rejected", "withdrawn"):
            return "rejected"
        return "other"

    def canonical_status(self, written: str) -> str | None:
        """The canonical status for what a record says, or None if unknown."""
        key = _status_key(written)
        if key in self.statuses:
            return key
        return self.aliases.get(key)


@dataclasses.dataclass(frozen=True)
class Settings:
    """Everything the core needs to read and check an archive."""

    root: Path
    kinds: tuple[KindSettings, ...]
    placeholders: tuple[str, ...]
    exclude: tuple[str, ...]
    id_width: int
    #: the raw validated mapping, for the plugin's own options
    options: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    def kind(self, name: str) -> KindSettings:
        for kind in self.kinds:
            if kind.name == name:
                return kind
        raise KeyError(name)

    @property
    def placeholder_pattern(self) -> re.Pattern[str]:
        return _compile_placeholders(self.placeholders)

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, Any] | None, root: Path) -> Settings:
        """Validate the plugin section of `mkdocs.yml` and apply defaults."""
        options = dict(mapping or {})
        _validate(options)
        kinds_option = options.get("kinds")
        if kinds_option is None:
            kinds_option = {name: {} for name in DEFAULT_KINDS}
        field_aliases = {**DEFAULT_FIELD_ALIASES, **{k.lower(): v for k, v in options.get("field_aliases", {}).items()}}
        kinds = tuple(
            dataclasses.replace(
                _kind_settings(name, dict(value or {}), root),
                field_aliases=field_aliases,
                max_file_bytes=int(options.get("max_file_bytes", 1024 * 1024)),
            )
            for name, value in kinds_option.items()
        )
        _check_directories(kinds, root)
        if "templates_dir" in options:
            _inside_root(root, options["templates_dir"], "templates_dir")
        placeholders = tuple(options.get("placeholders", DEFAULT_PLACEHOLDERS))
        for pattern in placeholders:
            try:
                re.compile(pattern)
            except re.error as error:
                raise ConfigError(
                    f"placeholders: {pattern!r} is not a valid regular expression ({error})"
                ) from None
        return cls(
            root=root,
            kinds=kinds,
            placeholders=placeholders,
            exclude=tuple(options.get("exclude", DEFAULT_EXCLUDE)),
            id_width=int(options.get("id_width", 4)),
            options=options,
        )


DEFAULT_KINDS: dict[str, dict[str, Any]] = {
    "adr": {
        "directory": "adr",
        "prefix": "ADR",
        "title": "Architecture decisions",
        "statuses": ["proposed", "accepted", "rejected", "deprecated", "superseded"],
        "aliases": {
            "superceded": "superseded",
            "approved": "accepted",
            "pending": "proposed",
            "on hold": "proposed",
            "partly superseded": "accepted",
            "amended": "accepted",
        },
        "schema": "adr",
        "required_by_status": {"accepted": ["deciders"]},
        "in_force": ["accepted"],
        "superseded_status": "superseded",
        "proposed": ["proposed"],
        "transitions": {
            "proposed": ["accepted", "rejected"],
            "accepted": ["deprecated", "superseded"],
            "deprecated": ["superseded"],
        },
    },
    "rfc": {
        "directory": "rfc",
        "prefix": "RFC",
        "title": "Requests for comments",
        "statuses": ["draft", "in-review", "accepted", "rejected", "implemented", "withdrawn"],
        "aliases": {"in review": "in-review", "review": "in-review", "inreview": "in-review"},
        "schema": "rfc",
        "required_by_status": {},
        "in_force": ["accepted", "implemented"],
        "superseded_status": "",
        "proposed": ["draft", "in-review"],
        "transitions": {
            "draft": ["in-review", "withdrawn"],
            "in-review": ["draft", "accepted", "rejected", "withdrawn"],
            "accepted": ["implemented", "withdrawn"],
        },
    },
}

#: field names real archives use for ours (MADR 4, hand-rolled frontmatter)
DEFAULT_FIELD_ALIASES = {
    "decision-makers": "deciders",
    "decision_makers": "deciders",
    "superseded-by": "superseded_by",
    "supersededby": "superseded_by",
    "replaced-by": "superseded_by",
    "replaced_by": "superseded_by",
    "replaces": "supersedes",
    "amended-by": "amended_by",
    "relates-to": "relates_to",
    "related-to": "relates_to",
    "related": "relates_to",
    "creation-date": "date",
    "created": "date",
    "last-updated": "updated",
    "last_updated": "updated",
    "author": "authors",
    "reviewer": "reviewers",
    "tag": "tags",
}

DEFAULT_PLACEHOLDERS = (
    r"\[Title\]",
    r"\[NUMBER\]",
    r"YYYY-MM-DD",
    r"\[TODO\b[^\]\n]*\]",
)

DEFAULT_EXCLUDE = ("README.md", "index.md", "template.md", "*-template.md", "_*", ".*")


def _kind_settings(name: str, given: dict[str, Any], root: Path) -> KindSettings:
    base = dict(DEFAULT_KINDS.get(name, {}))
    statuses = [_status_key(s) for s in given.get("statuses", base.get("statuses", []))]
    if not statuses:
        raise ConfigError(f"kinds.{name}.statuses: a kind needs at least one status")
    status_set = set(statuses)
    if "statuses" in given and base:
        base = _defaults_for(base, status_set)
    merged = {**base, **given}
    aliases = {
        _status_key(alias): _status_key(target)
        for alias, target in {**base.get("aliases", {}), **given.get("aliases", {})}.items()
    }
    for alias, target in aliases.items():
        if target not in status_set:
            raise ConfigError(
                f"kinds.{name}.aliases: {alias!r} maps to {target!r}, which is not one of "
                f"this kind's statuses ({', '.join(statuses)})"
            )
    required = {
        _status_key(status): tuple(fields)
        for status, fields in merged.get("required_by_status", {}).items()
    }
    for option in ("in_force", "proposed"):
        for status in merged.get(option, []):
            if _status_key(status) not in status_set:
                raise ConfigError(
                    f"kinds.{name}.{option}: {status!r} is not one of this kind's statuses"
                )
    for status in required:
        if status not in status_set:
            raise ConfigError(
                f"kinds.{name}.required_by_status: {status!r} is not one of this kind's statuses"
            )
    superseded = _status_key(merged.get("superseded_status", ""))
    if superseded and superseded not in status_set:
        raise ConfigError(
            f"kinds.{name}.superseded_status: {superseded!r} is not one of this kind's statuses"
        )
    schema = str(merged.get("schema", "adr" if not base else base["schema"]))
    user_schema = None
    if schema not in BUILTIN_SCHEMAS:
        schema_path = _inside_root(root, schema, f"kinds.{name}.schema")
        if not schema_path.is_file():
            raise ConfigError(f"kinds.{name}.schema: {schema} does not exist")
        user_schema = _read_schema(schema_path, f"kinds.{name}.schema")
        schema = str(schema_path)
    reader_format = str(merged.get("format", "auto"))
    directory = str(merged.get("directory", name))
    _inside_root(root, directory, f"kinds.{name}.directory")
    return KindSettings(
        name=name,
        directory=PurePosixPath(directory.replace("\\", "/")).as_posix().rstrip("/"),
        prefix=str(merged.get("prefix", name.upper())),
        title=str(merged.get("title", name.upper())),
        statuses=tuple(statuses),
        aliases=aliases,
        schema=schema,
        user_schema=user_schema,
        required_by_status=required,
        in_force=tuple(_status_key(s) for s in merged.get("in_force", [])),
        superseded_status=superseded,
        proposed=tuple(_status_key(s) for s in merged.get("proposed", [])),
        format=reader_format,
        transitions=_transitions(name, merged.get("transitions", {}), status_set),
        extensions=tuple(merged.get("extensions", (".md",))),
    )


BUILTIN_SCHEMAS = ("adr", "rfc")


def _transitions(name: str, given: dict[str, list[str]], statuses: set[str]) -> dict[str, tuple[str, ...]]:
    transitions = {}
    for status, targets in given.items():
        for written in (status, *targets):
            if _status_key(written) not in statuses:
                raise ConfigError(f"kinds.{name}.transitions: {written!r} is not one of this kind's statuses")
        transitions[_status_key(status)] = tuple(_status_key(t) for t in targets)
    return transitions


def _defaults_for(base: dict[str, Any], statuses: set[str]) -> dict[str, Any]:
    """A builtin kind's defaults, keeping only what refers to `statuses`
    (a team that renames the statuses should not trip over ours)."""
    kept = dict(base)
    kept["aliases"] = {a: t for a, t in base["aliases"].items() if t in statuses}
    kept["required_by_status"] = {s: f for s, f in base["required_by_status"].items() if s in statuses}
    kept["in_force"] = [s for s in base["in_force"] if s in statuses]
    kept["proposed"] = [s for s in base["proposed"] if s in statuses]
    if base["superseded_status"] not in statuses:
        kept["superseded_status"] = ""
    kept["transitions"] = {
        status: [t for t in targets if t in statuses]
        for status, targets in base["transitions"].items()
        if status in statuses
    }
    return kept


def _read_schema(path: Path, option: str) -> dict[str, Any]:
    try:
        schema = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{option}: cannot read {path.name}: {error}") from None
    except json.JSONDecodeError as error:
        raise ConfigError(
            f"{option}: {path.name}:{error.lineno}:{error.colno}: not valid JSON ({error.msg})"
        ) from None
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
    except jsonschema.SchemaError as error:
        raise ConfigError(f"{option}: {path.name} is not a valid JSON Schema: {error.message}") from None
    if not isinstance(schema, dict):
        raise ConfigError(f"{option}: {path.name} must hold a JSON object")
    return schema


def _status_key(status: str) -> str:
    return " ".join(str(status).split()).lower()


def _inside_root(root: Path, relative: str, option: str) -> Path:
    """Resolve a configured path, refusing anything that leaves the project."""
    candidate = PurePosixPath(relative.replace("\\", "/"))
    if candidate.is_absolute() or re.match(r"^[A-Za-z]:", relative) or ".." in candidate.parts:
        raise ConfigError(
            f"{option}: {relative!r} must be a path inside the project, relative to "
            f"{root.name or root} (no absolute paths, drive letters or '..')"
        )
    return root / candidate


def _check_directories(kinds: tuple[KindSettings, ...], root: Path) -> None:
    seen: dict[str, str] = {}
    prefixes: dict[str, str] = {}
    for kind in kinds:
        if kind.directory in seen:
            raise ConfigError(
                f"kinds.{kind.name}.directory: {kind.directory!r} is already the directory "
                f"of kind {seen[kind.directory]!r}"
            )
        seen[kind.directory] = kind.name
        if kind.prefix.upper() in prefixes:
            raise ConfigError(
                f"kinds.{kind.name}.prefix: {kind.prefix!r} is already the prefix of kind "
                f"{prefixes[kind.prefix.upper()]!r}"
            )
        prefixes[kind.prefix.upper()] = kind.name


@cache
def _config_schema() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("schemas/config.schema.json").read_text("utf-8")
    return json.loads(text)


def _validate(options: dict[str, Any]) -> None:
    validator = jsonschema.Draft202012Validator(_config_schema())
    errors = sorted(validator.iter_errors(options), key=lambda e: list(map(str, e.absolute_path)))
    if not errors:
        return
    error = errors[0]
    where = ".".join(str(p) for p in error.absolute_path)
    prefix = f"{where}: " if where else ""
    if error.validator == "additionalProperties":
        known = list(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(known))
        hints = [f"{key!r}{did_you_mean(key, known)}" for key in extra]
        raise ConfigError(
            f"{prefix}unknown option {', '.join(hints)}; known options: {', '.join(known)}"
        )
    raise ConfigError(f"{prefix}{error.message}")


@cache
def _compile_placeholders(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!)")


def did_you_mean(word: str, candidates: list[str] | tuple[str, ...]) -> str:
    """`" (did you mean 'x'?)"` for the closest candidate, or ``""``."""
    lowered = {c.lower(): c for c in candidates}
    match = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return f" (did you mean {lowered[match[0]]!r}?)" if match else ""


# -- finding the configuration -------------------------------------------------


class _TolerantLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Reads mkdocs.yml without executing or rejecting its custom tags
    (`!ENV`, `!!python/name:...`), which only MkDocs itself resolves."""


def _construct_unknown(loader: yaml.Loader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_TolerantLoader.add_multi_constructor("!", _construct_unknown)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_unknown)


def find_config_file(start: Path) -> Path | None:
    for name in CONFIG_FILE_NAMES:
        candidate = start / name
        if candidate.is_file():
            return candidate
    return None


def plugin_section(config_file: Path) -> dict[str, Any] | None:
    """The `decisions` plugin's options in an mkdocs.yml, or None when absent."""
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{config_file}: cannot read ({error})") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ConfigError(f"{config_file}{where}: invalid YAML: {problem}") from None
    if not isinstance(data, dict):
        return None
    plugins = data.get("plugins") or []
    entries = plugins.items() if isinstance(plugins, dict) else (
        next(iter(p.items())) if isinstance(p, dict) and len(p) == 1 else (p, None)
        for p in plugins
    )
    for name, options in entries:
        if name == PLUGIN_NAME:
            if options is not None and not isinstance(options, dict):
                raise ConfigError(f"{config_file}: the '{PLUGIN_NAME}' plugin's options must be a mapping")
            return dict(options or {})
    return None


def load_settings(config_file: Path | None, cwd: Path) -> Settings:
    """Settings for the CLI: from `config_file`, or a `mkdocs.yml` in `cwd`, or defaults."""
    if config_file is None:
        config_file = find_config_file(cwd)
        if config_file is None:
            return Settings.from_mapping(None, cwd)
    elif not config_file.is_file():
        raise ConfigError(f"{config_file}: no such configuration file")
    root = config_file.resolve().parent
    try:
        return Settings.from_mapping(plugin_section(config_file), root)
    except ConfigError as error:
        if str(error).startswith(str(config_file)):
            raise
        raise ConfigError(f"{config_file}: plugins.{PLUGIN_NAME}: {error}") from None
