"""`decisions init`: a fresh repository set up the way the docs recommend.

It writes the site's `mkdocs.yml` (the plugin, with the handbook), a home
page, a first ADR and a first RFC that pass the linter as they are, a
pre-commit configuration and a GitHub Actions workflow, each from its
template in `starter/`. A file that exists is never overwritten: it is
listed as kept, with what to add to it by hand.
"""

from __future__ import annotations

import dataclasses
import json
from importlib import metadata
from pathlib import Path

import jinja2

from . import write
from .quoting import scalar

#: what pip installs in CI when the running copy did not come from a git URL
PLACEHOLDER_INSTALL = "mkdocs-decisions @ git+https://github.com/OWNER/mkdocs-decisions@v{version}"


@dataclasses.dataclass(frozen=True)
class Outcome:
    """What `init` did: the files written, and the files kept with a hint each."""

    written: list[str]
    kept: list[tuple[str, str]]
    #: the CI workflow's install line, when it still needs an owner filled in
    install_placeholder: bool


def init(root: Path, *, site_name: str, person: str, today: str) -> Outcome:
    """Write each starter file that does not exist yet."""
    install, placeholder = _install_spec()
    files = {
        "mkdocs.yml": (_starter("mkdocs.yml", site_name=site_name), "add '- decisions: {handbook: true}' to its plugins"),
        "docs/index.md": (_starter("index.md", site_name=site_name), "link the decision pages from it: adr/, rfc/, timeline/"),
        "adr/0001-record-architecture-decisions.md": (
            _starter("adr.md", person=person, today=today), "the folder has records already"),
        "rfc/0001-propose-changes-in-rfcs.md": (
            _starter("rfc.md", person=person, today=today), "the folder has records already"),
        ".pre-commit-config.yaml": (_starter("pre-commit-config.yaml"), "add the decisions-lint hook from docs/lint.md"),
        ".github/workflows/decisions.yml": (
            _starter("workflow.yml", install=install), "add the decisions lint step from docs/lint.md"),
    }
    written, kept = [], []
    for path, (text, hint) in files.items():
        target = root / path
        if target.exists() and target.read_bytes() == text.encode("utf-8"):
            kept.append((path, "as init wrote it"))
            continue
        if target.exists() or (path.startswith(("adr/", "rfc/")) and _has_records(target.parent)):
            kept.append((path, hint))
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        write.apply([write.create(root, path, text.encode("utf-8"))])
        written.append(path)
    return Outcome(written, kept, placeholder and ".github/workflows/decisions.yml" in written)


def _has_records(folder: Path) -> bool:
    """A kind's folder with a record in it already: no first record is added."""
    return folder.is_dir() and any(entry.suffix == ".md" for entry in folder.iterdir())


def _install_spec() -> tuple[str, bool]:
    """What CI should pip install: the git URL this copy was installed from
    (PEP 610's direct_url.json), else a placeholder URL to fill in."""
    distribution = metadata.distribution("mkdocs-decisions")
    try:
        origin = json.loads(distribution.read_text("direct_url.json") or "{}")
    except json.JSONDecodeError:
        origin = {}
    vcs = origin.get("vcs_info", {})
    if vcs.get("vcs") == "git" and origin.get("url"):
        revision = vcs.get("requested_revision") or vcs.get("commit_id")
        return f"mkdocs-decisions @ git+{origin['url']}" + (f"@{revision}" if revision else ""), False
    return PLACEHOLDER_INSTALL.format(version=distribution.version), True


#: the starter files, as templates: `site_name`, `person` and `today` go through `scalar`
#: where YAML needs them quoted, the install line through JSON
_STARTER = jinja2.Environment(
    loader=jinja2.PackageLoader("mkdocs_decisions", "authoring/starter"),
    keep_trailing_newline=True,
    autoescape=False,  # YAML and Markdown files, not HTML: values are quoted by the filters
    undefined=jinja2.StrictUndefined,
)
_STARTER.filters.update(scalar=scalar, json=json.dumps)


def _starter(name: str, **values: str) -> str:
    return _STARTER.get_template(name).render(**values)
