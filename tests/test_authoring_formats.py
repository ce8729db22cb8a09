"""How each record format is written and edited (`authoring/formats.py`), byte for byte.

`decisions new` writes a record in its kind's own format, and `new
--supersedes`, `status` and `lint --fix` edit records in theirs. These
tests call the format functions on records read from real files, and pin
the exact text a user then finds in the file: the heading and status of
an adr-tools record, MADR's `## Links` bullets, inline `**Bold**:` lines,
frontmatter lists, and what each format has no place for.
"""

from __future__ import annotations

import pytest

from mkdocs_decisions.archive import Archive
from mkdocs_decisions.authoring import AuthoringError, formats
from mkdocs_decisions.authoring.formats import Style
from mkdocs_decisions.config import load_settings


def archive_of(project, files: dict[str, str], config: str | None = None) -> Archive:
    if config is not None:
        project.write("mkdocs.yml", config)
    for path, text in files.items():
        project.write(path, text, dedent=False)
    return Archive.load(load_settings(None, project.root))


def edited(archive: Archive, path: str, key: str, action: str, values: list[str], successors=()) -> str:
    """The record's text after one `splice`, as the commands write it."""
    record = archive.by_path[path]
    start, end, replacement = formats.splice(record, key, action, values, archive.by_id, successors)
    return record.text[:start] + replacement + record.text[end:]


def kind_config(options: str) -> str:
    return f"site_name: T\nplugins:\n  - decisions:\n      kinds: {{adr: {{{options}}}}}\n"


ADR_TOOLS = "# {n}. {title}\n\nDate: 2025-01-02\n\n## Status\n\nAccepted\n\n## Context\n\nOrders need a database.\n"


# -- a new record in each format ------------------------------------------------------------------


def adr_tools_targets(project) -> Archive:
    return archive_of(
        project,
        {
            "adr/0001-use-mysql.md": ADR_TOOLS.format(n=1, title="Use MySQL"),
            "adr/0002-use-redis.md": ADR_TOOLS.format(n=2, title="Use [Redis] for sessions"),
            "adr/0003-untitled.md": "Date: 2025-01-02\n\n## Status\n\nAccepted\n",
            "adr/0004-use (new) db.md": ADR_TOOLS.format(n=4, title="Use (new) db"),
            "adr/use-x.md": ADR_TOOLS.format(n=5, title="Use X").replace("# 5. ", "# "),
        },
    )


def render(style: Style, template: str, **given) -> str:
    arguments = dict(
        path="adr/0009-use-postgresql.md", file_number="0009", title="Use PostgreSQL", date="2026-03-01",
        status="proposed", people_key=None, people=(), supersedes=(),
    )
    arguments.update(given)
    return formats.render(style, template, **arguments)


def test_new_adr_tools_record_links_each_record_it_supersedes_as_adr_tools_does(project):
    """adr-tools names a link `N. Title` (or the id, or the title, when one is missing), with a safe href."""
    archive = adr_tools_targets(project)
    targets = [archive.by_path[p] for p in sorted(archive.by_path)]
    text = render(Style("adr-tools", capitalised=True), "# [Title]\n\n## Context\n\n[TODO: why]\n", supersedes=targets)
    assert text == (
        "# 9. Use PostgreSQL\n\nDate: 2026-03-01\n\n## Status\n\nProposed\n\n"
        "Supersedes [1. Use MySQL](0001-use-mysql.md)\n\n"
        "Supersedes [2. Use Redis for sessions](0002-use-redis.md)\n\n"
        "Supersedes [ADR-0003](0003-untitled.md)\n\n"
        "Supersedes [4. Use (new) db](0004-use%20(new%29%20db.md)\n\n"
        "Supersedes [Use X](use-x.md)\n\n"
        "## Context\n\n[TODO: why]\n"
    )


@pytest.mark.parametrize(
    ("file_number", "heading"),
    [("0009", "# 9. Use PostgreSQL"), ("0000", "# 0. Use PostgreSQL"), ("0012a", "# 12a. Use PostgreSQL"),
     ("", "# Use PostgreSQL")],
)
def test_new_adr_tools_heading_carries_the_number_without_its_zeros(file_number, heading):
    """`# 9. Title` as adr-tools writes it; a record number of zeros is 0, and no number gives no `N.`."""
    text = render(Style("adr-tools"), "## Context\n", file_number=file_number)
    assert text == f"{heading}\n\nDate: 2026-03-01\n\n## Status\n\nproposed\n\n## Context\n"


