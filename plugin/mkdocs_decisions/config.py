"""The plugin's options, declared once, and the settings the core reads.

`OPTIONS` declares every option of the `decisions` entry in `mkdocs.yml`'s
`plugins` list: its name, the JSON Schema its value must match, its default
and one line saying what it does; `KIND_OPTIONS` does the same for the
options of each kind under `kinds`. Everything else comes from them: the
MkDocs plugin's config options (`plugin.DecisionsConfig`), the CLI's reading
of `mkdocs.yml` (`load_settings`), and `Settings`, which has a typed
attribute for each. `check_names` and `check_option` write the messages for
both, so a mistake reads the same in `mkdocs build` and in `decisions lint`
(ADR-0015).
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import importlib
import json
import re
import urllib.parse
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any, Mapping

import jsonschema
import yaml

from .ids import SOURCE_NAME
from .presets import FIELD_ALIASES as PRESET_FIELD_ALIASES
from .presets import PRESETS

CONFIG_FILE_NAMES = ("mkdocs.yml", "mkdocs.yaml", "properdocs.yml", "properdocs.yaml")
PLUGIN_NAME = "decisions"


class ConfigError(Exception):
    """The configuration cannot be used; the message says where and why."""

    def __init__(self, message: str, option: str = "") -> None:
        super().__init__(message)
        #: the top-level option the mistake is in, when there is one
        self.option = option


# -- the declaration -------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Option:
    """One option: its name, the JSON Schema its value must match, its
    default, and one line for the docs.

    A default of None means "not set": writing `null` then means the same.
    """

    name: str
    shape: Mapping[str, Any]
    default: Any
    doc: str
    #: documented with the site's options (docs/site.md), not the linter's (docs/lint.md)
    site: bool = False


BOOLEAN = {"type": "boolean"}


def _text(**constraints: Any) -> dict[str, Any]:
    return {"type": "string", **constraints}


def _list(items: Mapping[str, Any] | None = None, **constraints: Any) -> dict[str, Any]:
    return {"type": "array", "items": dict(items or _text()), **constraints}


def _mapping(values: Mapping[str, Any], **constraints: Any) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": dict(values), **constraints}


#: the options of one kind; a default of None is worked out from the kind's name
KIND_OPTIONS = (
    Option("directory", _text(minLength=1), None,
           "The folder of its records, relative to mkdocs.yml (default: the kind's name)."),
    Option("format", _text(minLength=1), "auto",
           "How its files are written: auto (detect per file), native, madr, adr-tools, inline, "
           "pep, kep, tep, or the name of a reader another package registers."),
    Option("extensions", _list(_text(pattern=r"^\.[A-Za-z0-9.]+$"), minItems=1), [".md"],
           "File name endings of its records."),
    Option("files", _text(minLength=1), "*",
           "The names of its record files, as a pattern (pep-[0-9]*): other files in its folder are "
           "kept beside the records, not read as records."),
    Option("prefix", _text(pattern="^[A-Za-z][A-Za-z0-9]*$"), None,
           "The prefix of its ids, ADR in ADR-0003 (default: the kind's name in capitals)."),
    Option("title", _text(), None, "The title of its index page (default: the kind's name in capitals)."),
    Option("statuses", _list(_text(minLength=1), minItems=1), None,
           "Its statuses; a kind of your own needs at least one."),
    Option("aliases", _mapping(_text()), {}, "Statuses written otherwise (In Review) and the status each stands for."),
    Option("schema", _text(minLength=1), "adr",
           "Which schema its records must match: adr, rfc, or a JSON Schema file of your own, "
           "applied in addition to ours."),
    Option("required_by_status", _mapping(_list()), {},
           "For a status, the fields a record with that status must have."),
    Option("in_force", _list(), [], "The statuses meaning decided and in force."),
    Option("superseded_status", _text(), "", "The status a record takes once something supersedes it."),
    Option("proposed", _list(), [], "The statuses meaning proposed, not yet decided."),
    Option("transitions", _mapping(_list()), {},
           "The lifecycle: for each status, the statuses a record may move to (decisions status enforces it)."),
    Option("preset", {"enum": sorted(PRESETS)}, None,
           "The RFC process its records follow, for its defaults in one word: pep (Python's PEPs), "
           "kep (Kubernetes' KEPs) or tep (Tekton's TEPs); options set beside it win."),
    Option("groups", _mapping(_list(_text(minLength=1), minItems=1)), {},
           "The sections of its index page, in order: a title and the statuses listed under it "
           "(default: in force, proposed, superseded and deprecated, rejected and withdrawn, other)."),
    Option("field_aliases", _mapping(_text(minLength=1)), {},
           "Field names its records write otherwise, and the field each stands for; added to the "
           "top-level field_aliases."),
    Option("severity", _mapping({"enum": ["error", "warning"]}), {},
           "For a rule, the severity of its findings on this kind's records, whatever their format "
           "(`{one-sided-link: warning}`): the finding is still made."),
    Option("review_after", _text(pattern=r"^[1-9][0-9]* *(days?|weeks?|months?|years?)$"), None,
           "How long a record in force stays so before it is due for review (`12 months`): its review "
           "date is its date plus this, unless it sets `review_by`."),
    Option("owner_required", BOOLEAN, False,
           "Whether each record in force must name an owner (`owner` or `owners`), who keeps it current."),
    Option("required_approvals", {"type": "integer", "minimum": 0}, 0,
           "How many approvals (`approvals: [{by: NAME, date: DATE}]`) a record needs to be in force."),
    Option("approvers", _list(_text(minLength=1)), [],
           "Who may approve its records, by the names they approve under; empty: anyone."),
)

KIND_SHAPE = {
    "type": ["object", "null"],
    "additionalProperties": False,
    "properties": {option.name: dict(option.shape) for option in KIND_OPTIONS},
}

OPTIONS = (
    Option("kinds", _mapping(KIND_SHAPE, minProperties=1, propertyNames={"pattern": "^[a-z][a-z0-9_-]*$"}),
           {"adr": {}, "rfc": {}},
           "The kinds of record and where they live; replaces the default adr + rfc set."),
    Option("placeholders", _list(), [r"\[Title\]", r"\[NUMBER\]", r"YYYY-MM-DD", r"\[TODO\b[^\]\n]*\]"],
           "Regular expressions for template text that must not be left in a record."),
    Option("exclude", _list(), ["README.md", "index.md", "_*", ".*"],
           "File name patterns inside kind directories that are not records (templates, named as "
           "templates, never are: template.md, adr-template.md, 0000-template.md)."),
    Option("id_width", {"type": "integer", "minimum": 1, "maximum": 9}, 4,
           "Digits in a normalised id: ADR-0003 for 4."),
    Option("field_aliases", _mapping(_text(minLength=1)), {},
           "Field names written otherwise (decision-makers, superseded-by, creation-date...) and the "
           "field each stands for; added to the built-in list."),
    Option("max_file_bytes", {"type": "integer", "minimum": 1024, "maximum": 100 * 1024 * 1024}, 1024 * 1024,
           "Records larger than this many bytes are reported (file-too-large) instead of read."),
    Option("mutable_fields", _list(), ["status", "superseded_by", "amended_by", "relates_to", "tags", "updated",
                                       "review_by", "owner", "owners", "approvals"],
           "Frontmatter fields an accepted record may still change (decisions lint --since); the rest "
           "of it, and its text, must stay as accepted."),
    Option("records_in_nav", BOOLEAN, False,
           "List every record page in the site navigation (for small archives); by default only "
           "the index pages are.", site=True),
    Option("fail_on_error", BOOLEAN, False,
           "Fail mkdocs build on invalid records even without --strict.", site=True),
    Option("record_card", {"enum": ["auto", "always", "never"]}, "auto",
           "The metadata card on record pages: auto leaves it out of a record that shows its "
           "fields in its own text (MADR lists, a Status section, bold fields), so nothing shows "
           "twice; always, or never.", site=True),
    Option("timeline", BOOLEAN, True, "Publish a timeline page of all records, newest first.", site=True),
    Option("graph", BOOLEAN, True,
           "Publish a page with the supersession graph of the whole archive, and a lineage graph on "
           "each record page that has predecessors or successors.", site=True),
    Option("in_force_page", BOOLEAN, True,
           "Publish a page of the decisions in force (in force, and not replaced by a record in "
           "force), with their amendments.", site=True),
    Option("changes", BOOLEAN, True,
           "Publish what changed, from git (new records, status changes), as a page and as the Atom "
           "feed decisions.atom.", site=True),
    Option("history", BOOLEAN, True,
           "Read each record's creation, last change and status history from git (one git log pass) "
           "and show it on record pages and in decisions.json.", site=True),
    Option("handbook", BOOLEAN, False,
           "Publish the engineering handbook (how to write ADRs and RFCs, standards, reviews) and the "
           "document templates; off by default, so a product's docs get only the decision pages.", site=True),
    Option("handbook_prefix", _text(pattern="^([A-Za-z0-9_.-]+/)*$"), "handbook/",
           "Where the handbook's pages go in the site.", site=True),
    Option("handbook_exclude", _list(), [],
           "Handbook pages to leave out, by file name (e.g. mentorship.md).", site=True),
    Option("templates_dir", _text(minLength=1), None,
           "A folder of the team's own templates (adr.md, rfc.md, ...), which override ours for "
           "decisions new and the handbook.", site=True),
    Option("code_paths", _list(_text(minLength=1)), ["."],
           "Where the code that cites records is (`decisions refs`, the cites- rules), relative to mkdocs.yml."),
    Option("code_exclude", _list(_text(minLength=1)), ["docs", "site", "*.md", "mkdocs.yml"],
           "Paths and patterns (git's pathspecs) left out of that search; the records' folders always are."),
    Option("code_id_forms", _list(_text(minLength=1)), ["{prefix}-{number}"],
           "How the code writes a record's id: text around {prefix} (ADR) and {number} (0003), e.g. "
           "'{prefix} {number}' for 'ADR 3' too."),
    Option("sources", _list({
        "type": "object", "required": ["name"], "additionalProperties": False,
        "properties": {"name": _text(pattern=f"^{SOURCE_NAME}$"), "repo": _text(minLength=1),
                       "ref": _text(minLength=1), "json": _text(minLength=1), "options": {"type": "object"}},
    }), [],
           "The repositories a catalogue gathers, each {name, repo, ref, options} or {name, json}: repo is a "
           "folder, relative to mkdocs.yml, or a git URL read at ref (default: its default branch), fetched into "
           ".decisions-cache/; options are this plugin's options to read it with, laid over its own mkdocs.yml's "
           "(kinds, presets, field_aliases...) for a repository the catalogue cannot change; json is the "
           "decisions.json a repository's own build published (a file or an https URL); their records are "
           "checked as one archive, ids qualified by name (payments:ADR-0003)."),
)

_OPTIONS_BY_NAME = {option.name: option for option in OPTIONS}
#: a `code_id_forms` entry: text, {prefix}, text, {number}, text
_ID_FORM = re.compile(r"[^{}\n]*\{prefix\}[^{}\n]*\{number\}[^{}\n]*")


def is_git_url(repo: str) -> bool:
    """A source's `repo` that git fetches (`https://...`, `ssh://...`,
    `git@host:path`, `file://...`), not a folder."""
    return "://" in repo or re.match(r"^[\w.-]+@[\w.-]+:", repo) is not None


def _check_sources(sources: list[Mapping[str, str]]) -> None:
    """Each source once by name; a URL that carries a secret is refused
    outright: a password anywhere, or a user name over HTTP(S), where tokens
    go. git's credential helpers give credentials, and nothing here stores
    or prints them."""
    seen: set[str] = set()
    for source in sources:
        name, repo = source["name"], source.get("repo") or source.get("json") or ""
        if name in seen:
            raise ConfigError(f"sources: the name '{name}' is given twice; each source needs its own", option="sources")
        seen.add(name)
        if ("repo" in source) == ("json" in source):
            raise ConfigError(f"sources: {name}: give either 'repo' (a folder or a git URL) or 'json' (a published "
                              "decisions.json), one of them", option="sources")
        address = urllib.parse.urlsplit(repo) if "://" in repo else None
        if address is not None and (address.password or (address.username and address.scheme != "ssh")):
            raise ConfigError(f"sources: {name}: the URL carries credentials; remove them (git's credential helper "
                              "gives them, and nothing here stores or prints them)", option="sources")
        if "ref" in source and ("json" in source or not is_git_url(repo)):
            raise ConfigError(f"sources: {name}: 'ref' is for a git URL; {repo} is a folder, read as it is",
                              option="sources")
        if "options" in source:
            _check_source_options(name, source)


def _check_source_options(name: str, source: Mapping[str, Any]) -> None:
    """A source's `options` are the options that read a repository, checked
    here so that a mistake is told at the catalogue's own file; the site's
    options and `sources` are the catalogue's, and a published decisions.json
    was read by its own build."""
    where = f"sources: {name}: options"
    if "json" in source:
        raise ConfigError(f"{where}: a published decisions.json was read with its repository's own options; "
                          "name its repo instead to read it with these", option="sources")
    for key, value in source["options"].items():
        option = _OPTIONS_BY_NAME.get(key)
        if option is None or option.site or key == "sources":
            known = [o.name for o in OPTIONS if not o.site and o.name != "sources"]
            problem = "is the catalogue's own option" if option is not None else "is not an option"
            raise ConfigError(f"{where}: {key!r} {problem}{did_you_mean(str(key), known)}; a source is read with: "
                              f"{', '.join(known)}", option="sources")
        try:
            check_option(key, value)
        except ConfigError as error:
            raise ConfigError(f"{where}: {error}", option="sources") from None


def check_names(mapping: Mapping[Any, Any]) -> None:
    """Refuse names that are not options, suggesting the closest one."""
    unknown = [key for key in mapping if key not in _OPTIONS_BY_NAME]
    if unknown:
        raise ConfigError(_unknown_message("", unknown, list(_OPTIONS_BY_NAME)), option=str(unknown[0]))


def check_option(name: str, value: Any) -> None:
    """Check one option's value against its declaration; the message names
    the path of the bad value (`kinds.adr.statuses: ...`)."""
    option = _OPTIONS_BY_NAME[name]
    if value is None and option.default is None:
        return
    errors = sorted(_validator(name).iter_errors(value), key=lambda e: list(map(str, e.absolute_path)))
    if not errors:
        return
    error = errors[0]
    where = ".".join((name, *map(str, error.absolute_path)))
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = list(error.schema.get("properties", {}))
        unknown = [key for key in error.instance if key not in known]
        raise ConfigError(_unknown_message(f"{where}: ", unknown, known), option=name)
    raise ConfigError(f"{where}: {error.message}", option=name)


def _unknown_message(prefix: str, unknown: list[Any], known: list[str]) -> str:
    hints = [f"{key!r}{did_you_mean(str(key), known)}" for key in unknown]
    return f"{prefix}unknown option {', '.join(hints)}; known options: {', '.join(known)}"


@cache
def _validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(_OPTIONS_BY_NAME[name].shape)


# -- the settings --------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class KindSettings:
    """One kind of record (ADR, RFC, or one a team declares); see `KIND_OPTIONS`."""

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
    in_force: tuple[str, ...]
    #: "" if the kind has none
    superseded_status: str
    proposed: tuple[str, ...]
    #: "auto" (detect per file) or the name of a reader
    format: str
    extensions: tuple[str, ...]
    #: the pattern its record files' names match
    files: str
    #: status -> statuses a record may move to
    transitions: Mapping[str, tuple[str, ...]]
    #: from the top-level options: lower-cased field name as written -> our field name
    field_aliases: Mapping[str, str]
    max_file_bytes: int
    #: rule id -> "error" or "warning", chosen for this kind (`rules.check_settings` knows the ids)
    severity: Mapping[str, str] = dataclasses.field(default_factory=dict)
    #: the RFC process whose defaults it takes (`presets.PRESETS`), if any
    preset: str | None = None
    #: the index page's sections: title -> statuses; empty for the default sections
    groups: Mapping[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    #: how `directory` was chosen, for `decisions lint --explain` and the no-records warning
    found_by: str = "configured"
    #: how long a record in force stays so before its review ("12 months"), if the kind says
    review_after: str | None = None
    owner_required: bool = False
    required_approvals: int = 0
    #: who may approve; empty: anyone
    approvers: tuple[str, ...] = ()

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

    def path_of(self, inside: str) -> str:
        """The path from the root of `inside`, a path within this kind's folder;
        a folder of `.` (records at the root, as a repository of decisions
        keeps them) adds nothing, so no path starts with `./`."""
        return inside if self.directory == "." else f"{self.directory}/{inside}"

    def inside(self, path: str) -> str:
        """`path`, from the root, as it is within this kind's folder: `path_of` undone."""
        return path if self.directory == "." else path[len(self.directory) + 1 :]


