"""Colours meet WCAG AA, computed from the shipped CSS and the graph palette;
status is always written out, never shown by colour alone."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from mkdocs_decisions.render.graphs import PALETTE, UNKNOWN

CSS = resources.files("mkdocs_decisions").joinpath("assets/decisions.css").read_text()


def luminance(colour: str) -> float:
    colour = colour.lstrip("#")
    channels = [int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def rules() -> dict[str, dict[str, str]]:
    """selector -> {property: value}, for the simple rules of decisions.css"""
    found = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", re.sub(r"/\*.*?\*/", "", CSS, flags=re.S)):
        properties = dict(re.findall(r"([a-z-]+)\s*:\s*([^;]+);", body))
        for selector in selectors.split(","):
            found.setdefault(" ".join(selector.split()), {}).update(properties)
    return found


def test_contrast_helper_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_every_status_badge_meets_aa():
    css = rules()
    badges = {selector: props for selector, props in css.items() if selector.startswith(".decisions-status-")}
    assert len(badges) == 9  # every default status of both kinds
    for selector, props in {**badges, ".decisions-badge": css[".decisions-badge"]}.items():
        assert contrast(props["background"].strip(), props["color"].strip()) >= 4.5, selector


def test_banners_and_links_meet_aa():
    css = rules()
    for selector in (".decisions-banner", ".decisions-banner-rejected"):
        assert contrast(css[selector]["background"], css[selector]["color"]) >= 4.5, selector
    assert contrast(css[".decisions-banner a"]["color"], css[".decisions-banner"]["background"]) >= 4.5
    assert contrast(css[".decisions-index a"]["color"], "#ffffff") >= 4.5
    # the mkdocs theme's dark mode background
    assert contrast(css['[data-bs-theme="dark"] .decisions-index a']["color"], "#212529") >= 4.5


@pytest.mark.parametrize("status", sorted(PALETTE) + ["unknown"])
def test_graph_colours_meet_aa(status):
    fill, stroke, text = PALETTE.get(status, UNKNOWN)
    assert contrast(fill, text) >= 4.5
    assert contrast(fill, "#1b1b1b") >= 4.5  # the title line


def test_status_is_written_in_every_badge_and_node(tmp_path):
    from bs4 import BeautifulSoup

    from conftest import FIXTURES
    from test_plugin import copy_archive, make_site, run_build

    copy_archive(FIXTURES / "good", tmp_path)
    site = run_build(make_site(tmp_path))
    for page in (site / "adr" / "index.html", site / "adr" / "0002-use-rabbitmq" / "index.html", site / "graph" / "index.html"):
        html = BeautifulSoup(page.read_text(), "html.parser")
        for badge in html.select(".decisions-badge"):
            status = [c for c in badge["class"] if c.startswith("decisions-status-")][0][len("decisions-status-"):]
            assert badge.get_text() == status
        for node in html.select("g.decisions-node"):
            assert f"· {node['data-status']}" in node.get_text()