def test_new_madr_record_keeps_the_template_line_endings_and_adds_a_links_section(project):
    """A CRLF template gives a CRLF record; MADR 2 bullets, its deciders, and `## Links` at the end."""
    archive = archive_of(
        project,
        {
            "adr/0001-use-mysql.md": "# Use MySQL\n\n* Status: accepted\n* Date: 2025-01-02\n",
            "adr/backend/20260301-use-v1.2-api.md": "# Use v1.2 API\n\n- Status: accepted\n- Date: 2026-03-01\n",
        },
    )
    targets = [archive.by_path["adr/backend/20260301-use-v1.2-api.md"], archive.by_path["adr/0001-use-mysql.md"]]
    template = "---\r\nstatus: proposed\r\n---\r\n# [Title]\r\n\r\n## Context\r\n\r\nText.  \r\n\r\n"
    text = render(
        Style("madr", yaml=False, bullet="*"), template, path="adr/0009-use-postgresql.md",
        people_key="deciders", people=["Ann", "Bo Li"], supersedes=targets,
    )
    assert text == (
        "# Use PostgreSQL\r\n\r\n* Status: proposed\r\n* Deciders: Ann, Bo Li\r\n* Date: 2026-03-01\r\n\r\n"
        "## Context\r\n\r\nText.  \r\n\r\n## Links\r\n\r\n"
        # log4brains names a link by the file's name
        "* Supersedes [20260301-use-v1.2-api](backend/20260301-use-v1.2-api.md)\r\n"
        "* Supersedes [ADR-0001](0001-use-mysql.md)\r\n"
    )


def test_new_madr_record_from_an_lf_template_has_no_deciders_line_without_people(project):
    """No `--author`: no empty `- Deciders:` line; LF stays LF; the template's last line is kept whole."""
    archive = archive_of(project, {"adr/0001-use-mysql.md": "# Use MySQL\n\n- Status: accepted\n"})
    text = render(
        Style("madr", yaml=False), "# [Title]\n\n## Owner\n\nTeam X\n\n\n", people_key="deciders",
        supersedes=[archive.by_path["adr/0001-use-mysql.md"]],
    )
    assert text == (
        "# Use PostgreSQL\n\n- Status: proposed\n- Date: 2026-03-01\n\n## Owner\n\nTeam X\n\n"
        "## Links\n\n- Supersedes [ADR-0001](0001-use-mysql.md)\n"
    )


def test_new_madr4_record_writes_its_metadata_as_frontmatter(project):
    """MADR 4: `decision-makers` (or the kind's own key) and every superseded id in flow lists."""
    archive = archive_of(
        project,
        {"adr/0001-a.md": "# A\n\n- Status: accepted\n", "adr/0002-b.md": "# B\n\n- Status: accepted\n"},
    )
    targets = [archive.by_path["adr/0001-a.md"], archive.by_path["adr/0002-b.md"]]
    template = "---\nstatus: proposed\n---\n# [Title]\n\n## Context and Problem Statement\n"
    text = render(Style("madr"), template, people_key="decision-makers", people=["Ann", "Bo Li"], supersedes=targets)
    assert text == (
        "---\nstatus: proposed\ndate: 2026-03-01\ndecision-makers: [Ann, Bo Li]\nsupersedes: [ADR-0001, ADR-0002]\n"
        "---\n# Use PostgreSQL\n\n## Context and Problem Statement\n"
    )
    assert render(Style("madr"), template, people_key="authors", people=["Ann"]).startswith(
        "---\nstatus: proposed\ndate: 2026-03-01\nauthors: [Ann]\n---\n"
    )
    assert render(Style("madr"), template, people_key=None).startswith(
        "---\nstatus: proposed\ndate: 2026-03-01\ndecision-makers: []\n---\n"
    )


