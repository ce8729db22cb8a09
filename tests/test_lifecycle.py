"""`decisions status`: lifecycle transitions, with linked records updated in the same step."""

from __future__ import annotations

import pytest
from conftest import accepted_adr

OLD = "adr/0001-use-mysql.md"
NEW = "adr/0002-use-postgres.md"


def proposed(title: str, extra: str = "") -> str:
    return accepted_adr(title, extra=extra, date="2026-02-01").replace("status: accepted", "status: proposed")


def _assert_old_superseded_by_new(project, result, clean: bool = True) -> None:
    """What accepting NEW leaves: OLD superseded and linked to it, said once, and (unless
    NEW was forced past its own errors) a clean archive."""
    assert result.stdout == (
        "adr/0001-use-mysql.md: accepted -> superseded (superseded by ADR-0002)\n"
        "adr/0002-use-postgres.md: proposed -> accepted\n"
    )
    assert (project.root / OLD).read_text() == accepted_adr(
        "Use MySQL", extra="superseded_by: [ADR-0002]\n", date="2025-01-01"
    ).replace("status: accepted", "status: superseded")
    if clean:
        assert project.findings() == []


def test_accepting_a_successor_marks_what_it_supersedes(project):
    project.write(OLD, accepted_adr("Use MySQL", date="2025-01-01"))
    project.write(NEW, proposed("Use Postgres", "supersedes: [ADR-0001]\n"))
    result = project.run("status", "ADR-0002", "accepted")
    assert result.returncode == 0, result.stderr
    _assert_old_superseded_by_new(project, result)


def test_superseding_by_links_both_records(project):
    project.write(OLD, accepted_adr("Use MySQL", date="2025-01-01"))
    project.write(NEW, accepted_adr("Use Postgres", date="2026-02-01"))
    result = project.run("status", "1", "superseded", "--by", "ADR-2")
    assert result.returncode == 0, result.stderr
    assert "superseded_by: [ADR-0002]\n" in (project.root / OLD).read_text()
    assert "supersedes: [ADR-0001]\n" in (project.root / NEW).read_text()
    assert project.findings() == []


def test_an_amendment_keeps_the_amended_record_in_force(project):
    project.write(OLD, accepted_adr("Use MySQL", date="2025-01-01"))
    project.write(NEW, proposed("Tune MySQL", "amends: [ADR-0001]\n"))
    result = project.run("status", "ADR-0002", "accepted")
    assert result.stdout == (
        "adr/0001-use-mysql.md: stays accepted, amended by ADR-0002\n"
        "adr/0002-use-postgres.md: proposed -> accepted\n"
    )
    old = (project.root / OLD).read_text()
    assert "status: accepted\n" in old and "amended_by: [ADR-0002]\n" in old


def test_refused_transitions(project):
    project.write(OLD, accepted_adr("Use MySQL").replace("status: accepted", "status: rejected"))
    project.write(NEW, accepted_adr("Use Postgres"))
    before = (project.root / OLD).read_bytes()
    reversed_ = project.run("status", "ADR-0001", "accepted")
    assert (reversed_.returncode, reversed_.stderr) == (
        1, "decisions: ADR-0001 is rejected, which may only become no other status; to reverse a decision, "
        "write a new record that supersedes it\n")
    assert (project.root / OLD).read_bytes() == before
    no_successor = project.run("status", "ADR-0002", "superseded")
    assert no_successor.stderr == "decisions: error: name the successor with --by when a record becomes superseded\n"
    unknown = project.run("status", "ADR-0002", "acepted")
    assert unknown.stderr.startswith("decisions: error: unknown status 'acepted' (did you mean 'accepted'?)")
    missing = project.run("status", "ADR-0042", "accepted")
    assert missing.stderr == "decisions: error: no record with id 'ADR-0042'\n"


