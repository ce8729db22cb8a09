"""`decisions generate`: the decision pages as Markdown, built by engines that run no plugins.

The generated folder is built for real: by MkDocs 1.6 with no plugin of ours, strictly, and by
Zensical (the successor of Material for MkDocs, which ignores `plugins: [decisions]`) when it
is installed (`.ci/run` installs it; DECISIONS_ZENSICAL names its executable). What the pages
show is compared with what the plugin shows for the same records.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import decisions
from test_plugin import FIXTURES, copy_archive, make_site, run_build, soup

PLAIN = "site_name: Test\nsite_url: https://example.invalid/\ntheme:\n  name: {theme}\nplugins:\n  - search\n"
GENERATED = "docs/decisions"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The good archive, with an image beside a record, and an mkdocs.yml with the plugin."""
    copy_archive(FIXTURES / "good", tmp_path)
    (tmp_path / "adr" / "diagram.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    kafka = tmp_path / "adr" / "0003-use-kafka.md"
    kafka.write_text(kafka.read_text() + "\nSee ADR-0002 and ![the flow](diagram.svg).\n")
    make_site(tmp_path)
    return tmp_path


def generate(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return decisions("generate", *args, cwd=root)


def without_plugin(root: Path, theme: str = "mkdocs") -> Path:
    """An mkdocs.yml beside the project's with no plugin of ours: what an engine that runs none sees."""
    (root / "plain.yml").write_text(PLAIN.format(theme=theme))
    return root / "plain.yml"


def files_of(folder: Path) -> dict[str, float]:
    return {path.relative_to(folder).as_posix(): path.stat().st_mtime_ns
            for path in sorted(folder.rglob("*")) if path.is_file()}


def broken_links(site: Path) -> list[str]:
    """Every href and src of the built pages that leads to no file of the site."""
    broken = []
    for page in site.rglob("*.html"):
        if page.name == "404.html":  # its links start at the site's root, wherever it is shown
            continue
        parsed = soup(page)
        for link in [e["href"] for e in parsed.find_all(href=True)] + [e["src"] for e in parsed.find_all(src=True)]:
            if not link or link.startswith(("http:", "https:", "mailto:", "#", "data:")):
                continue
            target = (page.parent / link.split("#")[0].split("?")[0]).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)}: {link}")
    return sorted(set(broken))


def test_generated_pages_build_strictly_without_the_plugin_and_every_link_resolves(project):
    result = generate(project)
    assert (result.returncode, result.stderr) == (0, ""), result.stdout
    assert result.stdout.startswith(f"{GENERATED}: ") and ", 0 removed, 0 unchanged" in result.stdout
    folder = project / GENERATED
    made = files_of(folder)
    for name in (".decisions-generated", "adr/index.md", "rfc/index.md", "timeline/index.md", "graph/index.md", "in-force/index.md",
                 "adr/0003-use-kafka/index.md", "adr/diagram.svg", "decisions.json", "assets/decisions/decisions.css",
                 "assets/decisions/decisions.js"):
        assert name in made
    site = run_build(without_plugin(project))  # strict: a warning fails the build
    assert broken_links(site) == []
    page = soup(site / "decisions/adr/0003-use-kafka/index.html")
    assert page.select_one("link[href='../../assets/decisions/decisions.css']") is not None
    assert page.select_one("script[src='../../assets/decisions/decisions.js']") is not None
    assert page.select_one("img[src='../diagram.svg']") is not None
    index = soup(site / "decisions/adr/index.html")
    assert [a["href"] for a in index.select("table a")][:1] == ["0001-record-decisions/"]


def _shown(page: BeautifulSoup) -> dict[str, str]:
    """What a record page shows of ours, as text: card, banner, lineage, backlinks, and its own text."""
    shown = {}
    for name, selector in (("card", ".decisions-card"), ("banner", ".decisions-banner"),
                           ("lineage", "svg"), ("backlinks", ".decisions-backlinks"), ("text", "h2")):
        shown[name] = " | ".join(" ".join(e.get_text(" ").split()) for e in page.select(selector))
    shown["links"] = " ".join(a["href"] for a in page.select(".decisions-card a, .decisions-banner a, "
                                                              ".decisions-backlinks a, svg a"))
    return shown


