"""The `decisions` command.

Every command exits as the linters people already script against do, one
table for all (docs/lint.md, "Exit codes"): 0 done (for `lint`: no error,
warnings allowed), 1 refused or findings (an error found, a change the
lifecycle or the record's errors forbid, a file that changed meanwhile),
2 could not run (bad usage or configuration, a path or id that does not
exist).
"""

from __future__ import annotations

import datetime
import gc
import json
import os
import sys
from pathlib import Path
from typing import NoReturn

import click

from . import __version__, governance, handbook, history
from . import generate as generating
from .archive import Archive, build_date, discover, skipped_because
from .catalogue import Catalogue
from .authoring import AuthoringError, UsageError, write
from .authoring import fix as fixing
from .authoring.approve import approve
from .authoring import migrate as migration
from .authoring.renumber import renumber as move
from .authoring.status import change_status as apply_change
from .config import ConfigError, Settings, did_you_mean, find_config_file, is_git_url, load_settings
from .fetch import fetch_all
from .ids import sorted_ids
from .model import Diagnostic, Fix
from .render.report import FORMATS
from .rules import REGISTRY, check_settings

EXIT_CLEAN, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def _fail(message: str) -> NoReturn:
    click.echo(f"decisions: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _rule_names(values: tuple[str, ...]) -> list[str]:
    names = [name.strip() for value in values for name in value.split(",") if name.strip()]
    for name in names:
        if name not in REGISTRY:
            _fail(f"unknown rule '{name}'{did_you_mean(name, list(REGISTRY))}; "
                  "'decisions rules' lists them")
    return names


config_option = click.option(
    "-f",
    "--config-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The mkdocs.yml whose 'decisions' plugin options to use "
    "(default: mkdocs.yml in the current directory, if any).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="decisions")
def cli() -> None:
    """Check and publish architecture decision records and RFCs."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@config_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(list(FORMATS)),
    default="text",
    show_default=True,
    help="How to print the findings.",
)
@click.option("--fix", is_flag=True, help="Fix what is safely fixable, editing files in place.")
@click.option("--select", multiple=True, metavar="RULE", help="Run only these rules (repeatable, or comma-separated).")
@click.option("--ignore", multiple=True, metavar="RULE", help="Skip these rules (repeatable, or comma-separated).")
@click.option("--explain", is_flag=True, help="Show how each named file was read (format, fields, links) instead of linting.")
@click.option("--since", metavar="REF", help="Also check what changed since REF (a branch, tag or commit): "
              "rewritten accepted records, status changes, deletions, numbers taken at REF.")
@click.option("--records-only", is_flag=True, help="Leave out named files that are not records of the project "
              "(for pre-commit, which names every changed file); with none left, there is nothing to report.")
@click.option("--today", metavar="DATE", help="The date the rules take for today (reviews due, comment periods, "
              "dates in the future); default: SOURCE_DATE_EPOCH's date when set, else today.")
def lint(
    paths: tuple[Path, ...],
    config_file: Path | None,
    output_format: str,
    fix: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    explain: bool,
    since: str | None,
    records_only: bool,
    today: str | None,
) -> None:
    """Check the records of the archive, or only those under PATHS.

    The whole archive is always read, so links between records are checked
    even when only some files are named (as pre-commit does). A named file
    that is not a record stops the command (exit 2), unless --records-only.
    """
    # A short-lived process whose objects all live until it exits: the cycle
    # collector would only re-walk them (a tenth of the run on big archives).
    gc.disable()
    selected, ignored = _rule_names(select), _rule_names(ignore)
    settings = _settings(config_file, paths)
    if settings.sources:
        if paths or fix or explain or since or selected or ignored:
            _fail("a catalogue (sources) is linted whole: FILES, --fix, --explain, --since, --select and --ignore "
                  "work inside each source")
        _lint_catalogue(settings, output_format, _date_option("--today", today))
    if records_only and paths:
        paths, found = _records_among(settings, paths)
        if not paths:  # no record among them: nothing to read, nothing to report
            summary = {"records": found, "errors": 0, "warnings": 0, "fixed": 0}
            click.echo("" if explain else FORMATS[output_format]([], summary), nl=False)
            sys.exit(EXIT_CLEAN)
    scope = _scope(settings, paths)
    archive = Archive.load(settings, _date_option("--today", today))
    history.note_acceptance(archive)
    _check_named_files(archive, paths, scope)
    if explain:
        _explain(archive, scope)
        return
    baseline = _baseline(settings, since)
    if archive.nothing_found:
        click.echo(f"decisions: warning: {archive.nothing_found}", err=True)
    notice = generating.engine_notice(settings, config_file or find_config_file(settings.root))
    if notice:
        click.echo(f"decisions: warning: {notice}", err=True)
    result = archive.check(selected, ignored, baseline)
    fixed = 0
    fixes = [fix for diagnostic, fix in result.fixes if _in_scope(diagnostic.path, scope)]
    if fix and fixes:
        fixed = _apply_fixes(archive, fixes)
        accepted, archive = archive.accepted, Archive.load(settings, archive.today)
        archive.accepted = accepted  # --fix changes no status, so no record came into force
        result = archive.check(selected, ignored, baseline)
    diagnostics = [d for d in result.diagnostics if _in_scope(d.path, scope)]
    _report(diagnostics, output_format, len(archive.records), fixed=fixed)


def _report(diagnostics: list[Diagnostic], output_format: str, records: int, fixed: int = 0, of: str = "") -> NoReturn:
    """Print lint's findings in `output_format`, the summary line on standard
    error (`of`: where the records are, in a catalogue), and exit 1 on an
    error; info is neither an error nor a warning."""
    errors = sum(d.severity.value == "error" for d in diagnostics)
    warnings = sum(d.severity.value == "warning" for d in diagnostics)
    summary = {"records": records, "errors": errors, "warnings": warnings, "fixed": fixed}
    click.echo(FORMATS[output_format](diagnostics, summary), nl=False)
    if output_format == "text" and (diagnostics or fixed):
        done = f"; fixed {fixed} file(s)" if fixed else ""
        click.echo(f"{errors} error(s), {warnings} warning(s) in {records} record(s){of}{done}", err=True)
    sys.exit(EXIT_ERRORS if errors else EXIT_CLEAN)


def _catalogue(settings: Settings, today: datetime.date | None) -> Catalogue:
    """A catalogue's sources read as one (RFC-0003); each it cannot read is a warning."""
    found = Catalogue.load(settings, today)
    for sentence in found.unread:
        click.echo(f"decisions: warning: {sentence}", err=True)
    return found


def _governed(settings: Settings, today: datetime.date | None) -> Archive:
    """The archive `review`, `refs` and `graph` look at: the project's, with when git
    says each record came into force, or a catalogue's sources as one."""
    if settings.sources:
        return _catalogue(settings, today).archive
    archive = Archive.load(settings, today)
    history.note_acceptance(archive)
    return archive


def _lint_catalogue(settings: Settings, output_format: str, today: datetime.date | None) -> NoReturn:
    """`lint` of a catalogue: every source, and the links between them."""
    found = _catalogue(settings, today)
    _report(found.check(), output_format, len(found.archive.records), of=f" of {len(found.sources)} source(s)")


@cli.command()
@config_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["svg", "dot", "mermaid", "json"]),
    default="svg",
    show_default=True,
    help="Drawing (svg), Graphviz (dot), Mermaid, or the graph as JSON.",
)
@click.option("--kind", metavar="KIND", help="Only records of this kind (e.g. adr).")
@click.option("--focus", metavar="ID", help="Only this record's lineage: everything it replaced or that replaced it.")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE instead of standard output."
)
def graph(
    config_file: Path | None, output_format: str, kind: str | None, focus: str | None, output: Path | None
) -> None:
    """Draw the supersession graph of the archive."""
    from .render import graphs

    settings = _settings(config_file, ())
    archive = _governed(settings, None) if settings.sources else Archive.load(settings)  # a catalogue's: all sources
    kinds = [k.name for k in archive.settings.kinds]
    if kind is not None and kind not in kinds:
        _fail(f"unknown kind '{kind}'{did_you_mean(kind, kinds)}; kinds: {', '.join(kinds)}")
    focus_id = None
    if focus is not None:
        # in a catalogue, ids are qualified (`payments:ADR-0003`) and taken as written
        focus_id = focus if focus in archive.by_id else archive.scheme.normalise(focus, kind or kinds[0])
        if focus_id not in archive.by_id:
            _fail(f"no record with id '{focus}'; 'decisions graph --format json' lists them")
    # nodes link to the record files, relative to the project root
    urls = {record.path: record.path for record in archive.records}
    view = graphs.view(archive, urls, kind=kind, focus=focus_id)
    if output_format == "svg":
        title = f"Lineage of {focus_id}" if focus_id else "Supersession graph"
        text = graphs.svg(view, title=title, highlight=focus_id) + "\n"
    else:
        text = graphs.FORMATS[output_format](view)
    if output is None:
        click.echo(text, nl=False)
    else:
        try:
            write.replace(output, text.encode("utf-8"))
        except write.WriteError as error:
            _fail(str(error))