def test_rfc_lifecycle(project):
    project.write("rfc/0001-plan.md", "---\nstatus: draft\ndate: 2026-01-01\nauthors: [c]\n---\n# Plan\n\nText.\n")
    assert project.run("status", "RFC-1", "in-review").returncode == 0
    assert project.run("status", "RFC-1", "accepted").returncode == 0
    assert project.run("status", "RFC-1", "implemented").returncode == 0
    assert "status: implemented\n" in (project.root / "rfc/0001-plan.md").read_text()
    assert project.run("status", "RFC-1", "draft").returncode == 1


# -- a link already written is not written twice --------------------------------------------


def test_accepting_a_successor_its_predecessor_already_names_adds_no_second_link(project):
    # as `decisions new --supersedes` leaves them: both sides linked, the old record still in force
    project.write(OLD, accepted_adr("Use MySQL", extra="superseded_by: [ADR-0002]\n", date="2025-01-01"))
    project.write(NEW, proposed("Use Postgres", "supersedes: [ADR-0001]\n"))
    assert project.findings() == []  # the state in between is clean: nothing is superseded yet
    result = project.run("status", "ADR-0002", "accepted")
    assert (result.returncode, result.stderr) == (0, "")
    _assert_old_superseded_by_new(project, result)


def test_accepting_an_amendment_its_original_already_names_changes_only_the_amendment(project):
    project.write(OLD, accepted_adr("Use MySQL", extra="amended_by: [ADR-0002]\n", date="2025-01-01"))
    project.write(NEW, proposed("Tune MySQL", "amends: [ADR-0001]\n"))
    before = (project.root / OLD).read_bytes()
    result = project.run("status", "ADR-0002", "accepted")
    assert (result.returncode, result.stdout) == (0, "adr/0002-use-postgres.md: proposed -> accepted\n")
    assert (project.root / OLD).read_bytes() == before
    assert project.findings() == []


def test_superseding_by_a_successor_already_named_adds_no_second_link(project):
    project.write(OLD, accepted_adr("Use MySQL", extra="superseded_by: [ADR-0002]\n", date="2025-01-01"))
    project.write(NEW, accepted_adr("Use Postgres", extra="supersedes: [ADR-0001]\n", date="2026-02-01"))
    # (the linter already says ADR-0001 is stale; `status` is how to say it is superseded)
    result = project.run("status", "ADR-1", "superseded", "--by", "ADR-2")
    assert (result.returncode, result.stdout) == (0, "adr/0001-use-mysql.md: accepted -> superseded\n")
    assert (project.root / OLD).read_text().count("ADR-0002") == 1
    assert project.findings() == []


ADR_TOOLS_OLD = "# 1. Use MySQL\n\nDate: 2025-01-01\n\n## Status\n\nAccepted\n\nSuperseded by [2. Use Postgres](0002-use-postgres.md)\n\n## Context\n\nText.\n"
ADR_TOOLS_NEW = "# 2. Use Postgres\n\nDate: 2026-02-01\n\n## Status\n\nProposed\n\nSupersedes [1. Use MySQL](0001-use-mysql.md)\n\n## Context\n\nText.\n"


def test_accepting_an_adr_tools_successor_already_named_changes_only_the_status(project):
    project.write(OLD, ADR_TOOLS_OLD)
    project.write(NEW, ADR_TOOLS_NEW)
    result = project.run("status", "ADR-0002", "accepted")
    assert (result.returncode, result.stderr) == (0, "")
    assert (project.root / OLD).read_text() == ADR_TOOLS_OLD.replace("\nAccepted\n", "\nSuperseded\n")
    assert (project.root / NEW).read_text() == ADR_TOOLS_NEW.replace("\nProposed\n", "\nAccepted\n")
    assert project.findings() == []


def test_a_record_of_another_format_moves_in_its_own_format(project):
    project.write(OLD, "# Use MySQL\n\n- Status: Accepted\n- Date: 2025-01-01\n\n## Context and Problem Statement\n\nText.\n")
    result = project.run("status", "ADR-0001", "deprecated")
    assert (result.returncode, result.stdout) == (0, "adr/0001-use-mysql.md: accepted -> deprecated\n")
    assert (project.root / OLD).read_text() == (
        "# Use MySQL\n\n- Status: Deprecated\n- Date: 2025-01-01\n\n## Context and Problem Statement\n\nText.\n"
    )
    assert project.findings() == []


