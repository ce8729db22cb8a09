"""Rules about one record's frontmatter and body."""

from __future__ import annotations

import difflib
import itertools
import os
import posixpath
import re
import urllib.parse
from typing import Any

from ..config import did_you_mean
from ..dates import parse_date
from ..model import FILE_START, Fix, Position, Record, Severity
from ..readers import kep, markdown, pep
from .registry import Finding, record_rule

_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$")
_CODE_SPAN = re.compile(r"(`+)[^`]*?\1")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def has_frontmatter(record: Record) -> bool:
    """True when the frontmatter was read, so field rules can judge it."""
    return record.readable and not any(p.kind == "yaml-syntax" for p in record.problems)


@record_rule("schema")
def schema(record, archive):
    """A frontmatter value has the wrong type or shape for the kind's JSON Schema."""
    if not has_frontmatter(record):
        return
    for error in archive.schema_errors(record):
        if error.validator == "required":
            continue
        path = list(error.absolute_path)
        if not path:
            yield Finding(record, FILE_START, f"frontmatter: {error.message}")
            continue
        error = _specific(error)
        path = list(error.absolute_path)
        yield Finding(record, _position(record, path), _schema_message(path, error))


@record_rule("missing-field")
def missing_field(record, archive):
    """A field the kind requires (always, or for the record's status) is missing."""
    names = _REQUIRING.get(record.format)
    if not has_frontmatter(record) or names is None:
        return  # MADR, adr-tools and bold fields leave them optional
    missing = []
    for error in archive.schema_errors(record):
        if error.validator == "required" and not list(error.absolute_path):
            missing.extend(k for k in error.validator_value if k not in error.instance)
    for key in dict.fromkeys(missing):
        name = names.get(key, key)
        yield Finding(
            record,
            _frontmatter_start(record),
            f"missing required field '{name}'; add e.g. '{name}: {_example(record, archive, key)}'",
        )
    kind = archive.settings.kind(record.kind)
    for key in kind.required_by_status.get(record.status or "", ()):
        if record.value(key) in (None, "", []):
            yield Finding(
                record,
                record.position_of("status"),
                f"status '{record.status}' requires '{key}'; add e.g. "
                f"'{key}: {_example(record, archive, key)}'",
            )


#: the formats whose process requires the schema's fields, with the names they write them under
_REQUIRING = {
    "native": {},
    "tep": {"date": "creation-date"},
    "kep": kep.WRITTEN_NAMES,
    "pep": pep.WRITTEN_NAMES,
}


@record_rule("unknown-field", Severity.WARNING)
def unknown_field(record, archive):
    """A frontmatter key the kind's schema does not declare (often a misspelling)."""
    if record.format != "native":
        return  # MADR and site generators keep their own keys (nav_order, parent...)
    known = archive.known_fields(record.kind)
    for key, field in record.fields.items():
        if key not in known:
            yield Finding(
                record,
                field.key_span.position,
                f"unknown field '{key}'{did_you_mean(key, sorted(known))}; remove it, or declare "
                "it in a schema of your own (the kind's 'schema' option)",
            )


@record_rule("unknown-status")
def unknown_status(record, archive):
    """The status is not one of the kind's statuses or aliases."""
    written = record.value("status")
    if not isinstance(written, str) or record.status is not None:
        return
    kind = archive.settings.kind(record.kind)
    yield Finding(
        record,
        record.position_of("status"),
        f"unknown status '{written}'{did_you_mean(written, kind.statuses + tuple(kind.aliases))}; "
        f"{kind.prefix} statuses are: {', '.join(kind.statuses)}",
    )


@record_rule("status-alias", Severity.WARNING, fixable=True)
def status_alias(record, archive):
    """The status is written as an alias (e.g. 'Superceded'); write the canonical name."""
    written = record.value("status")
    if not isinstance(written, str) or record.status is None:
        return
    kind = archive.settings.kind(record.kind)
    key = " ".join(written.split()).lower()
    if key in kind.statuses:
        return
    if record.format != "native":
        # in a format we do not rewrite, only a misspelling is worth saying
        if difflib.SequenceMatcher(None, key, record.status).ratio() < 0.8:
            return
        yield Finding(
            record,
            record.position_of("status"),
            f"status '{written}' is read as '{record.status}'; correct the spelling",
        )
        return
    yield Finding(
        record,
        record.position_of("status"),
        f"status '{written}' is an alias; write '{record.status}' (decisions lint --fix does)",
        (Fix(record.path, "status", "replace", record.status),),
    )


