"""HTML for the site: record headers and footers, index tables, the timeline.

Pages are rendered through jinja templates named `decisions/*.html`, looked
up in the environment the caller passes: the plugin passes the theme's
environment with our templates behind it, so a `decisions/index.html` in a
theme's `custom_dir` wins. A record page's header and footer, and the rows
of the index, timeline and in-force lists, are made here with f-strings
instead, for speed (ADR-0014); a theme's own `decisions/record-header.html`
or `record-footer.html` is rendered when there is one. Every value from a
record reaches HTML through a template with autoescaping on, or through
`markupsafe.escape`.

URLs are site-relative (`adr/0003-use-x/`) until `relative_url` turns them
into links relative to the page that shows them.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections import Counter
from typing import Any, Callable

import jinja2
import markupsafe

from ..archive import Archive
from ..config import KindSettings
from ..governance import Citation, Facts, facts
from ..graph import lineage
from ..history import History, RecordHistory
from ..ids import sorted_ids
from ..layout import Layout, layout
from ..model import RELATION_PHRASES, Record
from . import graphs, sanitize
from .urls import relative_url
from .feed import EPOCH, instant

GROUP_TITLES = {
    "in-force": "In force",
    "proposed": "Proposed",
    "replaced": "Superseded and deprecated",
    "rejected": "Rejected and withdrawn",
    "other": "Other",
}

#: banner headlines for records no longer in force
BANNERS = {
    "superseded": "This decision has been superseded.",
    "deprecated": "This decision is deprecated.",
    "rejected": "This proposal was rejected.",
    "withdrawn": "This proposal was withdrawn.",
}

#: the lists of a record's lineage section, in order, with their headings ("Superseded by")
_LINEAGE_HEADINGS = {
    relation: RELATION_PHRASES[relation].removeprefix("is ").capitalize()
    for relation in ("supersedes", "superseded_by", "amends", "amended_by")
}

#: the heading of "Superseded by" when every successor is only proposed
_PROPOSED_SUCCESSORS = "Proposed to be superseded by"

#: citations of one record listed on its page; more are counted, and `decisions refs` lists them all
MOST_CITATIONS_SHOWN = 100

#: fields that hold URLs, shown on the card as links when they are safe
_LINK_FIELDS = (("technical_story", "Technical story"), ("links", "Links"))

PEOPLE_FIELDS = (
    ("deciders", "Deciders"),
    ("decision-makers", "Deciders"),
    ("authors", "Authors"),
    ("reviewers", "Reviewers"),
    ("consulted", "Consulted"),
    ("informed", "Informed"),
)


def _group_titles(kind: KindSettings) -> dict[str, str]:
    """The sections of a kind's index page, in order: name -> title."""
    if not kind.groups:
        return GROUP_TITLES
    return {**{title: title for title in kind.groups}, "other": "Other"}


def _anchors(titles: dict[str, str]) -> list[str]:
    """An anchor for each section: its name, or its title as a slug (`Rejected and withdrawn`)."""
    anchors: list[str] = []
    for name in titles:
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "section"
        anchors.append(slug if slug not in anchors else f"{slug}-{len(anchors)}")
    return anchors


def template_loader() -> jinja2.BaseLoader:
    """Our own templates, to put behind a theme's loader."""
    return jinja2.PackageLoader("mkdocs_decisions", "templates")


def _link(row: Row) -> str:
    """A link to the row's record, shown as `ADR-0003: Title` (escaped)."""
    e = markupsafe.escape
    return f'<a href="{e(row.url)}">{e(row.id)}: {e(row.title)}</a>'


def _record_links(value: Any) -> list[tuple[str | None, str]]:
    """A `links` or `technical_story` value as (href, text) pairs: href is
    None for a URL that is not safe to follow (only http(s), mailto and
    relative URLs are), which is then shown as text."""
    pairs = []
    for item in value if isinstance(value, list) else [value]:
        url, title = (item.get("url"), item.get("title")) if isinstance(item, dict) else (item, None)
        if isinstance(url, str) and url.strip():
            text = title if isinstance(title, str) and title.strip() else url
            pairs.append((sanitize.safe_href(url), text))
    return pairs


