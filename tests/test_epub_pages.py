"""Print page numbers in the e-book (issue 20, item 8): ``make site`` builds the PDF,
then the EPUB, whose page-list has the PDF's pages and whose page break markers stand
where each PDF page starts; epubcheck and DAISY Ace still report nothing."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pypdf
import pytest
from bs4 import BeautifulSoup

from helpers.ace import ace_issues
from helpers.book_facts import BASENAME, LANGS, epubcheck
from helpers.latex_check import pdf_pages

pytestmark = [pytest.mark.epub, pytest.mark.print]


def key(text: str) -> str:
    """Letters and digits only, lower case (hyphenation, quotes and spaces differ)."""
    return "".join(c for c in text.casefold() if c.isalnum())


@pytest.fixture(scope="module")
def books(published, epub_toolchain) -> dict[str, tuple[Path, Path]]:
    build_dir, codes = published
    assert codes["pdf"] == 0 and codes["epub"] == 0, codes
    return {
        lang: (
            build_dir / "pdf" / f"{BASENAME}-{lang}.pdf",
            build_dir / "epub" / f"{BASENAME}-{lang}.epub",
        )
        for lang in LANGS
    }


def page_list(epub: Path) -> list[tuple[str, str]]:
    with zipfile.ZipFile(epub) as z:
        nav = BeautifulSoup(z.read("nav.xhtml"), "html.parser")
    found = nav.find("nav", attrs={"epub:type": "page-list"})
    assert found is not None, "no page-list in nav.xhtml"
    return [(a.get_text(), a["href"]) for a in found.find_all("a")]


def after_markers(epub: Path) -> dict[str, str]:
    """Each page break marker's label -> the text that follows it (as a key)."""
    found = {}
    with zipfile.ZipFile(epub) as z:
        for name in (n for n in z.namelist() if n.endswith(".xhtml") and n != "nav.xhtml"):
            page = z.read(name).decode("utf-8")
            body = page[page.index("<body") :]
            for m in re.finditer(
                r'<span epub:type="pagebreak" role="doc-pagebreak" '
                r'id="page-([^"]+)" aria-label="([^"]+)"/>',
                body,
            ):
                text = BeautifulSoup(body[m.end() :], "html.parser").get_text(" ")
                found[m.group(2)] = key(text)[:24]
                assert m.group(1) == m.group(2), m.group(0)
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_list_has_every_page_of_the_pdf(books, lang):
    pdf, epub = books[lang]
    labels = pypdf.PdfReader(pdf).page_labels
    entries = page_list(epub)
    assert [label for label, _ in entries] == labels  # i, ii, ..., 1, 2, ...
    markers = after_markers(epub)
    assert sorted(markers) == sorted(labels)
    for label, href in entries:
        assert href.endswith(f"#page-{label}"), href


@pytest.mark.parametrize("lang", LANGS)
def test_each_marker_precedes_words_of_its_pdf_page(books, lang):
    pdf, epub = books[lang]
    labels = pypdf.PdfReader(pdf).page_labels
    texts = pdf_pages(pdf)  # pdftotext -raw: a table's cells in reading order
    markers = after_markers(epub)
    contents = {"id": "Daftar Isi", "en": "Contents"}[lang]
    index = {"id": "Indeks", "en": "Index"}[lang]
    hrefs = dict(page_list(epub))
    checked, in_index = [], False
    for label, text in zip(labels, texts, strict=False):
        in_index = in_index or text.strip().startswith(index)
        if in_index:  # the index's lines carry page numbers: its pages start where it does
            assert hrefs[label].startswith("genindex.xhtml#"), (label, hrefs[label])
            continue
        if not text.strip() or text.strip().startswith(contents):
            continue  # a blank page, or the contents: they start where the next page does
        assert markers[label] and markers[label] in key(text), (label, markers[label], text[:300])
        checked.append(label)
    assert len(checked) >= len(labels) // 2, checked
    # the first chapter's page: the marker stands before its first paragraph
    first = {
        "id": "Hal inti dari sebuah intervensi, baik itu",
        "en": "The essence of an intervention, whether",
    }[lang]
    assert markers["1"] == key(first)[:24], markers["1"]


@pytest.mark.parametrize("lang", LANGS)
def test_paged_epub_passes_epubcheck_and_daisy_ace(books, lang, tmp_path):
    _, epub = books[lang]
    proc = epubcheck(epub)
    assert "Messages: 0 fatals / 0 errors / 0 warnings / 0 infos" in proc.stdout, proc.stdout
    assert ace_issues(epub, tmp_path / "ace") == []
    with zipfile.ZipFile(epub) as z:
        opf = z.read("content.opf").decode("utf-8")
    # the page source: the PDF of the same language (EPUB 3.2's dc:source + source-of)
    assert f'<dc:source id="page-source">{BASENAME}-{lang}.pdf</dc:source>' in opf
    assert '<meta refines="#page-source" property="source-of">pagination</meta>' in opf
    assert "pageNavigation" in opf and "pageBreakMarkers" in opf
