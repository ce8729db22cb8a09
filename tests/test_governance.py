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


@pytest.mark.parametrize(("args", "message"), [
    (("--due-within", "soon"), "--due-within soon: write a number of days or weeks, e.g. 30d or 6w"),
    (("--today", "2027-13-01"), "--today 2027-13-01: not a date; write it as year-month-day, e.g. 2026-03-01"),
])
def test_review_says_what_it_cannot_read(governed, args, message):
    result = decisions("review", *args, cwd=governed)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"decisions: error: {message}\n")
