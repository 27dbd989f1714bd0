"""Typographic quotation marks in the Indonesian edition: HTML, EPUB and the LaTeX
source of the PDF (docutils' smart quotes with the entry of i18n/quotes.py)."""
from __future__ import annotations

import zipfile

import pytest

pytestmark = pytest.mark.slow

QUOTED = ("\u2018kemurungan\u2019", "\u2018musuh\u2019", "\u2018pemilik\u2019")


def test_html_has_typographic_quotes(book_build):
    out, proc = book_build("id", "html")
    assert proc.returncode == 0, proc.stderr
    page = (out / "model-intervensi.html").read_text("utf-8")
    for word in QUOTED:
        assert word in page
    assert "'kemurungan'" not in page and "&#39;kemurungan&#39;" not in page


def test_epub_has_typographic_quotes(book_build):
    out, proc = book_build("id", "epub")
    assert proc.returncode == 0, proc.stderr
    with zipfile.ZipFile(next(out.glob("*.epub"))) as book:
        name = next(n for n in book.namelist() if n.endswith("model-intervensi.xhtml"))
        text = book.read(name).decode("utf-8")
    for word in QUOTED:
        assert word in text


def test_latex_has_typographic_quotes(book_build):
    out, proc = book_build("id", "latex")
    assert proc.returncode == 0, proc.stderr
    tex = next(out.glob("*.tex")).read_text("utf-8")
    for word in QUOTED:
        assert word in tex
    assert "'kemurungan'" not in tex
