"""The settings model: configuration errors, custom kinds, aliases, user schemas."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, accepted_adr
from mkdocs_decisions import config
from mkdocs_decisions.config import ConfigError, Settings

TOP_LEVEL_OPTIONS = {"kinds", "placeholders", "exclude", "id_width"}
KIND_OPTIONS = {
    "directory", "prefix", "title", "statuses", "aliases", "schema", "required_by_status",
    "in_force", "superseded_status", "proposed",
}
ADR_STATUSES = "proposed, accepted, rejected, deprecated, superseded"


def config_error(mapping, root: Path) -> str:
    with pytest.raises(ConfigError) as caught:
        Settings.from_mapping(mapping, root)
    return str(caught.value)


def split_known(message: str) -> tuple[str, set[str]]:
    head, known = message.split("; known options: ")
    return head, set(known.split(", "))


# -- errors ------------------------------------------------------------------------


def test_defaults(tmp_path):
    settings = Settings.from_mapping(None, tmp_path)
    assert [(k.name, k.directory, k.prefix) for k in settings.kinds] == [("adr", "adr", "ADR"), ("rfc", "rfc", "RFC")]
    assert settings.kind("adr").statuses == ("proposed", "accepted", "rejected", "deprecated", "superseded")
    assert settings.kind("rfc").statuses == ("draft", "in-review", "accepted", "rejected", "implemented", "withdrawn")
    assert settings.id_width == 4


def test_unknown_option_suggests_the_closest(tmp_path):
    head, known = split_known(config_error({"kind": {}}, tmp_path))
    assert head == "unknown option 'kind' (did you mean 'kinds'?)"
    assert known >= TOP_LEVEL_OPTIONS


def test_unknown_kind_option_suggests_the_closest(tmp_path):
    head, known = split_known(config_error({"kinds": {"adr": {"directry": "doc/adr"}}}, tmp_path))
    assert head == "kinds.adr: unknown option 'directry' (did you mean 'directory'?)"
    assert known >= KIND_OPTIONS


def test_unknown_option_far_from_any_has_no_suggestion(tmp_path):
    head, known = split_known(config_error({"zzz": 1}, tmp_path))
    assert head == "unknown option 'zzz'"


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"id_width": "4"}, "id_width: '4' is not of type 'integer'"),
        ({"id_width": 0}, "id_width: 0 is less than the minimum of 1"),
        ({"placeholders": r"\[Title\]"}, r"placeholders: '\\[Title\\]' is not of type 'array'"),
        ({"exclude": [1]}, "exclude.0: 1 is not of type 'string'"),
        ({"kinds": ["adr"]}, "kinds: ['adr'] is not of type 'object'"),
        ({"kinds": {"adr": {"directory": 5}}}, "kinds.adr.directory: 5 is not of type 'string'"),
        ({"kinds": {"adr": {"statuses": "proposed"}}}, "kinds.adr.statuses: 'proposed' is not of type 'array'"),
        ({"kinds": {"adr": {"aliases": ["done"]}}}, "kinds.adr.aliases: ['done'] is not of type 'object'"),
    ],
)
def test_bad_types(tmp_path, mapping, message):
    assert config_error(mapping, tmp_path) == message


def test_invalid_placeholder_pattern(tmp_path):
    message = config_error({"placeholders": ["[TODO"]}, tmp_path)
    assert message.startswith("placeholders: '[TODO' is not a valid regular expression (")


def test_alias_to_an_unknown_status(tmp_path):
    assert config_error({"kinds": {"adr": {"aliases": {"Done": "finished"}}}}, tmp_path) == (
        f"kinds.adr.aliases: 'done' maps to 'finished', which is not one of this kind's statuses "
        f"({ADR_STATUSES})"
    )


@pytest.mark.parametrize("directory", ["../adr", "adr/../../x", "/srv/adr", "C:/adr", "C:\\adr"])
def test_directory_outside_the_project(tmp_path, directory):
    assert config_error({"kinds": {"adr": {"directory": directory}}}, tmp_path) == (
        f"kinds.adr.directory: {directory!r} must be a path inside the project, relative to "
        f"{tmp_path.name} (no absolute paths, drive letters or '..')"
    )


def test_schema_outside_the_project(tmp_path):
    assert config_error({"kinds": {"adr": {"schema": "../adr.json"}}}, tmp_path) == (
        f"kinds.adr.schema: '../adr.json' must be a path inside the project, relative to "
        f"{tmp_path.name} (no absolute paths, drive letters or '..')"
    )


def test_schema_that_does_not_exist(tmp_path):
    assert config_error({"kinds": {"adr": {"schema": "schemas/adr.json"}}}, tmp_path) == (
        "kinds.adr.schema: schemas/adr.json does not exist"
    )


@pytest.mark.parametrize("directory", ["adr", "adr/", "./adr"])
def test_duplicate_directory(tmp_path, directory):
    (tmp_path / "adr").mkdir()
    assert config_error({"kinds": {"adr": {}, "rfc": {"directory": directory}}}, tmp_path) == (
        "kinds.rfc.directory: 'adr' is already the directory of kind 'adr'"
    )


def test_duplicate_prefix(tmp_path):
    mapping = {"kinds": {"adr": {}, "decision": {"prefix": "adr", "statuses": ["open"]}}}
    assert config_error(mapping, tmp_path) == "kinds.decision.prefix: 'adr' is already the prefix of kind 'adr'"


def test_new_kind_needs_statuses(tmp_path):
    assert config_error({"kinds": {"decision": {}}}, tmp_path) == (
        "kinds.decision.statuses: a kind needs at least one status, or a preset (kep, pep, tep)"
    )


def test_a_status_of_spaces_only_is_refused(tmp_path):
    """A blank status would be the status of a record that has none (and its `required_by_status`
    would apply to every record whose status is missing)."""
    mapping = {"kinds": {"adr": {"statuses": ["accepted", "  "], "required_by_status": {"  ": ["deciders"]}}}}
    assert config_error(mapping, tmp_path) == "kinds.adr.statuses.1: a status needs a word, not only spaces"


@pytest.mark.parametrize("option", ["in_force", "proposed"])
def test_status_lists_must_name_statuses_of_the_kind(tmp_path, option):
    mapping = {"kinds": {"decision": {"statuses": ["open", "decided"], option: ["closed"]}}}
    assert config_error(mapping, tmp_path) == f"kinds.decision.{option}: 'closed' is not one of this kind's statuses"


def test_superseded_status_must_be_a_status_of_the_kind(tmp_path):
    mapping = {"kinds": {"decision": {"statuses": ["open"], "superseded_status": "replaced"}}}
    assert config_error(mapping, tmp_path) == (
        "kinds.decision.superseded_status: 'replaced' is not one of this kind's statuses"
    )


def test_required_by_status_must_name_a_status_of_the_kind(tmp_path):
    mapping = {"kinds": {"adr": {"required_by_status": {"approved": ["deciders"]}}}}
    assert config_error(mapping, tmp_path) == (
        "kinds.adr.required_by_status: 'approved' is not one of this kind's statuses"
    )


def test_own_statuses_for_a_builtin_kind_are_accepted(tmp_path):
    # The user wrote only `statuses`; the built-in aliases ('superceded' ->
    # 'superseded'), in_force, superseded_status and required_by_status of the
    # adr kind are defaults, so they must not make the user's choice an error
    # blaming options the user never wrote.
    settings = Settings.from_mapping({"kinds": {"adr": {"statuses": ["open", "closed"]}}}, tmp_path)
    assert settings.kind("adr").statuses == ("open", "closed")


# -- custom kinds, aliases and schemas, linted through the command -------------------


def lint_json(project, *args):
    result = project.run("lint", "--format", "json", *args)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    return result.returncode, [
        (d["path"], d["line"], d["column"], d["rule"], d["message"])
        for d in json.loads(result.stdout)["diagnostics"]
    ]


DECISION_KIND = """\
site_name: X
plugins:
  - decisions:
      kinds:
        decision:
          directory: decisions
          prefix: DEC
          title: Decisions
          statuses: [open, decided, dropped, replaced]
          aliases: {agreed: decided}
          in_force: [decided]
          proposed: [open]
          superseded_status: replaced
