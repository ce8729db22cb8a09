"""Archives in other formats: adr-tools, MADR 2/4, log4brains, inline fields;
the real archives in ../shared/real-archives; `decisions migrate`."""

from __future__ import annotations

import json
import re
import logging
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, accepted_adr, decisions
from test_plugin import run_build, soup

from mkdocs_decisions.archive import Archive
from mkdocs_decisions.config import load_settings

FORMATS = FIXTURES / "formats"
REAL = REPO.parent / "shared" / "real-archives"
CLEAN = ["adr-tools", "madr2", "madr4", "log4brains", "inline"]


def load(root: Path) -> Archive:
    return Archive.load(load_settings(None, root))


def lint(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return decisions("lint", *args, cwd=cwd)


def summary(archive: Archive) -> dict[str, tuple]:
    """id -> (format, status, date, title, sorted links)"""
    return {
        r.id: (r.format, r.status, r.date, r.title, sorted((l.relation, l.target) for l in r.links))
        for r in archive.records
    }


@pytest.mark.parametrize("name", CLEAN)
def test_fixture_archive_lints_clean(name):
    result = lint(FORMATS / name)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_adr_tools_records_are_read_with_status_date_and_links():
    assert summary(load(FORMATS / "adr-tools")) == {
        "ADR-0001": ("adr-tools", "accepted", "2019-03-01", "Record architecture decisions", []),
        "ADR-0002": ("adr-tools", "superseded", "2019-04-02", "Use MySQL", [("superseded_by", "ADR-0004")]),
        "ADR-0003": ("adr-tools", "accepted", "2019-05-10", "Log to standard output", [("amended_by", "ADR-0005")]),
        "ADR-0004": ("adr-tools", "accepted", "2020-01-15", "Use PostgreSQL", [("supersedes", "ADR-0002")]),
        "ADR-0005": ("adr-tools", "accepted", "2020-02-01", "Structured logs", [("amends", "ADR-0003")]),
    }


def test_madr2_with_numbers_written_several_ways():
    read = summary(load(FORMATS / "madr2"))
    assert read == {
        "ADR-0001": ("madr", "accepted", "2021-01-04", "Use Markdown Architectural Decision Records", []),
        "ADR-0002": ("madr", "superseded", "2021-03-10", "Use Kafka for domain events",
                     [("amended_by", "ADR-0003"), ("superseded_by", "ADR-0004a")]),
        "ADR-0003": ("madr", "accepted", "2021-04-01", "Partition topics by tenant", [("amends", "ADR-0002")]),
        "ADR-0004a": ("madr", "accepted", "2022-06-20", "Use Pulsar for domain events", [("supersedes", "ADR-0002")]),
    }
    deciders = {r.id: r.people("deciders") for r in load(FORMATS / "madr2").records}
    assert deciders["ADR-0004a"] == ["Ann", "Bo", "Cy"]


def test_madr4_frontmatter_names_and_a_status_carrying_its_successor():
    archive = load(FORMATS / "madr4")
    assert summary(archive) == {
        "ADR-0001": ("madr", "superseded", "2024-02-01", "Use feature flags for risky releases", [("superseded_by", "ADR-0003")]),
        "ADR-0002": ("madr", None, None, "Consider trunk-based development", []),
        "ADR-0003": ("madr", "accepted", "2025-05-05", "Retire the flag service", [("supersedes", "ADR-0001")]),
    }
    assert archive.by_id["ADR-0001"].people("deciders") == ["Dee", "Eli"]
    assert archive.by_id["ADR-0003"].value("updated") == "2025-06-01"


def test_log4brains_dates_as_names_and_folders_linking_each_other():
    archive = load(FORMATS / "log4brains")
    read = summary(archive)
    assert read["ADR-20200926-number-ids"][1:3] == ("superseded", "2020-09-26")
    assert read["ADR-20200926-number-ids"][4] == [("superseded_by", "ADR-20201016-slug-ids")]
    assert read["ADR-20201016-slug-ids"][4] == [
        ("relates_to", "ADR-20201016-use-react-hooks"),
        ("supersedes", "ADR-20200926-number-ids"),
    ]
    # two records of the same day keep different ids
    assert len(archive.by_id) == 4


def test_inline_bold_fields_and_a_modification_in_prose():
    read = summary(load(FORMATS / "inline"))
    assert read == {
        "ADR-0001": ("inline", "accepted", "2024-01-05", "Adopt gRPC between services", []),  # "# ADR-001: Adopt..."
        "ADR-0002": ("inline", "proposed", "2024-03-09", "gRPC-Web for the browser", [("amends", "ADR-0001")]),
    }


def test_explain_says_how_a_file_was_read():
    result = lint(FORMATS / "adr-tools", "--explain", "doc/adr/0002-use-mysql.md")
    assert result.returncode == 0
    assert result.stdout == (
        "doc/adr/0002-use-mysql.md: format adr-tools\n"
        "  id: ADR-0002\n"
        "  title: Use MySQL\n"
        "  date (3:7): '2019-04-02'\n"
        "  status (7:1): 'superseded'\n"
        "  link (7:15): superseded_by ADR-0004 via 0004-use-postgresql.md\n"
    )


def test_mistakes_users_really_make():
    result = lint(FORMATS / "mistakes", "--format", "json")
    found = [(d["path"], d["line"], d["column"], d["rule"], d["message"]) for d in json.loads(result.stdout)["diagnostics"]]
    assert found == [
        ("doc/adr/0001-misspelled-status.md", 7, 1, "unknown-status", "unknown status 'Acceptd' (did you mean "
         "'accepted'?); ADR statuses are: proposed, accepted, rejected, deprecated, superseded"),
        ("doc/adr/0002-superceded.md", 7, 1, "status-alias", "status 'Superceded' is read as 'superseded'; correct the spelling"),
        ("doc/adr/0002-superceded.md", 7, 1, "superseded-without-successor", "status is 'superseded' but no record "
         "replaces this one; add 'superseded_by: [<id of the successor>]' or change the status"),
        ("doc/adr/0003-two-statuses.md", 9, 1, "duplicate-key", "'status' is given twice (first on line 7); keep only one"),
        ("doc/adr/0004-renamed-link.md", 9, 12, "missing-target", "'supersedes' links to 0002-cache-in-memory.md, "
         "which is not a record (did you mean doc/adr/0002-superceded.md?); link to an existing record by its id"),
        ("doc/adr/0005-modifies-but-superseded.md", 9, 10, "conflicting-links", "ADR-0005 says it amends ADR-0006, "
         "but doc/adr/0006-open-api.md says it is superseded by ADR-0005; make both records say the same"),
    ]


@pytest.mark.parametrize("name", CLEAN)
def test_site_builds_from_each_format(tmp_path, name):
    shutil.copytree(FORMATS / name, tmp_path / name)
    root = tmp_path / name
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "index.md").write_text("# Decisions\n")
    site = run_build(root / "mkdocs.yml")
    index = soup(site / "adr" / "index.html")
    assert len(index.select("table.decisions-table tbody tr")) == len(load(root).records)