# -- a record with errors is not accepted, unless --force ----------------------------------------


def test_accepting_a_record_with_errors_is_refused_and_names_them(project):
    draft = "---\nstatus: proposed\ndate: 2026-02-01\ndeciders: []\n---\n# Use Postgres\n\n## Context\n\n[TODO: why]\n"
    project.write(NEW, draft)
    result = project.run("status", "ADR-0002", "accepted")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "decisions: ADR-0002 cannot become accepted while it has these errors; fix them first, "
        "or run again with --force:\n"
        "adr/0002-use-postgres.md:2:9: missing-field: status 'accepted' requires 'deciders'; add e.g. 'deciders: [name]'\n"
        "adr/0002-use-postgres.md:10:1: placeholder: template placeholder '[TODO: why]' left in section 'Context'; "
        "replace it with the record's own text\n"
    )
    assert (project.root / NEW).read_text() == draft
    forced = project.run("status", "ADR-0002", "accepted", "--force")
    assert (forced.returncode, forced.stdout, forced.stderr) == (0, "adr/0002-use-postgres.md: proposed -> accepted\n", "")
    assert (project.root / NEW).read_text() == draft.replace("status: proposed", "status: accepted")


def test_superseding_by_a_successor_not_yet_accepted_is_refused(project):
    project.write(OLD, accepted_adr("Use MySQL", date="2025-01-01"))
    project.write(NEW, proposed("Use Postgres"))
    result = project.run("status", "ADR-0001", "superseded", "--by", "ADR-0002")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "decisions: ADR-0001 was not made superseded: the change would cause this finding; "
        "run again with --force to make it anyway:\n"
        "adr/0001-use-mysql.md:5:17: successor-not-accepted: superseded by ADR-0002, whose status is 'proposed'; "
        "this record stays in force until ADR-0002 is accepted\n"
    )
    assert project.findings() == []
    forced = project.run("status", "ADR-0001", "superseded", "--by", "ADR-0002", "--force")
    assert forced.returncode == 0
    assert [rule for rule, *_ in project.findings()] == ["successor-not-accepted"]


# -- exit codes: 1 refused, 2 used wrongly --------------------------------------------------------


def test_exit_codes(project):
    project.write(OLD, accepted_adr("Use MySQL"))
    project.write(NEW, accepted_adr("Use Postgres"))
    cases = {
        ("ADR-0001", "acepted"): (2, "decisions: error: unknown status 'acepted' (did you mean 'accepted'?); "
                                     "ADR statuses are: proposed, accepted, rejected, deprecated, superseded\n"),
        ("ADR-0001", "superseded"): (2, "decisions: error: name the successor with --by when a record becomes superseded\n"),
        ("ADR-0001", "deprecated", "--by", "ADR-0002"): (
            2, "decisions: error: --by names a successor, which only a change to superseded has\n"),
        ("ADR-0042", "accepted"): (2, "decisions: error: no record with id 'ADR-0042'\n"),
        ("ADR-0001", "superseded", "--by", "ADR-0042"): (2, "decisions: error: no record with id 'ADR-0042'\n"),
        ("ADR-0001", "accepted"): (1, "decisions: ADR-0001 is already accepted\n"),
        ("ADR-0001", "proposed"): (1, "decisions: ADR-0001 is accepted, which may only become deprecated, superseded; "
                                      "to reverse a decision, write a new record that supersedes it\n"),
    }
    for args, expected in cases.items():
        result = project.run("status", *args)
        assert (result.returncode, result.stderr) == expected, args
        assert result.stdout == ""
    assert project.run("status", "ADR-0001").returncode == 2  # a missing argument


# -- what `status` says when it cannot move a record -------------------------------------------


