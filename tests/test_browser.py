"""The built site in a real browser (Debian's Chromium, driven by Playwright).

Each scenario runs against a site served from a localhost port and opened
from file://, with the `mkdocs` and `material` themes (Material in its light
and dark palettes); the accessibility run adds the mkdocs theme's dark mode
and `readthedocs`. The site is a git repository with history, so that it has
status histories and a what-changed page. Every request the page makes is
recorded: none may leave the machine. axe-core comes from tests/js/node_modules
(installed by npm from the lock file, never fetched while the tests run).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
import unittest.mock
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, accepted_adr
from test_plugin import copy_archive, make_site, run_build

CHROMIUM = "/usr/bin/chromium"
AXE = REPO / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]

pytestmark = pytest.mark.browser


def _require_browser():
    missing = [str(p) for p in (Path(CHROMIUM), AXE) if not p.exists()]
    if shutil.which("git") is None:
        missing.append("git")
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing.append("the playwright package")
    if missing:
        message = f"not installed: {', '.join(missing)} (.ci/run installs them)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


THEMES = {
    # the mkdocs theme loads highlight.js from a CDN unless told not to
    "mkdocs": "mkdocs\n  highlightjs: false",
    "mkdocs-dark": "mkdocs\n  highlightjs: false\n  color_mode: dark",
    "readthedocs": "readthedocs\n  highlightjs: false",
    # Material fetches Google Fonts unless told not to; nothing may leave the machine
    "material-light": "material\n  font: false\n  palette:\n    scheme: default",
    "material-dark": "material\n  font: false\n  palette:\n    scheme: slate",
    # built by Zensical from the pages `decisions generate` writes (no plugin runs)
    "zensical": "material\n  font: false\n  variant: modern",
    "zensical-classic": "material\n  font: false\n  variant: classic",
}
#: where the generated pages are in a Zensical site: the tests' paths start there
GENERATED = "decisions/"


#: "today" for the sites (2026-06-15, noon UTC): ADR-0005's review (2026-07-01) is due, and
#: ADR-0006's comment period (until 2026-06-30) open, on whatever day the tests run
TODAY = "1781524800"


def _site(root: Path, theme: str, directory_urls: bool) -> Path:
    """The good archive and two more records, in a git repository with two
    commits, so that the site has status histories and a what-changed page;
    one record is due for review, one open for comment, one cited by code."""
    with unittest.mock.patch.dict(os.environ, {"SOURCE_DATE_EPOCH": TODAY}):
        return _governed_site(root, theme, directory_urls)


def _governed_site(root: Path, theme: str, directory_urls: bool) -> Path:
    from test_history import commit, git

    git(root, "init", "-q", "-b", "main")
    copy_archive(FIXTURES / "good", root)
    adr = root / "adr"
    # first, ADR-0002 in force and no ADR-0003 yet
    superseded = (adr / "0002-use-rabbitmq.md").read_text()
    kafka = (adr / "0003-use-kafka.md").read_text()
    (adr / "0003-use-kafka.md").unlink()
    (adr / "0002-use-rabbitmq.md").write_text(
        superseded.replace("status: superseded", "status: accepted").replace("superseded_by: [ADR-0003]\n", "")
    )
    # more records, so that filters and sorting have something to do
    (adr / "0005-use-grpc.md").write_text(accepted_adr(
        "Adopt gRPC internally", extra="tags: [api, messaging]\nowner: platform\nreview_by: 2026-07-01\n", date="2025-11-02"))
    (root / "src").mkdir()
    (root / "src" / "server.py").write_text("# Calls between services use gRPC (ADR-0005).\n")
    commit(root, "Record the first decisions", "2025-03-01T09:00:00+00:00")
    # then ADR-0003 supersedes ADR-0002, and ADR-0006 is proposed
    (adr / "0002-use-rabbitmq.md").write_text(superseded)
    (adr / "0003-use-kafka.md").write_text(kafka)
    (adr / "0006-cache-prices.md").write_text(
        accepted_adr("Cache prices at the edge", extra="tags: [performance]\ncomment_until: 2026-06-30\n",
                     date="2025-12-01").replace("accepted", "proposed")
    )
    commit(root, "Kafka supersedes RabbitMQ; propose edge caching", "2025-12-01T09:00:00+00:00")
    # from file:// a link to a folder shows the folder, so that build has .html links
    extra = "" if directory_urls else "use_directory_urls: false\n"
    config_file = make_site(root, "handbook: true", theme=THEMES[theme], extra=extra)
    if theme.startswith("zensical"):
        return _zensical_site(root, theme)
    if theme.startswith("material") and not directory_urls:
        # Material's own offline plugin makes its scripts work from file://
        config_file.write_text(config_file.read_text() + "  - offline\n")
    return run_build(config_file)


def _zensical_site(root: Path, theme: str) -> Path:
    """`decisions generate`, then Zensical, which runs no plugin, builds the site strictly."""
    import subprocess

    from conftest import decisions
    from test_generate import _zensical

    generated = decisions("generate", cwd=root)
    assert generated.returncode == 0, generated.stderr
    (root / "zensical.yml").write_text(f"site_name: Test\ntheme:\n  name: {THEMES[theme]}\nsite_dir: zsite\n")
    built = subprocess.run([_zensical(), "build", "--strict", "-f", "zensical.yml"], cwd=root,
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stdout + built.stderr
    return root / "zsite"


#: (theme, how the site is opened). Material's scripts need a server: from
#: file:// they fail, and its offline plugin loads a shim from a CDN.
SCENARIOS = [("mkdocs", "http"), ("mkdocs", "file"), ("material-light", "http"), ("material-dark", "http"),
             ("zensical", "http")]
#: every theme and colour scheme, for the accessibility run
AXE_SCENARIOS = [("mkdocs", "http"), ("mkdocs", "file"), ("mkdocs-dark", "http"), ("readthedocs", "http"),
                 ("material-light", "http"), ("material-dark", "http"), ("zensical", "http"),
                 ("zensical-classic", "http")]


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """Build each theme's site once, on first use: (theme, file mode) -> site dir."""
    _require_browser()
    built: dict[tuple[str, bool], Path] = {}

    def get(theme: str, for_files: bool) -> Path:
        if (theme, for_files) not in built:
            root = tmp_path_factory.mktemp(f"site-{theme}-{'files' if for_files else 'served'}")
            built[(theme, for_files)] = _site(root, theme, directory_urls=not for_files)
        return built[(theme, for_files)]

    return get


