"""One test per rule: a small bad record, and the exact finding it gives."""

from __future__ import annotations

import datetime
import json
import re
from importlib import resources
from pathlib import Path

import pytest

from conftest import accepted_adr

from mkdocs_decisions.archive import Archive
from mkdocs_decisions.config import load_settings
from mkdocs_decisions.model import Fix
from mkdocs_decisions.rules import REGISTRY

A = "adr/0001-use-queue.md"
B = "adr/0002-use-kafka.md"


def test_every_rule_has_a_test():
    """Each rule has a test here named after it, or (for the rules that need a
    git history) a test elsewhere asserting its findings by id."""
    tested = {name[len("test_"):].replace("_", "-") for name in globals() if name.startswith("test_")}
    elsewhere = (Path(__file__).parent / "test_history.py").read_text()
    missing = [rule for rule in REGISTRY if rule not in tested and f'"{rule}"' not in elsewhere]
    assert missing == []


def test_clean_archive_has_no_findings(project):
    project.write(A, accepted_adr(extra="superseded_by: [ADR-0002]\n").replace("accepted", "superseded"))
    project.write(B, accepted_adr("Use Kafka", extra="supersedes: [ADR-0001]\n", date="2026-02-01"))
    project.write("rfc/0001-plan.md", "---\nstatus: draft\ndate: 2026-01-01\nauthors: [carol]\n---\n# Plan\n\nText.\n")
    assert project.findings() == []


# -- reading -------------------------------------------------------------------