def test_a_record_without_a_known_status_is_named_with_what_it_says(project):
    """A status the kind does not know is quoted back, with the statuses to choose from."""
    project.write(OLD, accepted_adr("Use MySQL").replace("status: accepted", "status: wip"))
    project.write(NEW, accepted_adr("Use Postgres").replace("status: accepted\n", ""))
    before = (project.root / OLD).read_bytes(), (project.root / NEW).read_bytes()
    unknown = project.run("status", "ADR-0001", "accepted")
    assert (unknown.stdout, unknown.stderr) == ("", (
        "decisions: ADR-0001 has no status this kind knows ('wip'); "
        "set one of proposed, accepted, rejected, deprecated, superseded by hand first\n"))
    missing = project.run("status", "ADR-0002", "accepted")
    assert (missing.stdout, missing.stderr) == ("", (
        "decisions: ADR-0002 has no status; set one of proposed, accepted, rejected, deprecated, superseded by hand first\n"))
    assert ((project.root / OLD).read_bytes(), (project.root / NEW).read_bytes()) == before


def test_a_record_cannot_be_superseded_by_itself(project):
    """`--by` naming the record itself is a usage mistake, said as such."""
    project.write(OLD, accepted_adr("Use MySQL"))
    result = project.run("status", "ADR-0001", "superseded", "--by", "ADR-1")
    assert (result.stdout, result.stderr) == ("", "decisions: error: ADR-0001 cannot be superseded by itself\n")
    assert (project.root / OLD).read_text() == accepted_adr("Use MySQL")


def test_accepting_a_successor_of_a_record_without_a_known_status_says_so(project):
    """The predecessor's line says it had no status before it became superseded."""
    project.write(OLD, accepted_adr("Use MySQL", date="2025-01-01").replace("status: accepted", "status: wip"))
    project.write(NEW, proposed("Use Postgres", "supersedes: [ADR-0001]\n"))
    result = project.run("status", "ADR-0002", "accepted")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "adr/0001-use-mysql.md: no status -> superseded (superseded by ADR-0002)\n"
        "adr/0002-use-postgres.md: proposed -> accepted\n"
    )
    assert (project.root / OLD).read_text() == accepted_adr(
        "Use MySQL", extra="superseded_by: [ADR-0002]\n", date="2025-01-01"
    ).replace("status: accepted", "status: superseded")


def test_a_madr_record_superseded_by_names_its_successor_in_its_status(project):
    """MADR 2/3 writes 'superseded by [ADR-0002](...)' as the status, and a link under '## Links'."""
    madr = "# Use MySQL\n\n- Status: Accepted\n- Date: 2025-01-01\n\n## Context and Problem Statement\n\nText.\n"
    project.write(OLD, madr)
    project.write(NEW, accepted_adr("Use Postgres", date="2026-02-01"))
    result = project.run("status", "ADR-0001", "superseded", "--by", "ADR-0002")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "adr/0001-use-mysql.md: accepted -> superseded\n"
        "adr/0002-use-postgres.md: now supersedes ADR-0001\n"
    )
    assert (project.root / OLD).read_text() == (
        "# Use MySQL\n\n- Status: Superseded by [ADR-0002](0002-use-postgres.md)\n- Date: 2025-01-01\n\n"
        "## Context and Problem Statement\n\nText.\n\n## Links\n\n- Superseded by [ADR-0002](0002-use-postgres.md)\n"
    )
    assert (project.root / NEW).read_text() == accepted_adr(
        "Use Postgres", extra="supersedes: [ADR-0001]\n", date="2026-02-01"
    )
    assert project.findings() == []


def test_a_linked_record_that_cannot_be_read_is_not_edited(project):
    """Accepting a successor whose predecessor has broken YAML refuses, naming the broken file."""
    broken = accepted_adr("Use MySQL", date="2025-01-01").replace("deciders: [alice]", "deciders: [alice")
    project.write(OLD, broken)
    project.write(NEW, proposed("Use Postgres", "supersedes: [ADR-0001]\n"))
    result = project.run("status", "ADR-0002", "accepted")
    assert (result.stdout, result.stderr) == ("", (
        "decisions: adr/0001-use-mysql.md cannot be read as a record; fix it first ('decisions lint' says why)\n"))
    assert (project.root / OLD).read_text() == broken
    assert (project.root / NEW).read_text() == proposed("Use Postgres", "supersedes: [ADR-0001]\n")