@record_rule("invalid-id")
def invalid_id(record, archive):
    """The record has no usable id: none in the file name, none (or a malformed one) in `id`."""
    if not has_frontmatter(record):
        return
    kind = archive.settings.kind(record.kind)
    written = record.value("id")
    if written is not None and archive.scheme.normalise(written, kind.name) is None:
        yield Finding(
            record,
            record.position_of("id"),
            f"id '{written}' is not a record id; write it like {kind.prefix}-0001",
        )
    elif written is None and record.file_number is None:
        yield Finding(
            record,
            FILE_START,
            f"no id: start the file name with a number (0001-{record.slug}.md) "
            f"or add 'id: {kind.prefix}-0001'",
        )


@record_rule("id-mismatch")
def id_mismatch(record, archive):
    """The `id` field disagrees with the number in the file name."""
    if record.file_number is None or record.id is None or "id" not in record.fields:
        return
    from_name = archive.scheme.normalise(record.file_number, record.kind)
    if from_name != record.id:
        yield Finding(
            record,
            record.position_of("id"),
            f"id '{record.value('id')}' does not match the file name, which gives {from_name}; "
            "correct the id or rename the file",
        )


@record_rule("invalid-date")
def invalid_date(record, archive):
    """A date (the record's, `review_by`, `comment_until`, an approval's) is not a real calendar date written as ISO 8601 (2026-03-01)."""
    written = [("date", record.date, record.position_of("date"))] if record.date is not None else []
    for key in ("review_by", "comment_until"):
        if isinstance(record.value(key), str):
            written.append((key, record.value(key), record.position_of(key)))
    approvals = record.fields.get("approvals")
    if approvals is not None and isinstance(approvals.value, list):
        for approval, span in approvals.values_and_spans():
            if isinstance(approval, dict) and isinstance(approval.get("date"), str):
                written.append(("the date of an approval", approval["date"], span.position))
    for name, value, position in written:
        if parse_date(value) is not None or archive.settings.placeholder_pattern.fullmatch(value):
            continue  # a placeholder: the placeholder rule reports it
        yield Finding(
            record, position,
            f"{name} '{value}' is not a valid ISO 8601 date; write it as year-month-day{_iso_for(value)}",
        )


#: a date written with its year last (`28/03/2018`, `4.7.19`), as many archives write them
_YEAR_LAST = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})")


def _iso_for(value: str) -> str:
    """The end of invalid-date's hint: `value` written as ISO 8601 where it can
    be read with its year last (both ways when day and month could swap), else
    an example."""
    written = _YEAR_LAST.fullmatch(value.strip())
    if written is None:
        return ", e.g. 2026-03-01"
    first, second, year = int(written.group(1)), int(written.group(3)), written.group(4)
    year = f"20{year}" if len(year) == 2 else year
    readings = []
    for day, month, order in ((first, second, "day/month/year"), (second, first, "month/day/year")):
        iso = f"{year}-{month:02d}-{day:02d}"
        if parse_date(iso) is not None and all(iso != seen for seen, _ in readings):
            readings.append((iso, order))
    if not readings:
        return ", e.g. 2026-03-01"
    if len(readings) == 1:
        return f": {readings[0][0]}"
    return ": " + " or ".join(f"{iso} if it is {order}" for iso, order in readings)


@record_rule("future-date")
def future_date(record, archive):
    """The date lies in the future."""
    date = parse_date(record.date) if record.date else None
    if date is not None and date > archive.today:
        yield Finding(
            record,
            record.position_of("date"),
            f"date {record.date} is in the future; use the date the decision was made",
        )


