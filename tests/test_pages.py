"""Record headers and footers: made in Python, or by a site's own template.

The plugin writes a record's banner, card, lineage, status history and
backlinks with f-strings (ADR-0014); a site that puts
`decisions/record-header.html` or `decisions/record-footer.html` in its
theme's `custom_dir` gets them from that template instead. The templates in
docs/custom-templates/ (`.txt`, so that the site shows them as text) are the
starting point the docs offer for such a file, so they must make exactly
what the plugin makes: these tests render both, for archives whose every
value is arbitrary text, and compare.
"""

from __future__ import annotations

import datetime
import json
import tempfile
from pathlib import Path

import jinja2
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import REPO, accepted_adr, decisions

import mkdocs_decisions.render.pages as pages_module
from mkdocs_decisions.archive import Archive
from mkdocs_decisions.governance import Citation
from mkdocs_decisions.config import Settings
from mkdocs_decisions.history import Change, History, RecordHistory
from mkdocs_decisions.render.pages import SitePages, template_loader

DOCS_TEMPLATES = REPO / "docs" / "custom-templates"
STATUSES = ["proposed", "accepted", "superseded", "deprecated", "rejected", 'odd <"status">']
# any text YAML can hold (no surrogates or control characters, which the reader
# refuses), with the characters HTML escapes drawn often
TEXT = st.text(st.one_of(st.sampled_from("<>&\"' "), st.characters(blacklist_categories=("Cs", "Cc"))), max_size=12)


URL = st.one_of(TEXT, st.sampled_from(["https://example.org/?a=1&b=2", "javascript:alert(1)", " JaVa\tScRiPt:x", "../0001-record/"]))


def environments() -> tuple[jinja2.Environment, jinja2.Environment]:
    """(ours, a site's): the plain environment, and one whose theme has the docs' templates."""
    ours = jinja2.Environment(loader=template_loader())
    names = ("record-header.html", "record-footer.html")
    docs = jinja2.DictLoader({f"decisions/{name}": (DOCS_TEMPLATES / f"{name}.txt").read_text() for name in names})
    theirs = jinja2.Environment(loader=jinja2.ChoiceLoader([docs, template_loader()]))
    return ours, theirs


record_specs = st.lists(
    st.fixed_dictionaries(
        {
            "title": TEXT,
            "status": st.sampled_from(STATUSES),
            "date": st.sampled_from([None, "2026-01-05", "2025-12-31"]),
            "people": st.lists(TEXT, max_size=3),
            "tags": st.lists(TEXT, max_size=3),
            "supersedes": st.integers(0, 6),  # the record of that number, if it comes earlier
            "amends": st.integers(0, 6),
            "mentions": st.lists(st.integers(1, 6), max_size=3),
            "history": st.booleans(),
            # URLs both safe and not, plain or as {title, url}
            "links": st.lists(
                st.one_of(URL, st.fixed_dictionaries({"title": TEXT, "url": URL})), max_size=3
            ),
            # governance, on 2026-01-10 (the archive's today below): past, today, tomorrow, later
            "owners": st.lists(TEXT, max_size=2),
            "review_by": st.sampled_from([None, "2026-01-05", "2026-01-10", "2026-03-01"]),
            "comment_until": st.sampled_from([None, "2026-01-05", "2026-01-10", "2026-01-11", "2026-02-01"]),
            "approvals": st.lists(st.tuples(TEXT, st.sampled_from([None, "2026-01-02"])), max_size=2),
            "cited_at": st.lists(st.tuples(TEXT, st.integers(1, 99)), max_size=3),
        }
    ),
    min_size=1,
    max_size=6,
)


def write_archive(root: Path, specs: list[dict]) -> None:
    (root / "adr").mkdir()
    for number, spec in enumerate(specs, start=1):
        lines = [f"status: {json.dumps(spec['status'])}", f"title: {json.dumps(spec['title'])}"]
        if spec["date"]:
            lines.append(f"date: {spec['date']}")
        if spec["people"]:
            lines.append(f"deciders: {json.dumps(spec['people'])}")
        if spec["tags"]:
            lines.append(f"tags: {json.dumps(spec['tags'])}")
        for relation in ("supersedes", "amends"):
            if 0 < spec[relation] < number:
                lines.append(f"{relation}: ADR-{spec[relation]:04d}")
        if spec["links"]:
            lines.append(f"links: {json.dumps(spec['links'])}")
            lines.append(f"technical_story: {json.dumps(spec['links'][0])}")
        if spec["owners"]:
            lines.append(f"owners: {json.dumps(spec['owners'])}")
        for key in ("review_by", "comment_until"):
            if spec[key]:
                lines.append(f"{key}: {spec[key]}")
        if spec["approvals"]:
            approvals = [{"by": by, **({"date": date} if date else {})} for by, date in spec["approvals"]]
            lines.append(f"approvals: {json.dumps(approvals)}")
        prose = " ".join(f"See ADR-{n:04d}." for n in spec["mentions"])
        text = "---\n" + "\n".join(lines) + f"\n---\n\n{prose}\n"
        (root / "adr" / f"{number:04d}-record.md").write_text(text, encoding="utf-8")


