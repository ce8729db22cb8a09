"""Turn record ids written in prose (`see ADR-0003`) into links.

Works on the HTML that Markdown produced: an id is linked only in text,
never inside a tag, a link, code, preformatted text or a heading, where a
link would be wrong or would nest. Pages hold few ids and much markup, so
one pass finds the elements to skip, and each id is looked up among them.
"""

from __future__ import annotations

import bisect
import html
import re
from typing import Callable

#: the tags of elements inside which an id stays text
_SKIP_TAG = re.compile(r"<(/?)(a|code|pre|script|style|h[1-6]|svg|textarea)(?=[\s>/])[^>]*>", re.IGNORECASE)


def _skipped_regions(markup: str) -> list[tuple[int, int]]:
    """(start, end) of every element an id must not be linked in, outermost only."""
    regions = []
    depth = 0
    start = 0
    for tag in _SKIP_TAG.finditer(markup):
        if tag.group(1):  # closing
            if depth:
                depth -= 1
                if depth == 0:
                    regions.append((start, tag.end()))
        else:
            if depth == 0:
                start = tag.start()
            depth += 1
    if depth:
        regions.append((start, len(markup)))
    return regions


def link_ids(
    markup: str, pattern: re.Pattern[str], resolve: Callable[[str], tuple[str, str] | None]
) -> str:
    """Link every id that `pattern` finds and `resolve` knows.

    `resolve(written)` returns `(href, title)` for an id, or None to leave it.
    """
    matches = list(pattern.finditer(markup))
    if not matches:
        return markup
    regions = _skipped_regions(markup)
    starts = [region[0] for region in regions]
    pieces: list[str] = []
    last = 0
    for match in matches:
        start = match.start()
        if markup.rfind("<", 0, start) > markup.rfind(">", 0, start):
            continue  # inside a tag: an attribute value
        index = bisect.bisect_right(starts, start) - 1
        if index >= 0 and start < regions[index][1]:
            continue
        found = resolve(html.unescape(match.group()))
        if found is None:
            continue
        href, title = found
        pieces.append(markup[last:start])
        pieces.append(
            f'<a class="decisions-ref" href="{html.escape(href)}" '
            f'title="{html.escape(title)}">{match.group()}</a>'
        )
        last = match.end()
    if not pieces:
        return markup
    pieces.append(markup[last:])
    return "".join(pieces)
