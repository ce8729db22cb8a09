"""The settings model: configuration errors, custom kinds, aliases, user schemas."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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
    assert config_error({"kinds": {"adr": {}, "rfc": {"directory": directory}}}, tmp_path) == (
        "kinds.rfc.directory: 'adr' is already the directory of kind 'adr'"
    )


def test_duplicate_prefix(tmp_path):
    mapping = {"kinds": {"adr": {}, "decision": {"prefix": "adr", "statuses": ["open"]}}}
    assert config_error(mapping, tmp_path) == "kinds.decision.prefix: 'adr' is already the prefix of kind 'adr'"


def test_new_kind_needs_statuses(tmp_path):
    assert config_error({"kinds": {"decision": {}}}, tmp_path) == (
        "kinds.decision.statuses: a kind needs at least one status"
    )


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
