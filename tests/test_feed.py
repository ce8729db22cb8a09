"""decisions.atom: valid RFC 4287 whatever the records hold, and read by a real feed reader.

The sites are built by MkDocs from git repositories made here, with titles,
names, file names and commit messages that hold markup, `&`, quotes, `]]>`,
characters XML forbids, and non-ASCII. The expected values are written out
below, not computed by the code under test.
"""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import feedparser
import pytest

from test_history import commit, git
from test_plugin import make_site, run_build

from mkdocs_decisions.render.feed import _rfc3339, atom, instant

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

ATOM = "{http://www.w3.org/2005/Atom}"
SITE_NAME = "Test & <Co> ]]> \"Ltd\""
SITE_AUTHOR = "Ops <ops@example.invalid> & 'friends'"
#: RFC 3339's date-time, upper-case T and Z as RFC 4287 asks
RFC_3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
#: an absolute IRI (RFC 3987): a scheme, then no character an IRI may not hold, and only whole escapes
ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:(?:[^\x00-\x20\"<>\\^`{|}\x7f-\x9f%]|%[0-9A-Fa-f]{2})+")
#: a URN (RFC 8141): the namespace specific string is pchars and "/"
URN = re.compile(r"urn:[A-Za-z0-9][A-Za-z0-9-]{0,30}[A-Za-z0-9]:(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})+")


def record(frontmatter: str, heading: str = "A decision") -> str:
    return f"---\n{frontmatter}---\n# {heading}\n\n## Context\n\nOrders arrive in bursts.\n"


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """Four records: one with authors, one with deciders only, one with
    decision-makers only, one with neither; a file name that makes an id with spaces."""
    root = tmp_path / "repo"
    (root / "adr").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    (root / "adr" / "0001-hostile.md").write_text(record(
        'status: accepted\ndate: 2026-01-10\n'
        "title: \"Use <b>Kafka</b> & \\\"queues\\\" 'n' ]]> Zoë \\x01\\x0b\\x1f\\uFFFE end\"\n"
        'authors: ["Zoë <zoe@example.invalid>", "Bob & \\"Co\\" ]]>\\x02"]\n'
        "deciders: [alice]\n"
    ))
    (root / "adr" / "0002-deciders.md").write_text(record(
        "status: proposed\ndate: 2026-01-10\ndeciders: [\"Dan ]]> O'Neil\", carol]\n", "Deciders <only> & co"
    ))
    (root / "adr" / "0003-makers.md").write_text(record(
        "status: proposed\ndate: 2026-01-10\ndecision-makers: [Erin & Ümit]\n", "Makers"
    ))
    (root / "adr" / "0004-nobody.md").write_text(record("status: proposed\ndate: 2026-01-10\n", "Nobody's"))
    (root / "adr" / "20260110-Odd name & co.md").write_text(record(
        "status: accepted\ndate: 2026-01-10\ndeciders: [bob]\n", "Odd"
    ))
    commit(root, "Add <records> & \"quotes\" ]]> \x07", "2026-01-10T12:00:00+01:00")
    deciders = root / "adr" / "0002-deciders.md"
    deciders.write_text(deciders.read_text().replace("status: proposed", "status: accepted"))
    # later than 12:00+01:00, though it sorts before it as text
    commit(root, "Accept", "2026-01-10T11:30:00+00:00")
    return root


def build(root: Path, site_author: str | None = SITE_AUTHOR) -> Path:
    config = make_site(root, extra=f"site_author: {quoted(site_author)}\n" if site_author else "")
    config.write_text(config.read_text().replace("site_name: Test\n", f"site_name: {quoted(SITE_NAME)}\n"))
    return run_build(config) / "decisions.atom"


def quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def commits(root: Path) -> list[str]:
    """The repository's commits, oldest first."""
    log = subprocess.run(["git", "-C", str(root), "log", "--reverse", "--format=%H"],
                         check=True, capture_output=True, text=True)
    return log.stdout.split()


def check_rfc_4287(feed_file: Path) -> ElementTree.Element:
    """The feed, after checking the MUSTs of RFC 4287 that our feed can break."""
    data = feed_file.read_bytes()
    assert data.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    data.decode("utf-8")  # strictly
    feed = ElementTree.fromstring(data)
    assert feed.tag == f"{ATOM}feed"

    def one(element: ElementTree.Element, name: str) -> str:
        found = element.findall(f"{ATOM}{name}")
        assert len(found) == 1, (name, len(found))
        return found[0].text or ""

    def authors(element: ElementTree.Element) -> list[str]:
        found = element.findall(f"{ATOM}author")
        for author in found:
            assert len(author.findall(f"{ATOM}name")) == 1
            assert (author.find(f"{ATOM}name").text or "").strip()
        return found

    assert ABSOLUTE_IRI.fullmatch(one(feed, "id"))
    assert one(feed, "title").strip()
    assert RFC_3339.fullmatch(one(feed, "updated"))
    entries = feed.findall(f"{ATOM}entry")
    assert authors(feed) or all(entry.findall(f"{ATOM}author") for entry in entries)
    assert [link.get("rel") for link in feed.findall(f"{ATOM}link")] == ["self"]
    for entry in entries:
        entry_id = one(entry, "id")
        assert ABSOLUTE_IRI.fullmatch(entry_id), entry_id
        assert not entry_id.startswith("urn:") or URN.fullmatch(entry_id), entry_id
        assert one(entry, "title").strip()
        assert RFC_3339.fullmatch(one(entry, "updated"))
        assert authors(entry)
        alternates = [link for link in entry.findall(f"{ATOM}link") if link.get("rel") == "alternate"]
        assert len(alternates) == 1 and ABSOLUTE_IRI.fullmatch(alternates[0].get("href"))
        assert len(entry.findall(f"{ATOM}summary")) <= 1
    ids = [entry.find(f"{ATOM}id").text for entry in entries]
    assert len(set(ids)) == len(ids)
    return feed


def test_a_feed_reader_reads_every_entry_as_the_records_say(repository):
    feed_file = build(repository)
    first, accepted = commits(repository)
    parsed = feedparser.parse(feed_file.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title == 'Test & <Co> ]]> "Ltd": decisions'
    assert parsed.feed.id == "https://example.invalid/decisions.atom"
    assert parsed.feed.author == SITE_AUTHOR
    # the newest instant, not the greatest text
    assert parsed.feed.updated == "2026-01-10T11:30:00+00:00"
    entries = [
        (e.title, [a.name for a in e.authors], e.link, e.id, e.updated, e.summary)
        for e in parsed.entries
    ]
    added = 'Add <records> & "quotes" ]]>'
    assert entries == [
        ("ADR-0002 accepted: Deciders <only> & co", ["Dan ]]> O'Neil", "carol"],
         "https://example.invalid/adr/0002-deciders/", f"urn:mkdocs-decisions:ADR-0002:accepted:{accepted}",
         "2026-01-10T11:30:00+00:00", "Accept"),
        ("ADR-20260110-odd name & co new record: Odd", ["bob"],
         "https://example.invalid/adr/20260110-Odd%20name%20%26%20co/",
         f"urn:mkdocs-decisions:ADR-20260110-odd%20name%20&%20co:new:{first}",
         "2026-01-10T12:00:00+01:00", added),
        ("ADR-0004 new record: Nobody's", [SITE_AUTHOR],
         "https://example.invalid/adr/0004-nobody/", f"urn:mkdocs-decisions:ADR-0004:new:{first}",
         "2026-01-10T12:00:00+01:00", added),
        ("ADR-0003 new record: Makers", ["Erin & Ümit"],
         "https://example.invalid/adr/0003-makers/", f"urn:mkdocs-decisions:ADR-0003:new:{first}",
         "2026-01-10T12:00:00+01:00", added),
        ("ADR-0002 new record: Deciders <only> & co", ["Dan ]]> O'Neil", "carol"],
         "https://example.invalid/adr/0002-deciders/", f"urn:mkdocs-decisions:ADR-0002:new:{first}",
         "2026-01-10T12:00:00+01:00", added),
        ("ADR-0001 new record: Use <b>Kafka</b> & \"queues\" 'n' ]]> Zoë  end",
         ["Zoë <zoe@example.invalid>", 'Bob & "Co" ]]>'],
         "https://example.invalid/adr/0001-hostile/", f"urn:mkdocs-decisions:ADR-0001:new:{first}",
         "2026-01-10T12:00:00+01:00", added),
    ]


def test_the_feed_meets_rfc_4287(repository):
    feed = check_rfc_4287(build(repository))
    assert len(feed.findall(f"{ATOM}entry")) == 6


def test_without_site_author_the_site_name_is_the_author_and_ids_stay(repository):
    before = [e.id for e in feedparser.parse(build(repository).read_bytes()).entries]
    feed_file = build(repository, site_author=None)
    check_rfc_4287(feed_file)
    parsed = feedparser.parse(feed_file.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.author == SITE_NAME
    nobody = [e for e in parsed.entries if e.link == "https://example.invalid/adr/0004-nobody/"]
    assert [[a.name for a in e.authors] for e in nobody] == [[SITE_NAME]]
    assert [e.id for e in parsed.entries] == before


def test_a_feed_with_no_entries_still_has_an_author(tmp_path):
    root = tmp_path / "repo"
    (root / "docs").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    (root / "docs" / "index.md").write_text("# Home\n")
    commit(root, "Start", "2026-01-10T12:00:00+01:00")
    (root / "adr").mkdir()
    (root / "adr" / "0001-draft.md").write_text(record("status: proposed\ndate: 2026-01-10\n"))  # not committed
    feed_file = build(root)
    feed = check_rfc_4287(feed_file)
    assert feed.findall(f"{ATOM}entry") == []
    parsed = feedparser.parse(feed_file.read_bytes())
    assert not parsed.bozo and parsed.feed.author == SITE_AUTHOR


# -- the feed's dates and base URL, without a build ----------------------------


def test_git_dates_become_aware_instants():
    utc = datetime.timezone.utc
    assert instant("2026-01-10T12:00:00Z") == datetime.datetime(2026, 1, 10, 12, tzinfo=utc)
    naive = instant(" 2026-01-10T12:00:00 ")  # no offset: read as UTC
    assert naive == datetime.datetime(2026, 1, 10, 12, tzinfo=utc) and naive.tzinfo is utc
    assert instant("yesterday") is None and instant(None) is None


def test_an_offset_in_seconds_becomes_utc_whatever_the_local_zone(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Kolkata")  # +05:30, so a local conversion would show
    time.tzset()
    try:
        assert _rfc3339("2026-01-10T12:00:00+01:00:30") == "2026-01-10T10:59:30+00:00"
        assert _rfc3339("2026-01-10T12:00:00+01:00") == "2026-01-10T12:00:00+01:00"
        assert _rfc3339("never") is None
    finally:
        monkeypatch.undo()
        time.tzset()


def test_the_feed_holds_the_latest_fifty_events_under_a_base_url_without_slash():
    events = [
        {"id": f"ADR-{n:04d}", "kind": "new", "commit": f"c{n}", "date": "2026-01-10T12:00:00+00:00",
         "title": "T", "subject": "S", "site_url": f"adr/{n:04d}/"}
        for n in range(1, 52)
    ]
    feed = ElementTree.fromstring(atom(events, "https://example.org/docs", "Site", "Ops"))
    assert len(feed.findall(f"{ATOM}entry")) == 50
    assert feed.find(f"{ATOM}id").text == "https://example.org/docs/decisions.atom"
    assert feed.find(f"{ATOM}entry/{ATOM}link").get("href") == "https://example.org/docs/adr/0001/"


def test_the_feed_text_has_no_stray_text_and_falls_back_to_stable_names():
    event = {"id": "ADR-0001", "kind": "new", "commit": "c1", "date": "2026-01-10T12:00:00+00:00",
             "title": "T", "subject": "S", "site_url": "adr/0001/"}
    text = atom([event], "", " ", "\x01")  # no site URL; author and title blank once XML's forbidden characters go
    lines = text.splitlines()
    assert all(line.strip().startswith("<") and line.strip().endswith(">") for line in lines)
    assert all(line.startswith("  <") or line.startswith("    <") for line in lines[2:-1])
    assert "\n  <entry>\n" in text and "\n  </entry>\n" in text
    assert "\n  <author><name>unknown</name></author>\n" in text
    assert "\n    <author><name>unknown</name></author>\n" in text
    assert "\n  <id>urn:mkdocs-decisions:feed</id>\n" in text
    spaced = ElementTree.fromstring(atom([event], "https://example.org/my docs/", "Site", "Ops"))
    assert spaced.find(f"{ATOM}id").text == "https://example.org/my%20docs/decisions.atom"
    assert spaced.find(f"{ATOM}entry/{ATOM}link").get("href") == "https://example.org/my%20docs/adr/0001/"


def test_each_entry_says_what_happened_to_which_record_and_who_wrote_it():
    """A reader sees each entry's record, event and title, its authors, a stable
    id per (record, event, commit), and the feed's newest instant, all escaped."""
    events = [
        {"id": "ADR-0002", "kind": "accepted", "commit": "c2", "date": "2026-01-10T11:30:00+00:00",
         "title": "Use <queues> & retries", "subject": "Accept the queue record", "site_url": "adr/0002-queues/",
         "authors": ["Ann Example", " ", "\x01"]},
        {"id": "ADR-20260110-odd name & co:@x", "kind": "new", "commit": "c1", "date": "2026-01-10T12:00:00+01:00",
         "title": "Odd", "subject": "Add records", "site_url": "adr/odd\x85name/"},
    ]
    feed = ElementTree.fromstring(atom(events, "https://example.org/", "Site & Co", "Ops"))
    assert feed.find(f"{ATOM}title").text == "Site & Co"
    # 12:00+01:00 is 11:00 UTC, earlier than 11:30+00:00, though it sorts after it as text
    assert feed.find(f"{ATOM}updated").text == "2026-01-10T11:30:00+00:00"
    entries = [
        (e.find(f"{ATOM}id").text, e.find(f"{ATOM}title").text, e.find(f"{ATOM}updated").text,
         [a.text for a in e.findall(f"{ATOM}author/{ATOM}name")], e.find(f"{ATOM}link").get("href"),
         e.find(f"{ATOM}summary").text)
        for e in feed.findall(f"{ATOM}entry")
    ]
    assert entries == [
        ("urn:mkdocs-decisions:ADR-0002:accepted:c2", "ADR-0002 accepted: Use <queues> & retries",
         "2026-01-10T11:30:00+00:00", ["Ann Example"], "https://example.org/adr/0002-queues/",
         "Accept the queue record"),
        # sub-delims and `@` stay as they are in a URN; a space and `:` are escaped; a C1 control by its UTF-8 bytes
        ("urn:mkdocs-decisions:ADR-20260110-odd%20name%20&%20co%3A@x:new:c1",
         "ADR-20260110-odd name & co:@x new record: Odd", "2026-01-10T12:00:00+01:00", ["Ops"],
         "https://example.org/adr/odd%C2%85name/", "Add records"),
    ]
