"""Rules across records: ids and supersession links."""

from __future__ import annotations

import difflib
import posixpath

from ..dates import parse_date
from ..ids import file_number, qualified, record_stem
from ..model import (
    FILE_START,
    RELATION_PHRASES,
    RELATIONS,
    SUPERSESSION,
    Fix,
    Link,
    Record,
    Severity,
)
from .fields import has_frontmatter
from .registry import Finding, archive_rule

#: the relations that point one way (a record cannot disagree about `relates_to`)
_DIRECTED = {relation: inverse for relation, inverse in RELATIONS.items() if relation != inverse}


@archive_rule("duplicate-id")
def duplicate_id(archive):
    """Two records have the same id."""
    for record_id, records in archive.duplicates.items():
        first = records[0]
        for record in records[1:]:
            position = record.position_of("id") if "id" in record.fields else FILE_START
            yield Finding(
                record,
                position,
                f"id {record_id} is also used by {first.path}; give this record a free number, "
                f"e.g. {archive.next_free_id(record.kind)}",
            )


@archive_rule("missing-target")
def missing_target(archive):
    """A supersession link names a record that does not exist."""
    for record in archive.records:
        for link in record.links:
            if link.target in archive.by_id or _elsewhere(archive, link):
                continue  # another repository's record: other-repository says so
            if link.href is not None:
                hint = _renamed(archive, link.target) or _closest(archive, record_stem(link.target))
                shown = link.written if record.format == "kep" else link.href  # a KEP's path, as written
                problem = f"'{_written_as(record, link)}' links to {shown}, which is not a record"
                suggestion = f" (did you mean {archive.by_id[hint].path}?)" if hint else ""
            elif archive.scheme.normalise(link.written, record.kind) is None and not qualified(link.target):
                hint = _closest(archive, link.written)
                problem = f"'{link.written}' in '{_written_as(record, link)}' is not a record id"
                suggestion = f" (did you mean {hint}?)" if hint else ""
            else:
                problem = f"'{_written_as(record, link)}' names {link.target}, which does not exist"
                other = _same_number_other_kind(archive, link.target)
                suggestion = f" (did you mean {other}?)" if other else ""
            yield Finding(
                record,
                link.position,
                f"{problem}{suggestion}; link to an existing record by its id",
            )


@archive_rule("other-repository", Severity.INFO)
def other_repository(archive):
    """A link names another repository's record (`platform:ADR-0012`), which only a catalogue can check."""
    for record in archive.records:
        for link in record.links:
            if link.target not in archive.by_id and _elsewhere(archive, link):
                yield Finding(
                    record,
                    link.position,
                    f"'{_written_as(record, link)}' names {link.target}, a record of the repository "
                    f"'{qualified(link.target)[0]}': "
                    "not checked here; a catalogue whose sources include both repositories checks it",
                )


def _written_as(record, link) -> str:
    """The link's relation by the name its record gives it: the frontmatter key as
    written (`related`, `superseded-by`), else ours (a status line has no key)."""
    field = record.fields.get(link.relation)
    return field.key if field is not None else link.relation


def _elsewhere(archive, link) -> bool:
    """The link names a record of a repository this archive does not hold."""
    other = qualified(link.target) if link.href is None else None
    return other is not None and other[0] not in archive.sources


#: MADR and inline records are written by hand, with no tool that writes the
#: other side of a supersession: a missing side there is a warning (docs/formats.md)
@archive_rule("one-sided-link", fixable=True, by_format={"madr": Severity.WARNING, "inline": Severity.WARNING})
def one_sided_link(archive):
    """A supersession link is not mirrored: A supersedes B needs B superseded_by A."""
    for record in archive.records:
        if record.id is None:
            continue
        for link in record.links:
            if link.relation not in SUPERSESSION:
                continue
            target = archive.by_id.get(link.target)
            if target is None or target is record:
                continue
            inverse = RELATIONS[link.relation]
            if any(other.target == record.id and other.relation in _DIRECTED for other in target.links):
                continue  # it names this record back: as the inverse, or otherwise (conflicting-links)
            if target.format != "native" and target.id in archive.mentions.get(record.id, ()):
                continue  # in prose ("we decided to supersede ADR-0011"): a reader sees both sides
            verb = RELATION_PHRASES[link.relation]
            if target.format == "native" and has_frontmatter(target):
                yield Finding(
                    record,
                    link.position,
                    f"{record.id} {verb} {target.id}, but {target.path} does not name {record.id} "
                    f"in '{inverse}'; add it there (decisions lint --fix does)",
                    (Fix(target.path, inverse, "append", record.id),),
                )
                continue
            yield Finding(
                record,
                link.position,
                f"{record.id} {verb} {target.id}, but {target.path} does not say that it "
                f"{RELATION_PHRASES[inverse]} {record.id}; {_how_to_name(record, inverse, target, archive)}",
            )