def test_new_inline_record_writes_bold_fields_in_the_archive_colon_style(project):
    """`**Status:** Proposed` when the archive writes the colon inside; people and links comma-separated."""
    archive = archive_of(
        project,
        {"adr/0001-a.md": "# A\n\n- Status: accepted\n", "adr/0002-b.md": "# B\n\n- Status: accepted\n"},
    )
    targets = [archive.by_path["adr/0001-a.md"], archive.by_path["adr/0002-b.md"]]
    style = Style("inline", capitalised=True, colon_inside=True)
    text = render(style, "# [Title]\n\n## Context\n", people_key="authors", people=["Ann", "Bo Li"], supersedes=targets)
    assert text == (
        "# Use PostgreSQL\n\n**Status:** Proposed\n**Date:** 2026-03-01\n**Authors:** Ann, Bo Li\n"
        "**Supersedes:** [ADR-0001](0001-a.md), [ADR-0002](0002-b.md)\n\n## Context\n"
    )


@pytest.mark.parametrize(
    ("template", "body"),
    [
        ("---\nstatus: proposed\n---\n\n    $ make check\n", "    $ make check\n"),
        ("---\nstatus: proposed\n---\nXML files go in schemas/.\n", "XML files go in schemas/.\n"),
        ("# [Title]\n\n    $ make check\n", "    $ make check\n"),
        ("# [Title]\nXML files go in schemas/.\n", "XML files go in schemas/.\n"),
    ],
)
def test_new_record_keeps_the_template_body_from_its_first_character(template, body):
    """Only the blank lines after the frontmatter and the title go: an indented block or a leading X stays."""
    assert render(Style("inline"), template) == f"# Use PostgreSQL\n\n**Status**: proposed\n**Date**: 2026-03-01\n\n{body}"


def test_render_refuses_our_own_format_which_new_writes_itself():
    """`render` writes the other formats; asked for native, it says so rather than writing something else."""
    with pytest.raises(AuthoringError) as refused:
        render(Style("native"), "# [Title]\n")
    assert str(refused.value) == "'decisions new' cannot write native records"


def test_a_link_from_a_record_at_the_project_root_is_relative_to_it(project):
    """A new record with no folder links to `0001-y.md`, not `../0001-y.md`."""
    archive = archive_of(
        project, {"20260301-use-x.md": "# Use X\n\n- Status: accepted\n"}, kind_config("directory: .")
    )
    target = archive.by_path["20260301-use-x.md"]  # no "./": the root adds nothing to a path
    text = render(Style("inline"), "## Context\n", path="0009-y.md", supersedes=[target])
    assert "\n**Supersedes**: [20260301-use-x](20260301-use-x.md)\n" in text


# -- which people key, and which style ------------------------------------------------------------


def test_people_go_where_each_format_keeps_them():
    """MADR 4 names deciders `decision-makers`; adr-tools and MADR 2 authors have no place."""
    assert formats.people_key(Style("native"), "deciders") == "deciders"
    assert formats.people_key(Style("native"), "authors") == "authors"
    assert formats.people_key(Style("madr"), "deciders") == "decision-makers"
    assert formats.people_key(Style("madr"), "authors") == "authors"
    assert formats.people_key(Style("madr", yaml=False), "deciders") == "deciders"
    assert formats.people_key(Style("madr", yaml=False), "authors") is None
    assert formats.people_key(Style("inline"), "authors") == "authors"
    assert formats.people_key(Style("adr-tools"), "deciders") is None
    assert [formats.writes_frontmatter(Style(f)) for f in ("native", "madr", "adr-tools", "inline")] == [
        True, True, False, False
    ]
    assert formats.writes_frontmatter(Style("madr", yaml=False)) is False


def style_of(project, files: dict[str, str], config: str | None = None) -> Style:
    archive = archive_of(project, files, config)
    return formats.style_for(archive, archive.settings.kind("adr"))


def test_style_of_a_kind_without_records_ignores_other_kinds(project):
    """An empty ADR folder is native even when the RFCs are inline."""
    inline = "# R\n\n**Status**: Accepted\n**Date**: 2025-01-02\n"
    assert style_of(project, {"rfc/0001-r.md": inline, "rfc/0002-s.md": inline}) == Style("native", folder="adr")


@pytest.mark.parametrize("name", ["adr-tools", "inline"])
def test_style_of_an_empty_kind_in_a_capitalising_format(project, name):
    """adr-tools and inline write `Proposed` even before the kind has a record."""
    assert style_of(project, {}, kind_config(f"format: {name}")) == Style(name, folder="adr", capitalised=True)


