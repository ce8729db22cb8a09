"""What an authoring command checks before it writes (`authoring.outcome`):
the archive re-read from the planned bytes, refused with a message saying
which file would not read back as intended, and why; and how a command
finds the record a user named (`authoring.find_record`).

Each case plans real bytes for real records and reads them back with the
readers `decisions lint` uses; the expected messages are written by hand.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from mkdocs_decisions.archive import Archive
from mkdocs_decisions.authoring import AuthoringError, UsageError, find_record, outcome, write
from mkdocs_decisions.config import load_settings
from mkdocs_decisions.model import Diagnostic, Fix, Position, ReadProblem, Severity

CONFIG = "site_name: t\nplugins:\n  - decisions:\n      kinds: {adr: {directory: adr}, rfc: {directory: rfcs}}\n"

QUEUE = "adr/0001-use-queue.md"
KAFKA = "adr/0002-use-kafka.md"
QUEUE_TEXT = "---\nstatus: proposed\ndate: 2026-01-10\ndeciders: [Ann]\n---\n# Use a queue\n\nText.\n"
KAFKA_TEXT = "---\nstatus: accepted\ndate: 2026-02-01\ndeciders: [Bo]\n---\n# Use Kafka\n\nText.\n"


def load(root: Path, files: dict[str, str]) -> Archive:
    (root / "mkdocs.yml").write_text(CONFIG)
    (root / "rfcs").mkdir(exist_ok=True)
    for relative, text in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text)
    return Archive.load(load_settings(None, root))


def edited(archive: Archive, path: str, new: str) -> write.Write:
    return write.edit(archive.settings.root, path, archive.by_path[path].text.encode(), new.encode())


def refusal(before: Archive, writes: list[write.Write], fixes: list[Fix]) -> str:
    """The message `confirm` refuses the planned `writes` with."""
    with pytest.raises(AuthoringError) as raised:
        outcome.confirm(before, outcome.after(before, writes), fixes)
    return str(raised.value)


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    return load(tmp_path, {QUEUE: QUEUE_TEXT, KAFKA: KAFKA_TEXT})


# -- after ---------------------------------------------------------------------------------


def test_after_reads_every_planned_write(archive):
    """The archive a change leaves: removed files are gone (a file that was
    no record too), edited ones read from their new bytes, new ones added, in
    whatever order the writes come."""
    root = archive.settings.root
    writes = [
        write.remove(root, "adr/notes.txt", b"notes\n"),
        write.remove(root, QUEUE, QUEUE_TEXT.encode()),
        edited(archive, KAFKA, KAFKA_TEXT.replace("accepted", "deprecated")),
        write.create(root, "adr/0003-use-pulsar.md", QUEUE_TEXT.replace("a queue", "Pulsar").encode()),
    ]
    later = outcome.after(archive, writes, "adr")
    assert sorted(later.by_path) == [KAFKA, "adr/0003-use-pulsar.md"]
    assert later.by_path[KAFKA].status == "deprecated"
    assert (later.by_path["adr/0003-use-pulsar.md"].id, later.by_path["adr/0003-use-pulsar.md"].title) == (
        "ADR-0003", "Use Pulsar"
    )
    # the archive that was read is left as it was
    assert sorted(archive.by_path) == [QUEUE, KAFKA] and archive.by_path[KAFKA].status == "accepted"


# -- confirm -------------------------------------------------------------------------------


def test_confirm_accepts_a_change_that_reads_back(archive):
    """A status and a link written where their reader finds them pass."""
    new = QUEUE_TEXT.replace("proposed", "superseded").replace("---\n#", "superseded_by: [ADR-0002]\n---\n#")
    fixes = [Fix(QUEUE, "status", "replace", "superseded"), Fix(QUEUE, "superseded_by", "append", "ADR-0002")]
    outcome.confirm(archive, outcome.after(archive, [edited(archive, QUEUE, new)]), fixes)


def test_confirm_refuses_a_status_that_would_read_as_another(archive):
    """A status the reader would read as something else is named, as it would read."""
    new = QUEUE_TEXT.replace("proposed", "acepted")
    assert refusal(archive, [edited(archive, QUEUE, new)], [Fix(QUEUE, "status", "replace", "accepted")]) == (
        "adr/0001-use-queue.md: the change would not read back from this native record "
        "(its status would read as 'acepted', not 'accepted'); nothing was written: make the change by hand"
    )


def test_confirm_refuses_a_link_that_would_not_be_read(archive):
    """A link the reader would not find is named, with its relation."""
    new = QUEUE_TEXT.replace("---\n#", "superseded_by: ADR-0002 and more\n---\n#")
    fixes = [Fix(QUEUE, "superseded_by", "append", "ADR-0002")]
    assert refusal(archive, [edited(archive, QUEUE, new)], fixes) == (
        "adr/0001-use-queue.md: the change would not read back from this native record "
        "(its 'superseded_by' link to ADR-0002 would not be read); nothing was written: make the change by hand"
    )


def test_confirm_refuses_a_file_that_would_no_longer_be_a_record(archive):
    """Removed, or bytes no reader can read: the record would be gone."""
    expected = (
        "adr/0001-use-queue.md: the change would not read back from this native record "
        "(it would no longer be read as a record); nothing was written: make the change by hand"
    )
    fixes = [Fix(QUEUE, "status", "replace", "accepted")]
    assert refusal(archive, [write.remove(archive.settings.root, QUEUE, QUEUE_TEXT.encode())], fixes) == expected
    assert refusal(archive, [edited(archive, QUEUE, "---\nstatus: accepted\x00\n---\n")], fixes) == expected


def test_confirm_names_a_problem_the_change_would_cause(archive):
    """Broken YAML is reported as the problem it is, not as a missing status."""
    new = QUEUE_TEXT.replace("status: proposed", "status: [accepted")
    assert refusal(archive, [edited(archive, QUEUE, new)], [Fix(QUEUE, "status", "replace", "accepted")]) == (
        "adr/0001-use-queue.md: the change would not read back from this native record "
        "(it would have a yaml-syntax problem); nothing was written: make the change by hand"
    )


def test_confirm_names_every_new_problem_in_order(archive):
    """A reader (another package's, say) may find several problems in one
    file: each new kind is named once, in alphabetical order."""
    record = archive.by_path[QUEUE]
    broken = dataclasses.replace(record, problems=[
        ReadProblem("yaml-syntax", Position(2, 9), "unclosed bracket"),
        ReadProblem("heading-number", Position(6, 3), "7"),
        ReadProblem("yaml-syntax", Position(3, 1), "bad indentation"),
    ])
    later = Archive(archive.settings, [broken, archive.by_path[KAFKA]])
    with pytest.raises(AuthoringError, match=re.escape("(it would have a heading-number, yaml-syntax problem)")):
        outcome.confirm(archive, later, [Fix(QUEUE, "status", "replace", "proposed")])


# -- confirm_new ---------------------------------------------------------------------------

NEW = "adr/0003-use-pulsar.md"
PULSAR = "---\nstatus: proposed\ndate: 2026-03-01\ndeciders: [Cy]\nsupersedes: [ADR-0001]\n---\n# Use Pulsar\n\nText.\n"


def new_record(archive: Archive, text: str, format_name: str | None = None, record_id: str = "ADR-0003",
               status: str = "proposed", supersedes: tuple[str, ...] = ("ADR-0001",)):
    later = outcome.after(archive, [write.create(archive.settings.root, NEW, text.encode())], "adr")
    return outcome.confirm_new(later, NEW, format_name, record_id, status, list(supersedes))


def refused_new(archive: Archive, text: str, **wanted) -> str:
    with pytest.raises(AuthoringError) as raised:
        new_record(archive, text, **wanted)
    return str(raised.value)


def test_confirm_new_returns_the_record_as_it_would_read(archive):
    """A new record that reads back as planned is returned, read from its bytes."""
    record = new_record(archive, PULSAR, format_name="native")
    assert (record.path, record.id, record.status, record.targets("supersedes")) == (
        NEW, "ADR-0003", "proposed", ["ADR-0001"]
    )


def test_confirm_new_refuses_a_record_that_would_not_read(archive):
    """A new file with broken YAML is no record; the format named is the one it was read in."""
    assert refused_new(archive, PULSAR.replace("[Cy]", "[Cy")) == (
        "adr/0003-use-pulsar.md: the new record cannot be written in native format "
        "(it would not be read as a record); nothing was written"
    )


def test_confirm_new_refuses_another_format(archive):
    """A template meant to write MADR that reads as ours is refused, naming both."""
    assert refused_new(archive, PULSAR, format_name="madr") == (
        "adr/0003-use-pulsar.md: the new record cannot be written in madr format "
        "(it would be read as native, not madr); nothing was written"
    )


def test_confirm_new_refuses_another_id(archive):
    """A file whose id would read as another record's number is refused."""
    assert refused_new(archive, PULSAR, record_id="ADR-0004") == (
        "adr/0003-use-pulsar.md: the new record cannot be written in native format "
        "(its id would read as ADR-0003, not ADR-0004); nothing was written"
    )


def test_confirm_new_refuses_a_status_that_would_read_otherwise_or_not_at_all(archive):
    """The status as it would read is named; a missing one is said to be missing."""
    assert refused_new(archive, PULSAR.replace("proposed", "propossed")) == (
        "adr/0003-use-pulsar.md: the new record cannot be written in native format "
        "(its status would read as 'propossed', not 'proposed'); nothing was written"
    )
    assert refused_new(archive, PULSAR.replace("status: proposed\n", "")) == (
        "adr/0003-use-pulsar.md: the new record cannot be written in native format "
        "(it would have no status); nothing was written"
    )


def test_confirm_new_refuses_supersedes_links_that_would_not_be_read(archive):
    """Every record it should supersede is named when one link would not be read."""
    assert refused_new(archive, PULSAR, supersedes=("ADR-0001", "ADR-0002")) == (
        "adr/0003-use-pulsar.md: the new record cannot be written in native format "
        "(its 'supersedes' link to ADR-0001, ADR-0002 would not be read); nothing was written"
    )


# -- caused --------------------------------------------------------------------------------


def finding(line: int, message: str = "'ADR-0009' is no record") -> Diagnostic:
    return Diagnostic("broken-link", Severity.ERROR, QUEUE, line, 1, message)


def test_caused_counts_findings_that_were_there_already():
    """A finding present twice before and three times after was caused once,
    whatever line it moved to; a finding with a new message is new."""
    before = [finding(3), finding(4)]
    later = [finding(5), finding(6), finding(7), finding(8, "'ADR-0010' is no record")]
    assert outcome.caused(before, later) == [finding(7), finding(8, "'ADR-0010' is no record")]


# -- find_record ---------------------------------------------------------------------------


def test_find_record_by_number_in_the_kind_asked_first(tmp_path):
    """`3` is the record of the kind the command is about, else of the first kind;
    a record named by date is found by its name, with or without its prefix."""
    archive = load(tmp_path, {
        "adr/0003-use-a-queue.md": QUEUE_TEXT,
        "rfcs/0003-dark-mode.md": "---\nstatus: draft\ndate: 2026-01-10\nauthors: [Ann]\n---\n# Dark mode\n",
        "adr/20201016-slug-ids.md": KAFKA_TEXT,
    })
    assert find_record(archive, "3", "rfc").path == "rfcs/0003-dark-mode.md"
    assert find_record(archive, "3").path == "adr/0003-use-a-queue.md"
    assert find_record(archive, "20201016-slug-ids").path == "adr/20201016-slug-ids.md"
    assert find_record(archive, "ADR-20201016-Slug-Ids").path == "adr/20201016-slug-ids.md"
    with pytest.raises(UsageError, match=r"^no record with id 'ADR-9'$"):
        find_record(archive, "ADR-9")
