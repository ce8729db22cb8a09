"""`decisions init`: a fresh repository set up the way the docs recommend.

It writes the site's `mkdocs.yml` (the plugin, with the handbook), a home
page, a first ADR and a first RFC that pass the linter as they are, a
pre-commit configuration and a GitHub Actions workflow. A file that exists
is never overwritten: it is listed as kept, with what to add to it by hand.
"""

from __future__ import annotations

import dataclasses
import json
from importlib import metadata
from pathlib import Path

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
        "mkdocs.yml": (_mkdocs_yml(site_name), "add '- decisions: {handbook: true}' to its plugins"),
        "docs/index.md": (_home(site_name), "link the decision pages from it: adr/, rfc/, timeline/"),
        "adr/0001-record-architecture-decisions.md": (_first_adr(person, today), "the folder has records already"),
        "rfc/0001-propose-changes-in-rfcs.md": (_first_rfc(person, today), "the folder has records already"),
        ".pre-commit-config.yaml": (_pre_commit(), "add the decisions-lint hook from docs/lint.md"),
        ".github/workflows/decisions.yml": (_workflow(install), "add the decisions lint step from docs/lint.md"),
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


def _mkdocs_yml(site_name: str) -> str:
    return (
        f"site_name: {scalar(site_name)}\n"
        "theme:\n"
        "  name: mkdocs\n"
        "plugins:\n"
        "  - search\n"
        "  - decisions:\n"
        "      handbook: true\n"
    )


def _home(site_name: str) -> str:
    return (
        f"# {site_name}\n\n"
        "What we decided, what is still in force, and what replaced what.\n\n"
        "* [Architecture decisions](adr/index.md)\n"
        "* [Requests for comments](rfc/index.md)\n"
        "* [Timeline](timeline.md) and [decisions in force](in-force.md)\n"
        "* [How we write them](handbook/index.md)\n"
    )


def _first_adr(person: str, today: str) -> str:
    return (
        f"---\nstatus: accepted\ndate: {today}\ndeciders: [{scalar(person)}]\n---\n"
        "# Record architecture decisions\n\n"
        "## Context\n\n"
        "Decisions about this system are made in meetings, chats and pull requests, and\n"
        "the reasons are soon lost. Newcomers cannot tell what was settled, why, or what\n"
        "is still in force.\n\n"
        "## Decision\n\n"
        "Each decision that shapes the system is written as a short record in `adr/`,\n"
        "one file per decision, numbered in order. A record is proposed in a pull\n"
        "request, accepted once reviewed, and never rewritten afterwards: a later\n"
        "record supersedes it. `decisions new adr \"Title\"` starts one.\n\n"
        "## Consequences\n\n"
        "The records are checked on every commit and in CI, and published with the\n"
        "documentation, so anyone can see what was decided and what replaced what.\n"
    )


def _first_rfc(person: str, today: str) -> str:
    return (
        f"---\nstatus: accepted\ndate: {today}\nauthors: [{scalar(person)}]\n---\n"
        "# Propose changes in RFCs\n\n"
        "## Summary\n\n"
        "Changes that need discussion before anyone builds them are proposed as\n"
        "requests for comments in `rfc/`.\n\n"
        "## Motivation\n\n"
        "Large changes discussed only in chat leave no record of the options that were\n"
        "weighed, and reach the people they affect too late.\n\n"
        "## Proposal\n\n"
        "An RFC starts as a draft (`decisions new rfc \"Title\"`), goes to review in a\n"
        "pull request, and ends accepted, rejected or withdrawn. The decisions it leads\n"
        "to are recorded as ADRs.\n"
    )


def _pre_commit() -> str:
    return (
        "# decisions lint checks the records a commit touches (and passes when it touches none).\n"
        "repos:\n"
        "  - repo: local\n"
        "    hooks:\n"
        "      - id: decisions-lint\n"
        "        name: decisions lint\n"
        "        entry: decisions lint --records-only\n"
        "        language: system\n"
        "        types: [file]\n"
        "        require_serial: true\n"
    )


def _workflow(install: str) -> str:
    return (
        "name: decisions\n"
        "on: pull_request\n"
        "jobs:\n"
        "  lint:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "        with:\n"
        "          fetch-depth: 0          # --since needs the base branch's history\n"
        "      - uses: actions/setup-python@v5\n"
        "        with:\n"
        '          python-version: "3.12"\n'
        f"      - run: pip install {json.dumps(install)}\n"
        "      - run: decisions lint --format github --since origin/${{ github.base_ref }}\n"
        "      - run: mkdocs build --strict\n"
    )
