"""The one write path of the authoring commands, and the one YAML quoting function.

Every command that writes records (`new`, `new --supersedes`, `status`,
`renumber`, `migrate`, `lint --fix`) is run for real, in a subprocess, in
two hostile situations:

* the file system refuses the write half way (a file size limit, so the
  write fails after some bytes, whatever the code writes them with): each
  file must keep its old bytes, and no temporary or half-made file is left;
* another program saves a record after the command read it: the command
  must not overwrite it, must say so, exit 1 and write nothing at all.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from conftest import FIXTURES, accepted_adr

from mkdocs_decisions.authoring import write
from mkdocs_decisions.authoring.quoting import scalar
from mkdocs_decisions.readers import frontmatter

resource = pytest.importorskip("resource")  # POSIX: the file size limit

OLD = "adr/0001-use-mysql.md"
NEW = "adr/0002-use-postgres.md"
ADR_TOOLS = (FIXTURES / "formats" / "adr-tools" / "doc" / "adr" / "0001-record-architecture-decisions.md").read_text()


def proposed(title: str, extra: str = "") -> str:
    return accepted_adr(title, extra=extra, date="2026-02-01").replace("status: accepted", "status: proposed")


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under `root` (hidden temporary files too), with its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def run(root: Path, args: list[str], *, file_size_limit: int | None = None, edit_after_reading: str | None = None):
    """Run `decisions ARGS` in `root`, with writes past `file_size_limit` bytes failing
    (EFBIG: Python ignores SIGXFSZ), or with `edit_after_reading` saved by
    "someone else" as soon as the command has read the archive."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    return subprocess.run(
        [sys.executable, "-c", _DRIVER, edit_after_reading or "", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limit if file_size_limit is not None else None,
    )


#: the real command, with Archive.load wrapped to change a file right after the first read
_DRIVER = """
import sys
from pathlib import Path
from mkdocs_decisions.archive import Archive
from mkdocs_decisions.cli import main

edited, sys.argv = sys.argv[1], ["decisions", *sys.argv[2:]]
load = Archive.load.__func__

def load_then_edit(cls, settings, today=None):
    archive = load(cls, settings, today)
    global edited
    if edited:
        path = settings.root / edited
        path.write_bytes(path.read_bytes() + b"Saved by someone else meanwhile.\\n")
        edited = ""
    return archive

Archive.load = classmethod(load_then_edit)
main()
"""

# Each authoring command with a project where it writes: (files, command, the file
# "someone else" saves meanwhile, all the command then says on stderr).
COMMANDS = {
    "lint --fix": (
        {OLD: accepted_adr("Use MySQL").replace("accepted", "superseded"),
         NEW: accepted_adr("Use Postgres", extra="supersedes: [ADR-0001]\n")},
        ["lint", "--fix"],
        OLD,
        # the file is left alone, so the finding it would have fixed remains (exit 1)
        "decisions: adr/0001-use-mysql.md: not fixed, it changed while it was being checked\n"
        "1 error(s), 0 warning(s) in 2 record(s)\n",
    ),
    "status": (
        {OLD: accepted_adr("Use MySQL", date="2025-01-01"), NEW: proposed("Use Postgres", "supersedes: [ADR-0001]\n")},
        ["status", "ADR-0002", "accepted"],
        OLD,  # a linked record, not the one named
        "decisions: adr/0001-use-mysql.md: it changed on disk after it was read, so it was not overwritten; "
        "run the command again\n",
    ),
    "status --by": (
        {OLD: accepted_adr("Use MySQL", date="2025-01-01"), NEW: accepted_adr("Use Postgres", date="2026-02-01")},
        ["status", "ADR-0001", "superseded", "--by", "ADR-0002"],
        NEW,
        "decisions: adr/0002-use-postgres.md: it changed on disk after it was read, so it was not overwritten; "
        "run the command again\n",
    ),
    "renumber": (
        {OLD: accepted_adr("Use MySQL"),
         NEW: accepted_adr("Use Postgres", extra="supersedes: [ADR-0001]\n").replace("accepted", "proposed")
         + "\nSee ADR-0001.\n"},
        ["renumber", OLD],
        NEW,  # a record that links to the one renumbered
        "decisions: adr/0002-use-postgres.md: it changed on disk after it was read, so it was not overwritten; "
        "run the command again\n",
    ),
    "renumber (its own file)": (
        {OLD: accepted_adr("Use MySQL"), NEW: accepted_adr("Use Postgres")},
        ["renumber", OLD],
        OLD,
        "decisions: adr/0001-use-mysql.md: it changed on disk after it was read, so it was not overwritten; "
        "run the command again\n",
    ),
    "migrate": (
        {"adr/0001-record-architecture-decisions.md": ADR_TOOLS,
         "adr/0002-two.md": ADR_TOOLS.replace("# 1. Record", "# 2. Record")},
        ["migrate", "--to", "native"],
        "adr/0002-two.md",
        "decisions: adr/0002-two.md: it changed on disk after it was read, so it was not overwritten; "
        "run the command again\n",
    ),
    "new --supersedes": (
        {OLD: accepted_adr("Use MySQL")},
        ["new", "adr", "Use Postgres", "--supersedes", "ADR-0001"],
        OLD,
        "decisions: adr/0001-use-mysql.md: it changed on disk after it was read, so it was not overwritten; "
        "run the command again\n",
    ),
    "new --supersedes (adr-tools)": (
        {"adr/0001-record-architecture-decisions.md": ADR_TOOLS},
        ["new", "adr", "Use Postgres", "--supersedes", "ADR-0001"],
        "adr/0001-record-architecture-decisions.md",
        "decisions: adr/0001-record-architecture-decisions.md: it changed on disk after it was read, "
        "so it was not overwritten; run the command again\n",
    ),
    "status (madr)": (
        {OLD: "# Use MySQL\n\n- Status: accepted\n- Date: 2025-01-01\n\n## Context and Problem Statement\n\nText.\n",
         NEW: "# Use Postgres\n\n- Status: proposed\n- Date: 2026-02-01\n\n## Context and Problem Statement\n\nText.\n\n"
              "## Links\n\n- Supersedes [ADR-0001](0001-use-mysql.md)\n"},
        ["status", "ADR-0002", "accepted"],
        OLD,
        "decisions: adr/0001-use-mysql.md: it changed on disk after it was read, so it was not overwritten; "
        "run the command again\n",
    ),
}