# -- the real archives ------------------------------------------------------------------


def _not_copied(path: str, *lines: int) -> set[tuple[str, int, str]]:
    """Links of the record at `path`, on `lines`, to files its repository has and the sample
    did not copy: broken here (so `broken-link` tells each), not upstream."""
    return {(path, line, "broken-link") for line in lines}


#: What a careful reader finds in each real archive, written down by reading every
#: record by hand (not from the tool's output): the records, their statuses, dates
#: and links, and the faults, each at the line that shows it (path, line, rule).
#: Judgement calls, not faults here: "Pending" is read as proposed, "Approved" and
#: "Partly superseded" (govuk-aws 0003: its successor 0033 is only pending) as
#: accepted, MADR's "on hold" as proposed; MADR leaves status and date optional
#: (compliantkubernetes 0000 has neither); two records with one title (govuk-aws
#: 0012 and 0031, 0003 and 0033) are no fault of their ids.
REAL_EXPECTED = {
    "alphagov__govuk-aws": {"records": 38, "statuses": {"accepted": 30, "proposed": 7, "superseded": 1}, "dated": 38,
                            "links": {("ADR-0004", "superseded_by", "ADR-0015"), ("ADR-0010", "amended_by", "ADR-0017"),
                                      ("ADR-0017", "amends", "ADR-0010")},
                            "faults": {
                                # 0015 never mentions 0004
                                ("archive/0004-dns-definitions-for-hosts-and-services.md", 7, "one-sided-link"),
                                # headed "# 3. ..." in files numbered 33 and 35
                                ("archive/0033-ip-ranges.md", 1, "heading-number"),
                                ("archive/0035-bouncer-load-balancer-on-port-80-and-443.md", 1, "heading-number"),
                                # the diagrams beside the records, which the sample did not copy
                                *_not_copied("archive/0015-dns-infrastructure.md", 24),
                                *_not_copied("archive/0027-move-publicapi-away-from-frontend-lb.md", 13),
                                *_not_copied("archive/0032-transfer-artefact-binary.md", 24),
                                *_not_copied("archive/0036-performance-platform-and-backdrop-architecture.md", 32),
                            }},
    "elastisys__compliantkubernetes": {"records": 57, "statuses": {"accepted": 50, "superseded": 5, "proposed": 1, None: 1},
                                       "dated": 56,
                                       "links": {("ADR-0003", "superseded_by", "ADR-0019"), ("ADR-0011", "superseded_by", "ADR-0046"),
                                                 ("ADR-0012", "superseded_by", "ADR-0017"), ("ADR-0016", "superseded_by", "ADR-0040"),
                                                 ("ADR-0023", "superseded_by", "ADR-0056"), ("ADR-0036", "supersedes", "ADR-0008")},
                                       "faults": {
                                           # superseded by a record that never mentions them
                                           ("archive/0003-push-metrics-via-influxdb.md", 3, "one-sided-link"),
                                           ("archive/0012-do-not-persist-dex.md", 3, "one-sided-link"),
                                           ("archive/0016-gid-0-is-okey-but-not-by-default.md", 3, "one-sided-link"),
                                           ("archive/0023-allow-snippets-annotations.md", 3, "one-sided-link"),
                                           # "This supersedes adr0008.", and 0008 says nothing of it and is still accepted
                                           ("archive/0036-run-ingress-nginx-as-daemonset.md", 38, "one-sided-link"),
                                           ("archive/0008-use-hostnetwork-or-loadbalancer-for-ingress.md", 3, "stale-status"),
                                           *_not_copied("archive/0050-use-cluster-isolation.md", 89),  # img/ is not here
                                       },
                                       # links out of docs/adr/ to the rest of the repository's docs (../glossary.md,
                                       # ../img/, ../ciso-guide/...), which the sample did not copy
                                       "links_out": {
                                           *_not_copied("archive/0009-use-cluster-issuers-for-letsencrypt.md", 38),
                                           *_not_copied("archive/0021-tls-for-additional-services.md", 16),
                                           *_not_copied("archive/0027-postgresql-external-replication.md", 36),
                                           *_not_copied("archive/0029-expose-jaeger-ui.md", 46, 54, 62, 72),
                                           *_not_copied("archive/0043-rclone-and-encryption-adhere-cryptography-policy.md",
                                                        14, 49, 59),
                                           *_not_copied("archive/0050-use-cluster-isolation.md", 52, 97, 98, 100, 118),
                                           *_not_copied("archive/0052-azure-encryption-at-rest.md", 52, 66, 87),
                                       }},
    "thomvaill__log4brains": {"records": 17, "statuses": {"accepted": 16, "superseded": 1}, "dated": 17,
                              "links": {("ADR-20200926-use-the-adr-number-as-its-unique-id", "superseded_by",
                                         "ADR-20201016-use-the-adr-slug-as-its-unique-id"),
                                        ("ADR-20201016-use-the-adr-slug-as-its-unique-id", "supersedes",
                                         "ADR-20200926-use-the-adr-number-as-its-unique-id")},
                              "faults": set()},
    # MADR 4 leaves the status out; one record is "on hold", read as proposed
    "adr__madr": {"records": 19, "statuses": {None: 18, "proposed": 1}, "dated": 0, "links": set(),
                  # example screenshots beside the records, which the sample did not copy
                  "faults": {*_not_copied("archive/0008-add-status-field.md", 47, 74, 82),
                             *_not_copied("archive/0013-use-yaml-front-matter-for-meta-data.md", 48)}},
    # every 12th PEP: each relation header names a PEP outside the sample, so none can be
    # one-sided here, and each is a dangling reference for a tool that sees only these files
    "python__peps-sample": {
        "kind": "pep", "directory": "archive/peps",
        "records": 59,
        "statuses": {"final": 27, "rejected": 11, "active": 6, "withdrawn": 6, "draft": 4, "deferred": 3,
                     "accepted": 1, "superseded": 1},
        "dated": 59,
        "links": {("PEP-0264", "relates_to", "PEP-0236"), ("PEP-0446", "supersedes", "PEP-0433"),
                  ("PEP-0470", "supersedes", "PEP-0438"), ("PEP-0554", "superseded_by", "PEP-0734"),
                  ("PEP-0566", "supersedes", "PEP-0345"), ("PEP-0748", "supersedes", "PEP-0543"),
                  ("PEP-3112", "relates_to", "PEP-0358"), ("PEP-3124", "relates_to", "PEP-3107"),
                  ("PEP-3124", "relates_to", "PEP-3115"), ("PEP-3124", "relates_to", "PEP-3119"),
                  ("PEP-3124", "supersedes", "PEP-0245"), ("PEP-3124", "supersedes", "PEP-0246")},
        "faults": {(f"archive/peps/pep-{number}.rst", line, "missing-target") for number, line in (
            ("0264", 6), ("0446", 8), ("0470", 11), ("0554", 16), ("0566", 12), ("0748", 12), ("3112", 6),
            ("3124", 7), ("3124", 10))},
    },
    # 30 sig-network KEPs; see-also entries are paths to KEP folders or web pages
    "kubernetes__enhancements-sample": {
        "kind": "kep", "directory": "archive/keps",
        "records": 30, "statuses": {"implemented": 27, "implementable": 2, "provisional": 1},
        "dated": 28,
        # a path to a folder outside the sample is kept as the file it names
        "links": {("KEP-1024", "relates_to", "archive/keps/sig-network/0030-nodelocal-dns-cache.md"),
                  ("KEP-1138", "relates_to", "archive/keps/sig-network/563-dual-stack/kep.yaml"),
                  ("KEP-1507", "relates_to", "KEP-0752"), ("KEP-1669", "relates_to", "KEP-1672"),
                  ("KEP-1672", "relates_to", "/kep/sig-network/0752-endpointslices/"),
                  ("KEP-1880", "relates_to", "KEP-3070"),
                  ("KEP-2086", "relates_to", "archive/keps/sig-network/536-topology-aware-routing/kep.yaml"),
                  ("KEP-2365", "relates_to", "KEP-1453"),
                  ("KEP-2438", "relates_to", "archive/keps/sig-network/563-dual-stack/kep.yaml"),
                  ("KEP-2681", "relates_to", "archive/keps/sig-network/563-dual-stack/kep.yaml"),
                  ("KEP-3015", "relates_to", "archive/keps/sig-network/4444-service-traffic-distribution/kep.yaml"),
                  ("KEP-3178", "relates_to", "archive/keps/sig-node/2221-remove-dockershim/kep.yaml")},
        "faults": {
            # "/kep/" for "/keps/": the path leads nowhere, though KEP 752 is here
            ("archive/keps/sig-network/1672-tracking-terminating-endpoints/kep.yaml", 19, "missing-target"),
            # no creation-date
            ("archive/keps/sig-network/1860-kube-proxy-IP-node-binding/kep.yaml", 1, "missing-field"),
            ("archive/keps/sig-network/2449-move-externalDNS-out-of-kubernetes-incubator/kep.yaml", 1, "missing-field"),
            # outside the sample (0030 is this KEP's own number before the folders: stale upstream too)
            *((f"archive/keps/sig-network/{folder}/kep.yaml", line, "missing-target") for folder, line in (
                ("1024-nodelocal-cache-dns", 18), ("1138-ipv6", 19), ("2086-service-internal-traffic-policy", 15),
                ("2438-dual-stack-apiserver", 18), ("2681-pod-host-ip", 19), ("3015-prefer-same-node", 16),
                ("3178-iptables-cleanup", 16))),
        },
    },
    # TEP-0001 to 0045 with gaps; "implementing" is no TEP state; both successors are outside the sample
    "tektoncd__community-sample": {
        "kind": "tep", "directory": "archive/teps",
        "records": 40,
        "statuses": {"implemented": 30, "proposed": 4, "implementable": 2, "withdrawn": 2, "deferred": 1, None: 1},
        "dated": 40,
        "links": {("TEP-0023", "superseded_by", "TEP-0107"), ("TEP-0033", "superseded_by", "TEP-0138")},
        "faults": {("archive/teps/0023-implicit-mapping.md", 10, "missing-target"),
                   ("archive/teps/0033-tekton-feature-gates.md", 4, "missing-target"),
                   ("archive/teps/0037-remove-gcs-fetcher.md", 7, "unknown-status"),
                   # the template in tools/, a diagram in images/ and TEPs after 0045, which the sample did not copy
                   *_not_copied("archive/teps/0001-tekton-enhancement-proposal-process.md", 219),
                   *_not_copied("archive/teps/0020-s390x-support.md", 114),
                   *_not_copied("archive/teps/0044-data-locality-and-pod-overhead-in-pipelines.md",
                                142, 173, 202, 273, 360, 688, 967)},
    },
}


