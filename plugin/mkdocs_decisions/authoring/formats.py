"""How each record format writes what the authoring commands change.

`decisions new` writes a record in its kind's own format, and `new
--supersedes`, `status` and `lint --fix` edit each record in its own:

* native records, and MADR 4 records (YAML frontmatter with MADR's names),
  are edited in their frontmatter, one value at a time (`fix`);
* adr-tools records get link lines in their `## Status` section, as
  adr-tools writes them: `Superseded by [3. Use X](0003-use-x.md)`;
* MADR 2/3 and log4brains records (`- Status: accepted` bullets) get a
  bullet in their `## Links` section, and a superseded record the status
  MADR's template gives it, `superseded by [ADR-0003](0003-use-x.md)`;
* inline records (`**Status**: Accepted`) get a bold field line under the
  others: `**Superseded by**: [ADR-0003](0003-use-x.md)`.

A status is written in the case the record writes its own (`Accepted`
becomes `Superseded`). What a format has no place for is refused, never
written where its reader would not find it.
"""

from __future__ import annotations

import collections
import dataclasses
import posixpath
import re
from typing import TYPE_CHECKING, Mapping, Sequence

from ..dates import parse_date
from ..readers import fields, markdown
from . import AuthoringError
from .quoting import scalar

if TYPE_CHECKING:
    from ..archive import Archive
    from ..config import KindSettings
    from ..model import Record

#: the formats the authoring commands can write (other readers' formats are read-only)
WRITABLE = ("native", "madr", "adr-tools", "inline")

#: each relation as a link line starts in the formats that write relations as text
PHRASES = {
    "supersedes": "Supersedes",
    "superseded_by": "Superseded by",
    "amends": "Amends",
    "amended_by": "Amended by",
    "relates_to": "Relates to",
}

#: where each format keeps the people `decisions new --author` names (None: nowhere)
_PEOPLE_LINES = {"deciders": "Deciders", "authors": "Authors", "reviewers": "Reviewers"}

_STATUS_SECTION = re.compile(r"^##\s+Status\s*$", re.IGNORECASE)
_LINKS_SECTION = re.compile(r"^##\s+Links\s*$", re.IGNORECASE)
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
_BULLET = re.compile(r"^\s*[-*+]\s+")
_BOLD_FIELD = re.compile(r"^(\s*(?:>\s*)?(?:[-*+]\s+)?)\*\*([^*\n]+?)(:\*\*|\*\*\s*:)")


@dataclasses.dataclass(frozen=True)
class Style:
    """How a kind's records are written, taken from the records it has."""

    format: str = "native"
    #: MADR: metadata in YAML frontmatter (MADR 4), else as `- Status:` bullets
    yaml: bool = True
    #: the list marker of MADR's metadata bullets
    bullet: str = "-"
    #: statuses written with a capital (`Accepted`), as adr-tools writes them
    capitalised: bool = False
    #: inline: `**Status:** x` rather than `**Status**: x`
    colon_inside: bool = False
    #: files named by date, as log4brains names them (`20260301-slug.md`)
    date_named: bool = False
    #: where new records go, relative to the project
    folder: str = ""