"""


def decision(status: str, extra: str = "") -> str:
    return f"---\nstatus: {status}\ndate: 2026-01-10\n{extra}---\n# D\n\nText.\n"


def test_custom_kind_is_linted_with_its_own_statuses(project):
    project.write("mkdocs.yml", DECISION_KIND)
    project.write("decisions/0001-use-queue.md", decision("decided"))
    project.write("decisions/0002-use-cache.md", decision("decide"))
    project.write("decisions/0003-use-bus.md", decision("Agreed"))
    project.write("decisions/0004-use-log.md", decision("accepted"))
    # not a configured kind: `kinds` replaces the default adr + rfc set
    project.write("adr/0001-x.md", decision("nonsense"))
    code, found = lint_json(project)
    assert code == 1
    statuses = "DEC statuses are: open, decided, dropped, replaced"
    assert found == [
        ("decisions/0002-use-cache.md", 2, 9, "unknown-status",
         f"unknown status 'decide' (did you mean 'decided'?); {statuses}"),
        ("decisions/0003-use-bus.md", 2, 9, "status-alias",
         "status 'Agreed' is an alias; write 'decided' (decisions lint --fix does)"),
        ("decisions/0004-use-log.md", 2, 9, "unknown-status", f"unknown status 'accepted'; {statuses}"),
    ]


def test_custom_kind_ids_and_links_use_its_prefix(project):
    project.write("mkdocs.yml", DECISION_KIND)
    project.write("decisions/0001-use-queue.md", decision("replaced", "superseded_by: [DEC-0002]\n"))
    project.write("decisions/0002-use-kafka.md", decision("decided", "supersedes: [dec-1]\n"))
    project.write("decisions/0003-use-bus.md", decision("decided", "id: ADR-0003\nsupersedes: [DEC-0009]\n"))
    project.write("decisions/0004-use-log.md", decision("replaced"))
    code, found = lint_json(project)
    assert code == 1
    assert found == [
        ("decisions/0003-use-bus.md", 4, 5, "invalid-id", "id 'ADR-0003' is not a record id; write it like DEC-0001"),
        ("decisions/0003-use-bus.md", 5, 14, "missing-target",
         "'supersedes' names DEC-0009, which does not exist; link to an existing record by its id"),
        ("decisions/0004-use-log.md", 2, 9, "superseded-without-successor",
         "status is 'replaced' but no record replaces this one; add 'superseded_by: [<id of the "
         "successor>]' or change the status"),
    ]


def test_custom_kind_required_fields_by_status(project):
    project.write(
        "mkdocs.yml",
        "site_name: X\nplugins:\n  - decisions:\n      kinds:\n        decision:\n"
        "          statuses: [open, decided]\n          required_by_status: {decided: [deciders]}\n",
    )
    project.write("decision/0001-use-queue.md", decision("decided"))
    project.write("decision/0002-use-cache.md", decision("decided", "deciders: [alice]\n"))
    project.write("decision/0003-use-bus.md", decision("open"))
    code, found = lint_json(project)
    assert code == 1
    assert found == [
        ("decision/0001-use-queue.md", 2, 9, "missing-field",
         "status 'decided' requires 'deciders'; add e.g. 'deciders: [name]'"),
    ]


def test_custom_aliases_extend_the_builtin_ones(project):
    project.write(
        "mkdocs.yml",
        "site_name: X\nplugins:\n  - decisions:\n      kinds:\n        adr:\n          aliases: {Done: accepted}\n",
    )
    project.write("adr/0001-use-queue.md", decision("Done", "deciders: [alice]\n"))
    project.write("adr/0002-use-cache.md", decision("done"))  # accepted needs deciders
    project.write("adr/0003-use-bus.md", decision("Superceded", "superseded_by: [ADR-0001]\n"))
    code, found = lint_json(project)
    assert code == 1
    assert found == [
        ("adr/0001-use-queue.md", 2, 9, "status-alias",
         "status 'Done' is an alias; write 'accepted' (decisions lint --fix does)"),
        ("adr/0002-use-cache.md", 2, 9, "missing-field",
         "status 'accepted' requires 'deciders'; add e.g. 'deciders: [name]'"),
        ("adr/0002-use-cache.md", 2, 9, "status-alias",
         "status 'done' is an alias; write 'accepted' (decisions lint --fix does)"),
        ("adr/0003-use-bus.md", 2, 9, "status-alias",
         "status 'Superceded' is an alias; write 'superseded' (decisions lint --fix does)"),
        ("adr/0003-use-bus.md", 4, 17, "one-sided-link",
         "ADR-0003 is superseded by ADR-0001, but adr/0001-use-queue.md does not name ADR-0003 in "
         "'supersedes'; add it there (decisions lint --fix does)"),
    ]


TEAM_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {
        "team": {"type": "string", "minLength": 1},
        "risk": {"type": "string", "enum": ["low", "high"]},
    },
}


def test_user_schema_declares_a_field_and_enforces_it(project):
    project.write("schemas/adr-team.json", json.dumps(TEAM_SCHEMA))
    project.write(
        "mkdocs.yml",
        "site_name: X\nplugins:\n  - decisions:\n      kinds:\n        adr:\n          schema: schemas/adr-team.json\n",
    )
    project.write("adr/0001-use-queue.md", decision("accepted", "deciders: [alice]\nteam: platform\n"))
    project.write("adr/0002-use-cache.md", decision("accepted", "deciders: [alice]\nteam: [platform, payments]\n"))
    project.write("adr/0003-use-bus.md", decision("accepted", "deciders: [alice]\nrisk: medium\n"))
    # the built-in schema still applies on top of the user's
    project.write("adr/0004-use-log.md", decision("accepted", "deciders: {lead: alice}\nteam: payments\nrisk: low\n"))
    code, found = lint_json(project)
    assert code == 1
    assert found == [
        ("adr/0002-use-cache.md", 5, 7, "schema", "'team' must be text, not a list"),
        ("adr/0003-use-bus.md", 5, 7, "schema", "'risk': 'medium' is not one of ['low', 'high']"),
        ("adr/0004-use-log.md", 4, 11, "schema", "'deciders' must be one name, or a list of names, not a mapping"),
    ]


def test_without_the_user_schema_the_field_is_unknown(project):
    project.write("adr/0001-use-queue.md", decision("accepted", "deciders: [alice]\nteam: platform\n"))
    code, found = lint_json(project)
    assert code == 0
    assert found == [
        ("adr/0001-use-queue.md", 5, 1, "unknown-field",
         "unknown field 'team'; remove it, or declare it in a schema of your own (the kind's "
         "'schema' option)"),
    ]


def test_user_schema_can_require_its_field(project):
    schema = {**TEAM_SCHEMA, "required": ["team"]}
    project.write("schemas/adr-team.json", json.dumps(schema))
    project.write(
        "mkdocs.yml",
        "site_name: X\nplugins:\n  - decisions:\n      kinds:\n        adr:\n          schema: schemas/adr-team.json\n",
    )
    project.write("adr/0001-use-queue.md", decision("proposed"))
    code, found = lint_json(project)
    assert code == 1
    assert found == [
        ("adr/0001-use-queue.md", 2, 1, "missing-field", "missing required field 'team'; add e.g. 'team: [name]'"),
    ]


def test_nested_kind_directories_read_each_record_once(project):
    # rfc/ lives inside the adr kind's directory: an RFC must not also be read
    # (and judged) as an ADR. Refusing the configuration is fine too.
    project.write(
        "mkdocs.yml",
        "site_name: X\nplugins:\n  - decisions:\n      kinds:\n        adr: {directory: records}\n"
        "        rfc: {directory: records/rfc}\n",
    )
    project.write("records/0001-use-queue.md", decision("accepted", "deciders: [alice]\n"))
    project.write("records/rfc/0001-plan.md", decision("draft", "authors: [carol]\n"))
    result = project.run("lint", "--format", "json")
    assert "Traceback" not in result.stderr
    if result.returncode == 2:
        assert result.stderr.startswith("decisions: error: ")
        return
    assert result.returncode == 0, result.stdout
    assert json.loads(result.stdout) == {
        "diagnostics": [],
        "summary": {"records": 2, "errors": 0, "warnings": 0, "fixed": 0},
    }


# -- one declaration: the settings, the plugin and the docs agree with it ------------


def test_every_option_is_a_typed_settings_attribute_with_the_declared_default(tmp_path):
    settings = Settings.from_mapping(None, tmp_path)
    assert {f.name for f in dataclasses.fields(Settings)} == {"root", *(o.name for o in config.OPTIONS)}
    for option in config.OPTIONS:
        if option.name in ("kinds", "field_aliases"):  # made into KindSettings; merged with the built-in list
            continue
        expected = tuple(option.default) if isinstance(option.default, list) else option.default
        assert getattr(settings, option.name) == expected, option.name
    assert [k.name for k in settings.kinds] == list(dict(_default("kinds")))
    assert dict(settings.field_aliases) == config.DEFAULT_FIELD_ALIASES


def _default(name):
    return next(o.default for o in config.OPTIONS if o.name == name)


def test_declared_defaults_pass_their_own_checks():
    for option in config.OPTIONS:
        config.check_option(option.name, option.default)
    kind = {o.name: o.default for o in config.KIND_OPTIONS if o.default is not None}
    config.check_option("kinds", {"decision": kind})


def test_every_option_has_one_line_of_documentation():
    for option in (*config.OPTIONS, *config.KIND_OPTIONS):
        assert option.doc and "\n" not in option.doc and option.doc.endswith("."), option.name
        assert option.doc[0].isupper(), option.name


def test_the_plugins_options_are_the_declared_ones():
    from mkdocs_decisions.plugin import DecisionsConfig

    assert [(name, item.default, item.doc) for name, item in DecisionsConfig._schema] == [
        (o.name, o.default, o.doc) for o in config.OPTIONS
    ]


def _table(page: str, heading: str) -> dict[str, list[str]]:
    """The rows of the first table under `heading`: option name -> its other cells."""
    text = (REPO / "docs" / page).read_text(encoding="utf-8")
    section = text.split(f"\n{heading}\n", 1)[1]
    rows = {}
    for line in section.splitlines():
        if rows and not line.startswith("|"):
            break
        match = re.match(r"\| `(\w+)` \|(.*)\|$", line)
        if match:
            rows[match[1]] = [cell.strip() for cell in match[2].split(" | ")]
    return rows


def _written(default) -> str:
    if default is None:
        return "none"
    if isinstance(default, bool):
        return f"`{str(default).lower()}`"
    return f"`{json.dumps(default) if isinstance(default, list) else default}`"


def test_the_docs_option_tables_list_every_declared_option():
    lint = _table("lint.md", "## Configuration")
    site = _table("site.md", "## Options")
    assert list(lint) == [o.name for o in config.OPTIONS if not o.site]
    assert [o.name for o in config.KIND_OPTIONS if f"`{o.name}`" not in lint["kinds"][0]] == []
    assert sorted(site) == sorted(o.name for o in config.OPTIONS if o.site)
    assert {name: cells[0] for name, cells in site.items()} == {
        o.name: _written(o.default) for o in config.OPTIONS if o.site
    }


# -- the same mistake, the same message, from `decisions lint` and `mkdocs build` ----


ALL_OPTIONS = ", ".join(o.name for o in config.OPTIONS)
KIND_OPTION_NAMES = ", ".join(o.name for o in config.KIND_OPTIONS)


@pytest.mark.parametrize(
    ("options", "option", "message"),
    [
        ("timeline: 5", "timeline", "timeline: 5 is not of type 'boolean'"),
        ("timelin: true", "timelin",
         f"unknown option 'timelin' (did you mean 'timeline'?); known options: {ALL_OPTIONS}"),
        ("handbook_exclude: mentorship.md", "handbook_exclude",
         "handbook_exclude: 'mentorship.md' is not of type 'array'"),
        ("id_width: 0", "id_width", "id_width: 0 is less than the minimum of 1"),
        ("kinds: {adr: {statuses: proposed}}", "kinds", "kinds.adr.statuses: 'proposed' is not of type 'array'"),
        ("kinds: {adr: {extensions: [md]}}", "kinds", "kinds.adr.extensions.0: 'md' does not match '^\\\\.[A-Za-z0-9.]+$'"),
        ("kinds: {adr: {directry: docs/adr}}", "kinds",
         f"kinds.adr: unknown option 'directry' (did you mean 'directory'?); known options: {KIND_OPTION_NAMES}"),
    ],
)
def test_a_mistake_reads_the_same_in_lint_and_in_mkdocs_build(project, options, option, message):
    project.write("mkdocs.yml", f"site_name: X\nplugins:\n  - decisions:\n      {options}\n")
    project.write("docs/index.md", "# X\n")
    lint = project.run("lint", "-f", "mkdocs.yml")
    assert (lint.returncode, lint.stdout, lint.stderr) == (2, "", f"decisions: error: mkdocs.yml: plugins.decisions: {message}\n")
    build = _mkdocs_build(project)
    assert build.returncode == 1
    assert _errors(build.stderr) == [f"Config value 'plugins': Plugin 'decisions' option '{option}': {message}"]


def test_a_mistake_only_the_project_shows_reads_the_same_in_lint_and_in_mkdocs_build(project):
    # checked once the project is known (on_config), not by MkDocs' option checks
    project.write("mkdocs.yml", "site_name: X\nplugins:\n  - decisions:\n      kinds: {adr: {aliases: {Done: finished}}}\n")
    project.write("docs/index.md", "# X\n")
    message = f"kinds.adr.aliases: 'done' maps to 'finished', which is not one of this kind's statuses ({ADR_STATUSES})"
    lint = project.run("lint", "-f", "mkdocs.yml")
    assert (lint.returncode, lint.stderr) == (2, f"decisions: error: mkdocs.yml: plugins.decisions: {message}\n")
    build = _mkdocs_build(project)
    assert build.returncode == 1
    assert _errors(build.stderr) == [f"decisions: invalid configuration: {message}"]


def test_an_option_without_a_default_may_be_null_in_both(project):
    project.write("mkdocs.yml", "site_name: X\nplugins:\n  - decisions:\n      templates_dir: null\n      timeline: false\n")
    project.write("docs/index.md", "# X\n")
    project.write("adr/0001-x.md", accepted_adr("X"))
    lint = project.run("lint", "-f", "mkdocs.yml")
    assert (lint.returncode, lint.stderr) == (0, "")
    build = _mkdocs_build(project)
    assert build.returncode == 0, build.stderr
    assert (project.root / "site" / "graph" / "index.html").is_file()
    assert not (project.root / "site" / "timeline").exists()


def _mkdocs_build(project):
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project.root, capture_output=True, text=True, timeout=120,
    )


def _errors(log: str) -> list[str]:
    return [line.split(" -  ", 1)[1] for line in log.splitlines() if line.startswith("ERROR")]


def test_a_configured_directory_that_does_not_exist_is_an_error(tmp_path):
    (tmp_path / "docs" / "decisions").mkdir(parents=True)
    assert config_error({"kinds": {"adr": {"directory": "docs/decision"}}}, tmp_path) == (
        "kinds.adr.directory: 'docs/decision' does not exist (did you mean 'docs/decisions'?); "
        "create it, or fix the path (it is relative to mkdocs.yml)"
    )


@pytest.mark.parametrize("folders, adr, rfc", [
    ([], "adr", "rfc"),
    (["docs/decisions"], "docs/decisions", "rfc"),
    (["docs/adr", "docs/decisions"], "docs/adr", "rfc"),
    (["doc/architecture/decisions", "rfcs"], "doc/architecture/decisions", "rfcs"),
    (["adr", "docs/adr", "rfc", "rfcs"], "adr", "rfc"),
])
def test_record_folders_are_found_where_teams_keep_them(tmp_path, folders, adr, rfc):
    for folder in folders:
        (tmp_path / folder).mkdir(parents=True)
    settings = Settings.from_mapping(None, tmp_path)
    assert [(kind.name, kind.directory) for kind in settings.kinds] == [("adr", adr), ("rfc", rfc)]


def test_the_folder_adr_tools_or_log4brains_names_comes_first(tmp_path):
    for folder in ("adr", "doc/arch", "docs/l4b"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / ".log4brains.yml").write_text("project:\n  name: x\n  adrFolder: ./docs/l4b\n")
    assert Settings.from_mapping(None, tmp_path).kind("adr").directory == "docs/l4b"
    (tmp_path / ".adr-dir").write_text("doc/arch\n")
    found = Settings.from_mapping(None, tmp_path).kind("adr")
    assert (found.directory, found.found_by) == ("doc/arch", "named by .adr-dir (adr-tools)")
    # a configured folder wins over both
    assert Settings.from_mapping({"kinds": {"adr": {"directory": "adr"}}}, tmp_path).kind("adr").directory == "adr"


def test_a_broken_tool_file_falls_back_to_the_common_locations(tmp_path):
    (tmp_path / "docs" / "adr").mkdir(parents=True)
    (tmp_path / ".adr-dir").write_text("gone\n")
    (tmp_path / ".log4brains.yml").write_text("project: [\n")
    assert Settings.from_mapping(None, tmp_path).kind("adr").directory == "docs/adr"
