"""The one write path of the authoring commands (`authoring.write`).

Every command that writes records goes through `write.apply` (or
`write.replace`): a file is checked against the bytes that were read before
anything is written, a new file never takes the place of one that exists,
and a failed write leaves the files as they were and names the file, as the
project shows it, in its message.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest

from mkdocs_decisions.authoring import write


def listing(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_record_bytes_puts_the_byte_order_mark_back_and_encodes_utf8():
    """A record read from a file with a BOM is written with it, and without one when it had none."""
    assert write.record_bytes("# Ünïcode\n", True) == b"\xef\xbb\xbf# \xc3\x9cn\xc3\xafcode\n"
    assert write.record_bytes("# Ünïcode\n", False) == b"# \xc3\x9cn\xc3\xafcode\n"


def test_a_new_file_gets_the_permissions_the_umask_gives(tmp_path):
    """A created record is readable by the group and others, as a file the user's editor makes would be."""
    (tmp_path / "adr").mkdir()
    previous = os.umask(0o022)
    try:
        write.apply([write.create(tmp_path, "adr/0001-a.md", b"new\n")])
    finally:
        os.umask(previous)
    created = tmp_path / "adr/0001-a.md"
    assert created.read_bytes() == b"new\n"
    assert stat.S_IMODE(created.stat().st_mode) == 0o644
    assert listing(tmp_path / "adr") == ["0001-a.md"]  # no temporary file left


def test_a_replaced_file_keeps_its_permissions(tmp_path):
    """Editing a record does not change who may read or write it."""
    target = tmp_path / "0001-a.md"
    target.write_bytes(b"old\n")
    os.chmod(target, 0o600)
    write.apply([write.edit(tmp_path, "0001-a.md", b"old\n", b"new\n")])
    assert target.read_bytes() == b"new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert listing(tmp_path) == ["0001-a.md"]


def test_a_new_file_whose_name_is_taken_is_refused_with_its_name(tmp_path):
    """`create` never overwrites: the error names the file as the project shows it."""
    (tmp_path / "0001-a.md").write_bytes(b"someone else's\n")
    with pytest.raises(FileExistsError) as raised:
        write.apply([write.create(tmp_path, "0001-a.md", b"mine\n")])
    assert raised.value.args == ("0001-a.md",)
    assert (tmp_path / "0001-a.md").read_bytes() == b"someone else's\n"


def test_two_writes_creating_the_same_file_leave_nothing_behind(tmp_path):
    """The second creation finds the name taken (it is linked, never moved, into place),
    and the file the first one made is removed again: no step half done."""
    writes = [write.create(tmp_path, "0001-a.md", b"first\n"), write.create(tmp_path, "0001-a.md", b"second\n")]
    with pytest.raises(FileExistsError):
        write.apply(writes)
    assert listing(tmp_path) == []


def test_a_removed_file_that_changed_is_not_removed_and_is_named(tmp_path):
    """`remove` checks the bytes it read, like an edit, and says which file changed."""
    (tmp_path / "0001-a.md").write_bytes(b"edited meanwhile\n")
    with pytest.raises(write.FileChanged) as raised:
        write.apply([write.remove(tmp_path, "0001-a.md", b"as read\n")])
    assert str(raised.value) == (
        "0001-a.md: it changed on disk after it was read, so it was not overwritten; run the command again"
    )
    assert raised.value.path == "0001-a.md"
    assert (tmp_path / "0001-a.md").read_bytes() == b"edited meanwhile\n"


def test_an_edited_file_that_was_deleted_counts_as_changed(tmp_path):
    """A file deleted since it was read is not written back: the command says it changed."""
    with pytest.raises(write.FileChanged) as raised:
        write.apply([write.edit(tmp_path, "adr/0001-a.md", b"as read\n", b"new\n")])
    assert str(raised.value) == (
        "adr/0001-a.md: it changed on disk after it was read, so it was not overwritten; run the command again"
    )
    assert raised.value.path == "adr/0001-a.md"
    assert listing(tmp_path) == []