def project_with(tmp_path: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(text)
    return tmp_path


# -- a file that changed since it was read is never overwritten ----------------------------


@pytest.mark.parametrize("name", COMMANDS)
def test_a_record_saved_meanwhile_is_not_overwritten(tmp_path, name):
    files, args, edited, message = COMMANDS[name]
    root = project_with(tmp_path / "project", files)
    unchanged = snapshot(root)
    # the command does write when nobody interferes
    control = project_with(tmp_path / "control", files)
    done = run(control, args)
    assert done.returncode in (0, 1) and snapshot(control) != unchanged, done.stderr

    result = run(root, args, edit_after_reading=edited)
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert result.stderr == message
    saved = unchanged[edited] + b"Saved by someone else meanwhile.\n"
    # the other program's save survives, and nothing else was written (no new file, no temporary file)
    assert snapshot(root) == {**unchanged, edited: saved}
    if name == "lint --fix":
        assert result.stdout.startswith("adr/0002-use-postgres.md:5:14: error one-sided-link: ")
    elif name != "migrate":  # migrate lists its plan before it writes
        assert result.stdout == ""


def test_a_change_that_lands_while_the_new_bytes_are_written_is_not_overwritten(tmp_path, monkeypatch):
    # the last look at the file is after the new bytes are on disk, just before they replace it
    target = tmp_path / "0001-x.md"
    target.write_bytes(b"read\n")
    real_fsync = os.fsync

    def fsync_while_someone_saves(fd: int) -> None:
        real_fsync(fd)
        target.write_bytes(b"saved meanwhile\n")

    monkeypatch.setattr(os, "fsync", fsync_while_someone_saves)
    with pytest.raises(write.FileChanged) as refused:
        write.apply([write.edit(tmp_path, "0001-x.md", b"read\n", b"ours\n")])
    assert str(refused.value) == (
        "0001-x.md: it changed on disk after it was read, so it was not overwritten; run the command again"
    )
    assert snapshot(tmp_path) == {"0001-x.md": b"saved meanwhile\n"}


def test_nothing_is_written_when_any_file_changed(tmp_path):
    (tmp_path / "a.md").write_bytes(b"a\n")
    (tmp_path / "b.md").write_bytes(b"b, changed\n")
    writes = [
        write.create(tmp_path, "new.md", b"new\n"),
        write.edit(tmp_path, "a.md", b"a\n", b"A\n"),
        write.edit(tmp_path, "b.md", b"b\n", b"B\n"),
    ]
    with pytest.raises(write.FileChanged, match="^b.md: it changed on disk"):
        write.apply(writes)
    assert snapshot(tmp_path) == {"a.md": b"a\n", "b.md": b"b, changed\n"}


# -- a write that fails half way leaves the old bytes ---------------------------------------


@pytest.mark.parametrize("name", COMMANDS)
def test_a_write_that_fails_half_way_leaves_every_file_as_it_was(tmp_path, name):
    files, args, _, _ = COMMANDS[name]
    root = project_with(tmp_path, files)
    before = snapshot(root)
    # every file these commands write is longer than 64 bytes: each write fails part way
    result = run(root, args, file_size_limit=64)
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "(File too large)" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(root) == before


LONG = "Long text.\n" * 500  # makes a record longer than the 4 kB the next test lets a file have


@pytest.mark.parametrize(
    ("files", "args", "message"),
    [
        # the new record is written, then the old one cannot be: the new one goes again
        ({OLD: accepted_adr("Use MySQL") + LONG},
         ["new", "adr", "Use Postgres", "--supersedes", "ADR-0001"],
         "decisions: adr/0001-use-mysql.md: cannot write it (File too large); it was left as it was\n"),
        # the record is written under its new number, then a record linking to it cannot be
        ({OLD: accepted_adr("Use MySQL"), NEW: accepted_adr("Use Postgres", extra="relates_to: [ADR-0001]\n") + LONG},
         ["renumber", OLD],
         "decisions: adr/0002-use-postgres.md: cannot write it (File too large); it was left as it was\n"),
    ],
    ids=["new --supersedes", "renumber"],
)
def test_when_a_later_write_fails_the_files_made_before_it_are_removed(tmp_path, files, args, message):
    root = project_with(tmp_path, files)
    before = snapshot(root)
    result = run(root, args, file_size_limit=4096)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", message)
    assert snapshot(root) == before


def test_new_says_when_its_record_cannot_be_created(tmp_path):
    (tmp_path / "adr").mkdir()
    result = run(tmp_path, ["new", "adr", "Use Postgres"], file_size_limit=64)
    assert (result.returncode, result.stdout, result.stderr) == (
        1, "", "decisions: adr/0001-use-postgres.md: cannot create it (File too large)\n"
    )
    assert snapshot(tmp_path) == {}



def test_a_refused_new_leaves_no_folder_behind(tmp_path):
    """A command that refuses writes nothing, not even the records' folder:
    an empty `adr/` would then be the folder discovery takes."""
    result = run(tmp_path, ["new", "adr", "Use Postgres", "--supersedes", "ADR-0010"])
    assert (result.returncode, result.stdout, result.stderr) == (
        2, "", "decisions: error: --supersedes ADR-0010: no record has that id\n"
    )
    assert list(tmp_path.iterdir()) == []


# -- one YAML quoting function ---------------------------------------------------------------


class Yaml11Loader(yaml.SafeLoader):
    """PyYAML plus the YAML 1.1 booleans it leaves out (`y`, `n`), as other tools read them."""


Yaml11Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", __import__("re").compile(r"^(?:y|Y|n|N)$"), list("yYnN")
)