@cli.command("new")
@click.argument("kind", required=False)
@click.argument("title", required=False)
@config_option
@click.option("--supersedes", metavar="ID", help="The record this one replaces; both name each other at once, "
              "and it is marked superseded when this one is accepted.")
@click.option("--status", metavar="STATUS", help="Initial status (default: the kind's first proposal status).")
@click.option("--author", "authors", multiple=True, metavar="NAME", help="Deciders of an ADR, authors of an RFC (repeatable).")
@click.option("--list", "list_templates", is_flag=True, help="List the templates and where each comes from.")
def new_record(
    kind: str | None,
    title: str | None,
    config_file: Path | None,
    supersedes: str | None,
    status: str | None,
    authors: tuple[str, ...],
    list_templates: bool,
) -> None:
    """Create KIND record TITLE from its template, under the next free number.

    The record is written in the format of the kind's records (ours, MADR,
    adr-tools or inline). Prints the new file's path. The sections still to
    write are marked with [TODO: ...] prompts, which 'decisions lint'
    reports until they are filled.
    """
    settings = _settings(config_file, ())
    if list_templates:
        try:
            found = handbook.templates(settings)
        except ConfigError as error:
            _fail(str(error))
        width = max(map(len, found))
        for template in found.values():
            click.echo(f"{template.name:<{width}}  {template.title}  ({template.origin})")
        return
    if not kind or not title:
        _fail("usage: decisions new KIND TITLE [--supersedes ID] [--status S] [--author NAME]")
    # here, not at the top: its hashlib loads OpenSSL, which every `decisions lint` would pay for
    from .authoring.new import create

    try:
        path, updated = create(settings, kind, title, status=status, people=authors, supersedes=supersedes)
    except UsageError as error:
        _fail(str(error))
    except AuthoringError as error:
        _refuse(error)
    click.echo(os.path.relpath(path))
    for line in updated:
        click.echo(line, err=True)