def _faults(name: str) -> set[tuple[str, int, str]]:
    """An archive's faults in its copy here, where links out of its folder lead nowhere."""
    return REAL_EXPECTED[name]["faults"] | REAL_EXPECTED[name].get("links_out", set())


def real_archive(tmp_path: Path, name: str) -> Path:
    """A copy of a real archive, with the one line of configuration a user writes for it."""
    if not (REAL / name).is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{REAL / name} is missing")
        pytest.skip(f"{REAL / name} is not here (it is in CI)")
    shutil.copytree(REAL / name, tmp_path / "archive")
    expected = REAL_EXPECTED[name]
    kind = expected.get("kind", "adr")
    preset = f"preset: {kind}, " if "kind" in expected else ""
    kinds = f"{{{kind}: {{{preset}directory: {expected.get('directory', 'archive')}}}}}"
    (tmp_path / "mkdocs.yml").write_text(f"site_name: Real\nplugins:\n  - decisions:\n      kinds: {kinds}\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Decisions\n")
    return tmp_path


@pytest.mark.parametrize("name", sorted(REAL_EXPECTED))
def test_real_archive_faults_are_those_a_careful_reader_finds(tmp_path, name):
    root = real_archive(tmp_path, name)
    result = lint(root, "--format", "json")
    found = json.loads(result.stdout)["diagnostics"]
    assert {(d["path"], d["line"], d["rule"]) for d in found} == _faults(name)
    assert result.returncode == int(any(d["severity"] == "error" for d in found))
    archive = load(root)
    expected = REAL_EXPECTED[name]
    assert len(archive.records) == expected["records"]
    assert Counter(r.status for r in archive.records) == expected["statuses"]
    assert sum(1 for r in archive.records if r.date) == expected["dated"]
    links = {(r.id, l.relation, l.target) for r in archive.records for l in r.links}
    assert links == expected["links"]
    # a title is the record's own words, without its number ("# 3. Use X"); PEP 8104's title starts with a year
    own_number = [r.path for r in archive.records if r.title.split()[0].rstrip(".:").lstrip("0") == r.id.split("-")[1].lstrip("0")]
    assert all(r.title for r in archive.records) and own_number == []