def style_for(archive: Archive, kind: KindSettings) -> Style:
    """The style of the kind's records: its `format` option when not `auto`,
    else the format most of its records are written in (ties: the newest's)."""
    records = [r for r in archive.ordered(kind.name) if r.readable]
    if kind.format != "auto":
        name = kind.format
    elif records:
        counts = collections.Counter(r.format for r in records)
        latest = {r.format: index for index, r in enumerate(records)}
        name = max(counts, key=lambda f: (counts[f], latest[f]))
    else:
        name = "native"
    if name not in WRITABLE:
        raise AuthoringError(
            f"the {kind.name} records are in {name} format, which 'decisions new' cannot write; "
            f"it writes {', '.join(WRITABLE)}"
        )
    same = [r for r in records if r.format == name]
    folder = "" if kind.directory == "." else kind.directory  # as `archive.discover` joins it into record paths
    if same and not any(r.path.rpartition("/")[0] == folder for r in records):
        # records only in folders below it (log4brains): the folder holding most of them
        folders = [r.path.rpartition("/")[0] for r in same]
        counts = collections.Counter(folders)
        folder = max(counts, key=lambda f: (counts[f], max(i for i, g in enumerate(folders) if g == f)))
    if not same:
        return Style(name, folder=folder, capitalised=name in ("adr-tools", "inline"))
    exemplar = same[-1]
    written = exemplar.value("status")
    bullet = re.search(r"(?im)^\s*([-*+])\s+(?:\*\*)?status\b", exemplar.text)
    return Style(
        format=name,
        yaml=exemplar.frontmatter_span is not None,
        bullet=bullet.group(1) if bullet else "-",
        capitalised=isinstance(written, str) and written[:1].isupper(),
        colon_inside=re.search(r"(?im)^\s*(?:>\s*)?(?:[-*+]\s+)?\*\*status:\*\*", exemplar.text) is not None,
        date_named=sum(fields.is_date_number(r.file_number or "") for r in same) * 2 > len(same),
        folder=folder,
    )


def writes_frontmatter(style: Style) -> bool:
    return style.format == "native" or (style.format == "madr" and style.yaml)


def people_key(style: Style, wanted: str) -> str | None:
    """The key the people go under in this style, or None when it has no place for them."""
    if writes_frontmatter(style):
        return "decision-makers" if style.format == "madr" and wanted == "deciders" else wanted
    if style.format == "inline" and wanted in _PEOPLE_LINES:
        return wanted
    if style.format == "madr" and wanted == "deciders":
        return wanted
    return None


# -- a new record ----------------------------------------------------------------------


def render(
    style: Style,
    template: str,
    *,
    path: str,
    file_number: str,
    title: str,
    date: str,
    status: str,
    people_key: str | None,
    people: Sequence[str],
    supersedes: Sequence[Record],
) -> str:
    """A new record in a style other than native: its metadata in the
    style's own shape, then the template's sections (its frontmatter and its
    `# [Title]` heading are replaced)."""
    match = re.match(r"---[ \t]*\r?\n.*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)", template, re.DOTALL)
    body = template[match.end() :] if match else template
    nl = "\r\n" if "\r\n" in template else "\n"
    body = body.lstrip("\r\n")
    if re.match(r"# ", body):
        body = body.partition("\n")[2].lstrip("\r\n")
    shown = _cased(status, style)
    links = [_link(style, path, target) for target in supersedes]
    head: list[str] = []
    tail: list[str] = []
    if style.format == "adr-tools":
        number = _adr_tools_number(file_number)
        head = [f"# {number}. {title}" if number else f"# {title}", "", f"Date: {date}", "", "## Status", "", shown, ""]
        for link in links:
            head += [f"{PHRASES['supersedes']} {link}", ""]
    elif style.format == "madr" and style.yaml:
        lines = [f"status: {scalar(shown)}", f"date: {date}"]
        lines.append(f"{people_key or 'decision-makers'}: [{', '.join(scalar(n) for n in people)}]")
        if supersedes:
            lines.append(f"supersedes: [{', '.join(scalar(t.id or '') for t in supersedes)}]")
        head = ["---", *lines, "---", f"# {title}", ""]
    elif style.format == "madr":
        b = style.bullet
        head = [f"# {title}", "", f"{b} Status: {shown}"]
        if people and people_key:
            head.append(f"{b} Deciders: {', '.join(people)}")
        head += [f"{b} Date: {date}", ""]
        if links:
            tail = ["", "## Links", "", *(f"{b} {PHRASES['supersedes']} {link}" for link in links)]
    elif style.format == "inline":
        head = [f"# {title}", "", _bold("Status", shown, style), _bold("Date", date, style)]
        if people and people_key:
            head.append(_bold(_PEOPLE_LINES[people_key], ", ".join(people), style))
        if links:
            head.append(_bold(PHRASES["supersedes"], ", ".join(links), style))
        head.append("")
    else:  # pragma: no cover - style_for refuses the others
        raise AuthoringError(f"'decisions new' cannot write {style.format} records")
    text = nl.join(head) + nl + body
    if tail:
        text = text.rstrip("\r\n") + nl + nl.join(tail) + nl
    return text