def history_of(archive: Archive, specs: list[dict]) -> History:
    """Status history for the records whose spec asks for one, with text from the spec."""
    records = {}
    for record, spec in zip(archive.records, specs):
        if spec["history"]:
            change = Change("0123456789abcdef", "2026-02-03T04:05:06+00:00", f"Set {spec['title']}")
            records[record.path] = RecordHistory(change, change, [("proposed", change), (spec["status"], change)])
    return History(records)


def citations_of(archive: Archive, specs: list[dict]) -> list[Citation]:
    return [Citation(path, line, 1, record.id, record.id) for record, spec in zip(archive.records, specs)
            for path, line in spec["cited_at"]]


def code_link(path: str, line: int) -> str | None:
    """A viewer's URL for odd lines, none for even ones (as without `repo_url`); some unsafe."""
    return None if line % 2 == 0 else f"https://example.org/{path}#L{line}" if line % 3 else f"javascript:{path}"


def _spec(status: str, **governance) -> dict:
    plain = dict(title="T", status=status, date=None, people=[], tags=[], supersedes=0, amends=0, mentions=[],
                 history=False, links=[], owners=[], review_by=None, comment_until=None, approvals=[], cited_at=[])
    return {**plain, **governance}


#: every governance case at least once: each comment period's state, each review's, one and two
#: owners, approvals with and without a date, citations linked, unlinked, unsafe and past the limit
EVERY_GOVERNANCE_CASE = [
    *(_spec("proposed", comment_until=date) for date in ("2026-01-05", "2026-01-10", "2026-01-11", "2026-02-01")),
    _spec("accepted", review_by="2026-01-05", owners=["a"], approvals=[("b", "2026-01-02"), ("c", None)]),
    _spec("accepted", review_by="2026-03-01", owners=["a", "<b>"], cited_at=[("x.py", 1), ("y.py", 2), ("z.py", 3)]),
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record_specs)
@example(EVERY_GOVERNANCE_CASE)
def test_the_docs_templates_make_what_the_plugin_makes(specs):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_archive(root, specs)
        archive = Archive.load(Settings.from_mapping({}, root), today=datetime.date(2026, 1, 10))
    assert len(archive.records) == len(specs)
    urls = {record.path: f"adr/{record.slug}/" for record in archive.records}
    history = history_of(archive, specs)
    ours, theirs = environments()
    cited = citations_of(archive, specs)
    plain, custom = (SitePages(archive, urls, env, history, citations=cited, code_link=code_link)
                     for env in (ours, theirs))
    shown = pages_module.MOST_CITATIONS_SHOWN
    pages_module.MOST_CITATIONS_SHOWN = 2  # so that "and N more" is made too
    try:
        _compare(archive, urls, plain, custom)
    finally:
        pages_module.MOST_CITATIONS_SHOWN = shown


def _compare(archive: Archive, urls: dict[str, str], plain: SitePages, custom: SitePages) -> None:
    for record in archive.records:
        url = urls[record.path]
        lineage = plain.lineage(record, url)
        assert custom.record_header(record, url) == plain.record_header(record, url)
        assert custom.record_header(record, url, card=False) == plain.record_header(record, url, card=False)
        assert custom.record_footer(record, url, lineage) == plain.record_footer(record, url, lineage)


def test_a_site_template_is_used_when_there_is_one(tmp_path):
    """The comparison above means something only if the site's template is the one rendered."""
    write_archive(tmp_path, [_spec("accepted", title="One")])
    archive = Archive.load(Settings.from_mapping({}, tmp_path))
    record = archive.records[0]
    loader = jinja2.DictLoader({"decisions/record-header.html": "[{{ record.title }}]",
                                "decisions/record-footer.html": "({{ backlinks | length }})"})
    env = jinja2.Environment(loader=jinja2.ChoiceLoader([loader, template_loader()]))
    pages = SitePages(archive, {record.path: "adr/one/"}, env)
    assert pages.record_header(record, "adr/one/") == "[One]"
    assert pages.record_footer(record, "adr/one/") == "(0)"


def test_a_proposed_successor_is_not_shown_as_having_superseded(tmp_path):
    """After `decisions new --supersedes`, the old record (still accepted) names
    its successor, which is only proposed: its page says so."""
    (tmp_path / "adr").mkdir()
    (tmp_path / "adr" / "0001-use-queues.md").write_text(accepted_adr("Use queues"))
    new = decisions("new", "adr", "Use Kafka", "--supersedes", "ADR-0001", "--author", "Ann", cwd=tmp_path)
    assert new.returncode == 0, new.stderr
    settings = Settings.from_mapping({"history": False}, tmp_path)
    archive = Archive.load(settings)
    urls = {r.path: f"adr/{r.slug}/" for r in archive.records}
    pages = SitePages(archive, urls, jinja2.Environment(loader=template_loader()))
    old = archive.by_id["ADR-0001"]
    footer = pages.record_footer(old, urls[old.path])
    assert "<h3>Proposed to be superseded by</h3>" in footer and "<h3>Superseded by</h3>" not in footer
