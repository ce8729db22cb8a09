"""Reporters: the same diagnostics as text, JSON, GitHub workflow commands or SARIF.

Reporters only format; they never decide what is wrong (rules do) or what the
exit code is (the CLI does).
"""

from __future__ import annotations

import json
from urllib.parse import quote
from typing import Callable

from .. import __version__
from ..model import Diagnostic, Severity
from ..rules import REGISTRY


def text(diagnostics: list[Diagnostic], summary: dict[str, int]) -> str:
    """`path:line:column: severity rule: message`, one per line."""
    return "".join(
        f"{d.path}:{d.line}:{d.column}: {d.severity.value} {d.rule}: {d.message}\n"
        for d in diagnostics
    )


def as_json(diagnostics: list[Diagnostic], summary: dict[str, int]) -> str:
    document = {"diagnostics": [d.as_dict() for d in diagnostics], "summary": summary}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def github(diagnostics: list[Diagnostic], summary: dict[str, int]) -> str:
    """GitHub Actions workflow commands, which annotate the pull request's files."""
    lines = []
    for d in diagnostics:
        properties = ",".join(
            f"{name}={_escape_property(str(value))}"
            for name, value in (
                ("file", d.path),
                ("line", d.line),
                ("col", d.column),
                ("title", f"decisions {d.rule}"),
            )
        )
        command = "notice" if d.severity is Severity.INFO else d.severity.value  # GitHub's word for info
        lines.append(f"::{command} {properties}::{_escape_data(d.message)}\n")
    return "".join(lines)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


#: SARIF's levels are error, warning and note
_SARIF_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def sarif(diagnostics: list[Diagnostic], summary: dict[str, int]) -> str:
    """SARIF 2.1.0, for code-scanning dashboards."""
    rule_ids = sorted(REGISTRY)
    index = {rule_id: position for position, rule_id in enumerate(rule_ids)}
    rules = [
        {
            "id": rule_id,
            "name": rule_id,
            "shortDescription": {"text": REGISTRY[rule_id].doc},
            "defaultConfiguration": {"level": _SARIF_LEVELS[REGISTRY[rule_id].severity]},
        }
        for rule_id in rule_ids
    ]
    results = [
        {
            "ruleId": d.rule,
            "ruleIndex": index[d.rule],
            "level": _SARIF_LEVELS[d.severity],
            "message": {"text": d.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": quote(d.path), "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": d.line, "startColumn": d.column},
                    }
                }
            ],
        }
        for d in diagnostics
    ]
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mkdocs-decisions",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "results": results,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


FORMATS: dict[str, Callable[[list[Diagnostic], dict[str, int]], str]] = {
    "text": text,
    "json": as_json,
    "github": github,
    "sarif": sarif,
}
