"""`decisions migrate --to native`: each record of another format gets our
frontmatter, built from what its reader found; the lines those values were
read from leave the body, and every other byte of the file stays.

The expected files are written out in full, by hand: the frontmatter a
user should find, then the body less the moved lines.
"""

from __future__ import annotations

from pathlib import Path

from conftest import decisions

from mkdocs_decisions.archive import Archive
from mkdocs_decisions.authoring import migrate
from mkdocs_decisions.config import load_settings

ADR_ONLY = "site_name: t\nplugins:\n  - decisions:\n      kinds: {adr: {directory: adr}}\n"


def make(root: Path, files: dict[str, str | bytes], config: str = ADR_ONLY) -> Path:
    """A project at `root` with `config` as its mkdocs.yml and `files` (text written as is)."""
    (root / "mkdocs.yml").parent.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(config)
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return root


def planned(root: Path, scope: list[str] | None = None) -> dict[str, migrate.Change]:
    """What migrating the project at `root` would write, by path."""
    archive = Archive.load(load_settings(None, root))
    return {change.path: change for change in migrate.plan(archive, scope)}


KAFKA = "---\nstatus: superseded\ndate: 2021-03-10\ndeciders: [Ann]\n---\n# Use Kafka\n\nText.\n"
RABBIT = "---\nstatus: superseded\ndate: 2021-02-01\ndeciders: [Bo]\n---\n# Use RabbitMQ\n\nText.\n"

PULSAR = (
    "# Use Pulsar\n"
    "\n"
    "- Status: accepted\n"
    "- Deciders: Ann, Bo\n"
    "- Date: 2022-06-20\n"
    "- Technical Story: [#42](https://tracker.example/42)\n"
    "\n"
    "## Context and Problem Statement\n"
    "\n"
    "\n"
    "Kafka's operations cost grew.\n"
    "\n"
    "## Links\n"
    "\n"
    "- Supersedes [ADR-0001](0001-use-kafka.md)\n"
    "- Supersedes [ADR-0002](0002-use-rabbitmq.md)\n"
    "- Refines [ADR-0001](0001-use-kafka.md)\n"
)


def test_migrate_writes_every_value_and_every_link_and_keeps_the_rest(tmp_path):
    """The whole of what a user sees: the report, the frontmatter with each
    person and each link of each relation, and the body less the moved lines,
    blank lines and a line the frontmatter does not hold (Technical Story) kept."""
    root = make(tmp_path, {
        "adr/0001-use-kafka.md": KAFKA,
        "adr/0002-use-rabbitmq.md": RABBIT,
        "adr/0003-use-pulsar.md": PULSAR,
    })
    result = decisions("migrate", "--to", "native", cwd=root)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "adr/0003-use-pulsar.md: madr -> native: status accepted; date 2022-06-20; deciders Ann, Bo; "
        "supersedes ADR-0001, ADR-0002; amends ADR-0001\n"
    )
    assert result.stderr == "rewrote 1 record(s)\n"
    assert (root / "adr/0003-use-pulsar.md").read_text() == (
        "---\n"
        "status: accepted\n"
        "date: 2022-06-20\n"
        "deciders: [Ann, Bo]\n"
        "supersedes: [ADR-0001, ADR-0002]\n"
        "amends: [ADR-0001]\n"
        "---\n"
        "# Use Pulsar\n"
        "\n"
        "- Technical Story: [#42](https://tracker.example/42)\n"
        "\n"
        "## Context and Problem Statement\n"
        "\n"
        "\n"
        "Kafka's operations cost grew.\n"
        "\n"
        "## Links\n"
        "\n"
        "- Supersedes [ADR-0001](0001-use-kafka.md)\n"
        "- Supersedes [ADR-0002](0002-use-rabbitmq.md)\n"
        "- Refines [ADR-0001](0001-use-kafka.md)\n"
    )
    # the native records were left alone
    assert (root / "adr/0001-use-kafka.md").read_text() == KAFKA
    assert (root / "adr/0002-use-rabbitmq.md").read_text() == RABBIT


