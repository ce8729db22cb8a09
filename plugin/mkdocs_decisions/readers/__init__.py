"""Readers turn a file into a `Record`, keeping where every value was written.

`read_record` does what every format needs (size limit, binary and encoding
checks), picks the format's reader (configured per kind, or detected per
file) and hands it the text. A reader is a function
`read(record, text, kind, scheme)` that fills in the record's fields,
status, title and links; other packages can add readers through the
`mkdocs_decisions.readers` entry point group.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import Callable

from ..config import KindSettings
from ..ids import BODY_FILES, IdScheme, file_number, record_stem, slug_of
from ..model import FILE_START, Position, ReadProblem, Record
from . import adr_tools, inline, kep, madr, native, pep, tep

def read_record(
    path: str | Path, relative: str, kind: KindSettings, scheme: IdScheme, refusal: str | None = None
) -> Record:
    """Read one record file; problems are recorded on the record, never raised.

    `refusal` says why the file must not be opened at all (a link leading out
    of the project); the record then carries only that problem.
    """
    record = _empty_record(relative, kind)
    if refusal:
        record.problems.append(ReadProblem("unreadable-file", FILE_START, refusal))
        return record
    data = _load_bytes(path, record, kind.max_file_bytes)
    if data is None:
        return record
    _parse(record, data, kind, scheme)
    body_file = BODY_FILES.get(os.path.basename(relative))
    if body_file is not None and record.readable:
        record.body_text = _body_text(_bytes_beside(Path(path).parent / body_file, kind.max_file_bytes))
    return record


def _bytes_beside(path: Path, limit: int) -> bytes:
    """The file that holds the text of a record kept in two files, beside
    its metadata; nothing when there is none (the record is its metadata)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(limit)
    except OSError:
        return b""


def _body_text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace").removeprefix("\ufeff")


def parse_record(
    data: bytes, relative: str, kind: KindSettings, scheme: IdScheme, beside: bytes | None = None
) -> Record:
    """A record from bytes that are not a file here (an older version, from
    git); `beside` is the file that holds its text when it is kept in two
    (a KEP's README.md beside its kep.yaml, `ids.BODY_FILES`)."""
    record = _empty_record(relative, kind)
    if len(data) > kind.max_file_bytes:
        record.problems.append(ReadProblem("file-too-large", FILE_START, f"{len(data)} bytes"))
        return record
    _parse(record, data, kind, scheme)
    if os.path.basename(relative) in BODY_FILES and record.readable:
        record.body_text = _body_text((beside or b"")[: kind.max_file_bytes])
    return record


def _empty_record(relative: str, kind: KindSettings) -> Record:
    stem = record_stem(relative)
    number = file_number(stem)
    return Record(
        path=relative,
        kind=kind.name,
        file_number=number[0] + number[1] if number else None,
        slug=slug_of(stem),
    )


def _parse(record: Record, data: bytes, kind: KindSettings, scheme: IdScheme) -> Record:
    text = _decode(data, record)
    if text is None:
        return record
    name = kind.format if kind.format != "auto" else detect(text)
    record.format = name
    reader = BUILTIN_READERS.get(name) or _registered_readers().get(name)
    if reader is None:
        record.problems.append(ReadProblem("unreadable-file", FILE_START, f"no reader named '{name}' is installed"))
        return record
    reader(record, text, kind, scheme)
    return record


Reader = Callable[[Record, str, KindSettings, IdScheme], None]

BUILTIN_READERS: dict[str, Reader] = {
    "native": native.read,
    "madr": madr.read,
    "adr-tools": adr_tools.read,
    "inline": inline.read,
    "pep": pep.read,
    "kep": kep.read,
    "tep": tep.read,
}

ENTRY_POINT_GROUP = "mkdocs_decisions.readers"