#: how the processes with presets write the supersession fields
_WRITTEN_RELATIONS = {
    "pep": {"supersedes": "Replaces", "superseded_by": "Superseded-By"},
    "kep": {"supersedes": "replaces", "superseded_by": "superseded-by"},
    "tep": {"supersedes": "replaces", "superseded_by": "superseded-by"},
}


def _how_to_name(record, relation: str, target, archive) -> str:
    """The hint for naming `record` in `target`'s `relation`, as `target`'s format writes it."""
    written = _WRITTEN_RELATIONS.get(target.format, {}).get(relation)
    if target.format == "pep" and record.format == "pep" and written:  # by number: PEP-0008 is 8, PEP-0000 is 0
        return f"add '{written}: {record.id.partition('-')[2].lstrip('0') or '0'}' to its header"
    if target.format == "kep" and written:
        folder = posixpath.dirname(archive.settings.kind(record.kind).inside(record.path))
        return f"add '/keps/{folder}' to its '{written}'"
    if written:
        return f"add '{record.id}' to its '{written}'"
    phrase = RELATION_PHRASES[relation].removeprefix("is ")
    return f"add '{phrase[0].upper()}{phrase[1:]} {record.id}' there"


@archive_rule("supersession-cycle")
def supersession_cycle(archive):
    """Records supersede each other in a circle."""
    for cycle in archive.graph.cycles():
        record = archive.by_id[cycle[0]]
        link = _link_to(record, cycle[1], "supersedes") or _link_to(record, cycle[1], "superseded_by")
        position = link.position if link else FILE_START
        yield Finding(
            record,
            position,
            f"supersession cycle {' -> '.join(cycle)}; a record cannot replace itself, "
            "directly or through others: remove one of these links",
        )


@archive_rule("superseded-without-successor")
def superseded_without_successor(archive):
    """A record marked superseded does not say what replaced it."""
    for record in archive.records:
        superseded = archive.settings.kind(record.kind).superseded_status
        if not superseded or record.status != superseded or record.id is None:
            continue
        if record.targets("superseded_by") or archive.graph.replaced_by.get(record.id):
            continue
        yield Finding(
            record,
            record.position_of("status"),
            f"status is '{superseded}' but no record replaces this one; add "
            "'superseded_by: [<id of the successor>]' or change the status",
        )


@archive_rule("successor-not-accepted", Severity.WARNING)
def successor_not_accepted(archive):
    """A record is marked superseded while its successor is not yet accepted."""
    for record in archive.records:
        superseded = archive.settings.kind(record.kind).superseded_status
        if not superseded or record.status != superseded or record.id is None:
            continue
        for successor_id in sorted(archive.graph.replaced_by.get(record.id, ())):
            successor = archive.by_id[successor_id]
            successor_kind = archive.settings.kind(successor.kind)
            in_force = successor_kind.in_force
            # a successor that was itself superseded later was in force once
            if successor.status in (*in_force, successor_kind.superseded_status, None):
                continue
            link = _link_to(record, successor_id, "superseded_by")
            yield Finding(
                record,
                link.position if link else record.position_of("status"),
                f"superseded by {successor_id}, whose status is '{successor.status}'; "
                f"this record stays in force until {successor_id} is "
                f"{' or '.join(in_force) or 'accepted'}",
            )