def test_migrate_keeps_a_byte_order_mark(tmp_path):
    """A file that starts with a byte-order mark keeps it, and is not taken
    for a file that changed on disk since it was read."""
    root = make(tmp_path, {
        "adr/0001-use-queue.md": b"\xef\xbb\xbf# Use a queue\n\n- Status: proposed\n- Date: 2026-01-10\n\n"
                                 b"## Context and Problem Statement\n\nBursts.\n",
    })
    result = decisions("migrate", "--to", "native", cwd=root)
    assert (result.returncode, result.stderr) == (0, "rewrote 1 record(s)\n")
    assert (root / "adr/0001-use-queue.md").read_bytes() == (
        b"\xef\xbb\xbf---\nstatus: proposed\ndate: 2026-01-10\ndeciders: []\n---\n"
        b"# Use a queue\n\n## Context and Problem Statement\n\nBursts.\n"
    )


def test_a_date_with_a_time_is_quoted_and_its_line_still_leaves(tmp_path):
    """A date that is not a bare day would read back as a timestamp: it is
    written quoted, and the `**Date**` line it came from leaves the body."""
    root = make(tmp_path, {
        "adr/0001-adopt-grpc.md": (
            "# Adopt gRPC\n\n**Status**: Accepted\n**Date**: 2024-01-05 10:30\n\n## Context\n\nLatency.\n"
        ),
    })
    change = planned(root)["adr/0001-adopt-grpc.md"]
    assert change.source_format == "inline"
    assert change.text == (
        '---\nstatus: accepted\ndate: "2024-01-05 10:30"\ndeciders: []\n---\n'
        "# Adopt gRPC\n\n## Context\n\nLatency.\n"
    )
    assert (change.mapped, change.unmapped) == (["status accepted", "date 2024-01-05 10:30"], [])


def test_crlf_files_get_a_crlf_frontmatter(tmp_path):
    """A file written with CRLF line endings gets its frontmatter with CRLF too, and an
    LF file with LF; the ending is the one the file's first 2000 characters use."""
    crlf = "# Use a queue\r\n\r\n- Status: accepted\r\n- Deciders: Ann\r\n- Date: 2026-01-10\r\n\r\n## Context and Problem Statement\r\n\r\nBursts.\r\n"
    lf = crlf.replace("\r\n", "\n").replace("a queue", "a cache")
    # LF up to the 2000th character; the first CRLF starts on the last of them
    prose = "Bursts. " * 250
    opening = "# Use a log\n\n- Status: accepted\n- Deciders: Ann\n- Date: 2026-01-10\n\n## Context and Problem Statement\n\n"
    late = opening + prose[: 1999 - len(opening)] + "\r\nMore.\n"
    assert late.index("\r\n") == 1999
    root = make(tmp_path, {"adr/0001-use-queue.md": crlf, "adr/0002-use-cache.md": lf, "adr/0003-use-log.md": late})
    changes = planned(root)
    assert changes["adr/0001-use-queue.md"].text == (
        "---\r\nstatus: accepted\r\ndate: 2026-01-10\r\ndeciders: [Ann]\r\n---\r\n"
        "# Use a queue\r\n\r\n## Context and Problem Statement\r\n\r\nBursts.\r\n"
    )
    assert changes["adr/0002-use-cache.md"].text == (
        "---\nstatus: accepted\ndate: 2026-01-10\ndeciders: [Ann]\n---\n"
        "# Use a cache\n\n## Context and Problem Statement\n\nBursts.\n"
    )
    assert changes["adr/0003-use-log.md"].text.startswith(
        "---\nstatus: accepted\ndate: 2026-01-10\ndeciders: [Ann]\n---\n# Use a log\n\n## Context"
    )


