"""Links between pages (`render/urls.py`), against MkDocs' own arithmetic."""

from __future__ import annotations

import pytest
from mkdocs.utils import get_relative_url

from mkdocs_decisions.render.urls import relative_url


@pytest.mark.parametrize(
    ("target", "page", "expected"),
    [
        ("adr/0004-y/", "adr/0003-x/", "../0004-y/"),
        ("adr/", "", "adr/"),
        ("", "adr/", "../"),
        ("adr/", "adr/", "./"),
        ("rfc/0001-a/", "adr/0003-x/", "../../rfc/0001-a/"),
        ("decisions.json", "adr/0003-x/", "../../decisions.json"),
        ("adr/0004-y.html", "adr/0003-x.html", "0004-y.html"),
        ("index.html", "adr/index.html", "../index.html"),
        ("adr/index.html", "index.html", "adr/index.html"),
        ("a/b/c.html", "a/b/x/y.html", "../c.html"),
        # two folders in common, and pages under the one linked to
        ("a/b/d/", "a/b/c/", "../d/"),
        ("adr/0001/", "adr/0001/x/", "../"),
        ("assets/decisions/decisions.css", "adr/0003-x/", "../../assets/decisions/decisions.css"),
        # a leading slash on either side (a site_url path) changes nothing
        ("/adr/0004-y/", "/adr/0003-x/", "../0004-y/"),
        ("adr/0004-y/", "/adr/0003-x/", "../0004-y/"),
        ("/adr/", "", "adr/"),
    ],
)
def test_relative_urls_between_pages(target, page, expected):
    assert relative_url(target, page) == expected
    # the same as MkDocs' own answer, where MkDocs has one
    if target and page:
        assert relative_url(target, page) in (get_relative_url(target, page), get_relative_url(target, page) + "/")


def test_a_file_named_like_the_folder_the_page_is_in():
    # MkDocs answers "..", the folder; the link is to the file of that name
    assert relative_url("adr/0001", "adr/0001/x/") == "../../0001"


def test_only_slashes_are_taken_off_the_front():
    """Folders whose names start with a letter (here `X`) keep it: only a leading `/` is dropped."""
    assert relative_url("XEP/0002-b/", "XEP/0001-a/") == "../0002-b/"
    assert relative_url("/XEP/", "/XEP/0001-a/") == "../"