def test_style_follows_the_inline_records_colon_and_case(project):
    """`**Status:** Accepted` gives new records `**Status:** Proposed`."""
    record = "# A\n\n**Status:** Accepted\n**Date:** 2025-01-02\n"
    assert style_of(project, {"adr/0001-a.md": record}) == Style(
        "inline", yaml=False, bullet="-", capitalised=True, colon_inside=True, folder="adr"
    )


def test_style_of_madr4_records_is_frontmatter(project):
    record = "---\nstatus: accepted\ndate: 2025-01-02\ndecision-makers: [a]\n---\n# A\n"
    assert style_of(project, {"adr/0001-a.md": record}) == Style("madr", folder="adr")


MADR2 = "# T\n\n* Status: accepted\n* Date: 2026-03-01\n"


def test_style_of_log4brains_records_is_dated_names_in_their_busiest_folder(project):
    """log4brains keeps records only in folders below the kind's: a new one goes where most are, named by date."""
    files = {
        "adr/backend/20260301-a.md": MADR2,
        "adr/backend/20260302-b.md": MADR2,
        "adr/frontend/20260303-c.md": MADR2,
    }
    assert style_of(project, files) == Style(
        "madr", yaml=False, bullet="*", date_named=True, folder="adr/backend"
    )


def test_style_of_folders_holding_as_many_records_is_the_newest_ones(project):
    files = {"adr/b/20260301-a.md": MADR2, "adr/a/20260302-b.md": MADR2}
    assert style_of(project, files).folder == "adr/a"


def test_style_of_records_half_dated_and_partly_in_the_kind_folder(project):
    """A record in the kind's own folder keeps new ones there; half named by date is not date-named."""
    files = {"adr/0001-a.md": MADR2, "adr/x/20260301-b.md": MADR2}
    assert style_of(project, files) == Style("madr", yaml=False, bullet="*", folder="adr")


# -- edits of records that exist ------------------------------------------------------------------


def adr_tools_archive(project, record: str, config: str | None = None) -> Archive:
    return archive_of(
        project,
        {
            "adr/0001-use-mysql.md": record,
            "adr/0002-use-postgresql.md": ADR_TOOLS.format(n=2, title="Use PostgreSQL"),
            "adr/0003-use-cockroachdb.md": ADR_TOOLS.format(n=3, title="Use CockroachDB"),
        },
        config,
    )


def test_adr_tools_links_are_paragraphs_at_the_end_of_the_status_section(project):
    """`Superseded by [2. Title](file)`, one paragraph each, after the status and before `## Context`."""
    archive = adr_tools_archive(project, ADR_TOOLS.format(n=1, title="Use MySQL"))
    assert edited(archive, "adr/0001-use-mysql.md", "superseded_by", "append", ["ADR-0002", "ADR-0003"]) == (
        "# 1. Use MySQL\n\nDate: 2025-01-02\n\n## Status\n\nAccepted\n\n"
        "Superseded by [2. Use PostgreSQL](0002-use-postgresql.md)\n\n"
        "Superseded by [3. Use CockroachDB](0003-use-cockroachdb.md)\n\n"
        "## Context\n\nOrders need a database.\n"
    )


def test_adr_tools_link_under_an_empty_status_section_follows_its_heading(project):
    record = "# 1. Use MySQL\n\nDate: 2025-01-02\n\n## Status\n\n## Context\n\nText.\n"
    archive = adr_tools_archive(project, record)
    assert edited(archive, "adr/0001-use-mysql.md", "superseded_by", "append", ["ADR-0002"]) == (
        "# 1. Use MySQL\n\nDate: 2025-01-02\n\n## Status\n\n"
        "Superseded by [2. Use PostgreSQL](0002-use-postgresql.md)\n\n## Context\n\nText.\n"
    )


def refusal(archive: Archive, path: str, key: str, action: str, values: list[str]) -> str:
    with pytest.raises(AuthoringError) as refused:
        edited(archive, path, key, action, values)
    return str(refused.value)


def test_adr_tools_record_without_a_status_section_is_refused(project):
    """Nowhere to put the link where adr-tools would read it: both `editable` and the edit say why."""
    record = "# 1. Use MySQL\n\nDate: 2025-01-02\n\n## Context\n\nText.\n"
    archive = adr_tools_archive(project, record, kind_config("format: adr-tools"))
    said = "adr/0001-use-mysql.md has no '## Status' section to add a 'superseded_by' link to"
    assert formats.editable(archive.by_path["adr/0001-use-mysql.md"], "superseded_by") == said
    assert refusal(archive, "adr/0001-use-mysql.md", "superseded_by", "append", ["ADR-0002"]) == said


