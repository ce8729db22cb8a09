"""Relations between records as real archives write them in prose and in
status lines: "Superseded by [5. Use X](0005-use-x.md)", "- Amended by
ADR-0009", "This modifies ADR 0002"."""

from __future__ import annotations

import functools
import re

from ..config import KindSettings
from ..ids import SOURCE_BEFORE, SOURCE_NAME, IdScheme, qualified
from ..model import Link, Position, Record
from .markdown import MARKDOWN_LINK, lines

#: how people write relations between records, and what each means
PHRASES = {
    "supersedes": "supersedes",
    "supercedes": "supersedes",
    "replaces": "supersedes",
    "superseded by": "superseded_by",
    "superceded by": "superseded_by",
    "replaced by": "superseded_by",
    "amends": "amends",
    "modifies": "amends",
    "refines": "amends",
    "extends": "amends",
    "amended by": "amended_by",
    "modified by": "amended_by",
    "refined by": "amended_by",
    "extended by": "amended_by",
    "relates to": "relates_to",
    "related to": "relates_to",
    "clarifies": "relates_to",
    "clarified by": "relates_to",
    "see also": "relates_to",
}
_PHRASE = "|".join(sorted((re.escape(p).replace(r"\ ", r"\s+") for p in PHRASES), key=len, reverse=True))


def relation_line(scheme: IdScheme) -> re.Pattern[str]:
    """A phrase followed by links or by ids of the project's kinds: "Superseded by
    [5. Use X](0005-use-x.md)", "modifies ADR 0002", "replaced by DEC-0007",
    "**Superseded by**: [ADR-0005](0005-x.md)" (a bold field line, as inline
    records write one)."""
    return _relation_line(tuple(scheme.prefixes.values()))


@functools.lru_cache(maxsize=8)
def _relation_line(prefixes: tuple[str, ...]) -> re.Pattern[str]:
    ids = "|".join(re.escape(prefix) for prefix in sorted(set(prefixes), key=len, reverse=True))
    # an id may be another repository's, after its name: `superseded by platform:ADR-0012`
    return re.compile(rf"(?i)\b({_PHRASE})\b(?:\*\*)?\s*:?(?:\*\*)?\s*(?=\[|(?:{SOURCE_NAME}:)?(?:{ids})[- ]?\d)")


#: what goes before a status's words: spaces, and the marks some archives put
#: before every status (`✅ Accepted`, `⌛️ Superseded by [36. X](036-x.md)`)
_MARKS = r"(?:[^\w\s\x00-\x7f]+\s*)*"
_BEFORE_WORDS = re.compile(r"\s*" + _MARKS)
_STATUS_WORDS = re.compile(r"[A-Za-z][A-Za-z \-]*[A-Za-z]|[A-Za-z]")


def words_start(raw: str) -> int:
    """Where the words of a status value begin: after its spaces and marks."""
    return _BEFORE_WORDS.match(raw).end()


#: statuses that a relation phrase implies when it stands in for the status
IMPLIED_STATUS = {"superseded_by": "superseded"}



def relation_of(phrase: str) -> str | None:
    return PHRASES.get(" ".join(phrase.lower().split()))


def status_and_links(
    raw: str, line: int, column: int, scheme: IdScheme
) -> tuple[str | None, list[tuple[str, str, str | None, Position]]]:
    """Read a status value as real archives write it.

    `superseded by [ADR-0019](0019-x.md)` is the status `superseded` and a
    link; `proposed. **No consensus...**` is `proposed`. Returns the status
    word(s) and `(relation, written, href, position)` for each link.
    """
    found: list[tuple[str, str, str | None, Position]] = []
    lead = words_start(raw)
    relation_at = relation_line(scheme).match(raw, lead)
    if relation_at:
        relation = relation_of(relation_at.group(1)) or "relates_to"
        found = links_after(raw, relation_at.end(), relation, line, column, scheme)
        return IMPLIED_STATUS.get(relation), found
    word = _STATUS_WORDS.match(raw, lead)
    return (word.group() if word else None), found