@functools.cache
def _registered_readers() -> dict[str, Reader]:
    """Readers other packages register (asked for only when a kind names one:
    scanning installed packages costs more than reading a small archive)."""
    import importlib.metadata

    return {
        entry.name: entry.load()
        for entry in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)
        if entry.name not in BUILTIN_READERS
    }


_RECORD_KEYS = frozenset({"status", "date", "id", "title", "deciders", "authors", "supersedes", "superseded_by"})
#: keys MADR's frontmatter never has: with one of them, a frontmatter is ours
#: (MADR 3's has `deciders`, which MADR 4 renamed `decision-makers`)
_NATIVE_KEYS = _RECORD_KEYS - {"status", "date", "deciders"}
#: MADR 3 writes its deciders as one line of names; we write a YAML list
_DECIDERS_LIST = re.compile(r"\ndeciders:[ \t]*(?:\[|\n[ \t]*-)")
_MADR4_KEYS = frozenset({"decision-makers", "consulted", "informed", "parent", "nav_order", "grand_parent", "layout"})
_HEAD_END = re.compile(r"^##\s", re.MULTILINE)


def detect(text: str) -> str:
    """The format a file is written in, from the whole of it: its frontmatter's
    keys, its field lines and its sections. MADR 3 and 4 write a frontmatter
    too, often with only `status`, `date` and MADR 3's `deciders` (a line of
    names, where ours is a list): with MADR's sections and none of our own
    keys, such a record is MADR."""
    if native.has_frontmatter(text):
        found = native.frontmatter_text(text)
        block = "\n" + (text[:2000] if found is None else found).lower()
        if any(f"\n{key}:" in block for key in _MADR4_KEYS) or not any(f"\n{key}:" in block for key in _RECORD_KEYS):
            return "madr"
        ours = any(f"\n{key}:" in block for key in _NATIVE_KEYS) or _DECIDERS_LIST.search(block)
        if not ours and _MADR_HEADINGS.search(text):
            return "madr"
        return "native"
    if re.search(r"(?im)^##\s+status\s*$", text):
        return "adr-tools"
    head_end = _HEAD_END.search(text)
    head = text[: head_end.start() if head_end else 4000]
    if re.search(r"(?im)^\s*[-*+]\s+(?:\*\*)?status(?:\*\*)?\s*:", head):
        return "madr"
    if re.search(r"(?im)^\s*(?:>\s*)?\*\*status(?::\*\*|\*\*\s*:)", head):
        return "inline"
    if _MADR_HEADINGS.search(text):
        return "madr"  # MADR leaves the status out when nobody set one
    return "native"


_MADR_HEADINGS = re.compile(r"(?im)^##\s+(?:context and problem statement|considered options|decision outcome)\s*$")


def _load_bytes(path: str | Path, record: Record, limit: int) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limit:
                record.problems.append(
                    ReadProblem(
                        "file-too-large",
                        FILE_START,
                        f"{size} bytes is more than the {limit} bytes a record may have",
                    )
                )
                return None
            data = handle.read(limit + 1)
    except OSError as error:
        record.problems.append(ReadProblem("unreadable-file", FILE_START, error.strerror or str(error)))
        return None
    return data


def _decode(data: bytes, record: Record) -> str | None:
    if b"\x00" in data:
        record.problems.append(ReadProblem("binary-file", _byte_position(data, data.index(b"\x00")), ""))
        return None
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        text = data[3 if bom else 0 :].decode("utf-8")
    except UnicodeDecodeError as error:
        start = error.start + (3 if bom else 0)
        record.problems.append(
            ReadProblem(
                "encoding",
                _byte_position(data, start),
                f"byte 0x{data[start]:02x} is not valid UTF-8",
            )
        )
        return None
    if not text.strip():
        record.problems.append(ReadProblem("empty-file", FILE_START, ""))
        return None
    record.bom = bom
    return text


def _byte_position(data: bytes, offset: int) -> Position:
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return Position(data.count(b"\n", 0, offset) + 1, column)
