"""Turn record ids written in prose (`see ADR-0003`) into links.

Works on the HTML that Markdown produced: an id is linked only in text,
never inside a tag, a link, code, preformatted text or a heading, where a
link would be wrong or would nest. Pages hold few ids and much markup, so
the ids are found first, and the elements to skip are looked for only up to
the last of them.
"""

from __future__ import annotations

import html
import re
from typing import Callable

#: the tags of elements inside which an id stays text
_SKIP_TAG = re.compile(r"<(/?)(a|code|pre|script|style|h[1-6]|svg|textarea)(?=[\s>/])[^>]*>", re.IGNORECASE)


def link_ids(
    markup: str, matches: list[re.Match[str]], resolve: Callable[[str], tuple[str, str] | None]
) -> str:
    """Link each id in `matches` (found in `markup`, in order) that `resolve` knows.

    `resolve(written)` returns `(href, title)` for an id, or None to leave it.
    Elements to skip are tracked in the same walk, up to the last id only.
    """
    if not matches:
        return markup
    tags = _SKIP_TAG.finditer(markup, 0, matches[-1].start())
    tag = next(tags, None)
    depth = 0  # how many elements to skip are open here
    pieces: list[str] = []
    last = 0
    for match in matches:
        start = match.start()
        while tag is not None and tag.start() < start:
            depth = max(depth - 1, 0) if tag.group(1) else depth + 1
            tag = next(tags, None)
        if depth or markup.rfind("<", 0, start) > markup.rfind(">", 0, start):
            continue  # inside an element to skip, or inside a tag (an attribute value)
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