def test_the_pages_show_what_the_plugin_shows(project):
    """Both paths come from one plan: the same card, banner, lineage, backlinks and links on every
    record page, and the same rows in every index (the URLs differ by the generated folder only)."""
    assert generate(project).returncode == 0
    generated = run_build(without_plugin(project))
    shutil.move(generated, project / "generated-site")
    plugin = run_build(project / "mkdocs.yml")
    records = sorted(path.relative_to(plugin).parent.as_posix() for path in (plugin / "adr").rglob("index.html"))
    assert len(records) == 5  # the index and the four records
    for record in [*records, "rfc/0001-event-schema"]:
        ours = _shown(soup(plugin / record / "index.html"))
        theirs = _shown(soup(project / "generated-site/decisions" / record / "index.html"))
        assert theirs == ours, record
    for page in ("timeline", "in-force", "graph"):
        rows = [" ".join(tr.get_text(" ").split()) for tr in soup(plugin / page / "index.html").select("tr, svg text")]
        generated_rows = [" ".join(tr.get_text(" ").split())
                          for tr in soup(project / f"generated-site/decisions/{page}/index.html").select("tr, svg text")]
        assert rows and generated_rows == rows, page


def test_a_second_run_writes_nothing_and_a_change_rewrites_only_what_shows_it(project):
    assert generate(project).returncode == 0
    folder = project / GENERATED
    before = files_of(folder)
    time.sleep(0.01)
    again = generate(project)
    assert again.stdout == f"{GENERATED}: 0 written, 0 removed, {len(before)} unchanged\n"
    assert files_of(folder) == before  # not one file touched: a server reloads nothing
    rfc = project / "rfc" / "0001-event-schema.md"
    rfc.write_text(rfc.read_text() + "\nOne more paragraph.\n")
    changed = generate(project)
    assert changed.stdout == f"{GENERATED}: 1 written, 0 removed, {len(before) - 1} unchanged\n"
    after = files_of(folder)
    assert [name for name in after if after[name] != before[name]] == ["rfc/0001-event-schema/index.md"]
    assert "One more paragraph." in (folder / "rfc/0001-event-schema/index.md").read_text()


def test_a_removed_record_loses_its_page_and_nothing_else_is_touched(project):
    assert generate(project).returncode == 0
    (project / "adr" / "diagram.svg").unlink()
    result = generate(project)
    assert result.returncode == 0
    assert ", 1 removed," in result.stdout
    assert not (project / GENERATED / "adr/diagram.svg").exists()
    (project / "rfc" / "0001-event-schema.md").unlink()
    shutil.rmtree(project / "rfc")
    assert generate(project).returncode == 0
    assert not (project / GENERATED / "rfc").exists()  # its folder too, once empty


def test_check_names_what_is_stale_and_writes_nothing(project):
    assert generate(project).returncode == 0
    fresh = generate(project, "--check")
    assert (fresh.returncode, fresh.stdout) == (0, f"{GENERATED}: up to date ({len(files_of(project / GENERATED))} files)\n")
    (project / "adr" / "0004-keep-monolith.md").write_text(
        (project / "adr" / "0004-keep-monolith.md").read_text().replace("monolith", "single service"))
    (project / GENERATED / "stray.md").write_text("# Stray\n")
    before = files_of(project / GENERATED)
    stale = generate(project, "--check")
    assert stale.returncode == 1
    assert stale.stdout.splitlines()[0].startswith(f"{GENERATED}: ")
    assert "  adr/0004-keep-monolith/index.md (stale)" in stale.stdout.splitlines()
    assert "  stray.md (no longer generated)" in stale.stdout.splitlines()
    assert files_of(project / GENERATED) == before


def test_check_before_the_first_run_says_every_file_is_missing(project):
    result = generate(project, "--check")
    assert result.returncode == 1
    assert "  adr/0003-use-kafka/index.md (stale)" in result.stdout.splitlines()
    assert not (project / GENERATED).exists()