def test_records_at_the_root_of_a_repository(tmp_path, caplog):
    """A repository of decisions only, its records at its root (`directory: .`): the same
    faults, at paths that do not start with `./`, links by file name found (govuk-aws
    writes them so), a new record beside the others, and a site of them."""
    if not (REAL / "alphagov__govuk-aws").is_dir():
        pytest.skip("the real archives are not here (they are in CI)")
    shutil.copytree(REAL / "alphagov__govuk-aws", tmp_path, dirs_exist_ok=True)
    (tmp_path / "mkdocs.yml").write_text("site_name: Real\nplugins:\n  - decisions:\n      kinds: {adr: {directory: .}}\n")
    found = json.loads(lint(tmp_path, "--format", "json").stdout)["diagnostics"]
    assert {(d["path"], d["line"], d["rule"]) for d in found} == {
        (path.removeprefix("archive/"), line, rule) for path, line, rule in REAL_EXPECTED["alphagov__govuk-aws"]["faults"]}
    made = decisions("new", "adr", "Keep decisions at the root", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "0040-keep-decisions-at-the-root.md").is_file()
    (tmp_path / "0040-keep-decisions-at-the-root.md").unlink()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_text("# Decisions\n")
    with caplog.at_level(logging.WARNING):
        site = run_build(tmp_path / "mkdocs.yml", strict=False)  # the copy lacks the images its records show
    page = soup(site / "adr/0004-dns-definitions-for-hosts-and-services/index.html")
    assert "../0015-dns-infrastructure/" in {a.get("href") for a in page.select("a")}


@pytest.mark.parametrize("name", sorted(REAL_EXPECTED))
def test_site_builds_from_real_archive(tmp_path, caplog, name):
    root = real_archive(tmp_path, name)
    # not strict: these copies lack the images and code their records link to,
    # which MkDocs reports; the plugin itself must have nothing to say
    with caplog.at_level(logging.WARNING):
        site = run_build(root / "mkdocs.yml", strict=False)
    told = [r.getMessage() for r in caplog.records if r.name.startswith("mkdocs.plugins.mkdocs_decisions")]
    where = [re.match(r"mkdocs_decisions: (\S+):(\d+):\d+: ([a-z-]+): ", message) for message in told]
    assert {(m.group(1), int(m.group(2)), m.group(3)) for m in where} == _faults(name)
    rows = soup(site / REAL_EXPECTED[name].get("kind", "adr") / "index.html").select("table.decisions-table tbody tr")
    assert len(rows) == REAL_EXPECTED[name]["records"]


# -- migrate ------------------------------------------------------------------------------


def findings(root: Path) -> list[tuple[str, str, str]]:
    result = lint(root, "--format", "json")
    return sorted((d["path"], d["rule"], d["message"]) for d in json.loads(result.stdout)["diagnostics"])


#: a line that carries a value migrate moves into the frontmatter: a field line (`- Status: x`,
#: `**Date**: x`, `Date: x`), or adr-tools' status section (its heading, status and relation lines)
MOVED_LINE = re.compile(
    r"^(?:[-*+] |\*\*)?(?:Status|Date|Deciders)(?:\*\*)?:(?:\*\*)? .*$|^## Status$|^(?:Accepted|accepted|Proposed)$"
    r"|^(?:Superceded by|Supercedes|Amends|Amended by) \[.*$"
)


@pytest.mark.parametrize("name", ["adr-tools", "madr2", "log4brains", "inline"])
def test_migrate_keeps_findings_and_bodies(tmp_path, name):
    root = tmp_path / name
    shutil.copytree(FORMATS / name, root)
    # adr-tools, log4brains and inline archives name no deciders; our format wants them once accepted
    config = (root / "mkdocs.yml").read_text().replace("directory:", "required_by_status: {}, directory:")
    (root / "mkdocs.yml").write_text(config)
    before = findings(root)
    originals = {p: p.read_bytes() for p in root.rglob("*.md")}
    dry = decisions("migrate", "--to", "native", "--dry-run", cwd=root)
    assert dry.returncode == 0, dry.stderr
    assert {p: p.read_bytes() for p in root.rglob("*.md")} == originals
    result = decisions("migrate", "--to", "native", cwd=root)
    assert result.returncode == 0, result.stderr
    assert result.stdout == dry.stdout
    archive = load(root)
    assert {r.format for r in archive.records} == {"native"}
    for path, data in originals.items():
        new = path.read_text()
        assert new.startswith("---\n"), path
        old_lines, body = data.decode().splitlines(), new.split("---\n", 2)[2].splitlines()
        # the body is the old text less the lines whose values the frontmatter holds now
        assert [line for line in old_lines if line.strip() and not MOVED_LINE.match(line)] == \
            [line for line in body if line.strip()], path
        assert "\n\n\n" not in "\n".join(body), path  # no doubled blank line where lines left
    after = findings(root)
    assert after == before
    again = decisions("migrate", "--to", "native", cwd=root)
    assert (again.stdout, again.stderr) == ("", "rewrote 0 record(s)\n")


