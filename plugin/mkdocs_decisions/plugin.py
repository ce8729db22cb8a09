"""MkDocs glue (filled in by the site issue): the entry point must load."""

from __future__ import annotations

from mkdocs.plugins import BasePlugin


class DecisionsPlugin(BasePlugin):
    """Publishes decision records; see the site documentation."""
