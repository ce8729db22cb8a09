"""Nothing from a record runs in a reader's browser, in any context a theme puts it.

A hostile corpus puts payloads made for each HTML context (element text,
`<title>`'s RCDATA, double- and single-quoted attributes, `<script>` JSON,
SVG `<title>`/`<text>`, CSS, URLs) into every field of a record (id, title,
status, tags, people, dates, links, technical story) and into its body, and
into its status history in git. The site is built with the `mkdocs`,
`readthedocs` and Material (light and dark) themes, with `records_in_nav` on
and off, and with the records kept inside `docs_dir` as the site's own pages
(ADR-0018), always with the search plugin. Then, in Chromium, every built page is
opened and each payload typed into the theme's search box; no dialog may
open, no request may leave the machine, no element may carry a record's
event handler or a `javascript:`/`data:`/`vbscript:` URL, and titles must
read as the record wrote them.

Every payload calls `alert` with a text containing `XSS`, and every URL a
payload would fetch is on `example.invalid`, so both are easy to tell from
the themes' own doing.
"""

from __future__ import annotations

import shutil
import functools
import http.server
import json
import os
import subprocess
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

from test_browser import _Quiet, browser  # noqa: F401 (browser: the fixture, Chromium started once per module)

from mkdocs_decisions.render.sanitize import safe_href

#: one payload per context it tries to break out of
PAYLOADS = {
    "element": "<img src=x onerror=alert('XSS-element')> & é <b>bold",
    "rcdata": "</title><script>alert('XSS-rcdata')</script>",
    "double-quoted": '" autofocus onfocus="alert(\'XSS-dq\')" x="',
    "single-quoted": "' autofocus onfocus='alert(`XSS-sq`)' x='",
    "script-json": '</script><script>alert("XSS-json")</script>"};alert("XSS-json2");//',
    "svg": "</text></title><svg onload=alert('XSS-svg')><text>",
    "css": "</style><style>body{background:url(https://example.invalid/XSS-css)}</style>",
    "url": "javascript:alert('XSS-url')",
}

#: URLs a record may give; only the last may become a link
URLS = [
    "javascript:alert('XSS-link')",
    " JaVaScRiPt:alert('XSS-case')",
    "java\tscript:alert('XSS-tab')",
    "java\nscript:alert('XSS-newline')",
    "data:text/html,<script>alert('XSS-data')</script>",
    "vbscript:msgbox('XSS-vb')",
    "https://example.org/?a=1&b=2",
]

THEMES = {
    # nothing may be fetched: the mkdocs theme's highlight.js and Material's fonts come from CDNs
    "mkdocs": "name: mkdocs\n  highlightjs: false",
    "readthedocs": "name: readthedocs\n  highlightjs: false",
    "material-light": "name: material\n  font: false\n  palette:\n    scheme: default",
    "material-dark": "name: material\n  font: false\n  palette:\n    scheme: slate",
}

SITE_NAME = "Hostile"


def _yaml(value) -> str:
    """A frontmatter value: JSON is YAML, and escapes every character YAML would read."""
    return json.dumps(value, ensure_ascii=False)


def _body(payload: str, previous: str | None) -> str:
    mention = f"It replaces {previous}." if previous else "The first of its line."
    return (
        f"# {payload}\n\n{payload}\n\n{mention}\n\n"
        f"## {payload}\n\n`{payload}` and [a link]({URLS[0].replace(' ', '%20')}) and "
        f"<a href=\"{URLS[2]}\">a tabbed link</a>.\n\n"
        f"<div style=\"{payload}\" title='{payload}'>{payload}</div>\n\n"
        f"<svg><title>{payload}</title><text>{payload}</text></svg>\n\n"
        "<style>body{background:url(https://example.invalid/XSS-body-css)}</style>\n"
        "<script>alert('XSS-body')</script>\n"
    )


