"""The RFC processes of big projects, each a kind's defaults in one word.

`kinds: {pep: {directory: peps, preset: pep}}` reads Python's PEPs as
python/peps keeps them, with PEP 1's own statuses on the site; `kep` reads
Kubernetes' KEPs (a `kep.yaml` in each `NNNN-name/` folder, its proposal
in the `README.md` beside it), `tep` Tekton's TEPs (YAML frontmatter). A
preset only supplies defaults: anything the kind also sets wins.

Each process keeps its own vocabulary, written down in its founding
document (PEP 1, KEP-0000's template, TEP-0001); `groups` orders the index
page the way the process's own index does (PEP 0: open, accepted, finished,
then deferred, replaced and abandoned ones).
"""

from __future__ import annotations

from typing import Any

PRESETS: dict[str, dict[str, Any]] = {
    "pep": {
        "directory": "peps",
        "format": "pep",
        "extensions": [".rst", ".txt"],
        "files": "pep-[0-9]*",
        "prefix": "PEP",
        "title": "Python Enhancement Proposals",
        "statuses": ["draft", "active", "accepted", "provisional", "deferred", "rejected", "withdrawn", "final",
                     "superseded", "april fool!"],
        "aliases": {"replaced": "superseded"},
        "schema": "rfc",
        "in_force": ["active", "accepted", "provisional", "final"],
        "proposed": ["draft"],
        "superseded_status": "superseded",
        "transitions": {
            "draft": ["accepted", "provisional", "active", "deferred", "rejected", "withdrawn"],
            "deferred": ["draft"],
            "provisional": ["final", "rejected", "withdrawn"],
            "accepted": ["final", "rejected", "withdrawn"],
            "active": ["superseded", "withdrawn"],
            "final": ["superseded"],
        },
        "groups": {
            "Open": ["draft"],
            "Provisional": ["provisional"],
            "Accepted": ["accepted"],
            "Active": ["active"],
            "Finished": ["final"],
            "Deferred": ["deferred"],
            "Superseded": ["superseded"],
            "Abandoned, withdrawn and rejected": ["withdrawn", "rejected"],
        },
    },
    "kep": {
        "directory": "keps",
        "format": "kep",
        "extensions": [".yaml"],
        "files": "kep.yaml",
        "prefix": "KEP",
        "title": "Kubernetes Enhancement Proposals",
        "statuses": ["provisional", "implementable", "implemented", "deferred", "rejected", "withdrawn", "replaced"],
        "aliases": {},
        "schema": "rfc",
        "in_force": ["implementable", "implemented"],
        "proposed": ["provisional"],
        "superseded_status": "replaced",
        "transitions": {
            "provisional": ["implementable", "deferred", "rejected", "withdrawn"],
            "implementable": ["implemented", "deferred", "withdrawn", "replaced"],
            "deferred": ["provisional", "implementable", "withdrawn"],
            "implemented": ["replaced"],
        },
        "groups": {
            "Provisional": ["provisional"],
            "Implementable": ["implementable"],
            "Implemented": ["implemented"],
            "Deferred": ["deferred"],
            "Replaced": ["replaced"],
            "Rejected and withdrawn": ["rejected", "withdrawn"],
        },
    },
    "tep": {
        "directory": "teps",
        "format": "tep",
        "extensions": [".md"],
        "files": "[0-9]*",
        "prefix": "TEP",
        "title": "Tekton Enhancement Proposals",
        "statuses": ["proposed", "implementable", "implemented", "deferred", "withdrawn", "replaced"],
        "aliases": {},
        "schema": "rfc",
        "in_force": ["implementable", "implemented"],
        "proposed": ["proposed"],
        "superseded_status": "replaced",
        "transitions": {
            "proposed": ["implementable", "deferred", "withdrawn"],
            "implementable": ["implemented", "deferred", "withdrawn", "replaced"],
            "deferred": ["proposed", "implementable", "withdrawn"],
            "implemented": ["replaced"],
        },
        "groups": {
            "Proposed": ["proposed"],
            "Implementable": ["implementable"],
            "Implemented": ["implemented"],
            "Deferred": ["deferred"],
            "Replaced": ["replaced"],
            "Withdrawn": ["withdrawn"],
        },
    },
}

#: the field names the processes write for ours, read in every preset's kind
FIELD_ALIASES = {"see-also": "relates_to"}
