"""Text as a YAML scalar that reads back as the same text.

Authoring writes values into frontmatter (people's names, titles, statuses,
ids) without re-serialising the file, so it needs one rule for when a value
may stand bare. The rule is strict: a bare value is read the same by our
reader, by PyYAML and by any YAML 1.1 or 1.2 tool a team may run over the
files, in block or in flow context (`[a, b]`). Everything else is written
double-quoted, with every character YAML would not keep as it is escaped.
"""

from __future__ import annotations

import re

#: bare only: starts with a letter, holds letters, digits, spaces and `._/-`,
#: ends with no space (so no `: `, ` #`, flow punctuation or leading indicator)
_PLAIN = re.compile(r"[A-Za-z](?:[A-Za-z0-9 ._/-]*[A-Za-z0-9._/-])?")

#: words some YAML reads as booleans or null (YAML 1.1 has y/n, yes/no, on/off);
#: compared in lower case, which is stricter than any YAML's list
_RESERVED = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})

#: escapes YAML's double-quoted style knows, for the characters that need one
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}


def scalar(value: str) -> str:
    """`value` bare when that is safe (`Ann`, `ADR-0003`, `in-review`), else double-quoted.

    Numbers, dates and times (`010`, `1e3`, `2026-01-01`, `12:30`), booleans
    and null in any case, `~`, and text with a leading indicator or a
    `: ` or ` #` inside are quoted.
    """
    if _PLAIN.fullmatch(value) and value.lower() not in _RESERVED:
        return value
    return '"' + "".join(_escaped(character) for character in value) + '"'


def _escaped(character: str) -> str:
    if character in _ESCAPES:
        return _ESCAPES[character]
    code = ord(character)
    printable = 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or code >= 0x10000
    # line and paragraph separators fold like line breaks; a byte-order mark may be dropped
    if printable and code not in (0x2028, 0x2029, 0xFEFF):
        return character
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