def test_a_link_to_an_unknown_id_is_refused(project):
    archive = adr_tools_archive(project, ADR_TOOLS.format(n=1, title="Use MySQL"))
    assert refusal(archive, "adr/0001-use-mysql.md", "superseded_by", "append", ["ADR-0009"]) == (
        "no record with id 'ADR-0009' to link to"
    )


def inline_archive(project, record: str, config: str | None = None) -> Archive:
    return archive_of(
        project,
        {
            "adr/0001-use-mysql.md": record,
            "adr/0002-use-postgresql.md": "# B\n\n**Status**: Accepted\n",
            "adr/0003-use-cockroachdb.md": "# C\n\n**Status**: Accepted\n",
        },
        config,
    )


def test_inline_link_line_goes_under_the_fields_in_their_colon_style(project):
    """`> **Superseded by:** a, b` under `> **Status:** Accepted`: same quote, same colon."""
    record = "# Use MySQL\n\n> **Status:** Accepted\n> **Date:** 2025-01-02\n\n## Context\n\nText.\n"
    archive = inline_archive(project, record)
    assert edited(archive, "adr/0001-use-mysql.md", "superseded_by", "append", ["ADR-0002", "ADR-0003"]) == (
        "# Use MySQL\n\n> **Status:** Accepted\n> **Date:** 2025-01-02\n"
        "> **Superseded by:** [ADR-0002](0002-use-postgresql.md), [ADR-0003](0003-use-cockroachdb.md)\n"
        "\n## Context\n\nText.\n"
    )


def test_inline_link_joins_the_line_the_record_already_has(project):
    """A second successor goes on the `**Superseded By**:` line, whatever its case and spacing."""
    record = (
        "# Use MySQL\n\n**Status**: Accepted\n**Superseded  By**: [ADR-0002](0002-use-postgresql.md)\n"
        "**Date**: 2025-01-02\n"
    )
    archive = inline_archive(project, record)
    assert edited(archive, "adr/0001-use-mysql.md", "superseded_by", "append", ["ADR-0003", "ADR-0002"]) == (
        "# Use MySQL\n\n**Status**: Accepted\n**Superseded  By**: [ADR-0002](0002-use-postgresql.md), "
        "[ADR-0003](0003-use-cockroachdb.md), [ADR-0002](0002-use-postgresql.md)\n**Date**: 2025-01-02\n"
    )


def test_inline_fields_end_at_the_first_section(project):
    """A bold line in a later section is prose, not a field: the link goes under the head's fields."""
    record = "# Use MySQL\n\n**Status**: Accepted\n**Date**: 2025-01-02\n\n## Notes\n\n**Note**: see the wiki.\n"
    archive = inline_archive(project, record)
    assert edited(archive, "adr/0001-use-mysql.md", "superseded_by", "append", ["ADR-0002"]) == (
        "# Use MySQL\n\n**Status**: Accepted\n**Date**: 2025-01-02\n"
        "**Superseded by**: [ADR-0002](0002-use-postgresql.md)\n\n## Notes\n\n**Note**: see the wiki.\n"
    )


def test_inline_record_whose_first_line_is_its_status(project):
    record = "**Status**: Accepted\n\nText.\n"
    archive = inline_archive(project, record)
    assert edited(archive, "adr/0001-use-mysql.md", "superseded_by", "append", ["ADR-0002"]) == (
        "**Status**: Accepted\n**Superseded by**: [ADR-0002](0002-use-postgresql.md)\n\nText.\n"
    )


def test_inline_record_without_fields_in_its_head_is_refused(project):
    record = "# Use MySQL\n\n## Summary\n\n**Status**: Accepted\n"
    archive = inline_archive(project, record, kind_config("format: inline"))
    said = "adr/0001-use-mysql.md has no '**Status**:' line to add a 'superseded_by' line under"
    assert formats.editable(archive.by_path["adr/0001-use-mysql.md"], "superseded_by") == said
    assert refusal(archive, "adr/0001-use-mysql.md", "superseded_by", "append", ["ADR-0002"]) == said


def madr_archive(project, record: str, config: str | None = None) -> Archive:
    return archive_of(
        project,
        {
            "adr/0001-use-mysql.md": record,
            "adr/0002-use-postgresql.md": "# B\n\n* Status: accepted\n",
            "adr/0003-use-cockroachdb.md": "# C\n\n* Status: accepted\n",
        },
        config,
    )


