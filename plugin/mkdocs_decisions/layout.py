"""Layered drawing of directed graphs (Sugiyama style), in plain Python.

Steps, each a small function:

1. cycles are broken by reversing the back edges of a depth-first search
   (the linter reports cycles; the drawing must still come out);
2. longest-path layering puts every node one layer below its lowest
   predecessor, so every edge points downwards;
3. edges spanning several layers get dummy nodes, one per layer crossed;
4. barycenter sweeps reorder each layer to reduce crossings;
5. coordinates: nodes move towards the mean of their neighbours, but never
   closer than one node width plus a gap, so nothing overlaps.

Components are laid out separately and packed onto shelves. Everything is
ordered by node id at every step, so the same graph gives the same drawing.
"""

from __future__ import annotations

import collections
import dataclasses
from typing import Iterable

NODE_WIDTH = 184.0
NODE_HEIGHT = 58.0
LAYER_GAP = 46.0
NODE_GAP = 24.0
DUMMY_WIDTH = 8.0
COMPONENT_GAP = 40.0
SWEEPS = 6


@dataclasses.dataclass
class Placed:
    """A laid-out node: `x`, `y` of its top-left corner."""

    id: str
    x: float
    y: float
    layer: int


@dataclasses.dataclass
class Route:
    """A laid-out edge from `source` to `target` through `points`."""

    source: str
    target: str
    points: list[tuple[float, float]]


@dataclasses.dataclass
class Layout:
    nodes: dict[str, Placed]
    routes: list[Route]
    width: float
    height: float


