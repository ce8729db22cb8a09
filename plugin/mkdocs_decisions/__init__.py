"""mkdocs-decisions: lint architecture decision records and RFCs, and publish them with MkDocs."""

__version__ = "0.1.0"
