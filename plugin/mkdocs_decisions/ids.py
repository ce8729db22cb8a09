"""Record ids: `ADR-3`, `adr-0003` and (inside an ADR) `0003` all mean `ADR-0003`.

Numbers are handled as digit strings, never through `int()` of a YAML value,
so `010` stays ten and a suffix such as `0004a` is kept.
"""

from __future__ import annotations

import functools
import re
from typing import Iterable

#: a record of another repository, as a catalogue names it (`platform:ADR-0012`, RFC-0003):
#: the source's name, lower-case, then an id that starts with its prefix
SOURCE_NAME = r"[a-z0-9][a-z0-9-]*"
_QUALIFIED = re.compile(rf"({SOURCE_NAME}):([A-Za-z].*)")
#: a repository's name and colon just before an id (`platform:` of `platform:ADR-0012`), searched up to the id
SOURCE_BEFORE = re.compile(rf"(?<![\w:-]){SOURCE_NAME}:$")


def qualified(written: str) -> tuple[str, str] | None:
    """(source, id as written) of a qualified id, or None for any other text."""
    match = _QUALIFIED.fullmatch(written.strip())
    return (match[1], match[2]) if match else None


_FILE_NUMBER = re.compile(
    r"^(?:(?P<prefix>[A-Za-z]+)[-_]?)?(?P<number>\d+)(?P<suffix>[a-z]?)(?=[-_.]|$)"
)


class IdScheme:
    """Knows the kinds' prefixes and turns what people write into canonical ids."""

    def __init__(self, prefixes: dict[str, str], width: int) -> None:
        #: kind name -> prefix, e.g. {"adr": "ADR"}
        self.prefixes = prefixes
        self.width = width
        alternatives = "|".join(re.escape(p) for p in sorted(prefixes.values(), key=len, reverse=True))
        self._pattern = re.compile(
            rf"^\s*(?:(?P<prefix>{alternatives})[-_ ]?)?#?(?P<number>\d+)(?P<suffix>[a-z]?)\s*$",
            re.IGNORECASE,
        )
        self._kind_by_prefix: dict[str, str] = {}  # "ADR" -> "adr"; the first kind with a prefix has it
        for kind, prefix in prefixes.items():
            self._kind_by_prefix.setdefault(prefix.upper(), kind)

    def canonical(self, number: str, suffix: str, kind: str) -> str:
        digits = number.lstrip("0") or "0"
        return f"{self.prefixes[kind]}-{digits.zfill(self.width)}{suffix.lower()}"

    def normalise(self, written: object, kind: str) -> str | None:
        """The canonical id for `written`, read in the context of `kind`; None if it is no id."""
        if not isinstance(written, str):
            return None
        match = self._pattern.match(written)
        if not match:
            return None
        prefix = match["prefix"]
        in_kind = self._kind_by_prefix[prefix.upper()] if prefix else kind
        return self.canonical(match["number"], match["suffix"], in_kind)

    @functools.cached_property
    def reference_pattern(self) -> re.Pattern[str]:
        """Matches ids written in prose, in either case, e.g. `ADR-0003` or `rfc 12`.

        Every page's text is searched with it, so it is written for speed:
        it starts with a plain set of letters (the prefixes' first letters),
        which lets the regex engine skip ahead to candidates; a pattern
        compiled with IGNORECASE, or starting with `\\b`, is tried at every
        position, and was 2.5 times slower. Prefixes are ASCII letters and
        digits (the configuration's schema says so).
        """
        prefixes = sorted(self.prefixes.values(), key=len, reverse=True)
        firsts = _either_case("".join(prefix[0] for prefix in prefixes))
        alternatives = "|".join(f"(?<={_either_case(p[0])}){''.join(map(_either_case, p[1:]))}" for p in prefixes)
        return re.compile(rf"{firsts}(?<=\b{firsts})(?:{alternatives})[- ]?\d+[a-zA-Z]?\b")

    def references(self, text: str) -> list[re.Match[str]]:
        """Every id written in `text`: what `reference_pattern.finditer` finds, found faster.

        Ids are rare and the prefixes' first letters are common, so the
        pattern is tried only where a prefix occurs (found with `str.find` in
        the lower-cased text, which is several times faster than letting the
        regex engine walk every letter).
        """
        lowered = text.lower()
        if len(lowered) != len(text):  # a letter whose lower case is longer ('İ'): positions would drift
            return list(self.reference_pattern.finditer(text))
        candidates = set()
        for prefix in self._lowered_prefixes:
            at = lowered.find(prefix)
            while at != -1:
                candidates.add(at)
                at = lowered.find(prefix, at + 1)
        found = []
        end = 0
        for at in sorted(candidates):
            if at >= end:  # like finditer: matches do not overlap
                match = self.reference_pattern.match(text, at)  # its look-behind still sees text[at - 1]
                if match:
                    found.append(match)
                    end = match.end()
        return found

    @functools.cached_property
    def _lowered_prefixes(self) -> set[str]:
        return {prefix.lower() for prefix in self.prefixes.values()}


def _either_case(letters: str) -> str:
    """A character set matching any of `letters` in upper or lower case."""
    return "[" + "".join(sorted(set(letters.lower() + letters.upper()))) + "]"


def file_number(stem: str) -> tuple[str, str] | None:
    """The number (as written) and suffix in a file name such as `0015-use-x`."""
    match = _FILE_NUMBER.match(stem)
    if not match:
        return None
    return match["number"], match["suffix"]


#: the file names (less their extension) of a record that is a folder: `rfcs/0007-name/README.md`,
#: `keps/sig-x/1234-name/kep.yaml`
FOLDER_RECORD_STEMS = ("README", "index", "kep")

#: a record file whose text is in another file beside it: the file that holds the text
BODY_FILES = {"kep.yaml": "README.md"}


def record_stem(relative: str) -> str:
    """The name a record goes by: its file's name without the extension, or, for
    a record that is a folder (`rfcs/0007-name/README.md`, `index.md`), the folder's."""
    parts = relative.split("/")
    stem = parts[-1].rsplit(".", 1)[0]
    if stem in FOLDER_RECORD_STEMS and len(parts) > 2 and file_number(parts[-2]):
        return parts[-2]
    return stem


def slug_of(stem: str) -> str:
    """The file name without its leading number: `0015-use-x` -> `use-x`."""
    match = _FILE_NUMBER.match(stem)
    rest = stem[match.end() :] if match else stem
    return rest.lstrip("-_.") or stem


#: an id as sorted: its prefix (with a catalogue's source, `payments:ADR`), number and suffix
_SORTABLE = re.compile(rf"^((?:{SOURCE_NAME}:)?[A-Za-z]+)-(\d+)(.*)$")


def sorted_ids(ids: Iterable[str]) -> list[str]:
    """Ids in natural order: ADR-0002 before ADR-0010 and ADR-10000."""

    def key(value: str) -> tuple[str, int, str]:
        match = _SORTABLE.match(value)
        if not match:
            return (value, 0, "")
        return (match[1], len(match[2].lstrip("0")), match[2].lstrip("0") + match[3])

    return sorted(ids, key=key)
