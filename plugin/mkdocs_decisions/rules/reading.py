"""Rules about whether a file can be read as a record at all."""

from __future__ import annotations

from typing import Iterator

from ..model import Record, Severity
from .registry import Finding, record_rule


def _problems(record: Record, kind: str) -> Iterator:
    return (problem for problem in record.problems if problem.kind == kind)


@record_rule("unreadable-file")
def unreadable_file(record, archive):
    """The file cannot be opened (permissions, a dangling or escaping link)."""
    for problem in _problems(record, "unreadable-file"):
        yield Finding(record, problem.position, f"cannot read the file: {problem.detail}")


@record_rule("file-too-large")
def file_too_large(record, archive):
    """The file is larger than a record may be."""
    for problem in _problems(record, "file-too-large"):
        yield Finding(
            record,
            problem.position,
            f"file is too large to be a record: {problem.detail}; split it into smaller records",
        )


@record_rule("binary-file")
def binary_file(record, archive):
    """The file holds NUL bytes: it is not a text file."""
    for problem in _problems(record, "binary-file"):
        yield Finding(
            record,
            problem.position,
            "file contains a NUL byte and looks binary; a record must be UTF-8 markdown text",
        )


@record_rule("encoding")
def encoding(record, archive):
    """The file is not valid UTF-8."""
    for problem in _problems(record, "encoding"):
        yield Finding(
            record, problem.position, f"{problem.detail}; save the file with UTF-8 encoding"
        )


@record_rule("empty-file")
def empty_file(record, archive):
    """The file is empty or blank."""
    for problem in _problems(record, "empty-file"):
        yield Finding(
            record,
            problem.position,
            "file is empty; write the record (frontmatter and body) or delete the file",
        )


@record_rule("missing-frontmatter")
def missing_frontmatter(record, archive):
    """The file does not start with its metadata: a `---` frontmatter block, or a PEP's header lines."""
    for problem in _problems(record, "missing-frontmatter"):
        yield Finding(
            record,
            problem.position,
            problem.detail or "no frontmatter; start the file with a '---' line, then 'status:' and 'date:' "
            "lines, then another '---' line",
        )


@record_rule("unterminated-frontmatter")
def unterminated_frontmatter(record, archive):
    """The frontmatter block is opened but never closed."""
    for problem in _problems(record, "unterminated-frontmatter"):
        yield Finding(
            record,
            problem.position,
            "frontmatter opened here is never closed; add a '---' line after its last "
            "'key: value' line",
        )


@record_rule("yaml-syntax")
def yaml_syntax(record, archive):
    """The frontmatter is not valid YAML (or not a mapping)."""
    for problem in _problems(record, "yaml-syntax"):
        yield Finding(record, problem.position, f"invalid frontmatter: {problem.detail}")


@record_rule("duplicate-key")
def duplicate_key(record, archive):
    """A frontmatter key appears twice; YAML would silently keep only one."""
    for key, first, again in record.duplicate_keys:
        yield Finding(
            record,
            again,
            f"'{key}' is given twice (first on line {first.line}); keep only one",
        )


@record_rule("heading-number", Severity.WARNING)
def heading_number(record, archive):
    """The number in the title heading (`# 3. Use X`) is not the number of the file."""
    for problem in _problems(record, "heading-number"):
        yield Finding(
            record,
            problem.position,
            f"the heading says {problem.detail}, but the file name makes this record {record.id}; "
            "correct the number in the heading (links and ids go by the file name)",
        )