def _record(number: int, payload: str, status: str, previous: str | None, successor: str | None) -> str:
    lines = [
        f"title: {_yaml(payload)}",
        f"status: {status}",
        f"date: 2026-01-{number:02d}",
        f"deciders: {_yaml([payload, 'alice'])}",
        f"authors: {_yaml([payload])}",
        f"tags: {_yaml([payload, 'plain'])}",
        f"links: {_yaml([*URLS, {'title': payload, 'url': URLS[0]}, {'title': payload, 'url': URLS[-1]}])}",
        f"technical_story: {_yaml(URLS[number % (len(URLS) - 1)])}",
        f"owners: {_yaml([payload, 'bob'])}",
        f"approvals: {_yaml([{'by': payload, 'date': payload}, {'by': 'bob', 'date': '2026-01-02'}])}",
        "review_by: 2026-01-15",  # past: the record in force is on the in-force page's "Due for review"
    ]
    if previous:
        lines.append(f"supersedes: [{previous}]")
    if successor:
        lines.append(f"superseded_by: [{successor}]")
    return "---\n" + "\n".join(lines) + "\n---\n" + _body(payload, previous)


def _git(root: Path, *arguments: str) -> None:
    date = "2026-01-20T10:00:00+00:00"
    environment = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
                   "GIT_AUTHOR_NAME": "Ann", "GIT_AUTHOR_EMAIL": "ann@example.invalid",
                   "GIT_COMMITTER_NAME": "Ann", "GIT_COMMITTER_EMAIL": "ann@example.invalid"}
    subprocess.run(["git", "-C", str(root), *arguments], check=True, capture_output=True, env=environment)


def write_corpus(root: Path) -> dict[str, str]:
    """The hostile archive, in a git repository whose history holds payloads
    as statuses and commit subjects. Returns each record's page -> its title."""
    adr = root / "adr"
    adr.mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Home\n\nSee ADR-0001.\n")
    names = list(PAYLOADS)
    titles = {}
    _git(root, "init", "-q", "-b", "main")
    # first, every record proposed under a hostile status
    for number, name in enumerate(names, start=1):
        path = adr / f"{number:04d}-{name}.md"
        path.write_text(_record(number, PAYLOADS[name], _yaml(PAYLOADS[name]), None, None))
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", PAYLOADS["rcdata"] + PAYLOADS["double-quoted"])
    # then a supersession chain, so that every title is in a lineage drawing
    for number, name in enumerate(names, start=1):
        previous = f"ADR-{number - 1:04d}" if number > 1 else None
        successor = f"ADR-{number + 1:04d}" if number < len(names) else None
        status = "accepted" if successor is None else "superseded"
        (adr / f"{number:04d}-{name}.md").write_text(_record(number, PAYLOADS[name], status, previous, successor))
        titles[f"adr/{number:04d}-{name}/"] = PAYLOADS[name]
    # and one record whose id, status and date are payloads themselves
    (adr / "0042-fields.md").write_text(
        f"---\nid: {_yaml(PAYLOADS['svg'])}\nstatus: {_yaml(PAYLOADS['double-quoted'])}\n"
        f"date: {_yaml(PAYLOADS['single-quoted'])}\ntitle: {_yaml(PAYLOADS['script-json'])}\n---\n"
        + _body(PAYLOADS["element"], None)
    )
    titles["adr/0042-fields/"] = PAYLOADS["script-json"]
    # a proposal open for comment, on the index's "Open for comment" list
    (adr / "0043-open.md").write_text(
        f"---\ntitle: {_yaml(PAYLOADS['rcdata'])}\nstatus: proposed\ndate: 2026-01-20\n"
        f"comment_until: 2099-01-01\nowner: {_yaml(PAYLOADS['double-quoted'])}\n---\n" + _body(PAYLOADS["svg"], None)
    )
    titles["adr/0043-open/"] = PAYLOADS["rcdata"]
    # code citing records, in a file whose name is a payload (shown, and linked to the repository's viewer)
    (root / "src").mkdir()
    (root / "src" / f"{PAYLOADS['element']}.py").write_text("# ADR-0001, ADR-0008 and ADR-0043\n")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", PAYLOADS["single-quoted"] + PAYLOADS["svg"])
    return titles