MADR_HEAD = "# Use MySQL\n\n* Status: accepted\n\n"


@pytest.mark.parametrize(
    ("links", "after"),
    [
        # after the last bullet, before the next section
        ("## Links\n\n* Relates to [ADR-0003](0003-use-cockroachdb.md)\n\n## More\n\nText.\n",
         "## Links\n\n* Relates to [ADR-0003](0003-use-cockroachdb.md)\n"
         "* Superseded by [ADR-0002](0002-use-postgresql.md)\n* Superseded by [ADR-0003](0003-use-cockroachdb.md)\n"
         "\n## More\n\nText.\n"),
        # a paragraph of prose last: a blank line first
        ("## Links\n\nSee the wiki.\n",
         "## Links\n\nSee the wiki.\n\n"
         "* Superseded by [ADR-0002](0002-use-postgresql.md)\n* Superseded by [ADR-0003](0003-use-cockroachdb.md)\n"),
        # an empty section: under its heading
        ("## Links\n\n## More\n",
         "## Links\n\n"
         "* Superseded by [ADR-0002](0002-use-postgresql.md)\n* Superseded by [ADR-0003](0003-use-cockroachdb.md)\n"
         "\n## More\n"),
    ],
)
def test_madr_link_bullets_go_into_its_links_section(project, links, after):
    archive = madr_archive(project, MADR_HEAD + links)
    assert edited(archive, "adr/0001-use-mysql.md", "superseded_by", "append", ["ADR-0002", "ADR-0003"]) == (
        MADR_HEAD + after
    )


def test_madr_links_section_is_added_with_the_records_line_endings_and_bullet(project):
    """No `## Links` yet: one at the end, CRLF in a CRLF record, `-` where no metadata bullet says otherwise."""
    archive = madr_archive(project, "# Use MySQL\r\n\r\n## Context and Problem Statement\r\n\r\nText.\r\n\r\n")
    assert edited(archive, "adr/0001-use-mysql.md", "superseded_by", "append", ["ADR-0002"]) == (
        "# Use MySQL\r\n\r\n## Context and Problem Statement\r\n\r\nText.\r\n\r\n"
        "## Links\r\n\r\n- Superseded by [ADR-0002](0002-use-postgresql.md)\r\n"
    )


def test_madr_links_section_on_the_first_line_is_found(project):
    record = "## Links\n\n- Relates to [ADR-0003](0003-use-cockroachdb.md)\n\n# Use MySQL\n\n## Context and Problem Statement\n"
    archive = madr_archive(project, record, kind_config("format: madr"))
    assert edited(archive, "adr/0001-use-mysql.md", "superseded_by", "append", ["ADR-0002"]) == (
        "## Links\n\n- Relates to [ADR-0003](0003-use-cockroachdb.md)\n"
        "- Superseded by [ADR-0002](0002-use-postgresql.md)\n\n# Use MySQL\n\n## Context and Problem Statement\n"
    )


def test_madr_status_names_every_successor_as_a_link(project):
    """MADR's template: `superseded by [ADR-0002](...), [ADR-0003](...)` as the status."""
    archive = madr_archive(project, MADR_HEAD + "## Context\n")
    text = edited(archive, "adr/0001-use-mysql.md", "status", "replace", ["superseded"], ["ADR-0002", "ADR-0003"])
    assert text == (
        "# Use MySQL\n\n* Status: superseded by [ADR-0002](0002-use-postgresql.md), "
        "[ADR-0003](0003-use-cockroachdb.md)\n\n## Context\n"
    )


def test_madr_status_bullet_under_a_frontmatter_is_changed_in_the_text(project):
    """A MADR frontmatter without a status keeps it as a bullet: that bullet changes, with a link."""
    record = "---\ntags: [db]\n---\n# Use MySQL\n\n* Status: accepted\n\n## Context\n"
    archive = madr_archive(project, record)
    assert edited(archive, "adr/0001-use-mysql.md", "status", "replace", ["superseded"], ["ADR-0002"]) == (
        "---\ntags: [db]\n---\n# Use MySQL\n\n* Status: superseded by [ADR-0002](0002-use-postgresql.md)\n\n## Context\n"
    )