def read_back(value: str) -> list[object]:
    """`value` quoted by `scalar`, read back as a block value and as a flow list item,
    by PyYAML (YAML 1.1 and more) and by our own frontmatter reader."""
    block, flow = f"key: {scalar(value)}\n", f"key: [{scalar(value)}, x]\n"
    ours = [frontmatter.parse(text, 0, 1).fields["key"].value for text in (block, flow)]
    theirs = [yaml.load(text, Loader=Yaml11Loader)["key"] for text in (block, flow)]
    return [*ours, *theirs]


TRICKY = [
    "yes", "No", "ON", "off", "y", "N", "true", "FALSE", "null", "Null", "~", "", " ",
    "010", "0o17", "0x1F", "1e3", "1_000", "+1", "-1", ".5", "12:30", "1:20:00", "2026-01-01", "2026-1-1",
    "2001-12-14t21:59:43.10-05:00", ".inf", "-.Inf", ".NaN", "<<", "=",
    "- item", "? key", ": x", "a: b", "a:b", "a #b", "#c", "&anchor", "*alias", "!tag", "|", ">",
    "'single'", '"double"', "%dir", "@at", "`tick", "[list]", "{map}", "a, b", "a]", "trailing ", " leading",
    "tab\there", "line\nbreak", "cr\r", "nel\x85", "ls\u2028", "ps\u2029", "\ufeffbom", "del\x7f", "nul\x00",
    "\x1b[31mred", "Zoë", "O'Brien", "back\\slash", "emoji 😀", "José García",
]


@pytest.mark.parametrize("value", TRICKY)
def test_quoted_text_reads_back_the_same(value):
    assert read_back(value) == [value, [value, "x"], value, [value, "x"]]


