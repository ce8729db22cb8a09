"""The presets for big projects' RFC processes (PEP, KEP, TEP), on archives
written here in each process's own format; the real samples are in test_formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import decisions
from test_plugin import run_build, soup

from mkdocs_decisions.archive import Archive
from mkdocs_decisions.config import ConfigError, Settings, load_settings


def project(root: Path, kinds: str, files: dict[str, str]) -> Path:
    (root / "mkdocs.yml").write_text(f"site_name: P\nplugins:\n  - decisions:\n      kinds: {kinds}\n")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Home\n")
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    return root


def findings(root: Path) -> list[tuple[str, int, int, str, str]]:
    result = decisions("lint", "--format", "json", cwd=root)
    assert result.returncode in (0, 1), result.stderr
    return [(d["path"], d["line"], d["column"], d["rule"], d["message"]) for d in json.loads(result.stdout)["diagnostics"]]


def pep(number: int, status: str, extra: str = "", created: str = "05-Sep-2017") -> str:
    return (
        f"PEP: {number}\nTitle: Proposal {number}\nAuthor: Ann Example <ann@example.org>,\n"
        f"        Bo Example <bo@example.org>\nStatus: {status}\nType: Standards Track\n"
        f"Created: {created}\n{extra}\n\nAbstract\n========\n\nWhat it proposes::\n\n    {{x, y}}\n"
    )


PEPS = {
    "peps/pep-0001.rst": pep(1, "Superseded", "Superseded-By: 2"),
    "peps/pep-0002.rst": pep(2, "Final", "Replaces: 1\nRequires: 3"),
    "peps/pep-0003.rst": pep(3, "Superseded", "Superseded-By: 4"),
    "peps/pep-0004.rst": pep(4, "Draft", created="31-Feb-2020"),
    "peps/pep-0005.rst": pep(5, "Acepted", "Post-History: 01-Jan-2020,\n              02-Feb-2020"),
}


def test_only_files_named_like_peps_are_records(tmp_path):
    files = {**PEPS, "peps/contents.rst": "Index\n=====\n", "peps/pep-0005/appendix-a.rst": "Appendix\n",
             "peps/pep-0012/pep-NNNN.rst": pep(9999, "Draft").replace("PEP: 9999", "PEP: <REQUIRED: pep number>")}
    root = project(tmp_path, "{pep: {preset: pep}}", files)
    archive = Archive.load(load_settings(None, root))
    assert sorted(r.path for r in archive.records) == sorted(PEPS)
    result = decisions("lint", "--explain", "peps/contents.rst", cwd=root)
    assert result.stderr == ("decisions: error: peps/contents.rst: not read as a record: pep records are named "
                             "like 'pep-[0-9]*' (the kind's 'files')\n")
    site = run_build(root / "mkdocs.yml", strict=False)
    assert (site / "pep" / "pep-0005" / "appendix-a.rst").is_file()  # kept beside its PEP, which links to it


def test_pep_headers_are_read_with_their_positions(tmp_path):
    root = project(tmp_path, "{pep: {preset: pep}}", PEPS)
    archive = Archive.load(load_settings(None, root))
    first = archive.by_id["PEP-0001"]
    assert (first.format, first.title, first.status, first.date) == ("pep", "Proposal 1", "superseded", "2017-09-05")
    assert first.people("authors") == ["Ann Example <ann@example.org>", "Bo Example <bo@example.org>"]
    assert [s.position for s in first.fields["authors"].item_spans] == [(3, 9), (4, 9)]
    assert first.people("tags") == ["Standards Track"]
    assert first.body.startswith("Abstract\n========\n")
    second = archive.by_id["PEP-0002"]
    assert {(l.relation, l.target, l.position) for l in second.links} == {
        ("supersedes", "PEP-0001", (8, 11)), ("relates_to", "PEP-0003", (9, 11))}
    assert archive.by_id["PEP-0005"].value("post_history") == ["01-Jan-2020", "02-Feb-2020"]


def test_explain_shows_where_each_pep_header_was_read(tmp_path):
    """Columns are those after `Name: ` (PEP 2's header, above); the second author is on
    line 4, indented; the type is the tag; `Replaces` and `Requires` are links."""
    root = project(tmp_path, "{pep: {preset: pep}}", PEPS)
    result = decisions("lint", "--explain", "peps/pep-0002.rst", cwd=root)
    assert result.stdout == (
        "peps/pep-0002.rst: format pep\n  id: PEP-0002\n  title: Proposal 2\n"
        "  id (1:6): '2'\n  title (2:8): 'Proposal 2'\n"
        "  authors (3:9): ['Ann Example <ann@example.org>', 'Bo Example <bo@example.org>']\n"
        "  status (5:9): 'Final'\n  type (6:7): 'Standards Track'\n  date (7:10): '2017-09-05'\n"
        "  supersedes (8:11): ['1']\n  relates_to (9:11): ['3']\n  tags (6:7): ['Standards Track']\n"
        "  status read as: final\n  link (8:11): supersedes PEP-0001\n  link (9:11): relates_to PEP-0003\n"
    )


def test_a_pep_header_given_twice(tmp_path):
    text = "PEP: 7\nTitle: Two statuses\nStatus: Draft\nAuthor: A\nStatus: Final\nCreated: 01-Jan-2020\n\nText\n"
    root = project(tmp_path, "{pep: {preset: pep}}", {"peps/pep-0007.rst": text})
    assert findings(root) == [
        ("peps/pep-0007.rst", 5, 1, "duplicate-key", "'status' is given twice (first on line 3); keep only one")]
    assert Archive.load(load_settings(None, root)).by_id["PEP-0007"].status == "draft"  # the first one counts


def test_pep_archive_rules(tmp_path):
    root = project(tmp_path, "{pep: {preset: pep}}", PEPS)
    assert findings(root) == [
        ("peps/pep-0003.rst", 8, 16, "one-sided-link", "PEP-0003 is superseded by PEP-0004, but peps/pep-0004.rst "
         "does not say that it supersedes PEP-0003; add 'Replaces: 3' to its header"),
        ("peps/pep-0003.rst", 8, 16, "successor-not-accepted", "superseded by PEP-0004, whose status is 'draft'; this "
         "record stays in force until PEP-0004 is active or accepted or provisional or final"),
        ("peps/pep-0004.rst", 7, 10, "invalid-date", "date '31-Feb-2020' is not a valid ISO 8601 date; write it as "
         "year-month-day, e.g. 2026-03-01"),
        ("peps/pep-0005.rst", 5, 9, "unknown-status", "unknown status 'Acepted' (did you mean 'accepted'?); PEP "
         "statuses are: draft, active, accepted, provisional, deferred, rejected, withdrawn, final, superseded, "
         "april fool!"),
    ]


def test_the_hint_names_pep_0_by_its_number(tmp_path):
    """PEP 0 is a PEP like any other: the hint to name it in a header says 0, not nothing."""
    files = {"peps/pep-0000.rst": pep(0, "Active", "Replaces: 9"), "peps/pep-0009.rst": pep(9, "Final")}
    assert findings(project(tmp_path, "{pep: {preset: pep}}", files)) == [
        ("peps/pep-0000.rst", 8, 11, "one-sided-link", "PEP-0000 supersedes PEP-0009, but peps/pep-0009.rst does "
         "not say that it is superseded by PEP-0000; add 'Superseded-By: 0' to its header"),
        ("peps/pep-0009.rst", 5, 9, "stale-status", "status is 'final' but PEP-0000 replaced this record; set "
         "'status: superseded' (decisions lint --fix does)"),
    ]


def test_the_hint_names_a_record_of_another_kind_in_a_pep_header_by_its_id(tmp_path):
    """Only a PEP goes by its bare number in a PEP header: an ADR that replaces a PEP is named by its id."""
    files = {"peps/pep-0009.rst": pep(9, "Final"),
             "adr/0003-x.md": "---\nstatus: accepted\ndate: 2026-01-10\nsupersedes: [PEP-0009]\n---\n# X\n\nText.\n"}
    found = [f for f in findings(project(tmp_path, "{pep: {preset: pep}, adr: {}}", files)) if f[3] == "one-sided-link"]
    assert found == [("adr/0003-x.md", 4, 14, "one-sided-link", "ADR-0003 supersedes PEP-0009, but peps/pep-0009.rst "
                      "does not say that it is superseded by ADR-0003; add 'ADR-0003' to its 'Superseded-By'")]


def test_pep_without_a_header_is_reported(tmp_path):
    root = project(tmp_path, "{pep: {preset: pep}}", {"peps/pep-0009.rst": "Just text\n\nMore.\n"})
    assert findings(root) == [
        ("peps/pep-0009.rst", 1, 1, "missing-frontmatter", "no PEP header; start the file with header lines such "
         "as 'PEP: 8', 'Title: ...', 'Status: Draft' and 'Created: 05-Jul-2001', then a blank line"),
    ]


def test_pep_index_has_pep_0s_sections_and_a_type_filter(tmp_path):
    root = project(tmp_path, "{pep: {preset: pep}}", PEPS)
    site = run_build(root / "mkdocs.yml", strict=False)
    index = soup(site / "pep" / "index.html")
    sections = [(h["id"], h.get_text(" ", strip=True)) for h in index.select("h2")]
    assert sections == [("open", "Open (1)"), ("finished", "Finished (1)"), ("superseded", "Superseded (2)"),
                        ("other", "Other (1)")]
    assert [o["value"] for o in index.select("select[data-filter=tag] option")] == ["", "Standards Track"]
    page = soup(site / "pep" / "pep-0002" / "index.html")
    assert page.select_one("h1").get_text() == "Abstract"


def kep(number: str, status: str, extra: str = "") -> str:
    return (
        f"title: Proposal {number}\nkep-number: {number.lstrip('0')}\nauthors:\n  - \"@ann\"\nowning-sig: sig-network\n"
        f"reviewers:\n  - TBD\nstatus: {status}\ncreation-date: 2024-01-0{number[-1]}\nreplaces:\n{extra}"
    )


KEPS = {
    "keps/sig-network/0101-first/kep.yaml": kep("0101", "replaced", "superseded-by:\n  - /keps/sig-node/0202-second\n"),
    "keps/sig-network/0101-first/README.md": "# KEP-101: First\n\nThe text of the first.\n\n![diagram](d.png)\n",
    "keps/sig-network/0101-first/d.png": "not really a png\n",
    "keps/sig-node/0202-second/kep.yaml": kep("0202", "implemented", "see-also:\n  - https://example.org/x\n"
                                              "  - keps/sig-network/0303-third/README.md\n  - /kep/sig-x/0101-first\n"),
    "keps/sig-node/0202-second/README.md": "# KEP-202: Second\n\nIt replaces [the first](../../sig-network/0101-first/README.md).\n",
    "keps/sig-network/0303-third/kep.yaml": kep("0303", "implementable"),
}


def test_kep_paths_name_folders_wherever_they_are(tmp_path):
    files = {
        # a folder whose kep.yaml gives another number: a path to the folder is still that record
        "keps/sig-a/sub/0500-nested/kep.yaml": kep("0500", "implemented").replace("kep-number: 500", "kep-number: 499"),
        "keps/sig-b/0600-six/kep.yaml": kep("0600", "implementable", "see-also:\n  - /keps/sig-a/sub/0500-nested\n"
                                         "  - \"[a design](https://example.org/d)\"\n  - N/A\n  - /keps/sig-b/0700-gone\n"),
        "keps/NNNN-kep-template/kep.yaml": kep("0000", "provisional|implementable"),
        "keps/prod-readiness/sig-b/600.yaml": "kep-number: 600\n",
    }
    root = project(tmp_path, "{kep: {preset: kep}}", files)
    archive = Archive.load(load_settings(None, root))
    assert sorted(r.path for r in archive.records) == ["keps/sig-a/sub/0500-nested/kep.yaml", "keps/sig-b/0600-six/kep.yaml"]
    six = archive.by_id["KEP-0600"]
    assert [(l.relation, l.target) for l in six.links] == [("relates_to", "KEP-0499"),
                                                         ("relates_to", "keps/sig-b/0700-gone/kep.yaml")]
    assert [f for f in findings(root) if f[3] == "missing-target"] == [
        ("keps/sig-b/0600-six/kep.yaml", 15, 5, "missing-target", "'see-also' links to /keps/sig-b/0700-gone, "
         "which is not a record; link to an existing record by its id")]
    assert six.value("links") == ["[a design](https://example.org/d)"]
    result = decisions("lint", "--explain", "keps/NNNN-kep-template/kep.yaml", cwd=root)
    assert "it is in NNNN-kep-template/, which its name says is a template to copy" in result.stderr


def test_kep_folders_are_records_with_their_readme_as_text(tmp_path):
    root = project(tmp_path, "{kep: {preset: kep}}", KEPS)
    archive = Archive.load(load_settings(None, root))
    assert sorted(r.path for r in archive.records) == sorted(p for p in KEPS if p.endswith("kep.yaml"))
    first = archive.by_id["KEP-0101"]
    assert (first.title, first.status, first.date, first.slug) == ("Proposal 0101", "replaced", "2024-01-01", "first")
    assert first.body.startswith("# KEP-101: First")
    assert first.people("tags") == ["sig-network"] and "reviewers" not in first.fields  # TBD is nobody
    assert first.people("owner") == ["sig-network"]  # the owning SIG keeps it current
    assert "supersedes" not in first.fields  # left empty, as the template leaves it
    second = archive.by_id["KEP-0202"]
    assert {(l.relation, l.target) for l in second.links} == {
        ("relates_to", "KEP-0303"), ("relates_to", "/kep/sig-x/0101-first")}
    assert second.value("links") == ["https://example.org/x"]


def test_explain_shows_where_each_kep_value_was_read(tmp_path):
    """`TBD` reviewers and the empty `replaces` are gone; the web page is a related page,
    the KEP path a link by the file it names, the `/kep/` path kept as written."""
    root = project(tmp_path, "{kep: {preset: kep}}", KEPS)
    result = decisions("lint", "--explain", "keps/sig-node/0202-second/kep.yaml", cwd=root)
    assert result.stdout == (
        "keps/sig-node/0202-second/kep.yaml: format kep\n  id: KEP-0202\n  title: Proposal 0202\n"
        "  title (1:8): 'Proposal 0202'\n  id (2:13): '202'\n  authors (4:3): ['@ann']\n"
        "  owning-sig (5:13): 'sig-network'\n  status (8:9): 'implemented'\n  date (9:16): '2024-01-02'\n"
        "  relates_to (12:3): ['KEP-0303', '/kep/sig-x/0101-first']\n  links (12:5): ['https://example.org/x']\n"
        "  tags (5:13): ['sig-network']\n  owner (5:13): 'sig-network'\n"
        "  link (13:5): relates_to KEP-0303 via ../../sig-network/0303-third/kep.yaml\n"
        "  link (14:5): relates_to /kep/sig-x/0101-first\n"
    )


def test_kep_archive_rules(tmp_path):
    root = project(tmp_path, "{kep: {preset: kep}}", KEPS)
    assert findings(root) == [
        ("keps/sig-network/0101-first/kep.yaml", 12, 5, "one-sided-link", "KEP-0101 is superseded by "
         "KEP-0202, but keps/sig-node/0202-second/kep.yaml does not say that it supersedes KEP-0101; add "
         "'/keps/sig-network/0101-first' to its 'replaces'"),
        ("keps/sig-node/0202-second/kep.yaml", 14, 5, "missing-target", "'/kep/sig-x/0101-first' in 'see-also' "
         "is not a record id; link to an existing record by its id"),
    ]


def test_a_keps_readme_is_read_like_a_record_file(tmp_path):
    """The README beside a kep.yaml is read as a record's own text would be: without its byte
    order mark, with a byte that is not UTF-8 replaced rather than failing, no longer than a
    record file may be, and as no text when there is none."""
    root = project(tmp_path, "{kep: {preset: kep}}", {})
    (root / "mkdocs.yml").write_text("site_name: P\nplugins:\n  - decisions:\n      max_file_bytes: 1024\n"
                                     "      kinds: {kep: {preset: kep}}\n")
    texts = {"0101-bom": "\ufeff# KEP-101: Bom\n".encode(), "0102-latin": b"# KEP-102: Caf\xe9\n",
             "0103-long": b"# KEP-103: Long\n" + b"x" * 2000, "0104-none": None}
    for folder, readme in texts.items():
        number = folder[:4]
        (root / f"keps/sig-a/{folder}").mkdir(parents=True)
        (root / f"keps/sig-a/{folder}/kep.yaml").write_text(f"title: T\nkep-number: {int(number)}\nstatus: provisional\n")
        if readme is not None:
            (root / f"keps/sig-a/{folder}/README.md").write_bytes(readme)
    archive = Archive.load(load_settings(None, root))
    bodies = {record.id: record.body for record in archive.records}
    assert bodies == {"KEP-0101": "# KEP-101: Bom\n", "KEP-0102": "# KEP-102: Caf\ufffd\n",
                      "KEP-0103": "# KEP-103: Long\n" + "x" * (1024 - 16), "KEP-0104": ""}


def test_kep_readme_is_the_page_and_not_published_twice(tmp_path):
    root = project(tmp_path, "{kep: {preset: kep}}", KEPS)
    site = run_build(root / "mkdocs.yml", strict=False)
    page = soup(site / "kep" / "sig-network" / "0101-first" / "index.html")
    assert page.select_one("h1").get_text() == "KEP-101: First"
    assert page.select_one("img")["src"] == "d.png"
    assert (site / "kep" / "sig-network" / "0101-first" / "d.png").is_file()
    assert not (site / "kep" / "sig-network" / "0101-first" / "README").exists()
    assert not (site / "kep" / "sig-network" / "0101-first" / "kep").exists()
    second = soup(site / "kep" / "sig-node" / "0202-second" / "index.html")
    link = next(a for a in second.select("a") if a.get_text() == "the first")  # the README's own link
    assert link["href"] == "../../sig-network/0101-first/"
    index = soup(site / "kep" / "index.html")
    assert [o["value"] for o in index.select("select[data-filter=tag] option")] == ["", "sig-network"]


def test_explain_says_the_readme_is_a_keps_text(tmp_path):
    root = project(tmp_path, "{kep: {preset: kep}}", KEPS)
    result = decisions("lint", "--explain", "keps/sig-network/0101-first/README.md", cwd=root)
    assert "it is the text of the record keps/sig-network/0101-first/kep.yaml" in result.stdout + result.stderr


def test_kep_missing_creation_date_is_named_as_keps_write_it(tmp_path):
    text = kep("0404", "implemented").replace("creation-date: 2024-01-04\n", "")
    root = project(tmp_path, "{kep: {preset: kep}}", {"keps/sig-x/0404-four/kep.yaml": text})
    assert findings(root) == [
        ("keps/sig-x/0404-four/kep.yaml", 1, 1, "missing-field",
         f"missing required field 'creation-date'; add e.g. 'creation-date: {__import__('datetime').date.today()}'"),
    ]


TEPS = {
    "teps/0001-one.md": "---\ntitle: One\nauthors:\n  - \"@ann\"\ncreation-date: 2021-01-01\nlast-updated: 2021-02-01\n"
                        "status: replaced\nsuperseded-by:\n  - TEP-0002\ncontributors: [bo]\n---\n\n# TEP-0001: One\n\nText.\n",
    "teps/0002-two.md": "---\ntitle: Two\nauthors: ['@bo']\ncreation-date: 2021-03-01\nstatus: implementing\n"
                        "replaces: [TEP-0001]\nsee-also: [TEP-0003]\n---\n\n# TEP-0002: Two\n\nText.\n",
}


def test_tep_template_leaves_fields_empty(tmp_path):
    text = TEPS["teps/0001-one.md"].replace("superseded-by:\n  - TEP-0002\n", "see-also:\nreplaces: []\n")
    root = project(tmp_path, "{tep: {preset: tep}}", {"teps/0001-one.md": text.replace("status: replaced", "status: proposed")})
    assert findings(root) == []


def test_tep_frontmatter_with_teps_own_words(tmp_path):
    root = project(tmp_path, "{tep: {preset: tep}}", TEPS)
    archive = Archive.load(load_settings(None, root))
    one = archive.by_id["TEP-0001"]
    assert (one.format, one.status, one.date, one.title) == ("tep", "replaced", "2021-01-01", "One")
    assert findings(root) == [
        ("teps/0002-two.md", 5, 9, "unknown-status", "unknown status 'implementing' (did you mean 'implemented'?); "
         "TEP statuses are: proposed, implementable, implemented, deferred, withdrawn, replaced"),
        ("teps/0002-two.md", 7, 12, "missing-target", "'see-also' names TEP-0003, which does not exist; "
         "link to an existing record by its id"),
    ]


def test_preset_defaults_give_way_to_the_kinds_own_options(tmp_path):
    (tmp_path / "proposals").mkdir()
    settings = Settings.from_mapping(
        {"kinds": {"pep": {"preset": "pep", "directory": "proposals", "statuses": ["draft", "final"],
                           "field_aliases": {"Discussion-Link": "discussion"}}}}, tmp_path)
    kind = settings.kind("pep")
    assert (kind.directory, kind.statuses, kind.in_force, kind.proposed) == ("proposals", ("draft", "final"), ("final",), ("draft",))
    assert kind.groups == {"Open": ("draft",), "Finished": ("final",)}
    assert kind.field_aliases["discussion-link"] == "discussion" and kind.field_aliases["see-also"] == "relates_to"


@pytest.mark.parametrize(("kinds", "message"), [
    ({"p": {"preset": "rfc"}}, "kinds.p.preset: 'rfc' is not one of ['kep', 'pep', 'tep']"),
    ({"t": {"preset": "tep", "groups": {"Done": ["finished"]}}}, "kinds.t.groups: 'finished' is not one of this kind's statuses"),
])
def test_preset_mistakes(tmp_path, kinds, message):
    with pytest.raises(ConfigError) as caught:
        Settings.from_mapping({"kinds": kinds}, tmp_path)
    assert str(caught.value) == message


def test_explain_shows_pep_headers_as_written_in_a_crlf_file(tmp_path):
    """A CRLF file reads like an LF one; a continued title joins with a space and keeps its
    last letter; an empty list item is skipped, not the end of the list; each item of a list
    has its own column; a PEP's own `Tags` beat its type; an ISO `Created` is kept."""
    text = ("PEP: 10\r\nTitle: Support for\r\n    Platform X\r\nAuthor: Ann Example, , Bo Example\r\n"
            "Status: Draft\r\nType: Informational\r\nTags: packaging\r\nRequires: 3,  4\r\n"
            "Discussions-To: https://discuss.example.org/t/10\u00a0\r\nCreated: 2020-01-31\r\n\r\nAbstract\r\n========\r\n")
    root = project(tmp_path, "{pep: {preset: pep}}", {})
    (root / "peps").mkdir()
    (root / "peps" / "pep-0010.rst").write_bytes(text.encode("utf-8"))
    result = decisions("lint", "--explain", "peps/pep-0010.rst", cwd=root)
    assert result.stdout == (
        "peps/pep-0010.rst: format pep\n  id: PEP-0010\n  title: Support for Platform X\n"
        "  id (1:6): '10'\n  title (2:8): 'Support for Platform X'\n"
        "  authors (4:9): ['Ann Example', 'Bo Example']\n  status (5:9): 'Draft'\n"
        "  type (6:7): 'Informational'\n  tags (7:7): 'packaging'\n  relates_to (8:11): ['3', '4']\n"
        # only spaces and tabs are trimmed from a value: the no-break space is shown as written
        "  discussion (9:17): 'https://discuss.example.org/t/10\\xa0'\n  date (10:10): '2020-01-31'\n"
        "  status read as: draft\n  link (8:11): relates_to PEP-0003\n  link (8:15): relates_to PEP-0004\n"
    )


def test_pep_findings_point_at_headers_and_body_lines(tmp_path):
    """Placeholders are located in the header or the body by their real line; a missing
    header is reported at the first header; an empty type is an empty tag, at the type;
    a file starting with an indented line has no header."""
    files = {
        "peps/pep-0011.rst": "PEP: 11\nTitle: Placeholders\nAuthor: Ann\nStatus: Draft\nType: Process\n"
                             "Created: 01-Jan-2020\nPost-History: [TODO: dates]\n\nAbstract\n========\n\n[TODO: abstract]\n",
        # headers only, no blank line and no text after them
        "peps/pep-0012.rst": "PEP: 12\nTitle: Headers only\nAuthor: Ann\nStatus: Draft\nType:\nCreated: 01-Jan-2020\n"
                             "Resolution: [TODO: link]\n",
        "peps/pep-0013.rst": "PEP: 13\nTitle: No author\nStatus: Draft\nType: Process\nCreated: 01-Jan-2020\n\nText.\n",
        "peps/pep-0014.rst": "Author: Bo\nPEP: 14\nTitle: No status\nType: Process\nCreated: 01-Jan-2020\n\nText.\n",
        "peps/pep-0015.rst": "  PEP: 15\nTitle: Indented\n\nText.\n",
    }
    root = project(tmp_path, "{pep: {preset: pep}}", files)
    placeholder = "template placeholder '{}' left in {}; replace it with the record's own text"
    assert findings(root) == [
        ("peps/pep-0011.rst", 7, 15, "placeholder", placeholder.format("[TODO: dates]", "the frontmatter")),
        ("peps/pep-0011.rst", 12, 1, "placeholder", placeholder.format("[TODO: abstract]", "the text before the first heading")),
        ("peps/pep-0012.rst", 5, 6, "schema", "item 1 of 'tags' is empty; write a value or remove the key"),
        ("peps/pep-0012.rst", 7, 13, "placeholder", placeholder.format("[TODO: link]", "the frontmatter")),
        ("peps/pep-0013.rst", 1, 1, "missing-field", "missing required field 'Author'; add e.g. 'Author: [name]'"),
        ("peps/pep-0014.rst", 1, 1, "missing-field", "missing required field 'Status'; add e.g. 'Status: draft'"),
        ("peps/pep-0015.rst", 1, 1, "missing-frontmatter", "no PEP header; start the file with header lines such as "
         "'PEP: 8', 'Title: ...', 'Status: Draft' and 'Created: 05-Jul-2001', then a blank line"),
    ]


def test_lint_fix_marks_a_replaced_pep_and_kep_in_their_own_files(tmp_path):
    """`lint --fix` rewrites exactly the status value of a stale PEP header and a stale
    kep.yaml, in the case they were written in, and not one other byte."""
    files = {
        "peps/pep-0020.rst": "PEP: 20\nTitle: Old\nAuthor: Ann\nStatus: Final\nType: Process\nCreated: 01-Jan-2020\n"
                             "Superseded-By: 21\n\nText.\n",
        "peps/pep-0021.rst": "PEP: 21\nTitle: New\nAuthor: Ann\nStatus: Final\nType: Process\nCreated: 01-Jan-2021\n"
                             "Replaces: 20\n\nText.\n",
        "keps/sig-a/0101-first/kep.yaml": "title: First\nkep-number: 101\nauthors: [\"@ann\"]\nstatus: implemented\n"
                                          "creation-date: 2024-01-01\nsuperseded-by: [/keps/sig-a/0102-second]\n",
        "keps/sig-a/0102-second/kep.yaml": "title: Second\nkep-number: 102\nauthors: [\"@ann\"]\nstatus: implemented\n"
                                           "creation-date: 2024-01-02\nreplaces: [/keps/sig-a/0101-first]\n",
    }
    root = project(tmp_path, "{pep: {preset: pep}, kep: {preset: kep}}", files)
    result = decisions("lint", "--fix", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (root / "peps/pep-0020.rst").read_text() == files["peps/pep-0020.rst"].replace("Status: Final", "Status: Superseded")
    assert (root / "keps/sig-a/0101-first/kep.yaml").read_text() == (
        files["keps/sig-a/0101-first/kep.yaml"].replace("status: implemented", "status: replaced"))
    assert (root / "peps/pep-0021.rst").read_text() == files["peps/pep-0021.rst"]



def test_a_pep_header_whose_value_starts_on_the_next_line(tmp_path):
    """RFC 822 lets a header leave its first line empty and go on indented below: the value is
    found (and told, and fixed) where its text is, with the line break and indent kept."""
    files = {
        "peps/pep-0020.rst": "PEP: 20\nTitle: Old\nAuthor: Ann\nStatus:\n  Final\nType: Process\n"
                             "Created: 01-Jan-2020\nSuperseded-By: 21\n\nText.\n",
        "peps/pep-0021.rst": "PEP: 21\nTitle: New\nAuthor: Ann\nStatus: Final\nType: Process\nCreated: 01-Jan-2021\n"
                             "Replaces: 20\n\nText.\n",
    }
    root = project(tmp_path, "{pep: {preset: pep}}", files)
    assert findings(root) == [("peps/pep-0020.rst", 5, 3, "stale-status", "status is 'final' but PEP-0021 replaced "
                               "this record; set 'status: superseded' (decisions lint --fix does)")]
    result = decisions("lint", "--fix", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (root / "peps/pep-0020.rst").read_text() == files["peps/pep-0020.rst"].replace("  Final", "  Superseded")


KEP_SCHEMA = '{"required": ["authors"], "properties": {"tags": {"items": {"pattern": "^sig-"}}, "links": {"items": {"pattern": "^https://"}}}}'


def test_kep_related_pages_and_sig_tags_as_a_schema_of_ones_own_sees_them(tmp_path):
    """Web pages from every link field become `links`, unless the KEP has its own (as with
    `tags` and its SIG); a scalar KEP path is an id; a schema of one's own locates each item."""
    files = {
        "kep-schema.json": KEP_SCHEMA,
        "keps/sig-a/0101-first/kep.yaml": "title: First\nkep-number: 101\nowning-sig: network\nstatus: implementable\n"
                                          "creation-date: 2024-01-01\nreplaces:\n  - http://example.org/old\n"
                                          "see-also:\n  - https://example.org/new\n",
        "keps/sig-a/0102-second/kep.yaml": "title: Second\nkep-number: 102\nauthors: [\"@bo\"]\nowning-sig: sig-a\n"
                                           "tags: [storage]\nlinks: [https://example.org/own]\nstatus: implementable\n"
                                           "creation-date: 2024-01-02\nsee-also: /keps/sig-a/0101-first\n"
                                           "superseded-by:\n  - https://example.org/dropped\n",
        "keps/sig-a/0103-third/kep.yaml": "title: Third\nkep-number: 103\nauthors: [\"@bo\"]\nstatus: [implemented\n",
    }
    root = project(tmp_path, "{kep: {preset: kep, schema: kep-schema.json}}", files)
    archive = Archive.load(load_settings(None, root))
    first, second = archive.by_id["KEP-0101"], archive.by_id["KEP-0102"]
    assert first.value("links") == ["http://example.org/old", "https://example.org/new"]
    assert first.value("tags") == ["network"]
    assert (second.value("links"), second.value("tags")) == (["https://example.org/own"], ["storage"])
    assert second.value("relates_to") == "KEP-0101"
    assert [(l.relation, l.target, l.position) for l in second.links] == [("relates_to", "KEP-0101", (9, 11))]
    assert [f for f in findings(root) if f[3] in ("schema", "missing-field", "yaml-syntax")] == [
        ("keps/sig-a/0101-first/kep.yaml", 1, 1, "missing-field", "missing required field 'authors'; add e.g. 'authors: [name]'"),
        ("keps/sig-a/0101-first/kep.yaml", 3, 13, "schema", "item 1 of 'tags': 'network' does not match '^sig-'"),
        ("keps/sig-a/0101-first/kep.yaml", 7, 5, "schema", "item 1 of 'links': 'http://example.org/old' does not match '^https://'"),
        ("keps/sig-a/0102-second/kep.yaml", 5, 8, "schema", "item 1 of 'tags': 'storage' does not match '^sig-'"),
        ("keps/sig-a/0103-third/kep.yaml", 4, 9, "yaml-syntax", "invalid frontmatter: did not find expected ',' or ']' "
         "(while parsing a flow sequence that starts here)"),
    ]


def test_a_kep_see_also_of_one_web_page_is_a_related_page(tmp_path):
    """`see-also: https://...` written as one value, not a list, is still a related page."""
    files = {"keps/sig-a/0104-four/kep.yaml": "title: Four\nkep-number: 104\nauthors: [\"@bo\"]\nstatus: implementable\n"
                                              "creation-date: 2024-01-04\nsee-also: https://example.org/only\n"}
    root = project(tmp_path, "{kep: {preset: kep}}", files)
    record = Archive.load(load_settings(None, root)).by_id["KEP-0104"]
    assert record.value("links") == ["https://example.org/only"]
    assert record.links == []
    assert findings(root) == []  # no empty 'relates_to' left behind to complain about


def test_a_kep_link_that_is_not_text_is_a_schema_finding_at_its_item(tmp_path):
    """A mapping in `see-also` is neither a KEP path nor a web page: it is reported where written."""
    files = {"keps/sig-a/0105-five/kep.yaml": "title: Five\nkep-number: 105\nauthors: [\"@ann\"]\ncreation-date: 2024-01-05\n"
                                              "status: implementable\nsee-also:\n  - {title: Design, url: \"https://example.org/d\"}\n"}
    root = project(tmp_path, "{kep: {preset: kep}}", files)
    assert findings(root) == [
        ("keps/sig-a/0105-five/kep.yaml", 7, 5, "schema", "item 1 of 'relates_to' must be text, not a mapping")]


def test_migrating_a_kep_keeps_its_whole_readme_after_the_frontmatter(tmp_path):
    """`migrate --to native` writes the kep.yaml's values as frontmatter and the README below, every line of it."""
    files = {"keps/sig-a/0101-first/kep.yaml": "title: First\nkep-number: 101\nauthors: [\"@ann\"]\n"
                                               "creation-date: 2024-01-01\nstatus: implementable\n",
             "keps/sig-a/0101-first/README.md": "# KEP-101: First\n\nWhy.\n\nHow.\n\nWhen.\n"}
    root = project(tmp_path, "{kep: {preset: kep}}", files)
    result = decisions("migrate", "--to", "native", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (root / "keps/sig-a/0101-first/kep.yaml").read_text() == (
        "---\nstatus: implementable\ndate: 2024-01-01\ntitle: First\nauthors: [\"@ann\"]\n---\n"
        "# KEP-101: First\n\nWhy.\n\nHow.\n\nWhen.\n")