def build_site(root: Path, theme: str, layout: str) -> Path:
    """The corpus built with `theme` (a key of THEMES) and `layout` (LAYOUTS);
    records are errors, so not strict."""
    name = f"{theme}-{layout}"
    config_file = root / f"{name}.yml"
    options = f"records_in_nav: {str(layout == 'nav').lower()}\n      handbook: false\n"
    # where citations link: a repository viewer (edit_uri matches docs_dir only outside in-docs, so both ways show)
    repository = "repo_url: https://example.invalid/repo\nedit_uri: edit/main/docs/\n"
    if layout == "in-docs":  # the records are pages of the site's own, which the plugin keeps
        if not (root / "in-docs").is_dir():
            shutil.copytree(root / "adr", root / "in-docs" / "adr")
            shutil.copy2(root / "docs" / "index.md", root / "in-docs" / "index.md")
        options += "      kinds: {adr: {directory: in-docs/adr}}\n"
    config_file.write_text(
        f"site_name: {SITE_NAME}\ntheme:\n  {THEMES[theme]}\n"
        + ("docs_dir: in-docs\n" if layout == "in-docs" else "") + repository
        + f"plugins:\n  - search\n  - decisions:\n      {options}"
    )
    site = root / f"site-{name}"
    build(load_config(str(config_file), site_dir=str(site), strict=False))
    return site


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("hostile")
    return root, write_corpus(root)


@pytest.fixture(scope="module")
def built(corpus):
    """(theme, layout) -> site folder, each built once, on first use."""
    root, _ = corpus
    sites: dict[tuple[str, str], Path] = {}

    def get(theme: str, layout: str) -> Path:
        if (theme, layout) not in sites:
            sites[(theme, layout)] = build_site(root, theme, layout)
        return sites[(theme, layout)]

    return get


#: records outside docs_dir, listed in the navigation or not; and kept inside docs_dir
#: as the site's own pages (then MkDocs, not the plugin, makes their pages' titles)
LAYOUTS = ("plain", "nav", "in-docs")
SCENARIOS = [(theme, layout) for theme in THEMES for layout in LAYOUTS]


def _pages(site: Path) -> list[str]:
    return sorted(str(path.relative_to(site)) for path in site.rglob("*.html"))


# -- the built pages, without a browser ------------------------------------------------------


@pytest.mark.parametrize(("theme", "layout"), SCENARIOS, ids=[f"{t}-{layout}" for t, layout in SCENARIOS])
def test_titles_read_as_written_in_title_nav_and_search(built, corpus, theme, layout):
    """`<title>`, navigation links and the search index hold each title as the
    text the record wrote (escaped once, as MkDocs escapes its own titles),
    on our record pages and on the site's own (records kept in docs_dir)."""
    site = built(theme, layout)
    _, titles = corpus
    headings = {}
    for url, title in titles.items():
        page = BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert page.title.get_text() == f"{title} - {SITE_NAME}", url
        assert page.title.find_all(True) == []  # nothing closed the title early
        headings[url] = page.find("h1").get_text()
    index = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    nav_texts = {" ".join(a.get_text().split()) for a in index.find_all("a")}
    shown = {" ".join(title.split()) for title in titles.values()}
    assert (shown <= nav_texts) is (layout != "plain")
    search = json.loads(next(site.glob("search/search_index.json")).read_text())
    indexed = {doc["location"].split("#")[0]: doc["title"] for doc in search["docs"] if "#" not in doc["location"]}
    for url, title in titles.items():
        # The search index holds escaped text, which the themes' scripts show
        # as text: MkDocs' search takes the page's title, Material's the text
        # of its first heading (the record's own markdown, sanitised).
        assert BeautifulSoup(indexed[url], "html.parser").get_text() in (title, headings[url]), url