RFC_ONLY = "site_name: t\nplugins:\n  - decisions:\n      kinds: {rfc: {directory: rfcs}}\n"


def test_an_rfc_without_authors_gets_an_empty_authors_list(tmp_path):
    """An RFC names authors, not deciders: the empty list that keeps the record
    from reading as MADR again is `authors: []`."""
    root = make(tmp_path, {
        "rfcs/0001-dark-mode.md": "# Dark mode\n\n- Status: draft\n- Date: 2026-02-01\n\n"
                                 "## Context and Problem Statement\n\nUsers asked.\n",
    }, RFC_ONLY)
    assert planned(root)["rfcs/0001-dark-mode.md"].text == (
        "---\nstatus: draft\ndate: 2026-02-01\nauthors: []\n---\n"
        "# Dark mode\n\n## Context and Problem Statement\n\nUsers asked.\n"
    )


def test_a_record_without_title_status_or_date_says_what_to_add(tmp_path):
    """A MADR record with no heading, no status and no date: the report says
    which to add, no empty title is written, and its first line (the
    deciders) leaves the body with the blank line after it."""
    root = make(tmp_path, {
        "adr/0001-untitled.md": "- Deciders: Ann\n\n## Context and Problem Statement\n\nWe forgot the rest.\n",
    })
    change = planned(root)["adr/0001-untitled.md"]
    assert change.text == (
        "---\ndeciders: [Ann]\n---\n## Context and Problem Statement\n\nWe forgot the rest.\n"
    )
    assert change.mapped == ["deciders Ann"]
    assert change.unmapped == ["no status found; add one", "no date found; add one"]


def test_field_lines_right_under_the_heading_leave_one_blank_line(tmp_path):
    """Field lines written right under the heading leave; the blank line after
    them stays, so the heading is still set apart from the next section."""
    root = make(tmp_path, {
        "adr/0001-use-madr.md": "# Use MADR\n- Status: accepted\n- Deciders: Ann\n- Date: 2021-01-04\n\n"
                                "## Context and Problem Statement\n\nLean.\n",
    })
    assert planned(root)["adr/0001-use-madr.md"].text == (
        "---\nstatus: accepted\ndate: 2021-01-04\ndeciders: [Ann]\n---\n"
        "# Use MADR\n\n## Context and Problem Statement\n\nLean.\n"
    )


def test_a_madr4_frontmatter_keeps_the_keys_we_do_not_write(tmp_path):
    """MADR 4's own keys (and a team's, in any case) stay, with their
    continuation lines; the keys we write ourselves (under their MADR names
    too) are not written twice; the blank line under the block stays."""
    root = make(tmp_path, {
        "adr/0001-use-feature-flags.md": (
            "---\n"
            "\n"
            "status: accepted\n"
            "date: 2024-02-01\n"
            "title: Use feature flags\n"
            "decision-makers: [Dee, Eli]\n"
            "Owner: Platform team\n"
            "tags:\n"
            "  - release\n"
            "parent: Decisions\n"
            "nav_order: 3\n"
            "---\n"
            "\n"
            "# Use feature flags for risky releases\n"
            "\n"
            "## Context and Problem Statement\n"
            "\n"
            "Releases are risky.\n"
        ),
    })
    change = planned(root)["adr/0001-use-feature-flags.md"]
    assert change.source_format == "madr"
    assert change.text == (
        "---\n"
        "status: accepted\n"
        "date: 2024-02-01\n"
        "title: Use feature flags\n"
        "deciders: [Dee, Eli]\n"
        "tags: [release]\n"
        "Owner: Platform team\n"
        "parent: Decisions\n"
        "nav_order: 3\n"
        "---\n"
        "\n"
        "# Use feature flags for risky releases\n"
        "\n"
        "## Context and Problem Statement\n"
        "\n"
        "Releases are risky.\n"
    )
    assert change.mapped == [
        "status accepted", "date 2024-02-01", "title 'Use feature flags'", "deciders Dee, Eli", "tags release",
    ]


