"""Supersession graphs: layout invariants, safe SVG, DOT and Mermaid that real tools accept."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO, accepted_adr

from mkdocs_decisions.archive import Archive
from mkdocs_decisions.config import Settings
from mkdocs_decisions.layout import NODE_HEIGHT, NODE_WIDTH, layout
from mkdocs_decisions.render import graphs

SVG = "{http://www.w3.org/2000/svg}"


def require(tool: str, path: str | None = None) -> str:
    """The tool's path; in CI a missing tool fails the test, elsewhere it skips."""
    found = path if path and Path(path).exists() else shutil.which(tool)
    if found:
        return found
    message = f"{tool} is not installed (.ci/run installs it)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def random_dag(seed: int, size: int, edge_count: int) -> tuple[list[str], list[tuple[str, str]]]:
    rng = random.Random(seed)
    nodes = [f"ADR-{n:04d}" for n in range(1, size + 1)]
    edges = set()
    while len(edges) < edge_count:
        a, b = sorted(rng.sample(range(size), 2))
        edges.add((nodes[a], nodes[b]))
    return nodes, sorted(edges)


@pytest.mark.parametrize("seed", range(8))
def test_layout_has_no_overlaps_and_edges_point_down(seed):
    nodes, edges = random_dag(seed, size=60, edge_count=45)
    drawing = layout(nodes, edges)
    boxes = list(drawing.nodes.values())
    assert {box.id for box in boxes} == set(nodes)
    for index, a in enumerate(boxes):
        for b in boxes[index + 1 :]:
            apart = (
                a.x + NODE_WIDTH <= b.x or b.x + NODE_WIDTH <= a.x
                or a.y + NODE_HEIGHT <= b.y or b.y + NODE_HEIGHT <= a.y
            )
            assert apart, (a, b)
    for source, target in edges:
        assert drawing.nodes[source].layer < drawing.nodes[target].layer
        assert drawing.nodes[source].y < drawing.nodes[target].y
    assert all(0 <= box.x and box.x + NODE_WIDTH <= drawing.width + 0.01 for box in boxes)


def test_layout_is_deterministic_whatever_the_input_order():
    nodes, edges = random_dag(3, size=40, edge_count=30)
    first = layout(nodes, edges)
    shuffled_nodes, shuffled_edges = nodes[:], edges[:]
    random.Random(1).shuffle(shuffled_nodes)
    random.Random(2).shuffle(shuffled_edges)
    second = layout(shuffled_nodes, shuffled_edges)
    assert first == second


def test_layout_survives_a_cycle():
    drawing = layout(["A", "B", "C"], [("A", "B"), ("B", "C"), ("C", "A")])
    assert len({box.layer for box in drawing.nodes.values()}) == 3
    assert len(drawing.routes) == 3


def test_long_edges_route_around_layers():
    drawing = layout(["A", "B", "C"], [("A", "B"), ("B", "C"), ("A", "C")])
    [long_route] = [r for r in drawing.routes if (r.source, r.target) == ("A", "C")]
    assert len(long_route.points) == 4  # start, through the dummy (two points), end


def archive_of(tmp_path: Path, files: dict[str, str]) -> Archive:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return Archive.load(Settings.from_mapping(None, tmp_path))


HOSTILE = '<script>alert("x")</script> & "quotes" \'single\' ]] --> #1 end'


def hostile_archive(tmp_path: Path) -> Archive:
    old = accepted_adr(HOSTILE, extra="superseded_by: [ADR-0002]\n").replace("accepted", "superseded")
    new = accepted_adr("Successor", extra="supersedes: [ADR-0001]\n", date="2026-02-01")
    return archive_of(tmp_path, {"adr/0001-old.md": old, "adr/0002-new.md": new})


def test_svg_is_valid_xml_with_hostile_titles_escaped(tmp_path):
    archive = hostile_archive(tmp_path)
    view = graphs.view(archive, {r.path: r.path for r in archive.records})
    text = graphs.svg(view, title=f"Graph {HOSTILE}")
    root = ElementTree.fromstring(text)
    assert root.get("role") == "group"  # it holds links, so not "img"
    assert root.find(f"{SVG}title").text == f"Graph {HOSTILE}"
    assert "<script" not in text
    titles = [t.text for t in root.iter(f"{SVG}title")]
    assert f"ADR-0001: {HOSTILE} (superseded)" in titles
    links = [a.get("href") for a in root.iter(f"{SVG}a")]
    assert links == ["adr/0001-old.md", "adr/0002-new.md"]
    arrows = list(root.iter(f"{SVG}polyline"))
    assert len(arrows) == 1


def test_svg_is_the_same_bytes_every_time(tmp_path):
    archive = hostile_archive(tmp_path)
    view = graphs.view(archive)
    assert graphs.svg(view, title="t") == graphs.svg(graphs.view(archive), title="t")