@pytest.fixture(scope="module")
def servers():
    """A localhost server per site directory, started on first use."""
    running: dict[Path, http.server.ThreadingHTTPServer] = {}

    def get(path: Path) -> str:
        if path not in running:
            handler = functools.partial(_Quiet, directory=str(path))
            server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            running[path] = server
        return f"http://127.0.0.1:{running[path].server_address[1]}/"

    yield get
    for server in running.values():
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(params=SCENARIOS, ids=lambda scenario: "-".join(scenario))
def base(request, sites, servers) -> str:
    theme, mode = request.param
    if mode == "file":
        return sites(theme, True).as_uri() + "/"
    return servers(sites(theme, False)) + (GENERATED if theme.startswith("zensical") else "")


@pytest.fixture
def served(sites, servers) -> str:
    return servers(sites("mkdocs", False))


def _url(base: str, page: str) -> str:
    """A page's address: `adr/0003-use-kafka/` is `adr/0003-use-kafka.html` in the
    file:// build, and a section's index is its `index.html`."""
    if not base.startswith("file:"):
        return base + page
    folder = Path(base[len("file://"):]) / page
    if page == "" or (folder / "index.html").is_file():
        return base + page + "index.html"
    return base + page.rstrip("/") + ".html"


@pytest.fixture
def page(request, browser, base):
    context = browser.new_context()
    opened = context.new_page()
    errors: list[tuple[str, str]] = []  # (message, where it came from)
    outside: list[str] = []
    opened.on(
        "console",
        lambda message: errors.append((message.text, message.location.get("url", ""))) if message.type == "error" else None,
    )
    opened.on("pageerror", lambda error: errors.append((str(error), error.stack or "")))

    origin = base[: base.index("/", len("http://")) + 1] if base.startswith("http") else "file:"

    def check(request):
        if not (request.url.startswith(("file:", "data:", "about:")) or request.url.startswith(origin)):
            outside.append(request.url)

    opened.on("request", check)
    opened.base = base
    opened.scenario = request.node.callspec.id
    opened.theme = request.node.callspec.params["base"][0]
    yield opened
    context.close()
    assert outside == []
    if base.startswith("file:"):
        # From file:// browsers refuse the search plugin's web worker, so the
        # theme's search logs errors we do not own; ours must log none.
        errors = [error for error in errors if "assets/decisions/" in error[1]]
    if opened.theme == "mkdocs-dark":
        # The mkdocs theme's dark mode script switches highlight.js styles,
        # and fails when there are none (highlightjs: false, which keeps the
        # CDN out); it has set the colour mode by then.
        errors = [error for error in errors if "/js/darkmode.js:" not in error[1]]
    assert errors == []


