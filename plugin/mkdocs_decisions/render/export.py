"""The machine-readable archive, published as `decisions.json`.

Version 1 of the document: the kinds (name, prefix, title, statuses and
what they mean) and, in id order, every published record with its status,
dates, people, tags, links both ways and as written, the records that
refer to it, its page, its governance
(owners, review date, comment period, approvals, where the code cites it;
each only when there is one) and, from git, its history.
"""

from __future__ import annotations

import json
from typing import Any

from ..archive import Archive
from ..governance import facts
from ..history import History
from ..ids import sorted_ids
from .pages import PEOPLE_FIELDS


def export(
    archive: Archive, urls: dict[str, str], history: History | None = None, commits: dict[str, str] | None = None
) -> dict[str, Any]:
    """The machine-readable archive, published as `decisions.json`; a
    catalogue's records also say their `repository` and its `commit`
    (`commits`: source name -> commit)."""
    records = []
    cited: dict[str, list[dict[str, Any]]] = {}
    for citation in archive.citations:
        cited.setdefault(citation.id, []).append({"path": citation.path, "line": citation.line})
    for record in archive.ordered():
        if record.path not in urls:
            continue
        past = history.records.get(record.path) if history else None
        if past is not None:
            change = lambda c: {"commit": c.commit, "date": c.date} if c else None  # noqa: E731
            extra = {
                "history": {
                    "created": change(past.created),
                    "updated": change(past.updated),
                    "statuses": [{"status": status, **change(c)} for status, c in past.statuses],
                }
            }
        else:
            extra = {}
        governed = facts(record, archive.settings.kind(record.kind), archive.today, archive.accepted.get(record.path))
        governance = {
            "owners": governed.owners,
            "review_by": governed.review.isoformat() if governed.review else None,
            "comment_until": governed.comment_until.isoformat() if governed.comment_until else None,
            "approvals": [{"by": by, "date": date or None} for by, date in governed.approvals],
            "cited_at": cited.get(record.id or "", []),
        }
        records.append(
            {
                "id": record.id,
                "kind": record.kind,
                "title": record.title,
                "status": record.status,
                "date": record.date,
                "source": record.path,
                "url": urls[record.path],
                **{key: names for key, _ in PEOPLE_FIELDS if (names := record.people(key))},
                "tags": record.people("tags"),
                "supersedes": sorted_ids(archive.graph.replaces.get(record.id or "", ())),
                "superseded_by": sorted_ids(archive.graph.replaced_by.get(record.id or "", ())),
                "referenced_by": archive.mentions.get(record.id or "", []),
                # each link as written (one side only): what a catalogue merging this document checks
                "links": [{"relation": link.relation, "target": link.target} for link in record.links],
                **{key: value for key, value in governance.items() if value},
                **_repository(record.path, commits),
                **extra,
            }
        )
    kinds = [
        {"name": kind.name, "prefix": kind.prefix, "title": kind.title, "statuses": list(kind.statuses),
         "in_force": list(kind.in_force), "proposed": list(kind.proposed), "superseded_status": kind.superseded_status}
        for kind in archive.settings.kinds
    ]
    return {"version": 1, "kinds": kinds, "records": records}


def _repository(path: str, commits: dict[str, str] | None) -> dict[str, str]:
    """A catalogue's record: the source it comes from (the first folder of its path) and its commit."""
    if not commits:
        return {}
    name = path.split("/", 1)[0]
    return {"repository": name, "commit": commits.get(name, "")}


def export_json(document: dict[str, Any]) -> str:
    """`export`'s document as text, a line per record.

    One line per record keeps the file readable and easy to diff; it also
    lets the json module's C encoder do the work, which it does only when
    asked for no indentation (indenting the whole document is many times
    slower on a large archive).
    """
    head = json.dumps({key: value for key, value in document.items() if key != "records"}, ensure_ascii=False)
    records = ",\n".join(json.dumps(record, ensure_ascii=False) for record in document["records"])
    return f'{head[:-1]}, "records": [\n{records}\n]}}\n' if records else f'{head[:-1]}, "records": []}}\n'
