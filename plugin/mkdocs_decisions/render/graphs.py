"""Supersession graphs as SVG (for pages), DOT, Mermaid and JSON.

The SVG is laid out by `layout.py`, coloured by status with a legend, and
every node links to its record. Each status also appears in words inside
its node, so colour is never the only sign. All record text is escaped;
output depends only on the archive, so the same archive gives the same bytes.
"""

from __future__ import annotations

import dataclasses
import json
from html import escape

from ..archive import Archive
from ..graph import lineage
from ..ids import qualified, sorted_ids
from ..layout import NODE_HEIGHT, NODE_WIDTH, Cluster, Layout, clustered, components, layout
from .urls import relative_url

#: fill, stroke and text colours per status; text on fill passes WCAG AA
PALETTE: dict[str, tuple[str, str, str]] = {
    "accepted": ("#d3f2dc", "#0b4a27", "#0b4a27"),
    "implemented": ("#d3f2dc", "#0b4a27", "#0b4a27"),
    "proposed": ("#fff1c2", "#5c4300", "#5c4300"),
    "draft": ("#fff1c2", "#5c4300", "#5c4300"),
    "in-review": ("#fff1c2", "#5c4300", "#5c4300"),
    "superseded": ("#e4e6ea", "#343a40", "#343a40"),
    "deprecated": ("#fde2c8", "#6e3700", "#6e3700"),
    "rejected": ("#fadadd", "#7d1a26", "#7d1a26"),
    "withdrawn": ("#fadadd", "#7d1a26", "#7d1a26"),
}
UNKNOWN = ("#e7e7f5", "#2e2e6b", "#2e2e6b")
TITLE_CHARACTERS = 27
LEGEND_HEIGHT = 34.0
#: draw records without any supersession link as a grid up to this many
MAX_ISOLATED_DRAWN = 60
#: the frame of a catalogue's drawing that holds records linked across sources
ACROSS_SOURCES = "across sources"


@dataclasses.dataclass
class Node:
    id: str
    title: str
    status: str
    kind: str
    url: str | None
    source: str | None = None  # in a catalogue, the repository it comes from (RFC-0003)


@dataclasses.dataclass
class GraphView:
    """What one drawing shows."""

    nodes: dict[str, Node]
    edges: list[tuple[str, str]]  # older -> newer
    mentions: list[tuple[str, str]]  # citing -> cited
    isolated: list[str]  # nodes without supersession edges, in id order


def view(
    archive: Archive,
    urls: dict[str, str] | None = None,
    *,
    kind: str | None = None,
    focus: str | None = None,
) -> GraphView:
    """The graph of the archive, of one kind, or of one record's lineage."""
    graph = archive.graph
    # a lineage is small: start from it rather than from every record
    candidates = lineage(graph, focus) if focus is not None else list(archive.by_id)
    ids = [i for i in candidates if kind is None or archive.by_id[i].kind == kind or i == focus]
    nodes = {}
    for record_id in sorted_ids(ids):
        record = archive.by_id[record_id]
        url = (urls or {}).get(record.path)
        source = qualified(record_id)
        nodes[record_id] = Node(
            record_id, record.title or record.slug, record.status or "unknown", record.kind, url, source and source[0]
        )
    links = sorted(
        (older, newer)
        for older in nodes
        for newer in graph.replaced_by.get(older, ())
        if newer in nodes
    )
    linked = {node for edge in links for node in edge}
    mentions = sorted(
        (source, target)
        for target in nodes
        for source in archive.mentions.get(target, ())
        if source in nodes
    )
    isolated = [node for node in nodes if node not in linked]
    return GraphView(nodes, links, mentions, isolated)


# -- SVG ---------------------------------------------------------------------------


def svg(
    graph: GraphView,
    *,
    title: str,
    page_url: str = "",
    highlight: str | None = None,
    id_prefix: str = "decisions-graph",
    draw_isolated: bool | None = None,
    placed: Layout | None = None,
) -> str:
    """An inline SVG drawing; node links are made relative to `page_url`.

    `placed` is the layout of the same nodes and edges, when the caller
    already has it: every record of a chain draws the same chain.
    """

    if draw_isolated is None:
        draw_isolated = len(graph.isolated) <= MAX_ISOLATED_DRAWN
    isolated = set(graph.isolated)
    drawn = [n for n in graph.nodes if draw_isolated or n not in isolated]
    clusters: list[Cluster] = []
    if placed is None and any(graph.nodes[n].source for n in drawn):
        placed, clusters = clustered(_by_source(graph, drawn), graph.edges)
    elif placed is None:
        placed = layout(drawn, graph.edges)
    statuses = sorted({graph.nodes[n].status for n in drawn})
    width = max(placed.width, 360.0) + 2
    height = placed.height + LEGEND_HEIGHT + 2
    omitted = 0 if draw_isolated else len(graph.isolated)
    description = f"{len(drawn)} records and {len(graph.edges)} supersession link(s)"
    if omitted:
        description += f"; {omitted} records without supersession links are not drawn"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="decisions-graph" role="group" '
        f'aria-labelledby="{id_prefix}-title {id_prefix}-desc" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" font-family="sans-serif" font-size="12">',
        f'<title id="{id_prefix}-title">{escape(title)}</title>',
        f'<desc id="{id_prefix}-desc">{escape(description)}. Arrows point from a record to the '
        "record that superseded it.</desc>",
        "<defs>",
        f'<marker id="{id_prefix}-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" '
        'markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#444"/></marker>',
        "</defs>",
    ]
    out.append(_legend(statuses))
    out.append(f'<g transform="translate(1 {LEGEND_HEIGHT + 1:.0f})">')
    out += [_cluster(cluster) for cluster in clusters]
    for route in placed.routes:
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in route.points)
        out.append(
            f'<polyline class="decisions-edge" points="{points}" fill="none" stroke="#444" '
            f'stroke-width="1.5" marker-end="url(#{id_prefix}-arrow)"/>'
        )
    for node_id in sorted_ids(placed.nodes):
        position = placed.nodes[node_id]
        node = graph.nodes[node_id]
        out.append(_node(node, position.x, position.y, node_id == highlight, page_url))
    out.append("</g></svg>")
    return "\n".join(out)