def test_unreadable_file(project, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "secret.md"
    outside.write_text(accepted_adr())
    (project.root / "adr").mkdir()
    (project.root / A).symlink_to(outside)
    assert project.findings("unreadable-file") == [
        ("unreadable-file", A, 1, 1, "cannot read the file: it is a symbolic link to a file "
         "outside the project, which is never followed"),
    ]


def test_file_too_large(project):
    project.write(A, accepted_adr() + "x" * (1024 * 1024))
    [(rule, path, line, column, message)] = project.findings("file-too-large")
    assert (rule, path, line, column) == ("file-too-large", A, 1, 1)
    size = (project.root / A).stat().st_size
    assert message == (
        f"file is too large to be a record: {size} bytes is more than the 1048576 bytes "
        "a record may have; split it into smaller records"
    )


def test_binary_file(project):
    project.write(A, b"---\nstatus: accepted\n\x00\x01\x02")
    assert project.findings("binary-file") == [
        ("binary-file", A, 3, 1, "file contains a NUL byte and looks binary; a record must be "
         "UTF-8 markdown text"),
    ]


def test_encoding(project):
    project.write(A, b"---\nstatus: accepted\ntitle: caf\xe9 au lait\n---\n")
    assert project.findings("encoding") == [
        ("encoding", A, 3, 11, "byte 0xe9 is not valid UTF-8; save the file with UTF-8 encoding"),
    ]


def test_empty_file(project):
    project.write(A, "\n  \n")
    assert project.findings("empty-file") == [
        ("empty-file", A, 1, 1, "file is empty; write the record (frontmatter and body) or delete the file"),
    ]


def test_missing_frontmatter(project):
    project.write(A, "# Use a queue\n\nStatus: accepted\n")
    assert project.findings("missing-frontmatter") == [
        ("missing-frontmatter", A, 1, 1, "no frontmatter; start the file with a '---' line, then "
         "'status:' and 'date:' lines, then another '---' line"),
    ]


def test_unterminated_frontmatter(project):
    project.write(A, "---\nstatus: accepted\ndate: 2026-01-01\n# Use a queue\n")
    assert project.findings("unterminated-frontmatter") == [
        ("unterminated-frontmatter", A, 1, 1, "frontmatter opened here is never closed; add a '---' "
         "line after its last 'key: value' line"),
    ]


def test_yaml_syntax(project):
    project.write(A, "---\nstatus: accepted\ntags: [a, b\ndate: 2026-01-01\n---\n# T\n\nText.\n")
    [(rule, path, line, column, message)] = project.findings("yaml-syntax")
    assert (rule, path, line, column) == ("yaml-syntax", A, 4, 5)
    assert message == "invalid frontmatter: did not find expected ',' or ']' (while parsing a flow sequence)"


def test_yaml_syntax_when_frontmatter_is_a_list(project):
    project.write(A, "---\n- status\n- accepted\n---\n# T\n\nText.\n")
    assert project.findings("yaml-syntax") == [
        ("yaml-syntax", A, 2, 1, "invalid frontmatter: frontmatter must be a mapping of "
         "`key: value` lines, not a list"),
    ]


def test_duplicate_key(project):
    project.write(A, accepted_adr(extra="status: proposed\n"))
    assert project.findings("duplicate-key") == [
        ("duplicate-key", A, 5, 1, "'status' is given twice (first on line 2); keep only one"),
    ]


# -- one record's fields ---------------------------------------------------------


def test_schema(project):
    project.write(A, accepted_adr(extra="tags:\n  owner: platform\n"))
    assert project.findings("schema") == [
        ("schema", A, 6, 3, "'tags' must be one name, or a list of names, not a mapping"),
    ]


def test_schema_list_item(project):
    project.write(A, accepted_adr(extra="reviewers: [bob, [carol]]\n"))
    assert project.findings("schema") == [
        ("schema", A, 5, 18, "item 2 of 'reviewers' must be text, not a list"),
    ]


def test_schema_empty_value(project):
    project.write(A, accepted_adr(extra="title:\n"))
    assert project.findings("schema") == [
        ("schema", A, 5, 7, "'title' has no value; write one or remove the key"),
    ]


def test_missing_field(project):
    project.write(A, "---\nstatus: accepted\n---\n# Use a queue\n\nText.\n")
    today = datetime.date.today().isoformat()
    assert project.findings("missing-field") == [
        ("missing-field", A, 2, 1, f"missing required field 'date'; add e.g. 'date: {today}'"),
        ("missing-field", A, 2, 9, "status 'accepted' requires 'deciders'; add e.g. 'deciders: [name]'"),
    ]


def test_unknown_field(project):
    project.write(A, accepted_adr(extra="superseeded_by: [ADR-0002]\n"))
    assert project.findings("unknown-field") == [
        ("unknown-field", A, 5, 1, "unknown field 'superseeded_by' (did you mean 'superseded_by'?); "
         "remove it, or declare it in a schema of your own (the kind's 'schema' option)"),
    ]


def test_unknown_status(project):
    project.write(A, accepted_adr().replace("status: accepted", "status: acepted"))
    assert project.findings("unknown-status") == [
        ("unknown-status", A, 2, 9, "unknown status 'acepted' (did you mean 'accepted'?); ADR "
         "statuses are: proposed, accepted, rejected, deprecated, superseded"),
    ]


def test_status_alias(project):
    project.write("rfc/0001-plan.md", "---\nstatus: In Review\ndate: 2026-01-01\nauthors: [c]\n---\n# Plan\n\nText.\n")
    assert project.findings("status-alias") == [
        ("status-alias", "rfc/0001-plan.md", 2, 9, "status 'In Review' is an alias; write 'in-review' "
         "(decisions lint --fix does)"),
    ]


def test_status_in_other_case_is_not_an_alias(project):
    project.write(A, accepted_adr().replace("status: accepted", "status: Accepted"))
    assert project.findings() == []


def test_invalid_id(project):
    project.write(A, accepted_adr(extra="id: queue\n"))
    project.write("adr/use-cache.md", accepted_adr("Use a cache"))
    assert project.findings("invalid-id") == [
        ("invalid-id", A, 5, 5, "id 'queue' is not a record id; write it like ADR-0001"),
        ("invalid-id", "adr/use-cache.md", 1, 1, "no id: start the file name with a number "
         "(0001-use-cache.md) or add 'id: ADR-0001'"),
    ]


def test_id_mismatch(project):
    project.write(A, accepted_adr(extra="id: ADR-0004\n"))
    project.write(B, accepted_adr(extra="id: adr-2\n"))  # the same id, written loosely
    assert project.findings("id-mismatch") == [
        ("id-mismatch", A, 5, 5, "id 'ADR-0004' does not match the file name, which gives ADR-0001; "
         "correct the id or rename the file"),
    ]


def test_ids_stay_strings(project):
    project.write("adr/0010-ten.md", accepted_adr(extra="id: 010\n"))
    assert project.findings("id-mismatch", "invalid-id") == []


def test_invalid_date(project):
    project.write(A, accepted_adr(date="2026-02-30"))
    assert project.findings("invalid-date") == [
        ("invalid-date", A, 3, 7, "date '2026-02-30' is not a valid ISO 8601 date; write it as "
         "year-month-day, e.g. 2026-03-01"),
    ]



@pytest.mark.parametrize("written, hint", [
    ("28/03/2018", ": 2018-03-28"),  # 28 is no month
    ("3.28.2018", ": 2018-03-28"),  # and month first, with dots
    ("05/02/2018", ": 2018-02-05 if it is day/month/year or 2018-05-02 if it is month/day/year"),
    ("10-04-18", ": 2018-04-10 if it is day/month/year or 2018-10-04 if it is month/day/year"),
    ("5/5/2020", ": 2020-05-05"),  # the same either way
    ("31/02/2019", ", e.g. 2026-03-01"),  # no day of either reading
    ("05/02-2018", ", e.g. 2026-03-01"),  # two separators: not a date with its year last
])
def test_invalid_date_written_with_its_year_last_is_given_in_iso(project, written, hint):
    """Archives write dates as `28/03/2018` (seen on ministryofjustice/cloud-platform): the hint
    is that date in ISO 8601, both ways when its day and month could be swapped."""
    project.write(A, "# 1. Use X\n\nDate: " + written + "\n\n## Status\n\nAccepted\n\n## Context\n\nText.\n")
    assert project.findings("invalid-date") == [
        ("invalid-date", A, 3, 7, f"date '{written}' is not a valid ISO 8601 date; write it as year-month-day{hint}")]


def test_future_date(project):
    project.write(A, accepted_adr(date="2999-01-01"))
    assert project.findings("future-date") == [
        ("future-date", A, 3, 7, "date 2999-01-01 is in the future; use the date the decision was made"),
    ]


def test_placeholder(project):
    project.write(
        A,
        "---\nstatus: proposed\ndate: YYYY-MM-DD\n---\n# [Title]\n\n## Context\n\n"
        "[TODO: why now?] Use `[Title]` in code.\n\n```\n[NUMBER]\n```\n",
    )
    assert project.findings("placeholder", "invalid-date") == [
        ("placeholder", A, 3, 7, "template placeholder 'YYYY-MM-DD' left in the frontmatter; "
         "replace it with the record's own text"),
        ("placeholder", A, 5, 3, "template placeholder '[Title]' left in section '[Title]'; "
         "replace it with the record's own text"),
        ("placeholder", A, 9, 1, "template placeholder '[TODO: why now?]' left in section 'Context'; "
         "replace it with the record's own text"),
    ]


def test_empty_body(project):
    project.write(A, "---\nstatus: proposed\ndate: 2026-01-01\n---\n# Use a queue\n\n<!-- later -->\n")
    assert project.findings("empty-body") == [
        ("empty-body", A, 5, 1, "the record has no text; write at least its context and the decision"),
    ]


# -- across records --------------------------------------------------------------


def test_duplicate_id(project):
    project.write(A, accepted_adr())
    project.write("adr/0001-use-kafka.md", accepted_adr("Use Kafka"))
    project.write("adr/0007-later.md", accepted_adr("Later"))
    assert project.findings("duplicate-id") == [
        ("duplicate-id", "adr/0001-use-queue.md", 1, 1, "id ADR-0001 is also used by "
         "adr/0001-use-kafka.md; give this record a free number, e.g. ADR-0008"),
    ]


def test_missing_target(project):
    project.write(A, accepted_adr(extra="supersedes: [ADR-0009, use kafka]\n"))
    project.write(B, accepted_adr("Use Kafka"))
    assert project.findings("missing-target") == [
        ("missing-target", A, 5, 14, "'supersedes' names ADR-0009, which does not exist; link to an "
         "existing record by its id"),
        ("missing-target", A, 5, 24, "'use kafka' in 'supersedes' is not a record id (did you mean "
         "ADR-0002?); link to an existing record by its id"),
    ]


def test_other_repository(project):
    """A link into another repository (`platform:ADR-0012`, written in any case after the
    source's name) is said once, as info, and no other rule takes it for a missing or
    one-sided link; a source's name is lower-case, so `Platform:ADR-1` is no id at all."""
    project.write(A, accepted_adr(extra="supersedes: [platform:adr-12, 'payments:RFC 3']\n").replace(
        "accepted", "superseded").replace("---\n#", "superseded_by: [platform:ADR-0013]\n---\n#"))
    project.write(B, accepted_adr("Use Kafka", extra="relates_to: [Platform:ADR-1]\n"))
    said = "a record of the repository '{}': not checked here; a catalogue whose sources include both repositories checks it"
    assert project.findings() == [
        ("other-repository", A, 5, 14, f"'supersedes' names platform:ADR-0012, {said.format('platform')}"),
        ("other-repository", A, 5, 31, f"'supersedes' names payments:RFC-0003, {said.format('payments')}"),
        ("other-repository", A, 6, 17, f"'superseded_by' names platform:ADR-0013, {said.format('platform')}"),
        ("missing-target", B, 5, 14, "'Platform:ADR-1' in 'relates_to' is not a record id; link to an "
         "existing record by its id"),
    ]


def test_one_sided_link(project):
    project.write(A, accepted_adr().replace("accepted", "superseded"))
    project.write(B, accepted_adr("Use Kafka", extra="supersedes: [ADR-1]\n", date="2026-02-01"))
    assert project.findings("one-sided-link") == [
        ("one-sided-link", B, 5, 14, "ADR-0002 supersedes ADR-0001, but adr/0001-use-queue.md does "
         "not name ADR-0002 in 'superseded_by'; add it there (decisions lint --fix does)"),
    ]


def test_supersession_cycle(project):
    project.write(A, accepted_adr(extra="supersedes: [ADR-0002]\nsuperseded_by: [ADR-0002]\n"))
    project.write(B, accepted_adr(extra="supersedes: [ADR-0001]\nsuperseded_by: [ADR-0001]\n"))
    assert project.findings("supersession-cycle") == [
        ("supersession-cycle", A, 5, 14, "supersession cycle ADR-0001 -> ADR-0002 -> ADR-0001; a record "
         "cannot replace itself, directly or through others: remove one of these links"),
    ]


def test_superseded_without_successor(project):
    project.write(A, accepted_adr().replace("accepted", "superseded"))
    assert project.findings("superseded-without-successor") == [
        ("superseded-without-successor", A, 2, 9, "status is 'superseded' but no record replaces this "
         "one; add 'superseded_by: [<id of the successor>]' or change the status"),
    ]


def test_successor_not_accepted(project):
    project.write(A, accepted_adr(extra="superseded_by: [ADR-0002]\n").replace("accepted", "superseded"))
    project.write(B, accepted_adr("Use Kafka", extra="supersedes: [ADR-0001]\n").replace("accepted", "proposed"))
    assert project.findings("successor-not-accepted") == [
        ("successor-not-accepted", A, 5, 17, "superseded by ADR-0002, whose status is 'proposed'; "
         "this record stays in force until ADR-0002 is accepted"),
    ]


def test_stale_status(project):
    project.write(A, accepted_adr(extra="superseded_by: [ADR-0002]\n"))
    project.write(B, accepted_adr("Use Kafka", extra="supersedes: [ADR-0001]\n"))
    assert project.findings("stale-status") == [
        ("stale-status", A, 2, 9, "status is 'accepted' but ADR-0002 replaced this record; set "
         "'status: superseded' (decisions lint --fix does)"),
    ]


def test_supersedes_newer(project):
    project.write(A, accepted_adr(extra="superseded_by: [ADR-0002]\n", date="2026-05-01").replace("accepted", "superseded"))
    project.write(B, accepted_adr("Use Kafka", extra="supersedes: [ADR-0001]\n", date="2026-03-01"))
    assert project.findings("supersedes-newer") == [
        ("supersedes-newer", B, 5, 14, "supersedes ADR-0001, dated 2026-05-01, which is later than this "
         "record's date 2026-03-01; a record can only replace an older one, so check both dates"),
    ]


def test_conflicting_links(project):
    project.write(A, accepted_adr(extra="superseded_by: [ADR-0002]\n").replace("accepted", "superseded"))
    project.write(B, accepted_adr("Use Kafka", extra="amends: [ADR-0001]\n", date="2026-02-01"))
    assert project.findings("conflicting-links") == [
        ("conflicting-links", A, 5, 17, "ADR-0001 says it is superseded by ADR-0002, but adr/0002-use-kafka.md "
         "says it amends ADR-0001; make both records say the same"),
    ]


def test_missing_target_names_the_field_as_the_record_writes_it(project):
    """`related` and `superseded-by` are read as `relates_to` and `superseded_by`; the finding
    names them as written, so that the reader finds the line by its words."""
    project.write(A, accepted_adr(extra="related: [ADR-0009]\nSuperseded-By: [ADR-0008]\n"))
    assert [f[2:] for f in project.findings("missing-target")] == [
        (5, 11, "'related' names ADR-0009, which does not exist; link to an existing record by its id"),
        (6, 17, "'Superseded-By' names ADR-0008, which does not exist; link to an existing record by its id"),
    ]


def test_missing_target_of_another_kind(project):
    project.write(A, accepted_adr(extra="supersedes: [ADR-0007]\n"))
    project.write("rfc/0007-plan.md", "---\nstatus: draft\ndate: 2026-01-01\nauthors: [c]\n---\n# Plan\n\nText.\n")
    assert project.findings("missing-target") == [
        ("missing-target", A, 5, 14, "'supersedes' names ADR-0007, which does not exist (did you mean "
         "RFC-0007?); link to an existing record by its id"),
    ]


# -- one-sided-link across formats ----------------------------------------------------------
# Only our own format must mirror a supersession link: adr-tools and MADR often record it on
# one side only, and --fix can only edit our frontmatter. So a native record linked one-sidedly
# to (or from) a record in another format is no finding, in either direction, while a one-sided
# link between two native records in the same archive still is.

MIXED_FORMATS = {
    # a native record supersedes an adr-tools, a MADR 2 and a MADR 4 record, which do not say so
    "adr/0001-use-mysql.md": b"# 1. Use MySQL\n\nDate: 2019-04-02\n\n## Status\n\nSuperseded\n\n## Context\n\nWe need a database.\n",
    "adr/0002-use-kafka.md": b"# Use Kafka\n\n- Status: superseded\n- Deciders: Ann\n- Date: 2021-03-10\n\n"
    b"## Context and Problem Statement\n\nEvents.\n",
    "adr/0003-use-postgres.md": b"---\nstatus: accepted\ndate: 2026-01-10\ndeciders: [alice]\n"
    b"supersedes: [ADR-0001, ADR-0002, ADR-0013]\n---\n# Use PostgreSQL and Pulsar\n\nText.\n",
    "adr/0013-use-feature-flags.md": b"---\nstatus: superseded\ndate: 2024-02-01\ndecision-makers: [Ann]\n---\n"
    b"# Use feature flags\n\n## Context and Problem Statement\n\nRisky releases.\n",
    # a native record is superseded by an adr-tools and a MADR record, which do not say so
    "adr/0004-log-to-files.md": b"---\nstatus: superseded\ndate: 2026-01-11\ndeciders: [alice]\n"
    b"superseded_by: [ADR-0005, ADR-0006]\n---\n# Log to files\n\nText.\n",
    "adr/0005-log-to-stdout.md": b"# 5. Log to stdout\n\nDate: 2026-02-01\n\n## Status\n\nAccepted\n\n## Context\n\nContainers.\n",
    "adr/0006-log-as-json.md": b"# Log as JSON\n\n- Status: accepted\n- Deciders: Bo\n- Date: 2026-02-02\n\n"
    b"## Context and Problem Statement\n\nParsing.\n",
    # an adr-tools record supersedes a native one, which does not say so
    "adr/0007-use-rest.md": b"---\nstatus: superseded\ndate: 2026-03-01\ndeciders: [carol]\n---\n# Use REST\n\nText.\n",
    "adr/0008-use-grpc.md": b"# 8. Use gRPC\n\nDate: 2026-03-02\n\n## Status\n\nAccepted\n\n"
    b"Supersedes [7. Use REST](0007-use-rest.md)\n\n## Context\n\nLatency.\n",
    # a MADR record is superseded by a native one, which does not say so
    "adr/0009-use-cron.md": b"# Use cron\n\n- Status: superseded by [ADR-0010](0010-use-airflow.md)\n- Date: 2026-03-03\n\n"
    b"## Context and Problem Statement\n\nJobs.\n",
    "adr/0010-use-airflow.md": b"---\nstatus: accepted\ndate: 2026-03-04\ndeciders: [dan]\n---\n# Use Airflow\n\nText.\n",
    # two native records: this one-sided link is a finding
    "adr/0011-use-yaml.md": b"---\nstatus: superseded\ndate: 2026-03-05\ndeciders: [erin]\n---\n# Use YAML\n\nText.\n",
    "adr/0012-use-toml.md": b"---\nstatus: accepted\ndate: 2026-03-06\ndeciders: [erin]\nsupersedes: [ADR-0011]\n---\n"
    b"# Use TOML\n\nText.\n",
}
MIXED_FORMATS_OF = {
    "ADR-0001": "adr-tools", "ADR-0002": "madr", "ADR-0003": "native", "ADR-0004": "native",
    "ADR-0005": "adr-tools", "ADR-0006": "madr", "ADR-0007": "native", "ADR-0008": "adr-tools",
    "ADR-0009": "madr", "ADR-0010": "native", "ADR-0011": "native", "ADR-0012": "native",
    "ADR-0013": "madr",
}


def test_one_sided_link_in_every_format(project):
    """Every supersession named on one side only is told, whatever the two
    records' formats: an error where the record told is native or adr-tools,
    a warning on MADR; in our format's words, with a fix, only where the
    side that is missing is our frontmatter."""
    for relative, data in MIXED_FORMATS.items():
        project.write(relative, data)
    # the archive is read as intended: each record in its format, every link resolved
    archive = Archive.load(load_settings(None, project.root))
    assert {r.id: r.format for r in archive.records} == MIXED_FORMATS_OF
    assert sorted((r.id, l.relation, l.target) for r in archive.records for l in r.links) == [
        ("ADR-0003", "supersedes", "ADR-0001"),
        ("ADR-0003", "supersedes", "ADR-0002"),
        ("ADR-0003", "supersedes", "ADR-0013"),
        ("ADR-0004", "superseded_by", "ADR-0005"),
        ("ADR-0004", "superseded_by", "ADR-0006"),
        ("ADR-0008", "supersedes", "ADR-0007"),
        ("ADR-0009", "superseded_by", "ADR-0010"),
        ("ADR-0012", "supersedes", "ADR-0011"),
    ]
    result = project.run("lint")
    assert (result.returncode, result.stderr) == (1, "7 error(s), 1 warning(s) in 13 record(s)\n")

    def say(a, verb, b, path, inverse):
        phrase = inverse.removeprefix("is ")
        return (f"{a} {verb} {b}, but {path} does not say that it {inverse} {a}; "
                f"add '{phrase[0].upper()}{phrase[1:]} {a}' there")

    assert result.stdout.splitlines() == [
        "adr/0003-use-postgres.md:5:14: error one-sided-link: "
        + say("ADR-0003", "supersedes", "ADR-0001", "adr/0001-use-mysql.md", "is superseded by"),
        "adr/0003-use-postgres.md:5:24: error one-sided-link: "
        + say("ADR-0003", "supersedes", "ADR-0002", "adr/0002-use-kafka.md", "is superseded by"),
        "adr/0003-use-postgres.md:5:34: error one-sided-link: "
        + say("ADR-0003", "supersedes", "ADR-0013", "adr/0013-use-feature-flags.md", "is superseded by"),
        "adr/0004-log-to-files.md:5:17: error one-sided-link: "
        + say("ADR-0004", "is superseded by", "ADR-0005", "adr/0005-log-to-stdout.md", "supersedes"),
        "adr/0004-log-to-files.md:5:27: error one-sided-link: "
        + say("ADR-0004", "is superseded by", "ADR-0006", "adr/0006-log-as-json.md", "supersedes"),
        "adr/0008-use-grpc.md:9:12: error one-sided-link: ADR-0008 supersedes ADR-0007, but adr/0007-use-rest.md "
        "does not name ADR-0008 in 'superseded_by'; add it there (decisions lint --fix does)",
        "adr/0009-use-cron.md:3:25: warning one-sided-link: ADR-0009 is superseded by ADR-0010, but "
        "adr/0010-use-airflow.md does not name ADR-0009 in 'supersedes'; add it there (decisions lint --fix does)",
        "adr/0012-use-toml.md:5:14: error one-sided-link: ADR-0012 supersedes ADR-0011, but adr/0011-use-yaml.md "
        "does not name ADR-0012 in 'superseded_by'; add it there (decisions lint --fix does)",
    ]


def test_missing_target_hint_comes_from_the_file_name_and_only_when_close(project):
    """`0002-kafka` is the successor's file name (not its id, not its slug
    alone); `kafkaesque` is only loosely like anything, so no guess."""
    project.write(A, accepted_adr(extra="supersedes: [0002-kafka, kafkaesque]\n"))
    project.write("adr/0002-kafka.md", accepted_adr("Use Kafka"))
    assert project.findings("missing-target") == [
        ("missing-target", A, 5, 14, "'0002-kafka' in 'supersedes' is not a record id (did you mean "
         "ADR-0002?); link to an existing record by its id"),
        ("missing-target", A, 5, 26, "'kafkaesque' in 'supersedes' is not a record id; link to an "
         "existing record by its id"),
    ]


def test_yaml_syntax_when_frontmatter_is_a_single_value(project):
    project.write(A, "---\njust text\n---\n# T\n\nText.\n")
    assert project.findings("yaml-syntax") == [
        ("yaml-syntax", A, 2, 1, "invalid frontmatter: frontmatter must be a mapping of "
         "`key: value` lines, not a single value"),
    ]


def test_encoding_position_after_a_leading_blank_line(project):
    project.write(A, b"\n\xffabc\n")
    assert project.findings("encoding") == [
        ("encoding", A, 2, 1, "byte 0xff is not valid UTF-8; save the file with UTF-8 encoding"),
    ]


def test_supersedes_newer_points_at_the_later_record_in_a_list(project):
    project.write(A, accepted_adr("A", date="2026-01-10"))
    project.write(B, accepted_adr("B", date="2026-03-01"))
    project.write("adr/0003-c.md", accepted_adr("C", extra="supersedes: [ADR-0001, ADR-0002]\n", date="2026-02-01"))
    assert project.findings("supersedes-newer") == [
        ("supersedes-newer", "adr/0003-c.md", 5, 24, "supersedes ADR-0002, dated 2026-03-01, which is later "
         "than this record's date 2026-02-01; a record can only replace an older one, so check both dates"),
    ]


# -- schema messages for the values of a schema of one's own -------------------------------------


def own_schema(project, properties: dict, **more) -> None:
    """A schema of the project's own for ADRs (the kind's 'schema' option), with these fields."""
    project.write("schemas/adr-extra.json", json.dumps({"properties": properties, **more}))
    project.write("mkdocs.yml", "site_name: X\nplugins:\n  - decisions:\n      kinds:\n"
                  "        adr:\n          schema: schemas/adr-extra.json\n")


def test_schema_empty_text(project):
    project.write(A, accepted_adr(extra='title: ""\n'))
    assert project.findings("schema") == [
        ("schema", A, 5, 8, "'title' is empty; write a value or remove the key"),
    ]


def test_schema_nested_value_is_named_by_its_path(project):
    own_schema(project, {"steward": {"type": "object", "properties": {
        "name": {"type": "string"},
        "team": {"type": "object", "properties": {"lead": {"type": "string"}}},
    }}})
    project.write(A, accepted_adr(extra="steward: {name: [bob], team: {lead: [carol]}}\n"))
    assert project.findings("schema") == [
        ("schema", A, 5, 10, "'steward.name' must be text, not a list"),
        ("schema", A, 5, 10, "'steward.team.lead' must be text, not a list"),
    ]


def test_schema_type_names_every_type_allowed_and_not_the_description(project):
    own_schema(project, {"components": {
        "type": ["array", "null"], "items": {"type": "string"}, "description": "The parts of the system it changes.",
    }})
    project.write(A, accepted_adr(extra="components: api\n"))
    assert project.findings("schema") == [
        ("schema", A, 5, 13, "'components' must be a list or empty, not text"),
    ]


def test_schema_any_of_is_told_by_its_description(project):
    """The description in lower case, without its full stop; its last letter (an X) stays."""
    own_schema(project, {"platform": {
        "description": "One platform or a list of them, e.g. macOS or OS X.",
        "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
    }})
    project.write(A, accepted_adr(extra="platform: {name: mac}\n"))
    assert project.findings("schema") == [
        ("schema", A, 5, 11, "'platform' must be one platform or a list of them, e.g. macos or os x, not a mapping"),
    ]


def test_schema_any_of_a_list_points_at_the_item(project):
    ticket = {"type": "string", "pattern": "^[A-Z]+-[0-9]+$"}
    own_schema(project, {"tickets": {"anyOf": [ticket, {"type": "array", "items": ticket}]}})
    project.write(A, accepted_adr(extra="tickets: [OPS-1, later]\n"))
    assert project.findings("schema") == [
        ("schema", A, 5, 18, "item 2 of 'tickets': 'later' does not match '^[A-Z]+-[0-9]+$'"),
    ]


def test_schema_one_of_a_mapping_takes_the_mapping_branch(project):
    own_schema(project, {"sponsor": {"oneOf": [
        {"type": "string"},
        {"type": "object", "properties": {"name": {"type": "string"}, "team": {"type": "string"}}},
    ]}})
    project.write(A, accepted_adr(extra="sponsor: {name: [bob]}\n"))
    assert project.findings("schema") == [
        ("schema", A, 5, 10, "'sponsor.name' must be text, not a list"),
    ]


def test_schema_one_of_reports_only_the_branch_of_the_values_own_type(project):
    """The list fails its own branch (too many items) at its own level; the items are checked
    only by a branch without a type of its own (a $ref), whose complaint is not taken for the value's."""
    own_schema(
        project,
        {"tickets": {"oneOf": [{"type": "array", "maxItems": 2}, {"$ref": "#/$defs/numbers"}]}},
        **{"$id": "https://example.invalid/adr-extra.json",
           "$defs": {"numbers": {"type": "array", "items": {"type": "string", "pattern": "^[0-9]+$"}}}},
    )
    project.write(A, accepted_adr(extra="tickets: [a, b, c]\n"))
    assert project.findings("schema") == [
        ("schema", A, 5, 10, "'tickets': ['a', 'b', 'c'] is not valid under any of the given schemas"),
    ]


def test_schema_one_of_with_a_boolean_branch(project):
    """`false` (or `true`) is a whole schema in JSON Schema, as generated schemas write it."""
    own_schema(project, {"team": {"oneOf": [False, {"type": "string", "minLength": 3}]}})
    project.write(A, accepted_adr(extra="team: ab\n"))
    assert project.findings("schema") == [
        ("schema", A, 5, 7, "'team': 'ab' is not valid under any of the given schemas"),
    ]


# -- which record a name written instead of an id is taken for ---------------------------------------


def test_missing_target_hint_passes_over_records_without_an_id(project):
    project.write(A, accepted_adr(extra="supersedes: [use kafka]\n"))
    project.write("adr/draft.md", "---\nstatus: proposed\ndate: 2026-01-10\n---\n# Draft\n\nText.\n")
    project.write("adr/use-kafka.md", accepted_adr("Use Kafka", extra="id: ADR-0002\n"))
    assert project.findings("missing-target") == [
        ("missing-target", A, 5, 14, "'use kafka' in 'supersedes' is not a record id (did you mean ADR-0002?); "
         "link to an existing record by its id"),
    ]


def test_missing_target_hint_from_the_file_name_in_a_subfolder(project):
    project.write(A, accepted_adr(extra="supersedes: [0002-kafka]\n"))
    project.write("adr/platform/messaging/0002-kafka.md", accepted_adr("Use Kafka"))
    assert project.findings("missing-target") == [
        ("missing-target", A, 5, 14, "'0002-kafka' in 'supersedes' is not a record id (did you mean ADR-0002?); "
         "link to an existing record by its id"),
    ]


def test_missing_target_hint_from_the_file_name_without_its_extension(project):
    """Records written as .markdown: the name without the extension is the file name."""
    project.write("mkdocs.yml", "site_name: X\nplugins:\n  - decisions:\n      kinds:\n"
                  "        adr:\n          extensions: [.markdown]\n")
    project.write("adr/0001-use-queue.markdown", accepted_adr(extra="supersedes: [0002-kafka]\n"))
    project.write("adr/0002-kafka.markdown", accepted_adr("Use Kafka"))
    assert project.findings("missing-target") == [
        ("missing-target", "adr/0001-use-queue.markdown", 5, 14, "'0002-kafka' in 'supersedes' is not a record id "
         "(did you mean ADR-0002?); link to an existing record by its id"),
    ]


def test_missing_target_hint_from_a_file_name_with_dots(project):
    """Two records of the same name: the one whose whole file name is written (dots and all) is meant."""
    project.write(A, accepted_adr(extra="supersedes: [0005-use-node.js-for-tooling]\n"))
    project.write("adr/0002-use-node.js-for-tooling.md", accepted_adr("Use Node.js for tooling"))
    project.write("adr/0005-use-node.js-for-tooling.md", accepted_adr("Use Node.js for tooling again"))
    assert project.findings("missing-target") == [
        ("missing-target", A, 5, 14, "'0005-use-node.js-for-tooling' in 'supersedes' is not a record id (did you "
         "mean ADR-0005?); link to an existing record by its id"),
    ]


# -- the rules across records: the cases beside the one each rule's own test shows ------------------
# (in this process, so that each change to rules/links.py meets a quick test)

ADR_TOOLS_SUPERSEDED = "# 3. Use MySQL\n\nDate: 2019-04-02\n\n## Status\n\nSuperseded\n\n## Context\n\nWe need a database.\n"


def superseded(title: str, extra: str = "", date: str = "2026-01-10") -> str:
    return accepted_adr(title, extra=extra, date=date).replace("status: accepted", "status: superseded")


def proposed(title: str, extra: str = "", date: str = "2026-01-10") -> str:
    return accepted_adr(title, extra=extra, date=date).replace("status: accepted", "status: proposed")


def fixes_of(project, rule: str) -> list[tuple[str, int, int, object]]:
    """(path, line, column) of each finding of `rule` that --fix can repair, with its fix."""
    result = Archive.load(load_settings(None, project.root)).check(select=(rule,))
    return [(d.path, d.line, d.column, fix) for d, fix in result.fixes]


def test_duplicate_id_is_told_at_the_id_field(project):
    project.write(A, accepted_adr())
    project.write("adr/0002-use-kafka.md", accepted_adr("Use Kafka", extra="id: ADR-0001\n"))
    assert project.findings("duplicate-id") == [
        ("duplicate-id", "adr/0002-use-kafka.md", 5, 5, "id ADR-0001 is also used by adr/0001-use-queue.md; "
         "give this record a free number, e.g. ADR-0002"),
    ]


def test_missing_target_after_a_link_that_resolves(project):
    """Also a link written as a bare number, which means an ADR inside an ADR."""
    project.write(A, accepted_adr(extra="supersedes: [ADR-0002, ADR-0009, 8]\n"))
    project.write(B, superseded("Use Kafka", extra="superseded_by: [ADR-0001]\n"))
    assert project.findings("missing-target") == [
        ("missing-target", A, 5, 24, "'supersedes' names ADR-0009, which does not exist; link to an existing "
         "record by its id"),
        ("missing-target", A, 5, 34, "'supersedes' names ADR-0008, which does not exist; link to an existing "
         "record by its id"),
    ]


def test_missing_target_of_a_markdown_link(project):
    """A link to a file that is not a record: the record now numbered like it in its folder (a
    renamed file), else the record whose name is closest to the file's, else no guess."""
    project.write("adr/2024/0001-use-queue.md", accepted_adr(extra=(
        "supersedes:\n"
        "  - '[gRPC](0004-use-grpc.md)'\n"
        "  - '[Kafka](0007-kafka.md)'\n"
        "  - '[Node.js](0005-use-node.js-for-tooling-v2.md)'\n"
    )))
    project.write("adr/2024/0002-use-kafka.md", accepted_adr("Use Kafka"))
    project.write("adr/2024/0004-use-grpc-everywhere.md", accepted_adr("Use gRPC everywhere"))
    project.write("adr/2024/0006-use-node.js-for-tooling-v2.md", accepted_adr("Use Node.js for tooling"))
    project.write("adr/0008-later.md", accepted_adr("Later", extra="supersedes: ['[the process](../process.md)']\n"))
    fix = "; link to an existing record by its id"
    assert project.findings("missing-target") == [
        ("missing-target", "adr/0008-later.md", 5, 14, "'supersedes' links to ../process.md, which is not a record" + fix),
        ("missing-target", "adr/2024/0001-use-queue.md", 6, 5, "'supersedes' links to 0004-use-grpc.md, which is not "
         "a record (did you mean adr/2024/0004-use-grpc-everywhere.md?)" + fix),
        ("missing-target", "adr/2024/0001-use-queue.md", 7, 5, "'supersedes' links to 0007-kafka.md, which is not "
         "a record (did you mean adr/2024/0002-use-kafka.md?)" + fix),
        ("missing-target", "adr/2024/0001-use-queue.md", 8, 5, "'supersedes' links to "
         "0005-use-node.js-for-tooling-v2.md, which is not a record (did you mean "
         "adr/2024/0006-use-node.js-for-tooling-v2.md?)" + fix),
    ]


def test_one_sided_link_passes_over_links_it_cannot_judge(project):
    """Before the one-sided link to ADR-0001: a missing record, the record itself, a record in
    another format (told, in words for its format), and a record that does name it back; before
    the record, one without an id. A record whose frontmatter cannot be read is told too, but
    --fix cannot add the link there."""
    project.write(A, superseded("Use a queue"))
    project.write("adr/0003-use-mysql.md", ADR_TOOLS_SUPERSEDED)
    project.write("adr/0004-use-redis.md", superseded("Use Redis", extra="superseded_by: [ADR-0005]\n"))
    project.write("adr/0006-broken.md", "---\nstatus: superseded\ndeciders: [alice\n---\n# Broken\n\nText.\n")
    project.write("adr/draft.md", "---\nstatus: proposed\ndate: 2026-01-10\nsupersedes: [ADR-0001]\n---\n# Draft\n\nText.\n")
    project.write("adr/use-kafka.md", accepted_adr("Use Kafka", extra=(
        "id: ADR-0005\nsupersedes: [ADR-0009, ADR-0005, ADR-0003, ADR-0004, ADR-0001, ADR-0006]\n"), date="2026-02-01"))
    add = "; add it there (decisions lint --fix does)"
    assert project.findings("one-sided-link") == [
        ("one-sided-link", "adr/use-kafka.md", 6, 34, "ADR-0005 supersedes ADR-0003, but adr/0003-use-mysql.md does "
         "not say that it is superseded by ADR-0005; add 'Superseded by ADR-0005' there"),
        ("one-sided-link", "adr/use-kafka.md", 6, 54, "ADR-0005 supersedes ADR-0001, but adr/0001-use-queue.md does "
         "not name ADR-0005 in 'superseded_by'" + add),
        ("one-sided-link", "adr/use-kafka.md", 6, 64, "ADR-0005 supersedes ADR-0006, but adr/0006-broken.md does "
         "not say that it is superseded by ADR-0005; add 'Superseded by ADR-0005' there"),
    ]
    assert fixes_of(project, "one-sided-link") == [
        ("adr/use-kafka.md", 6, 54, Fix("adr/0001-use-queue.md", "superseded_by", "append", "ADR-0005")),
    ]


def test_supersession_cycle_told_at_the_link_or_the_top_of_the_file(project):
    """ADR-0001 and ADR-0002 each say the other replaced it; in the cycle ADR-0003 -> ADR-0004 ->
    ADR-0005, ADR-0003 writes no link at all (the others name it)."""
    project.write(A, superseded("A", extra="superseded_by: [ADR-0002]\n"))
    project.write(B, superseded("B", extra="superseded_by: [ADR-0001]\n"))
    project.write("adr/0003-c.md", superseded("C"))
    project.write("adr/0004-d.md", superseded("D", extra="superseded_by: [ADR-0003]\nsupersedes: [ADR-0005]\n"))
    project.write("adr/0005-e.md", superseded("E", extra="supersedes: [ADR-0003]\n"))
    remove = "; a record cannot replace itself, directly or through others: remove one of these links"
    assert project.findings("supersession-cycle") == [
        ("supersession-cycle", A, 5, 17, "supersession cycle ADR-0001 -> ADR-0002 -> ADR-0001" + remove),
        ("supersession-cycle", "adr/0003-c.md", 1, 1, "supersession cycle ADR-0003 -> ADR-0004 -> ADR-0005 -> ADR-0003"
         + remove),
    ]


def test_superseded_without_successor_among_records_that_have_one(project):
    """Only ADR-0005 is told: ADR-0001 is in force, ADR-0002 names a successor (missing-target
    reports that it does not exist), ADR-0003 is named by its successor ADR-0004."""
    project.write(A, accepted_adr())
    project.write(B, superseded("B", extra="superseded_by: [ADR-0009]\n"))
    project.write("adr/0003-c.md", superseded("C"))
    project.write("adr/0004-d.md", accepted_adr("D", extra="supersedes: [ADR-0003]\n"))
    project.write("adr/0005-e.md", superseded("E"))
    assert project.findings("superseded-without-successor") == [
        ("superseded-without-successor", "adr/0005-e.md", 2, 9, "status is 'superseded' but no record replaces "
         "this one; add 'superseded_by: [<id of the successor>]' or change the status"),
    ]


def test_successor_not_accepted_among_successors(project):
    """ADR-0001 (in force) is replaced by a proposal: nothing to say yet. ADR-0002 is superseded
    without a successor (another rule's finding). ADR-0003 has two successors, the first accepted;
    ADR-0005 does not name its successor, an RFC (whose kind has two statuses in force)."""
    project.write(A, accepted_adr())
    project.write(B, superseded("B"))
    project.write("adr/0003-c.md", superseded("C", extra="superseded_by: [ADR-0004, ADR-0006]\n"))
    project.write("adr/0004-d.md", accepted_adr("D", extra="supersedes: [ADR-0003]\n"))
    project.write("adr/0005-e.md", superseded("E"))
    project.write("adr/0006-f.md", proposed("F", extra="supersedes: [ADR-0001, ADR-0003]\n"))
    project.write("rfc/0001-plan.md", "---\nstatus: draft\ndate: 2026-01-01\nauthors: [carol]\n"
                  "supersedes: [ADR-0005]\n---\n# Plan\n\nText.\n")
    assert project.findings("successor-not-accepted") == [
        ("successor-not-accepted", "adr/0003-c.md", 5, 27, "superseded by ADR-0006, whose status is 'proposed'; "
         "this record stays in force until ADR-0006 is accepted"),
        ("successor-not-accepted", "adr/0005-e.md", 2, 9, "superseded by RFC-0001, whose status is 'draft'; "
         "this record stays in force until RFC-0001 is accepted or implemented"),
    ]


def test_successor_not_accepted_of_a_kind_with_no_status_in_force(project):
    project.write("mkdocs.yml", "site_name: X\nplugins:\n  - decisions:\n      kinds:\n        adr: {}\n"
                  "        note: {directory: notes, statuses: [draft, final]}\n")
    project.write(A, superseded("A"))
    project.write("notes/0001-idea.md", "---\nstatus: draft\ndate: 2026-01-01\nsupersedes: [ADR-0001]\n---\n"
                  "# Idea\n\nText.\n")
    assert project.findings("successor-not-accepted") == [
        ("successor-not-accepted", A, 2, 9, "superseded by NOTE-0001, whose status is 'draft'; "
         "this record stays in force until NOTE-0001 is accepted"),
    ]


def test_stale_status_among_records_it_passes_over_and_its_fix(project):
    """ADR-0001 is already superseded, ADR-0002 is replaced only by a proposal; ADR-0004 is
    replaced by two accepted records."""
    project.write(A, superseded("A", extra="superseded_by: [ADR-0003]\n"))
    project.write(B, accepted_adr("B", extra="superseded_by: [ADR-0005]\n"))
    project.write("adr/0003-c.md", accepted_adr("C", extra="supersedes: [ADR-0001]\n"))
    project.write("adr/0004-d.md", accepted_adr("D"))
    project.write("adr/0005-e.md", proposed("E", extra="supersedes: [ADR-0002]\n"))
    project.write("adr/0006-f.md", accepted_adr("F", extra="supersedes: [ADR-0004]\n"))
    project.write("adr/0007-g.md", accepted_adr("G", extra="supersedes: [ADR-0004]\n"))
    assert project.findings("stale-status") == [
        ("stale-status", "adr/0004-d.md", 2, 9, "status is 'accepted' but ADR-0006, ADR-0007 replaced this "
         "record; set 'status: superseded' (decisions lint --fix does)"),
    ]
    assert fixes_of(project, "stale-status") == [
        ("adr/0004-d.md", 2, 9, Fix("adr/0004-d.md", "status", "replace", "superseded")),
    ]


def test_conflicting_links_among_links_that_agree(project):
    """ADR-0002's links, in order: to a missing record, to itself, to ADR-0003 (which says nothing
    of it), to ADR-0001 (a disagreement, told on ADR-0001: the smaller id), a `relates_to`, and
    to ADR-0005 (a disagreement told here). ADR-0003 links only to ADR-0004, which agrees."""
    project.write(A, accepted_adr("A", extra="superseded_by: [ADR-0002]\n"))
    project.write(B, accepted_adr("B", extra=(
        "amends: [ADR-0009, ADR-0002, ADR-0003, ADR-0001]\nrelates_to: [ADR-0001]\namended_by: [ADR-0005]\n")))
    project.write("adr/0003-c.md", accepted_adr("C", extra="amends: [ADR-0004]\n"))
    project.write("adr/0004-d.md", accepted_adr("D", extra="amended_by: [ADR-0003]\n"))
    project.write("adr/0005-e.md", superseded("E", extra="superseded_by: [ADR-0002]\n"))
    assert project.findings("conflicting-links") == [
        ("conflicting-links", A, 5, 17, "ADR-0001 says it is superseded by ADR-0002, but adr/0002-use-kafka.md "
         "says it amends ADR-0001; make both records say the same"),
        ("conflicting-links", B, 7, 14, "ADR-0002 says it is amended by ADR-0005, but adr/0005-e.md says it is "
         "superseded by ADR-0002; make both records say the same"),
    ]


def test_stale_status_of_a_record_whose_frontmatter_cannot_be_read(project):
    """A MADR record with broken YAML frontmatter, its status read from its bullet: told, but
    --fix does not touch a file whose frontmatter it cannot read, and the message does not say it would."""
    project.write(A, "---\nstatus: accepted\ndecision-makers: [ann\n---\n# Use a queue\n\n- Status: accepted\n"
                  "- Date: 2026-01-01\n\n## Context and Problem Statement\n\nOrders arrive in bursts.\n")
    project.write(B, accepted_adr("Use Kafka", extra="supersedes: [ADR-0001]\n"))
    assert project.findings("stale-status") == [
        ("stale-status", A, 7, 11, "status is 'accepted' but ADR-0002 replaced this record; change its "
         "status to 'superseded'"),
    ]
    assert fixes_of(project, "stale-status") == []


def test_supersedes_newer_among_records_it_passes_over(project):
    """ADR-0002 has no date; ADR-0004 replaces ADR-0001 (which names it, not the other way round:
    told at ADR-0004's date), a record without a date, and one of the same day."""
    undated = "date: 2026-01-10\n"
    project.write(A, superseded("A", extra="superseded_by: [ADR-0004]\n", date="2026-05-01"))
    project.write(B, accepted_adr("B", extra="supersedes: [ADR-0003]\n").replace(undated, ""))
    project.write("adr/0003-c.md", superseded("C", extra="superseded_by: [ADR-0002]\n", date="2026-04-01"))
    project.write("adr/0004-d.md", accepted_adr("D", extra="supersedes: [ADR-0005, ADR-0006]\n", date="2026-03-01"))
    project.write("adr/0005-e.md", superseded("E", extra="superseded_by: [ADR-0004]\n").replace(undated, ""))
    project.write("adr/0006-f.md", superseded("F", extra="superseded_by: [ADR-0004]\n", date="2026-03-01"))
    assert project.findings("supersedes-newer") == [
        ("supersedes-newer", "adr/0004-d.md", 3, 7, "supersedes ADR-0001, dated 2026-05-01, which is later than "
         "this record's date 2026-03-01; a record can only replace an older one, so check both dates"),
    ]


# -- one record's fields: the cases beside the one each rule's own test shows -----------------------

NOTE_KIND = "        note: {directory: notes, statuses: [draft, on hold, final]}\n"


def kinds_config(project, adr: str = "{}") -> None:
    """ADRs (with these options) and a kind of notes of the project's own."""
    project.write("mkdocs.yml", "site_name: X\nplugins:\n  - decisions:\n      kinds:\n"
                  f"        adr: {adr}\n" + NOTE_KIND)


def test_schema_leaves_missing_fields_to_missing_field(project):
    """A field missing is missing-field's finding, not the schema rule's; an error about the
    frontmatter as a whole is told at its start, and the errors after it still are."""
    project.write("schemas/adr-extra.json", json.dumps({
        "dependentRequired": {"amends": ["reason"], "relates_to": ["reason"]},
        "properties": {"reason": {"type": "string"}, "team": {"type": "string"}},
    }))
    project.write("mkdocs.yml", "site_name: X\nplugins:\n  - decisions:\n      kinds:\n"
                  "        adr:\n          schema: schemas/adr-extra.json\n")
    project.write("adr/0002-use-kafka.md", accepted_adr("Use Kafka"))
    project.write(A, accepted_adr(extra="amends: [ADR-0002]\nteam: [platform]\n").replace("date: 2026-01-10\n", ""))
    assert project.findings("schema") == [
        ("schema", A, 1, 1, "frontmatter: 'reason' is a dependency of 'amends'"),
        ("schema", A, 5, 7, "'team' must be text, not a list"),
    ]
    today = datetime.date.today().isoformat()
    assert project.findings("missing-field") == [
        ("missing-field", A, 2, 1, f"missing required field 'date'; add e.g. 'date: {today}'"),
    ]


def test_missing_field_examples_and_empty_values(project):
    """An empty value is missing too. The example for a title, and for the status of a kind
    without proposed statuses (its first status)."""
    kinds_config(project, adr="{required_by_status: {accepted: [deciders, title]}}")
    project.write(A, accepted_adr().replace("deciders: [alice]", 'deciders: ""'))
    project.write("notes/0001-idea.md", "---\ndate: 2026-01-01\n---\n# Idea\n\nText.\n")
    assert project.findings("missing-field") == [
        ("missing-field", A, 2, 9, "status 'accepted' requires 'deciders'; add e.g. 'deciders: [name]'"),
        ("missing-field", A, 2, 9, "status 'accepted' requires 'title'; add e.g. 'title: Use PostgreSQL for order data'"),
        ("missing-field", "notes/0001-idea.md", 2, 1, "missing required field 'status'; add e.g. 'status: draft'"),
    ]


def test_future_date_today_is_not_in_the_future(project):
    project.write(A, accepted_adr(date=datetime.date.today().isoformat()))
    project.write(B, accepted_adr().replace("date: 2026-01-10\n", ""))  # no date at all
    assert project.findings("future-date") == []


def test_id_mismatch_needs_both_an_id_field_and_a_number_in_the_name(project):
    """A file named by date has its whole name as its id; a file without a number may give its id."""
    project.write("adr/20210101-use-kafka.md", accepted_adr("Use Kafka"))
    project.write("adr/use-cache.md", accepted_adr("Use a cache", extra="id: ADR-0005\n"))
    assert project.findings("id-mismatch") == []


def test_status_alias_cases_beside_an_alias(project):
    """Not an alias: an unknown status (unknown-status tells it), a status of two words written in
    other case and spacing. In a format we do not rewrite, only a misspelling is told: 'Superceded'
    (and 'Accepted now', exactly as close as a misspelling may be), not 'Approved'. A native
    alias comes with its fix."""
    kinds_config(project, adr="{aliases: {accepted now: accepted}}")
    project.write(A, accepted_adr().replace("status: accepted", "status: Superceded"))
    project.write(B, accepted_adr().replace("status: accepted", "status: decided"))
    project.write("notes/0001-idea.md", "---\nstatus: On  Hold\ndate: 2026-01-01\n---\n# Idea\n\nText.\n")
    tools = "# {n}. Use {n}\n\nDate: 2019-04-02\n\n## Status\n\n{status}\n\n## Context\n\nWe need it.\n"
    project.write("adr/0003-use-3.md", tools.format(n=3, status="Superceded"))
    project.write("adr/0004-use-4.md", tools.format(n=4, status="Approved"))
    project.write("adr/0005-use-5.md", tools.format(n=5, status="Accepted now"))
    assert project.findings("status-alias") == [
        ("status-alias", A, 2, 9, "status 'Superceded' is an alias; write 'superseded' (decisions lint --fix does)"),
        ("status-alias", "adr/0003-use-3.md", 7, 1, "status 'Superceded' is read as 'superseded'; correct the spelling"),
        ("status-alias", "adr/0005-use-5.md", 7, 1, "status 'Accepted now' is read as 'accepted'; correct the spelling"),
    ]
    assert fixes_of(project, "status-alias") == [
        (A, 2, 9, Fix(A, "status", "replace", "superseded")),
    ]


def test_placeholder_sections_code_spans_and_long_placeholders(project):
    """A YAML comment in the frontmatter is no heading; text before the first heading; columns
    after a code span; a placeholder of 40 characters is shown whole, a longer one cut short."""
    forty = "[TODO: " + "x" * 32 + "]"
    longer = "[TODO: " + "y" * 28 + " more]"  # 41 characters, the 36th a space
    project.write(A, (
        "---\n# Decision record\nstatus: proposed\ndate: YYYY-MM-DD\n---\n"
        "[TODO: summary]\n\n# [Title]\n\nUse `[Title]` for [NUMBER].\n\n" + forty + "\n" + longer + "\n"
    ))
    left = "; replace it with the record's own text"
    assert project.findings("placeholder") == [
        ("placeholder", A, 4, 7, "template placeholder 'YYYY-MM-DD' left in the frontmatter" + left),
        ("placeholder", A, 6, 1, "template placeholder '[TODO: summary]' left in the text before the first heading" + left),
        ("placeholder", A, 8, 3, "template placeholder '[Title]' left in section '[Title]'" + left),
        ("placeholder", A, 10, 19, "template placeholder '[NUMBER]' left in section '[Title]'" + left),
        ("placeholder", A, 12, 1, f"template placeholder '{forty}' left in section '[Title]'" + left),
        ("placeholder", A, 13, 1, "template placeholder '[TODO: " + "y" * 28 + "…]' left in section '[Title]'" + left),
    ]


def test_placeholder_not_looked_for_in_a_file_that_cannot_be_read(project):
    project.write(A, "# Use a queue\n\n[TODO: context]\n")
    assert project.findings("placeholder") == []


def test_empty_body_cases(project):
    """Only '#' and blanks are no text (an empty heading); one letter is text. A record that
    ends with its frontmatter is told at the closing '---', with or without a newline after it."""
    front = "---\nstatus: proposed\ndate: 2026-01-01\n---"
    project.write(A, front + "\n# Use a queue\n\n## \n")
    project.write(B, front + "\n# Use Kafka\n\nX\n")
    project.write("adr/0003-c.md", front + "\n")
    project.write("adr/0004-d.md", front)
    no_text = "the record has no text; write at least its context and the decision"
    assert project.findings("empty-body") == [
        ("empty-body", A, 5, 1, no_text),
        ("empty-body", "adr/0003-c.md", 4, 1, no_text),
        ("empty-body", "adr/0004-d.md", 4, 1, no_text),
    ]


# -- placeholders learned from templates --------------------------------------------------

LEFT = "; replace it with the record's own text"


def test_prompts_of_the_guide_and_of_madr_are_placeholders(project):
    project.write(A, (
        "---\nstatus: proposed\ndate: 2026-01-10\n---\n# {short title of solved problem and solution}\n\n"
        "**Deciders**: [Names of people involved]\n\n## Options\n\n### [Option Name]\n\n"
        "- [Description and priority]\n"
    ))
    assert project.findings("placeholder") == [
        ("placeholder", A, 5, 3, "template placeholder '{short title of solved problem and s…}' left in "
         "section '{short title of solved problem and solution}'" + LEFT),
        ("placeholder", A, 7, 15, "template placeholder '[Names of people involved]' left in section "
         "'{short title of solved problem and solution}'" + LEFT),
        ("placeholder", A, 11, 5, "template placeholder '[Option Name]' left in section '[Option Name]'" + LEFT),
        ("placeholder", A, 13, 3, "template placeholder '[Description and priority]' left in section "
         "'[Option Name]'" + LEFT),
    ]


def test_brackets_and_braces_that_are_text_links_or_code_are_no_placeholders(project):
    project.write(A, (
        "---\nstatus: proposed\ndate: 2026-01-10\n---\n# Use a queue\n\n"
        "The vendor said it [sic] twice [1]. See [the docs](https://example.org) and [RFC 2119][].\n\n"
        "- [x] load test done\n- [ ] sign-off\n\nA footnote[^note] and `{some code here}` and `[Option Name]`.\n\n"
        "```\nconfig = {short title here}\n[Names of people involved]\n```\n\n"
        "[RFC 2119]: https://www.rfc-editor.org/rfc/rfc2119\n[^note]: A note.\n"
    ))
    assert project.findings("placeholder") == []


@pytest.mark.parametrize("kind", ["adr", "rfc"])
def test_a_record_copied_from_our_template_fails_lint_at_every_prompt(project, kind):
    """Our handbook's templates, copied as they ship: each line that still holds a
    prompt (`[Title]`, `[TODO: ...]`, `YYYY-MM-DD`) is told, and lint fails."""
    template = resources.files("mkdocs_decisions").joinpath(f"handbook/templates/{kind}.md").read_text("utf-8")
    project.write(f"{kind}/0009-copied.md", template, dedent=False)
    prompts = {number for number, line in enumerate(template.splitlines(), start=1)
               if re.search(r"\[(?:Title|TODO\b[^\]]*)\]|YYYY-MM-DD", line)}
    assert len(prompts) > 5
    assert {line for _, _, line, _, _ in project.findings("placeholder")} == prompts
    assert project.run("lint").returncode == 1


def test_a_record_copied_from_adr_tools_template_fails_lint(project):
    """adr-tools' template is not in the folder (it ships with the tool): its heading
    prompt is known anyway, and its date and status prompts are no date and no status."""
    project.write("adr/0002-x.md", "# NUMBER. TITLE\n\nDate: DATE\n\n## Status\n\nSTATUS\n\n## Context\n\nWhy.\n")
    assert [(rule, line, column) for rule, _, line, column, _ in project.findings()] == [
        ("placeholder", 1, 1), ("invalid-date", 3, 7), ("unknown-status", 7, 1)]


def test_a_template_in_the_records_folder_teaches_its_prompts_and_its_guidance(project):
    project.write("adr/template.md", (
        "# NUMBER. TITLE\n\n## Context\n\nWhat is the issue that we are seeing that motivates this decision?\n\n"
        "## Decision\n\n<<the change we propose>>\n\nWe will [what the team will do].\n"
    ))
    project.write(A, (
        "---\nstatus: proposed\ndate: 2026-01-10\n---\n# Use a queue\n\n## Context\n\n"
        "What is the issue that we are seeing that motivates this decision?\n\n## Decision\n\n"
        "We will [what the team will do].\n"
    ))
    assert project.findings("placeholder") == [
        ("placeholder", A, 9, 1, "the template's guidance 'What is the issue that we are seeing…' is left "
         "unchanged in section 'Context'" + LEFT),
        ("placeholder", A, 13, 9, "template placeholder '[what the team will do]' left in section 'Decision'" + LEFT),
    ]


def test_heading_number(project):
    """An adr-tools heading numbered otherwise than its file is told at the number; a heading
    whose number agrees, one without a number, and a record whose `id` says its id are not."""
    project.write("adr/0033-ip-ranges.md", "# 3. IP ranges\n\nDate: 2017-07-01\n\n## Status\n\nAccepted\n\n## Context\n\nText.\n")
    project.write("adr/0034-dns.md", "# 34. DNS\n\nDate: 2017-07-02\n\n## Status\n\nAccepted\n\n## Context\n\nText.\n")
    project.write("adr/0035-vpn.md", "# VPN\n\nDate: 2017-07-03\n\n## Status\n\nAccepted\n\n## Context\n\nText.\n")
    assert project.findings("heading-number") == [
        ("heading-number", "adr/0033-ip-ranges.md", 1, 3, "the heading says 3, but the file name makes this record "
         "ADR-0033; correct the number in the heading (links and ids go by the file name)"),
    ]
    assert Archive.load(load_settings(None, project.root)).by_id["ADR-0033"].title == "IP ranges"


def test_broken_link(project):
    """Links to files that are not there are told at the link, with the nearest name beside
    where each points; a link that works, one to a folder, a URL, a site path, an anchor,
    one leading out of the project, and links in code or comments are not."""
    project.write("adr/img/flow.png", "")
    project.write("adr/img/my flow.png", "")  # named in angle brackets, spaces and all
    project.write("adr/0004-module-loading.md", accepted_adr("Load modules"))
    project.write(A, "---\nstatus: accepted\ndate: 2026-01-10\ndeciders: [alice]\n---\n# Use a queue\n\n" + (
        "As [ADR-4](module-loading.md) and [its flow](img/flow.png#top) say,\n"
        "see [the images](img/), [the tracker](https://example.org/x.md), [home](/index.md), [up](#context),\n"
        "[outside](../../../elsewhere.md) and ![a diagram](img/flw.png \"Flow\").\n\n"
        "`[code](nowhere.md)` and <!-- [hidden](nowhere.md)\n[still hidden](nowhere.md) -->\n\n"
        "```\n[fenced](nowhere.md)\n```\n\n"
        "[ref]: ./0004-module-loding.md\n[spaced]: <img/my flow.png>\n"))
    # a relation written as a link to no file is missing-target's, told once
    project.write(B, "# 2. Use Kafka\n\nDate: 2026-01-11\n\n## Status\n\nSuperseded by [3. Use X](0003-gone.md)\n\n"
                     "## Context\n\nText.\n")
    assert [f[:3] for f in project.findings("missing-target")] == [("missing-target", B, 7)]
    assert project.findings("broken-link") == [
        ("broken-link", A, 8, 12, "links to module-loading.md, which does not exist (did you mean "
         "0004-module-loading.md?); fix the path (it is relative to this file) or remove the link"),
        ("broken-link", A, 10, 51, "links to img/flw.png, which does not exist (did you mean img/flow.png?); "
         "fix the path (it is relative to this file) or remove the link"),
        ("broken-link", A, 19, 8, "links to ./0004-module-loding.md, which does not exist (did you mean "
         "./0004-module-loading.md?); fix the path (it is relative to this file) or remove the link"),
    ]


def test_one_sided_link_takes_a_mention_in_prose_for_the_other_side_only_outside_our_format(project):
    """ADR-0003 (native) supersedes three records. The MADR one says so only in a sentence: that
    is its side. The native one says so only in its text, not in its frontmatter: told. The
    adr-tools one says ADR-0003 amends it: the two disagree, which conflicting-links tells."""
    project.write(A, "---\nstatus: superseded\ndate: 2026-01-10\ndeciders: [alice]\n---\n# Use a queue\n\n"
                  "We expect ADR-0003 to supersede this.\n")
    project.write(B, "# Use Kafka\n\n- Status: superseded\n- Date: 2026-01-11\n\n## Context and Problem Statement\n\n"
                  "We decided that [ADR-0003](0003-use-pulsar.md) will supersede this one.\n")
    project.write("adr/0004-use-nats.md", "# 4. Use NATS\n\nDate: 2026-01-12\n\n## Status\n\nSuperseded\n\n"
                  "Amended by [3. Use Pulsar](0003-use-pulsar.md)\n\n## Context\n\nText.\n")
    project.write("adr/0003-use-pulsar.md", accepted_adr("Use Pulsar", date="2026-02-01",
                                                         extra="supersedes: [ADR-0004, ADR-0002, ADR-0001]\n"))
    assert project.findings("one-sided-link") == [
        ("one-sided-link", "adr/0003-use-pulsar.md", 5, 34, "ADR-0003 supersedes ADR-0001, but adr/0001-use-queue.md "
         "does not name ADR-0003 in 'superseded_by'; add it there (decisions lint --fix does)"),
    ]
    assert [finding[:2] for finding in project.findings("conflicting-links")] == [
        ("conflicting-links", "adr/0003-use-pulsar.md"),
    ]


def test_placeholder_guidance_kept_alone_anywhere_in_the_text(project):
    """A record that keeps only a template's line of guidance (no prompt at all) is told, at
    the guidance's first letter after a list marker; on the record's first line too; a line
    of 40 characters is shown whole, a longer one cut."""
    forty = "Describe the forces which act on it now."  # 40 characters
    longer = "Describe what it costs, and who pays for it."
    assert (len(forty), len(longer)) == (40, 44)
    project.write("adr/template.md", f"# Title\n\n{forty}\n\n- {longer}\n\nSay why this option wins over the others.\n")
    project.write(A, f"Say why this option wins over the others.\n# Use a queue\n\n- Status: proposed\n\n"
                  f"## Context and Problem Statement\n\n  * {forty}\n\n> {longer}\n")
    guidance = "the template's guidance '{}' is left unchanged in {}" + LEFT
    assert project.findings("placeholder") == [
        ("placeholder", A, 1, 1, guidance.format("Say why this option wins over the ot…",
                                                 "the text before the first heading")),
        ("placeholder", A, 8, 5, guidance.format(forty, "section 'Context and Problem Statement'")),
        ("placeholder", A, 10, 3, guidance.format("Describe what it costs, and who pays…",
                                                  "section 'Context and Problem Statement'")),
    ]


# -- the registry: what each rule is listed as, and a name given twice ------------------


def test_rules_lists_each_rule_with_its_docstrings_first_line_in_the_order_they_run(project):
    """`decisions rules` is how a user learns the rule ids for --select and `severity`: each
    rule's line gives its id, its severity, the first line of its docstring and whether
    --fix repairs it, the rules that read one file first and the `--since` rules last."""
    lines = project.run("rules").stdout.splitlines()
    assert [line.split()[0] for line in lines][:2] == ["unreadable-file", "file-too-large"]
    assert [line.split()[0] for line in lines][-5:] == [
        "deleted-record", "rewritten-decision", "invalid-transition", "reused-number", "changed-approvals"]
    pad = " " * (len("superseded-without-successor") - len("status-alias"))
    assert "status-alias" + pad + "  warning  The status is written as an alias (e.g. 'Superceded'); write the " \
        "canonical name. (fixable)" in lines
    shown = {line.split()[0]: " ".join(line.split()[1:]) for line in lines}
    assert shown["unreadable-file"] == "error The file cannot be opened (permissions, a dangling or escaping link)."
    assert shown["empty-body"] == "error The record has frontmatter but no text."
    assert shown["one-sided-link"] == ("error A supersession link is not mirrored: A supersedes B needs B "
                                       "superseded_by A. (fixable)")
    assert shown["stale-status"] == ("error A record replaced by an accepted successor still claims to be "
                                     "in force. (fixable)")
    assert shown["supersedes-newer"] == "warning A record supersedes one dated after it."
    assert shown["invalid-transition"] == "error A status changed in a way the kind's lifecycle does not allow."
    assert shown["reused-number"] == ("error A new record takes a number the base already uses (another "
                                      "branch, or a removed record).")


def test_a_rule_id_registered_twice_is_refused_and_the_first_rule_kept():
    """Two checks under one id would make --select and `severity` ambiguous: the second is refused by name."""
    from mkdocs_decisions.rules.registry import archive_rule, record_rule, since_rule

    first = REGISTRY["schema"]
    for register in (record_rule, archive_rule, since_rule):
        with pytest.raises(ValueError) as refused:
            register("schema")(lambda record, archive: iter(()))
        assert refused.value.args == ("rule schema registered twice",)
    assert REGISTRY["schema"] is first


def test_an_unknown_rule_to_select_or_ignore_is_named(project):
    """--select and --ignore with a misspelt rule fail naming it, rather than checking nothing."""
    project.write(A, accepted_adr())
    archive = Archive.load(load_settings(None, project.root))
    for given in ({"select": ["schema", "no-such-rule"]}, {"ignore": ["no-such-rule"]}):
        with pytest.raises(KeyError) as unknown:
            archive.check(**given)
        assert unknown.value.args == ("no-such-rule",)


def test_one_sided_link_is_a_warning_on_madr_and_an_error_on_native_records(project):
    """The severity of one-sided-link goes by the format of the record it is told on (docs/formats.md)."""
    project.write(A, accepted_adr(extra="supersedes: [ADR-0002]\n"))
    project.write(B, accepted_adr("Use Kafka", date="2026-01-01"))
    project.write("adr/0003-use-nats.md", "# Use NATS\n\n- Status: accepted\n- Date: 2026-01-12\n"
                  "- Supersedes: [ADR-0002](0002-use-kafka.md)\n\n## Context and Problem Statement\n\nText.\n")
    result = Archive.load(load_settings(None, project.root)).check(select=["one-sided-link"])
    assert [(d.path, d.severity.value) for d in result.diagnostics] == [
        (A, "error"), ("adr/0003-use-nats.md", "warning")]
    assert (result.errors, result.warnings) == (1, 1)


# -- the --since rules, given the records as they were at the base ----------------------


def since_findings(project, base: dict[str, str], now: dict[str, str], *rules: str):
    """(rule, path, line, column, message) of the `--since` rules, with the records of `base`
    as they were at `main` and those of `now` as they are; a path only in `now` is new."""
    from mkdocs_decisions.baseline import Baseline

    for relative, text in base.items():
        (project.root / "base" / relative).parent.mkdir(parents=True, exist_ok=True)
        (project.root / "base" / relative).write_text(text)
    for relative, text in now.items():
        project.write(relative, text, dedent=False)
    old = Archive.load(load_settings(None, project.root / "base")).by_path
    changed = {relative: old.get(relative) for relative in now}
    deleted = {relative: record for relative, record in old.items() if relative not in now}
    baseline = Baseline("main", changed, deleted, {})
    result = Archive.load(load_settings(None, project.root)).check(select=rules, baseline=baseline)
    return [(d.rule, d.path, d.line, d.column, d.message) for d in result.diagnostics]


def test_invalid_transition(project):
    """Statuses the lifecycle allows (proposed -> accepted), a new record, an unchanged status
    and a status that was never set pass; a status moved back (accepted -> proposed) is told
    with every status the old one may become, whatever records come before it."""
    proposed = accepted_adr().replace("status: accepted", "status: proposed")
    untold = accepted_adr("Use SOAP").replace("status: accepted\n", "")
    base = {A: proposed, "adr/0003-use-grpc.md": accepted_adr("Use gRPC"), "adr/0004-use-soap.md": untold,
            "adr/0005-use-rest.md": accepted_adr("Use REST")}
    now = {A: accepted_adr(), B: accepted_adr("Use Kafka"),
           "adr/0003-use-grpc.md": accepted_adr("Use gRPC").replace("Orders", "Calls"),
           "adr/0004-use-soap.md": untold.replace("---\n#", "status: accepted\n---\n#"),
           "adr/0005-use-rest.md": accepted_adr("Use REST").replace("status: accepted", "status: proposed")}
    assert since_findings(project, base, now, "invalid-transition") == [
        ("invalid-transition", "adr/0005-use-rest.md", 2, 9, "status went from accepted (at main) to proposed, "
         "which the lifecycle does not allow (accepted may become deprecated, superseded); write a new record instead"),
    ]


def test_changed_approvals(project):
    """On a record in force at the base, approvals may be added (and governance fields changed
    without rewritten-decision); one removed, or changed in its date, is told at the field;
    a record that was only proposed at the base may change its approvals as it likes."""
    approved = "approvals:\n  - {by: carol, date: 2026-01-09}\n  - {by: dave, date: 2026-01-10}\n"
    base = {A: accepted_adr(extra=approved),
            B: accepted_adr("Use Kafka", extra=approved).replace("status: accepted", "status: proposed"),
            "adr/0003-use-grpc.md": accepted_adr("Use gRPC", extra=approved)}
    now = {A: accepted_adr(extra=approved.replace("2026-01-10", "2026-01-11") + "review_by: 2027-01-01\n"),
           B: accepted_adr("Use Kafka", extra="approvals: [{by: erin, date: 2026-01-12}]\n"),
           "adr/0003-use-grpc.md": accepted_adr("Use gRPC", extra=approved + "  - {by: erin, date: 2026-02-01}\n"
                                                "owner: erin\n")}
    assert since_findings(project, base, now, "changed-approvals", "rewritten-decision") == [
        ("changed-approvals", A, 5, 1, "the approval by dave on 2026-01-10 that ADR-0001 had at main, when it was "
         "already accepted, was removed or changed; approvals are only ever added: put it back as it was"),
    ]
    now[A] = accepted_adr()
    assert since_findings(project, base, now, "changed-approvals") == [
        ("changed-approvals", A, 2, 9, f"the approval by {who} on 2026-01-{day} that ADR-0001 had at main, when it was "
         "already accepted, was removed or changed; approvals are only ever added: put it back as it was")
        for who, day in (("carol", "09"), ("dave", "10"))
    ]


def test_since_rules_run_only_with_a_base_beside_the_other_rules(project):
    """Given a base, the --since rules run beside the record and archive rules, each finding
    once, in file order; without one (plain `decisions lint`) they do not run at all."""
    proposed = accepted_adr().replace("status: accepted", "status: proposed")
    base = {A: accepted_adr(), B: accepted_adr("Use Kafka")}
    now = {A: proposed.replace("2026-01-10", "2026-02-30")}
    assert since_findings(project, base, now, "invalid-date", "deleted-record", "invalid-transition") == [
        ("invalid-transition", A, 2, 9, "status went from accepted (at main) to proposed, which the lifecycle "
         "does not allow (accepted may become deprecated, superseded); write a new record instead"),
        ("invalid-date", A, 3, 7, "date '2026-02-30' is not a valid ISO 8601 date; write it as "
         "year-month-day, e.g. 2026-03-01"),
        ("deleted-record", B, 1, 1, "ADR-0002 was deleted since main; a decision record stays in the archive: "
         "restore it and mark it deprecated, rejected or superseded instead"),
    ]
    assert project.findings("deleted-record", "invalid-transition") == []


# -- more of the placeholder and link rules ----------------------------------------------


def test_placeholder_guidance_found_only_in_a_list_item_or_a_quote(project):
    """A record whose only leftover of the template is a line of guidance behind a list marker
    or a quote (no prompt anywhere) is told; guidance is matched whole, from its first letter,
    even one that is an X; a long line is cut at the last word that fits."""
    xml = "XML or JSON, say which one the service speaks and why."
    long = "Describe the forces that act on the decision, and how."
    assert long[35] == " "
    project.write("adr/template.md", f"# Title\n\n## Context\n\n{xml}\n\n{long}\n")
    project.write(A, f"# Use a queue\n\n- Status: proposed\n\n## Context\n\n- {xml}\n")
    project.write(B, f"# Use Kafka\n\n- Status: proposed\n\n## Context\n\n> {long}\n")
    project.write("adr/0003-use-nats.md", "# Use NATS\n\n- Status: proposed\n\n## Context\n\nML or JSON, say "
                  "which one the service speaks and why.\n")
    guidance = "the template's guidance '{}' is left unchanged in section 'Context'" + LEFT
    assert project.findings("placeholder") == [
        ("placeholder", A, 7, 3, guidance.format("XML or JSON, say which one the servi…")),
        ("placeholder", B, 7, 3, guidance.format("Describe the forces that act on the…")),
    ]


def test_one_sided_link_to_a_tep_is_named_as_teps_write_it(project):
    """A TEP that does not name its successor is told in the TEP's own field name, 'superseded-by'."""
    project.write("mkdocs.yml", "site_name: X\nplugins:\n  - decisions:\n      kinds: {tep: {preset: tep}}\n")
    front = "---\ntitle: {title}\nauthors: ['@ann']\ncreation-date: 2021-0{n}-01\nstatus: {status}\n{extra}---\n\n# {title}\n\nText.\n"
    project.write("teps/0001-one.md", front.format(title="One", n=1, status="replaced", extra=""))
    project.write("teps/0002-two.md", front.format(title="Two", n=2, status="implemented",
                                                   extra="replaces: [TEP-0001]\n"))
    assert project.findings("one-sided-link") == [
        ("one-sided-link", "teps/0002-two.md", 6, 12, "TEP-0002 supersedes TEP-0001, but teps/0001-one.md does not "
         "say that it is superseded by TEP-0002; add 'TEP-0002' to its 'superseded-by'"),
    ]


def test_one_sided_link_when_the_other_record_names_it_otherwise_or_names_a_third(project):
    """The other side is missing unless the other record names this one in a directed relation:
    'relates_to' back, or 'amends' of a third record, is not saying it is superseded."""
    project.write(A, accepted_adr(extra="relates_to: [ADR-0003]\n").replace("accepted", "superseded"))
    project.write(B, accepted_adr("Use Kafka", extra="amends: [ADR-0004]\n").replace("accepted", "superseded"))
    project.write("adr/0003-use-nats.md", accepted_adr("Use NATS", extra="supersedes: [ADR-0001, ADR-0002]\n"))
    project.write("adr/0004-use-zeromq.md", accepted_adr("Use ZeroMQ", extra="amended_by: [ADR-0002]\n"))
    fixed = "; add it there (decisions lint --fix does)"
    assert project.findings("one-sided-link") == [
        ("one-sided-link", "adr/0003-use-nats.md", 5, 14, "ADR-0003 supersedes ADR-0001, but adr/0001-use-queue.md "
         "does not name ADR-0003 in 'superseded_by'" + fixed),
        ("one-sided-link", "adr/0003-use-nats.md", 5, 24, "ADR-0003 supersedes ADR-0002, but adr/0002-use-kafka.md "
         "does not name ADR-0003 in 'superseded_by'" + fixed),
    ]


def test_conflicting_links_between_two_records_that_took_the_same_number(project):
    """Two branches took number 1, and the two records disagree about how they relate: the
    conflict is told too (though both ids are the same), on the record that ADR-0001 does not
    resolve to (the first file of that number)."""
    project.write(A, accepted_adr(extra="amended_by: [ADR-0001]\n"))
    project.write("adr/0001-use-kafka.md", accepted_adr("Use Kafka", extra="supersedes: [ADR-0001]\n"))
    assert project.findings("conflicting-links") == [
        ("conflicting-links", A, 5, 14, "ADR-0001 says it is amended by ADR-0001, but adr/0001-use-kafka.md "
         "says it supersedes ADR-0001; make both records say the same"),
    ]


def test_prose_in_braces_around_a_code_span_is_no_placeholder(project):
    """`{the `id` field}` is prose with code in it, not a MADR prompt; a line of guidance the
    record has rewritten is not told either."""
    project.write("adr/template.md", "# Title\n\n## Context\n\nSay which of the options won, and why it won.\n")
    project.write(A, "---\nstatus: proposed\ndate: 2026-01-10\n---\n# Use a queue\n\n## Context\n\n"
                  "Records name their successor in {the `superseded_by` field}.\n\n"
                  "Say which of the options won: the queue.\n")
    assert project.findings("placeholder") == []


# -- governance: reviews, comment periods, approvals, owners ---------------------------

#: 15 January 2027, noon UTC: "today" for the governance rules, as a build pins it
JANUARY_15 = "1800014400"
RFC = "rfc/0001-event-schema.md"


def governed(project, adr: str = "{}", rfc: str = "{}") -> None:
    project.write("mkdocs.yml", "site_name: X\nplugins:\n  - decisions:\n      kinds:\n"
                  f"        adr: {adr}\n        rfc: {rfc}\n")


def proposal(status: str = "proposed", extra: str = "") -> str:
    return f"---\nstatus: {status}\ndate: 2026-11-01\nauthors: [ann]\n{extra}---\n# Event schema\n\n## Summary\n\nOne registry.\n"


def test_review_due(project, monkeypatch):
    """Due by its own `review_by`, or by its date and the kind's `review_after` (31 January plus a
    month is the last day of February); not before, nor when it is no longer in force."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", JANUARY_15)
    governed(project, adr="{review_after: 1 month}")
    project.write(A, accepted_adr(extra="review_by: 2027-01-14\n"))
    project.write(B, accepted_adr("Use Kafka", date="2026-11-30"))
    project.write("adr/0003-use-nats.md", accepted_adr("Use NATS", date="2026-12-31"))  # due 2027-01-31
    project.write("adr/0004-use-zmq.md", accepted_adr("Use ZeroMQ", extra="review_by: 2027-01-15\n"))  # due today
    project.write("adr/0005-use-mq.md", accepted_adr("Use MQ", date="2026-01-01").replace("accepted", "deprecated"))
    assert project.findings("review-due") == [
        ("review-due", A, 5, 12, "ADR-0001 was due for review on 2027-01-14, 1 day ago; review it, then set a new "
         "'review_by', or supersede or deprecate it"),
        ("review-due", B, 3, 7, "ADR-0002 was due for review on 2026-12-30, 16 days ago (1 month after its date); "
         "review it, then set a new 'review_by', or supersede or deprecate it"),
    ]


def test_review_after_counts_from_the_end_of_a_short_month(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1804075200")  # 2027-03-03
    governed(project, adr="{review_after: 1 month}")
    project.write(A, accepted_adr(date="2027-01-31"))  # due 2027-02-28
    project.write(B, accepted_adr("Use Kafka", date="2027-02-03"))  # due 2027-03-03, today
    assert [f[4] for f in project.findings("review-due")] == [
        "ADR-0001 was due for review on 2027-02-28, 3 days ago (1 month after its date); review it, then set a new "
        "'review_by', or supersede or deprecate it"]


def test_comment_period_over(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", JANUARY_15)
    governed(project)
    project.write(RFC, proposal("draft", "comment_until: 2027-01-05\n"))
    project.write("rfc/0002-open.md", proposal("draft", "comment_until: 2027-01-15\n"))  # ends today: still open
    project.write("rfc/0003-decided.md", proposal("accepted", "comment_until: 2027-01-05\n"))
    assert project.findings("comment-period-over") == [
        ("comment-period-over", RFC, 5, 16, "the comment period of RFC-0001 ended on 2027-01-05, 10 days ago, and "
         "it is still draft; decide it (accept or reject it), or set a later 'comment_until'"),
    ]


def test_missing_approvals(project):
    governed(project, adr="{required_approvals: 2, approvers: [alice, bob]}")
    project.write(A, accepted_adr(extra="approvals:\n  - {by: alice, date: 2026-01-09}\n"
                                        "  - {by: mallory, date: 2026-01-09}\n"))
    project.write(B, accepted_adr("Use Kafka", extra="approvals:\n  - {by: alice, date: 2026-01-09}\n"
                                                     "  - {by: bob, date: 2026-01-10}\n"))
    project.write("adr/0003-use-nats.md", accepted_adr("Use NATS"))
    project.write("adr/0004-use-zmq.md", accepted_adr("Use ZeroMQ").replace("accepted", "proposed"))
    assert project.findings("missing-approvals") == [
        ("missing-approvals", A, 6, 3, "ADR-0001 is accepted with 1 of the 2 approvals adr records need; record "
         "each with 'decisions approve ADR-0001 --as NAME'"),
        ("missing-approvals", A, 7, 5, "'mallory' may not approve adr records, so this approval does not count; "
         "those who may: alice, bob"),
        ("missing-approvals", "adr/0003-use-nats.md", 2, 9, "ADR-0003 is accepted with 0 of the 2 approvals adr "
         "records need; record each with 'decisions approve ADR-0003 --as NAME'"),
    ]


def test_missing_owner(project):
    governed(project, adr="{owner_required: true}")
    project.write(A, accepted_adr())
    project.write(B, accepted_adr("Use Kafka", extra="owner: platform-team\n"))
    project.write("adr/0003-use-nats.md", accepted_adr("Use NATS", extra="owners: [ann, bo]\n"))
    project.write("adr/0004-use-zmq.md", accepted_adr("Use ZeroMQ").replace("accepted", "proposed"))
    assert project.findings("missing-owner") == [
        ("missing-owner", A, 2, 9, "ADR-0001 is accepted and names no owner; add 'owner: NAME', the person who "
         "keeps it current"),
    ]


def test_governance_dates_must_be_real_dates(project):
    governed(project)
    project.write(A, accepted_adr(extra="review_by: 2027-02-30\napprovals:\n  - {by: ann, date: soon}\n"))
    project.write(RFC, proposal(extra="comment_until: next week\n"))
    assert project.findings("invalid-date") == [
        ("invalid-date", A, 5, 12, "review_by '2027-02-30' is not a valid ISO 8601 date; write it as year-month-day, "
         "e.g. 2026-03-01"),
        ("invalid-date", A, 7, 5, "the date of an approval 'soon' is not a valid ISO 8601 date; write it as "
         "year-month-day, e.g. 2026-03-01"),
        ("invalid-date", RFC, 5, 16, "comment_until 'next week' is not a valid ISO 8601 date; write it as "
         "year-month-day, e.g. 2026-03-01"),
    ]


def test_lint_today_is_the_date_given(project):
    """`--today` pins what the rules take for today (here before the review is due), and a date
    that is not one is a usage error."""
    project.write(A, accepted_adr(extra="review_by: 2027-01-14\n"))
    assert project.run("lint", "--today", "2027-01-14").returncode == 0
    late = project.run("lint", "--today", "2027-01-20", "--format", "json")
    assert [d["message"][:58] for d in json.loads(late.stdout)["diagnostics"]] == [
        "ADR-0001 was due for review on 2027-01-14, 6 days ago; rev"]
    wrong = project.run("lint", "--today", "tomorrow")
    assert (wrong.returncode, wrong.stderr) == (
        2, "decisions: error: --today tomorrow: not a date; write it as year-month-day, e.g. 2026-03-01\n")


def test_cites_missing(project):
    """Told at the code's own line and column; docs and Markdown are not code, by default."""
    project.write(A, accepted_adr())
    project.write("src/app.py", "x = 1  # follows ADR-0001\ny = 2  # follows ADR-0007\n")
    project.write("docs/notes.md", "ADR-0008 was discussed.\n")
    assert project.findings("cites-missing") == [
        ("cites-missing", "src/app.py", 2, 18, "cites ADR-0007, which no record has; cite the record this code "
         "follows ('decisions refs' lists what is cited)"),
    ]


def test_cites_superseded(project):
    project.write(A, accepted_adr(extra="superseded_by: [ADR-0002]\n").replace("accepted", "superseded"))
    project.write(B, accepted_adr("Use Kafka", extra="supersedes: [ADR-0001]\n"))
    project.write("adr/0003-use-nats.md", accepted_adr("Use NATS").replace("accepted", "deprecated"))
    project.write("lib/queue.go", "// ADR-0001, ADR-0002 and ADR-0003\n")
    assert project.findings("cites-superseded") == [
        ("cites-superseded", "lib/queue.go", 1, 4, "cites ADR-0001, which ADR-0002 superseded; cite ADR-0002, the "
         "decision in force"),
        ("cites-superseded", "lib/queue.go", 1, 27, "cites ADR-0003, which is deprecated; cite the decision this "
         "code follows now"),
    ]