def test_migrate_reports_what_it_could_not_map(tmp_path):
    root = tmp_path / "mistakes"
    shutil.copytree(FORMATS / "mistakes", root)
    result = decisions("migrate", "--to", "native", "--dry-run",
                       "doc/adr/0001-misspelled-status.md", "doc/adr/0004-renamed-link.md", cwd=root)
    assert result.stdout == (
        "doc/adr/0001-misspelled-status.md: adr-tools -> native: date 2021-05-01; title 'Use Redis for sessions'\n"
        "  not mapped: status 'Acceptd' is not one of the kind's statuses\n"
        "doc/adr/0004-renamed-link.md: adr-tools -> native: status accepted; date 2021-05-04; title 'Use Redis streams'\n"
        "  not mapped: 'supersedes' link to 0002-cache-in-memory.md: no such record\n"
    )
    assert result.stderr == "would rewrite 2 record(s)\n"
    # the link that could not be mapped stays where it was written, with its section; the date moved
    decisions("migrate", "--to", "native", "doc/adr/0004-renamed-link.md", cwd=root)
    body = (root / "doc/adr/0004-renamed-link.md").read_text().split("---\n", 2)[2]
    assert body == ("# 4. Use Redis streams\n\n## Status\n\nAccepted\n\n"
                    "Supercedes [2. Cache in memory](0002-cache-in-memory.md)\n\n## Context\n\nWe need ordering.\n")


# -- a reader from another package -----------------------------------------------------

READER_MODULE = '''
from mkdocs_decisions.readers import fields, frontmatter


def read_yaml_proposal(record, text, kind, scheme):
    record.text = text
    record.body_start = len(text)
    parsed = frontmatter.parse(text, offset=0, first_line=1)
    if parsed.problem:
        record.problems.append(parsed.problem)
    record.fields = parsed.fields
    record.duplicate_keys = parsed.duplicate_keys
    fields.normalise(record, kind, scheme, ("supersedes", "superseded_by"))
'''


def test_a_reader_registered_by_another_package(tmp_path):
    packages = tmp_path / "packages"
    (packages / "team_readers-1.0.dist-info").mkdir(parents=True)
    (packages / "team_readers-1.0.dist-info" / "METADATA").write_text("Metadata-Version: 2.1\nName: team-readers\nVersion: 1.0\n")
    (packages / "team_readers-1.0.dist-info" / "entry_points.txt").write_text(
        "[mkdocs_decisions.readers]\nyaml-proposal = team_readers:read_yaml_proposal\n"
    )
    (packages / "team_readers.py").write_text(READER_MODULE)
    project = tmp_path / "project"
    (project / "proposals").mkdir(parents=True)
    (project / "proposals" / "0001-dark-mode.yaml").write_text("title: Dark mode\nstatus: open\ndate: 2026-01-10\n")
    (project / "proposals" / "0002-light-mode.yaml").write_text("title: Light mode\nstatus: aproved\ndate: 2026-02-10\n")
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Home\n")
    (project / "mkdocs.yml").write_text(
        "site_name: Proposals\nplugins:\n  - decisions:\n      handbook: false\n      kinds:\n        proposal:\n"
        "          directory: proposals\n          prefix: PROP\n          extensions: [.yaml]\n"
        "          format: yaml-proposal\n          statuses: [open, approved, declined]\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(packages), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run([sys.executable, "-m", "mkdocs_decisions", "lint"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stdout == (
        "proposals/0002-light-mode.yaml:2:9: error unknown-status: unknown status 'aproved' (did you mean "
        "'approved'?); PROP statuses are: open, approved, declined\n"
    )
    (project / "proposals" / "0002-light-mode.yaml").write_text("title: Light mode\nstatus: approved\ndate: 2026-02-10\n")
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, env=env,
                           capture_output=True, text=True, timeout=120)
    assert build.returncode == 0, build.stderr
    page = soup(project / "site" / "proposal" / "0001-dark-mode" / "index.html")
    assert page.h1.get_text() == "Dark mode"
    assert page.select_one(".decisions-badge").get_text() == "open"


def test_inline_people_and_tags_become_lists_with_each_item_located(tmp_path):
    text = (
        "# ADR-0007: Use gRPC\n\n**Status**: Accepted\n**Date**: 2024-01-05\n"
        "**Author**: Ann, Bo\n**Reviewers**: Cy\n**Tags**: api; rpc\n\n## Context\n\nText.\n"
    )
    (tmp_path / "adr").mkdir()
    (tmp_path / "adr" / "0007-use-grpc.md").write_text(text)
    [record] = Archive.load(load_settings(None, tmp_path)).records
    assert record.format == "inline"
    located = {
        key: (field.value, field.key_at[:2], field.items_at, field.style)
        for key, field in record.fields.items() if key in ("authors", "reviewers", "tags")
    }
    at = text.index  # each item's offset in the file
    assert located == {
        "authors": (["Ann", "Bo"], (5, 3), ((5, 13, at("Ann"), at("Ann") + 3), (5, 18, at("Bo"), at("Bo") + 2)), "block"),
        "reviewers": (["Cy"], (6, 3), ((6, 16, at("Cy"), at("Cy") + 2),), "block"),
        "tags": (["api", "rpc"], (7, 3), ((7, 11, at("api"), at("api") + 3), (7, 16, at("rpc"), at("rpc") + 3)), "block"),
    }


# -- one-sided supersession, in every format -----------------------------------------------

ADR_TOOLS_PAIR = {
    "adr/0001-use-mysql.md": "# 1. Use MySQL\n\nDate: 2019-03-01\n\n## Status\n\nSuperseded by [2. Use PostgreSQL](0002-use-postgresql.md)\n\n## Context\n\nText.\n",
    "adr/0002-use-postgresql.md": "# 2. Use PostgreSQL\n\nDate: 2019-04-01\n\n## Status\n\nAccepted\n\n## Context\n\nText.\n",
}
MADR_PAIR = {
    "adr/0001-use-mysql.md": "# Use MySQL\n\n- Status: superseded\n- Date: 2019-03-01\n\n## Context and Problem Statement\n\nText.\n",
    "adr/0002-use-postgresql.md": "# Use PostgreSQL\n\n- Status: accepted\n- Date: 2019-04-01\n\n"
                                  "## Context and Problem Statement\n\nText.\n\n## Links\n\n- Supersedes [ADR-0001](0001-use-mysql.md)\n",
}