@record_rule("placeholder")
def placeholder(record, archive):
    """Template placeholder text (`[Title]`, `YYYY-MM-DD`, `[TODO: ...]`, a template's prompts) was left in."""
    if not record.readable:
        return
    learned = archive.placeholders(record.kind)
    pattern = learned.pattern
    if not pattern.search(record.text) and not (learned.lines and _has_any_line(record.text, learned.lines)):
        return
    section = "the frontmatter"
    frontmatter = enumerate(record.text[: record.body_start].splitlines(), start=1)
    body = ((number, line) for number, _, line in markdown.lines(record.text, record.body_start, record.body_line))
    for number, line in itertools.chain(frontmatter, body):  # code blocks in the body left out
        heading = _HEADING.match(line) if number >= record.body_line else None
        if heading:
            section = f"section '{heading.group(1)}'"
        elif number >= record.body_line and section == "the frontmatter":
            section = "the text before the first heading"
        visible = _CODE_SPAN.sub(lambda m: " " * len(m.group()), line)
        for match in pattern.finditer(visible):
            text = match.group()
            shown = text if len(text) <= 40 else text[:36].rstrip() + "…" + text[-1]
            yield Finding(
                record,
                Position(number, match.start() + 1),
                f"template placeholder '{shown}' left in {section}; "
                "replace it with the record's own text",
            )
        guidance = line.strip().lstrip("-*+> ").strip()
        if number >= record.body_line and guidance in learned.lines:
            shown = guidance if len(guidance) <= 40 else guidance[:36].rstrip() + "…"
            yield Finding(
                record,
                Position(number, len(line) - len(line.lstrip(" \t-*+>")) + 1),
                f"the template's guidance '{shown}' is left unchanged in {section}; "
                "replace it with the record's own text",
            )


def _has_any_line(text: str, lines: frozenset[str]) -> bool:
    return any(line.strip().lstrip("-*+> ").strip() in lines for line in text.splitlines())


@record_rule("empty-body")
def empty_body(record, archive):
    """The record has frontmatter but no text."""
    if not record.readable or record.frontmatter_span is None:
        return
    body = record.body
    if "<!--" in body:
        body = _COMMENT.sub("", body)
    body = body.strip()
    if body.startswith("# "):  # the title heading alone is no text
        body = body.partition("\n")[2].strip()
    if body.strip("#"):
        return
    last_line = record.text.count("\n") + (0 if record.text.endswith("\n") else 1)
    yield Finding(
        record,
        Position(min(record.body_line, last_line), 1),
        "the record has no text; write at least its context and the decision",
    )


#: a reference definition (`[label]: target`), the other way markdown names a link's target
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*(?:<([^<>\n]+)>|([^\s<>]+))")
#: what a link's target starts with when it is not a file beside the record: a scheme
#: (https:, mailto:), the site's root, a place in the same page, or a template's braces
_NOT_A_FILE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|/|#)|[{}]", re.IGNORECASE)


@record_rule("broken-link", Severity.WARNING)
def broken_link(record, archive):
    """A link in the record's text leads to a file that is not there (`[ADR-4](module-loading.md)`)."""
    if not record.readable or record.body_text is not None or record.format == "pep":
        return  # a KEP's text is another file; a PEP's is reStructuredText
    if "](" not in record.text and "]:" not in record.text:
        return  # no link at all, as in most records: their lines are not walked
    root = str(archive.settings.root)
    folder = posixpath.dirname(record.path)
    comments = [m.span() for m in _COMMENT.finditer(record.text, record.body_start)]
    relations = {(link.position.line, link.href) for link in record.links if link.href}  # missing-target's
    for number, offset, line in markdown.lines(record.text, record.body_start, record.body_line):
        if "](" not in line and "]:" not in line:
            continue
        visible = _CODE_SPAN.sub(lambda m: " " * len(m.group()), line)
        targets = [(m.group(2), m.start(2)) for m in markdown.MARKDOWN_LINK.finditer(visible)]
        reference = _REFERENCE.match(visible)
        if reference:  # `<a name.md>` may hold spaces
            group = 1 if reference.group(1) is not None else 2
            targets.append((reference.group(group), reference.start(group)))
        for target, column in targets:
            if (_NOT_A_FILE.search(target) or (number, target) in relations
                    or any(start <= offset + column < end for start, end in comments)):
                continue
            written = urllib.parse.unquote(target.split("#")[0].split("?")[0])
            path = posixpath.normpath(posixpath.join(folder, written))
            if path == ".." or path.startswith("../") or os.path.exists(os.path.join(root, path)):
                continue  # out of the project, where it cannot be known, or there
            yield Finding(
                record,
                Position(number, column + 1),
                f"links to {target}, which does not exist{_nearest_file(root, path, written)}; "
                "fix the path (it is relative to this file) or remove the link",
            )