def test_a_folder_not_made_by_generate_is_refused_and_left_as_it_was(project):
    (project / GENERATED).mkdir(parents=True)
    (project / GENERATED / "mine.md").write_text("# Mine\n")
    result = generate(project)
    assert result.returncode == 2
    assert result.stderr == (
        f"decisions: error: {project / GENERATED} is not empty and was not made by `decisions generate` "
        "(no .decisions-generated in it); give another folder with --out, or empty this one\n")
    assert files_of(project / GENERATED) == {"mine.md": files_of(project / GENERATED)["mine.md"]}


@pytest.mark.parametrize(("out", "message"), [
    ("site-pages", "is not inside docs_dir"),
    ("docs", "is docs_dir itself"),
])
def test_a_folder_outside_docs_dir_is_refused(project, out, message):
    result = generate(project, "--out", out)
    assert result.returncode == 2 and message in result.stderr


def test_hostile_records_are_sanitised_in_the_generated_pages(project):
    """The record's text is converted and sanitised before it is written: no element, handler
    or javascript: link of the record's reaches the Markdown, nor the page an engine builds."""
    (project / "adr" / "0005-hostile.md").write_text(
        '---\nstatus: proposed\ndate: 2026-01-10\ntags: ["<img src=x onerror=alert(1)>"]\n---\n'
        '# Use <script>alert(1)</script> queues\n\n## Context\n\n<img src="x" onerror="alert(2)">\n\n'
        '[click](javascript:alert(3)) and <a href="javascript:alert(4)">this</a>\n')
    assert generate(project).returncode == 0
    site = run_build(without_plugin(project), strict=False)
    page = soup(site / "decisions/adr/0005-hostile/index.html")
    content = page.select_one(".decisions-page")
    assert [str(tag) for tag in content.select("script")] == [  # ours only
        '<script src="../../assets/decisions/decisions.js"></script>']
    assert [tag.name for tag in page.find_all(lambda tag: any(a.startswith("on") for a in tag.attrs))] == []
    assert [a["href"] for a in page.select("a[href]") if a["href"].lower().startswith("javascript")] == []
    assert " ".join(content.select_one("h1").get_text().split()) == "Use queues"  # a script's text is no text
    assert "<img src=x onerror=alert(1)>" in content.select_one(".decisions-tag").get_text()
    assert page.title.get_text() == "Use <script>alert(1)</script> queues - Test"  # text, escaped once
    assert [tag for tag in page.find_all("script") if "alert" in tag.get_text()] == []


def test_lint_says_a_zensical_project_publishes_nothing_with_the_plugin(project):
    (project / "zensical.toml").write_text('[project]\nsite_name = "Test"\n')
    result = decisions("lint", cwd=project)
    assert result.stderr == (
        "decisions: warning: this project has a zensical.toml: Zensical runs no plugins, so `plugins: "
        "[decisions]` publishes nothing there; run `decisions generate` before `zensical build`, and "
        "`decisions generate --check` in CI (docs/generate.md)\n")


def test_lint_says_it_when_mkdocs_yml_sets_what_only_zensical_reads(project):
    (project / "mkdocs.yml").write_text((project / "mkdocs.yml").read_text().replace(
        "theme:\n  name: mkdocs\n", "theme:\n  name: material\n  variant: modern\n"))
    result = decisions("lint", cwd=project)
    assert result.stderr.startswith("decisions: warning: mkdocs.yml sets theme.variant, which only Zensical reads: "
                                    "Zensical runs no plugins, so `plugins: [decisions]` publishes nothing there;")
    (project / "mkdocs.yml").write_text((project / "mkdocs.yml").read_text().replace("  variant: modern\n", ""))
    assert decisions("lint", cwd=project).stderr == ""


def test_watch_generates_again_after_a_record_changes(project):
    command = [sys.executable, "-m", "mkdocs_decisions", "generate", "--watch"]
    process = subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        page = project / GENERATED / "rfc/0001-event-schema/index.md"
        deadline = time.monotonic() + 60
        while not page.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert page.exists()
        time.sleep(0.5)  # the watcher is started after the first run
        rfc = project / "rfc" / "0001-event-schema.md"
        rfc.write_text(rfc.read_text() + "\nWatched paragraph.\n")
        while "Watched paragraph." not in page.read_text() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert "Watched paragraph." in page.read_text()
    finally:
        process.terminate()
        process.communicate(timeout=30)