def test_a_file_that_cannot_be_read_again_is_named_with_the_reason(tmp_path):
    """A record replaced by a folder since it was read is not written; the message names it and why."""
    (tmp_path / "0001-a.md").mkdir()
    other = tmp_path / "0002-b.md"
    other.write_bytes(b"old\n")
    writes = [write.edit(tmp_path, "0002-b.md", b"old\n", b"new\n"), write.edit(tmp_path, "0001-a.md", b"x\n", b"y\n")]
    with pytest.raises(write.WriteError) as raised:
        write.apply(writes)
    reason = f"cannot read it again: [Errno 21] Is a directory: '{tmp_path / '0001-a.md'}'"
    assert (raised.value.path, raised.value.reason) == ("0001-a.md", reason)
    assert str(raised.value) == f"0001-a.md: {reason}"
    assert other.read_bytes() == b"old\n"  # checked first, so nothing was written


def test_replace_says_when_the_file_cannot_be_looked_at(tmp_path):
    """A path through a file (not a folder) is refused before anything is written."""
    (tmp_path / "notes").write_bytes(b"a file\n")
    path = tmp_path / "notes" / "0001-a.md"
    with pytest.raises(write.WriteError) as raised:
        write.replace(path, b"new\n", shown="notes/0001-a.md")
    reason = f"cannot read it again: [Errno 20] Not a directory: '{path}'"
    assert (raised.value.path, raised.value.reason) == ("notes/0001-a.md", reason)
    assert str(raised.value) == f"notes/0001-a.md: {reason}"


def test_the_temporary_file_is_a_hidden_tmp_file_beside_the_target(tmp_path):
    """The temporary file is `.NAME.<random>.tmp` in the target's folder (hidden, and
    ignored as a record), as the error of a folder that is gone shows."""
    path = tmp_path / "gone" / "0001-a.md"
    with pytest.raises(write.WriteError) as raised:
        write.replace(path, b"new\n", shown="gone/0001-a.md")
    assert raised.value.path == "gone/0001-a.md"
    pattern = rf"cannot write beside it: \[Errno 2\] No such file or directory: '{re.escape(str(path.parent))}/\.0001-a\.md\.[^/.]+\.tmp'"
    assert re.fullmatch(pattern, raised.value.reason), raised.value.reason


def test_replace_without_a_shown_name_names_the_path(tmp_path):
    """Called on its own, `replace` names the path it was given."""
    path = tmp_path / "gone" / "0001-a.md"
    with pytest.raises(write.WriteError) as raised:
        write.replace(path, b"new\n")
    assert raised.value.path == str(path)


def test_replace_with_expected_bytes_refuses_a_file_changed_meanwhile(tmp_path):
    """`replace(expected=...)` leaves a file alone that no longer holds what was read."""
    path = tmp_path / "0001-a.md"
    path.write_bytes(b"edited meanwhile\n")
    with pytest.raises(write.FileChanged) as raised:
        write.replace(path, b"new\n", b"as read\n", shown="0001-a.md")
    assert raised.value.path == "0001-a.md"
    assert path.read_bytes() == b"edited meanwhile\n"
    assert listing(tmp_path) == ["0001-a.md"]
    write.replace(path, b"new\n", b"edited meanwhile\n", shown="0001-a.md")
    assert path.read_bytes() == b"new\n"


def test_a_failed_step_tolerates_a_new_file_already_gone(tmp_path):
    """If another program deletes a file this command just created before a later step fails,
    the command still reports that later step's failure (not a missing file).

    The other program is a thread that feeds two named pipes the command checks, in
    the order it reads them: each write waits for the command to open the pipe, so
    the thread deletes the new file exactly when the edit checks its file again."""
    import threading

    edited, removed = tmp_path / "0002-b.md", tmp_path / "0003-c.md"
    os.mkfifo(edited)
    os.mkfifo(removed)
    created = tmp_path / "0001-a.md"

    def other_program() -> None:
        with open(edited, "wb") as pipe:  # the first check of each file
            pipe.write(b"as read\n")
        with open(removed, "wb") as pipe:
            pipe.write(b"as read\n")
        with open(edited, "wb") as pipe:  # the check just before the edit replaces it
            created.unlink()
            pipe.write(b"edited meanwhile\n")

    thread = threading.Thread(target=other_program, daemon=True)
    thread.start()
    writes = [
        write.create(tmp_path, "0001-a.md", b"new\n"),
        write.edit(tmp_path, "0002-b.md", b"as read\n", b"fixed\n"),
        write.remove(tmp_path, "0003-c.md", b"as read\n"),
    ]
    with pytest.raises(write.FileChanged) as raised:
        write.apply(writes)
    thread.join(timeout=60)
    assert raised.value.path == "0002-b.md"
    assert listing(tmp_path) == ["0002-b.md", "0003-c.md"]  # the two pipes, no temporary file
