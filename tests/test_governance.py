"""Governance of decisions: `decisions review` (what is due), run as users run it.

The rules themselves (review-due, comment-period-over, missing-approvals,
missing-owner) are tested with their exact messages in tests/test_rules.py.
"""

from __future__ import annotations

import json

import pytest

from conftest import decisions


@pytest.fixture
def governed(tmp_path):
    """ADR-0001 due for review by its kind's `review_after` (2027-01-10), ADR-0002 by its own
    `review_by` (2027-02-01), ADR-0003 deprecated (never due), RFC-0001 open for comment until
    2027-01-20, RFC-0002 accepted (its comment period no longer matters)."""
    (tmp_path / "adr").mkdir()
    (tmp_path / "rfc").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: G\nplugins:\n  - decisions:\n      kinds:\n"
                                         "        adr: {review_after: 12 months}\n        rfc: {}\n")
    adr = "---\nstatus: {status}\ndate: {date}\ndeciders: [ann]\n{extra}---\n# {title}\n\nText.\n"
    (tmp_path / "adr/0001-use-x.md").write_text(adr.format(status="accepted", date="2026-01-10", extra="", title="Use X"))
    (tmp_path / "adr/0002-use-y.md").write_text(
        adr.format(status="accepted", date="2026-06-10", extra="review_by: 2027-02-01\n", title="Use Y"))
    (tmp_path / "adr/0003-use-z.md").write_text(adr.format(status="deprecated", date="2025-01-10", extra="", title="Use Z"))
    rfc = "---\nstatus: {status}\ndate: 2026-12-01\nauthors: [bo]\ncomment_until: 2027-01-20\n---\n# {title}\n\n## Summary\n\nText.\n"
    (tmp_path / "rfc/0001-schema.md").write_text(rfc.format(status="draft", title="Schema"))
    (tmp_path / "rfc/0002-done.md").write_text(rfc.format(status="accepted", title="Done"))
    return tmp_path


def test_review_lists_what_is_due_today(governed):
    result = decisions("review", "--today", "2027-01-15", cwd=governed)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "adr/0001-use-x.md:3:7: ADR-0001 (accepted) due for review 2027-01-10, 5 day(s) ago\n"


def test_review_within_a_period_adds_what_falls_due_soonest_first(governed):
    result = decisions("review", "--today", "2027-01-15", "--due-within", "3w", cwd=governed)
    assert result.stdout.splitlines() == [
        "adr/0001-use-x.md:3:7: ADR-0001 (accepted) due for review 2027-01-10, 5 day(s) ago",
        "rfc/0001-schema.md:5:16: RFC-0001 (draft) comment period ends 2027-01-20, in 5 day(s)",
        "adr/0002-use-y.md:5:12: ADR-0002 (accepted) due for review 2027-02-01, in 17 day(s)",
    ]
    later = decisions("review", "--today", "2027-01-25", cwd=governed)
    assert "rfc/0001-schema.md:5:16: RFC-0001 (draft) comment period ended 2027-01-20, 5 day(s) ago" in later.stdout


