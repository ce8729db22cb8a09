"""Kubernetes' KEPs: a folder per proposal (`keps/sig-network/0752-endpointslices/`)
holding `kep.yaml`, its metadata, and `README.md`, its text.

The record is the `kep.yaml` (so every finding points into it), and its
text is the README beside it (`readers.read_record` attaches it). KEPs
refer to one another by path (`/keps/sig-network/0752-endpointslices`,
with or without a leading `/` or a trailing `README.md`): such a path is
the id of the KEP in it. A web address in `see-also` is a related page,
not a record; anything else is kept as written, and the archive rules say
it leads nowhere. The owning SIG is the record's tag, so the index can be
filtered by it, and its owner (the SIG keeps the KEP current).
"""

from __future__ import annotations

import dataclasses
import posixpath
import re

from ..config import KindSettings
from ..ids import IdScheme
from ..model import Field, Position, Record, Where
from . import fields, frontmatter, native

#: a KEP named by its folder: `/keps/sig-x/1234-name`, `keps/sig-x/1234-name/README.md`, or
#: a KEP kept as one file before folders (`/keps/sig-x/0030-name.md`)
_KEP_PATH = re.compile(r"^/?keps/((?:[^/\s]+/)+(\d+)-[^/\s]+?)(\.md|/(?:README\.md|kep\.yaml)?)?$")
#: a web page, as an address or a markdown link to one
_WEB = re.compile(r"[a-z][a-z0-9+.-]*://", re.IGNORECASE)

#: what the fields' names are in the file, for messages about a missing one
WRITTEN_NAMES = {"date": "creation-date", "updated": "last-updated", "id": "kep-number"}


def read(record: Record, text: str, kind: KindSettings, scheme: IdScheme) -> None:
    record.text = text
    parsed = frontmatter.parse(text, 0, first_line=1)
    if parsed.problem:
        record.problems.append(parsed.problem)
    found = fields.without_no_value(native.renamed(parsed.fields, {**kind.field_aliases, "kep-number": "id"}))
    record.fields = found
    record.duplicate_keys = parsed.duplicate_keys
    record.body_start, record.body_line = len(text), text.count("\n") + 1
    pages: list[tuple[str, Where]] = []
    files: dict[Position, tuple[str, str]] = {}  # where a KEP path is written -> the file it names, the path
    for key in native.LINK_FIELDS:
        field = found.get(key)
        if field is not None:
            moved = _to_ids(field, kind, scheme, files)
            pages += moved
            if moved and field.value in (None, []):
                del found[key]  # web pages only: no record left to link to
    if pages and "links" not in found:
        found["links"] = _items_field("links", pages)
    sig = found.get("owning-sig")
    if sig is not None and isinstance(sig.value, str) and "tags" not in found:
        found["tags"] = Field("tags", [sig.value], sig.key_at, sig.value_at, (sig.value_at,), "block")
    if sig is not None and isinstance(sig.value, str) and not {"owner", "owners"} & set(found):
        found["owner"] = Field("owner", sig.value, sig.key_at, sig.value_at)  # the SIG keeps it current
    fields.normalise(record, kind, scheme, native.LINK_FIELDS)
    # a path names a folder, whatever number its kep.yaml gives: the archive resolves it to that record
    folder = posixpath.dirname(record.path)
    record.links = [
        dataclasses.replace(link, written=files[link.position][1], href=posixpath.relpath(files[link.position][0], folder))
        if link.position in files else link
        for link in record.links
    ]


def _to_ids(
    field: Field, kind: KindSettings, scheme: IdScheme, files: dict[Position, tuple[str, str]]
) -> list[tuple[str, Where]]:
    """Turn the KEP paths among a link field's values into ids, in place,
    noting the file each names in `files`; take out the web pages, returned
    with where each was written."""
    pages, kept, kept_at = [], [], []
    for (value, span), where in zip(field.values_and_spans(), field.items_at or (field.value_at,)):
        if isinstance(value, str) and _WEB.search(value):
            pages.append((value.strip(), where))
            continue
        path = _KEP_PATH.match(value.strip()) if isinstance(value, str) else None
        if path is not None:
            ending = ".md" if path.group(3) == ".md" else "/kep.yaml"
            files[span.position] = (kind.path_of(f"{path.group(1)}{ending}"), value.strip())
        kept.append(scheme.canonical(path.group(2), "", kind.name) if path else value)
        kept_at.append(where)
    if isinstance(field.value, list):
        field.value, field.items_at = kept, tuple(kept_at)
    else:
        field.value = kept[0] if kept else None
    return pages


def _items_field(key: str, items: list[tuple[str, Where]]) -> Field:
    first = items[0][1]
    return Field(key, [value for value, _ in items], first, first, tuple(where for _, where in items), "block")