@archive_rule("stale-status", fixable=True)
def stale_status(archive):
    """A record replaced by an accepted successor still claims to be in force."""
    for older_id, newer_ids in sorted(archive.graph.replaced_by.items()):
        record = archive.by_id[older_id]
        kind = archive.settings.kind(record.kind)
        if not kind.superseded_status or record.status not in kind.in_force:
            continue
        accepted = [
            newer_id
            for newer_id in sorted(newer_ids)
            if archive.by_id[newer_id].status
            in archive.settings.kind(archive.by_id[newer_id].kind).in_force
        ]
        if not accepted:
            continue
        if has_frontmatter(record) and "status" in record.fields:
            fixes = (Fix(record.path, "status", "replace", kind.superseded_status),)
            hint = f"set 'status: {kind.superseded_status}' (decisions lint --fix does)"
        else:
            fixes, hint = (), f"change its status to '{kind.superseded_status}'"
        yield Finding(
            record,
            record.position_of("status"),
            f"status is '{record.status}' but {', '.join(accepted)} replaced this record; {hint}",
            fixes,
        )


@archive_rule("conflicting-links", Severity.WARNING)
def conflicting_links(archive):
    """Two records disagree about how they relate (one amends, the other says superseded)."""
    for record in archive.records:
        for link in record.links:
            other = archive.by_id.get(link.target)
            if other is None or other is record or link.relation not in _DIRECTED:
                continue
            expected = _DIRECTED[link.relation]
            said = {l.relation for l in other.links if l.target == record.id and l.relation in _DIRECTED}
            if not said or expected in said:
                continue
            # report once per pair, on the record with the smaller id
            if (record.id or "") > (other.id or ""):
                continue
            theirs = sorted(said)[0]
            yield Finding(
                record,
                link.position,
                f"{record.id} says it {RELATION_PHRASES[link.relation]} {other.id}, but {other.path} says it "
                f"{RELATION_PHRASES[theirs]} {record.id}; make both records say the same",
            )


@archive_rule("supersedes-newer", Severity.WARNING)
def supersedes_newer(archive):
    """A record supersedes one dated after it."""
    for newer_id, older_ids in sorted(archive.graph.replaces.items()):
        newer = archive.by_id[newer_id]
        newer_date = parse_date(newer.date) if newer.date else None
        if newer_date is None:
            continue
        for older_id in sorted(older_ids):
            older = archive.by_id[older_id]
            older_date = parse_date(older.date) if older.date else None
            if older_date is None or older_date <= newer_date:
                continue
            link = _link_to(newer, older_id, "supersedes")
            yield Finding(
                newer,
                link.position if link else newer.position_of("date"),
                f"supersedes {older_id}, dated {older.date}, which is later than this "
                f"record's date {newer.date}; a record can only replace an older one, "
                "so check both dates",
            )


# -- helpers -------------------------------------------------------------------


def _link_to(record: Record, target: str, relation: str) -> Link | None:
    for link in record.links:
        if link.target == target and link.relation == relation:
            return link
    return None


def _same_number_other_kind(archive, missing: str) -> str | None:
    """`ADR-0003` is missing but `RFC-0003` exists: the prefix was probably wrong."""
    number = missing.split("-", 1)[-1]
    for kind in archive.settings.kinds:
        candidate = f"{kind.prefix}-{number}"
        if candidate != missing and candidate in archive.by_id:
            return candidate
    return None


def _renamed(archive, path: str) -> str | None:
    """The record now numbered like the missing file, in its folder (a renamed file)."""
    folder, _, name = path.rpartition("/")
    number = file_number(name.rsplit(".", 1)[0])
    if number is None:
        return None
    for record in archive.records:
        if record.id and record.file_number == "".join(number) and record.path.rpartition("/")[0] == folder:
            return record.id
    return None


def _closest(archive, written: str) -> str | None:
    """The id of the record whose file name or slug is closest to `written`
    (for a link written as a name instead of an id)."""
    labels: dict[str, str] = {}
    for record in archive.records:
        if record.id is None:
            continue
        stem = record.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        for label in (record.id, stem, record.slug):
            labels.setdefault(label.lower(), record.id)
    match = difflib.get_close_matches(written.strip().lower(), sorted(labels), n=1, cutoff=0.75)
    return labels[match[0]] if match else None