@cli.command("status")
@click.argument("record_id", metavar="ID")
@click.argument("new_status", metavar="NEW_STATUS")
@config_option
@click.option("--by", metavar="ID", help="The successor, when the record becomes superseded.")
@click.option("--force", is_flag=True, help="Make the change even though the record has errors, "
              "or the change would cause findings.")
@click.option("--review-in", metavar="PERIOD", help="Set review_by this long from today (12m, 1y, 6w, 30d), "
              "when the record comes into force.")
def change_status(
    record_id: str, new_status: str, config_file: Path | None, by: str | None, force: bool, review_in: str | None
) -> None:
    """Move record ID to NEW_STATUS, as the kind's lifecycle allows.

    Linked records change in the same step: accepting a record that
    supersedes others marks them superseded; --by links a superseded record
    and its successor both ways. A record with errors (template text left
    in, a field its new status requires) is not accepted without --force.
    """
    archive = Archive.load(_settings(config_file, ()))
    _report_changes(lambda: apply_change(archive, record_id, new_status, by, force, review_in))


@cli.command()
@click.argument("which", metavar="PATH_OR_ID")
@config_option
@click.option("--since", metavar="REF", help="Also avoid the numbers REF uses (another branch's new records).")
def renumber(which: str, config_file: Path | None, since: str | None) -> None:
    """Move a record to the next free number and rewrite every link to it.

    For two branches that both added ADR-0042: run it on this branch's
    record, naming it by path, with --since the other branch.
    """
    settings = _settings(config_file, ())
    archive = Archive.load(settings)
    baseline = _baseline(settings, since)
    taken = set(baseline.ids_at_ref) if baseline else set()
    if os.path.exists(which):
        which = Path(which).resolve().relative_to(settings.root.resolve()).as_posix()
    _report_changes(lambda: move(archive, which, taken))