# -- a link the other record's reader would not find is never written ----------------------------

ADR_TOOLS_MYSQL = "# 1. Use MySQL\n\nDate: 2025-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nText.\n"
SHARP = "adr/0002-use-c#.md"  # '#' starts a fragment in a link, so a link to this file names no record


def _refused_unread(project, result, path: str, link: str) -> None:
    assert result.stdout == ""
    assert result.stderr == (
        f"decisions: {path}: the change would not read back from this adr-tools record ({link} would not be read); "
        "nothing was written: make the change by hand\n"
    )


def test_accepting_a_successor_whose_link_would_not_be_read_is_refused(project):
    """A 'Superseded by' line the adr-tools reader would not see is refused, not written."""
    project.write(OLD, ADR_TOOLS_MYSQL)
    project.write(SHARP, proposed("Use C#", "supersedes: [ADR-0001]\n"))
    result = project.run("status", "ADR-0002", "accepted")
    _refused_unread(project, result, OLD, "its 'superseded_by' link to ADR-0002")
    assert (project.root / OLD).read_text() == ADR_TOOLS_MYSQL
    assert (project.root / SHARP).read_text() == proposed("Use C#", "supersedes: [ADR-0001]\n")


def test_accepting_an_amendment_whose_link_would_not_be_read_is_refused(project):
    """The same for the 'Amended by' line an accepted amendment adds."""
    project.write(OLD, ADR_TOOLS_MYSQL)
    project.write(SHARP, proposed("Use C#", "amends: [ADR-0001]\n"))
    result = project.run("status", "ADR-0002", "accepted")
    _refused_unread(project, result, OLD, "its 'amended_by' link to ADR-0002")
    assert (project.root / OLD).read_text() == ADR_TOOLS_MYSQL


def test_superseding_by_with_a_link_that_would_not_be_read_is_refused(project):
    """`--by`: the superseded adr-tools record's own 'Superseded by' line must read back."""
    project.write(OLD, ADR_TOOLS_MYSQL)
    project.write(SHARP, accepted_adr("Use C#", extra="supersedes: [ADR-0001]\n", date="2026-02-01"))
    result = project.run("status", "ADR-0001", "superseded", "--by", "ADR-0002")
    _refused_unread(project, result, OLD, "its 'superseded_by' link to ADR-0002")
    assert (project.root / OLD).read_text() == ADR_TOOLS_MYSQL


def test_superseding_by_an_adr_tools_successor_whose_link_would_not_be_read_is_refused(project):
    """`--by`: the successor's 'Supersedes' line must read back too."""
    sharp_old = "adr/0001-use-c#.md"
    successor = "# 2. Use Rust\n\nDate: 2026-02-01\n\n## Status\n\nAccepted\n\n## Context\n\nText.\n"
    project.write(sharp_old, accepted_adr("Use C#", extra="superseded_by: [ADR-0002]\n", date="2025-01-01"))
    project.write("adr/0002-use-rust.md", successor)
    result = project.run("status", "ADR-0001", "superseded", "--by", "ADR-0002")
    _refused_unread(project, result, "adr/0002-use-rust.md", "its 'supersedes' link to ADR-0001")
    assert (project.root / "adr/0002-use-rust.md").read_text() == successor


# -- which findings refuse a change, and how the refusal says it ----------------------------------