# -- in Chromium --------------------------------------------------------------------------

#: in the page: what a record could have smuggled into the DOM as the browser parsed it
AUDIT = r"""
() => {
  const found = [];
  const bad = /^\s*(javascript|data|vbscript):/i;
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on') && attribute.value.includes('XSS'))
        found.push(`${element.tagName} ${name}=${attribute.value}`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster'].includes(name)) {
        // the scheme as the browser reads it (it drops tabs, line breaks and outer spaces)
        let resolved = attribute.value;
        try { resolved = new URL(attribute.value, document.baseURI).protocol; } catch (e) {}
        if (bad.test(resolved))
          found.push(`${element.tagName} ${name}=${attribute.value}`);
      }
      if (name === 'style' && attribute.value.includes('XSS'))
        found.push(`${element.tagName} style=${attribute.value}`);
    }
    if (['STYLE', 'IFRAME', 'OBJECT', 'EMBED'].includes(element.tagName) && element.outerHTML.includes('XSS'))
      found.push(element.outerHTML.slice(0, 120));
    // a script of the record's (a theme's own scripts may hold a title as a JSON string)
    if (element.tagName === 'SCRIPT' && !element.src && /^\s*alert\(\s*['"`]XSS/.test(element.textContent))
      found.push(element.outerHTML.slice(0, 120));
  }
  return found;
}
"""


@pytest.fixture(scope="module")
def serve():
    running: list[http.server.ThreadingHTTPServer] = []

    def start(site: Path) -> str:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        running.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in running:
        server.shutdown()
        server.server_close()


class Watch:
    """A browser context that records dialogs, and stops and records every
    request that would leave the machine (it never goes out)."""

    def __init__(self, browser, base: str) -> None:
        self.context = browser.new_context()
        self.dialogs: list[str] = []
        self.outside: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.base = base

    def _route(self, route) -> None:
        if route.request.url.startswith((self.base, "data:", "about:", "blob:")):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def audit(self, where: str) -> list[str]:
        return [f"{where}: {finding}" for finding in self.page.evaluate(AUDIT)]


#: where each theme shows search results, and the script that is true once it has
RESULTS = {
    "mkdocs": "document.querySelector('#mkdocs-search-results').children.length > 0",
    "readthedocs": "document.querySelector('#mkdocs-search-results').children.length > 0",
    "material": "!/Initializing|Type to start/i.test(document.querySelector('.md-search-result__meta').textContent)",
}


def _search(page, theme: str, base: str, query: str, expect_results: bool = False) -> bool:
    """Type `query` into the theme's search box as a reader would; True once
    results (or "no results") show. Some payloads are not valid queries for
    a theme's search (lunr refuses `javascript:` as an unknown field): those
    show nothing after a few seconds, which is also fine, unless results
    were expected."""
    family = "material" if theme.startswith("material") else theme
    if family == "mkdocs":
        # MkDocs' search listens to the box only once its index is built: wait for that
        with page.expect_console_message(lambda message: "search ready" in message.text):
            page.goto(base)
        page.keyboard.press("s")  # the theme's shortcut opens the search dialog
        box = page.locator("#mkdocs-search-query")
        box.wait_for(state="visible")
        box.press_sequentially(query)
        # the worker logs "search ready" just before it tells the page, and the page
        # only then starts listening to the box: keys typed in between are not seen.
        # A reader who sees nothing presses a key again; so does this.
        for _ in range(5):
            try:
                page.wait_for_function(RESULTS[family], timeout=1_000)
                return True
            except Exception as error:  # playwright's TimeoutError
                if "Timeout" not in str(error):
                    raise
            box.press("End")
    elif family == "readthedocs":
        page.goto(base)  # the box is a form: the search page runs the query once its index is built
        box = page.locator("form#rtd-search-form input[name=q]")
        box.press_sequentially(query)
        box.press("Enter")
        page.wait_for_url("**/search.html*")
    else:
        page.goto(base)  # Material holds what is typed until its index is built
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially(query)
    if expect_results:
        page.wait_for_function(RESULTS[family])
        return True
    try:
        page.wait_for_function(RESULTS[family], timeout=5_000)
    except Exception as error:  # playwright's TimeoutError
        if "Timeout" not in str(error):
            raise
        return False
    return True