@pytest.mark.parametrize(("pair", "code", "told"), [
    # adr-tools' `adr new -s` writes both sides: a missing one is an error
    (ADR_TOOLS_PAIR, 1, "adr/0001-use-mysql.md:7:15: error one-sided-link: ADR-0001 is superseded by ADR-0002, but "
     "adr/0002-use-postgresql.md does not say that it supersedes ADR-0001; add 'Supersedes ADR-0001' there\n"),
    # MADR is written by hand: a warning
    (MADR_PAIR, 0, "adr/0002-use-postgresql.md:12:14: warning one-sided-link: ADR-0002 supersedes ADR-0001, but "
     "adr/0001-use-mysql.md does not say that it is superseded by ADR-0002; add 'Superseded by ADR-0002' there\n"),
], ids=["adr-tools", "madr"])
def test_a_one_sided_supersession_is_told_with_the_severity_of_its_format(project, pair, code, told):
    for path, text in pair.items():
        project.write(path, text, dedent=False)
    result = project.run("lint")
    assert (result.returncode, result.stdout) == (code, told)


def test_a_kind_chooses_the_severity_of_a_rule_for_its_records(project):
    for path, text in MADR_PAIR.items():
        project.write(path, text, dedent=False)
    project.write("mkdocs.yml", "site_name: S\nplugins:\n  - decisions:\n      kinds:\n"
                  "        adr: {severity: {one-sided-link: error}}\n", dedent=False)
    result = project.run("lint")
    assert result.returncode == 1
    assert result.stdout.startswith("adr/0002-use-postgresql.md:12:14: error one-sided-link: ")
    project.write("mkdocs.yml", "site_name: S\nplugins:\n  - decisions:\n      kinds:\n"
                  "        adr: {severity: {one-sided-links: warning}}\n", dedent=False)
    result = project.run("lint")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "decisions: error: kinds.adr.severity: no rule is named 'one-sided-links' (did you mean "
        "'one-sided-link'?); 'decisions rules' lists them\n"
    )
    project.write("mkdocs.yml", "site_name: S\nplugins:\n  - decisions:\n      kinds:\n"
                  "        adr: {severity: {one-sided-link: info}}\n", dedent=False)
    result = project.run("lint")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"decisions: error: {project.root / 'mkdocs.yml'}: plugins.decisions: kinds.adr.severity.one-sided-link: "
        "'info' is not one of ['error', 'warning']\n"
    )


def test_a_misnamed_rule_in_severity_fails_the_build_too(project):
    project.write("docs/index.md", "# Home\n")
    project.write("adr/0001-use-mysql.md", MADR_PAIR["adr/0001-use-mysql.md"], dedent=False)
    project.write("mkdocs.yml", "site_name: S\nplugins:\n  - decisions:\n      kinds:\n"
                  "        adr: {severity: {one-sided-links: warning}}\n", dedent=False)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project.root,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert ("decisions: invalid configuration: kinds.adr.severity: no rule is named 'one-sided-links' (did you "
            "mean 'one-sided-link'?); 'decisions rules' lists them") in result.stderr


# -- any prefix, and a status naming its successor in any format ---------------------------


def test_a_prefix_of_the_teams_own_is_read_in_status_lines_and_prose(project):
    project.write("mkdocs.yml", "site_name: S\nplugins:\n  - decisions:\n      kinds:\n"
                  "        dec: {directory: decisions, prefix: DEC, statuses: [proposed, accepted, superseded],\n"
                  "              in_force: [accepted], superseded_status: superseded}\n", dedent=False)
    project.write("decisions/0001-use-mysql.md", "# 1. Use MySQL\n\nDate: 2019-03-01\n\n## Status\n\n"
                  "Superseded by DEC-0002\n\n## Context\n\nSee also DEC-0002.\n", dedent=False)
    project.write("decisions/0002-use-postgresql.md", "# 2. Use PostgreSQL\n\nDate: 2019-04-01\n\n## Status\n\n"
                  "Accepted\n\nSupersedes DEC-0001\n\n## Context\n\nText.\n", dedent=False)
    assert summary(load(project.root)) == {
        "DEC-0001": ("adr-tools", "superseded", "2019-03-01", "Use MySQL",
                     [("relates_to", "DEC-0002"), ("superseded_by", "DEC-0002")]),
        "DEC-0002": ("adr-tools", "accepted", "2019-04-01", "Use PostgreSQL", [("supersedes", "DEC-0001")]),
    }
    result = project.run("lint")
    assert (result.returncode, result.stdout) == (0, "")


@pytest.mark.parametrize("status", [
    "superseded by ADR-0002",
    "Superseded by [ADR-0002](0002-use-postgresql.md)",
    '"Superseded by [Use PostgreSQL](./0002-use-postgresql.md)"',
])
def test_a_frontmatter_status_naming_its_successor_is_superseded_and_a_link(project, status):
    project.write("adr/0001-use-mysql.md", accepted_adr("Use MySQL").replace("status: accepted", f"status: {status}"),
                  dedent=False)
    project.write("adr/0002-use-postgresql.md", accepted_adr("Use PostgreSQL", extra="supersedes: [ADR-0001]\n"),
                  dedent=False)
    records = summary(load(project.root))
    assert records["ADR-0001"][1:2] == ("superseded",)
    assert records["ADR-0001"][4] == [("superseded_by", "ADR-0002")]
    result = project.run("lint")
    assert (result.returncode, result.stdout) == (0, "")


# -- templates by name, and why a named file is not read --------------------------------


def test_a_template_is_skipped_by_its_name_and_a_record_about_templates_is_read(project):
    for name in ("template.md", "adr-template.md", "0000-template.md", "000-TEMPLATE.md", "template-lite.md"):
        project.write(f"adr/{name}", "---\nstatus: proposed\ndate: YYYY-MM-DD\n---\n# [Title]\n", dedent=False)
    project.write("adr/0042-use-a-template.md", accepted_adr("Use a template"), dedent=False)
    archive = load(project.root)
    assert [record.path for record in archive.records] == ["adr/0042-use-a-template.md"]
    result = project.run("lint", "adr/000-TEMPLATE.md")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "decisions: error: adr/000-TEMPLATE.md: not read as a record: its name says it is a template to copy "
        "(template.md, adr-template.md, 0000-template.md)\n"
    )
    project.write("adr/0043-notes.txt", "Notes.\n", dedent=False)
    result = project.run("lint", "--explain", "adr/0043-notes.txt")
    assert result.stderr == (
        "decisions: error: adr/0043-notes.txt: not read as a record: adr records end in .md (the kind's 'extensions')\n"
    )