def test_accepting_a_record_with_one_error_names_it(project):
    """One error of the record's own (a link to no record): 'this error', 'fix it'."""
    project.write(NEW, proposed("Use Postgres", "relates_to: [ADR-0099]\n"))
    result = project.run("status", "ADR-0002", "accepted")
    assert result.stdout == ""
    assert result.stderr == (
        "decisions: ADR-0002 cannot become accepted while it has this error; fix it first, or run again with --force:\n"
        "adr/0002-use-postgres.md:5:14: missing-target: 'relates_to' names ADR-0099, which does not exist; "
        "link to an existing record by its id\n"
    )
    assert (project.root / NEW).read_text() == proposed("Use Postgres", "relates_to: [ADR-0099]\n")


def test_accepting_a_record_with_errors_that_causes_findings_names_both(project):
    """Its own error first, then the finding the change would cause elsewhere."""
    project.write(OLD, accepted_adr("Use MySQL", extra="superseded_by: [ADR-0003]\n", date="2025-01-01"))
    project.write(NEW, proposed("Use Postgres", "supersedes: [ADR-0001]\nrelates_to: [ADR-0099]\n"))
    project.write("adr/0003-use-sqlite.md", proposed("Use SQLite", "supersedes: [ADR-0001]\n"))
    result = project.run("status", "ADR-0002", "accepted")
    assert result.stdout == ""
    assert result.stderr == (
        "decisions: ADR-0002 cannot become accepted while it has errors, and the change would cause more findings; "
        "fix them first, or run again with --force:\n"
        "adr/0002-use-postgres.md:6:14: missing-target: 'relates_to' names ADR-0099, which does not exist; "
        "link to an existing record by its id\n"
        "adr/0001-use-mysql.md:5:17: successor-not-accepted: superseded by ADR-0003, whose status is 'proposed'; "
        "this record stays in force until ADR-0003 is accepted\n"
    )


def test_superseding_that_causes_two_findings_names_them_all(project):
    """Two findings caused: 'these findings', each on its own line."""
    project.write(OLD, accepted_adr("Use MySQL", date="2026-03-01"))
    project.write(NEW, proposed("Use Postgres"))
    result = project.run("status", "ADR-0001", "superseded", "--by", "ADR-0002")
    assert result.stdout == ""
    assert result.stderr == (
        "decisions: ADR-0001 was not made superseded: the change would cause these findings; "
        "run again with --force to make it anyway:\n"
        "adr/0001-use-mysql.md:5:17: successor-not-accepted: superseded by ADR-0002, whose status is 'proposed'; "
        "this record stays in force until ADR-0002 is accepted\n"
        "adr/0002-use-postgres.md:5:14: supersedes-newer: supersedes ADR-0001, dated 2026-03-01, which is later "
        "than this record's date 2026-02-01; a record can only replace an older one, so check both dates\n"
    )
    assert (project.root / OLD).read_text() == accepted_adr("Use MySQL", date="2026-03-01")


def test_a_record_with_errors_may_still_leave_force(project):
    """Only a status in force is refused for the record's own errors: deprecating it is not."""
    project.write(OLD, accepted_adr("Use MySQL", extra="relates_to: [ADR-0099]\n"))
    result = project.run("status", "ADR-0001", "deprecated")
    assert (result.returncode, result.stdout, result.stderr) == (0, "adr/0001-use-mysql.md: accepted -> deprecated\n", "")
    assert (project.root / OLD).read_text() == accepted_adr("Use MySQL", extra="relates_to: [ADR-0099]\n").replace(
        "status: accepted", "status: deprecated"
    )


def test_accepting_a_successor_of_a_missing_record_refuses_without_failing(project):
    """A 'supersedes' naming no record is the record's own error, not a crash."""
    project.write(NEW, proposed("Use Postgres", "supersedes: [ADR-0099]\n"))
    result = project.run("status", "ADR-0002", "accepted")
    assert result.stdout == ""
    assert result.stderr == (
        "decisions: ADR-0002 cannot become accepted while it has this error; fix it first, or run again with --force:\n"
        "adr/0002-use-postgres.md:5:14: missing-target: 'supersedes' names ADR-0099, which does not exist; "
        "link to an existing record by its id\n"
    )


