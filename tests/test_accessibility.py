"""Colours meet WCAG AA, computed from the shipped CSS and the graph palette;
status is always written out, never shown by colour alone."""

from __future__ import annotations

import re
import unicodedata
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


#: our elements whose links take our colours rather than the theme's
LINK_CONTAINERS = (".decisions-index", ".decisions-timeline", ".decisions-changes", ".decisions-in-force",
                   ".decisions-lineage", ".decisions-backlinks", ".decisions-graph-page p")


@pytest.mark.parametrize("container", LINK_CONTAINERS)
def test_links_in_every_element_of_ours_meet_aa(container):
    css = rules()
    light = css[f"{container} a"]["color"]
    # the mkdocs theme's white page, readthedocs' off-white content area
    assert contrast(light, "#ffffff") >= 4.5 and contrast(light, "#fcfcfc") >= 4.5
    # the mkdocs theme's dark mode background
    assert contrast(css[f'[data-bs-theme="dark"] {container} a']["color"], "#212529") >= 4.5
    # Material's link colour is made for its own palettes
    assert css[f"[data-md-color-scheme] {container} a"]["color"] == "var(--md-typeset-a-color)"


def test_banner_links_keep_the_banners_colours():
    """A banner's background is light in every theme: its links are not given
    the light blue meant for dark pages, nor any theme's link colour."""
    css = rules()
    for banner in (".decisions-banner", ".decisions-banner-rejected"):
        assert contrast(css[f"{banner} a"]["color"], css[banner]["background"]) >= 4.5, banner
    selectors = [selector for selector, props in css.items() if "color" in props and selector.endswith(" a")]
    assert [s for s in selectors if "decisions-banner" in s] == [".decisions-banner a", ".decisions-banner-rejected a",
                                                                 ".decisions-banner-withdrawn a"]


@pytest.mark.parametrize("links", [".decisions-timeline-list a", ".decisions-in-force a", ".decisions-changes a",
                                   ".decisions-lineage li a", ".decisions-backlinks a", "a.decisions-ref"])
def test_links_in_running_text_are_underlined(links):
    # colour alone would not tell them from the words around them
    assert rules()[links]["text-decoration"] == "underline"


def _words(text: str) -> list[str]:
    """Text as axe-core compares a link's visible label with its name (its
    `label-content-name-mismatch` rule): without parentheticals, split at
    everything but letters and digits, lower case."""
    text = unicodedata.normalize("NFKD", text)
    previous = None
    while previous != text:
        previous, text = text, re.sub(r"\([^()]*\)", "", text)
    return "".join(c if c.isalnum() else " " for c in text).lower().split()


def _contains(name: list[str], shown: list[str]) -> bool:
    return any(name[i : i + len(shown)] == shown for i in range(len(name) - len(shown) + 1))


GRAPH_TITLES = [
    "Use Kafka for events",
    "Migrate to event-driven services and queues",
    "Use Kafka (for events and the rest of it)",
    "Supercalifragilisticexpialidocious-architecture",
    "Adopt the thing, finally and forever",
    '"><script>alert(1)</script> & <b>bold</b> — déjà vu, naïve café',
]


def test_graph_links_are_named_by_the_words_they_show():
    """Each node's link name starts with its id and status, then has the whole
    title, and contains every word the node shows (WCAG 2.5.3); record text
    stays escaped."""
    import xml.etree.ElementTree as ElementTree

    from mkdocs_decisions.render import graphs

    nodes = {
        f"ADR-{n:04d}": graphs.Node(f"ADR-{n:04d}", title, "in-review" if n % 2 else "accepted", "adr", f"adr/{n}/")
        for n, title in enumerate(GRAPH_TITLES, start=1)
    }
    view = graphs.GraphView(nodes, [("ADR-0001", "ADR-0002")], [], [i for i in nodes if i not in ("ADR-0001", "ADR-0002")])
    text = graphs.svg(view, title="t", page_url="graph/")
    assert "<script" not in text and "<b>" not in text
    ns = "{http://www.w3.org/2000/svg}"
    links = list(ElementTree.fromstring(text).iter(f"{ns}a"))
    assert len(links) == len(GRAPH_TITLES)
    cut = 0
    for link, node in zip(links, nodes.values()):
        name = link.get("aria-label")
        assert name.startswith(f"{node.id} · {node.status}: ")
        assert node.title in name
        # what axe reads off the drawing: the text of the node's <text>s and
        # what is between them (not its tooltip), joined as it is
        group = link.find(f"{ns}g")
        shown = "".join("".join(t.itertext()) + (t.tail or "") for t in group if t.tag == f"{ns}text")
        assert _contains(_words(name), _words(shown)), (name, shown)
        cut += shown.endswith("…")
    assert cut == 5  # the long titles were shortened


def test_label_check_can_fail():
    assert _contains(_words("ADR-0001 · accepted: Use Kafka"), _words("ADR-0001 · accepted Use Kafka"))
    assert not _contains(_words("ADR-0001: Use Kafka"), _words("ADR-0001 · accepted Use Kafka"))
    assert not _contains(_words("ADR-0001 · accepted: Migrate to event-driven"), _words("ADR-0001 · accepted Migrate to ev…"))
    assert not _contains(_words("ADR-1 · a: Use Kafka (for events)"), _words("ADR-1 · a Use Kafka (for…"))


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
