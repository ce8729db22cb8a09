"""The registry of rules, and the runner that applies them.

`record_rule`, `archive_rule` and `since_rule` register a check under its
id, with its default severity and its docstring's first line as its doc;
`run` applies the chosen rules and turns their findings into diagnostics.
"""


from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Mapping, NamedTuple

from ..config import ConfigError, Settings, did_you_mean
from ..model import Diagnostic, Fix, Position, Record, Severity

if TYPE_CHECKING:
    from ..archive import Archive
    from ..baseline import Baseline


class Finding(NamedTuple):
    record: Record
    position: Position
    message: str
    fixes: tuple[Fix, ...] = ()


#: control characters from record text, shown escaped so that a finding stays
#: one line and a record cannot forge lines of output
_VISIBLE = {code: f"\\x{code:02x}" for code in range(32) if code != 9} | {
    10: "\\n",
    13: "\\r",
    127: "\\x7f",
}


@dataclasses.dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    doc: str
    scope: str  # "record", "archive" or "since"
    check: Callable[..., Iterator[Finding]]
    fixable: bool = False
    #: the severity on records of these formats, where it differs (docs/formats.md says why)
    by_format: Mapping[str, Severity] = dataclasses.field(default_factory=dict)

    def severity_on(self, record: Record, settings: Settings) -> Severity:
        """The kind's choice for this rule, else the default for the record's format."""
        chosen = settings.kind(record.kind).severity.get(self.id)
        if chosen:
            return Severity(chosen)
        return self.by_format.get(record.format or "", self.severity)


REGISTRY: dict[str, Rule] = {}


def _register(
    scope: str, rule_id: str, severity: Severity, fixable: bool, by_format: Mapping[str, Severity] | None = None
) -> Callable:
    def decorator(function: Callable) -> Callable:
        if rule_id in REGISTRY:
            raise ValueError(f"rule {rule_id} registered twice")
        doc = (function.__doc__ or "").strip().splitlines()[0]
        REGISTRY[rule_id] = Rule(rule_id, severity, doc, scope, function, fixable, dict(by_format or {}))
        return function

    return decorator


def record_rule(rule_id: str, severity: Severity = Severity.ERROR, fixable: bool = False):
    """Register a check of one record."""
    return _register("record", rule_id, severity, fixable)


def archive_rule(
    rule_id: str, severity: Severity = Severity.ERROR, fixable: bool = False,
    by_format: Mapping[str, Severity] | None = None,
):
    """Register a check across records; `by_format` lowers or raises its
    severity on records of those formats."""
    return _register("archive", rule_id, severity, fixable, by_format)


def since_rule(rule_id: str, severity: Severity = Severity.ERROR, fixable: bool = False):
    """Register a check of what changed since a base ref; it runs only with a `Baseline`."""
    return _register("since", rule_id, severity, fixable)


def check_settings(settings: Settings) -> None:
    """Raise `ConfigError` for a kind's `severity` that names no rule (the
    configuration cannot know the rules: they are registered here)."""
    for kind in settings.kinds:
        for name in kind.severity:
            if name not in REGISTRY:
                raise ConfigError(
                    f"kinds.{kind.name}.severity: no rule is named {name!r}{did_you_mean(name, list(REGISTRY))}; "
                    "'decisions rules' lists them"
                )


def select_rules(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Rule]:
    """The rules to run; unknown names raise KeyError with the offending name."""
    select, ignore = list(select), list(ignore)
    for name in [*select, *ignore]:
        if name not in REGISTRY:
            raise KeyError(name)
    chosen = select or list(REGISTRY)
    return [REGISTRY[name] for name in chosen if name not in ignore]


@dataclasses.dataclass
class Result:
    """What a lint run found, with the fixes it could make."""

    diagnostics: list[Diagnostic]
    #: each fix with the finding it repairs (the fix may edit another file)
    fixes: list[tuple[Diagnostic, Fix]]

    @property
    def errors(self) -> int:
        return sum(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.severity is Severity.WARNING for d in self.diagnostics)


def run(archive: Archive, rules: list[Rule], baseline: Baseline | None = None) -> Result:
    """Run `rules` over `archive`; the `since` rules compare it with `baseline`, if any."""
    diagnostics: list[Diagnostic] = []
    fixes: list[tuple[Diagnostic, Fix]] = []

    def collect(rule: Rule, findings: Iterator[Finding]) -> None:
        for finding in findings:
            diagnostic = Diagnostic(
                rule.id,
                rule.severity_on(finding.record, archive.settings),
                finding.record.path,
                finding.position.line,
                finding.position.column,
                finding.message.translate(_VISIBLE),
            )
            diagnostics.append(diagnostic)
            fixes.extend((diagnostic, fix) for fix in finding.fixes)

    record_rules = [rule for rule in rules if rule.scope == "record"]
    for record in archive.records:
        for rule in record_rules:
            collect(rule, rule.check(record, archive))
    for rule in rules:
        if rule.scope == "archive":
            collect(rule, rule.check(archive))
        elif rule.scope == "since" and baseline is not None:
            collect(rule, rule.check(archive, baseline))
    diagnostics.sort(key=Diagnostic.sort_key)
    return Result(diagnostics, fixes)