@pytest.mark.parametrize(
    ("written", "now"),
    [("accepted", "superseded"), ("Accepted", "Superseded"), ("ACCEPTED", "SUPERSEDED"), ("OK", "SUPERSEDED"),
     ("A", "Superseded")],
)
def test_a_status_is_written_in_the_case_of_the_one_it_replaces(project, written, now):
    archive = madr_archive(project, f"# Use MySQL\n\n* Status: {written}\n")
    assert edited(archive, "adr/0001-use-mysql.md", "status", "replace", ["superseded"]) == (
        f"# Use MySQL\n\n* Status: {now}\n"
    )


def test_other_values_are_written_as_given(project):
    """Only a status follows the old value's case: deciders `Alice` replaced by `bob` is `bob`."""
    archive = madr_archive(project, "# Use MySQL\n\n* Status: accepted\n* Deciders: Alice\n")
    assert edited(archive, "adr/0001-use-mysql.md", "deciders", "replace", ["bob"]) == (
        "# Use MySQL\n\n* Status: accepted\n* Deciders: bob\n"
    )
    assert refusal(archive, "adr/0001-use-mysql.md", "date", "replace", ["2026-01-01"]) == (
        "adr/0001-use-mysql.md has no 'date' to change"
    )


# -- frontmatter lists ----------------------------------------------------------------------------

NATIVE = "---\nstatus: accepted\ndate: 2025-01-02\ndeciders: [alice]\n{extra}---\n# Use MySQL\n\nText.\n"


def native_archive(project, extra: str) -> Archive:
    return archive_of(
        project,
        {
            "adr/0001-use-mysql.md": NATIVE.format(extra=extra),
            "adr/0002-use-postgresql.md": NATIVE.format(extra=""),
            "adr/0003-use-cockroachdb.md": NATIVE.format(extra=""),
        },
    )


@pytest.mark.parametrize(
    ("extra", "key", "values", "after"),
    [
        ("", "superseded_by", ["ADR-0002", "ADR-0003"], "superseded_by: [ADR-0002, ADR-0003]\n"),
        ("supersedes: [ADR-0002]\ntags: [db]\n", "supersedes", ["ADR-0003"],
         "supersedes: [ADR-0002, ADR-0003]\ntags: [db]\n"),
        ('tags: ["a]b", c]\n', "tags", ["api"], 'tags: ["a]b", c, api]\n'),
        ("supersedes: [ADR-0002, ]\n", "supersedes", ["ADR-0003"], "supersedes: [ADR-0002,  ADR-0003]\n"),
        ("supersedes:\n  - ADR-0002\n", "supersedes", ["ADR-0003", "ADR-0004"],
         "supersedes:\n  - ADR-0002\n  - ADR-0003\n  - ADR-0004\n"),
        ("supersedes: null\n", "supersedes", ["ADR-0002", "ADR-0003"], "supersedes: [ADR-0002, ADR-0003]\n"),
        ("supersedes:\n", "supersedes", ["ADR-0002", "ADR-0003"], "supersedes: [ADR-0002, ADR-0003]\n"),
    ],
)
def test_frontmatter_list_items_are_added_in_the_lists_own_style(project, extra, key, values, after):
    archive = native_archive(project, extra)
    assert edited(archive, "adr/0001-use-mysql.md", key, "append", values) == NATIVE.format(extra=after)


def test_a_native_record_status_is_always_a_frontmatter_key(project):
    """A `- Status:` line in a native record's text is prose: the status goes into the frontmatter."""
    record = "---\ndeciders: [alice]\n---\n# Use MySQL\n\n- Status: accepted\n"
    archive = archive_of(project, {"adr/0001-use-mysql.md": record})
    assert formats.editable(archive.by_path["adr/0001-use-mysql.md"], "status") is None
    assert edited(archive, "adr/0001-use-mysql.md", "status", "replace", ["accepted"]) == (
        "---\ndeciders: [alice]\nstatus: accepted\n---\n# Use MySQL\n\n- Status: accepted\n"
    )


def test_madr4_record_without_a_status_gets_one_in_its_frontmatter(project):
    record = "---\ntags: [db]\n---\n# Use MySQL\n\n## Context and Problem Statement\n"
    archive = madr_archive(project, record)
    assert edited(archive, "adr/0001-use-mysql.md", "status", "replace", ["accepted"]) == (
        "---\ntags: [db]\nstatus: accepted\n---\n# Use MySQL\n\n## Context and Problem Statement\n"
    )