def test_field_lines_under_a_frontmatter_of_other_keys_leave_the_body(tmp_path):
    """MADR 2 field lines under a frontmatter of the site's own keys (parent,
    nav_order) move into the frontmatter: they leave the body."""
    root = make(tmp_path, {
        "adr/0001-use-kafka.md": (
            "---\nparent: Decisions\nnav_order: 2\n---\n# Use Kafka\n\n"
            "- Status: accepted\n- Deciders: Ann\n- Date: 2021-03-10\n\n"
            "## Context and Problem Statement\n\nEvents.\n"
        ),
    })
    assert planned(root)["adr/0001-use-kafka.md"].text == (
        "---\nstatus: accepted\ndate: 2021-03-10\ndeciders: [Ann]\nparent: Decisions\nnav_order: 2\n---\n"
        "# Use Kafka\n\n## Context and Problem Statement\n\nEvents.\n"
    )


def test_an_adr_tools_status_section_leaves_whole_or_stays_whole(tmp_path):
    """adr-tools' `## Status` section leaves when each of its lines was mapped
    (also with no blank line under its heading, or a blank first line in the
    file), and stays whole, status line included, when it says more."""
    root = make(tmp_path, {
        "adr/0001-use-redis.md": "\n# 1. Use Redis\n\nDate: 2021-05-01\n\n## Status\n\nAccepted\n\n## Context\n\nSessions.\n",
        "adr/0002-use-streams.md": "# 2. Use streams\n\nDate: 2021-05-02\n\n## Status\nAccepted\n\n## Context\n\nOrdering.\n",
        "adr/0003-use-queues.md": (
            "# 3. Use queues\n\nDate: 2021-05-03\n\n## Status\n\nAccepted\n\n"
            "Agreed at the March review.\n\n## Context\n\nBursts.\n"
        ),
    })
    changes = planned(root)
    assert changes["adr/0001-use-redis.md"].text == (
        "---\nstatus: accepted\ndate: 2021-05-01\ntitle: Use Redis\ndeciders: []\n---\n"
        "\n# 1. Use Redis\n\n## Context\n\nSessions.\n"
    )
    assert changes["adr/0002-use-streams.md"].text == (
        "---\nstatus: accepted\ndate: 2021-05-02\ntitle: Use streams\ndeciders: []\n---\n"
        "# 2. Use streams\n\n## Context\n\nOrdering.\n"
    )
    assert changes["adr/0003-use-queues.md"].text == (
        "---\nstatus: accepted\ndate: 2021-05-03\ntitle: Use queues\ndeciders: []\n---\n"
        "# 3. Use queues\n\n## Status\n\nAccepted\n\nAgreed at the March review.\n\n## Context\n\nBursts.\n"
    )


def test_plan_covers_the_records_of_other_formats_in_scope(tmp_path):
    """Native records are skipped (not the end of the list); a folder in scope,
    written with a trailing slash, covers the records under it only."""
    madr = "# {}\n\n- Status: proposed\n- Date: 2026-01-10\n\n## Context and Problem Statement\n\nWhy.\n"
    root = make(tmp_path, {
        "adr/0001-use-queue.md": KAFKA,
        "adr/0002-use-cache.md": madr.format("Use a cache"),
        "adr/UX/0003-dark-mode.md": madr.format("Dark mode"),
        "adr/UX/0004-light-mode.md": KAFKA.replace("Kafka", "light mode"),
    })
    assert list(planned(root)) == ["adr/0002-use-cache.md", "adr/UX/0003-dark-mode.md"]
    assert list(planned(root, ["adr/UX/"])) == ["adr/UX/0003-dark-mode.md"]
    assert list(planned(root, ["adr/UX"])) == ["adr/UX/0003-dark-mode.md"]
    assert list(planned(root, ["adr/0002-use-cache.md"])) == ["adr/0002-use-cache.md"]
