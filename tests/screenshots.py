"""Screenshots of the project's own site for the README and the docs.

usage: python tests/screenshots.py [OUT_DIR]   (default: docs/images)

Builds this repository's site, opens it in Debian's Chromium through
Playwright, and saves the index, a record page with its lineage, and the
graph page as PNG files. The browser tests run the same function into a
temporary folder, so the pictures in the docs come from code that is tested.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

#: file name -> (page, CSS selector to scroll into view first, or None)
SHOTS = {
    "index.png": ("adr/index.html", None),
    "record.png": ("adr/0009-keep-record-pages-out-of-the-navigation/index.html", "section.decisions-lineage"),
    "graph.png": ("graph/index.html", None),
}


def build_site(site_dir: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(str(REPO / "mkdocs.yml"), site_dir=str(site_dir)))


def take(site_dir: Path, out_dir: Path, browser=None, width: int = 1200, height: int = 800) -> list[Path]:
    """Save the screenshots; with no `browser` given, launch Chromium for them."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            try:
                return take(site_dir, out_dir, launched, width, height)
            finally:
                launched.close()
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    page = browser.new_page(viewport={"width": width, "height": height})
    for name, (path, anchor) in SHOTS.items():
        page.goto((site_dir / path).as_uri())
        if anchor:
            page.locator(anchor).scroll_into_view_if_needed()
        target = out_dir / name
        page.screenshot(path=str(target))
        written.append(target)
    page.close()
    return written


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else REPO / "docs" / "images"
    with tempfile.TemporaryDirectory() as temporary:
        site_dir = Path(temporary) / "site"
        build_site(site_dir)
        for path in take(site_dir, out_dir):
            print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
