"""Links between pages of the site.

Pages are known by their site-relative MkDocs URL (`adr/0003-use-x/`, or
`adr/0003-use-x.html` without directory URLs, `` for the home page) until
a page shows a link: then it is made relative to that page, so the site
works from any base path and from `file://`.
"""

from __future__ import annotations


def relative_url(target: str, page_url: str) -> str:
    """`target` (site-relative) as a link from the page at `page_url`.

    Both are MkDocs URLs (`adr/0003-x/`, `adr/0003-x.html`, `` for the home
    page), so plain path arithmetic does; it runs for every link of every page.
    """
    here = page_url.lstrip("/").split("/")[:-1]  # the page's folders
    there = target.lstrip("/").split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:]) or "./"
