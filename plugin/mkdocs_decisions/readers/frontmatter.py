"""YAML frontmatter with source positions and without YAML's type guessing.

PyYAML's C parser composes the node tree (fast); we construct values from it
ourselves, so that

* every scalar stays the string that was written: `010` is not 8, `no` is not
  False, `2026-03-01` is not a `datetime.date`; only an explicit null
  (`~`, `null`, or nothing) becomes None;
* a repeated key is reported, not silently overwritten;
* each top-level value and list item remembers its line, column and offsets;
* nothing is executed (`!!python/...` tags are read as plain text) and alias
  bombs are cut off by a node budget instead of expanding exponentially.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import yaml

from ..model import Field, Position, ReadProblem

_NULL_TAG = "tag:yaml.org,2002:null"

_STR_TAG = "tag:yaml.org,2002:str"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's parser when PyYAML was built with it (the usual wheels are),
    else the pure-Python one: the same nodes, only slower.

    We construct every scalar as text anyway, so the only implicit type worth
    resolving is null; skipping PyYAML's regex-per-type resolver makes
    composing about twice as fast.
    """

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            return _NULL_TAG if implicit[0] and value in _NULLS else _STR_TAG
        return super().resolve(kind, value, implicit)

#: nodes one frontmatter block may expand to (aliases count every time used)
MAX_NODES = 20_000
#: how deeply values may nest
MAX_DEPTH = 32


#: how deeply `[` and `{` may nest before the text is not even parsed
MAX_FLOW_DEPTH = 512


def _too_deep(text: str) -> Position | None:
    """Where flow brackets first nest deeper than allowed (quotes ignored: an
    over-estimate, and only counted when there are that many brackets at all)."""
    if text.count("[") + text.count("{") <= MAX_FLOW_DEPTH:
        return None
    depth = 0
    line, column = 1, 0
    for character in text:
        column += 1
        if character == "\n":
            line, column = line + 1, 0
        elif character in "[{":
            depth += 1
            if depth > MAX_FLOW_DEPTH:
                return Position(line, column)
        elif character in "]}":
            depth = max(depth - 1, 0)
    return None


def _blocks_too_deep(text: str) -> Position | None:
    """Where lists and mappings (`- - - x`) first nest deeper than allowed.
    Each level needs a character of its own (`-`, `?`, `:` or a bracket), so
    only text with that many is walked, with libyaml's parser, which, unlike
    its composer, does not recurse."""
    if sum(map(text.count, "-?:[{")) <= MAX_FLOW_DEPTH:
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_FLOW_DEPTH:
                    return Position(event.start_mark.line + 1, event.start_mark.column + 1)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None  # reported as it is when the text is composed
    return None


class _TooComplex(Exception):
    pass


@dataclasses.dataclass
class Frontmatter:
    """What a YAML frontmatter block holds, with positions."""

    fields: dict[str, Field]
    duplicate_keys: list[tuple[str, Position, Position]]
    problem: ReadProblem | None = None