@dataclasses.dataclass(slots=True)
class Row:
    """One record as index pages, lists and the JSON export show it."""

    id: str
    sort_id: str
    title: str
    status: str | None
    date: str | None
    tags: list[str]
    url: str
    text: str
    owner: str = ""  # owners, as one text
    review: str = ""  # the review date of a record in force (ISO), "" without one
    comment_until: str = ""  # the end of a proposal's comment period (ISO), "" without one
    state: str = ""  # "due" (for review, soon or past), "open" (for comment) or ""
    source: str = ""  # in a catalogue, the repository it comes from

    def at(self, url: str) -> Row:
        """The same row, linking to `url` (a row is copied for every page that lists it)."""
        return Row(self.id, self.sort_id, self.title, self.status, self.date, self.tags, url, self.text,
                   self.owner, self.review, self.comment_until, self.state, self.source)


class SitePages:
    """Renders the pages of one archive; `urls` maps record paths to page URLs."""

    def __init__(
        self, archive: Archive, urls: dict[str, str], env: jinja2.Environment, history: History | None = None,
        citations: list[Citation] = (), code_link: Callable[[str, int], str | None] = lambda path, line: None,
    ) -> None:
        """`citations` are where the code cites the records; `code_link` gives
        the repository viewer's URL of a file's line, or None (shown as text)."""
        self.archive = archive
        self.urls = urls
        self.env = env
        self.history = history
        #: the viewer's URL of a file's line, when it is safe to follow (a `repo_url` is the site's to write)
        self.code_link = lambda path, line: sanitize.safe_href(code_link(path, line) or "") or None
        #: record id -> where the code cites it
        self._cited: dict[str, list[Citation]] = {}
        for citation in citations:
            self._cited.setdefault(citation.id, []).append(citation)
        #: record path -> its governance on the build's date, made once
        self._facts: dict[str, Facts] = {}
        order = {record_id: position for position, record_id in enumerate(sorted_ids(archive.by_id))}
        self._sort_key = {record_id: f"{position:08d}" for record_id, position in order.items()}
        #: each record's row with its site-relative url, made once
        self._rows_by_path: dict[str, Row] = {}
        #: the site's own record-header.html and record-footer.html, or None for ours
        self._customs: dict[str, jinja2.Template | None] = {}
        #: a supersession chain's ids -> its graph and layout, made for its first record's page
        self._chains: dict[tuple[str, ...], tuple[graphs.GraphView, Layout]] = {}
        #: status -> the badge macro's markup for it
        self._badges: dict[str | None, markupsafe.Markup] = {}
        #: relation -> target id -> ids of the records that name it that way,
        #: made once: a page asks what names its record, the archive need not be walked each time
        self._named_by: dict[str, dict[str, list[str]]] = {"amends": {}, "amended_by": {}}
        for record in archive.records:
            if record.id:
                for link in record.links:
                    if link.relation in self._named_by:
                        self._named_by[link.relation].setdefault(link.target, []).append(record.id)

    def _render(self, name: str, **context: Any) -> str:
        """One of the `decisions/*.html` templates, given `badge` as well.

        `badge` gives the `badge.html` macro's markup for a status, made once
        per status: calling the macro for each row of a large index was half
        of the page's time. A template that imports the macro itself still
        works.
        """
        return self.env.get_template(f"decisions/{name}").render(badge=self._badge, **context)

    def _badge(self, status: str | None) -> markupsafe.Markup:
        markup = self._badges.get(status)
        if markup is None:
            macro = self.env.get_template("decisions/badge.html").module.badge
            markup = self._badges[status] = markupsafe.Markup(macro(status))  # the macro escapes the status
        return markup

    def _custom(self, name: str) -> jinja2.Template | None:
        """The theme's `decisions/<name>`, when a site brings its own (looked up once)."""
        if name not in self._customs:
            try:
                self._customs[name] = self.env.get_template(f"decisions/{name}")
            except jinja2.TemplateNotFound:
                self._customs[name] = None
        return self._customs[name]

    def _listing(self, rows: list[Row]) -> str:
        """A `<ul>` of links to the rows' records, with their badges."""
        items = "".join(f"\n  <li>{_link(row)} {self._badge(row.status)}</li>" for row in rows)
        return f"<ul>{items}\n</ul>"

    def governance(self, record: Record) -> Facts:
        """The record's owners, review date, comment period and approvals, on the build's date."""
        found = self._facts.get(record.path)
        if found is None:
            kind = self.archive.settings.kind(record.kind)
            found = self._facts[record.path] = facts(
                record, kind, self.archive.today, self.archive.accepted.get(record.path))
        return found

    def _row(self, record: Record, page_url: str) -> Row:
        row = self._rows_by_path.get(record.path)
        if row is None:
            people = [name for key, _ in PEOPLE_FIELDS for name in record.people(key)]
            tags = record.people("tags")
            governed = self.governance(record)
            row = self._rows_by_path[record.path] = Row(
                id=record.id or record.path,
                sort_id=self._sort_key.get(record.id or "", record.path),
                title=record.title or record.slug,
                status=record.status,
                date=record.date,
                tags=tags,
                url=self.urls[record.path],
                text=" ".join([record.id or "", record.title, *people, *governed.owners, *tags]).lower(),
                owner=", ".join(governed.owners),
                review=governed.review.isoformat() if governed.review else "",
                comment_until=governed.comment_until.isoformat() if governed.comment_until else "",
                state="due" if governed.due else "open" if governed.open else "",
                source=record.path.split("/", 1)[0] if self.archive.sources else "",
            )
        return row.at(relative_url(row.url, page_url))

    def _rows(self, ids: list[str], page_url: str) -> list[Row]:
        if not ids:  # most lists on a record page are empty
            return []
        records = [self.archive.by_id[i] for i in sorted_ids(ids) if i in self.archive.by_id]
        return [self._row(r, page_url) for r in records if r.path in self.urls]

    def record_header(self, record: Record, page_url: str, card: bool = True) -> str:
        """The banner (for a record no longer in force) and, with `card`, the metadata card."""
        banner = None
        if record.status in BANNERS:
            successors = self._rows(list(self.archive.graph.replaced_by.get(record.id or "", ())), page_url)
            banner = {"headline": BANNERS[record.status], "successors": successors}
        people = []
        for key, label in PEOPLE_FIELDS:
            names = record.people(key)
            if names:
                people.append((label, names))
        tags = record.people("tags")
        links = []
        for key, label in _LINK_FIELDS:
            pairs = _record_links(record.value(key)) if key in record.fields else []
            if pairs:
                links.append((label, pairs))
        history = self._history(record)
        governed = self.governance(record)
        custom = self._custom("record-header.html")
        if custom is not None:
            return custom.render(
                badge=self._badge, record=record, banner=banner, people=people, tags=tags, links=links,
                history=history, card=card, governance=governed,
            )
        e = markupsafe.escape
        html = []
        if banner is not None:
            html.append(
                f'\n<div class="decisions-banner decisions-banner-{e(record.status)}" role="note">'
                f"\n  <strong>{e(banner['headline'])}</strong>"
            )
            if banner["successors"]:
                html.append(f" Superseded by {', '.join(map(_link, banner['successors']))}.")
            html.append("\n</div>")
        if not card:
            return "".join(html)
        html.append(
            '\n<dl class="decisions-card" aria-label="Record metadata">'
            f"\n  <div><dt>Id</dt><dd>{e(record.id or 'none')}</dd></div>"
            f"\n  <div><dt>Status</dt><dd>{self._badge(record.status)}</dd></div>"
        )
        if record.date:
            html.append(f'<div><dt>Date</dt><dd><time datetime="{e(record.date)}">{e(record.date)}</time></dd></div>')
        if history and history.updated:
            changed = history.updated.date
            html.append(
                f'<div><dt>Last changed</dt><dd><time datetime="{e(changed)}">{e(changed[:10])}</time></dd></div>'
            )
        for label, names in people:
            html.append(f"\n  <div><dt>{e(label)}</dt><dd>{e(', '.join(names))}</dd></div>")
        html.append(_governance_card(governed))
        if tags:
            spans = "".join(f'<span class="decisions-tag">{e(tag)}</span>' for tag in tags)
            html.append(f"<div><dt>Tags</dt><dd>{spans}</dd></div>")
        for label, pairs in links:
            items = ", ".join(
                f'<a href="{e(href)}">{e(text)}</a>' if href else f"<span>{e(text)}</span>" for href, text in pairs
            )
            html.append(f"\n  <div><dt>{e(label)}</dt><dd>{items}</dd></div>")
        html.append("\n</dl>")
        return "".join(html)

    def _citations(self, record: Record) -> str:
        """The "Cited in code" section: each file and line, linked to the
        repository's viewer when the site says where that is."""
        cited = self._cited.get(record.id or "", [])
        if not cited:
            return ""
        e = markupsafe.escape
        items = []
        for citation in cited[:MOST_CITATIONS_SHOWN]:
            place = f"<code>{e(citation.path)}:{citation.line}</code>"
            href = self.code_link(citation.path, citation.line)
            items.append(f'\n    <li><a href="{e(href)}">{place}</a></li>' if href else f"\n    <li>{place}</li>")
        more = len(cited) - MOST_CITATIONS_SHOWN
        if more > 0:
            items.append(f"\n    <li>and {more} more: <code>decisions refs {e(record.id)}</code> lists them all</li>")
        return (
            '\n<section class="decisions-citations" aria-labelledby="decisions-citations">'
            '\n  <h2 id="decisions-citations">Cited in code</h2>'
            f"\n  <ul>{''.join(items)}\n  </ul>\n</section>"
        )

    def _amendments(self, record: Record, relation: str, inverse: str) -> list[str]:
        """Ids linked to `record` by `relation`, said on either side (an
        amendment keeps the amended record in force, so both show it)."""
        said_here = record.targets(relation)
        said_there = self._named_by[inverse].get(record.id or "", [])
        return list(dict.fromkeys(i for i in [*said_here, *said_there] if i in self.archive.by_id))

    def _proposed(self, row: Row) -> bool:
        """The row's record is only proposed, in its kind's lifecycle."""
        record = self.archive.by_id.get(row.id)
        return record is not None and record.status in self.archive.settings.kind(record.kind).proposed

    def _history(self, record: Record) -> RecordHistory | None:
        return self.history.records.get(record.path) if self.history else None

    def record_footer(self, record: Record, page_url: str, lineage_svg: str = "") -> str:
        """Lineage (drawing and lists), status history and backlinks."""
        record_id = record.id or ""
        graph = self.archive.graph
        lists = {
            "supersedes": self._rows(list(graph.replaces.get(record_id, ())), page_url),
            "superseded_by": self._rows(list(graph.replaced_by.get(record_id, ())), page_url),
            "amends": self._rows(self._amendments(record, "amends", "amended_by"), page_url),
            "amended_by": self._rows(self._amendments(record, "amended_by", "amends"), page_url),
        }
        # after `decisions new --supersedes`, until the successor is accepted
        only_proposed = bool(lists["superseded_by"]) and all(map(self._proposed, lists["superseded_by"]))
        backlinks = self._rows(self.archive.mentions.get(record_id, []), page_url)
        history = self._history(record)
        cited = self._cited.get(record_id, [])
        custom = self._custom("record-footer.html")
        if custom is not None:
            return custom.render(
                badge=self._badge, record=record, lineage_svg=lineage_svg, history=history, backlinks=backlinks,
                superseded_by_proposed=only_proposed, citations=cited[:MOST_CITATIONS_SHOWN],
                more_citations=max(0, len(cited) - MOST_CITATIONS_SHOWN), code_link=self.code_link, **lists,
            )
        e = markupsafe.escape
        html = []
        if lineage_svg or any(lists.values()):
            html.append(
                '\n<section class="decisions-lineage" aria-labelledby="decisions-lineage">'
                '\n  <h2 id="decisions-lineage">Lineage</h2>'
            )
            html.append(lineage_svg)
            for name, rows in lists.items():
                if rows:
                    heading = _PROPOSED_SUCCESSORS if name == "superseded_by" and only_proposed else _LINEAGE_HEADINGS[name]
                    html.append(f"<h3>{heading}</h3>{self._listing(rows)}")
            html.append("\n</section>")
        if history and history.statuses:
            html.append(
                '\n<section class="decisions-history" aria-labelledby="decisions-history">'
                '\n  <h2 id="decisions-history">Status history</h2>'
                "\n  <ol>"
            )
            for status, change in history.statuses:
                html.append(
                    f'\n    <li><time datetime="{e(change.date)}">{e(change.date[:10])}</time> {e(status)} '
                    f'<span class="decisions-commit" title="{e(change.subject)}">{e(change.commit[:10])}</span></li>'
                )
            html.append("\n  </ol>\n</section>")
        if backlinks:
            html.append(
                '\n<section class="decisions-backlinks" aria-labelledby="decisions-backlinks">'
                '\n  <h2 id="decisions-backlinks">Referenced by</h2>'
                f"\n  {self._listing(backlinks)}"
                "\n</section>"
            )
        html.append(self._citations(record))
        return "".join(html)

    def index(self, kind_name: str | None, page_url: str) -> str:
        """A kind's index page; with no kind, every record's (a catalogue's
        page of all its sources), each grouped as its own kind groups it."""
        settings = self.archive.settings
        kind = settings.kind(kind_name) if kind_name else None
        records = [r for r in self.archive.ordered(kind_name) if r.path in self.urls]
        titles = _group_titles(kind) if kind else GROUP_TITLES
        section = {status: title for title, statuses in kind.groups.items() for status in statuses} if kind else {}
        grouped: dict[str, list[Row]] = {name: [] for name in titles}
        for record in records:
            own = kind or settings.kind(record.kind)
            name = section.get(record.status or "", "other") if kind and kind.groups else own.group(record.status)
            grouped[name].append(self._row(record, page_url))
        counts = Counter(record.status or "unknown" for record in records)
        statuses = kind.statuses if kind else [s for each in settings.kinds for s in each.statuses]
        status_order = [*dict.fromkeys(statuses), "unknown"]
        every = [row for rows in grouped.values() for row in rows]
        columns = {"owner": any(row.owner for row in every), "review": any(row.review for row in every),
                   "source": kind is None and any(row.source for row in every)}
        groups = [
            {"anchor": anchor, "title": titles[name], "rows": rows, "rows_html": self._table_rows(rows, columns)}
            for anchor, (name, rows) in zip(_anchors(titles), grouped.items())
            if rows
        ]
        open_rows = sorted((row for row in every if row.state == "open"), key=lambda row: (row.comment_until, row.sort_id))
        return self._render(
            "index.html",
            kind=kind,
            total=len(records),
            counts=[(status, counts[status]) for status in status_order if counts[status]],
            all_tags=sorted({tag for record in records for tag in record.people("tags")}),
            groups=groups,
            columns=columns,
            states={state for row in every if (state := row.state)},
            open_rows=open_rows,
            open_html=self._dated_items(open_rows, "open"),
            all_sources=sorted({row.source for row in every if row.source}) if columns["source"] else [],
        )

    def sources(self, commits: dict[str, str], index_urls: dict[str, str | None], page_url: str) -> str:
        """A catalogue's sources, one row each: its records, what is in force
        and proposed, and its governance rolled up (open for comment, due
        for review, in force without an owner, its owners), with links to
        its indexes and the commit it was read at."""
        settings = self.archive.settings
        rows = {name: {"name": name, "commit": commit[:12], "records": 0, "in_force": 0, "proposed": 0, "open": 0,
                       "due": 0, "overdue": 0, "unowned": 0, "owners": set(), "indexes": []}
                for name, commit in sorted(commits.items())}
        for kind in settings.kinds:
            source, _, own = kind.name.partition(":")
            url = index_urls.get(kind.name)
            if source in rows and url is not None:
                rows[source]["indexes"].append((kind.title.removesuffix(f" ({source})"), relative_url(url, page_url)))
        for record in self.archive.records:
            row = rows.get(record.path.split("/", 1)[0])
            if row is None or record.path not in self.urls:
                continue
            kind = settings.kind(record.kind)
            governed = self.governance(record)
            row["records"] += 1
            row["in_force"] += record.status in kind.in_force
            row["proposed"] += record.status in kind.proposed
            row["open"] += governed.open
            row["due"] += governed.due
            row["overdue"] += governed.overdue
            row["unowned"] += record.status in kind.in_force and not governed.owners
            row["owners"].update(governed.owners)
        for row in rows.values():
            row["owners"] = sorted(row["owners"], key=str.lower)
        return self._render("sources.html", sources=list(rows.values()))

    def timeline(self, page_url: str) -> str:
        records = [r for r in self.archive.ordered() if r.path in self.urls]
        dated = sorted(
            (r for r in records if r.date),
            key=lambda r: (r.date or "", self._sort_key.get(r.id or "", "")),
            reverse=True,
        )
        years: dict[str, list[Row]] = {}
        for record in dated:
            years.setdefault((record.date or "")[:4], []).append(self._row(record, page_url))
        undated = [self._row(r, page_url) for r in records if not r.date]
        statuses = {}  # site url -> "proposed 2026-01-05, accepted 2026-02-10", from git
        for record in records:
            past = self._history(record)
            if past and past.statuses:
                line = ", ".join(f"{status} {change.date[:10]}" for status, change in past.statuses)
                statuses[relative_url(self.urls[record.path], page_url)] = line
        return self._render(
            "timeline.html",
            years=list(years.items()),
            years_html={year: self._timeline_items(rows, statuses) for year, rows in years.items()},
            undated=undated,
            undated_html=self._timeline_items(undated, {}),
            statuses=statuses,
        )

    # The rows of the index and timeline tables are made here, not by a loop
    # in their templates: a large archive has tens of thousands of them, and
    # a jinja loop is several times slower per row (ADR-0014). Templates get
    # both the rows and their markup; every value is escaped, as
    # autoescaping would.

    def _table_rows(self, rows: list[Row], columns: dict[str, bool]) -> markupsafe.Markup:
        """`<tr>`s of an index table: data for the filters, then the cells
        (owner and review date only in `columns`, when some record has them)."""
        e = markupsafe.escape
        html = []
        for row in rows:
            tags = "".join(f'<span class="decisions-tag">{e(tag)}</span>' for tag in row.tags)
            tag_lines = "\n".join(row.tags)  # what the filter splits
            html.append(
                f'\n    <tr data-status="{e(row.status or "unknown")}" data-tags="{e(tag_lines)}"'
                f' data-id="{e(row.sort_id)}" data-date="{e(row.date or "")}" data-text="{e(row.text)}"'
                f' data-review="{e(row.review)}" data-state="{e(row.state)}" data-source="{e(row.source)}"'
                f' data-owner="{e(row.owner)}">'
                f"\n      <td>{e(row.id)}</td>"
                f'\n      <td><a href="{e(row.url)}">{e(row.title)}</a></td>'
                f"\n      <td>{self._badge(row.status)}</td>"
                f'\n      <td>{e(row.date or "")}</td>'
            )
            if columns["source"]:
                html.append(f"\n      <td>{e(row.source)}</td>")
            if columns["owner"]:
                html.append(f"\n      <td>{e(row.owner)}</td>")
            if columns["review"]:
                due = ' <span class="decisions-due">due</span>' if row.state == "due" else ""
                html.append(f"\n      <td>{e(row.review)}{due}</td>")
            html.append(f"\n      <td>{tags}</td>\n    </tr>")
        return markupsafe.Markup("".join(html))

    def _dated_items(self, rows: list[Row], state: str) -> markupsafe.Markup:
        """`<li>`s of the "Open for comment" (`open`) or "Due for review" (`due`)
        list: link, badge, the date and how far it is from the build's date."""
        e = markupsafe.escape
        today = self.archive.today
        html = []
        for row in rows:
            date = row.comment_until if state == "open" else row.review
            days = (datetime.date.fromisoformat(date) - today).days
            if state == "open":
                said = f"comments until <time datetime=\"{e(date)}\">{e(date)}</time> ({_days_left(days)})"
            else:
                said = f"review by <time datetime=\"{e(date)}\">{e(date)}</time> ({_review_in(days)})"
            html.append(f"\n  <li>{_link(row)} {self._badge(row.status)} {said}</li>")
        return markupsafe.Markup("".join(html))

    def _timeline_items(self, rows: list[Row], statuses: dict[str, str]) -> markupsafe.Markup:
        """`<li>`s of a timeline list: date, link, badge and, from git, the status history."""
        e = markupsafe.escape
        html = []
        for row in rows:
            date = f'<time datetime="{e(row.date)}">{e(row.date)}</time> ' if row.date else ""
            past = statuses.get(row.url)
            history = f' <span class="decisions-status-history">({e(past)})</span>' if past else ""
            html.append(f"\n  <li>{date}{_link(row)} {self._badge(row.status)}{history}</li>")
        return markupsafe.Markup("".join(html))

    def _in_force_items(self, rows: list[tuple[Row, list[Row]]]) -> markupsafe.Markup:
        """`<li>`s of the in-force list: link, badge and what amends the record."""
        e = markupsafe.escape
        html = []
        for row, amendments in rows:
            amended = ""
            if amendments:
                links = ",".join(f' <a href="{e(other.url)}">{e(other.id)}</a>' for other in amendments)
                amended = f' <span class="decisions-amended">amended by{links}</span>'
            html.append(f"\n  <li>{_link(row)} {self._badge(row.status)}{amended}</li>")
        return markupsafe.Markup("".join(html))

    def in_force(self, page_url: str) -> str:
        """Records in force that no record in force replaced, with their amendments."""
        graph = self.archive.graph
        rows = []
        for record in self.archive.ordered():
            kind = self.archive.settings.kind(record.kind)
            if record.path not in self.urls or record.status not in kind.in_force or record.id is None:
                continue
            replaced = any(
                self.archive.by_id[newer].status in self.archive.settings.kind(self.archive.by_id[newer].kind).in_force
                for newer in graph.replaced_by.get(record.id, ())
            )
            if replaced:
                continue
            amendments = sorted_ids(self._named_by["amends"].get(record.id, [])) + [
                i for i in record.targets("amended_by") if i in self.archive.by_id
            ]
            rows.append((self._row(record, page_url), self._rows(list(dict.fromkeys(amendments)), page_url)))
        due = sorted((row for row, _ in rows if row.state == "due"), key=lambda row: (row.review, row.sort_id))
        return self._render("in-force.html", rows=rows, rows_html=self._in_force_items(rows),
                            due=due, due_html=self._dated_items(due, "due"))

    def changes(self, page_url: str, feed_url: str) -> str:
        """New records and status changes from git, newest first."""
        return self._render(
            "changes.html",
            events=change_events(self.archive, self.urls, self.history, page_url),
            feed=relative_url(feed_url, page_url),
            notice=self.history.notice if self.history else "no git history: nothing to show",
        )

    def graph(self, page_url: str) -> str:
        """The whole archive's supersession graph, with a note on what is left out."""
        view = graphs.view(self.archive, self.urls)
        drawing = graphs.svg(view, title="Supersession graph of all records", page_url=page_url)
        return self._render(
            "graph.html",
            svg=drawing,
            records=len(view.nodes),
            links=len(view.edges),
            isolated=len(view.isolated),
            drawn_isolated=len(view.isolated) <= graphs.MAX_ISOLATED_DRAWN,
        )

    def lineage(self, record: Record, page_url: str) -> str:
        """The record's whole supersession chain, or nothing if it has none."""
        if record.id is None or not (
            self.archive.graph.replaces.get(record.id) or self.archive.graph.replaced_by.get(record.id)
        ):
            return ""
        chain = tuple(lineage(self.archive.graph, record.id))
        drawn = self._chains.get(chain)
        if drawn is None:  # the first of the chain's records: the others draw the same
            view = graphs.view(self.archive, self.urls, focus=record.id)
            drawn = self._chains[chain] = (view, layout(list(view.nodes), view.edges))
        view, placed = drawn
        return graphs.svg(
            view,
            title=f"Lineage of {record.id}",
            page_url=page_url,
            highlight=record.id,
            id_prefix="decisions-lineage-graph",
            draw_isolated=True,
            placed=placed,
        )


