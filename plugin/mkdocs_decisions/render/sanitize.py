"""Make a record's HTML safe to publish.

Records come from anyone who can open a pull request, so the HTML that
Markdown makes of them goes through ammonia (via `nh3`), a maintained
allow-list sanitiser: `<script>`, `<style>`, event-handler attributes and
links or images with `javascript:`, `data:` or any scheme but http(s) and
mailto are removed. Relative links (to other records) stay.
"""

from __future__ import annotations

import nh3

_TAGS = set(nh3.ALLOWED_TAGS) | {"input", "section"}
_ATTRIBUTES = {tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()}
_ATTRIBUTES["*"] = {"class", "id", "title", "lang", "dir"}
_ATTRIBUTES["a"] = {"href", "hreflang"}
_ATTRIBUTES["img"] = {"src", "alt", "width", "height", "loading"}
_ATTRIBUTES["input"] = {"type", "checked", "disabled"}  # task lists
_SCHEMES = {"http", "https", "mailto"}


#: built once: `nh3.clean` would convert the allow-lists for every page
_CLEANER = nh3.Cleaner(tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_SCHEMES, link_rel=None)


def clean(markup: str) -> str:
    return _CLEANER.clean(markup)