def _zensical() -> str:
    found = os.environ.get("DECISIONS_ZENSICAL") or shutil.which("zensical")
    if not found:
        if os.environ.get("CI"):
            pytest.fail("CI must build the generated pages with Zensical: set DECISIONS_ZENSICAL")
        pytest.skip("Zensical is not installed (pip install zensical; DECISIONS_ZENSICAL=path)")
    return found


@pytest.mark.parametrize("variant", ["classic", "modern"])
def test_zensical_builds_the_generated_pages_strictly(project, variant):
    """Zensical, in its classic Material look and its modern one, builds every generated page,
    strictly, with every link resolving and the record pages showing their card and lineage."""
    zensical = _zensical()
    assert generate(project).returncode == 0
    config = PLAIN.format(theme="material").replace("plugins:\n  - search\n", "")
    (project / "zensical.yml").write_text(config + f"  variant: {variant}\nsite_dir: zsite\n")
    result = subprocess.run([zensical, "build", "--strict", "-f", "zensical.yml"], cwd=project,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "zsite"
    assert f"stylesheets/{variant}/main." in (site / "index.html").read_text()
    page = soup(site / "decisions/adr/0002-use-rabbitmq/index.html")
    assert page.select_one(".decisions-card") is not None and page.select_one(".decisions-banner") is not None
    assert page.select_one(".decisions-page svg") is not None
    assert [link for link in broken_links(site) if link.startswith("decisions/")] == []


def test_the_generated_folder_is_never_taken_for_the_records(tmp_path):
    """`docs/decisions/` is where the pages go by default, and also a folder where teams keep
    their records: once generated, it is not found as the records' folder the next time."""
    (tmp_path / "docs/architecture/decisions").mkdir(parents=True)
    (tmp_path / "docs/index.md").write_text("# Home\n")
    (tmp_path / "docs/architecture/decisions/0001-x.md").write_text(
        "---\nstatus: accepted\ndate: 2026-01-10\ndeciders: [ann]\n---\n# Use X\n\nText.\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nplugins:\n  - decisions\n")
    first = generate(tmp_path)
    assert first.returncode == 0 and (tmp_path / GENERATED / "adr/0001-x/index.md").is_file(), first.stdout
    again = generate(tmp_path)
    assert again.stdout.startswith(f"{GENERATED}: 0 written, 0 removed,"), again.stdout + again.stderr
    assert decisions("lint", cwd=tmp_path).returncode == 0


def test_records_are_converted_with_the_sites_markdown_extensions(project):
    """A record reads as it would on the plugin's site: with the site's `markdown_extensions`
    (an admonition here); one that cannot be loaded is named, and the rest still apply."""
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "markdown_extensions:\n  - admonition\n  - no_such.extension: {x: 1}\n")
    kafka = project / "adr" / "0003-use-kafka.md"
    kafka.write_text(kafka.read_text() + "\n!!! note\n    Partitions are per customer.\n")
    result = generate(project)
    assert (result.returncode, result.stderr) == (0, "decisions: markdown extension 'no_such.extension' cannot be "
                                                     "loaded here: records are converted without it\n")
    page = (project / GENERATED / "adr/0003-use-kafka/index.md").read_text()
    assert '<div class="admonition note">\n<p class="admonition-title">Note</p>\n<p>Partitions are per customer.</p>' in page


@pytest.mark.parametrize("directory_urls", [True, False])
def test_properdocs_builds_the_generated_pages_strictly(project, directory_urls):
    """ProperDocs, MkDocs' community continuation, without the plugin: every page, every link,
    with directory URLs and with `.html` ones."""
    extra = "" if directory_urls else "use_directory_urls: false\n"
    (project / "mkdocs.yml").write_text((project / "mkdocs.yml").read_text() + extra)
    assert generate(project).returncode == 0
    config = without_plugin(project)
    config.write_text(config.read_text() + extra)
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-f", str(config)],
                            cwd=project, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    record = "decisions/adr/0003-use-kafka/index.html"
    assert soup(project / "site" / record).select_one("dl.decisions-card") is not None
    assert broken_links(project / "site") == []


