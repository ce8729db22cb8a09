"""Ids in a record's HTML become links only in prose."""

from mkdocs_decisions.ids import IdScheme
from mkdocs_decisions.render.autolink import link_ids

SCHEME = IdScheme({"adr": "ADR", "rfc": "RFC"}, 4)


def link(markup: str) -> str:
    def resolve(written: str) -> tuple[str, str]:
        return f"../{SCHEME.normalise(written, 'adr')}/", f"title of {written}"

    return link_ids(markup, SCHEME.references(markup), resolve)


def test_ids_in_text_become_links():
    assert link("<p>See ADR-3 &amp; rfc 7.</p>") == (
        '<p>See <a class="decisions-ref" href="../ADR-0003/" title="title of ADR-3">ADR-3</a> &amp; '
        '<a class="decisions-ref" href="../RFC-0007/" title="title of rfc 7">rfc 7</a>.</p>'
    )


def test_ids_in_code_links_headings_and_attributes_stay_text():
    markup = (
        '<h2 id="adr-1">ADR-1</h2><p><code>ADR-2</code> <a href="x">ADR-3</a> '
        '<img alt="ADR-4" src="y"></p><pre><code>ADR-5\n</code></pre><p>ADR-6</p>'
    )
    linked = link(markup)
    assert linked == markup.replace(
        "<p>ADR-6</p>", '<p><a class="decisions-ref" href="../ADR-0006/" title="title of ADR-6">ADR-6</a></p>'
    )


def test_text_after_a_skipped_element_is_linked_again():
    assert link("<pre><code>ADR-1</code></pre>ADR-2 <code>x</code> ADR-3").count('class="decisions-ref"') == 2


def test_an_unclosed_element_to_skip_runs_to_the_end():
    markup = "<p>ADR-1 <code>ADR-2 ADR-3"
    assert link(markup).count('class="decisions-ref"') == 1


def test_ids_the_archive_does_not_know_stay_text():
    markup = "<p>ADR-1 and ADR-2</p>"
    assert link_ids(markup, SCHEME.references(markup), lambda written: None) == markup