def _by_source(graph: GraphView, drawn: list[str]) -> list[tuple[str, list[str]]]:
    """A catalogue's records framed by source; records linked across
    sources stay together, framed as such, so that no line crosses frames."""
    groups: dict[str, list[str]] = {}
    for members in components(drawn, graph.edges):
        sources = {graph.nodes[member].source or "" for member in members}
        label = sources.pop() if len(sources) == 1 else ACROSS_SOURCES
        groups.setdefault(label, []).extend(members)
    order = sorted(groups, key=lambda label: (label != ACROSS_SOURCES, label))
    return [(label, groups[label]) for label in order]


def _cluster(cluster: Cluster) -> str:
    return (
        f'<g class="decisions-cluster" data-source="{escape(cluster.label)}">'
        f'<rect x="{cluster.x:.1f}" y="{cluster.y:.1f}" width="{cluster.width:.1f}" height="{cluster.height:.1f}" '
        'rx="8" fill="#f6f7f9" stroke="#8a9099" stroke-dasharray="4 3"/>'
        f'<text x="{cluster.x + 10:.1f}" y="{cluster.y + 18:.1f}" fill="#1b1b1b" font-weight="bold">'
        f"{escape(cluster.label)}</text></g>"
    )


def _legend(statuses: list[str]) -> str:
    items = ['<g class="decisions-legend" aria-label="Legend">']
    x = 0.0
    for status in statuses:
        fill, stroke, _ = PALETTE.get(status, UNKNOWN)
        items.append(
            f'<rect x="{x + 1:.0f}" y="8" width="14" height="14" rx="3" fill="{fill}" stroke="{stroke}"/>'
            f'<text x="{x + 20:.0f}" y="19" fill="#222">{escape(status)}</text>'
        )
        x += 28 + 7.2 * len(status)
    items.append("</g>")
    return "".join(items)


def _shorten(title: str) -> tuple[str, bool]:
    """The title as a node shows it, whole or its first words and an ellipsis;
    and whether what is shown are whole words of the title.

    A link's accessible name must contain the words it shows (WCAG 2.5.3,
    label in name), and the name has the whole title: so a title is cut
    after a word, never inside one, nor inside a parenthesis it opens (name
    matching ignores parentheticals), unless its first word alone is too long.
    """
    if len(title) <= TITLE_CHARACTERS:
        return title, True
    cut = title[: TITLE_CHARACTERS - 1]
    if cut[-1].isalnum() and title[len(cut)].isalnum():  # inside a word: back to its start
        start = len(cut)
        while start and cut[start - 1].isalnum():
            start -= 1
        cut = _some_words(cut[:start], cut)
    if cut.count("(") > cut.count(")"):
        cut = _some_words(cut[: cut.rindex("(")], cut)
    cut = cut.rstrip()
    whole_words = bool(cut) and not title[len(cut)].isalnum() and cut.count("(") <= cut.count(")")
    return cut + "…", whole_words


def _some_words(shorter: str, longer: str) -> str:
    """`shorter` if it still has a word to show, else `longer`."""
    return shorter if any(c.isalnum() for c in shorter) else longer


