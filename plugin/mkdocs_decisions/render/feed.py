"""The Atom feed of what changed (`decisions.atom`), valid as RFC 4287.

Its entries are the events of the what-changed page: a record's creation
and each change of its status, read from git. Everything in them comes
from records and commit messages, so every text is escaped and stripped of
the characters XML 1.0 forbids, and every id and link is a valid IRI.
"""

from __future__ import annotations

import datetime
import re
from typing import Any
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

#: characters XML 1.0 does not allow in a document
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: characters (or a `%` that starts no escape) an IRI must have percent-encoded
_NOT_IRI = re.compile(r'[\x00-\x20"<>\\^`{|}\x7f-\x9f]|%(?![0-9A-Fa-f]{2})')
#: what an event with no readable date sorts as
EPOCH = datetime.datetime(1, 1, 1, tzinfo=datetime.timezone.utc)


def instant(date: str) -> datetime.datetime | None:
    """A git date (ISO 8601, `2026-01-10T12:00:00+01:00`) as an aware datetime, or None.

    Events sort by this, not by their text: `12:00+01:00` is before `11:30+00:00`.
    """
    try:
        moment = datetime.datetime.fromisoformat(date.strip().replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.timezone.utc)


def atom(events: list[dict[str, Any]], site_url: str, title: str, author: str, limit: int = 50) -> str:
    """An Atom feed of the latest `limit` events; entry ids are stable (record, event, commit).

    Each entry's authors are its record's (`authors`, else its deciders),
    else `author` (the site's `site_author`, else its name), which is also
    the feed's. An event whose date cannot be read is left out.
    """
    base = site_url if site_url.endswith("/") or not site_url else site_url + "/"
    fallback = _xml_text(author).strip() or _xml_text(title).strip() or "unknown"
    dated = [(event, date) for event in events[:limit] if (date := _rfc3339(event["date"]))]
    updated = max((date for _, date in dated), key=instant, default="1970-01-01T00:00:00+00:00")
    feed_url = _iri(base + "decisions.atom")
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{_text(title)}</title>",
        f"  <id>{_text(feed_url) if base else 'urn:mkdocs-decisions:feed'}</id>",
        f"  <updated>{updated}</updated>",
        *_authors([fallback], "  "),
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(feed_url)}/>',
    ]
    for event, date in dated:
        what = {"new": "new record", "comment": f"open for comment until {event.get('until')}"}.get(
            event["kind"], event["kind"])
        names = [name for name in (_xml_text(n).strip() for n in event.get("authors") or ()) if name]
        entry_id = f"urn:mkdocs-decisions:{_urn(event['id'])}:{_urn(event['kind'])}:{_urn(event['commit'])}"
        lines += [
            "  <entry>",
            f"    <id>{_text(entry_id)}</id>",
            f"    <title>{_text(event['id'])} {_text(what)}: {_text(event['title'])}</title>",
            f"    <updated>{date}</updated>",
            *_authors(names or [fallback], "    "),
            f'    <link rel="alternate" type="text/html" href={quoteattr(_iri(base + event["site_url"]))}/>',
            f"    <summary>{_text(event['subject'])}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def _authors(names: list[str], indent: str) -> list[str]:
    return [f"{indent}<author><name>{_text(name)}</name></author>" for name in names]


def _xml_text(value: str) -> str:
    """`value` without the characters XML 1.0 forbids (C0 controls but tab,
    newline and CR; lone surrogates; U+FFFE and U+FFFF)."""
    return _NOT_XML.sub("", value)


def _text(value: Any) -> str:
    """Element text or an attribute's inside: allowed characters, escaped."""
    return escape(_xml_text(str(value)))


def _urn(part: Any) -> str:
    """One part of an entry's `urn:` id, percent-encoded (a record id may hold spaces or `:`)."""
    return quote(_xml_text(str(part)), safe="!$&'()*+,;=@/~")


def _iri(url: str) -> str:
    """`url` with what an IRI may not hold (spaces, controls, `"<>\\^`{|}`, a stray `%`) percent-encoded."""
    return _NOT_IRI.sub(lambda m: "".join(f"%{byte:02X}" for byte in m[0].encode()), _xml_text(url))


def _rfc3339(date: str) -> str | None:
    """`date` as an RFC 3339 date-time (git's dates already are), or None if it is none."""
    moment = instant(date)
    if moment is None:
        return None
    offset = moment.utcoffset()
    if offset is not None and offset.total_seconds() % 60:  # RFC 3339 offsets are whole minutes
        moment = moment.astimezone(datetime.timezone.utc)
    return moment.isoformat()