def visible_ids(page) -> list[str]:
    return page.locator("table.decisions-table tbody tr:visible td:first-child").all_inner_texts()


def test_index_lists_every_record(page):
    page.goto(_url(page.base, "adr/"))
    assert sorted(visible_ids(page)) == ["ADR-0001", "ADR-0002", "ADR-0003", "ADR-0004", "ADR-0005", "ADR-0006"]
    assert page.locator("[data-decisions-total]").inner_text() == "6"


def test_filters_narrow_the_table_and_the_counts(page):
    page.goto(_url(page.base, "adr/"))
    page.select_option("[data-filter=status]", "accepted")
    assert sorted(visible_ids(page)) == ["ADR-0001", "ADR-0003", "ADR-0005"]
    assert page.locator("[data-decisions-total]").inner_text() == "3"
    assert page.locator('.decisions-count[data-status="accepted"] [data-decisions-count]').inner_text() == "3"
    assert page.locator('.decisions-count[data-status="proposed"]').is_hidden()
    page.select_option("[data-filter=tag]", "messaging")
    assert sorted(visible_ids(page)) == ["ADR-0003", "ADR-0005"]
    page.fill("[data-filter=text]", "grpc")
    assert visible_ids(page) == ["ADR-0005"]
    page.fill("[data-filter=text]", "nothing-like-this")
    assert visible_ids(page) == []
    assert page.locator("[data-decisions-empty]").is_visible()
    page.click("form[data-decisions-filters] button[type=reset]")
    page.wait_for_function("document.querySelector('[data-decisions-total]').textContent === '6'")
    assert len(visible_ids(page)) == 6


def test_the_governance_filter_shows_what_is_due_for_review_and_what_is_open_for_comment(page):
    page.goto(_url(page.base, "adr/"))
    assert page.locator(".decisions-open li").all_inner_texts() == [
        "ADR-0006: Cache prices at the edge proposed comments until 2026-06-30 (15 days left)"]
    page.select_option("[data-filter=state]", "due")
    assert visible_ids(page) == ["ADR-0005"]
    page.select_option("[data-filter=state]", "open")
    assert visible_ids(page) == ["ADR-0006"]
    page.select_option("[data-filter=status]", "accepted")
    assert visible_ids(page) == []
    page.click("form[data-decisions-filters] button[type=reset]")
    page.wait_for_function("document.querySelector('[data-decisions-total]').textContent === '6'")
    group = page.locator("section.decisions-group").first  # in force: ADR-0001, 0003 and 0005
    group.locator("button[data-sort=review]").click()
    assert group.locator("tbody tr td:first-child").all_inner_texts()[0] == "ADR-0005"  # the only review date


def test_sorting_by_column(page):
    page.goto(_url(page.base, "adr/"))
    group = page.locator("section.decisions-group").first
    titles = lambda: group.locator("tbody tr td:nth-child(2)").all_inner_texts()
    group.locator("button[data-sort=title]").click()
    assert titles() == sorted(titles(), key=str.lower)
    group.locator("button[data-sort=title]").click()
    assert titles() == sorted(titles(), key=str.lower, reverse=True)
    assert group.locator("th[aria-sort=descending] button").inner_text() == "Title"


def test_graph_node_opens_its_record(page):
    page.goto(_url(page.base, "graph/"))
    page.locator('svg.decisions-graph a[aria-label^="ADR-0003"]').click()
    page.wait_for_load_state()
    assert "Use Kafka for events" in page.locator("h1").first.inner_text()