@pytest.mark.parametrize(
    ("value", "written"),
    [("Ann", "Ann"), ("Bo Li", "Bo Li"), ("ADR-0003", "ADR-0003"), ("in-review", "in-review"),
     ("yes", '"yes"'), ("y", '"y"'), ("Off", '"Off"'), ("~", '"~"'), ("2026-01-01", '"2026-01-01"'),
     ("010", '"010"'), ("a: b", '"a: b"'), ("a #b", '"a #b"'), ("O'Brien", '"O\'Brien"'),
     ("tab\there", '"tab\\there"'), ("nel\x85", '"nel\\x85"'), ("ls\u2028", '"ls\\u2028"')],
)
def test_plain_text_stays_bare_and_the_rest_is_double_quoted(value, written):
    assert scalar(value) == written


@given(st.text(max_size=40))
def test_any_text_reads_back_the_same(value):
    assert read_back(value) == [value, [value, "x"], value, [value, "x"]]


def test_new_quotes_people_the_template_names(tmp_path):
    (tmp_path / "adr").mkdir()
    result = run(tmp_path, ["new", "adr", "Use Postgres", "--author", "yes", "--author", "O'Brien",
                            "--author", "back\\slash"])
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "adr" / "0001-use-postgres.md").read_text()
    assert '\ndeciders: ["yes", "O\'Brien", "back\\\\slash"]\n' in text
    assert yaml.safe_load(text.split("---\n")[1])["deciders"] == ["yes", "O'Brien", "back\\slash"]


# -- one "next free number" --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [("use-kafka.md", accepted_adr("Use Kafka", extra="id: ADR-0003\n").encode()),  # an id only in frontmatter
     ("0003-broken.md", b"\x00not a record\n")],  # a number only in the name of a file that cannot be read
    ids=["id in frontmatter", "unreadable file"],
)
def test_new_renumber_and_the_duplicate_id_hint_agree_on_the_next_free_number(tmp_path, name, data):
    root = project_with(tmp_path, {"adr/0001-a.md": accepted_adr("A"), "adr/0001-b.md": accepted_adr("B")})
    (root / "adr" / name).write_bytes(data)
    lint = run(root, ["lint", "--select", "duplicate-id"])
    assert lint.stdout == (
        "adr/0001-b.md:1:1: error duplicate-id: id ADR-0001 is also used by adr/0001-a.md; "
        "give this record a free number, e.g. ADR-0004\n"
    )
    assert run(root, ["new", "adr", "Next"]).stdout == "adr/0004-next.md\n"
    moved = run(root, ["renumber", "adr/0001-b.md"])
    assert moved.stdout == "adr/0001-b.md -> adr/0005-b.md: ADR-0001 is now ADR-0005\n"


def test_new_and_status_edit_a_record_of_another_format_in_its_own_format(tmp_path):
    # an adr-tools record has no frontmatter: its links go in its Status section, as adr-tools writes them
    old = "adr/0001-record-architecture-decisions.md"
    root = project_with(tmp_path, {old: ADR_TOOLS})
    new = run(root, ["new", "adr", "Use Postgres", "--supersedes", "ADR-0001"])
    assert (new.returncode, new.stdout) == (0, "adr/0002-use-postgres.md\n"), new.stderr
    linked = ADR_TOOLS.replace("\nAccepted\n", "\nAccepted\n\nSuperseded by [2. Use Postgres](0002-use-postgres.md)\n", 1)
    assert (root / old).read_text() == linked
    status = run(root, ["status", "ADR-0001", "deprecated"])
    assert (status.returncode, status.stdout, status.stderr) == (0, f"{old}: accepted -> deprecated\n", "")
    assert (root / old).read_text() == linked.replace("\nAccepted\n", "\nDeprecated\n", 1)


def test_a_record_that_cannot_be_read_is_not_edited(tmp_path):
    root = project_with(tmp_path, {"adr/0001-a.md": "---\nstatus: [accepted\n---\n# A\n\nText.\n"})
    before = snapshot(root)
    new = run(root, ["new", "adr", "B", "--supersedes", "ADR-0001"])
    assert (new.returncode, new.stdout, new.stderr) == (
        1, "", "decisions: adr/0001-a.md cannot be read as a record; fix it first ('decisions lint' says why)\n"
    )
    assert snapshot(root) == before


