"""The markdown conventions records are read by: code fences (nothing in
them counts), level-one headings (a record's title) and links."""

from __future__ import annotations

import re
from typing import Iterator

from ..model import Position

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX_H1 = re.compile(r"^ {0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_ANY_H1 = re.compile(r"^ {0,3}#[ \t]+\S", re.MULTILINE)
_ANY_FENCE = re.compile(r"^ {0,3}(?:`{3,}|~{3,})", re.MULTILINE)

#: a markdown link: [text](href "title")
MARKDOWN_LINK = re.compile(r"\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


def lines(text: str, start: int = 0, first_line: int = 1) -> Iterator[tuple[int, int, str]]:
    """(line number, offset, line without its line break) outside code fences."""
    fence = ""
    offset = start
    for number, raw in enumerate(text[start:].splitlines(keepends=True), start=first_line):
        line = raw.rstrip("\r\n")
        marker = FENCE.match(line)
        if fence:
            if marker and marker.group(1)[0] == fence[0] and len(marker.group(1)) >= len(fence):
                fence = ""
        elif marker:
            fence = marker.group(1)
        else:
            yield number, offset, line
        offset += len(raw)


def first_heading(text: str, start: int, first_line: int) -> tuple[str, Position] | None:
    """The first level-one ATX heading, outside code fences."""
    candidate = _ANY_H1.search(text, start)
    if candidate and not _ANY_FENCE.search(text, start, candidate.start()):
        line_end = text.find("\n", candidate.start())
        line = text[candidate.start() : line_end if line_end >= 0 else len(text)].rstrip("\r")
        heading = _ATX_H1.match(line)
        if heading:
            number = first_line + text.count("\n", start, candidate.start())
            return heading.group(1), Position(number, heading.start(1) + 1)
    for number, _, line in lines(text, start, first_line):
        heading = _ATX_H1.match(line)
        if heading:
            return heading.group(1), Position(number, heading.start(1) + 1)
    return None