def _report_changes(action) -> None:
    """Print what `action` changed, or why it refused (exit 1) or could not run (exit 2)."""
    try:
        changes = action()
    except UsageError as error:
        _fail(str(error))
    except AuthoringError as error:
        _refuse(error)
    for line in changes:
        click.echo(line)


def _refuse(error: AuthoringError) -> NoReturn:
    """The command ran but would not (or could not) make the change: exit 1."""
    click.echo(f"decisions: {error}", err=True)
    sys.exit(EXIT_ERRORS)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@config_option
@click.option("--to", "target", type=click.Choice(["native"]), required=True, help="The format to write.")
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
def migrate(paths: tuple[Path, ...], config_file: Path | None, target: str, dry_run: bool) -> None:
    """Rewrite records of other formats (adr-tools, MADR, ...) in our frontmatter format.

    Everything after the metadata is kept byte for byte; each file is
    written atomically. Prints what was mapped and what could not be.
    """
    settings = _settings(config_file, paths)
    scope = _scope(settings, paths)
    archive = Archive.load(settings)
    if archive.nothing_found:
        click.echo(f"decisions: warning: {archive.nothing_found}", err=True)
    _check_named_files(archive, paths, scope)
    changes = migration.plan(archive, scope)
    for change in changes:
        click.echo(f"{change.path}: {change.source_format} -> {target}: {'; '.join(change.mapped) or 'nothing to map'}")
        for problem in change.unmapped:
            click.echo(f"  not mapped: {problem}")
    if not dry_run:
        try:
            migration.apply(archive, changes)
        except AuthoringError as error:
            _refuse(error)
    verb = "would rewrite" if dry_run else "rewrote"
    click.echo(f"{verb} {len(changes)} record(s)", err=True)
    forced = [k.name for k in settings.kinds if k.format not in ("auto", "native")]
    if changes and not dry_run and forced:
        click.echo(f"set 'format: native' (or remove 'format') for kind(s) {', '.join(forced)} in mkdocs.yml", err=True)


@cli.command()
@click.option("--name", "site_name", metavar="NAME", help="The site's name (default: the folder's name).")
@click.option("--author", metavar="NAME", help="Who decided the first ADR and wrote the first RFC "
              "(default: git's user.name).")
def init(site_name: str | None, author: str | None) -> None:
    """Set up this folder for decision records: mkdocs.yml with the plugin
    and the handbook, a first ADR and RFC, pre-commit and CI configuration.

    A file that exists is never overwritten.
    """
    from .authoring.init import init as set_up

    root = Path.cwd()
    person = author or history.user_name(root)
    if not person:
        _fail("who decided the first ADR? give --author NAME (git has no user.name here)")
    try:
        done = set_up(root, site_name=site_name or root.name, person=person, today=build_date().isoformat())
    except AuthoringError as error:
        _refuse(error)
    for path in done.written:
        click.echo(f"wrote {path}")
    for path, hint in done.kept:
        click.echo(f"kept {path}: {hint}")
    if done.install_placeholder:
        click.echo("edit .github/workflows/decisions.yml: put the git URL you install mkdocs-decisions from "
                   "in its 'pip install' line (OWNER is a placeholder)")
    click.echo("next: decisions lint, then mkdocs serve")


@cli.command("generate")
@config_option
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="The folder to write, inside docs_dir (default: decisions/ in docs_dir); only a folder "
              "the generator made, or an empty one, is written.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 naming each file that is stale.")
@click.option("--watch", is_flag=True, help="Generate again after each change to the records or mkdocs.yml.")
@click.option("--no-page-assets", is_flag=True,
              help="Pages do not link the stylesheet and script: list them in mkdocs.yml's extra_css and "
              "extra_javascript instead.")
