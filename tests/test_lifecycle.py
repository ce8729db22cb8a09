"""`decisions status`: lifecycle transitions, with linked records updated in the same step."""

from __future__ import annotations

from conftest import accepted_adr

OLD = "adr/0001-use-mysql.md"
NEW = "adr/0002-use-postgres.md"


def proposed(title: str, extra: str = "") -> str:
    return accepted_adr(title, extra=extra, date="2026-02-01").replace("status: accepted", "status: proposed")


def test_accepting_a_successor_marks_what_it_supersedes(project):
    project.write(OLD, accepted_adr("Use MySQL", date="2025-01-01"))
    project.write(NEW, proposed("Use Postgres", "supersedes: [ADR-0001]\n"))
    result = project.run("status", "ADR-0002", "accepted")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "adr/0001-use-mysql.md: accepted -> superseded (superseded by ADR-0002)\n"
        "adr/0002-use-postgres.md: proposed -> accepted\n"
    )
    assert (project.root / OLD).read_text() == accepted_adr(
        "Use MySQL", extra="superseded_by: [ADR-0002]\n", date="2025-01-01"
    ).replace("status: accepted", "status: superseded")
    assert project.findings() == []


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
    assert no_successor.stderr == "decisions: name the successor with --by when a record becomes superseded\n"
    unknown = project.run("status", "ADR-0002", "acepted")
    assert unknown.stderr.startswith("decisions: unknown status 'acepted' (did you mean 'accepted'?)")
    missing = project.run("status", "ADR-0042", "accepted")
    assert missing.stderr == "decisions: no record with id 'ADR-0042'\n"


def test_rfc_lifecycle(project):
    project.write("rfc/0001-plan.md", "---\nstatus: draft\ndate: 2026-01-01\nauthors: [c]\n---\n# Plan\n\nText.\n")
    assert project.run("status", "RFC-1", "in-review").returncode == 0
    assert project.run("status", "RFC-1", "accepted").returncode == 0
    assert project.run("status", "RFC-1", "implemented").returncode == 0
    assert "status: implemented\n" in (project.root / "rfc/0001-plan.md").read_text()
    assert project.run("status", "RFC-1", "draft").returncode == 1
