"""`decisions status`: lifecycle transitions, with linked records updated in the same step."""

from __future__ import annotations

from conftest import accepted_adr

OLD = "adr/0001-use-mysql.md"
NEW = "adr/0002-use-postgres.md"


def proposed(title: str, extra: str = "") -> str:
    return accepted_adr(title, extra=extra, date="2026-02-01").replace("status: accepted", "status: proposed")


def _assert_old_superseded_by_new(project, result) -> None:
    """What accepting NEW leaves: OLD superseded and linked to it, said once, and a clean archive."""
    assert result.stdout == (
        "adr/0001-use-mysql.md: accepted -> superseded (superseded by ADR-0002)\n"
        "adr/0002-use-postgres.md: proposed -> accepted\n"
    )
    assert (project.root / OLD).read_text() == accepted_adr(
        "Use MySQL", extra="superseded_by: [ADR-0002]\n", date="2025-01-01"
    ).replace("status: accepted", "status: superseded")
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
