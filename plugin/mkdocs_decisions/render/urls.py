"""Links between pages of the site.

Pages are known by their site-relative MkDocs URL (`adr/0003-use-x/`, or
`adr/0003-use-x.html` without directory URLs, `` for the home page) until
a page shows a link: then it is made relative to that page, so the site
works from any base path and from `file://`.
"""

from __future__ import annotations

import re
import urllib.parse


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


def code_url(repo_url: str, edit_uri: str, docs_dir: str, path: str, line: int | None = None) -> str | None:
    """Where the repository's web viewer shows line `line` of `path` (relative
    to the project's root), made from MkDocs' own `repo_url` and `edit_uri`
    (which MkDocs gives a default for GitHub, GitLab and Bitbucket); None
    when they do not say, and the citation is shown as text.

    `edit_uri` points at `docs_dir` (`docs`, relative to the project's
    root) in the viewer's editor: without that ending, the project's root is
    not known. An editor's URL is turned into the viewer's (`edit/` into
    `blob/`), and the line is the viewer's anchor (`#L12`; Bitbucket's
    `#lines-12`); without a line, the URL is the whole file's.
    """
    if not repo_url or not edit_uri:
        return None
    ending = docs_dir.strip("/") + "/"
    if not edit_uri.endswith(ending):
        return None
    base = edit_uri[: len(edit_uri) - len(ending)]
    base = re.sub(r"(^|/)edit/", r"\1blob/", base, count=1)
    if not re.match(r"^[a-z][a-z0-9+.-]*://", base, re.IGNORECASE):
        base = repo_url.rstrip("/") + "/" + base.lstrip("/")
    anchor = "" if line is None else f"#lines-{line}" if "bitbucket.org" in base.lower() else f"#L{line}"
    return base + urllib.parse.quote(path) + anchor
