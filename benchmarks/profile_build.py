#!/usr/bin/env python3
"""Where a plugin build's time goes: the plugin's work, timed inside one build.

    python benchmarks/profile_build.py MKDOCS_YML [--site DIR]

Builds the site in this process with MkDocs' own `build()` and times, with
plain clocks (no profiler, which would inflate Python-heavy code), MkDocs'
two page passes and each part of the plugin: its events, reading and
checking the archive, sanitising and id linking, and each kind of page it
renders. Prints wall and CPU time for the whole build and a line per part.
Parts nest (an event contains the calls made from it), so the lines do not
add up. For a corpus, run build.py once, or make_corpus.py with a
plugin_config() mkdocs.yml beside it.
"""

from __future__ import annotations

import argparse
import collections
import functools
import os
import resource
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "plugin"))  # a checkout's plugin first

from mkdocs.commands import build as mkdocs_build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402

from mkdocs_decisions import archive, plugin  # noqa: E402
from mkdocs_decisions.render import autolink, pages, sanitize  # noqa: E402

spent: collections.Counter[str] = collections.Counter()


def timed(owner: object, name: str, label: str) -> None:
    """Replace owner.name with a wrapper that adds its time to spent[label]."""
    original = owner.__dict__[name] if isinstance(owner, type) else getattr(owner, name)
    function = original.__func__ if isinstance(original, (staticmethod, classmethod)) else original

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[label] += time.perf_counter() - start

    if isinstance(original, staticmethod):
        wrapper = staticmethod(wrapper)
    elif isinstance(original, classmethod):
        wrapper = classmethod(wrapper)
    setattr(owner, name, wrapper)


def instrument() -> None:
    timed(mkdocs_build, "_populate_page", "MkDocs: read and convert pages (all)")
    timed(mkdocs_build, "_build_page", "MkDocs: render and write pages (all)")
    for event in ("on_files", "on_nav", "on_page_markdown", "on_page_content", "on_page_context"):
        timed(plugin.DecisionsPlugin, event, f"plugin {event}")
    timed(archive.Archive, "load", "  reading the archive")
    timed(archive.Archive, "check", "  checking it")
    timed(pages, "export", "  decisions.json")
    plugin.export = pages.export  # the plugin imported it by name
    timed(sanitize, "clean", "  sanitising record HTML")
    timed(autolink, "link_ids", "  linking ids in record HTML")
    plugin.link_ids = autolink.link_ids
    for method in ("record_header", "record_footer", "lineage", "index", "timeline", "graph", "in_force"):
        timed(pages.SitePages, method, f"  SitePages.{method}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("config", help="the mkdocs.yml of a site that uses the plugin")
    parser.add_argument("--site", help="where to build (default: a temporary folder)")
    options = parser.parse_args()
    instrument()
    with tempfile.TemporaryDirectory(prefix="decisions-profile-") as scratch:
        config = load_config(options.config, site_dir=options.site or scratch)
        wall, cpu = time.perf_counter(), time.process_time()
        mkdocs_build.build(config)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"build: {wall:.2f} s wall, {cpu:.2f} s CPU, peak RSS {peak:.0f} MB")
    for label, seconds in spent.most_common():
        print(f"{seconds:8.2f} s  {label}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
