"""The site's plan, made without MkDocs: which files, where, and what fills their markers.

`site.Site` decides what the decisions add to a site; the plugin only hands
its plan to MkDocs. These tests give the plan to a list instead, and check
the package's shape: the core imports nothing from MkDocs, and no module
imports another that imports it back.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import jinja2

from conftest import REPO, accepted_adr

from mkdocs_decisions.config import Settings
from mkdocs_decisions.site import FOOTER_MARKER, HEADER_MARKER, INDEX_MARKER, TIMELINE_MARKER, PlannedFile, Site, markers_in

PACKAGE = REPO / "plugin" / "mkdocs_decisions"


class ListSink:
    """Planned files kept in a list; URLs as MkDocs makes them with directory URLs."""

    def __init__(self, existing: set[str] = frozenset(), markers: dict[str, str] | None = None) -> None:
        self.existing = set(existing)
        self.markers = markers or {}  # marker -> the site's own page that holds it
        self.planned: dict[str, PlannedFile] = {}

    def exists(self, src_uri: str) -> bool:
        return src_uri in self.existing or src_uri in self.planned

    def own(self, path: str) -> tuple[str, str] | None:
        return None  # the records are outside docs_dir

    def holding(self, marker: str) -> str | None:
        return self.markers.get(marker)

    def add(self, planned: PlannedFile) -> str:
        assert planned.src_uri not in self.planned, planned.src_uri
        self.planned[planned.src_uri] = planned
        stem = planned.src_uri.removesuffix(".md")
        if not planned.src_uri.endswith(".md"):
            return planned.src_uri
        return stem.removesuffix("index") if stem.endswith("index") else stem + "/"


def _archive(root: Path) -> None:
    (root / "adr").mkdir()
    (root / "adr" / "0001-use-queues.md").write_text(
        accepted_adr("Use queues").replace("status: accepted", "status: superseded")
        .replace("deciders", "superseded_by: [ADR-0002]\ndeciders")
    )
    (root / "adr" / "0002-use-kafka.md").write_text(accepted_adr("Use Kafka", extra="supersedes: [ADR-0001]\n") + "See ADR-0001.\n")
    (root / "adr" / "diagram.png").write_bytes(b"\x89PNG")


def test_the_plan_names_every_file_and_leaves_the_sites_own_alone(tmp_path):
    _archive(tmp_path)
    site = Site(Settings.from_mapping({"handbook": False}, tmp_path), site_name="Test")
    # the site has its own timeline page, with the marker; and a graph page of its own, without
    sink = ListSink(existing={"timeline.md", "decisions/timeline.md", "graph.md"},
                    markers={TIMELINE_MARKER: "decisions/timeline.md"})
    site.plan(sink)
    assert sorted(sink.planned) == [
        "adr/0001-use-queues.md", "adr/0002-use-kafka.md", "adr/diagram.png", "adr/index.md",
        "assets/decisions/decisions.css", "assets/decisions/decisions.js",
        "decisions.json", "decisions/graph.md", "in-force.md",
    ]
    assert site.listed == ["adr/index.md", "decisions/graph.md", "in-force.md"]
    assert sink.planned["adr/diagram.png"].source == str(tmp_path / "adr" / "diagram.png")
    assert sink.planned["adr/index.md"].content == f"# Architecture decisions\n\n{INDEX_MARKER.format(kind='adr')}\n"
    assert sink.planned["adr/0002-use-kafka.md"].content.startswith('---\ntitle: "Use Kafka"\n---\n\n# Use Kafka\n')
    assert site.findings == []
    assert site.notices == [
        "no git history here: record pages show no status history",
        "graph.md is a page of the site's own, without <!-- decisions:graph --> in it: ours is decisions/graph.md",
    ]


def test_record_pages_are_filled_without_mkdocs(tmp_path):
    _archive(tmp_path)
    site = Site(Settings.from_mapping({"handbook": False, "history": False}, tmp_path), site_name="Test")
    site.plan(ListSink())
    site.use_env(jinja2.Environment(loader=jinja2.FileSystemLoader(str(PACKAGE / "templates"))))
    html = site.record_html("adr/0001-use-queues.md", "<h1>Use queues</h1><p>Text.<script>x</script></p>", "adr/0001-use-queues/")
    assert html == f"<h1>Use queues</h1>{HEADER_MARKER}<p>Text.</p>{FOOTER_MARKER}"
    filled = site.fill(html, "adr/0001-use-queues.md", "adr/0001-use-queues/")
    assert "<!-- decisions:" not in filled
    assert 'Superseded by <a href="../0002-use-kafka/">ADR-0002: Use Kafka</a>.' in filled
    index = site.fill(INDEX_MARKER.format(kind="adr"), "adr/index.md", "adr/")
    assert '<a href="0002-use-kafka/">Use Kafka</a>' in index
    # a page that is not a record keeps its HTML
    assert site.record_html("about.md", "<p>x<script>y</script></p>", "about/") == "<p>x<script>y</script></p>"


def test_the_core_runs_without_mkdocs():
    """Planning a site imports nothing from MkDocs (run in a fresh interpreter)."""
    code = (
        "import sys\n"
        "from mkdocs_decisions import cli, site\n"
        "assert not [name for name in sys.modules if name == 'mkdocs' or name.startswith('mkdocs.')], sys.modules\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def _imports(path: Path) -> list[tuple[str, bool]]:
    """(module imported from the package, whether inside a function) for every import in a module;
    imports under `if TYPE_CHECKING:` are left out (they never run)."""
    module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: list[tuple[str, bool]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
            target = f"{base}.{node.module}" if node.module else base
            names = [f"{target}.{alias.name}" for alias in node.names]
            found.extend((name if _is_module(name) else target, in_function) for name in names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("mkdocs_decisions"):
            found.append((node.module, in_function))
        for child in ast.iter_child_nodes(node):
            visit(child, in_function or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)))

    visit(ast.parse(path.read_text(encoding="utf-8")), False)
    return found


def _is_module(dotted: str) -> bool:
    relative = Path(*dotted.split(".")[1:])
    return (PACKAGE / relative).with_suffix(".py").is_file() or (PACKAGE / relative / "__init__.py").is_file()


def _modules() -> dict[str, Path]:
    return {
        ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__"): path
        for path in PACKAGE.rglob("*.py")
    }


def test_no_import_cycles_and_no_lazy_imports_of_our_own_modules():
    modules = _modules()
    graph = {name: {target for target, _ in _imports(path) if target in modules and target != name}
             for name, path in modules.items()}
    # Only the command imports modules inside functions: each subcommand what
    # it alone needs, so that `decisions lint` starts fast. Anywhere else a
    # lazy import would be hiding a cycle.
    lazy = sorted(f"{name} imports {target} inside a function"
                  for name, path in modules.items() if name != "mkdocs_decisions.cli"
                  for target, inner in _imports(path) if inner)
    assert lazy == []
    # a package imports its own submodules (`from . import x`); those are not cycles
    cycles = []
    for start in graph:
        stack = [(start, (start,))]
        while stack:
            current, trail = stack.pop()
            for target in graph[current]:
                if target == start and not start.startswith(current + ".") and not current.startswith(start + "."):
                    cycles.append(" -> ".join([*trail, target]))
                elif target not in trail and len(trail) < 12:
                    stack.append((target, (*trail, target)))
    assert sorted(set(cycles)) == []


def test_plugin_module_is_events_only():
    """plugin.py stays glue: under 300 lines, and no plugin method but the events is more than a few lines."""
    tree = ast.parse((PACKAGE / "plugin.py").read_text(encoding="utf-8"))
    assert len((PACKAGE / "plugin.py").read_text(encoding="utf-8").splitlines()) < 300
    plugin = next(node for node in tree.body if isinstance(node, ast.ClassDef) and node.name == "DecisionsPlugin")
    long_helpers = [
        method.name for method in plugin.body
        if isinstance(method, ast.FunctionDef) and not method.name.startswith(("on_", "__"))
        and method.end_lineno - method.lineno > 6
    ]
    assert long_helpers == []


def test_a_marker_written_about_in_code_is_not_a_marker():
    text = (
        "Put `<!-- decisions:index adr -->` in a page.\n\n```md\n<!-- decisions:timeline -->\n```\n\n"
        "~~~\n<!-- decisions:changes -->\n~~~\n\n<!-- decisions:graph -->\n\n``x <!-- decisions:in-force --> y``\n"
    )
    assert markers_in(text) == ["<!-- decisions:graph -->"]
    assert markers_in("# No marker\n") == []
