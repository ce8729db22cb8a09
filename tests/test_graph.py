"""Supersession graphs: layout invariants, safe SVG, DOT and Mermaid that real tools accept."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

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