def test_lineage_is_the_whole_chain(tmp_path):
    files = {
        "adr/0001-a.md": accepted_adr("A", extra="superseded_by: [ADR-0002]\n").replace("accepted", "superseded"),
        "adr/0002-b.md": accepted_adr("B", extra="supersedes: [ADR-0001]\nsuperseded_by: [ADR-0003]\n").replace("status: accepted", "status: superseded"),
        "adr/0003-c.md": accepted_adr("C", extra="supersedes: [ADR-0002]\n"),
        "adr/0004-d.md": accepted_adr("D"),
    }
    archive = archive_of(tmp_path, files)
    view = graphs.view(archive, focus="ADR-0001")
    assert list(view.nodes) == ["ADR-0001", "ADR-0002", "ADR-0003"]
    assert view.edges == [("ADR-0001", "ADR-0002"), ("ADR-0002", "ADR-0003")]


def test_many_unlinked_records_are_counted_not_drawn(tmp_path):
    files = {f"adr/{n:04d}-r.md": accepted_adr(f"R{n}") for n in range(1, graphs.MAX_ISOLATED_DRAWN + 3)}
    archive = archive_of(tmp_path, files)
    text = graphs.svg(graphs.view(archive), title="t")
    root = ElementTree.fromstring(text)
    assert not list(root.iter(f"{SVG}a"))
    assert f"{graphs.MAX_ISOLATED_DRAWN + 2} records without supersession links are not drawn" in text


