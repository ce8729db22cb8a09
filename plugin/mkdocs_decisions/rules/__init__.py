"""The rule registry: every check the linter makes, one small function each.

A rule is a generator. Record rules see one record at a time; archive rules
see the whole archive (ids, links, graph). Each yields `Finding`s; the runner
adds the rule id and severity and turns them into `Diagnostic`s. A finding
may carry the `Fix`es that fix it, applied by `decisions lint --fix`.
"""

from __future__ import annotations

from .registry import (
    REGISTRY, Finding, Result, Rule, archive_rule, check_settings, record_rule, run, select_rules, since_rule,
)

from . import reading, fields, links, governance, since  # noqa: F401  (registers their rules, in this order)

__all__ = [
    "REGISTRY", "Finding", "Result", "Rule", "archive_rule", "check_settings", "record_rule", "run", "select_rules",
    "since_rule",
]