def test_banner_leads_to_successor_and_lineage_leads_back(page):
    page.goto(_url(page.base, "adr/0002-use-rabbitmq/"))
    banner = page.locator(".decisions-banner")
    assert "superseded" in banner.inner_text()
    banner.locator("a").click()
    page.wait_for_load_state()
    assert page.locator("h1").first.inner_text() == "Use Kafka for events"
    page.locator("section.decisions-lineage ul a").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").first.inner_text() == "Use RabbitMQ for events"


def test_copy_button_copies_the_template(browser, served):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(served + "handbook/adr-template/")
    figure = page.locator("figure.decisions-template").first
    figure.locator("button.decisions-copy").click()
    expected = figure.locator("code").inner_text()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("---\nstatus: proposed\n")
    assert copied.strip() == expected.strip()
    assert figure.locator("button.decisions-copy").inner_text() == "Copied"
    context.close()


def test_pages_work_without_javascript(browser, base):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(_url(base, "adr/"))
    assert page.locator("form[data-decisions-filters]").is_hidden()
    assert len(page.locator("table.decisions-table tbody tr").all()) == 6
    page.goto(_url(base, "adr/0003-use-kafka/"))
    assert "Orders arrive in bursts" in page.inner_text("body") or page.locator("dl.decisions-card").is_visible()
    assert page.locator("dl.decisions-card").is_visible()
    context.close()


def test_keyboard_reaches_filters_and_graph_links(page):
    page.goto(_url(page.base, "adr/"))
    reached = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement.getAttribute('data-filter') || ''"))
    assert {"status", "tag", "text"} <= reached
    page.goto(_url(page.base, "graph/"))
    labels = set()
    for _ in range(80):
        page.keyboard.press("Tab")
        labels.add(page.evaluate("document.activeElement.getAttribute('aria-label') || ''"))
    assert any(label.startswith("ADR-0003") for label in labels)


#: what the plugin puts on a page; axe's findings elsewhere belong to the theme
OURS = ", ".join([
    ".decisions-index", ".decisions-card", ".decisions-banner", ".decisions-lineage", ".decisions-history",
    ".decisions-backlinks", ".decisions-timeline", ".decisions-timeline-list", ".decisions-in-force",
    ".decisions-changes", ".decisions-graph-page", ".decisions-graph", ".decisions-template",
    ".decisions-badge", ".decisions-tag", "a.decisions-ref", ".decisions-citations", ".decisions-sources",
])
#: every rule axe has: WCAG 2.0, 2.1 and 2.2 at A and AA, and its best practices
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
#: the plugin's pages, and elements of ours each must have: a kind's index, a
#: superseded record, the graph, the timeline, the decisions in force, what
#: changed (from git) and a handbook page with a template
AXE_PAGES = {
    "adr/": [".decisions-index a", ".decisions-badge", ".decisions-open li a", ".decisions-due"],
    "adr/0002-use-rabbitmq/": [".decisions-banner a", ".decisions-card", ".decisions-lineage svg a",
                               ".decisions-lineage li a", ".decisions-history li"],
    "graph/": [".decisions-graph-page svg.decisions-graph a"],
    "timeline/": [".decisions-timeline-list a"],
    "in-force/": [".decisions-in-force li a", ".decisions-due-list li a"],
    "adr/0005-use-grpc/": [".decisions-card time", ".decisions-citations li code"],
    "changes/": [".decisions-changes li a", ".decisions-commit"],
    "handbook/adr-template/": [".decisions-template pre code"],
}
#: serious or critical findings in each theme's own elements, outside ours:
#: mkdocs (light), the colour of its navigation, table-of-contents and footer
#: links; readthedocs, the colours of its side bar, footer and inline code,
#: its footer and prose links told apart by colour only, and its navigation's
#: small expander buttons; Material, its search dialog without a name, its
#: light footer's grey text, and its prose links (handbook pages) told apart
#: by colour only; Zensical (both looks), the grey of its footer and navigation, its
#: prose and footer links told apart by colour only, and the line-number anchors
#: of its code blocks, which have no name. Nothing else.
THEIRS = {
    "mkdocs": {"color-contrast"},
    "mkdocs-dark": set(),
    "readthedocs": {"color-contrast", "link-in-text-block", "target-size"},
    "material-light": {"aria-dialog-name", "color-contrast", "link-in-text-block"},
    "material-dark": {"aria-dialog-name", "link-in-text-block"},
    "zensical": {"color-contrast", "link-in-text-block", "link-name"},
    "zensical-classic": {"color-contrast", "link-in-text-block", "link-name"},
}


