"""Turn record ids written in prose (`see ADR-0003`) into links.

Works on the HTML that Markdown produced, touching only text between tags,
and never inside links, code, preformatted blocks or headings, where a link
would be wrong or would nest.
"""

from __future__ import annotations

import html
import re
from typing import Callable

_TAG = re.compile(r"(<[^>]*>)")
_OPENING = re.compile(r"^<\s*([a-zA-Z][a-zA-Z0-9]*)")
_CLOSING = re.compile(r"^<\s*/\s*([a-zA-Z][a-zA-Z0-9]*)")
_SKIP = frozenset({"a", "code", "pre", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6", "svg", "textarea"})


def link_ids(
    markup: str, pattern: re.Pattern[str], resolve: Callable[[str], tuple[str, str] | None]
) -> str:
    """Link every id that `pattern` finds and `resolve` knows.

    `resolve(written)` returns `(href, title)` for an id, or None to leave it.
    """
    if not pattern.search(markup):
        return markup
    parts = _TAG.split(markup)
    skipping: list[str] = []
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            closing = _CLOSING.match(part)
            if closing:
                name = closing.group(1).lower()
                if skipping and skipping[-1] == name:
                    skipping.pop()
                continue
            opening = _OPENING.match(part)
            if opening and opening.group(1).lower() in _SKIP and not part.endswith("/>"):
                skipping.append(opening.group(1).lower())
            continue
        if skipping or not part:
            continue

        def replace(match: re.Match[str]) -> str:
            found = resolve(html.unescape(match.group()))
            if found is None:
                return match.group()
            href, title = found
            return (
                f'<a class="decisions-ref" href="{html.escape(href)}" '
                f'title="{html.escape(title)}">{match.group()}</a>'
            )

        parts[index] = pattern.sub(replace, part)
    return "".join(parts)
