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


@pytest.mark.parametrize("in_git", [True, False])
def test_code_id_forms_say_how_the_code_writes_an_id(cited, in_git):
    """`ADR 3` and `[ADR#4]` are citations once the forms say so, in git and outside it; a
    form without its number is refused, naming the option."""
    import shutil

    if not in_git:
        shutil.rmtree(cited / ".git")
    (cited / "src/forms.py").write_text("# per ADR 3, and [ADR#4]; not ADR3 nor ADR 3x\n")
    if in_git:
        from test_history import commit

        commit(cited, "forms", "2026-01-11T09:00:00+00:00")
    (cited / "mkdocs.yml").write_text("site_name: C\nplugins:\n  - decisions:\n      code_id_forms: "
                                      "['{prefix}-{number}', '{prefix} {number}', '[{prefix}#{number}]']\n")
    result = decisions("refs", "ADR-0003", "ADR-0004", cwd=cited)
    assert result.stdout.splitlines() == [
        "ADR-0003 Use Kafka (accepted): src/forms.py:1",
        "ADR-0004 Cache everything (rejected): src/app.py:3, src/forms.py:1",
    ]
    (cited / "mkdocs.yml").write_text("site_name: C\nplugins:\n  - decisions:\n      code_id_forms: ['{prefix}']\n")
    refused = decisions("refs", cwd=cited)
    assert refused.returncode == 2
    assert "code_id_forms: '{prefix}' must hold {prefix} and then {number}, once each" in refused.stderr


def test_a_file_name_is_read_as_git_has_it_whatever_it_holds(cited):
    """git quotes a name with an é, and a colon would end it in plain `git grep` output; a
    line that names a record twice (as a title and a file name) cites it once."""
    from test_history import commit

    (cited / "src/a:b é.py").write_text("# ADR-0003: Kafka (ADR-0003-kafka.md, ADR-3)\n")
    commit(cited, "odd name", "2026-01-11T09:00:00+00:00")
    result = decisions("refs", "ADR-0003", cwd=cited)
    assert result.stdout == "ADR-0003 Use Kafka (accepted): src/a:b é.py:1\n"