@dataclasses.dataclass(frozen=True)
class Settings:
    """Everything the core needs: the project's root and one attribute per
    option of `OPTIONS` (documented there; lists become tuples)."""

    root: Path
    kinds: tuple[KindSettings, ...]
    placeholders: tuple[str, ...]
    exclude: tuple[str, ...]
    id_width: int
    #: the built-in aliases with the option's added (lower-cased field name -> ours)
    field_aliases: Mapping[str, str]
    max_file_bytes: int
    mutable_fields: tuple[str, ...]
    templates_dir: str | None
    records_in_nav: bool
    fail_on_error: bool
    record_card: str
    timeline: bool
    graph: bool
    in_force_page: bool
    changes: bool
    history: bool
    handbook: bool
    handbook_prefix: str
    handbook_exclude: tuple[str, ...]
    code_paths: tuple[str, ...]
    code_exclude: tuple[str, ...]
    code_id_forms: tuple[str, ...]
    sources: tuple[Mapping[str, str], ...]

    def kind(self, name: str) -> KindSettings:
        return self._kinds_by_name[name]

    @functools.cached_property
    def _kinds_by_name(self) -> dict[str, KindSettings]:
        # a catalogue has two kinds or so per source: hundreds to look through for every record
        return {kind.name: kind for kind in self.kinds}

    def kind_owning(self, path: str) -> KindSettings | None:
        """The kind whose folder holds `path` (relative to the root, with `/`);
        a kind's folder may sit inside another's, and then its files are its own."""
        owners = [kind for kind in self.kinds if kind.directory == "." or path.startswith(kind.directory + "/")]
        return max(owners, key=lambda kind: len(kind.directory), default=None)

    @property
    def placeholder_pattern(self) -> re.Pattern[str]:
        return _compile_placeholders(self.placeholders)

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, Any] | None, root: Path) -> Settings:
        """Check the plugin's section of `mkdocs.yml` and fill in the defaults."""
        given = dict(mapping or {})
        check_names(given)
        values: dict[str, Any] = {}
        for option in OPTIONS:
            if option.name in given:
                check_option(option.name, given[option.name])
            value = given.get(option.name)
            values[option.name] = option.default if value is None else value
        field_aliases = {**DEFAULT_FIELD_ALIASES, **{k.lower(): v for k, v in values["field_aliases"].items()}}
        kinds = tuple(
            _kind_settings(name, dict(value or {}), root, field_aliases, values["max_file_bytes"])
            for name, value in values["kinds"].items()
        )
        _check_directories(kinds, root)
        if values["templates_dir"] is not None:
            if not _inside_root(root, values["templates_dir"], "templates_dir").is_dir():
                # found here, not when a rule first reads the templates
                raise ConfigError(f"templates_dir: {values['templates_dir']} is not a directory", option="templates_dir")
        _check_sources(values["sources"])
        for form in values["code_id_forms"]:
            if not _ID_FORM.fullmatch(form):
                raise ConfigError(
                    f"code_id_forms: {form!r} must hold {{prefix}} and then {{number}}, once each, on one line "
                    "(e.g. '{prefix}-{number}' for ADR-0003, '{prefix} {number}' for ADR 3)", option="code_id_forms")
        for pattern in values["placeholders"]:
            try:
                re.compile(pattern)
            except re.error as error:
                raise ConfigError(
                    f"placeholders: {pattern!r} is not a valid regular expression ({error})", option="placeholders"
                ) from None
        values.update(kinds=kinds, field_aliases=field_aliases)
        return cls(root=root, **{name: tuple(v) if isinstance(v, list) else v for name, v in values.items()})


