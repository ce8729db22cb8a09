"""The engineering handbook and the document templates shipped in the package.

* `pages/*.md` are the handbook's pages, mounted by the plugin under a
  prefix (default `handbook/`);
* `templates/*.md` are the documents people start from: `decisions new`
  uses the ADR and RFC ones, and the handbook shows every one with a copy
  button and a download link. A team's own templates folder (the
  `templates_dir` option) overrides ours file by file and can add more;
* `examples/` is a small archive of worked example records, published with
  the handbook and linted like any other record.
"""

from __future__ import annotations

import dataclasses
import re
from importlib import resources
from pathlib import Path

from ..config import ConfigError, Settings

_PACKAGE = resources.files(__package__)
_HEADING = re.compile(r"^#\s+(.+?)\s*$", re.MULTILINE)
#: names for the record templates, whose heading is only the title placeholder
_RECORD_TITLES = {"adr": "Architecture decision record", "rfc": "Request for comments"}


@dataclasses.dataclass(frozen=True)
class Template:
    name: str  # "adr", "postmortem"
    text: str
    origin: str  # "builtin" or the user's file, relative to the project

    @property
    def title(self) -> str:
        """The template's first heading, without its placeholder."""
        found = _HEADING.search(self.text)
        heading = (found.group(1) if found else "").replace("[Title]", "").rstrip(" :")
        return heading or _RECORD_TITLES.get(self.name, self.name)


def pages() -> dict[str, str]:
    """Handbook page name (`adr-template.md`) -> markdown."""
    folder = _PACKAGE.joinpath("pages")
    return {
        item.name: item.read_text(encoding="utf-8")
        for item in sorted(folder.iterdir(), key=lambda item: item.name)
        if item.name.endswith(".md")
    }


def unlink(markdown: str, pages: set[str]) -> str:
    """Links to left-out pages turned into their plain text, so the rest
    of the handbook still builds in strict mode."""
    if not pages:
        return markdown
    names = "|".join(re.escape(page) for page in sorted(pages))
    return re.sub(rf"\[([^\]]+)\]\((?:{names})(?:#[^)]*)?\)", r"\1", markdown)


def templates(settings: Settings) -> dict[str, Template]:
    """Every template by name: ours, overridden or extended by the team's own."""
    found = {
        item.name[:-3]: Template(item.name[:-3], item.read_text(encoding="utf-8"), "builtin")
        for item in sorted(_PACKAGE.joinpath("templates").iterdir(), key=lambda item: item.name)
        if item.name.endswith(".md")
    }
    folder = user_templates_dir(settings)
    if folder is not None:
        for path in sorted(folder.glob("*.md")):
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                raise ConfigError(f"templates_dir: cannot read {path.name}: {error}") from None
            found[path.stem] = Template(path.stem, text, path.relative_to(settings.root).as_posix())
    return found


def user_templates_dir(settings: Settings) -> Path | None:
    option = settings.templates_dir
    if not option:
        return None
    folder = settings.root / option
    if not folder.is_dir():
        raise ConfigError(f"templates_dir: {option} is not a directory")
    return folder


def examples_settings() -> Settings:
    """Settings for the worked examples: the default kinds, under `examples/`;
    no code cites them (`code_paths` is empty: nothing is searched)."""
    return Settings.from_mapping({"code_paths": []}, Path(str(_PACKAGE.joinpath("examples"))))