def _bold(key: str, value: str, style: Style) -> str:
    return f"**{key}:** {value}" if style.colon_inside else f"**{key}**: {value}"


def _adr_tools_number(file_number: str) -> str:
    """The number an adr-tools heading shows (`0042` -> `42`); none for a
    record named by its date, whose heading has no number to agree with."""
    if fields.is_date_number(file_number or ""):
        return ""
    digits = re.match(r"\d+", file_number or "")
    return (digits.group().lstrip("0") or "0") + file_number[digits.end() :] if digits else ""


# -- edits of records that exist -------------------------------------------------------


def splice(
    record: Record,
    key: str,
    action: str,
    values: list[str],
    by_id: Mapping[str, Record],
    successors: Sequence[str] = (),
) -> tuple[int, int, str]:
    """One edit of `record` as (start, end, replacement): `values` set as
    `key` (`replace`) or added to its list (`append`), in the record's format.

    `successors` are the records a record being marked superseded is
    superseded by (MADR writes them in its status)."""
    if action == "replace":
        return _replace(record, key, values[-1], by_id, successors)
    if _in_yaml(record, key):
        return _append_yaml(record, key, [scalar(value) for value in values])
    targets = [_target(by_id, value) for value in values]
    if record.format == "adr-tools":
        return _append_adr_tools(record, key, targets)
    if record.format == "madr":
        return _append_madr(record, key, targets)
    if record.format == "inline":
        return _append_inline(record, key, targets)
    raise AuthoringError(f"{record.path} is in {record.format} format, which has no place for '{key}'")


def editable(record: Record, key: str) -> str | None:
    """Why `key` of `record` cannot be written, or None when it can."""
    if not record.readable or any(p.kind == "yaml-syntax" for p in record.problems):
        return f"{record.path} cannot be read as a record; fix it first ('decisions lint' says why)"
    if record.format not in WRITABLE:
        return f"{record.path} is in {record.format} format, which the decisions command does not edit"
    if _in_yaml(record, key):
        return None
    if key == "status":
        if "status" not in record.fields:
            return f"{record.path} has no status line to change; write one by hand first"
        return None
    if key in PHRASES and record.format in ("adr-tools", "madr", "inline"):
        if record.format == "adr-tools" and _status_section(record) is None:
            return f"{record.path} has no '## Status' section to add a '{key}' link to"
        if record.format == "inline" and not _bold_lines(record):
            return f"{record.path} has no '**Status**:' line to add a '{key}' line under"
        return None
    return f"{record.path} is in {record.format} format, which has no place for '{key}'; run 'decisions migrate --to native' first"


def _in_yaml(record: Record, key: str) -> bool:
    """True when `key` belongs in the record's YAML frontmatter (native, MADR 4)."""
    if record.frontmatter_span is None:
        return False
    if record.format == "native":
        return True
    field = record.fields.get(key)
    if field is None:
        # MADR 4 with frontmatter keeps its status there; bullets keep theirs in the text
        return key != "status" or not _has_status_bullet(record)
    return field.value_span.start < record.frontmatter_span[1]


def _has_status_bullet(record: Record) -> bool:
    return re.search(r"(?im)^\s*[-*+]\s+(?:\*\*)?status(?:\*\*)?\s*:", record.body) is not None


def _target(by_id: Mapping[str, Record], record_id: str) -> Record:
    target = by_id.get(record_id)
    if target is None:
        raise AuthoringError(f"no record with id '{record_id}' to link to")
    return target