def _days_left(days: int) -> str:
    return "last day" if days == 0 else "1 day left" if days == 1 else f"{days} days left"


def _review_in(days: int) -> str:
    if days == 0:
        return "due today"
    if days < 0:
        return f"overdue by {-days} day{'s' if days < -1 else ''}"
    return f"due in {days} day{'s' if days > 1 else ''}"


def _governance_card(governed: Facts) -> str:
    """The card's entries for a record's owners, review date, comment period and approvals."""
    e = markupsafe.escape
    html = []
    if governed.owners:
        label = "Owners" if len(governed.owners) > 1 else "Owner"
        html.append(f"\n  <div><dt>{label}</dt><dd>{e(', '.join(governed.owners))}</dd></div>")
    if governed.review:
        date = governed.review.isoformat()
        overdue = ' <span class="decisions-overdue">overdue</span>' if governed.overdue else ""
        html.append(f'\n  <div><dt>Review by</dt><dd><time datetime="{date}">{date}</time>{overdue}</dd></div>')
    if governed.comment_until:
        date = governed.comment_until.isoformat()
        state = _days_left(governed.days_left) if governed.open else "closed"
        html.append(f'\n  <div><dt>Comments until</dt><dd><time datetime="{date}">{date}</time> ({state})</dd></div>')
    if governed.approvals:
        approvals = ", ".join(f"{e(by)} ({e(date)})" if date else f"{e(by)}" for by, date in governed.approvals)
        html.append(f"\n  <div><dt>Approved by</dt><dd>{approvals}</dd></div>")
    return "".join(html)