DEFAULT_KINDS: dict[str, dict[str, Any]] = {
    "adr": {
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


def _kind_settings(
    name: str, given: dict[str, Any], root: Path, field_aliases: Mapping[str, str], max_file_bytes: int
) -> KindSettings:
    preset = given.get("preset")
    base = {**_KIND_DEFAULTS, **DEFAULT_KINDS.get(name, {}), **PRESETS.get(preset, {})}
    statuses = [_status_key(s) for s in given.get("statuses", base["statuses"]) or []]
    if not statuses:
        raise ConfigError(
            f"kinds.{name}.statuses: a kind needs at least one status, or a preset ({', '.join(sorted(PRESETS))})"
        )
    if "" in statuses:  # spaces only: no record could be told apart from one with no status
        raise ConfigError(f"kinds.{name}.statuses.{statuses.index('')}: a status needs a word, not only spaces")
    status_set = set(statuses)
    if "statuses" in given and (name in DEFAULT_KINDS or preset):
        base = _defaults_for(base, status_set)
    merged = {**base, **given}
    aliases = {
        _status_key(alias): _status_key(target)
        for alias, target in {**base["aliases"], **given.get("aliases", {})}.items()
    }
    for alias, target in aliases.items():
        if target not in status_set:
            raise ConfigError(
                f"kinds.{name}.aliases: {alias!r} maps to {target!r}, which is not one of "
                f"this kind's statuses ({', '.join(statuses)})"
            )
    required = {
        _status_key(status): tuple(fields)
        for status, fields in merged["required_by_status"].items()
    }
    for option in ("in_force", "proposed"):
        for status in merged[option]:
            if _status_key(status) not in status_set:
                raise ConfigError(
                    f"kinds.{name}.{option}: {status!r} is not one of this kind's statuses"
                )
    groups = {title: tuple(_status_key(s) for s in listed) for title, listed in merged["groups"].items()}
    for listed in groups.values():
        for status in listed:
            if status not in status_set:
                raise ConfigError(f"kinds.{name}.groups: {status!r} is not one of this kind's statuses")
    for status in required:
        if status not in status_set:
            raise ConfigError(
                f"kinds.{name}.required_by_status: {status!r} is not one of this kind's statuses"
            )
    superseded = _status_key(merged["superseded_status"])
    if superseded and superseded not in status_set:
        raise ConfigError(
            f"kinds.{name}.superseded_status: {superseded!r} is not one of this kind's statuses"
        )
    schema = str(merged["schema"])
    user_schema = None
    if schema not in BUILTIN_SCHEMAS:
        schema_path = _inside_root(root, schema, f"kinds.{name}.schema")
        if not schema_path.is_file():
            raise ConfigError(f"kinds.{name}.schema: {schema} does not exist")
        user_schema = _read_schema(schema_path, f"kinds.{name}.schema")
        schema = str(schema_path)
    if given.get("directory"):
        directory, found_by = str(given["directory"]), "configured"
        if not _inside_root(root, directory, f"kinds.{name}.directory").is_dir():
            raise ConfigError(
                f"kinds.{name}.directory: {directory!r} does not exist{_similar_folder(root, directory)}; "
                "create it, or fix the path (it is relative to mkdocs.yml)"
            )
    else:
        directory, found_by = discover_directory(root, name, preset)
        _inside_root(root, directory, f"kinds.{name}.directory")
    return KindSettings(
        name=name,
        directory=PurePosixPath(directory.replace("\\", "/")).as_posix().rstrip("/"),
        prefix=str(merged["prefix"] or name.upper()),
        title=str(merged["title"] or name.upper()),
        statuses=tuple(statuses),
        aliases=aliases,
        schema=schema,
        user_schema=user_schema,
        required_by_status=required,
        in_force=tuple(_status_key(s) for s in merged["in_force"]),
        superseded_status=superseded,
        proposed=tuple(_status_key(s) for s in merged["proposed"]),
        format=str(merged["format"]),
        transitions=_transitions(name, merged["transitions"], status_set),
        extensions=tuple(merged["extensions"]),
        files=str(merged["files"]),
        field_aliases={
            **field_aliases,
            **(PRESET_FIELD_ALIASES if preset else {}),
            **{key.lower(): value for key, value in merged["field_aliases"].items()},
        },
        max_file_bytes=max_file_bytes,
        severity=dict(merged["severity"]),
        preset=preset,
        groups=groups,
        found_by=found_by,
        review_after=merged["review_after"],
        owner_required=bool(merged["owner_required"]),
        required_approvals=int(merged["required_approvals"]),
        approvers=tuple(merged["approvers"]),
    )


#: where teams keep records when nobody says, in the order they are tried
#: the file that marks a folder `decisions generate` wrote (`docs/decisions/` by
#: default): its pages are not records, even where records are often kept
GENERATED_MARKER = ".decisions-generated"

COMMON_LOCATIONS = {
    "adr": ("adr", "docs/adr", "docs/decisions", "docs/architecture/decisions", "doc/adr",
            "doc/architecture/decisions", "decisions"),
    "rfc": ("rfc", "rfcs", "docs/rfc", "docs/rfcs"),
}


def discover_directory(root: Path, kind: str, preset: str | None = None) -> tuple[str, str]:
    """A kind's folder when none is configured, and how it was found: the
    folder adr-tools (`.adr-dir`) or log4brains (`.log4brains.yml`) names,
    else the first common location that exists (for a preset, the folder
    its project keeps them in), else the kind's name."""
    if kind == "adr":
        named = _named_by_tools(root)
        if named is not None:
            return named
    tried = COMMON_LOCATIONS.get(kind) or ((PRESETS[preset]["directory"],) if preset else (kind,))
    for candidate in tried:
        if (root / candidate).is_dir() and not (root / candidate / GENERATED_MARKER).is_file():
            return candidate, f"the first of {', '.join(f'{c}/' for c in tried)} that exists"
    return kind, f"none of {', '.join(f'{c}/' for c in tried)} exists"


def _named_by_tools(root: Path) -> tuple[str, str] | None:
    """The ADR folder that adr-tools' `.adr-dir` or log4brains' `.log4brains.yml` names."""
    try:
        named = (root / ".adr-dir").read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        named = ""
    if named and (root / named).is_dir():
        return named, "named by .adr-dir (adr-tools)"
    try:
        log4brains = yaml.load((root / ".log4brains.yml").read_text(encoding="utf-8"), Loader=_TolerantLoader)
        named = str(log4brains["project"]["adrFolder"])
    except (OSError, UnicodeDecodeError, yaml.YAMLError, KeyError, TypeError):
        return None
    named = PurePosixPath(named).as_posix().removeprefix("./")
    if named and (root / named).is_dir():
        return named, "named by .log4brains.yml (log4brains)"
    return None


def _similar_folder(root: Path, directory: str) -> str:
    """Did-you-mean among the folders beside a configured one that does not exist."""
    parent = PurePosixPath(directory).parent
    try:
        siblings = [str(parent / entry.name) for entry in (root / parent).iterdir() if entry.is_dir()]
    except OSError:
        return ""
    return did_you_mean(str(PurePosixPath(directory)), siblings)


BUILTIN_SCHEMAS = ("adr", "rfc")

_KIND_DEFAULTS = {option.name: option.default for option in KIND_OPTIONS}


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
    kept["groups"] = {
        title: [s for s in listed if s in statuses]
        for title, listed in base["groups"].items()
        if any(s in statuses for s in listed)
    }
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


class _NamingLoader(_TolerantLoader):
    """Also gives `!!python/name:module.object` the object it names, as MkDocs
    does (Markdown extensions' options: `emoji_index`, a fence's `format`);
    a name that cannot be imported here stays text."""


def _construct_name(loader: yaml.Loader, suffix: str, node: yaml.Node) -> Any:
    module, _, name = suffix.rpartition(".")
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError, ValueError):
        return suffix


# first, before the tolerant loader's catch-all for every `python/` tag (the first prefix that matches wins)
_NamingLoader.yaml_multi_constructors = {
    "tag:yaml.org,2002:python/name:": _construct_name, **_TolerantLoader.yaml_multi_constructors,
}


def read_mkdocs_yml(config_file: Path, names: bool = False) -> dict[str, Any]:
    """An mkdocs.yml as data, its custom tags left unresolved (an empty
    mapping when it holds no mapping); with `names`, the `!!python/name:`
    objects imported (`_NamingLoader`)."""
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_NamingLoader if names else _TolerantLoader)
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{config_file}: cannot read ({error})") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ConfigError(f"{config_file}{where}: invalid YAML: {problem}") from None
    return data if isinstance(data, dict) else {}


def plugin_section(config_file: Path) -> dict[str, Any] | None:
    """The `decisions` plugin's options in an mkdocs.yml, or None when absent."""
    data = read_mkdocs_yml(config_file)
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


def load_settings(config_file: Path | None, cwd: Path, options: Mapping[str, Any] | None = None) -> Settings:
    """Settings for the CLI: from `config_file`, or a `mkdocs.yml` in `cwd`,
    or defaults; `options` (a catalogue's for one of its sources) are laid
    over them, option by option."""
    if config_file is None:
        config_file = find_config_file(cwd)
        if config_file is None:
            return Settings.from_mapping(options, cwd)
    elif not config_file.is_file():
        raise ConfigError(f"{config_file}: no such configuration file")
    root = config_file.resolve().parent
    try:
        return Settings.from_mapping({**(plugin_section(config_file) or {}), **(options or {})}, root)
    except ConfigError as error:
        if str(error).startswith(str(config_file)):
            raise
        raise ConfigError(f"{config_file}: plugins.{PLUGIN_NAME}: {error}") from None
