"""Make a record's HTML, and the URLs it gives, safe to publish.

Records come from anyone who can open a pull request, so the HTML that
Markdown makes of them goes through ammonia (via `nh3`), a maintained
allow-list sanitiser: `<script>`, `<style>`, event-handler attributes and
links or images with `javascript:`, `data:` or any scheme but http(s) and
mailto are removed. Relative links (to other records) stay.

URLs written in frontmatter (`links`, `technical_story`) never pass through
Markdown, so `safe_href` applies the same allow-list to them, reading the
scheme the way a browser does.
"""

from __future__ import annotations

import re

import markupsafe
import nh3

# what Markdown's and pymdownx's extensions make stays: task lists and tabs
# (`label`, `input`), line-number anchors (`a name`), sections
_TAGS = set(nh3.ALLOWED_TAGS) | {"input", "label", "section"}
_ATTRIBUTES = {tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()}
_ATTRIBUTES["*"] = {"class", "id", "title", "lang", "dir"}
_ATTRIBUTES["a"] = {"href", "hreflang", "name"}
_ATTRIBUTES["img"] = {"src", "alt", "width", "height", "loading"}
_ATTRIBUTES["input"] = {"type", "checked", "disabled", "name"}
_ATTRIBUTES["label"] = {"for"}
_SCHEMES = {"http", "https", "mailto"}
#: a table column's alignment, as Markdown's tables extension writes it: these
#: exact values of `style` and no other (a style attribute could hide or move anything)
_ALIGNED = {f"text-align: {side};" for side in ("left", "center", "right")}
_VALUES = {cell: {"style": _ALIGNED} for cell in ("th", "td")}

#: built once: `nh3.clean` would convert the allow-lists for every page
_CLEANER = nh3.Cleaner(
    tags=_TAGS, attributes=_ATTRIBUTES, tag_attribute_values=_VALUES, url_schemes=_SCHEMES, link_rel=None
)

#: what a browser drops from a URL before reading it: C0 controls and spaces
#: at either end, tabs and line breaks anywhere (WHATWG URL, "basic URL parser")
_CONTROLS = "".join(map(chr, range(0x21)))
_TAB_OR_NEWLINE = re.compile("[\t\n\r]")
#: a scheme, once every control and space is out of the way
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")


def clean(markup: str) -> str:
    return _CLEANER.clean(markup)


def title_text(title: str) -> str:
    """A title from a record as MkDocs gives titles to themes: HTML-escaped text.

    MkDocs makes page and table-of-contents titles from headings, already
    escaped, and the themes print them as they are: in element text, in
    `<title>`, in attributes (`title="..."`) and in search results. A raw
    title from frontmatter would be markup there. Quotes are escaped too,
    for the attributes.
    """
    return str(markupsafe.escape(title))


def safe_href(url: str) -> str | None:
    """`url` as a browser would read it, or None unless it is http(s),
    mailto or relative.

    The scheme is judged on the URL with every control character and
    whitespace removed and lower-cased, so that `JaVa\\tScRiPt:` or
    `\\x01javascript:` are refused even where a browser might not strip
    them all: refusing too much costs a link, refusing too little runs
    a record's script.
    """
    cleaned = _TAB_OR_NEWLINE.sub("", url.strip(_CONTROLS))
    probe = "".join(ch for ch in cleaned if ch > " " and not ch.isspace() and ch != "\x7f").lower()
    scheme = _SCHEME.match(probe)
    if scheme is not None and scheme.group(1) not in _SCHEMES:
        return None
    if scheme is None and ":" in probe.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]:
        return None  # a colon in the first segment ("_x:y"): neither a scheme we know nor a plain path
    return cleaned or None