def test_a_record_kept_in_docs_dir_links_to_the_sites_own_pages(tmp_path):
    """A record inside `docs_dir` links to the site's pages relative to where it is; its generated
    page, elsewhere, links to the same pages, as MkDocs resolves them on the plugin's site."""
    (tmp_path / "docs/adr").mkdir(parents=True)
    (tmp_path / "docs/index.md").write_text("# Home\n")
    (tmp_path / "docs/guide.md").write_text("# Guide\n\n## Setup\n")
    (tmp_path / "docs/adr/0001-x.md").write_text(
        "---\nstatus: accepted\ndate: 2026-01-10\ndeciders: [ann]\n---\n# Use X\n\n"
        "Read [the guide](../guide.md#setup) and [home](../index.md).\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nplugins:\n  - decisions\n")
    assert generate(tmp_path).returncode == 0
    text = (tmp_path / GENERATED / "adr/0001-x/index.md").read_text()
    assert '<a href="../../../guide/#setup">the guide</a>' in text and '<a href="../../../">home</a>' in text
    site = run_build(without_plugin(tmp_path))
    assert broken_links(site) == []


def test_extension_options_that_name_python_objects_are_imported_as_mkdocs_does(project):
    """`!!python/name:` in `markdown_extensions` (Material's documented setup for Mermaid fences)
    names the object, as MkDocs reads it, instead of leaving the extension out."""
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "markdown_extensions:\n  - pymdownx.superfences:\n      custom_fences:\n"
                      "        - name: mermaid\n          class: mermaid\n"
                      "          format: !!python/name:pymdownx.superfences.fence_code_format\n")
    kafka = project / "adr" / "0003-use-kafka.md"
    kafka.write_text(kafka.read_text() + "\n```mermaid\ngraph LR\n  A --> B\n```\n")
    result = generate(project)
    assert (result.returncode, result.stderr) == (0, "")
    page = (project / GENERATED / "adr/0003-use-kafka/index.md").read_text()
    assert '<pre class="mermaid"><code>graph LR\n  A --&gt; B</code></pre>' in page


def test_a_record_the_sites_extensions_cannot_convert_is_named(project):
    """An extension of the site's that fails on one record's text stops the run naming that
    record, and leaves the folder as it was."""
    (project / "failing_extension.py").write_text(
        "from markdown.extensions import Extension\nfrom markdown.preprocessors import Preprocessor\n\n"
        "class Fail(Preprocessor):\n    def run(self, lines):\n        if 'BOOM' in lines:\n"
        "            raise ValueError('no BOOM here')\n        return lines\n\n"
        "class FailingExtension(Extension):\n    def extendMarkdown(self, md):\n"
        "        md.preprocessors.register(Fail(md), 'fail', 100)\n\n"
        "def makeExtension(**options):\n    return FailingExtension(**options)\n")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "markdown_extensions:\n  - failing_extension\n")
    kafka = project / "adr" / "0003-use-kafka.md"
    kafka.write_text(kafka.read_text() + "\nBOOM\n")
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(project), os.environ.get("PYTHONPATH")]))}
    result = decisions("generate", cwd=project, env=environment)
    assert (result.returncode, result.stderr) == (2, f"decisions: error: {kafka}: the site's markdown extensions "
                                                     "cannot convert it (ValueError: no BOOM here)\n")
    assert not (project / GENERATED).exists()  # nothing half-written


def test_without_page_assets_the_site_lists_them_itself(project):
    """--no-page-assets: no page links the stylesheet or script (the site lists them under
    extra_css and extra_javascript), and the files are still written for it to list."""
    assert generate(project, "--no-page-assets").returncode == 0
    folder = project / GENERATED
    pages = [path.read_text() for path in folder.rglob("index.md")]
    assert pages and not any("decisions.css" in text or "decisions.js" in text for text in pages)
    assert (folder / "assets/decisions/decisions.css").is_file() and (folder / "assets/decisions/decisions.js").is_file()
    config = without_plugin(project)
    config.write_text(config.read_text() + "extra_css: [decisions/assets/decisions/decisions.css]\n"
                      "extra_javascript: [decisions/assets/decisions/decisions.js]\n")
    page = soup(run_build(config) / "decisions/adr/index.html")
    assert page.select_one("link[href='../assets/decisions/decisions.css']") is not None
    assert page.select_one("script[src='../assets/decisions/decisions.js']") is not None