def _replace(
    record: Record, key: str, value: str, by_id: Mapping[str, Record], successors: Sequence[str]
) -> tuple[int, int, str]:
    field = record.fields.get(key)
    if record.format == "madr" and key == "status" and successors and value == "superseded":
        value = "superseded by " + ", ".join(
            successor if _in_yaml(record, key) else _link_for(record, _target(by_id, successor))
            for successor in successors
        )
    if _in_yaml(record, key):
        written = value if parse_date(value) else scalar(value)  # a date bare, as `date:` is written
        if field is None:
            return _append_yaml_line(record, f"{key}: {written}")
        span = field.value_span
        return span.start, span.end, written
    if field is None:
        raise AuthoringError(f"{record.path} has no '{key}' to change")
    span = field.value_span
    written = record.text[span.start : span.end]
    return span.start, span.end, _like(value, written) if key == "status" else value


def _append_yaml(record: Record, key: str, values: list[str]) -> tuple[int, int, str]:
    text = record.text
    field = record.fields.get(key)
    if field is None:
        return _append_yaml_line(record, f"{key}: [{', '.join(values)}]")
    span = field.value_span
    if field.style == "flow":
        closing = text.rindex("]", span.start, span.end)
        before = text[span.start : closing].rstrip()
        separator = " " if before.endswith(",") else ", " if field.items_at else ""
        return closing, closing, separator + ", ".join(values)
    if field.style == "block" and field.item_spans:
        last = field.item_spans[-1]
        line_start = text.rfind("\n", 0, last.start) + 1
        # the item's indent and dash, with a space after it even when the last item is empty (`  -`)
        prefix = text[line_start : last.start].rstrip() + " "
        line_end = text.find("\n", last.end)
        insert_at = len(text) if line_end < 0 else line_end + 1
        lines = "".join(f"{prefix}{value}{_newline(record)}" for value in values)
        return insert_at, insert_at, lines
    if field.value is None:
        lead = " " if text[span.start - 1 : span.start] == ":" else ""
        return span.start, span.end, f"{lead}[{', '.join(values)}]"
    written = text[span.start : span.end]
    return span.start, span.end, f"[{', '.join([written, *values])}]"


def append_yaml_items(record: Record, key: str, items: list[str]) -> tuple[int, int, str]:
    """Items written as YAML already (`{by: ann, date: 2026-01-09}`) added to
    the list `key` of a record whose fields are YAML frontmatter, in the list's
    own style; refused (AuthoringError) where the format has no frontmatter."""
    if not record.readable or not _in_yaml(record, key):
        raise AuthoringError(f"{record.path} is in {record.format} format, which has no place for '{key}'; "
                             "run 'decisions migrate --to native' first")
    return _append_yaml(record, key, items)


def _append_yaml_line(record: Record, line: str) -> tuple[int, int, str]:
    assert record.frontmatter_span is not None
    end = record.frontmatter_span[1]
    line += _newline(record)
    if end > 0 and record.text[end - 1] != "\n":
        line = _newline(record) + line
    return end, end, line


def _append_adr_tools(record: Record, key: str, targets: list[Record]) -> tuple[int, int, str]:
    """`Superseded by [3. Use X](0003-use-x.md)` at the end of the `## Status`
    section, a paragraph of its own, as adr-tools adds its links."""
    found = _status_section(record)
    if found is None:
        raise AuthoringError(f"{record.path} has no '## Status' section to add a '{key}' link to")
    nl = _newline(record)
    lines = "".join(f"{nl}{nl}{PHRASES[key]} {_link_for(record, target)}" for target in targets)
    return found, found, lines


def _status_section(record: Record) -> int | None:
    """Where the `## Status` section's last line of text ends (or its heading, if it has none)."""
    end = None
    for _, offset, line in markdown.lines(record.text):
        if end is not None and _HEADING.match(line):
            break
        if _STATUS_SECTION.match(line):
            end = offset + len(line)
        elif end is not None and line.strip():
            end = offset + len(line)
    return end