def test_dot_renders_with_graphviz(tmp_path):
    dot = require("dot")
    archive = hostile_archive(tmp_path)
    source = graphs.dot(graphs.view(archive, {r.path: r.path for r in archive.records}))
    result = subprocess.run([dot, "-Tsvg"], input=source, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    drawn = ElementTree.fromstring(result.stdout)
    texts = "".join(t.text or "" for t in drawn.iter(f"{SVG}text"))
    assert HOSTILE.replace(" ", "") in texts.replace(" ", "").replace("\xa0", "")


def mermaid_parse(text: str) -> subprocess.CompletedProcess[str]:
    node = require("node")
    require("mermaid (npm)", str(REPO / "tests" / "js" / "node_modules" / "mermaid"))
    return subprocess.run(
        [node, str(REPO / "tests" / "js" / "mermaid-parse.mjs")],
        input=text, capture_output=True, text=True, timeout=120,
    )


def test_mermaid_is_accepted_by_mermaids_parser(tmp_path):
    archive = hostile_archive(tmp_path)
    result = mermaid_parse(graphs.mermaid(graphs.view(archive)))
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == "ok flowchart-v2"


def test_mermaid_parser_check_can_fail():
    result = mermaid_parse("graph TD\n  a[x(y)] --> b\n")
    assert result.returncode == 1
    assert "Parse error" in result.stdout


def test_graph_command_formats(project):
    project.write("adr/0001-old.md", accepted_adr("Old", extra="superseded_by: [ADR-0002]\n").replace("accepted", "superseded"))
    project.write("adr/0002-new.md", accepted_adr("New", extra="supersedes: [ADR-0001]\n"))
    project.write("adr/0003-other.md", accepted_adr("Other"))
    svg = project.run("graph")
    assert svg.returncode == 0, svg.stderr
    assert ElementTree.fromstring(svg.stdout).get("role") == "group"
    dot = project.run("graph", "--format", "dot", "--focus", "2")
    assert '"ADR-0001" -> "ADR-0002"' in dot.stdout
    assert '"ADR-0003"' not in dot.stdout
    mermaid = project.run("graph", "--format", "mermaid", "--kind", "adr")
    assert mermaid.stdout.startswith("graph TD\n")
    out = project.root / "graph.json"
    written = project.run("graph", "--format", "json", "-o", str(out))
    assert written.returncode == 0 and written.stdout == ""
    import json

    document = json.loads(out.read_text())
    assert document["edges"] == [{"from": "ADR-0001", "to": "ADR-0002", "relation": "superseded_by"}]


def test_graph_command_usage_errors(project):
    project.write("adr/0001-old.md", accepted_adr("Old"))
    unknown = project.run("graph", "--focus", "ADR-0042")
    assert unknown.returncode == 2
    assert unknown.stderr == "decisions: error: no record with id 'ADR-0042'; 'decisions graph --format json' lists them\n"
    kind = project.run("graph", "--kind", "adrs")
    assert kind.returncode == 2
    assert kind.stderr == "decisions: error: unknown kind 'adrs' (did you mean 'adr'?); kinds: adr, rfc\n"


# -- edges never run through a box ---------------------------------------------------------

#: how far a route may graze a box's border (rounding) without counting as passing through it
GRAZE = 0.5


def segment_enters_box(start, end, left, top, right, bottom) -> bool:
    """True when the segment start-end has a point strictly inside the rectangle,
    shrunk by GRAZE on every side (Liang-Barsky clipping)."""
    left, top, right, bottom = left + GRAZE, top + GRAZE, right - GRAZE, bottom - GRAZE
    (x0, y0), (x1, y1) = start, end
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for step, room in ((-dx, x0 - left), (dx, right - x0), (-dy, y0 - top), (dy, bottom - y0)):
        if step == 0:
            if room <= 0:
                return False  # parallel to this side and outside (or on) it
            continue
        t = room / step
        if step < 0:
            low = max(low, t)
        else:
            high = min(high, t)
    return low < high


def edges_through_boxes(drawing) -> list[tuple[str, str, str]]:
    """(source, target, node) for every route segment that passes through the box of a
    node other than the route's own source and target."""
    found = []
    for route in drawing.routes:
        for start, end in zip(route.points, route.points[1:]):
            for box in drawing.nodes.values():
                if box.id in (route.source, route.target):
                    continue
                if segment_enters_box(start, end, box.x, box.y, box.x + NODE_WIDTH, box.y + NODE_HEIGHT):
                    found.append((route.source, route.target, box.id))
    return found


@pytest.mark.parametrize(
    ("start", "end", "inside"),
    [
        ((50, -10), (50, 110), True),  # straight down through the middle
        ((-10, -10), (110, 110), True),  # corner to corner
        ((5, 5), (6, 6), True),  # wholly inside
        ((-10, 50), (-1, 50), False),  # stops short
        ((0, -10), (0, 110), False),  # runs along the left side
        ((100, 50), (150, 50), False),  # starts on the right side, goes away
        ((50, 100), (60, 140), False),  # starts on the bottom side, goes away
        ((-10, 30), (30, -10), True),  # cuts the corner off
        ((-10, 5), (5, -10), False),  # passes the corner outside
        ((-10, 10), (10, -10), False),  # touches the corner only
    ],
)
def test_segment_enters_box(start, end, inside):
    assert segment_enters_box(start, end, 0, 0, 100, 100) is inside
    assert segment_enters_box(end, start, 0, 0, 100, 100) is inside


@st.composite
def small_graphs(draw, acyclic: bool = True):
    """Up to 30 nodes and 50 edges; with `acyclic`, every edge goes from a lower to a higher number."""
    size = draw(st.integers(min_value=2, max_value=30))
    index = st.integers(min_value=0, max_value=size - 1)
    pairs = draw(st.lists(st.tuples(index, index), max_size=50))
    nodes = [f"ADR-{n:04d}" for n in range(1, size + 1)]
    if acyclic:
        pairs = [(min(a, b), max(a, b)) for a, b in pairs]
    edges = sorted({(nodes[a], nodes[b]) for a, b in pairs if a != b})
    return nodes, edges


@settings(max_examples=300, deadline=None)
@given(small_graphs())
def test_no_edge_runs_through_a_box(graph):
    nodes, edges = graph
    drawing = layout(nodes, edges)
    assert len(drawing.routes) == len(edges)
    assert edges_through_boxes(drawing) == []


@settings(max_examples=100, deadline=None)
@given(small_graphs(acyclic=False))
def test_no_edge_runs_through_a_box_when_cycles_are_broken(graph):
    nodes, edges = graph
    drawing = layout(nodes, edges)
    assert edges_through_boxes(drawing) == []


@pytest.mark.parametrize(
    "edges",
    [
        # a long edge beside the node it skips
        [("A", "B"), ("B", "C"), ("A", "C")],
        # a long edge past a layer full of nodes that all pull towards the same centre
        [("A", "B1"), ("A", "B2"), ("A", "B3"), ("A", "B4"), ("B1", "C"), ("B2", "C"), ("B3", "C"), ("B4", "C"), ("A", "C")],
        # several long edges over several layers, between chains
        [("A", "B"), ("B", "C"), ("C", "D"), ("D", "E"), ("A", "E"), ("A", "D"), ("B", "E"), ("X", "C"), ("X", "E")],
    ],
)
def test_no_edge_runs_through_a_box_in_hard_cases(edges):
    nodes = sorted({node for edge in edges for node in edge})
    drawing = layout(nodes, edges)
    assert len(drawing.routes) == len(edges)
    assert edges_through_boxes(drawing) == []


@pytest.mark.parametrize("seed", range(8))
def test_no_edge_runs_through_a_box_in_large_graphs(seed):
    nodes, edges = random_dag(seed, size=60, edge_count=45)
    assert edges_through_boxes(layout(nodes, edges)) == []