# -- helpers -------------------------------------------------------------------


def _nearest_file(root: str, path: str, written: str) -> str:
    """A hint naming the file, beside where `path` (as `written`) points, whose name is most like
    its own and ends the same (any ending, for a name written without one)."""
    folder, name = posixpath.split(path)
    ending = posixpath.splitext(name)[1].lower()
    try:
        names = [entry for entry in os.listdir(os.path.join(root, folder))
                 if not entry.startswith(".") and (not ending or posixpath.splitext(entry)[1].lower() == ending)]
    except OSError:
        return ""
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.75)
    return f" (did you mean {posixpath.join(posixpath.dirname(written), close[0])}?)" if close else ""


def _frontmatter_start(record: Record) -> Position:
    """Where missing keys belong: the first key, or the opening `---`."""
    if record.fields:
        return min(f.key_span.position for f in record.fields.values())
    return FILE_START


def _example(record: Record, archive: Any, key: str) -> str:
    kind = archive.settings.kind(record.kind)
    examples = {
        "status": (kind.proposed or kind.statuses)[0],
        "date": archive.today.isoformat(),
        "title": "Use PostgreSQL for order data",
    }
    return examples.get(key, "[name]")


def _position(record: Record, path: list[Any]) -> Position:
    field = record.fields.get(str(path[0]))
    if field is None:
        return FILE_START
    if len(path) > 1 and isinstance(path[1], int) and path[1] < len(field.item_spans):
        return field.item_spans[path[1]].position
    return field.value_span.position


def _specific(error: Any) -> Any:
    """For a value matching no branch of a `oneOf`, the error of the branch of
    its own JSON type (a list gets the list branch's complaint about an item)."""
    if error.validator not in ("oneOf", "anyOf") or not error.context:
        return error
    json_type = {list: "array", dict: "object", str: "string"}.get(type(error.instance))
    for index, branch in enumerate(error.validator_value):
        if isinstance(branch, dict) and branch.get("type") == json_type:  # a branch may be `true` or `false`
            inner = [e for e in error.context if e.schema_path and e.schema_path[0] == index]
            deeper = [e for e in inner if len(e.absolute_path) > len(error.absolute_path)]
            if deeper:
                return deeper[0]
    return error


_TYPE_NAMES = {
    "string": "text",
    "array": "a list",
    "object": "a mapping",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty",
}


def _kind_of(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "text"


def _schema_message(path: list[Any], error: Any) -> str:
    key = str(path[0])
    subject = f"item {path[1] + 1} of '{key}'" if len(path) > 1 and isinstance(path[1], int) else f"'{key}'"
    if len(path) > 2 or (len(path) == 2 and not isinstance(path[1], int)):
        subject = f"'{'.'.join(map(str, path))}'"
    if error.instance is None:
        return f"{subject} has no value; write one or remove the key"
    if error.instance == "":
        return f"{subject} is empty; write a value or remove the key"
    if error.validator in ("oneOf", "anyOf") and "description" in error.schema:
        expected = error.schema["description"].rstrip(".").lower()
        return f"{subject} must be {expected}, not {_kind_of(error.instance)}"
    if error.validator == "type":
        types = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        expected = " or ".join(_TYPE_NAMES.get(t, t) for t in types)
        return f"{subject} must be {expected}, not {_kind_of(error.instance)}"
    return f"{subject}: {error.message}"