def _append_madr(record: Record, key: str, targets: list[Record]) -> tuple[int, int, str]:
    """`- Superseded by [ADR-0003](0003-use-x.md)` in the `## Links` section
    (MADR 2's template has one), which is added at the end when missing."""
    nl = _newline(record)
    bullet = _bullet_of(record)
    items = [f"{bullet} {PHRASES[key]} {_link_for(record, target)}" for target in targets]
    text = record.text
    section_end, in_links, last_is_item = None, False, False
    for _, offset, line in markdown.lines(text, record.body_start, record.body_line):
        if _HEADING.match(line):
            if in_links:
                break
            in_links = bool(_LINKS_SECTION.match(line))
            if in_links:
                section_end, last_is_item = offset + len(line), False
            continue
        if in_links and line.strip():
            section_end, last_is_item = offset + len(line), bool(_BULLET.match(line))
    if section_end is not None:
        lead = nl if last_is_item else nl + nl
        return section_end, section_end, lead + nl.join(items)
    end = len(text.rstrip("\r\n \t"))
    return end, len(text), nl + nl + "## Links" + nl + nl + nl.join(items) + nl


def _bullet_of(record: Record) -> str:
    found = re.search(r"(?im)^\s*([-*+])\s+(?:\*\*)?(?:status|deciders|date)\b", record.text)
    return found.group(1) if found else "-"


def _append_inline(record: Record, key: str, targets: list[Record]) -> tuple[int, int, str]:
    """`**Superseded by**: [ADR-0003](0003-use-x.md)` under the record's
    other bold fields, or added to that line when it is there already."""
    links = [_link_for(record, target) for target in targets]
    found = _bold_lines(record)
    if not found:
        raise AuthoringError(f"{record.path} has no '**Status**:' line to add a '{key}' line under")
    for offset, line, match in found:
        if " ".join(match.group(2).lower().split()) == PHRASES[key].lower():
            end = offset + len(line.rstrip())
            return end, end, ", " + ", ".join(links)
    offset, line, match = found[-1]
    end = offset + len(line)
    colon_inside = match.group(3) == ":**"
    bold = f"**{PHRASES[key]}:**" if colon_inside else f"**{PHRASES[key]}**:"
    return end, end, f"{_newline(record)}{match.group(1)}{bold} {', '.join(links)}"


def _bold_lines(record: Record) -> list[tuple[int, str, re.Match[str]]]:
    """The bold field lines before the first `##` heading: (offset, line, match)."""
    found = []
    for _, offset, line in markdown.lines(record.text, record.body_start, record.body_line):
        if line.startswith("## "):
            break
        match = _BOLD_FIELD.match(line)
        if match:
            found.append((offset, line, match))
    return found


def _link(style: Style, path: str, target: Record) -> str:
    """A markdown link from the record at `path` (in `style`) to `target`."""
    href = posixpath.relpath(target.path, posixpath.dirname(path) or ".")
    if style.format == "adr-tools":
        number = _adr_tools_number(target.file_number or "")
        text = f"{number}. {target.title}" if number and target.title else target.title or target.id or href
    elif fields.is_date_number(target.file_number or ""):
        text = target.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]  # log4brains links by file name
    else:
        text = target.id or href
    text = re.sub(r"[\[\]]", "", text)
    return f"[{text}]({href.replace(' ', '%20').replace(')', '%29')})"


def _link_for(record: Record, target: Record) -> str:
    return _link(Style(record.format), record.path, target)


def _cased(status: str, style: Style) -> str:
    return status[:1].upper() + status[1:] if style.capitalised else status


def _like(value: str, written: str) -> str:
    """`value` in the case `written` is in: `Accepted` -> `Superseded`, `ACCEPTED` -> `SUPERSEDED`."""
    if len(written) > 1 and written.isupper():
        return value.upper()
    if written[:1].isupper():
        return value[:1].upper() + value[1:]
    return value


def _newline(record: Record) -> str:
    return "\r\n" if "\r\n" in record.text[:4000] else "\n"