@pytest.mark.browser
@pytest.mark.parametrize(("theme", "layout"), SCENARIOS, ids=[f"{t}-{layout}" for t, layout in SCENARIOS])
def test_no_script_from_a_record_runs_on_any_page(built, corpus, browser, serve, theme, layout):
    site = built(theme, layout)
    _, titles = corpus
    base = serve(site)
    watch = Watch(browser, base)
    page = watch.page
    findings: list[str] = []
    wrong_titles: list[tuple[str, str]] = []  # (page, the title the browser shows)
    pages = _pages(site)
    assert len(pages) >= len(titles) + 6  # records, indexes, timeline, graph, in-force, changes, home
    for path in pages:
        page.goto(base + path)
        page.mouse.move(5, 5)
        page.mouse.move(400, 300)
        page.keyboard.press("Tab")
        findings += watch.audit(path)
        url = path.removesuffix("index.html")
        if url in titles and page.title() != " ".join(f"{titles[url]} - {SITE_NAME}".split()):
            wrong_titles.append((path, page.title()))
    # a word of every hostile record's text: its results show their titles and text
    _search(page, theme, base, "replaces", expect_results=True)
    assert "XSS" in page.inner_text("body")
    findings += watch.audit("search 'replaces'")
    for query in PAYLOADS.values():
        _search(page, theme, base, query)
        findings += watch.audit(f"search {query!r}")
    watch.context.close()
    assert watch.dialogs == []
    assert findings == []
    assert watch.outside == []
    assert wrong_titles == []


@pytest.mark.browser
def test_the_audit_catches_what_it_looks_for(browser, serve, tmp_path):
    """The checks above mean something only if they fire: a page with each
    kind of injection they look for is caught by each."""
    (tmp_path / "index.html").write_text(
        "<title>t</title><img src=x onerror=\"alert('XSS-audit')\">"
        "<a href=' JAVA\tSCRIPT:void(0)'>a</a><div style=\"x:XSS\"></div>"
        "<img src='https://example.invalid/XSS.png'>"
    )
    base = serve(tmp_path)
    watch = Watch(browser, base)
    watch.page.goto(base)
    found = watch.audit("page")
    watch.context.close()
    assert watch.dialogs == ["XSS-audit"]
    assert watch.outside == ["https://example.invalid/XSS.png"]
    assert [finding.split("=")[0] for finding in found] == ["page: IMG onerror", "page: A href", "page: DIV style"]


# -- URLs from records ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a?b=1&c=2", "https://example.org/a?b=1&c=2"),
        ("HTTP://EXAMPLE.ORG/", "HTTP://EXAMPLE.ORG/"),
        ("mailto:team@example.org", "mailto:team@example.org"),
        ("../0002-use-x/", "../0002-use-x/"),
        ("0002-use-x.md#context", "0002-use-x.md#context"),
        ("#top", "#top"),
        ("  https://example.org/\n", "https://example.org/"),
        ("https://exa\tmple.org/", "https://example.org/"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        (" \x01javascript:alert(1)", None),
        ("java\tscript:alert(1)", None),
        ("java\nscript:alert(1)", None),
        ("java\u00a0script:alert(1)", None),
        ("java\x00script:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("DATA:image/svg+xml;base64,PHN2Zz4=", None),
        ("vbscript:msgbox(1)", None),
        ("file:///etc/passwd", None),
        ("c:\\windows", None),
        ("", None),
        ("\t\n", None),
    ],
)
def test_safe_href(url, expected):
    assert safe_href(url) == expected