def test_a_navigation_that_lists_records_is_not_code(cited):
    """Seen on a real site: `nav:` in mkdocs.yml names each record (`ADR-005 Signals: adr/ADR-005-x.md`)."""
    from test_history import git

    (cited / "mkdocs.yml").write_text("site_name: C\nnav:\n  - ADR-0096 Planned: adr/0096-planned.md\n"
                                      "plugins:\n  - decisions\n")
    git(cited, "commit", "-q", "-a", "-m", "nav", date="2026-01-11T09:00:00+00:00")  # not the untracked scratch.py
    assert findings(cited) == CITED_FINDINGS


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
    assert record.read_text() == ('---\nstatus: accepted\ndate: 2026-01-10\ndeciders: [ann]\nreview_by: 2028-01-15\n'
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


# -- on the site: built with MkDocs' build(), today pinned at 2027-01-15 ----------------------


JANUARY_15 = "1800014400"  # 2027-01-15, noon UTC


@pytest.fixture
def governed_site(tmp_path, monkeypatch):
    """A git repository whose records have owners, approvals, review dates (one counted from
    the commit that accepted it) and comment periods, and whose code cites ADR-0001; built
    with `repo_url` and `edit_uri`, so citations link to GitHub."""
    from test_history import commit, git
    from test_plugin import make_site, run_build

    monkeypatch.setenv("SOURCE_DATE_EPOCH", JANUARY_15)
    for folder in ("adr", "rfc", "src"):
        (tmp_path / folder).mkdir()
    make_site(tmp_path, "kinds: {adr: {review_after: 12 months}, rfc: {}}",
              extra="repo_url: https://github.com/acme/g\nedit_uri: edit/main/docs/\n")
    adr = "---\nstatus: {status}\ndate: 2026-01-10\ndeciders: [ann]\n{extra}---\n# {title}\n\nText.\n"
    first = tmp_path / "adr/0001-use-x.md"
    first.write_text(adr.format(status="proposed", title="Use X",
                                extra="owner: ann\napprovals:\n  - {by: bo, date: 2026-01-09}\n"))
    (tmp_path / "adr/0002-use-y.md").write_text(
        adr.format(status="accepted", title="Use Y", extra="owners: [cy, '<i>dee</i>']\nreview_by: 2027-01-01\n"))
    (tmp_path / "adr/0003-use-z.md").write_text(adr.format(status="accepted", title="Use Z", extra="review_by: 2028-01-01\n"))
    rfc = "---\nstatus: in-review\ndate: 2026-12-01\nauthors: [bo]\ncomment_until: {until}\n---\n# {title}\n\n## Summary\n\nText.\n"
    (tmp_path / "rfc/0001-schema.md").write_text(rfc.format(until="2027-01-20", title="Schema"))
    (tmp_path / "rfc/0002-late.md").write_text(rfc.format(until="2027-01-10", title="Late"))
    (tmp_path / "src/app.py").write_text("import queue\n\nQUEUE = queue.Queue()  # ADR-0001\n")
    git(tmp_path, "init", "-q", "-b", "main")
    commit(tmp_path, "propose", "2026-01-10T09:00:00+00:00")
    first.write_text(first.read_text().replace("proposed", "accepted"))
    commit(tmp_path, "accept ADR-0001", "2026-02-01T09:00:00+00:00")
    return run_build(tmp_path / "mkdocs.yml", strict=False)  # ADR-0002's review and RFC-0002's period are over


def _text(element) -> str:
    return " ".join(element.get_text(" ").split())


def test_the_index_shows_owner_and_review_columns_and_what_is_due(governed_site):
    from test_plugin import soup

    page = soup(governed_site / "adr/index.html")
    assert [_text(th) for th in page.select(".decisions-table th")] == [
        "Id", "Title", "Status", "Date", "Owner", "Review by", "Tags"]
    rows = {row["data-id"]: row for row in page.select(".decisions-table tbody tr")}
    assert [[_text(td) for td in row.select("td")] for row in rows.values()] == [
        ["ADR-0001", "Use X", "accepted", "2026-01-10", "ann", "2027-02-01 due", ""],
        ["ADR-0002", "Use Y", "accepted", "2026-01-10", "cy, <i>dee</i>", "2027-01-01 due", ""],
        ["ADR-0003", "Use Z", "accepted", "2026-01-10", "", "2028-01-01", ""],
    ]
    assert [row["data-state"] for row in rows.values()] == ["due", "due", ""]
    assert page.select(".decisions-table i") == []  # an owner's markup is text
    assert [_text(option) for option in page.select('select[data-filter="state"] option')] == ["all", "due for review"]
    assert page.select(".decisions-open") == []


def test_an_rfc_index_lists_what_is_open_for_comment_with_the_days_left(governed_site):
    from test_plugin import soup

    page = soup(governed_site / "rfc/index.html")
    assert [_text(item) for item in page.select(".decisions-open li")] == [
        "RFC-0001: Schema in-review comments until 2027-01-20 (5 days left)"]
    assert [_text(th) for th in page.select(".decisions-table th")] == ["Id", "Title", "Status", "Date", "Tags"]
    assert [row["data-state"] for row in page.select(".decisions-table tbody tr")] == ["open", ""]
    assert [_text(option) for option in page.select('select[data-filter="state"] option')] == ["all", "open for comment"]


def test_the_in_force_page_lists_what_is_due_for_review_soonest_first(governed_site):
    from test_plugin import soup

    page = soup(governed_site / "in-force/index.html")
    assert [_text(item) for item in page.select(".decisions-due-list li")] == [
        "ADR-0002: Use Y accepted review by 2027-01-01 (overdue by 14 days)",
        "ADR-0001: Use X accepted review by 2027-02-01 (due in 17 days)",
    ]


def _card(page) -> dict[str, str]:
    return {_text(entry.dt): _text(entry.dd) for entry in page.select(".decisions-card > div")}


def test_record_pages_show_owner_review_approvals_comment_period_and_citations(governed_site):
    from test_plugin import soup

    first = soup(governed_site / "adr/0001-use-x/index.html")
    card = _card(first)
    assert (card["Owner"], card["Review by"], card["Approved by"]) == ("ann", "2027-02-01", "bo (2026-01-09)")
    assert [(a["href"], _text(a)) for a in first.select(".decisions-citations a")] == [
        ("https://github.com/acme/g/blob/main/src/app.py#L3", "src/app.py:3")]
    second = _card(soup(governed_site / "adr/0002-use-y/index.html"))
    assert (second["Owners"], second["Review by"]) == ("cy, <i>dee</i>", "2027-01-01 overdue")
    assert "Approved by" not in second
    assert soup(governed_site / "adr/0002-use-y/index.html").select(".decisions-citations") == []
    assert _card(soup(governed_site / "rfc/0001-schema/index.html"))["Comments until"] == "2027-01-20 (5 days left)"
    assert _card(soup(governed_site / "rfc/0002-late/index.html"))["Comments until"] == "2027-01-10 (closed)"


def test_decisions_json_and_the_feed_carry_the_governance(governed_site):
    records = {record["id"]: record for record in json.loads((governed_site / "decisions.json").read_text())["records"]}
    assert {key: records["ADR-0001"][key] for key in ("owners", "review_by", "approvals", "cited_at")} == {
        "owners": ["ann"], "review_by": "2027-02-01", "approvals": [{"by": "bo", "date": "2026-01-09"}],
        "cited_at": [{"path": "src/app.py", "line": 3}]}
    assert records["RFC-0001"]["comment_until"] == "2027-01-20"
    assert not {"owners", "review_by", "approvals", "cited_at", "comment_until"} & set(records["ADR-0003"]) - {"review_by"}
    feed = (governed_site / "decisions.atom").read_text()
    assert "<title>RFC-0001 open for comment until 2027-01-20: Schema</title>" in feed
    assert "<title>RFC-0002 open for comment until 2027-01-10: Late</title>" in feed


def test_without_a_repository_viewer_citations_are_text(governed_site):
    from test_plugin import run_build, soup

    config = governed_site.parent / "mkdocs.yml"
    config.write_text(config.read_text().replace("repo_url: https://github.com/acme/g\n", ""))
    page = soup(run_build(config, strict=False) / "adr/0001-use-x/index.html")
    assert page.select(".decisions-citations a") == []
    assert [_text(item) for item in page.select(".decisions-citations li")] == ["src/app.py:3"]


def test_a_site_without_governance_shows_none_of_it(tmp_path):
    from test_plugin import make_site, run_build, soup

    (tmp_path / "adr").mkdir()
    (tmp_path / "adr/0001-use-x.md").write_text("---\nstatus: accepted\ndate: 2026-01-10\ndeciders: [ann]\n---\n# X\n\nText.\n")
    site = run_build(make_site(tmp_path))
    index = soup(site / "adr/index.html")
    assert [_text(th) for th in index.select(".decisions-table th")] == ["Id", "Title", "Status", "Date", "Tags"]
    assert index.select('select[data-filter="state"]') == index.select(".decisions-open") == []
    assert soup(site / "in-force/index.html").select(".decisions-due-list") == []
    assert set(_card(soup(site / "adr/0001-use-x/index.html"))) == {"Id", "Status", "Date", "Deciders"}


def test_generated_pages_link_citations_as_the_plugin_does_with_mkdocs_default_edit_uri(governed_site):
    """Without `edit_uri`, MkDocs' default for GitHub (edit/master/docs/) says where the
    repository's files are: the plugin's page and `decisions generate`'s link to the same line."""
    from test_plugin import run_build, soup

    config = governed_site.parent / "mkdocs.yml"
    config.write_text(config.read_text().replace("edit_uri: edit/main/docs/\n", ""))
    expected = [("https://github.com/acme/g/blob/master/src/app.py#L3", "src/app.py:3")]
    page = soup(run_build(config, strict=False) / "adr/0001-use-x/index.html")
    assert [(a["href"], _text(a)) for a in page.select(".decisions-citations a")] == expected
    result = decisions("generate", cwd=config.parent)
    assert result.returncode == 0, result.stderr
    generated = soup(config.parent / "docs/decisions/adr/0001-use-x/index.md")
    assert [(a["href"], _text(a)) for a in generated.select(".decisions-citations a")] == expected


def test_madr_bullets_and_bold_inline_fields_carry_governance_too(tmp_path):
    """`* Owners: Ann, Cy` and `* Review by: ...` in MADR's list, `**Owner**: Dee` under an
    inline-fields title: the same facts as in our frontmatter, told at their own lines."""
    (tmp_path / "adr").mkdir()
    (tmp_path / "adr/0001-use-y.md").write_text(
        "# Use Y\n\n* Status: accepted\n* Deciders: Ann, Bo\n* Date: 2025-01-10\n* Owners: Ann, Cy\n"
        "* Review by: 2026-01-01\n\n## Context and Problem Statement\n\nText.\n\n## Decision Outcome\n\nChosen option: Y.\n")
    (tmp_path / "adr/0002-use-z.md").write_text(
        "# 2. Use Z\n\n**Status**: Proposed\n**Date**: 2025-01-10\n**Deciders**: Ann\n**Owner**: Dee\n"
        "**Comments until**: 2027-01-20\n\n## Context\n\nText.\n")
    result = decisions("review", "--today", "2027-01-15", "--due-within", "1w", "--format", "json", cwd=tmp_path)
    assert [(item["id"], item["what"], item["date"]) for item in json.loads(result.stdout)["due"]] == [
        ("ADR-0001", "review", "2026-01-01"), ("ADR-0002", "comment period", "2027-01-20")]
    lint = decisions("lint", "--today", "2027-01-15", "--select", "review-due", cwd=tmp_path)
    assert lint.stdout.startswith("adr/0001-use-y.md:7:14: warning review-due: ADR-0001 was due for review on 2026-01-01")
    from mkdocs_decisions.archive import Archive
    from mkdocs_decisions.config import Settings

    records = Archive.load(Settings.from_mapping({}, tmp_path)).by_id
    assert (records["ADR-0001"].people("owners"), records["ADR-0002"].people("owner")) == (["Ann", "Cy"], ["Dee"])