def generate_pages(config_file: Path | None, out: Path | None, check: bool, watch: bool, no_page_assets: bool) -> None:
    """Write the decision pages as Markdown, for Zensical and any MkDocs-compatible engine."""
    found = config_file or find_config_file(Path.cwd())
    found = found.resolve() if found is not None else None
    watching = watch and not check
    runs: list[tuple[generating.Project, Path]] = []  # what each run read, and the folder it wrote

    def run() -> int:
        """Read the configuration and the records again, and generate (or check)."""
        try:
            settings = load_settings(found, Path.cwd())
            check_settings(settings)
            project = generating.Project.read(settings, found)
            folder = (out if out is not None else project.docs_dir / "decisions").resolve()
            runs[:] = [(project, folder)]
            made = generating.generate(project, folder, page_assets=not no_page_assets)
            difference = generating.compare(made)
            if not check:
                generating.apply(made, difference)
        except (ConfigError, generating.GenerateError, write.WriteError, OSError) as error:
            if not watching:
                _fail(str(error))
            click.echo(f"decisions: error: {error}", err=True)
            return EXIT_USAGE
        _report_generated(made, difference, check)
        return EXIT_ERRORS if check and (difference.written or difference.removed) else EXIT_CLEAN

    code = run()
    if watching and runs:
        project, folder = runs[0]
        click.echo("watching the records and mkdocs.yml; Ctrl-C stops", err=True)
        try:
            generating.watch(generating.watched_paths(project), found, folder, run)
        except KeyboardInterrupt:
            return
    sys.exit(code)


def _report_generated(made: generating.Generated, difference: generating.Difference, check: bool) -> None:
    shown = os.path.relpath(made.folder)
    for warning in made.warnings:
        click.echo(f"decisions: warning: {warning}", err=True)
    for name in made.skipped_extensions:
        click.echo(f"decisions: markdown extension '{name}' cannot be loaded here: records are converted "
                   "without it", err=True)
    errors = sum(d.severity.value == "error" for _, d in made.findings)
    if errors:
        click.echo(f"decisions: {errors} error(s) in the records; 'decisions lint' lists them", err=True)
    if not check:
        click.echo(f"{shown}: {len(difference.written)} written, {len(difference.removed)} removed, "
                   f"{difference.unchanged} unchanged")
        return
    stale = [f"  {name} (stale)" for name in difference.written]
    stale += [f"  {name} (no longer generated)" for name in difference.removed]
    if stale:
        click.echo(f"{shown}: {len(stale)} file(s) differ from what 'decisions generate' writes:")
        click.echo("\n".join(stale))
    else:
        click.echo(f"{shown}: up to date ({difference.unchanged} files)")


@cli.command("review")
@config_option
@click.option("--due-within", "within", default="0d", show_default=True, metavar="PERIOD",
              help="Also what falls due within this long (30d, 6w, 3m): reviews, and comment periods that end.")
