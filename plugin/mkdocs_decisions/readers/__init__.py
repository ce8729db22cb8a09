"""Readers turn a file into a `Record`, keeping where every value was written.

`read_record` does what every format needs (size limit, binary and encoding
checks) and then hands the text to the format's reader. Only the native
YAML-frontmatter format exists so far.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..config import KindSettings
from ..ids import IdScheme, file_number, slug_of
from ..model import FILE_START, Position, ReadProblem, Record
from . import native

#: files larger than this are reported, not read
MAX_FILE_BYTES = 1024 * 1024


def read_record(
    path: str | Path, relative: str, kind: KindSettings, scheme: IdScheme, refusal: str | None = None
) -> Record:
    """Read one record file; problems are recorded on the record, never raised.

    `refusal` says why the file must not be opened at all (a link leading out
    of the project); the record then carries only that problem.
    """
    stem = relative.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    number = file_number(stem)
    record = Record(
        path=relative,
        kind=kind.name,
        file_number=number[0] + number[1] if number else None,
        slug=slug_of(stem),
    )
    if refusal:
        record.problems.append(ReadProblem("unreadable-file", FILE_START, refusal))
        return record
    text = _load_text(path, record)
    if text is None:
        return record
    native.read(record, text, kind, scheme)
    return record


def _load_text(path: str | Path, record: Record) -> str | None:
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_FILE_BYTES:
                record.problems.append(
                    ReadProblem(
                        "file-too-large",
                        FILE_START,
                        f"{size} bytes is more than the {MAX_FILE_BYTES} bytes a record may have",
                    )
                )
                return None
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        record.problems.append(ReadProblem("unreadable-file", FILE_START, error.strerror or str(error)))
        return None
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
