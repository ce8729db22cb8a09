"""Ids written in prose: what the reference pattern finds, and what it does not."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_decisions.ids import IdScheme

SCHEME = IdScheme({"adr": "ADR", "rfc": "RFC", "dr": "D"}, 4)


def test_reference_pattern_finds_ids_in_either_case():
    text = "See ADR-3, adr 12 and Rfc-0007b (ADR3); D-5 too."
    assert [m.group() for m in SCHEME.reference_pattern.finditer(text)] == [
        "ADR-3",
        "adr 12",
        "Rfc-0007b",
        "ADR3",
        "D-5",
    ]


def test_reference_pattern_needs_a_word_on_its_own():
    text = "xADR-3 ADR-12x9 R-3 RADR-1 ADR- rfc_4 ADRs-2 D-"
    assert [m.group() for m in SCHEME.reference_pattern.finditer(text)] == []


# The pattern is written for speed; it must find what the plain, case-blind
# spelling of the same rule finds, on any ASCII text.
_PLAIN = re.compile(r"\b(?:ADR|RFC|D)[- ]?\d+[a-z]?\b", re.IGNORECASE | re.ASCII)
_PIECES = st.sampled_from(["ADR", "adr", "Rfc", "D", "d", "r", "-", " ", "_", "1", "07", "b", "X", "x", ".", "\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=24).map("".join))
def test_reference_pattern_agrees_with_the_plain_rule(text):
    found = [m.span() for m in SCHEME.reference_pattern.finditer(text)]
    assert found == [m.span() for m in _PLAIN.finditer(text)]


# `references` finds ids without walking every letter; it must find exactly
# what the pattern finds, on any text, including letters whose lower case is
# longer (İ) or is ASCII although they are not (the Kelvin sign).
_ANY_PIECES = st.one_of(_PIECES, st.sampled_from(["İ", "\u212a", "é", "ß"]), st.text(max_size=3))


@settings(max_examples=300, deadline=None)
@given(st.lists(_ANY_PIECES, max_size=24).map("".join))
def test_references_agree_with_the_pattern(text):
    found = [m.span() for m in SCHEME.references(text)]
    assert found == [m.span() for m in SCHEME.reference_pattern.finditer(text)]


def test_references_keep_positions_in_text_with_longer_lower_case():
    text = "İstanbul: ADR-3 and rfc 4"
    assert [(m.start(), m.group()) for m in SCHEME.references(text)] == [(10, "ADR-3"), (20, "rfc 4")]


def test_references_see_the_letter_before_a_prefix():
    assert [m.group() for m in SCHEME.references("xADR-3 -ADR-4 dADR-5")] == ["ADR-4"]