def test_people_are_split_at_commas_outside_brackets_in_madr_lists_and_frontmatter(project):
    project.write("adr/0001-use-mysql.md", "---\nstatus: accepted\ndate: 2024-01-02\ndecision-makers: Ann, Bo\n---\n"
                  "# Use MySQL\n\n## Context and Problem Statement\n\nText.\n", dedent=False)
    project.write("adr/0002-use-postgresql.md", "# Use PostgreSQL\n\n- Status: accepted\n"
                  "- Deciders: Rob, Johan, Cristian (a.k.a., Product Management working group)\n- Date: 2024-02-03\n\n"
                  "## Context and Problem Statement\n\nText.\n", dedent=False)
    by_id = load(project.root).by_id
    first, second = by_id["ADR-0001"].fields["deciders"], by_id["ADR-0002"].fields["deciders"]
    assert first.value == ["Ann", "Bo"]
    assert [at[:2] for at in first.items_at] == [(4, 18), (4, 23)]
    assert second.value == ["Rob", "Johan", "Cristian (a.k.a., Product Management working group)"]
    assert [at[:2] for at in second.items_at] == [(4, 13), (4, 18), (4, 25)]


def test_madr_with_only_status_and_date_in_its_frontmatter_is_madr(project):
    project.write("adr/0001-use-mysql.md", "---\nstatus: accepted\ndate: 2024-01-02\n---\n# Use MySQL\n\n"
                  "## Context and Problem Statement\n\nText.\n\n## Decision Outcome\n\nChosen option: MySQL.\n",
                  dedent=False)
    project.write("adr/0002-use-postgresql.md", "---\nstatus: accepted\ndate: 2024-02-03\n---\n# Use PostgreSQL\n\n"
                  "## Context\n\nText.\n", dedent=False)
    records = summary(load(project.root))
    assert records["ADR-0001"][0] == "madr"
    assert records["ADR-0002"][0] == "native"  # our sections: ours, and it lacks its deciders
    result = project.run("lint")
    assert result.stdout.splitlines() == [
        "adr/0002-use-postgresql.md:2:9: error missing-field: status 'accepted' requires 'deciders'; "
        "add e.g. 'deciders: [name]'"
    ]



def test_madr3_frontmatter_with_its_deciders_is_madr(project):
    """MADR 3's template writes `deciders` in its frontmatter (MADR 4 renamed it
    `decision-makers`): over MADR's sections such a record is MADR, with its
    deciders split as MADR writes them, not a native record missing its id."""
    project.write("adr/0001-use-mysql.md", "---\nstatus: accepted\ndate: 2024-01-02\ndeciders: ann, bo\n---\n"
                  "# Use MySQL\n\n## Context and Problem Statement\n\nText.\n\n## Decision Outcome\n\nMySQL.\n",
                  dedent=False)
    project.write("adr/0002-use-postgresql.md", "---\nstatus: accepted\ndate: 2024-02-03\ndeciders: ann\n---\n"
                  "# Use PostgreSQL\n\n## Context\n\nText.\n", dedent=False)
    archive = load(project.root)
    assert summary(archive)["ADR-0001"][0] == "madr"
    assert archive.by_id["ADR-0001"].people("deciders") == ["ann", "bo"]
    assert summary(archive)["ADR-0002"][0] == "native"  # our sections: ours

# -- a record that is a folder, as Flux writes its RFCs ------------------------------------


def test_folder_records_with_bold_fields_need_no_configuration(project):
    """Flux-style RFCs: `rfcs/NNNN-name/README.md` (or `index.md`) with `**Status:**`,
    `**Creation date:**` and `**Last update:**` lines. The folder gives the id and the
    slug; other pages in the folder are its attachments; a year folder is only a folder."""
    project.write("rfcs/0001-authorization/README.md", "# RFC-0001 Authorization for tenants\n\n**Status:** implemented\n\n"
                  "**Creation date:** 2021-04-20\n\n**Last update:** 2022-06-15\n\n## Summary\n\nText.\n", dedent=False)
    project.write("rfcs/0001-authorization/notes.md", "# Notes\n\nNot a record.\n", dedent=False)
    project.write("rfcs/0002-sharding/README.md", "# RFC-0002: Sharding\n\n**Status:** draft\n\n"
                  "**Creation date:** 2022-01-10\n\n## Summary\n\nBuilds on RFC-0001.\n", dedent=False)
    project.write("rfcs/0003-caching/index.md", "# RFC-0003 Caching\n\n**Status:** accepted\n\n"
                  "**Creation date:** 2022-03-01\n\n## Summary\n\nText.\n", dedent=False)
    project.write("rfcs/README.md", "# Our RFCs\n\nHow to write one.\n", dedent=False)
    project.write("rfcs/2021/0004-in-a-year-folder.md", "---\nstatus: accepted\ndate: 2021-01-01\nauthors: [a]\n---\n"
                  "# In a year folder\n\nText.\n", dedent=False)
    archive = load(project.root)
    assert [(r.path, r.id, r.slug, r.format, r.status, r.date, r.title) for r in archive.records] == [
        ("rfcs/0001-authorization/README.md", "RFC-0001", "authorization", "inline", "implemented", "2021-04-20",
         "Authorization for tenants"),
        ("rfcs/0002-sharding/README.md", "RFC-0002", "sharding", "inline", "draft", "2022-01-10", "Sharding"),
        ("rfcs/0003-caching/index.md", "RFC-0003", "caching", "inline", "accepted", "2022-03-01", "Caching"),
        ("rfcs/2021/0004-in-a-year-folder.md", "RFC-0004", "in-a-year-folder", "native", "accepted", "2021-01-01",
         "In a year folder"),
    ]
    assert archive.by_id["RFC-0001"].value("updated") == "2022-06-15"
    result = project.run("lint")
    assert (result.returncode, result.stdout) == (0, "")
    result = project.run("lint", "rfcs/0001-authorization/notes.md")
    assert (result.returncode, result.stderr) == (2, (
        "decisions: error: rfcs/0001-authorization/notes.md: not read as a record: rfcs/0001-authorization/ is one "
        "record, its README.md or index.md; the other pages in it are its attachments\n"
    ))


