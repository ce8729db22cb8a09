"""Rules on how decisions are governed: reviews that are due, comment periods
that are over, approvals a record in force lacks, and owners it must name.

"Today" is the archive's (`Archive.today`): the build date, from
`SOURCE_DATE_EPOCH` when it is set, or `decisions lint --today DATE`, so
that the same records give the same findings on every machine.
"""

from __future__ import annotations

from ..dates import parse_date
from ..governance import review_date
from ..governance import Citation
from ..model import Position, Record, Severity
from .registry import Finding, archive_rule, record_rule


def _ago(days: int) -> str:
    return "1 day ago" if days == 1 else f"{days} days ago"


@record_rule("review-due", severity=Severity.WARNING)
def review_due(record, archive):
    """A record in force has passed its review date (`review_by`, or its kind's `review_after`)."""
    kind = archive.settings.kind(record.kind)
    if record.status not in kind.in_force:
        return
    accepted = archive.accepted.get(record.path)
    due = review_date(record, kind, accepted)
    if due is None or due >= archive.today:
        return
    written = "review_by" in record.fields
    if written:
        reason = ""
    elif accepted is not None:
        reason = f" ({kind.review_after} after it came into force on {accepted.isoformat()}, as git tells)"
    else:
        reason = f" ({kind.review_after} after its date)"
    yield Finding(
        record,
        record.position_of("review_by" if written else "date"),
        f"{record.id} was due for review on {due.isoformat()}, {_ago((archive.today - due).days)}{reason}; "
        "review it, then set a new 'review_by', or supersede or deprecate it",
    )


@record_rule("comment-period-over", severity=Severity.WARNING)
def comment_period_over(record, archive):
    """A proposal is still open after its comment period (`comment_until`) ended."""
    kind = archive.settings.kind(record.kind)
    until = record.value("comment_until")
    ended = parse_date(until) if isinstance(until, str) else None
    if record.status not in kind.proposed or ended is None or ended >= archive.today:
        return
    yield Finding(
        record,
        record.position_of("comment_until"),
        f"the comment period of {record.id} ended on {ended.isoformat()}, {_ago((archive.today - ended).days)}, "
        f"and it is still {record.status}; decide it (accept or reject it), or set a later 'comment_until'",
    )


@record_rule("missing-approvals")
def missing_approvals(record, archive):
    """A record in force has fewer approvals than its kind requires, or approvals by people who may not approve."""
    kind = archive.settings.kind(record.kind)
    field = record.fields.get("approvals")
    counted: set[str] = set()
    if field is not None and isinstance(field.value, list):
        for approval, span in field.values_and_spans():
            by = approval.get("by") if isinstance(approval, dict) else None
            if not isinstance(by, str):
                continue  # the schema rule says what is wrong with it
            if kind.approvers and by not in kind.approvers:
                yield Finding(
                    record, span.position,
                    f"'{by}' may not approve {kind.name} records, so this approval does not count; "
                    f"those who may: {', '.join(kind.approvers)}",
                )
                continue
            counted.add(by)
    if record.status in kind.in_force and len(counted) < kind.required_approvals:
        yield Finding(
            record,
            record.position_of("approvals" if field is not None else "status"),
            f"{record.id} is {record.status} with {len(counted)} of the {kind.required_approvals} approvals "
            f"{kind.name} records need; record each with 'decisions approve {record.id} --as NAME'",
        )


@record_rule("missing-owner")
def missing_owner(record, archive):
    """A record in force names no owner, and its kind requires one (`owner_required`)."""
    kind = archive.settings.kind(record.kind)
    if not kind.owner_required or record.status not in kind.in_force:
        return
    if record.people("owner") or record.people("owners"):
        return
    yield Finding(
        record,
        record.position_of("status"),
        f"{record.id} is {record.status} and names no owner; add 'owner: NAME', the person who keeps it current",
    )


def _citing(citation: Citation, kind: str) -> Record:
    """The file that cites, as the record a finding is told on (its path is the code's)."""
    return Record(path=citation.path, kind=kind, file_number=None, slug="", format="code")


@archive_rule("cites-missing")
def cites_missing(archive):
    """Code cites a record id that no record has."""
    kinds = {kind.prefix: kind.name for kind in archive.settings.kinds}
    for citation in archive.citations:
        if citation.id not in archive.by_id:
            yield Finding(
                _citing(citation, kinds[citation.id.rsplit("-", 1)[0]]),
                Position(citation.line, citation.column),
                f"cites {citation.id}, which no record has; cite the record this code follows "
                "('decisions refs' lists what is cited)",
            )


@archive_rule("cites-superseded", severity=Severity.WARNING)
def cites_superseded(archive):
    """Code cites a record that is superseded, rejected or deprecated: no longer the decision in force."""
    for citation in archive.citations:
        record = archive.by_id.get(citation.id)
        if record is None:
            continue
        kind = archive.settings.kind(record.kind)
        successors = [target for target in record.targets("superseded_by") if target in archive.by_id]
        if successors:
            advice = f"which {', '.join(successors)} superseded; cite {successors[-1]}, the decision in force"
        elif record.status in (kind.superseded_status, "rejected", "deprecated", "withdrawn") and record.status:
            advice = f"which is {record.status}; cite the decision this code follows now"
        else:
            continue
        yield Finding(_citing(citation, record.kind), Position(citation.line, citation.column),
                      f"cites {citation.id}, {advice}")