def test_madr4_frontmatter_takes_links_even_with_a_status_line_in_its_prose(project):
    """A `- Status:` in a later section is not the record's status: the link still goes to the frontmatter,
    and the status cannot be changed until one is written."""
    record = "---\ntags: [db]\n---\n# Use MySQL\n\n## Notes\n\n- Status: see below\n"
    archive = madr_archive(project, record)
    assert edited(archive, "adr/0001-use-mysql.md", "superseded_by", "append", ["ADR-0002"]) == (
        "---\ntags: [db]\nsuperseded_by: [ADR-0002]\n---\n# Use MySQL\n\n## Notes\n\n- Status: see below\n"
    )
    assert formats.editable(archive.by_path["adr/0001-use-mysql.md"], "status") == (
        "adr/0001-use-mysql.md has no status line to change; write one by hand first"
    )


def test_madr4_deciders_bullet_in_the_text_is_not_edited(project):
    """Deciders written as a bullet under a MADR frontmatter have no place the commands write."""
    record = "---\ntags: [db]\n---\n# Use MySQL\n\n* Deciders: alice\n\n## Context\n"
    archive = madr_archive(project, record)
    assert formats.editable(archive.by_path["adr/0001-use-mysql.md"], "deciders") == (
        "adr/0001-use-mysql.md is in madr format, which has no place for 'deciders'; "
        "run 'decisions migrate --to native' first"
    )
    assert refusal(archive, "adr/0001-use-mysql.md", "deciders", "append", ["bob"]) == (
        "no record with id 'bob' to link to"
    )


def test_the_line_ending_is_the_one_of_the_records_first_4000_characters(project):
    """An LF head with CRLF only further down gets LF lines."""
    head = NATIVE.format(extra="")
    record = head + "x" * (3999 - len(head)) + "\r\nMore.\r\n"
    archive = archive_of(project, {"adr/0001-use-mysql.md": record, "adr/0002-use-postgresql.md": head})
    assert edited(archive, "adr/0001-use-mysql.md", "superseded_by", "append", ["ADR-0002"]) == record.replace(
        "[alice]\n", "[alice]\nsuperseded_by: [ADR-0002]\n"
    )


# -- what cannot be edited ------------------------------------------------------------------------


def test_what_each_record_cannot_have_written_is_said(project):
    archive = archive_of(
        project,
        {
            "adr/0001-broken.md": "---\nstatus: [accepted\n---\n# Broken\n",
            "adr/0002-no-frontmatter.md": "# No frontmatter\n\nText.\n",
            "adr/0003-renumbered.md": ADR_TOOLS.format(n=9, title="Renumbered"),
        },
    )
    cannot_read = "cannot be read as a record; fix it first ('decisions lint' says why)"
    assert formats.editable(archive.by_path["adr/0001-broken.md"], "status") == f"adr/0001-broken.md {cannot_read}"
    assert formats.editable(archive.by_path["adr/0002-no-frontmatter.md"], "status") == (
        f"adr/0002-no-frontmatter.md {cannot_read}"
    )
    # a finding that is not about reading (its heading's number) does not stop an edit
    renumbered = archive.by_path["adr/0003-renumbered.md"]
    assert [p.kind for p in renumbered.problems] == ["heading-number"]
    assert formats.editable(renumbered, "superseded_by") is None
    assert formats.editable(renumbered, "deciders") == (
        "adr/0003-renumbered.md is in adr-tools format, which has no place for 'deciders'; "
        "run 'decisions migrate --to native' first"
    )


def test_a_format_the_commands_do_not_write_is_refused(project):
    pep = "PEP: 1\nTitle: Purpose\nStatus: Active\nType: Process\nCreated: 13-Jun-2000\n\nText.\n"
    archive = archive_of(project, {"adr/0001-purpose.md": pep}, kind_config("format: pep"))
    record = archive.by_path["adr/0001-purpose.md"]
    assert record.format == "pep"
    assert formats.editable(record, "superseded_by") == (
        "adr/0001-purpose.md is in pep format, which the decisions command does not edit"
    )
    assert refusal(archive, "adr/0001-purpose.md", "superseded_by", "append", ["ADR-0001"]) == (
        "adr/0001-purpose.md is in pep format, which has no place for 'superseded_by'"
    )