def test_a_site_of_folder_records_builds_strict_with_their_attachments(project):
    project.write("docs/index.md", "# Home\n", dedent=False)
    project.write("mkdocs.yml", "site_name: Flux\nplugins:\n  - decisions\n", dedent=False)
    project.write("rfcs/0001-authorization/README.md", "# RFC-0001 Authorization\n\n**Status:** implemented\n\n"
                  "**Creation date:** 2021-04-20\n\n## Summary\n\n![Flow](flow.svg)\n\nSee [the notes](notes.md).\n",
                  dedent=False)
    project.write("rfcs/0001-authorization/notes.md", "# Notes\n\nWorking notes.\n", dedent=False)
    project.write("rfcs/0001-authorization/flow.svg", '<svg xmlns="http://www.w3.org/2000/svg"/>\n', dedent=False)
    site = run_build(project.root / "mkdocs.yml", strict=True)
    page = soup(site / "rfc" / "0001-authorization" / "index.html")
    # the record's own heading stays as written; the title it goes by leaves out the id
    assert (page.h1.get_text(), page.title.get_text()) == ("RFC-0001 Authorization", "Authorization - Flux")
    assert page.select_one('img[alt="Flow"]')["src"] == "flow.svg"
    assert (site / "rfc" / "0001-authorization" / "flow.svg").is_file()
    notes = page.find("a", string="the notes")["href"]
    assert (site / "rfc" / "0001-authorization" / notes / "index.html").is_file()
    rows = soup(site / "rfc" / "index.html").select("table.decisions-table tbody tr")
    assert len(rows) == 1


def test_a_kep_is_owned_by_its_sig(tmp_path):
    """KEPs name no owner, but the SIG that owns one (`owning-sig`) keeps it current: the
    site's Owner column and `decisions.json` show it, as they show `owner` in our format."""
    archive = load(real_archive(tmp_path, "kubernetes__enhancements-sample"))
    owners = Counter(tuple(record.people("owner")) for record in archive.records)
    assert owners == {("sig-network",): 30}


def test_an_adr_tools_status_with_its_date_and_a_bold_relation_that_runs_on(tmp_path):
    """Seen in a real archive: the date after the status on its line, and `**Amends:**` with a
    title that wraps to the next line. One status, one date, one link, and nothing to report."""
    (tmp_path / "adr").mkdir()
    (tmp_path / "adr/0001-use-x.md").write_text("# 1. Use X\n\nDate: 2026-01-02\n\n## Status\n\nAccepted\n\n"
                                                "## Context\n\nText.\n")
    (tmp_path / "adr/0002-use-y.md").write_text(
        "# 2. Use Y\n\n## Status\n\nAccepted **Date:** 2026-02-08\n\n"
        "**Amends:** [1. Use X](0001-use-x.md) (the first of the\nthree, or of\nthe two)\n\n## Context\n\nText.\n")
    record = load(tmp_path).by_id["ADR-0002"]
    assert (record.status, record.date, record.position_of("date")) == ("accepted", "2026-02-08", (5, 20))
    assert [(link.relation, link.target) for link in record.links] == [("amends", "ADR-0001")]
    result = lint(tmp_path)
    assert (result.returncode, result.stdout) == (0, "")


def test_statuses_marked_with_a_symbol_and_notes_under_the_status(tmp_path):
    """Seen in a real archive (ministryofjustice/cloud-platform): every status starts with a
    mark (`✅ Accepted`, `⌛️ Superseded by [...]`), and paragraphs of news sit under it. The
    mark is not part of the status, each value is located at its word, a relation after a
    mark is a link, a note is neither a status nor a second one, and a status the kind does
    not have is told without its mark. In MADR's bullets too."""
    (tmp_path / "adr").mkdir()
    (tmp_path / "adr/0001-one-cluster.md").write_text(
        "# 1. One cluster\n\nDate: 2019-06-01\n\n## Status\n\n⌛️ Superseded by [2. Many clusters](0002-many.md)\n\n"
        "## Context\n\nText.\n")
    (tmp_path / "adr/0002-many.md").write_text(
        "# 2. Many clusters\n\nDate: 2022-09-16\n\n## Status\n\n✅ Accepted\n\nSupersedes [1. One cluster](0001-one-cluster.md)\n\n"
        "**June 2023 Update** We moved the test clusters first. Accepted as it stands.\n\n## Context\n\nText.\n")
    (tmp_path / "adr/0003-scan.md").write_text(
        "# 3. Scan images\n\nDate: 2023-01-05\n\n## Status\n\n🤔 Incomplete\n\n## Context\n\nText.\n")
    (tmp_path / "adr/0005-bare.md").write_text(  # a mark and no word: the mark is what it says
        "# 5. Bare\n\nDate: 2023-03-01\n\n## Status\n\n✅\n\n## Context\n\nText.\n")
    (tmp_path / "adr/0004-logs.md").write_text(
        "# Keep logs\n\n* Status: ✅ accepted\n* Date: 2023-02-01\n\n## Context and Problem Statement\n\nText.\n")
    archive = load(tmp_path)
    assert {r.id: (r.status, r.position_of("status")) for r in archive.records} == {
        "ADR-0001": ("superseded", (7, 4)), "ADR-0002": ("accepted", (7, 3)), "ADR-0003": (None, (7, 3)),
        "ADR-0004": ("accepted", (3, 13)), "ADR-0005": (None, (7, 1))}
    assert [(link.relation, link.target) for link in archive.by_id["ADR-0001"].links] == [("superseded_by", "ADR-0002")]
    result = lint(tmp_path)
    assert result.stdout == (
        "adr/0003-scan.md:7:3: error unknown-status: unknown status 'Incomplete'; "
        "ADR statuses are: proposed, accepted, rejected, deprecated, superseded\n"
        "adr/0005-bare.md:7:1: error unknown-status: unknown status '✅'; "
        "ADR statuses are: proposed, accepted, rejected, deprecated, superseded\n")