def components(nodes: Iterable[str], edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Weakly connected components, each sorted; those with edges first."""
    parent: dict[str, str] = {node: node for node in nodes}

    def find(node: str) -> str:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for source, target in edges:
        a, b = find(source), find(target)
        if a != b:
            parent[max(a, b)] = min(a, b)
    grouped: dict[str, list[str]] = {}
    for node in sorted(parent):
        grouped.setdefault(find(node), []).append(node)
    # linked groups first, then single nodes, which pack into a grid
    return sorted(grouped.values(), key=lambda members: (len(members) == 1, members[0]))


def layout(
    nodes: Iterable[str], edges: Iterable[tuple[str, str]], max_width: float = 900.0
) -> Layout:
    """Lay out a whole graph: each component on its own, then packed on shelves."""
    node_list = sorted(set(nodes))
    edge_list = sorted({(s, t) for s, t in edges if s != t})
    by_component: dict[str, list[tuple[str, str]]] = {}
    groups = components(node_list, edge_list)
    owner = {node: group[0] for group in groups for node in group}
    for edge in edge_list:
        by_component.setdefault(owner[edge[0]], []).append(edge)
    placed: dict[str, Placed] = {}
    routes: list[Route] = []
    shelf_x = shelf_y = shelf_height = width = 0.0
    for group in groups:
        part = _layout_component(group, by_component.get(group[0], []))
        if shelf_x > 0 and shelf_x + part.width > max_width:
            shelf_x, shelf_y = 0.0, shelf_y + shelf_height + COMPONENT_GAP
            shelf_height = 0.0
        for node in part.nodes.values():
            placed[node.id] = Placed(node.id, node.x + shelf_x, node.y + shelf_y, node.layer)
        for route in part.routes:
            routes.append(Route(route.source, route.target, [(x + shelf_x, y + shelf_y) for x, y in route.points]))
        shelf_x += part.width + COMPONENT_GAP
        width = max(width, shelf_x - COMPONENT_GAP)
        shelf_height = max(shelf_height, part.height)
    return Layout(placed, routes, width, shelf_y + shelf_height)


def _layout_component(members: list[str], edges: list[tuple[str, str]]) -> Layout:
    forward = _break_cycles(members, edges)
    layer = _longest_path_layers(members, forward)
    chains, layers = _with_dummies(members, forward, layer)
    widths = {node: (NODE_WIDTH if node in layer else DUMMY_WIDTH) for row in layers for node in row}
    _reduce_crossings(layers, chains)
    x = _coordinates(layers, chains, widths)
    placed = {
        node: Placed(node, x[node], depth * (NODE_HEIGHT + LAYER_GAP), depth)
        for depth, row in enumerate(layers)
        for node in row
        if node in layer
    }
    routes = []
    for (source, target), path in sorted(chains.items()):
        if source not in placed or target not in placed:
            continue
        points = [(placed[source].x + NODE_WIDTH / 2, placed[source].y + NODE_HEIGHT)]
        for dummy in path:
            depth = _depth_of(dummy, layers)
            middle = depth * (NODE_HEIGHT + LAYER_GAP)
            points.append((x[dummy] + DUMMY_WIDTH / 2, middle))
            points.append((x[dummy] + DUMMY_WIDTH / 2, middle + NODE_HEIGHT))
        points.append((placed[target].x + NODE_WIDTH / 2, placed[target].y))
        routes.append(Route(source, target, points))
    right = max((x[n] + widths[n] for row in layers for n in row), default=0.0)
    height = len(layers) * (NODE_HEIGHT + LAYER_GAP) - LAYER_GAP
    return Layout(placed, routes, right, max(height, 0.0))


def _break_cycles(members: list[str], edges: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The edges with every back edge of a DFS reversed (iterative DFS)."""
    successors: dict[str, list[str]] = {node: [] for node in members}
    for source, target in edges:
        successors[source].append(target)
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    back: set[tuple[str, str]] = set()
    for root in members:
        if root in state:
            continue
        stack = [(root, iter(sorted(successors[root])))]
        state[root] = 1
        while stack:
            node, pending = stack[-1]
            for successor in pending:
                if state.get(successor) == 1:
                    back.add((node, successor))
                elif successor not in state:
                    state[successor] = 1
                    stack.append((successor, iter(sorted(successors[successor]))))
                    break
            else:
                state[node] = 2
                stack.pop()
    return sorted({(t, s) if (s, t) in back else (s, t) for s, t in edges})


def _longest_path_layers(members: list[str], edges: list[tuple[str, str]]) -> dict[str, int]:
    predecessors: dict[str, list[str]] = {node: [] for node in members}
    successors: dict[str, list[str]] = {node: [] for node in members}
    for source, target in edges:
        predecessors[target].append(source)
        successors[source].append(target)
    remaining = {node: len(predecessors[node]) for node in members}
    ready = collections.deque(node for node in members if remaining[node] == 0)
    layer: dict[str, int] = {}
    while ready:
        node = ready.popleft()
        layer[node] = max((layer[p] + 1 for p in predecessors[node]), default=0)
        for successor in successors[node]:
            remaining[successor] -= 1
            if remaining[successor] == 0:
                ready.append(successor)
    return layer


def _with_dummies(
    members: list[str], edges: list[tuple[str, str]], layer: dict[str, int]
) -> tuple[dict[tuple[str, str], list[str]], list[list[str]]]:
    """Layers (lists of nodes) with a dummy node wherever an edge crosses a layer;
    `chains` maps each edge to the dummies it passes through."""
    depth = max(layer.values(), default=0) + 1
    layers: list[list[str]] = [[] for _ in range(depth)]
    for node in members:
        layers[layer[node]].append(node)
    chains: dict[tuple[str, str], list[str]] = {}
    for source, target in edges:
        path = []
        for level in range(layer[source] + 1, layer[target]):
            dummy = f"\x00{source}\x00{target}\x00{level}"
            layers[level].append(dummy)
            path.append(dummy)
        chains[(source, target)] = path
    return chains, layers


def _neighbours(chains: dict[tuple[str, str], list[str]]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    up: dict[str, list[str]] = {}
    down: dict[str, list[str]] = {}
    for (source, target), path in chains.items():
        sequence = [source, *path, target]
        for upper, lower in zip(sequence, sequence[1:]):
            down.setdefault(upper, []).append(lower)
            up.setdefault(lower, []).append(upper)
    return up, down


def _reduce_crossings(layers: list[list[str]], chains: dict[tuple[str, str], list[str]]) -> None:
    up, down = _neighbours(chains)
    for sweep in range(SWEEPS):
        downward = sweep % 2 == 0
        order = range(1, len(layers)) if downward else range(len(layers) - 2, -1, -1)
        for level in order:
            reference = layers[level - 1] if downward else layers[level + 1]
            position = {node: index for index, node in enumerate(reference)}
            neighbours = up if downward else down
            current = {node: index for index, node in enumerate(layers[level])}

            def barycenter(node: str) -> float:
                linked = [position[n] for n in neighbours.get(node, ()) if n in position]
                return sum(linked) / len(linked) if linked else float(current[node])

            layers[level].sort(key=lambda node: (barycenter(node), current[node]))


def _coordinates(
    layers: list[list[str]], chains: dict[tuple[str, str], list[str]], widths: dict[str, float]
) -> dict[str, float]:
    """x of every node: packed left to right, then pulled towards neighbours'
    centres, always at least a gap apart and in the same order."""
    up, down = _neighbours(chains)
    x: dict[str, float] = {}
    for row in layers:
        cursor = 0.0
        for node in row:
            x[node] = cursor
            cursor += widths[node] + NODE_GAP
    for sweep in range(SWEEPS):
        neighbours = up if sweep % 2 == 0 else down
        rows = layers if sweep % 2 == 0 else list(reversed(layers))
        for row in rows:
            desired = []
            for node in row:
                linked = [x[n] + widths[n] / 2 for n in neighbours.get(node, ())]
                centre = sum(linked) / len(linked) if linked else x[node] + widths[node] / 2
                desired.append(centre - widths[node] / 2)
            placed = _separate(desired, [widths[n] for n in row])
            for node, value in zip(row, placed):
                x[node] = value
    left = min(x.values(), default=0.0)
    return {node: value - left for node, value in x.items()}


def _separate(desired: list[float], widths: list[float]) -> list[float]:
    """Positions as close to `desired` as keeps each node a gap from the last."""
    result = list(desired)
    for index in range(1, len(result)):
        minimum = result[index - 1] + widths[index - 1] + NODE_GAP
        if result[index] < minimum:
            result[index] = minimum
    # shift back towards the desired mean, which keeps relative order
    shift = (sum(desired) - sum(result)) / len(result) if result else 0.0
    return [value + shift for value in result]


def _depth_of(dummy: str, layers: list[list[str]]) -> int:
    return int(dummy.rsplit("\x00", 1)[1])


#: room above a cluster's drawing for its name, and around it inside its frame
CLUSTER_HEADER = 26.0
CLUSTER_PADDING = 12.0


@dataclasses.dataclass
class Cluster:
    """A framed group of a drawing (a catalogue's source): its name and frame."""

    label: str
    x: float
    y: float
    width: float
    height: float


def clustered(
    groups: list[tuple[str, list[str]]], edges: Iterable[tuple[str, str]], max_width: float = 900.0
) -> tuple[Layout, list[Cluster]]:
    """Each group laid out on its own inside a frame, the frames one below
    the other; an edge between two groups is drawn straight from one to the
    other (`groups` should keep linked records together to avoid those)."""
    edge_list = sorted({(s, t) for s, t in edges if s != t})
    placed: dict[str, Placed] = {}
    routes: list[Route] = []
    clusters: list[Cluster] = []
    top = width = 0.0
    for label, members in groups:
        inner = set(members)
        part = layout(members, [edge for edge in edge_list if edge[0] in inner and edge[1] in inner], max_width)
        left, down = CLUSTER_PADDING, top + CLUSTER_HEADER
        for node in part.nodes.values():
            placed[node.id] = Placed(node.id, node.x + left, node.y + down, node.layer)
        routes += [Route(r.source, r.target, [(x + left, y + down) for x, y in r.points]) for r in part.routes]
        frame = Cluster(label, 0.0, top, part.width + 2 * CLUSTER_PADDING, part.height + CLUSTER_HEADER + CLUSTER_PADDING)
        clusters.append(frame)
        top += frame.height + COMPONENT_GAP
        width = max(width, frame.width)
    drawn = {(route.source, route.target) for route in routes}
    for source, target in edge_list:
        if source in placed and target in placed and (source, target) not in drawn:
            start, end = placed[source], placed[target]
            routes.append(Route(source, target, [(start.x + NODE_WIDTH / 2, start.y + NODE_HEIGHT),
                                                 (end.x + NODE_WIDTH / 2, end.y)]))
    return Layout(placed, routes, width, max(top - COMPONENT_GAP, 0.0)), clusters