@pytest.mark.parametrize(
    ("character", "written"),
    [
        ("\x1f", "\\x1f"), ("\x7f", "\\x7f"), ("\x9f", "\\x9f"),  # C0, DEL, C1: escaped
        ("\xa0", "\xa0"), ("\xff", "\xff"), ("\u0100", "\u0100"),  # printable from U+00A0 on
        ("\ud7ff", "\ud7ff"), ("\ud800", "\\ud800"),  # a lone surrogate is escaped
        ("\ue000", "\ue000"), ("\ufffd", "\ufffd"), ("\ufffe", "\\ufffe"), ("\uffff", "\\uffff"),
        ("\U00010000", "\U00010000"), ("\U0001f600", "\U0001f600"),
        # line and paragraph separators, and a byte-order mark, are escaped; their neighbours are not
        ("\u2028", "\\u2028"), ("\u2029", "\\u2029"), ("\u202a", "\u202a"),
        ("\ufeff", "\\ufeff"), ("\uff00", "\uff00"),
    ],
)
def test_quoting_escapes_exactly_the_characters_yaml_would_not_keep(character, written):
    assert scalar("a" + character) == f'"a{written}"'


# -- the write path itself, in process ------------------------------------------


def _leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


def test_replace_keeps_the_mode_and_a_new_file_gets_the_umasks(tmp_path):
    old = tmp_path / "old.md"
    old.write_bytes(b"old")
    old.chmod(0o640)
    write.replace(old, b"new", b"old")
    assert old.read_bytes() == b"new" and old.stat().st_mode & 0o7777 == 0o640
    umask = os.umask(0o027)
    try:
        write.replace(tmp_path / "new.md", b"fresh", exclusive=True)
    finally:
        os.umask(umask)
    assert (tmp_path / "new.md").read_bytes() == b"fresh"
    assert (tmp_path / "new.md").stat().st_mode & 0o7777 == 0o640
    assert _leftovers(tmp_path) == []


def test_replace_refuses_changed_or_taken_files_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "0001-x.md"
    path.write_bytes(b"theirs")
    with pytest.raises(write.FileChanged) as changed:
        write.replace(path, b"mine", b"what we read", shown="adr/0001-x.md")
    assert str(changed.value) == (
        "adr/0001-x.md: it changed on disk after it was read, so it was not overwritten; run the command again"
    )
    assert changed.value.path == "adr/0001-x.md"
    with pytest.raises(FileExistsError):
        write.replace(path, b"mine", exclusive=True)
    assert path.read_bytes() == b"theirs" and _leftovers(tmp_path) == []


def test_replace_says_what_failed_and_leaves_the_file_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "0001-x.md"
    path.write_bytes(b"old")

    def failing(*args, **kwargs):
        raise OSError(5, "Input/output error")

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", failing)
        with pytest.raises(write.WriteError) as error:
            write.replace(path, b"new", b"old")
    assert str(error.value) == f"{path}: cannot write it (Input/output error); it was left as it was"
    assert error.value.reason == "cannot write it (Input/output error); it was left as it was"
    with monkeypatch.context() as patch:
        patch.setattr(os, "link", failing)
        with pytest.raises(write.WriteError) as error:
            write.replace(tmp_path / "new.md", b"new", shown="adr/new.md", exclusive=True)
    assert str(error.value) == "adr/new.md: cannot create it (Input/output error)"
    assert path.read_bytes() == b"old" and not (tmp_path / "new.md").exists()
    assert _leftovers(tmp_path) == []
    with pytest.raises(write.WriteError) as error:
        write.replace(tmp_path / "missing" / "new.md", b"new", shown="adr/missing/new.md")
    assert str(error.value).startswith("adr/missing/new.md: cannot write beside it: ")


def test_apply_removes_what_it_created_when_a_later_step_fails(tmp_path, monkeypatch):
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    second.write_bytes(b"b")
    replace = write.replace

    def then_another_writer(path, *args, **kwargs):
        replace(path, *args, **kwargs)
        second.write_bytes(b"changed meanwhile")  # after `a.md` is made, before `b.md` is written

    with monkeypatch.context() as patch:
        patch.setattr(write, "replace", then_another_writer)
        with pytest.raises(write.FileChanged):
            write.apply([write.create(tmp_path, "a.md", b"a"), write.edit(tmp_path, "b.md", b"b", b"B")])
    assert not first.exists() and second.read_bytes() == b"changed meanwhile"
    write.apply([write.create(tmp_path, "a.md", b"a"), write.remove(tmp_path, "b.md", b"changed meanwhile")])
    assert first.read_bytes() == b"a" and not second.exists()
    assert write.record_bytes("é", bom=True) == b"\xef\xbb\xbf\xc3\xa9" and write.record_bytes("x", bom=False) == b"x"
