"""Typographic quotation marks in the Indonesian edition: HTML, EPUB and the LaTeX
source of the PDF (docutils' smart quotes with the id profile's, locales/languages.yaml)."""

from __future__ import annotations

import zipfile

import pytest
from bs4 import BeautifulSoup

from helpers.prose import KORBAN, quote_faults

pytestmark = pytest.mark.slow

QUOTED = (
    "\u2018kemurungan\u2019",
    "\u2018musuh\u2019",
    "\u2018pemilik\u2019",
    "meng\u2018ajar\u2019kan",
)


def page_text(markup: str) -> str:
    main = BeautifulSoup(markup, "html.parser").select_one('[role="main"]')
    assert main is not None, "no [role=main] block"
    return main.get_text()


def test_html_has_typographic_quotes(book_build):
    out, proc = book_build("id", "html")
    assert proc.returncode == 0, proc.stderr
    page = (out / "model-intervensi.html").read_text("utf-8")
    for word in QUOTED:
        assert word in page
    assert "'kemurungan'" not in page and "&#39;kemurungan&#39;" not in page
    for html in sorted(out.glob("*.html")):
        if html.name not in ("genindex.html", "search.html"):
            assert quote_faults(page_text(html.read_text("utf-8"))) == [], html.name
    assert KORBAN in (out / "catatan-editorial.html").read_text("utf-8")


def test_epub_has_typographic_quotes(book_build):
    out, proc = book_build("id", "epub")
    assert proc.returncode == 0, proc.stderr
    with zipfile.ZipFile(next(out.glob("*.epub"))) as book:
        name = next(n for n in book.namelist() if n.endswith("model-intervensi.xhtml"))
        text = book.read(name).decode("utf-8")
        notes = book.read(
            next(n for n in book.namelist() if n.endswith("catatan-editorial.xhtml"))
        ).decode("utf-8")
    for word in QUOTED:
        assert word in text
    assert KORBAN in notes and quote_faults(page_text(notes)) == []


def test_latex_has_typographic_quotes(book_build):
    out, proc = book_build("id", "latex")
    assert proc.returncode == 0, proc.stderr
    tex = next(out.glob("*.tex")).read_text("utf-8")
    for word in QUOTED:
        assert word in tex
    assert "'kemurungan'" not in tex