def _node(node: Node, x: float, y: float, highlighted: bool, page_url: str) -> str:
    fill, stroke, text = PALETTE.get(node.status, UNKNOWN)
    short, whole_words = _shorten(node.title)
    width = 3 if highlighted else 1.2
    # the space between the two lines keeps their words apart in the text
    # that tools read off the drawing (the link's visible label)
    body = (
        f'<g class="decisions-node" data-status="{escape(node.status)}">'
        f"<title>{escape(node.id)}: {escape(node.title)} ({escape(node.status)})</title>"
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{NODE_WIDTH:.0f}" height="{NODE_HEIGHT:.0f}" rx="6" '
        f'fill="{fill}" stroke="{stroke}" stroke-width="{width}"/>'
        f'<text x="{x + 10:.1f}" y="{y + 19:.1f}" fill="{text}" font-weight="bold">{escape(node.id)}'
        f'<tspan fill="{text}" font-weight="normal"> · {escape(node.status)}</tspan></text> '
        f'<text x="{x + 10:.1f}" y="{y + 40:.1f}" fill="#1b1b1b">{escape(short)}</text>'
        "</g>"
    )
    if node.url is None or highlighted:
        return body
    href = escape(relative_url(node.url, page_url))
    # the accessible name starts with the words the node shows, its id and
    # status, then has the whole title; a title cut inside a word is named
    # as shown first, so that the name still contains what is shown
    shown = "" if whole_words else f"{short}, "
    label = f"{node.id} · {node.status}: {shown}{node.title}"
    return f'<a href="{href}" aria-label="{escape(label)}">{body}</a>'


# -- DOT, Mermaid, JSON --------------------------------------------------------------


def _sources(graph: GraphView) -> list[tuple[str | None, list[Node]]]:
    """The nodes by source, in source order (one group, None, outside a catalogue)."""
    groups: dict[str | None, list[Node]] = {}
    for node in graph.nodes.values():
        groups.setdefault(node.source, []).append(node)
    return sorted(groups.items(), key=lambda item: item[0] or "")


def _dot_string(*lines: str) -> str:
    """A quoted DOT string; several lines are joined by DOT's own line break."""
    escaped = [line.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") for line in lines]
    return '"' + "\\n".join(escaped) + '"'


def dot(graph: GraphView) -> str:
    """Graphviz DOT; `dot -Tsvg` draws it."""
    lines = [
        "digraph decisions {",
        "  rankdir=TB;",
        '  node [shape=box, style="rounded,filled", fontname="sans-serif", fontsize=11];',
        "  edge [color=\"#444444\"];",
    ]
    for source, nodes in _sources(graph):
        indent = "  " if source is None else "    "
        if source is not None:  # a catalogue: each source is a cluster, which dot frames and keeps together
            lines += [f"  subgraph {_dot_string('cluster_' + source)} {{", f"    label={_dot_string(source)};"]
        for node in nodes:
            fill, stroke, text = PALETTE.get(node.status, UNKNOWN)
            attributes = [
                f"label={_dot_string(f'{node.id} ({node.status})', node.title)}",
                f'fillcolor="{fill}"',
                f'color="{stroke}"',
                f'fontcolor="{text}"',
            ]
            if node.url:
                attributes.append(f"URL={_dot_string(node.url)}")
            lines.append(f"{indent}{_dot_string(node.id)} [{', '.join(attributes)}];")
        if source is not None:
            lines.append("  }")
    for older, newer in graph.edges:
        lines.append(f'  {_dot_string(older)} -> {_dot_string(newer)} [label="superseded by"];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def _mermaid_id(record_id: str) -> str:
    return "n_" + "".join(c if c.isalnum() else "_" for c in record_id)


def _mermaid_text(value: str) -> str:
    """Text for a quoted Mermaid label: quotes and markup characters as entity codes."""
    replacements = {'"': "#quot;", "<": "#lt;", ">": "#gt;", "#": "#35;", "&": "#amp;", "`": "#96;"}
    return "".join(replacements.get(c, c) for c in value.replace("\n", " "))


def mermaid(graph: GraphView) -> str:
    """A Mermaid `graph` (flowchart) definition."""
    lines = ["graph TD"]
    for source, nodes in _sources(graph):
        if source is not None:
            lines.append(f'  subgraph {_mermaid_id("source:" + source)} ["{_mermaid_text(source)}"]')
        for node in nodes:
            label = _mermaid_text(f"{node.id}: {node.title} ({node.status})")
            lines.append(f'  {_mermaid_id(node.id)}["{label}"]')
        if source is not None:
            lines.append("  end")
    for older, newer in graph.edges:
        lines.append(f"  {_mermaid_id(older)} -->|superseded by| {_mermaid_id(newer)}")
    for status in sorted({node.status for node in graph.nodes.values()}):
        fill, stroke, text = PALETTE.get(status, UNKNOWN)
        name = "s_" + "".join(c if c.isalnum() else "_" for c in status)
        lines.append(f"  classDef {name} fill:{fill},stroke:{stroke},color:{text}")
        members = [_mermaid_id(n.id) for n in graph.nodes.values() if n.status == status]
        lines.append(f"  class {','.join(members)} {name}")
    return "\n".join(lines) + "\n"


def as_json(graph: GraphView) -> str:
    document = {
        "nodes": [dataclasses.asdict(node) for node in graph.nodes.values()],
        "edges": [{"from": a, "to": b, "relation": "superseded_by"} for a, b in graph.edges],
        "mentions": [{"from": a, "to": b, "relation": "relates_to"} for a, b in graph.mentions],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


FORMATS = {"dot": dot, "mermaid": mermaid, "json": as_json}