def test_forcing_a_successor_of_a_missing_and_an_existing_record_supersedes_the_existing_one(project):
    """A missing predecessor is skipped, not the end: the next one is still marked superseded."""
    project.write(OLD, accepted_adr("Use MySQL", date="2025-01-01"))
    project.write(NEW, proposed("Use Postgres", "supersedes: [ADR-0099, ADR-0001]\n"))
    result = project.run("status", "ADR-0002", "accepted", "--force")
    assert (result.returncode, result.stderr) == (0, "")
    _assert_old_superseded_by_new(project, result, clean=False)  # ADR-0099 is still missing


def test_change_status_refuses_findings_unless_forced(project):
    """Called as a library, `change_status` refuses by default, as the command does without --force."""
    from mkdocs_decisions.archive import Archive
    from mkdocs_decisions.authoring import AuthoringError
    from mkdocs_decisions.authoring.status import change_status
    from mkdocs_decisions.config import load_settings

    project.write(OLD, accepted_adr("Use MySQL", date="2025-01-01"))
    project.write(NEW, proposed("Use Postgres"))
    archive = Archive.load(load_settings(None, project.root))
    with pytest.raises(AuthoringError, match="^ADR-0001 was not made superseded: the change would cause this finding"):
        change_status(archive, "ADR-0001", "superseded", by="ADR-0002")
    assert (project.root / OLD).read_text() == accepted_adr("Use MySQL", date="2025-01-01")
    assert change_status(archive, "ADR-0001", "superseded", by="ADR-0002", force=True) == [
        "adr/0001-use-mysql.md: accepted -> superseded",
        "adr/0002-use-postgres.md: now supersedes ADR-0001",
    ]


# -- `decisions renumber`: a record moved to the next free number, every link with it -------------

BOM = b"\xef\xbb\xbf"


def test_renumber_by_id_rewrites_its_id_links_and_byte_order_marks(project):
    """The moved record and a record linking to it keep every byte (BOMs included) but the id and file name."""
    project.write(OLD, BOM + b"---\nid: ADR-0001\nstatus: accepted\ndate: 2025-01-01\ndeciders: [alice]\n---\n"
                  b"# Use MySQL\n\nThis is [ADR-0001](0001-use-mysql.md).\n")
    project.write(NEW, BOM + b"---\nstatus: accepted\ndate: 2026-01-01\ndeciders: [bob]\nrelates_to: [1]\n"
                  b"supersedes: [ADR-1]\nsuperseded_by: []\n---\nADR-0001 said so; see [it](0001-use-mysql.md) "
                  b"and [again](./0001-use-mysql.md), not ADR-00010.\n")
    result = project.run("renumber", "ADR-0001")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "adr/0001-use-mysql.md -> adr/0003-use-mysql.md: ADR-0001 is now ADR-0003\n"
        "adr/0002-use-postgres.md: links to ADR-0003\n"
    )
    assert sorted(p.name for p in (project.root / "adr").iterdir()) == ["0002-use-postgres.md", "0003-use-mysql.md"]
    assert (project.root / "adr/0003-use-mysql.md").read_bytes() == (
        BOM + b"---\nid: ADR-0003\nstatus: accepted\ndate: 2025-01-01\ndeciders: [alice]\n---\n"
        b"# Use MySQL\n\nThis is [ADR-0003](0003-use-mysql.md).\n"
    )
    assert (project.root / NEW).read_bytes() == (
        BOM + b"---\nstatus: accepted\ndate: 2026-01-01\ndeciders: [bob]\nrelates_to: [ADR-0003]\n"
        b"supersedes: [ADR-0003]\nsuperseded_by: []\n---\nADR-0003 said so; see [it](0003-use-mysql.md) "
        b"and [again](./0003-use-mysql.md), not ADR-00010.\n"
    )


