"""What a record must not keep of the template it was copied from.

The `placeholders` option lists patterns for every kind (`[Title]`,
`YYYY-MM-DD`, `[TODO: …]`). On top of those, each kind learns from its
templates (ours, the team's `templates_dir`, and the template files that sit
in its records folder, such as adr-tools' or MADR's own `template.md`):

* the bracketed and braced prompts in them (`[Names of people involved]`,
  `{short title of solved problem and solution}`), but not links, checkboxes
  or footnotes;
* their lines of guidance (five words or more besides the prompts, not
  headings or table rows), which a record should have replaced with its own
  text.

Two generic forms catch a copy of a template we do not have: MADR's braced
prompts in lower case, and bracketed prompts that start as prompts do
(`[Title of …]`, `[Option Name]`, `[Description and priority]`).
"""

from __future__ import annotations

import dataclasses
import os
import re
from typing import Iterable

from .config import KindSettings, Settings
from .handbook import templates

#: a template, by its file name: `template.md`, `adr-template.md`, `template-lite.md`,
#: and with a number only exactly `0000-template.md`; `0042-use-a-template.md`
#: is a record whose title ends in "template"
_TEMPLATE_NAME = re.compile(r"(?i)^(?:\d+[-_ ]template|(?:[a-z]+[-_])?template(?:[-_][a-z0-9]+)?)\.[^.]+$")

#: `[prompt]` not followed by `(`, `[` or `:` (a link, a reference, a link definition);
#: `{prompt}` with a space in it (not `{id}` of a code sample)
_BRACKETED = re.compile(r"(?<![\]!\\])\[(?!\^)([^\[\]\n]{3,})\](?![(\[:])")
_BRACED = re.compile(r"(?<![{$%\\])\{([^{}\n]*\s[^{}\n]*)\}(?!\})")
_CODE = re.compile(r"(`+)[^`]*?\1")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}#{1,6}\s")
_WORD = re.compile(r"[A-Za-z]+")

#: prompts of templates we do not ship: `[Prompt …]`, adr-tools' `# NUMBER. TITLE` heading
#: (its `DATE` and `STATUS` are told as a bad date and an unknown status), and, last, MADR's
#: `{lower-case prompt}`
GENERIC = (
    r"\[(?:Title|Names?|Option|Description|Short|Describe|Summary|List|Add|Insert|Your|Who|What|Why)\b"
    r"[^\[\]\n]*\](?![(\[:])",
    # alone on its line; written literal first, as every other prompt here starts with a character
    # of its own: a pattern that may start with `^` makes `re` try the whole alternation at every
    # character of every record (lint took 1.7 times as long)
    r"# NUMBER\. TITLE(?<![^\n]# NUMBER\. TITLE)(?=[ \t]*(?:\r?\n|\Z))",
    r"\{[a-z][a-z ,/'()-]*\s[a-z ,/'()-]*\}",
)


#: a folder to copy for a new record: `NNNN-kep-template/`, `0000-cloud-provider-template/`
_TEMPLATE_FOLDER = re.compile(r"(?i)^(?:\d+|N+)[-_](?:[a-z0-9]+[-_])*template$")


def is_template_folder(name: str) -> bool:
    """Whether a folder of a records folder is, by its name, a template to copy (KEPs keep one)."""
    return bool(_TEMPLATE_FOLDER.match(name))


def is_template_name(name: str) -> bool:
    """Whether a file of a records folder is, by its name, a template to copy, not a record."""
    return bool(_TEMPLATE_NAME.match(name))


@dataclasses.dataclass(frozen=True)
class Learned:
    """What one kind's templates prompt for."""

    #: the option's patterns, the generic ones, and the templates' prompts, as one regex
    pattern: re.Pattern[str]
    #: the templates' lines of guidance, stripped
    lines: frozenset[str]


def learn(settings: Settings, kind: KindSettings) -> Learned:
    """The placeholders of `kind`: from the option, and from its templates."""
    ours = templates(settings).get(kind.name)  # `decisions new` writes records of the kind from it
    texts = ([ours.text] if ours else []) + _template_files(settings, kind)
    prompts, lines = set(), set()
    for text in texts:
        for line in _prose(text):
            visible = _CODE.sub("", line)
            prompts.update(match.group() for match in _BRACKETED.finditer(visible))
            prompts.update(match.group() for match in _BRACED.finditer(visible))
            stripped = line.strip().lstrip("-*+> ").strip()
            if not _HEADING.match(line) and not stripped.startswith("|") and _words_outside_prompts(stripped) >= 5:
                lines.add(stripped)
    # a big project's process has templates of its own, and braces in its proposals are code ({x, y})
    generic = GENERIC[:-1] if kind.preset else GENERIC
    patterns = [*settings.placeholders, *generic, *(re.escape(prompt) for prompt in sorted(prompts, key=len, reverse=True))]
    return Learned(re.compile("|".join(f"(?:{p})" for p in patterns)), frozenset(lines))


def _template_files(settings: Settings, kind: KindSettings) -> list[str]:
    """The texts of the template files in the kind's records folder (not in its subfolders)."""
    folder = settings.root / kind.directory
    try:
        names = sorted(entry.name for entry in os.scandir(folder) if entry.is_file() and is_template_name(entry.name))
    except OSError:
        return []
    texts = []
    for name in names:
        try:
            texts.append((folder / name).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            continue  # a template that cannot be read teaches nothing; it is no record either
    return texts


def _prose(text: str) -> Iterable[str]:
    """The lines of a template outside its frontmatter and code blocks."""
    lines = text.splitlines()
    start = 0
    if lines and lines[0].strip() == "---":
        closing = next((n for n in range(1, len(lines)) if lines[n].strip() in ("---", "...")), None)
        start = closing + 1 if closing is not None else 0
    fence = None
    for line in lines[start:]:
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        yield line


def _words_outside_prompts(line: str) -> int:
    """How many words a line says besides its prompts: a line that is mostly
    prompts (`- **Pros:** [TODO: …]`) is found by its prompts already."""
    return len(_WORD.findall(_BRACKETED.sub("", _BRACED.sub("", line))))
