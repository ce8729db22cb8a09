"""Time the whole-archive supersession graph: layout and SVG rendering.

usage: python benchmarks/graph.py [--sizes 1250,2500,5000,12500,25000] [--repeat 3] [--json FILE]

For each size N, a seeded random archive graph of N records is made with
N * 0.12 supersession edges (1,500 at 12,500 records) in chains of two to
five records, the shape real archives have. Measured in the same run:

* the drawing: `graphs.svg` (layered layout + SVG), as the graph page does it;
* a baseline: `graphs.dot` of the same graph, a single linear pass that
  writes every node and edge, so machine speed cancels out of the ratio.

Growth is judged by time / (n log n) at the largest size against the
smallest: at most 1.5 means no worse than n log n. Targets at 12,500
records: under 2 s and under 5 MB of SVG.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugin"))

from mkdocs_decisions.render import graphs  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lint import write_json  # noqa: E402

STATUSES = ["accepted"] * 6 + ["proposed", "rejected", "deprecated"]
EDGE_SHARE = 0.12


def synthetic(n: int, seed: int = 1) -> graphs.GraphView:
    """N records, N * 0.12 edges in chains; everything else stands alone."""
    rng = random.Random(seed)
    ids = [f"ADR-{number:05d}" for number in range(1, n + 1)]
    nodes = {
        record_id: graphs.Node(record_id, f"Decision number {index} about a subsystem", rng.choice(STATUSES), "adr", f"adr/{record_id}/")
        for index, record_id in enumerate(ids)
    }
    wanted = round(n * EDGE_SHARE)
    free = list(range(n))
    rng.shuffle(free)
    edges: list[tuple[str, str]] = []
    while len(edges) < wanted and len(free) >= 2:
        length = min(rng.randint(2, 5), len(free), wanted - len(edges) + 1)
        chain = sorted(free.pop() for _ in range(length))
        for older, newer in zip(chain, chain[1:]):
            edges.append((ids[older], ids[newer]))
            nodes[ids[older]].status = "superseded"
    linked = {node for edge in edges for node in edge}
    return graphs.GraphView(nodes, sorted(edges), [], [i for i in ids if i not in linked])


def best_of(repeat: int, action) -> tuple[float, object]:
    best, result = math.inf, None
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - started)
    return best, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1250,2500,5000,12500,25000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    rows = []
    for n in sizes:
        view = synthetic(n)
        svg_seconds, svg = best_of(args.repeat, lambda: graphs.svg(view, title="All records"))
        dot_seconds, _ = best_of(args.repeat, lambda: graphs.dot(view))
        rows.append(
            {
                "records": n,
                "edges": len(view.edges),
                "drawn": len(view.nodes) - len(view.isolated),
                "svg_seconds": svg_seconds,
                "dot_seconds": dot_seconds,
                "ratio": svg_seconds / dot_seconds,
                "svg_bytes": len(svg.encode("utf-8")),
                "per_nlogn": svg_seconds / (n * math.log2(n)),
            }
        )
    print("| records | edges | nodes drawn | svg s | dot s (baseline) | ratio | SVG size |")
    print("|--------:|------:|------------:|------:|-----------------:|------:|---------:|")
    for row in rows:
        print(
            f"| {row['records']} | {row['edges']} | {row['drawn']} | {row['svg_seconds']:.3f} | "
            f"{row['dot_seconds']:.3f} | {row['ratio']:.1f} | {row['svg_bytes'] / 1e6:.2f} MB |"
        )
    at = next((row for row in rows if row["records"] == 12500), rows[-1])
    growth = rows[-1]["per_nlogn"] / rows[0]["per_nlogn"]
    checks = [
        ("time at 12,500 records", f"{at['svg_seconds']:.2f} s", "< 2 s", at["svg_seconds"] < 2),
        ("SVG size at 12,500 records", f"{at['svg_bytes'] / 1e6:.2f} MB", "< 5 MB", at["svg_bytes"] < 5e6),
        (
            f"growth, time/(n log n) at {rows[-1]['records']} vs {rows[0]['records']}",
            f"{growth:.2f}",
            "<= 1.5",
            growth <= 1.5,
        ),
    ]
    print("\n| target | measured | limit | result |\n|--------|---------:|-------|--------|")
    for name, measured, limit, passed in checks:
        print(f"| {name} | {measured} | {limit} | {'PASS' if passed else 'FAIL'} |")
    if args.json:
        write_json(args.json, {"rows": rows, "growth": growth})
    return 0


if __name__ == "__main__":
    sys.exit(main())