def test_renumber_keeps_frontmatter_comments_that_mention_the_old_id(project):
    """Only links and prose change: a YAML comment in the frontmatter stays as written, even
    when a shorter link before it grew longer."""
    project.write(OLD, accepted_adr("Use MySQL", date="2025-01-01"))
    linking = (
        "---\nstatus: accepted\ndate: 2026-01-01\ndeciders: [bob]\nrelates_to: [1, 1]\n# ADR-0001\n---\n"
        "ADR-0001 is why.\n"
    )
    project.write(NEW, linking)
    result = project.run("renumber", OLD)
    assert (result.returncode, result.stderr) == (0, "")
    assert (project.root / NEW).read_text() == (
        "---\nstatus: accepted\ndate: 2026-01-01\ndeciders: [bob]\nrelates_to: [ADR-0003, ADR-0003]\n# ADR-0001\n---\n"
        "ADR-0003 is why.\n"
    )


def test_renumber_in_a_nested_folder_keeps_the_folder(project):
    """A record under docs/adr/ moves within docs/adr/."""
    project.write("docs/adr/0001-use-mysql.md", accepted_adr("Use MySQL"))
    project.write("docs/adr/0002-use-postgres.md", accepted_adr("Use Postgres"))
    result = project.run("renumber", "docs/adr/0001-use-mysql.md")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "docs/adr/0001-use-mysql.md -> docs/adr/0003-use-mysql.md: ADR-0001 is now ADR-0003\n"
    assert sorted(p.name for p in (project.root / "docs/adr").iterdir()) == ["0002-use-postgres.md", "0003-use-mysql.md"]


def test_renumber_leaves_a_file_that_cannot_be_read_as_a_record_alone(project):
    """A file with no closing frontmatter line is not a record: its text is not rewritten."""
    project.write(OLD, accepted_adr("Use MySQL"))
    unreadable = "---\nstatus: accepted\ndate: 2026-01-01\n# Draft\n\nSee ADR-0001 and [it](0001-use-mysql.md).\n"
    project.write("adr/0002-draft.md", unreadable)
    result = project.run("renumber", OLD)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "adr/0001-use-mysql.md -> adr/0003-use-mysql.md: ADR-0001 is now ADR-0003\n"
    assert (project.root / "adr/0002-draft.md").read_text() == unreadable


def test_renumber_refuses_a_record_without_a_file_number(project):
    """An id given only in the frontmatter has no number in the file name to move."""
    project.write("adr/use-mysql.md", accepted_adr("Use MySQL", extra="id: ADR-0007\n"))
    result = project.run("renumber", "ADR-7")
    assert (result.stdout, result.stderr) == ("", "decisions: adr/use-mysql.md has no number to change\n")
    assert (project.root / "adr/use-mysql.md").read_text() == accepted_adr("Use MySQL", extra="id: ADR-0007\n")


def test_renumber_refuses_when_the_new_name_is_taken(project):
    """Something already at the new file name (here a folder) is never replaced."""
    project.write(OLD, accepted_adr("Use MySQL"))
    (project.root / "adr/0002-use-mysql.md").mkdir()
    result = project.run("renumber", "ADR-1")
    assert (result.stdout, result.stderr) == ("", "decisions: adr/0002-use-mysql.md already exists\n")
    assert (project.root / OLD).read_text() == accepted_adr("Use MySQL")


def test_renumber_avoids_the_numbers_taken_elsewhere(project):
    """Ids used at a base ref (`taken`, what --since finds) are skipped."""
    from mkdocs_decisions.archive import Archive
    from mkdocs_decisions.authoring.renumber import renumber
    from mkdocs_decisions.config import load_settings

    project.write(OLD, accepted_adr("Use MySQL"))
    project.write(NEW, accepted_adr("Use Postgres"))
    archive = Archive.load(load_settings(None, project.root))
    assert renumber(archive, OLD, {"ADR-0003", "ADR-0004"}) == [
        "adr/0001-use-mysql.md -> adr/0005-use-mysql.md: ADR-0001 is now ADR-0005"
    ]
    assert (project.root / "adr/0005-use-mysql.md").read_text() == accepted_adr("Use MySQL")