@pytest.mark.parametrize("base", AXE_SCENARIOS, indirect=True, ids=lambda scenario: "-".join(scenario))
@pytest.mark.parametrize("path", AXE_PAGES)
def test_axe_finds_no_serious_violations(page, path):
    page.goto(_url(page.base, path))
    for element in AXE_PAGES[path]:  # there is something of ours to check
        assert page.locator(element).count() > 0, element
    ours, theirs = _axe(page)
    assert ours == []
    assert theirs <= THEIRS[page.theme]


def _axe(page) -> tuple[list[tuple[str, str]], set[str]]:
    """axe's serious and critical findings on the open page: (rule, element) in ours, and
    the rules that elements of the theme break."""
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """([ours, tags]) => axe.run(document, {preload: false, elementRef: true, runOnly: {type: 'tag', values: tags}})
        .then(result => result.violations
          .filter(v => ['serious', 'critical'].includes(v.impact))
          .map(v => ({id: v.id, nodes: v.nodes.map(n => ({
              target: n.target.join(' '),
              ours: !!(n.element || document.body).closest(ours)}))})))""",
        [OURS, AXE_TAGS],
    )
    ours = [(v["id"], n["target"]) for v in violations for n in v["nodes"] if n["ours"]]
    return ours, {v["id"] for v in violations for n in v["nodes"] if not n["ours"]}


@pytest.mark.parametrize("path", ["adr/", "adr/0003-use-kafka/"])
def test_no_horizontal_scrolling_at_phone_width(browser, base, path):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(_url(base, path))
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 0


def test_screenshots_of_the_project_site(tmp_path, browser):
    import screenshots

    screenshots.build_site(tmp_path / "site")
    written = screenshots.take(tmp_path / "site", tmp_path / "images", browser)
    assert [path.name for path in written] == ["index.png", "record.png", "graph.png"]
    for path in written:
        data = path.read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000


def test_hostile_record_runs_no_script_in_the_browser(tmp_path, browser):
    from test_hostile import hostile_site

    site = hostile_site(tmp_path)
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in ("adr/0001-xss/index.html", "adr/index.html", "timeline/index.html", "graph/index.html"):
        page.goto((site / path).as_uri())
        page.mouse.move(10, 10)
        page.mouse.move(300, 300)
        for link in page.locator("a").all()[:40]:
            href = link.get_attribute("href") or ""
            assert not href.lower().startswith("javascript:")
    context.close()
    assert dialogs == []


def test_a_catalogues_source_filter_and_sort_in_the_browser(tmp_path, browser):
    """A catalogue's All decisions page, opened from file://: the Source filter leaves one
    repository's records, and sorting by source groups them."""
    from test_catalogue import make_catalogue

    root = make_catalogue(tmp_path)
    (root / "site/docs").mkdir()
    (root / "site/docs/index.md").write_text("# Decisions\n")
    config = root / "site/mkdocs.yml"
    config.write_text(config.read_text() + "use_directory_urls: false\n")
    site = run_build(config, strict=False)  # the catalogue's dangling link is logged, not fatal here
    context = browser.new_context()
    opened = context.new_page()
    errors = []  # ours: the theme's own scripts fail from file:// without their CDN, which is not ours to judge
    opened.on("pageerror", lambda error: errors.append(error.stack or "") if "assets/decisions/" in (error.stack or "")
              else None)
    opened.goto((site / "all.html").as_uri())
    opened.select_option("[data-filter=source]", "platform")
    assert sorted(visible_ids(opened)) == ["platform:ADR-0001", "platform:ADR-0002"]
    assert opened.locator("[data-decisions-total]").inner_text() == "2"
    opened.select_option("[data-filter=source]", "")
    group = opened.locator("section.decisions-group").first
    group.locator("button[data-sort=source]").click()
    shown = group.locator("tbody tr").evaluate_all("rows => rows.map(row => row.getAttribute('data-source'))")
    assert shown == sorted(shown)
    for path, ours in (("sources.html", ".decisions-sources td a"), ("graph.html", ".decisions-cluster text")):
        opened.goto((site / path).as_uri())  # the Sources page, and the graph framed by source
        assert opened.locator(ours).count() > 0
        assert _axe(opened)[0] == []
    context.close()
    assert errors == []