def change_events(
    archive: Archive, urls: dict[str, str], history: History | None, page_url: str = ""
) -> list[dict[str, Any]]:
    """New records, status changes and comment periods opened (kind
    "comment", open `until` a date) from git, newest first, as the
    what-changed page and the feed show them; `authors` are the record's
    authors, else its deciders (for the feed)."""
    found: list[dict[str, Any]] = []
    if history is None:
        return found
    for record in archive.records:
        past = history.records.get(record.path)
        if past is None or record.path not in urls or past.created is None:
            continue
        authors = record.people("authors") or record.people("deciders") + record.people("decision-makers")
        happenings = [("new", past.created)] + [
            (status, change) for status, change in past.statuses if change.commit != past.created.commit
        ]
        kind = archive.settings.kind(record.kind)
        for event, change in happenings:
            found.append(
                {
                    "kind": "new" if event == "new" else kind.canonical_status(event) or event,
                    "date": change.date,
                    "commit": change.commit,
                    "subject": change.subject,
                    "id": record.id or record.path,
                    "title": record.title or record.slug,
                    "url": relative_url(urls[record.path], page_url),
                    "site_url": urls[record.path],
                    "authors": authors,
                }
            )
        for until, change in past.comment_periods:  # a comment period opened (or moved)
            found.append(
                {
                    "kind": "comment", "until": until, "date": change.date, "commit": change.commit,
                    "subject": change.subject, "id": record.id or record.path, "title": record.title or record.slug,
                    "url": relative_url(urls[record.path], page_url), "site_url": urls[record.path],
                    "authors": authors,
                }
            )
    return sorted(found, key=lambda e: (instant(e["date"]) or EPOCH, e["id"], e["kind"]), reverse=True)