def parse(text: str, offset: int, first_line: int) -> Frontmatter:
    """Parse `text`, which starts at character `offset`, line `first_line` of its file."""
    builder = _Builder(offset, first_line)
    deep = _too_deep(text)
    if deep is not None:
        # libyaml composes recursively: a few hundred thousand brackets would
        # overflow the C stack and kill the process, so such text is refused
        where = Position(deep.line + first_line - 1, deep.column)
        return Frontmatter({}, [], ReadProblem("yaml-syntax", where, f"brackets nest more than {MAX_FLOW_DEPTH} levels deep"))
    deep = _blocks_too_deep(text)
    if deep is not None:
        where = Position(deep.line + first_line - 1, deep.column)
        return Frontmatter({}, [], ReadProblem("yaml-syntax", where, f"lists and mappings nest more than {MAX_FLOW_DEPTH} levels deep"))
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as error:
        problem_mark = getattr(error, "problem_mark", None)
        context_mark = getattr(error, "context_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        context = getattr(error, "context", None)
        detail = f"{problem} ({context})" if context else problem
        mark = problem_mark or context_mark
        if context_mark and (mark is None or mark.index >= len(text.rstrip())):
            # "did not find expected ']'" points past the end of the block;
            # the bracket (or quote) that was never closed is more useful
            mark = context_mark
            detail = f"{problem} ({context} that starts here)" if context else problem
        if mark is not None and "cannot start any token" in problem:
            detail = _unstartable(text[mark.index : mark.index + 1])
        position = builder.position(mark) if mark else Position(first_line, 1)
        return Frontmatter({}, [], ReadProblem("yaml-syntax", position, detail))
    except RecursionError:
        return Frontmatter(
            {}, [], ReadProblem("yaml-syntax", Position(first_line, 1), "nesting is too deep")
        )
    if root is None:
        return Frontmatter({}, [])
    if not isinstance(root, yaml.MappingNode):
        return Frontmatter(
            {},
            [],
            ReadProblem(
                "yaml-syntax",
                builder.position(root.start_mark),
                "frontmatter must be a mapping of `key: value` lines, "
                f"not a {_node_kind(root)}",
            ),
        )
    try:
        return builder.top_level(root)
    except _TooComplex as error:
        return Frontmatter({}, [], ReadProblem("yaml-syntax", error.args[0], error.args[1]))


def _unstartable(character: str) -> str:
    """What to do about a character YAML keeps for itself at the start of a
    value (`deciders: @ann`, GitHub's way of naming people) or a tab."""
    if character == "\t":
        return "a tab where YAML expects spaces; indent with spaces"
    return f"a value cannot start with {character!r} in YAML; put the whole value in quotes"


def _node_kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "list"
    return "single value"


class _Builder:
    def __init__(self, offset: int, first_line: int) -> None:
        self.offset = offset
        self.first_line = first_line
        self.budget = MAX_NODES

    def position(self, mark: Any) -> Position:
        return Position(mark.line + self.first_line, mark.column + 1)

    def where(self, node: yaml.Node) -> tuple[int, int, int, int]:
        start = node.start_mark
        return (
            start.line + self.first_line,
            start.column + 1,
            start.index + self.offset,
            node.end_mark.index + self.offset,
        )

    def top_level(self, root: yaml.MappingNode) -> Frontmatter:
        fields: dict[str, Field] = {}
        duplicates: list[tuple[str, Position, Position]] = []
        where = self.where
        for key_node, value_node in root.value:
            key = self.key(key_node)
            if key in fields:
                again = where(key_node)
                duplicates.append((key, fields[key].key_span.position, Position(again[0], again[1])))
                continue
            value = self.value(value_node, depth=1, active=set())
            items: tuple[tuple[int, int, int, int], ...] = ()
            if isinstance(value_node, yaml.SequenceNode):
                style = "flow" if value_node.flow_style else "block"
                items = tuple(where(item) for item in value_node.value)
            elif isinstance(value_node, yaml.MappingNode):
                style = "mapping"
            else:
                style = "scalar"
            fields[key] = Field(key, value, where(key_node), where(value_node), items, style)
        return Frontmatter(fields, duplicates)

    def key(self, node: yaml.Node) -> str:
        if isinstance(node, yaml.ScalarNode):
            return node.value
        raise _TooComplex(
            self.position(node.start_mark), "a key must be a plain word, not a list or mapping"
        )

    def value(self, node: yaml.Node, depth: int, active: set[int]) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise _TooComplex(
                self.position(node.start_mark),
                f"frontmatter expands to more than {MAX_NODES} values "
                "(too many aliases or entries)",
            )
        if depth > MAX_DEPTH:
            raise _TooComplex(
                self.position(node.start_mark), f"values nest more than {MAX_DEPTH} levels deep"
            )
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _NULL_TAG:
                return None
            return node.value
        if id(node) in active:
            raise _TooComplex(self.position(node.start_mark), "an alias refers to itself")
        active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return [self.value(item, depth + 1, active) for item in node.value]
            mapping: dict[str, Any] = {}
            for key_node, value_node in node.value:
                mapping.setdefault(self.key(key_node), self.value(value_node, depth + 1, active))
            return mapping
        finally:
            active.discard(id(node))