def test_review_as_json(governed, monkeypatch):
    """`SOURCE_DATE_EPOCH` is today when --today is not given (2027-01-15, noon UTC)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800014400")
    result = decisions("review", "--format", "json", "--due-within", "5d", cwd=governed)
    assert json.loads(result.stdout) == {"today": "2027-01-15", "due": [
        {"id": "ADR-0001", "path": "adr/0001-use-x.md", "title": "Use X", "status": "accepted", "what": "review",
         "date": "2027-01-10", "days_left": -5},
        {"id": "RFC-0001", "path": "rfc/0001-schema.md", "title": "Schema", "status": "draft",
         "what": "comment period", "date": "2027-01-20", "days_left": 5},
    ]}


def test_a_review_after_a_period_counts_from_when_git_says_the_record_came_into_force(governed):
    """ADR-0001 is dated 2026-01-10 but was proposed, then accepted on 2026-03-02 and so due on
    2027-03-02, not 2027-01-10; ADR-0004, accepted, then deprecated and accepted again on
    2026-04-01, counts from its last coming into force. Outside git, the date counts (above)."""
    from test_history import commit, git

    git(governed, "init", "-q", "-b", "main")
    record = governed / "adr/0001-use-x.md"
    record.write_text(record.read_text().replace("accepted", "proposed"))
    again = governed / "adr/0004-use-w.md"
    again.write_text("---\nstatus: accepted\ndate: 2026-01-10\ndeciders: [ann]\n---\n# Use W\n\nText.\n")
    commit(governed, "propose", "2026-01-10T09:00:00+00:00")
    record.write_text(record.read_text().replace("proposed", "accepted"))
    again.write_text(again.read_text().replace("accepted", "deprecated"))
    commit(governed, "accept", "2026-03-02T09:00:00+00:00")
    again.write_text(again.read_text().replace("deprecated", "accepted"))
    commit(governed, "accept again", "2026-04-01T09:00:00+00:00")
    assert decisions("review", "--today", "2027-01-15", cwd=governed).stdout == ""
    assert decisions("review", "--today", "2027-04-01", "--due-within", "1d", cwd=governed).stdout.splitlines() == [
        "rfc/0001-schema.md:5:16: RFC-0001 (draft) comment period ended 2027-01-20, 71 day(s) ago",
        "adr/0002-use-y.md:5:12: ADR-0002 (accepted) due for review 2027-02-01, 59 day(s) ago",
        "adr/0001-use-x.md:3:7: ADR-0001 (accepted) due for review 2027-03-02, 30 day(s) ago",
        "adr/0004-use-w.md:3:7: ADR-0004 (accepted) due for review 2027-04-01, today",
    ]
    result = decisions("lint", "--today", "2027-03-12", "--select", "review-due", cwd=governed)
    assert result.stdout.splitlines()[:2] == [
        "adr/0001-use-x.md:3:7: warning review-due: ADR-0001 was due for review on 2027-03-02, 10 days ago (12 "
        "months after it came into force on 2026-03-02, as git tells); review it, then set a new 'review_by', or "
        "supersede or deprecate it",
        "adr/0002-use-y.md:5:12: warning review-due: ADR-0002 was due for review on 2027-02-01, 39 days ago; review "
        "it, then set a new 'review_by', or supersede or deprecate it",
    ]


@pytest.mark.parametrize(("args", "message"), [
    (("--due-within", "soon"), "--due-within soon: write a number of days or weeks, e.g. 30d or 6w"),
    (("--today", "2027-13-01"), "--today 2027-13-01: not a date; write it as year-month-day, e.g. 2026-03-01"),
])
def test_review_says_what_it_cannot_read(governed, args, message):
    result = decisions("review", *args, cwd=governed)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"decisions: error: {message}\n")


# -- the code that cites records: cites-missing, cites-superseded, decisions refs ---------


CODE = (
    "# Storage follows ADR-0001; the queue followed ADR-0002.\n"
    "def handler():\n"
    "    return 'see ADR-0099 and ADR-0004'  # not ADR-00x, nor MYADR-0001\n"
)


@pytest.fixture
def cited(tmp_path):
    """A git repository whose code cites an accepted, a superseded, a missing and a rejected
    record; a Markdown note and an untracked file cite too, and are not code."""
    from test_history import commit, git

    root = tmp_path / "repo"
    (root / "adr").mkdir(parents=True)
    (root / "src").mkdir()
    (root / "docs").mkdir()
    adr = "---\nstatus: {status}\ndate: 2026-01-10\ndeciders: [ann]\n{extra}---\n# {title}\n\nText.\n"
    (root / "adr/0001-store.md").write_text(adr.format(status="accepted", extra="", title="Store in Postgres"))
    (root / "adr/0002-queue.md").write_text(
        adr.format(status="superseded", extra="superseded_by: [ADR-0003]\n", title="Use RabbitMQ"))
    (root / "adr/0003-kafka.md").write_text(adr.format(status="accepted", extra="supersedes: [ADR-0002]\n",
                                                       title="Use Kafka"))
    (root / "adr/0004-cache.md").write_text(adr.format(status="rejected", extra="", title="Cache everything"))
    (root / "src/app.py").write_text(CODE)
    (root / "docs/notes.md").write_text("ADR-0098 was discussed.\n")
    (root / "mkdocs.yml").write_text("site_name: C\nplugins:\n  - decisions\n")
    git(root, "init", "-q", "-b", "main")
    commit(root, "start", "2026-01-10T09:00:00+00:00")
    (root / "src/scratch.py").write_text("# ADR-0097, not committed\n")
    return root


CITED_FINDINGS = [
    ("src/app.py", 1, 48, "cites-superseded", "warning", "cites ADR-0002, which ADR-0003 superseded; cite ADR-0003, "
     "the decision in force"),
    ("src/app.py", 3, 17, "cites-missing", "error", "cites ADR-0099, which no record has; cite the record this code "
     "follows ('decisions refs' lists what is cited)"),
    ("src/app.py", 3, 30, "cites-superseded", "warning", "cites ADR-0004, which is rejected; cite the decision this "
     "code follows now"),
]


def findings(root):
    result = decisions("lint", "--format", "json", cwd=root)
    return [(d["path"], d["line"], d["column"], d["rule"], d["severity"], d["message"])
            for d in json.loads(result.stdout)["diagnostics"]]


def test_lint_tells_citations_of_missing_and_replaced_records_at_the_code(cited):
    assert findings(cited) == CITED_FINDINGS


def test_outside_git_the_same_citations_are_found_by_walking_the_files(cited):
    import shutil

    shutil.rmtree(cited / ".git")
    (cited / "src/scratch.py").unlink()  # git would not have searched it
    assert findings(cited) == CITED_FINDINGS


def test_code_paths_and_code_exclude_choose_where_code_is(cited):
    (cited / "mkdocs.yml").write_text("site_name: C\nplugins:\n  - decisions:\n      code_paths: [docs]\n"
                                      "      code_exclude: []\n")
    assert findings(cited) == [("docs/notes.md", 1, 1, "cites-missing", "error", "cites ADR-0098, which no record "
                                "has; cite the record this code follows ('decisions refs' lists what is cited)")]


def test_refs_lists_where_each_record_is_cited(cited):
    result = decisions("refs", cwd=cited)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "ADR-0001 Store in Postgres (accepted): src/app.py:1",
        "ADR-0002 Use RabbitMQ (superseded): src/app.py:1",
        "ADR-0004 Cache everything (rejected): src/app.py:3",
        "ADR-0099 (no such record): src/app.py:3",
    ]
    one = decisions("refs", "adr-3", "ADR-0001", "--format", "json", cwd=cited)
    assert json.loads(one.stdout) == {
        "ADR-0001": {"title": "Store in Postgres", "status": "accepted",
                     "cited_at": [{"path": "src/app.py", "line": 1, "column": 19}]},
        "ADR-0003": {"title": "Use Kafka", "status": "accepted", "cited_at": []},
    }


def test_what_a_build_made_is_not_code(cited):
    """A built site (its sitemap says so) and the pages `decisions generate` wrote name every
    record many times over: neither is searched, in git or outside it."""
    import shutil

    for folder, mark in (("public", "sitemap.xml"), ("pages/decisions", ".decisions-generated")):
        (cited / folder / "adr").mkdir(parents=True)
        (cited / folder / mark).write_text("")
        (cited / folder / "adr/index.html").write_text("<a>ADR-0099</a> <a>ADR-0002</a>\n")
    from test_history import commit

    (cited / "src/scratch.py").unlink()
    commit(cited, "built", "2026-01-11T09:00:00+00:00")  # committed, as a generated folder is
    assert findings(cited) == CITED_FINDINGS
    shutil.rmtree(cited / ".git")
    assert findings(cited) == CITED_FINDINGS


# -- decisions approve, and status waiting for the approvals -------------------------


@pytest.fixture
def approvable(tmp_path):
    (tmp_path / "adr").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: A\nplugins:\n  - decisions:\n      kinds:\n"
                                         "        adr: {required_approvals: 2, approvers: [ann, bo]}\n")
    (tmp_path / "adr/0001-use-x.md").write_text(
        "---\nstatus: proposed\ndate: 2026-01-10\ndeciders: [ann]\napprovals:\n  - {by: ann, date: 2026-01-11}\n"
        "---\n# Use X\n\nText.\n")
    return tmp_path


def test_approve_adds_the_approval_in_the_lists_own_style_and_status_then_accepts(approvable):
    record = approvable / "adr/0001-use-x.md"
    refused = decisions("status", "ADR-0001", "accepted", cwd=approvable)
    assert refused.returncode == 1
    assert refused.stderr.splitlines()[-1] == (
        "adr/0001-use-x.md:6:3: missing-approvals: ADR-0001 is accepted with 1 of the 2 approvals adr records "
        "need; record each with 'decisions approve ADR-0001 --as NAME'")
    before = record.read_text()
    approved = decisions("approve", "adr-1", "--as", "bo", "--date", "2026-01-12", cwd=approvable)
    assert (approved.returncode, approved.stdout) == (0, "adr/0001-use-x.md: approved by bo on 2026-01-12 (2 of 2)\n")
    assert record.read_text() == before.replace("2026-01-11}\n", "2026-01-11}\n  - {by: bo, date: 2026-01-12}\n")
    accepted = decisions("status", "ADR-0001", "accepted", cwd=approvable)
    assert (accepted.returncode, accepted.stdout) == (0, "adr/0001-use-x.md: proposed -> accepted\n")


@pytest.mark.parametrize(("name", "message"), [
    ("ann", "ann already approved ADR-0001 on 2026-01-11"),
    ("mallory", "'mallory' may not approve adr records; those who may: ann, bo"),
])
def test_approve_refuses_a_second_approval_and_someone_who_may_not(approvable, name, message):
    before = (approvable / "adr/0001-use-x.md").read_bytes()
    result = decisions("approve", "ADR-0001", "--as", name, cwd=approvable)
    assert (result.returncode, result.stderr) == (1, f"decisions: {message}\n")
    assert (approvable / "adr/0001-use-x.md").read_bytes() == before


def test_approve_a_record_without_approvals_starts_the_list_on_today(approvable, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800014400")
    (approvable / "adr/0002-use-y.md").write_text("---\nstatus: proposed\ndate: 2026-01-10\ndeciders: [bo]\n---\n# Y\n\nT.\n")
    result = decisions("approve", "ADR-0002", "--as", "ann", cwd=approvable)
    assert result.stdout == "adr/0002-use-y.md: approved by ann on 2027-01-15 (1 of 2)\n"
    assert (approvable / "adr/0002-use-y.md").read_text() == (
        "---\nstatus: proposed\ndate: 2026-01-10\ndeciders: [bo]\napprovals: [{by: ann, date: 2027-01-15}]\n---\n# Y\n\nT.\n")


def test_status_review_in_sets_review_by_from_today(tmp_path, monkeypatch):
    """Coming into force with --review-in writes `review_by` (a year from 2027-01-15 here);
    a status not in force has no review, and a period that is none is a usage error."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800014400")
    (tmp_path / "adr").mkdir()
    record = tmp_path / "adr/0001-use-x.md"
    record.write_text("---\nstatus: proposed\ndate: 2026-01-10\ndeciders: [ann]\n---\n# Use X\n\nText.\n")
    for args, message in ((("rejected", "--review-in", "1y"),
                           "--review-in sets when a record in force is reviewed; rejected is not in force"),
                          (("accepted", "--review-in", "soon"),
                           "--review-in soon: write a period such as 12m, 1y, 6w or 30d")):
        wrong = decisions("status", "ADR-0001", *args, cwd=tmp_path)
        assert (wrong.returncode, wrong.stderr) == (2, f"decisions: error: {message}\n")
    result = decisions("status", "ADR-0001", "accepted", "--review-in", "12m", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "adr/0001-use-x.md: proposed -> accepted, review by 2028-01-15\n")
    assert record.read_text() == ('---\nstatus: accepted\ndate: 2026-01-10\ndeciders: [ann]\nreview_by: "2028-01-15"\n'
                                  "---\n# Use X\n\nText.\n")
    assert decisions("review", "--today", "2028-01-16", cwd=tmp_path).stdout == (
        "adr/0001-use-x.md:5:12: ADR-0001 (accepted) due for review 2028-01-15, 1 day(s) ago\n")


def test_files_that_cannot_be_read_are_not_code_outside_git(cited):
    """A dangling link among the files is passed over, not a traceback."""
    import shutil

    shutil.rmtree(cited / ".git")
    (cited / "src/scratch.py").unlink()
    (cited / "src/gone.py").symlink_to(cited / "src/nowhere.py")
    assert findings(cited) == CITED_FINDINGS