@click.option("--today", metavar="DATE", help="The date to count from (default: SOURCE_DATE_EPOCH's, else today).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def review(config_file: Path | None, within: str, today: str | None, output_format: str) -> None:
    """List the records due for review, and the proposals whose comment period is over or ends soon."""
    archive = _governed(_settings(config_file, ()), _date_option("--today", today))
    limit = governance.after_period(archive.today, within)
    if limit is None:
        _fail(f"--due-within {within}: write a number of days or weeks, e.g. 30d or 6w")
    found = governance.due(archive, limit)
    if output_format == "json":
        click.echo(json.dumps({"today": archive.today.isoformat(), "due": [
            {"id": item.record.id, "path": item.record.path, "title": item.record.title, "status": item.record.status,
             "what": item.what, "date": item.date.isoformat(), "days_left": (item.date - archive.today).days}
            for item in found]}, indent=2))
        return
    for item in found:
        left = (item.date - archive.today).days
        when = "today" if left == 0 else f"in {left} day(s)" if left > 0 else f"{-left} day(s) ago"
        if item.what == "review":
            said = "due for review"
        else:
            said = "comment period ends" if left >= 0 else "comment period ended"
        position = item.record.position_of(item.field)
        click.echo(f"{item.record.path}:{position.line}:{position.column}: {item.record.id} ({item.record.status}) "
                   f"{said} {item.date.isoformat()}, {when}")


@cli.group("sources")
def sources() -> None:
    """A catalogue's sources (RFC-0003)."""


@sources.command("sync")
@config_option
def sync(config_file: Path | None) -> None:
    """Fetch every git source into .decisions-cache/ (partial clones, several at once)."""
    settings = _settings(config_file, ())
    remote = [given for given in settings.sources if is_git_url(given.get("repo", ""))]
    if not remote:
        _fail("no git source to fetch: 'sources' in mkdocs.yml names none")
    failed = 0
    for done in fetch_all(settings.root, remote):
        if done.problem:
            failed += 1
            click.echo(f"decisions: warning: source '{done.name}': cannot fetch: {done.problem}", err=True)
        else:
            click.echo(f"{done.name}: {done.commit[:12]}")
    sys.exit(EXIT_ERRORS if failed else EXIT_CLEAN)


@cli.command("refs")
@click.argument("ids", nargs=-1)
@config_option
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def refs(ids: tuple[str, ...], config_file: Path | None, output_format: str) -> None:
    """Where the code cites each record (or only IDS), and the citations of records that are missing or replaced."""
    settings = _settings(config_file, ())
    archive = _governed(settings, None)
    wanted = []
    for written in ids:
        # in a catalogue, ids are qualified (`payments:ADR-0003`) and taken as written
        record_id = written if written in archive.by_id else archive.scheme.normalise(written, settings.kinds[0].name)
        if record_id is None:
            _fail(f"'{written}' is not a record id (ADR-0003)")
        wanted.append(record_id)
    cited: dict[str, list[governance.Citation]] = {}
    for citation in archive.citations:
        if not wanted or citation.id in wanted:
            cited.setdefault(citation.id, []).append(citation)
    order = sorted_ids(set(cited) | set(wanted))
    if output_format == "json":
        click.echo(json.dumps({record_id: {
            "title": archive.by_id[record_id].title if record_id in archive.by_id else None,
            "status": archive.by_id[record_id].status if record_id in archive.by_id else None,
            "cited_at": [{"path": c.path, "line": c.line, "column": c.column} for c in cited.get(record_id, [])],
        } for record_id in order}, indent=2))
        return
    for record_id in order:
        record = archive.by_id.get(record_id)
        said = f"{record.title} ({record.status})" if record is not None else "(no such record)"
        places = ", ".join(f"{c.path}:{c.line}" for c in cited.get(record_id, [])) or "not cited"
        click.echo(f"{record_id} {said}: {places}")


@cli.command("approve")
@click.argument("record_id", metavar="ID")
@click.option("--as", "name", required=True, metavar="NAME", help="Who approves (as the kind's approvers name them).")
@click.option("--date", "day", metavar="DATE", help="The day of the approval (default: today).")
@config_option
def approve_record(record_id: str, name: str, day: str | None, config_file: Path | None) -> None:
    """Record an approval of a record, in the record."""
    settings = _settings(config_file, ())
    archive = Archive.load(settings)
    try:
        click.echo(approve(archive, record_id, name, _date_option("--date", day)))
    except UsageError as error:
        _fail(str(error))
    except AuthoringError as error:
        _refuse(error)


@cli.command("rules")
def list_rules() -> None:
    """List every rule with its severity and what it checks."""
    width = max(map(len, REGISTRY))
    for rule in REGISTRY.values():
        fixable = " (fixable)" if rule.fixable else ""
        click.echo(f"{rule.id:<{width}}  {rule.severity.value:<7}  {rule.doc}{fixable}")


def _settings(config_file: Path | None, paths: tuple[Path, ...]) -> Settings:
    """Settings from -f, or mkdocs.yml here, or a project directory given as the only PATH."""
    cwd = Path.cwd()
    if config_file is None and len(paths) == 1 and paths[0].is_dir():
        project = paths[0].resolve()
        if find_config_file(project) or not _inside_kind_directory(cwd, project):
            cwd = project
    try:
        settings = load_settings(config_file, cwd)
        check_settings(settings)
    except ConfigError as error:
        _fail(str(error))
    return settings


def _date_option(option: str, value: str | None) -> datetime.date | None:
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        _fail(f"{option} {value}: not a date; write it as year-month-day, e.g. 2026-03-01")


def _inside_kind_directory(cwd: Path, path: Path) -> bool:
    try:
        settings = load_settings(None, cwd)
    except ConfigError:
        return False
    return any(
        os.path.commonpath([path, (settings.root / kind.directory).resolve()])
        == str((settings.root / kind.directory).resolve())
        for kind in settings.kinds
    )


def _scope(settings: Settings, paths: tuple[Path, ...]) -> list[str] | None:
    """The relative paths whose findings to print; None for all of them."""
    root = settings.root.resolve()
    scope = []
    for path in paths:
        if not path.exists():
            _fail(f"{path}: no such file or directory")
        resolved = path.resolve()
        if resolved == root:
            return None
        if os.path.commonpath([resolved, root]) != str(root):
            _fail(f"{path}: outside the project ({root}); use -f to name the project's mkdocs.yml")
        scope.append(resolved.relative_to(root).as_posix())
    return scope or None


def _in_scope(path: str, scope: list[str] | None) -> bool:
    return scope is None or any(path == s or path.startswith(s.rstrip("/") + "/") for s in scope)


def _baseline(settings: Settings, since: str | None):
    if since is None:
        return None
    from .baseline import SinceError, baseline

    try:
        return baseline(settings, since)
    except SinceError as error:
        _fail(str(error))


def _explain(archive: Archive, scope: list[str] | None) -> None:
    if scope is None:  # the whole archive: say first where its records were looked for
        for kind in archive.settings.kinds:
            click.echo(f"{kind.name}: records in {kind.directory}/ ({kind.found_by})")
    for record in archive.records:
        if not _in_scope(record.path, scope):
            continue
        click.echo(f"{record.path}: format {record.format}")
        click.echo(f"  id: {record.id or '(none)'}")
        click.echo(f"  title: {record.title or '(none)'}")
        for key, field in record.fields.items():
            line, column = field.value_at[0], field.value_at[1]
            click.echo(f"  {key} ({line}:{column}): {field.value!r}")
        if record.status and record.value("status") != record.status:
            click.echo(f"  status read as: {record.status}")
        for link in record.links:
            where = f"{link.position.line}:{link.position.column}"
            via = f" via {link.href}" if link.href else ""
            click.echo(f"  link ({where}): {link.relation} {link.target}{via}")
        for problem in record.problems:
            click.echo(f"  problem ({problem.position.line}:{problem.position.column}): {problem.kind} {problem.detail}")


def _check_named_files(archive: Archive, paths: tuple[Path, ...], scope: list[str] | None) -> None:
    """A named file that is not a record would otherwise pass silently."""
    if scope is None:
        return
    for path, relative in zip(paths, scope):
        if path.is_file() and relative not in archive.by_path:
            if archive.settings.kind_owning(relative) is not None:
                reason = skipped_because(archive.settings, relative)
                if reason:
                    _fail(f"{path}: not read as a record: {reason}")
            directories = ", ".join(f"{k.directory}/" for k in archive.settings.kinds)
            _fail(
                f"{path}: not a record of this project (records live in {directories} under "
                f"{archive.settings.root}); run from the project's root or name its mkdocs.yml with -f"
            )


def _records_among(settings: Settings, paths: tuple[Path, ...]) -> tuple[tuple[Path, ...], int]:
    """For --records-only: the named paths less the files that are not records
    of the project (outside it, outside its kinds' folders, excluded by name,
    of another extension), and how many records the project has. Folders and
    names that do not exist are kept, for `_scope` to judge as usual."""
    root = os.path.realpath(settings.root)
    records = {relative for _, _, relative, _ in discover(settings)}
    kept = []
    for path in paths:
        if path.is_file():
            # the file's own name, as discover() lists it, even when it is a symbolic link
            where = os.path.join(os.path.realpath(path.absolute().parent), path.name)
            if os.path.commonpath([where, root]) != root:
                continue
            if Path(os.path.relpath(where, root)).as_posix() not in records:
                continue
        kept.append(path)
    return tuple(kept), len(records)


def _apply_fixes(archive: Archive, fixes: list[Fix]) -> int:
    """Write the fixed files, saying which were left alone (changed since read)."""
    written, skipped = fixing.apply(archive, fixes)
    for line in skipped:
        click.echo(f"decisions: {line}", err=True)
    return written


def main() -> None:
    try:
        cli.main(prog_name="decisions", standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.Abort:
        click.echo("decisions: aborted", err=True)
        sys.exit(EXIT_USAGE)
    except click.ClickException as error:
        _fail(error.format_message())
