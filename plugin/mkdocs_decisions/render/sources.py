"""A catalogue's records published away from their repositories (RFC-0003).

A record's text links to its repository's other files (`../reference/x.md`,
`../../src/app.py`), which the catalogue does not publish: beside the
catalogue's pages those links lead nowhere, and `mkdocs build --strict`
fails on them. A link that leaves the source's record folders is pointed
at the file in the source's repository viewer instead, made from the
source's own `mkdocs.yml` as MkDocs would make its "edit" links; a source
that names no viewer keeps the link's words, as text.
"""

from __future__ import annotations

import functools
import posixpath
import re
import urllib.parse
from pathlib import Path
from typing import Callable

from ..config import ConfigError, read_mkdocs_yml
from ..readers.markdown import FENCE
from .urls import code_url

#: where a source's viewer shows a file (its path in the source) and line, or None
Viewer = Callable[..., "str | None"]

#: the `edit_uri` MkDocs gives a `repo_url` on these hosts when the configuration gives none
_DEFAULT_EDIT_URI = {"github.com": "edit/master/docs/", "gitlab.com": "edit/master/docs/",
                     "bitbucket.org": "src/default/docs/"}
#: an inline link or image: `[words](target "title")`, `![alt](target)`
_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]+)>?((?:\s+\"[^\"]*\")?\s*)\)")


def viewer(root: Path) -> Viewer:
    """The repository viewer of the source at `root`: its `mkdocs.yml`'s
    `repo_url`, `edit_uri` (MkDocs' default for GitHub, GitLab and
    Bitbucket when it has none) and `docs_dir`."""
    try:
        own = read_mkdocs_yml(root / "mkdocs.yml") if (root / "mkdocs.yml").is_file() else {}
    except ConfigError:
        own = {}
    repo_url, edit_uri = str(own.get("repo_url") or ""), own.get("edit_uri")
    if edit_uri is None:  # MkDocs' own default (config_options.EditURI), which the core cannot import
        host = urllib.parse.urlsplit(repo_url).netloc.lower()
        edit_uri = _DEFAULT_EDIT_URI.get(host, "")
    docs_dir = str(own.get("docs_dir") or "docs")
    return functools.partial(code_url, repo_url, str(edit_uri).rstrip("/") + "/" if edit_uri else "", docs_dir)


def links_out(body: str, path: str, folders: tuple[str, ...], show: Viewer) -> str:
    """`body` of the record at `path` (in its source) with each relative link
    that leaves `folders` (the source's record folders, which the catalogue
    publishes with their images) pointed at `show`'s URL of its target, or
    reduced to its words; links in fenced code are code."""
    def outward(match: re.Match[str]) -> str:
        bang, words, target, title = match.groups()
        if re.match(r"^(?:[a-z][a-z0-9+.-]*:|/|#)", target, re.IGNORECASE):
            return match.group()  # a URL, a site path or a place in the same page
        file, _, anchor = target.partition("#")
        where = posixpath.normpath(posixpath.join(posixpath.dirname(path), urllib.parse.unquote(file)))
        if any((folder == "." and not where.startswith("../")) or where.startswith(folder + "/") for folder in folders):
            return match.group()
        url = None if where.startswith("../") else show(where)  # out of the repository, or a file of it
        if url is None:
            return words
        return f"{bang}[{words}](<{url}{'#' + anchor if anchor else ''}>{title})"

    out, fence = [], None
    for line in body.splitlines(keepends=True):
        opened = FENCE.match(line)
        if fence is None and opened:
            fence = opened.group(1)[0] * 3
        elif fence is not None and line.lstrip().startswith(fence):
            fence = None
        elif fence is None:
            line = _LINK.sub(outward, line)
        out.append(line)
    return "".join(out)
