"""Tekton's TEPs: YAML frontmatter over markdown, as our format, with the
process's own names (`creation-date`, `superseded-by`, `see-also`, which the
kind's field aliases map to ours). Its template leaves fields empty
(`see-also:`), which in our format is a mistake: here it is no value.
"""

from __future__ import annotations

from ..config import KindSettings
from ..ids import IdScheme
from ..model import Record
from . import native


def read(record: Record, text: str, kind: KindSettings, scheme: IdScheme) -> None:
    native.read(record, text, kind, scheme, no_value=True)