def status_with_successor(record: Record, scheme: IdScheme) -> list[tuple[str, str, str | None, Position]]:
    """A frontmatter status that names its successor (`status: superseded by
    ADR-0123`, as MADR 4 writes it, or with a link): the status `superseded`,
    and the links to return."""
    field = record.fields.get("status")
    if field is None or field.key_at[1] == 0 or not isinstance(field.value, str) or len(field.value.split()) < 2:
        return []  # one word (most statuses) names no successor
    line, column, _, _ = field.value_at
    status, links = status_and_links(field.value, line, column, scheme)
    if status and links:
        field.value = status
    return links


def links_after(
    raw: str, start: int, relation: str, line: int, column: int, scheme: IdScheme
) -> list[tuple[str, str, str | None, Position]]:
    """Markdown links and bare ids in `raw` from `start` on, up to the next phrase."""
    stop = relation_line(scheme).search(raw, start)
    segment_end = stop.start() if stop else len(raw)
    found = []
    taken: list[tuple[int, int]] = []
    for match in MARKDOWN_LINK.finditer(raw, start, segment_end):
        found.append((relation, match.group(1), match.group(2), Position(line, column + match.start())))
        taken.append(match.span())
    for match in scheme.reference_pattern.finditer(raw, start, segment_end):
        if not any(a <= match.start() < b for a, b in taken):
            source = SOURCE_BEFORE.search(raw, start, match.start())  # `platform:ADR-0012`: another repository's
            begin = source.start() if source else match.start()
            found.append((relation, raw[begin : match.end()], None, Position(line, column + begin)))
    if stop:
        next_relation = relation_of(stop.group(1)) or "relates_to"
        found += links_after(raw, stop.end(), next_relation, line, column, scheme)
    return found


#: a line that states a relation: "Supersedes [3. Use Y](...)", "- Amended by ADR-0009",
#: "This modifies ADR 0002", "- Status: superseded by [ADR-0019](...)", "> **Superseded by**: [...](...)"
_STATEMENT = re.compile(
    r"^\s*(?:>\s*)?(?:[-*+]\s+)?" + _MARKS + r"(?:\*\*)?(?:status\s*:\s*(?:\*\*)?\s*)?" + _MARKS +
    r"(?:this(?:\s+(?:adr|rfc|decision|record|proposal))?\s+)?(?=" + _PHRASE + r")",
    re.IGNORECASE,
)


#: "... -> This supersedes adr0008." : a sentence inside a line that says what this record does
_THIS_SENTENCE = re.compile(
    r"(?:[.!?:]|->)\s+this(?:\s+(?:adr|rfc|decision|record|proposal))?\s+(?=" + _PHRASE + r")", re.IGNORECASE
)


def prose_links(
    record: Record, start: int, first_line: int, scheme: IdScheme
) -> list[tuple[str, str, str | None, Position]]:
    """Relations stated by lines of the text: `Supersedes [3. Use Y](0003-use-y.md)`,
    `- Refined by [ADR-0005](0005-x.md)`, `This modifies ADR 0002.`, and a
    sentence inside a line that says so of this record (`... -> This
    supersedes adr0008.`). A relation word in the middle of a sentence is
    prose, not a link."""
    found = []
    for number, _, line in lines(record.text, start, first_line):
        lead = _STATEMENT.match(line) or _THIS_SENTENCE.search(line)
        if lead is None:
            continue
        match = relation_line(scheme).match(line, lead.end())
        if match is None:
            continue
        found += links_after(line, match.end(), relation_of(match.group(1)) or "relates_to", number, 1, scheme)
    return found


def add_links(record: Record, links: list[tuple[str, str, str | None, Position]], kind: KindSettings, scheme: IdScheme) -> None:
    seen = {(link.relation, link.href or link.target) for link in record.links}
    for relation, written, href, position in links:
        if href is not None and not _RECORD_HREF.match(href):
            continue  # a web page or another kind of file, not a record
        token = scheme.reference_pattern.search(written)
        target = scheme.normalise(token.group() if token else written, kind.name) or written.strip()
        other = qualified(written) if href is None else None
        if other is not None and scheme.normalise(other[1], kind.name):
            target = f"{other[0]}:{scheme.normalise(other[1], kind.name)}"
        key = (relation, href.split("#")[0] if href else target)
        if key in seen:
            continue
        seen.add(key)
        record.links.append(Link(relation, target, written, position, href))


#: a relative link to a markdown file (a record), not a URL
_RECORD_HREF = re.compile(r"^(?![a-z][a-z0-9+.-]*:)(?!/)[^#?]*\.md(?:#.*)?$", re.IGNORECASE)
