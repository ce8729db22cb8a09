"""The plain data every other module passes around.

Nothing here reads files or knows about MkDocs: readers build these objects,
rules inspect them, renderers and the plugin consume them.
"""

from __future__ import annotations

import dataclasses
import enum
from typing import Any, NamedTuple


class Severity(str, enum.Enum):
    """How much a finding matters: errors fail `lint` and `mkdocs build`,
    warnings fail a strict build, and info is only said (what a single
    repository cannot check, such as another repository's record)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Position(NamedTuple):
    """A 1-based line and column in a record's file (a tuple: cheap, ordered)."""

    line: int
    column: int


FILE_START = Position(1, 1)


@dataclasses.dataclass(frozen=True)
class Diagnostic:
    """One finding, located precisely enough to fix without opening the docs."""

    rule: str
    severity: Severity
    path: str
    line: int
    column: int
    message: str

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.rule)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


class Span(NamedTuple):
    """Where a frontmatter value sits: its position and its character offsets
    in the decoded file text (used by byte-preserving `--fix` edits)."""

    position: Position
    start: int
    end: int


#: (line, column, start offset, end offset) of a node, as the reader found it
Where = tuple[int, int, int, int]


#: where a value stands once its record's source is released
_NOWHERE: Where = (0, 0, 0, 0)


def _span(where: Where) -> Span:
    return Span(Position(where[0], where[1]), where[2], where[3])


@dataclasses.dataclass(slots=True)
class Field:
    """A frontmatter key and its value, with where each of them stands.

    Locations are kept as plain tuples and turned into `Span`s only when a
    rule or a fix asks: most values of most records are never reported.
    """

    key: str
    value: Any
    key_at: Where
    value_at: Where
    #: where each list item stands, when the value is a list
    items_at: tuple[Where, ...] = ()
    #: "flow" (`[a, b]`), "block" (`- a` lines), "scalar" or "mapping"
    style: str = "scalar"

    @property
    def key_span(self) -> Span:
        return _span(self.key_at)

    @property
    def value_span(self) -> Span:
        return _span(self.value_at)

    @property
    def item_spans(self) -> tuple[Span, ...]:
        return tuple(_span(where) for where in self.items_at)

    def values_and_spans(self) -> list[tuple[Any, Span]]:
        """Each value (the one scalar, or every list item) with where it stands."""
        values = self.value if isinstance(self.value, list) else [self.value]
        return list(zip(values, self.item_spans or (self.value_span,)))


@dataclasses.dataclass(frozen=True)
class Link:
    """A typed reference from one record to another, as written.

    `relation` is one of `RELATIONS`. A link written as a markdown link
    (`Superseded by [5. Use X](0005-use-x.md)`) keeps its `href`; the archive
    resolves it to the id of the file it points to.
    """

    relation: str
    target: str  # normalised id, e.g. "ADR-0003" (or what was written, if no id)
    written: str  # the value as it appears in the file
    position: Position
    href: str | None = None


#: the relations between records, each with its inverse: the one list of the
#: frontmatter keys that link records, which readers, rules and authoring share
RELATIONS = {
    "supersedes": "superseded_by",
    "superseded_by": "supersedes",
    "amends": "amended_by",
    "amended_by": "amends",
    "relates_to": "relates_to",
}

#: the relations that replace a record: mirrored on both sides, drawn in the graph
SUPERSESSION = ("supersedes", "superseded_by")

#: each relation as it reads in a sentence: "ADR-0002 {phrase} ADR-0001"
RELATION_PHRASES = {
    "supersedes": "supersedes",
    "superseded_by": "is superseded by",
    "amends": "amends",
    "amended_by": "is amended by",
    "relates_to": "relates to",
}


@dataclasses.dataclass(frozen=True)
class Fix:
    """A change to one frontmatter key of one record, which a finding may carry.

    `append` adds `value` to the key's list (creating the key if needed);
    `replace` rewrites the key's scalar value. Rules only describe the
    change; `authoring.fix` turns it into an edit of the file.
    """

    path: str
    key: str
    action: str  # "append" | "replace"
    value: str


@dataclasses.dataclass
class ReadProblem:
    """Why a file could not be read as a record at all (or not fully).

    `kind` names the rule that reports it, e.g. `encoding` or `yaml-syntax`.
    """

    kind: str
    position: Position
    detail: str


@dataclasses.dataclass
class Record:
    """One decision record as read from its file.

    `fields` holds the frontmatter exactly as written (strings, lists, None);
    the convenience attributes below hold normalised values the rules and
    the site use.
    """

    path: str  # relative to the archive root, with "/"
    kind: str  # e.g. "adr"
    file_number: str | None  # the number in the file name, as written ("0015")
    slug: str
    #: the reader that read it: "native", "madr", "adr-tools", "inline", ...
    format: str = "native"
    text: str = ""  # decoded file text (BOM removed, line endings kept)
    bom: bool = False
    fields: dict[str, Field] = dataclasses.field(default_factory=dict)
    frontmatter_span: tuple[int, int] | None = None  # character offsets of the YAML
    body_start: int = 0  # character offset where the markdown body begins
    body_line: int = 1  # line number where the body begins
    #: the text of a record whose metadata and text are two files (a KEP's
    #: `kep.yaml` and the `README.md` beside it); None when it is `text`'s
    body_text: str | None = None
    problems: list[ReadProblem] = dataclasses.field(default_factory=list)
    duplicate_keys: list[tuple[str, Position, Position]] = dataclasses.field(
        default_factory=list
    )
    # normalised values
    id: str | None = None
    title: str = ""
    status: str | None = None  # canonical status, None when missing/unknown
    date: str | None = None
    links: list[Link] = dataclasses.field(default_factory=list)

    @property
    def readable(self) -> bool:
        """False when the file could not be read as a record at all."""
        return not any(p.kind in FATAL_PROBLEMS for p in self.problems)

    @property
    def body(self) -> str:
        return self.text[self.body_start :] if self.body_text is None else self.body_text

    def value(self, key: str, default: Any = None) -> Any:
        field = self.fields.get(key)
        return default if field is None else field.value

    def position_of(self, key: str) -> Position:
        """The position of a key's value, or of the frontmatter start."""
        field = self.fields.get(key)
        return field.value_span.position if field else FILE_START

    def release_source(self) -> None:
        """Forget the file's text and where each value stands in it, which
        only checks and fixes need.

        A site holds every record while MkDocs builds its pages, and the
        texts and positions are most of what a record weighs.
        """
        self.text = ""
        self.body_text = None if self.body_text is None else ""
        for field in self.fields.values():
            field.key_at = field.value_at = _NOWHERE
            field.items_at = ()

    def people(self, key: str) -> list[str]:
        field = self.fields.get(key)  # most records lack most people fields: no call for those
        return [] if field is None else as_list(field.value)

    def targets(self, relation: str) -> list[str]:
        return [link.target for link in self.links if link.relation == relation]


#: problems after which nothing else about the file can be judged
FATAL_PROBLEMS = frozenset(
    {
        "encoding",
        "binary-file",
        "empty-file",
        "missing-frontmatter",
        "unterminated-frontmatter",
        "unreadable-file",
        "file-too-large",
    }
)


def as_list(value: Any) -> list[str]:
    """A frontmatter value that may be one string or a list, as a list of strings."""
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value if v is not None and not isinstance(v, (list, dict))]
    if isinstance(value, dict):
        return []
    return [str(value)]
