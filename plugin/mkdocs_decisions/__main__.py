"""`python -m mkdocs_decisions` is the `decisions` command."""

from .cli import main

main()
